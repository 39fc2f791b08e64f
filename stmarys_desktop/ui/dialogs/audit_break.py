"""Recording what happened to a broken audit log (issue 16, D123).

The break stays on file as evidence; once the manager has written what was found out,
the urgent alert goes and the key file's anchor moves on to the newest row.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from stmarys_desktop.domain.dates import long_stamp
from stmarys_desktop.services import integrity
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.dialogs.form import FormDialog
from stmarys_desktop.ui.offers import fit_to_screen
from stmarys_desktop.ui.widgets import add_row, named, paragraph

INTRO = (
    "The audit log no longer holds rows that were written, or a row has changed. Until "
    "you record what happened, every check reports it and the start screen warns. Find "
    "out what happened first (a restored copy of the PC, a repair, someone with the "
    "database key); keep any evidence; then write it down here. The break stays on file."
)


class AuditBreakDialog(FormDialog):
    def __init__(self, parent: QWidget | None, session: Session) -> None:
        super().__init__(parent, "Audit log break", "Record what happened", INTRO)
        self.session = session
        for found in integrity.open_breaks(session):
            self.form.addRow(
                paragraph(f"Found {long_stamp(found.found_at)}: {found.problem}", "Break found")
            )
        self.what_happened = named(QPlainTextEdit(), "What happened")
        self.what_happened.setTabChangesFocus(True)
        add_row(self.form, "&What happened:", self.what_happened)
        fit_to_screen(self, 96, 24)

    def submit(self) -> None:
        integrity.explain_break(self.session, self.what_happened.toPlainText())
