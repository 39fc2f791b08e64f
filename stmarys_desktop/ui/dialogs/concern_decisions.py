"""The safeguarding lead's decisions: confirm a concern, not confirm it, close an exception.

Each is a recorded act with a note. Confirming a concern about a child's
welfare or about violence opens an exception on the family (clause 4);
closing the exception is a separate act of its own.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from stmarys_desktop.domain.dates import long_stamp
from stmarys_desktop.domain.incidents import FamilyException, IncidentSummary
from stmarys_desktop.services import incidents
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.dialogs.form import FormDialog
from stmarys_desktop.ui.offers import cited
from stmarys_desktop.ui.text_box import TextBox
from stmarys_desktop.ui.widgets import add_row


def _concern_words(concern: IncidentSummary) -> str:
    family = f"family {concern.family_reference}" if concern.family_reference else "no family"
    return (
        f"Record {concern.id}: {concern.kind.label.lower()}, {family}, "
        f"{long_stamp(concern.occurred_at)}, recorded by {concern.recorded_by}."
    )


class ConfirmConcernDialog(FormDialog):
    def __init__(self, parent: QWidget | None, session: Session, concern: IncidentSummary) -> None:
        super().__init__(
            parent,
            f"Confirm the concern (record {concern.id})",
            "Confirm the concern",
            _concern_words(concern)
            + cited(
                session,
                " Confirming it opens an exception on "
                "the family: while the exception is open, the family's details may go to "
                "Children's Services and the police, and to no one else (Confidentiality Policy, "
                "clause 4). Closing the exception later is a separate, recorded act.",
            ),
        )
        self.session = session
        self.concern = concern
        self.opened: FamilyException | None = None
        self.note = TextBox("Note", 3, "What you checked, and who you spoke to (optional)")
        add_row(self.form, "&Note:", self.note)

    def submit(self) -> None:
        self.opened = incidents.confirm_concern(self.session, self.concern.id, self.note.text())


class DeclineConcernDialog(FormDialog):
    def __init__(self, parent: QWidget | None, session: Session, concern: IncidentSummary) -> None:
        super().__init__(
            parent,
            f"Concern not confirmed (record {concern.id})",
            "Record: not confirmed",
            _concern_words(concern) + " If you do not confirm it, no exception opens; the "
            "record and your reason stay in the family's chronology.",
        )
        self.session = session
        self.concern = concern
        self.reason = TextBox("Why it is not confirmed", 3)
        add_row(self.form, "&Why not:", self.reason)

    def submit(self) -> None:
        incidents.decline_concern(self.session, self.concern.id, self.reason.text())


class CloseExceptionDialog(FormDialog):
    def __init__(
        self, parent: QWidget | None, session: Session, exception: FamilyException
    ) -> None:
        super().__init__(
            parent,
            f"Close exception {exception.id}",
            "Close the exception",
            f"{exception.label}, on family {exception.family_reference}, resting on record "
            f"{exception.incident_id}. Once it is closed, the family's details no longer go to "
            "Children's Services or the police on the strength of it. Closing it is recorded "
            "with your reason.",
        )
        self.session = session
        self.exception = exception
        self.reason = TextBox(
            "Why it is being closed", 3, "For example: Children's Services closed the case on ..."
        )
        add_row(self.form, "&Why:", self.reason)

    def submit(self) -> None:
        incidents.close_exception(self.session, self.exception.id, self.reason.text())
