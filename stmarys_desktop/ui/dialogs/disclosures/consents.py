"""Written consents (clause iv): the list, and recording, withdrawing and printing one."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.dates import add_years, short_date
from stmarys_desktop.domain.disclosures import Consent
from stmarys_desktop.policy.disclosure import RecipientKind
from stmarys_desktop.printing.letters import consent_form_paper
from stmarys_desktop.services import disclosure, settings
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.dialogs.disclosures.common import (
    FamilyForms,
    adult_combo,
    fill,
    kind_combo,
)
from stmarys_desktop.ui.forms import CallbackForm
from stmarys_desktop.ui.widgets import (
    add_row,
    button,
    date_edit,
    named,
    picked_date,
    readonly_table,
)


def items_ticked(address: QCheckBox, telephone: QCheckBox) -> frozenset[str]:
    return frozenset(
        name for name, box in (("address", address), ("telephone", telephone)) if box.isChecked()
    )


class ConsentsTab(QGroupBox):
    def __init__(self, forms: FamilyForms) -> None:
        super().__init__()  # its tab says what it is
        self.forms = forms
        self.rows: list[Consent] = []
        self.setAccessibleName("Written consents")
        self.table = readonly_table(
            "Consents",
            ["No.", "Given by", "To", "Covers", "Signed", "Last day", "Withdrawn", "Paper kept at"],
        )
        self.record_button = button("Record consent…", "Record consent")
        self.withdraw_button = button("Withdraw…", "Withdraw consent")
        self.form_button = button("Print consent form…", "Print consent form")
        self.record_button.clicked.connect(self.record_consent)
        self.withdraw_button.clicked.connect(self.withdraw_consent)
        self.form_button.clicked.connect(self.print_consent_form)
        row = QHBoxLayout()
        for widget in self.buttons():
            row.addWidget(widget)
        row.addStretch(1)
        inner = QVBoxLayout(self)
        inner.addWidget(self.table)
        inner.addLayout(row)

    def buttons(self) -> list[QPushButton]:
        return [self.record_button, self.withdraw_button, self.form_button]

    def refresh(self, rows: list[Consent]) -> None:
        self.rows = rows
        fill(
            self.table,
            [
                [
                    str(c.id),
                    c.given_by_name,
                    c.recipient,
                    ", ".join(sorted(c.items)),
                    short_date(c.signed_on),
                    short_date(c.expires_on),
                    f"{short_date(c.withdrawn_on)} ({c.withdrawn_how})" if c.withdrawn_on else "",
                    c.paper_kept_at,
                ]
                for c in rows
            ],
        )

    def _consent_fields(
        self, form: CallbackForm
    ) -> tuple[QComboBox, QLineEdit, QComboBox, QCheckBox, QCheckBox]:
        adult = adult_combo(self.forms.family)
        add_row(form.form, "&Given by:", adult)
        recipient = named(QLineEdit(), "Recipient")
        add_row(form.form, "&To:", recipient)
        kind = kind_combo(list(RecipientKind))
        add_row(form.form, "&Kind:", kind)
        address = named(QCheckBox("Address"), "Covers the address")
        telephone = named(QCheckBox("Telephone"), "Covers the telephone")
        address.setChecked(True)
        row = QHBoxLayout()
        row.addWidget(address)
        row.addWidget(telephone)
        holder = QWidget()
        holder.setLayout(row)
        add_row(form.form, "Covers:", holder)
        return adult, recipient, kind, address, telephone

    @staticmethod
    def _last_day_fields(form: CallbackForm, today: date) -> tuple[QCheckBox, QDateEdit]:
        """The end date, as the last day the consent holds (D105)."""
        ends = named(QCheckBox("Holds up to and including"), "Has a last day")
        ends_on = date_edit("Last day it holds", add_years(today, 1))
        row = QHBoxLayout()
        row.addWidget(ends)
        row.addWidget(ends_on)
        holder = QWidget()
        holder.setLayout(row)
        add_row(form.form, "Last day:", holder)
        return ends, ends_on

    def record_consent(self) -> None:
        forms = self.forms
        form = forms.form(
            "Record a written consent",
            "Record",
            "One adult's signed consent, naming one recipient and what it "
            "covers. One parent's consent never covers the other parent.",
        )
        adult, recipient, kind, address, telephone = self._consent_fields(form)
        today = forms.session.centre.clock().date()
        signed = date_edit("Date signed", today)
        add_row(form.form, "&Signed on:", signed)
        kept = named(QLineEdit(), "Where the signed paper is kept")
        add_row(form.form, "&Paper kept at:", kept)
        ends, ends_on = self._last_day_fields(form, today)
        form.run = lambda: disclosure.record_consent(
            forms.session,
            forms.family_id,
            given_by=adult.currentData(),
            recipient=recipient.text(),
            recipient_kind=kind.currentData(),
            items=items_ticked(address, telephone),
            signed_on=picked_date(signed),
            paper_kept_at=kept.text(),
            expires_on=picked_date(ends_on) if ends.isChecked() else None,
        )
        forms.finish(form)

    def withdraw_consent(self) -> None:
        forms = self.forms
        row = self.table.currentRow()
        if row < 0:
            messages.inform(forms.dialog, "Withdraw consent", "Choose a consent in the list first.")
            return
        consent = self.rows[row]
        form = forms.form(
            "Withdraw consent",
            "Record the withdrawal",
            f"Consent {consent.id}: {consent.given_by_name} to {consent.recipient}.",
        )
        when = date_edit("Date withdrawn", forms.session.centre.clock().date())
        add_row(form.form, "&Withdrawn on:", when)
        how = named(QLineEdit(), "How it was withdrawn")
        add_row(form.form, "&How:", how)
        form.run = lambda: disclosure.withdraw_consent(
            forms.session, forms.family_id, consent.id, picked_date(when), how.text()
        )
        forms.finish(form)

    def print_consent_form(self) -> None:
        forms = self.forms
        form = forms.form(
            "Consent form",
            "Make the form",
            "A form pre-filled with exactly this consent, for the adult to sign.",
        )
        adult, recipient, _kind, address, telephone = self._consent_fields(form)
        ends, ends_on = self._last_day_fields(form, forms.session.centre.clock().date())
        made = {}

        def run() -> None:
            made["form"] = disclosure.consent_form(
                forms.session,
                forms.family_id,
                given_by=adult.currentData(),
                recipient=recipient.text(),
                items=items_ticked(address, telephone),
                expires_on=picked_date(ends_on) if ends.isChecked() else None,
            )

        form.run = run
        if forms.finish(form) and "form" in made:
            forms.save_pdf(
                "Consent form",
                f"{forms.family.reference}-consent.pdf",
                consent_form_paper(made["form"], settings.letterhead(forms.session)),
            )
