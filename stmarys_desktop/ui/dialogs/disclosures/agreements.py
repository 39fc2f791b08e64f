"""Assessment agreements (clause v): which agency may carry out family assessments on the
premises, and when."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLineEdit, QVBoxLayout

from stmarys_desktop.domain.dates import add_years, short_date
from stmarys_desktop.domain.disclosures import Agreement
from stmarys_desktop.services import disclosure
from stmarys_desktop.ui.dialogs.disclosures.common import FamilyForms, fill
from stmarys_desktop.ui.widgets import (
    add_row,
    button,
    date_edit,
    named,
    picked_date,
    readonly_table,
)


class AgreementsTab(QGroupBox):
    def __init__(self, forms: FamilyForms) -> None:
        super().__init__()  # its tab says what it is
        self.forms = forms
        self.setAccessibleName("Assessment agreements")
        self.table = readonly_table("Agreements", ["No.", "Agency", "For", "From", "To", "Kept at"])
        self.record_button = button("Record agreement…", "Record agreement")
        self.record_button.clicked.connect(self.record_agreement)
        inner = QVBoxLayout(self)
        inner.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(self.record_button)
        row.addStretch(1)
        inner.addLayout(row)

    def refresh(self, rows: list[Agreement]) -> None:
        fill(
            self.table,
            [
                [
                    str(a.id),
                    a.agency,
                    "This family" if a.family_id else "Any family",
                    short_date(a.valid_from),
                    short_date(a.valid_to),
                    a.paper_kept_at,
                ]
                for a in rows
            ],
        )

    def record_agreement(self) -> None:
        forms = self.forms
        form = forms.form(
            "Record an assessment agreement",
            "Record",
            "Which agency may carry out family assessments on the premises, and when (clause v).",
        )
        agency = named(QLineEdit(), "Agency")
        add_row(form.form, "&Agency:", agency)
        this_family = named(QCheckBox(f"Only for {forms.family.reference}"), "Only for this family")
        this_family.setChecked(True)
        add_row(form.form, "For:", this_family)
        today = forms.session.centre.clock().date()
        valid_from = date_edit("From", today)
        valid_to = date_edit("To", add_years(today, 1))
        add_row(form.form, "F&rom:", valid_from)
        add_row(form.form, "T&o:", valid_to)
        kept = named(QLineEdit(), "Where the signed agreement is kept")
        add_row(form.form, "&Kept at:", kept)
        form.run = lambda: disclosure.record_agreement(
            forms.session,
            agency=agency.text(),
            family_id=forms.family_id if this_family.isChecked() else None,
            valid_from=picked_date(valid_from),
            valid_to=picked_date(valid_to),
            paper_kept_at=kept.text(),
        )
        forms.finish(form)
