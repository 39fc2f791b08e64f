"""The family's disclosure history: every attempt, allowed or refused, with its clause."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QVBoxLayout

from stmarys_desktop.domain.dates import short_stamp
from stmarys_desktop.policy.disclosure import Action
from stmarys_desktop.printing.history import HEADER
from stmarys_desktop.services import disclosure
from stmarys_desktop.ui.dialogs.disclosures.common import FamilyForms, fill, kind_words
from stmarys_desktop.ui.widgets import readonly_table


class HistoryTab(QGroupBox):
    def __init__(self, forms: FamilyForms) -> None:
        super().__init__()  # its tab says what it is
        self.forms = forms
        self.setAccessibleName("Disclosure history")
        self.table = readonly_table(
            "Disclosure history table",
            # The printed history's columns but the family: this is one family's.
            [column for column in HEADER if column != "Family"],
            wrap=True,  # the reason whole, on more lines (issue 18)
        )
        QVBoxLayout(self).addWidget(self.table)

    def refresh(self) -> None:
        session = self.forms.session
        if not disclosure.may_see_disclosure_history(session):
            self.table.setRowCount(0)
            return
        fill(
            self.table,
            [
                [
                    short_stamp(e.at),
                    e.actor,
                    Action(e.action).label,
                    e.about_person or "The family",
                    e.recipient,
                    kind_words(e.recipient_kind),
                    "Allowed" if e.allowed else "Refused",
                    e.clause,
                    e.basis or e.sentence,
                ]
                for e in disclosure.disclosure_history(session, self.forms.family_id)
            ],
        )
