"""The register's corrections: a reason for a late check-in, a coordinator's correction
with a reason, another day's register to read (D145, D147), and moving or cancelling a
booked session or the rest of its series."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.dates import long_weekday
from stmarys_desktop.domain.errors import InvalidInput, NeedsConfirmation, StMarysError
from stmarys_desktop.domain.sessions import CANCELLED_BY, Attendee, RegisterEntry
from stmarys_desktop.domain.words import plural
from stmarys_desktop.services import register, series
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.dialogs.form import FormDialog
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.models.register import (
    AttendeeColumn,
    AttendeesModel,
    RegisterModel,
    SessionColumn,
    people_in_sight,
)
from stmarys_desktop.ui.offers import Refusals, selected_row, show_decision, table
from stmarys_desktop.ui.sizing import Dialog, want
from stmarys_desktop.ui.tables import rows_tall
from stmarys_desktop.ui.widgets import (
    add_row,
    button,
    close_buttons,
    date_edit,
    line_edit,
    named,
    paragraph,
    picked_date,
    row,
)


class LateCheckInDialog(FormDialog):
    """A check-in long after the person's time: the register keeps why."""

    def __init__(
        self,
        parent: QWidget | None,
        session: Session,
        entry: RegisterEntry,
        person: Attendee,
        question: str,
    ) -> None:
        super().__init__(parent, "Late check-in", "Check in", question)
        self._session, self._entry, self._person = session, entry, person
        self.changed: RegisterEntry | None = None
        self.reason = line_edit(
            "Reason for the late check-in", placeholder="For example: the bus was late"
        )
        add_row(self.form, "&Reason:", self.reason)
        want(self, 60)  # the question and the placeholder on few lines

    def submit(self) -> None:
        self.changed = register.check_in(
            self._session, self._entry.session_id, self._person.person_id, self.reason.text()
        )


def _time_field(name: str, value: str | None) -> tuple[QCheckBox, QTimeEdit]:
    given = named(QCheckBox(name), name)
    edit = named(QTimeEdit(), f"{name}, time")
    edit.setDisplayFormat("HH:mm")
    if value:
        hours, minutes = value.split(":")
        edit.setTime(QTime(int(hours), int(minutes)))
        given.setChecked(True)
    edit.setEnabled(given.isChecked())
    given.toggled.connect(edit.setEnabled)
    return given, edit


class CorrectAttendanceDialog(FormDialog):
    """A coordinator's correction of one person's times, with the reason."""

    def __init__(
        self, parent: QWidget | None, session: Session, entry: RegisterEntry, person: Attendee
    ) -> None:
        super().__init__(
            parent,
            "Correct the register",
            "Save the correction",
            f"{person.full_name}, {entry.reference}, {long_weekday(entry.on_date)}, "
            f"{entry.starts} to {entry.ends}. What was recorded first "
            "stays in the family's chronology beside the correction.",
        )
        self._session, self._entry, self._person = session, entry, person
        self.changed: RegisterEntry | None = None
        self.arrived, self.arrived_at = _time_field("Arrived", person.arrived_at)
        self.left, self.left_at = _time_field("Left", person.left_at)
        for check, edit in ((self.arrived, self.arrived_at), (self.left, self.left_at)):
            line = QHBoxLayout()
            line.addWidget(check)
            line.addWidget(edit, 1)
            self.form.addRow(line)
        self.reason = named(QPlainTextEdit(), "Reason for the correction")
        self.reason.setTabChangesFocus(True)
        add_row(self.form, "&Reason:", self.reason)

    def submit(self) -> None:
        self.changed = register.correct_attendance(
            self._session,
            self._entry.session_id,
            self._person.person_id,
            arrived_at=self.arrived_at.time().toString("HH:mm")
            if self.arrived.isChecked()
            else None,
            left_at=self.left_at.time().toString("HH:mm") if self.left.isChecked() else None,
            reason=self.reason.toPlainText(),
        )


def _rest_box(entry: RegisterEntry) -> QCheckBox:
    rest = named(QCheckBox("This and the &rest of its series"), "This and the rest of its series")
    if entry.series_id is None:
        rest.setEnabled(False)
        rest.setToolTip("This session is not part of a series.")
    return rest


class MoveSessionsDialog(FormDialog):
    """Move a booked session, or it and the later sessions of its series (all or none)."""

    def __init__(self, parent: QWidget | None, session: Session, entry: RegisterEntry) -> None:
        super().__init__(
            parent,
            "Move the session",
            "Move",
            f"{entry.reference}, {long_weekday(entry.on_date)}, "
            f"{entry.starts} to {entry.ends}. With the "
            "rest of the series, every later session moves by the same number "
            "of days, to the new times; if one cannot, none moves.",
        )
        self._session, self._entry = session, entry
        self.moved = 0
        self.on_date = date_edit("New date", entry.on_date)
        self.starts = named(QTimeEdit(QTime.fromString(entry.starts, "HH:mm")), "Starts at")
        self.ends = named(QTimeEdit(QTime.fromString(entry.ends, "HH:mm")), "Ends at")
        for edit in (self.starts, self.ends):
            edit.setDisplayFormat("HH:mm")
        self.rest = _rest_box(entry)
        add_row(self.form, "&Date:", self.on_date)
        add_row(self.form, "&Starts at:", self.starts)
        add_row(self.form, "&Ends at:", self.ends)
        self.form.addRow(self.rest)

    def _move(self, accept: bool) -> int:
        return series.move_sessions(
            self._session,
            self._entry.session_id,
            picked_date(self.on_date),
            self.starts.time().toString("HH:mm"),
            self.ends.time().toString("HH:mm"),
            and_the_rest=self.rest.isChecked(),
            accept_warnings=accept,
        )

    def submit(self) -> None:
        try:
            self.moved = self._move(False)
        except NeedsConfirmation as exc:
            text = "\n".join(f"• {w}" for w in exc.warnings)
            if not messages.ask(
                self,
                "Please check before moving",
                f"{text}\n\nMove anyway?",
                "Move anyway",
                "Go back",
            ):
                raise InvalidInput("Nothing was moved.") from None
            self.moved = self._move(True)


class CancelSessionsDialog(FormDialog):
    """Cancel a booked session, or it and the later sessions of its series, saying who."""

    def __init__(self, parent: QWidget | None, session: Session, entry: RegisterEntry) -> None:
        super().__init__(
            parent,
            "Cancel sessions",
            "Cancel the session",
            f"{entry.reference}, {long_weekday(entry.on_date)}, "
            f"{entry.starts} to {entry.ends}. The "
            "attendance letter says who cancelled and when it was known.",
        )
        self.keep_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self._session, self._entry = session, entry
        self.cancelled = 0
        self.cancelled_by = named(QComboBox(), "Cancelled by")
        for who in CANCELLED_BY:
            self.cancelled_by.addItem(who.capitalize(), who)
        self.rest = _rest_box(entry)
        self.rest.toggled.connect(self._say_how_many)
        add_row(self.form, "Cancelled &by:", self.cancelled_by)
        self.form.addRow(self.rest)
        self._say_how_many()

    def _say_how_many(self) -> None:
        """'Cancel the session', or 'Cancel the 3 sessions' with the rest of the series."""
        count = series.sessions_changed(
            self._session, self._entry.session_id, self.rest.isChecked()
        )
        which = "the session" if count == 1 else f"the {plural(count, 'session')}"
        for widget, verb in ((self.ok_button, "Cancel"), (self.keep_button, "Keep")):
            widget.setText(f"{verb} {which}")
            widget.setAccessibleName(f"{verb} {which}")

    def submit(self) -> None:
        self.cancelled = series.cancel_sessions(
            self._session,
            self._entry.session_id,
            self.cancelled_by.currentData(),
            and_the_rest=self.rest.isChecked(),
        )


# The sessions another day's register asks room for: a usual day's, and one more.
DAY_IN_SIGHT = 10


class DayRegisterDialog(Dialog):
    """Another day's register, read-only; a coordinator may correct it with a reason."""

    def __init__(self, parent: QWidget | None, session: Session, day: date) -> None:
        super().__init__(parent)
        self.setWindowTitle("Register of another day")
        self.setAccessibleName("Register of another day")
        self._session = session
        self.day = date_edit("Day", day)
        self.day.dateChanged.connect(self.refresh)
        self.note = paragraph("", "About this day's register")
        self.register_model = RegisterModel()
        self.people_model = AttendeesModel()
        self.sessions, _ = table(
            self.register_model,
            "Sessions of the day",
            sortable=False,
            wrap=(SessionColumn.ARRIVES_FIRST, SessionColumn.LEAVES_FIRST, SessionColumn.STAFF),
        )
        self.people, _ = table(
            self.people_model, "Named people", sortable=False, stretch=(AttendeeColumn.NAME,)
        )
        self.sessions.selectionModel().selectionChanged.connect(self._session_chosen)
        self.people.selectionModel().selectionChanged.connect(self._update_buttons)
        self.correct_button = button("C&orrect attendance…", "Correct attendance")
        self.correct_button.clicked.connect(self.correct)
        self.move_button = button("&Move…", "Move the session")
        self.cancel_button = button("Ca&ncel…", "Cancel the session")
        self.move_button.clicked.connect(self.move_sessions)
        self.cancel_button.clicked.connect(self.cancel)
        self.refusals = Refusals()
        layout = QVBoxLayout(self)
        layout.addLayout(row(paragraph("Day:", "Day label"), self.day))
        layout.addWidget(self.note)
        # Room for a usual day's sessions; the named people take the room of the day's
        # largest family, and the sessions whatever the window has beside (issue 18).
        self.sessions.hint_rows = DAY_IN_SIGHT
        layout.addWidget(self.sessions, 1)
        layout.addWidget(self.people)
        layout.addLayout(row(self.correct_button, self.move_button, self.cancel_button))
        layout.addWidget(self.refusals)
        layout.addWidget(close_buttons(self))
        want(self, 110, 30)  # a day's sessions and their people without scrolling
        self.refresh()

    def select_session(self, session_id: int) -> None:
        row = self.register_model.row_of(session_id)
        if row >= 0:
            self.sessions.selectRow(row)

    def refresh(self, *_: object) -> None:
        day = picked_date(self.day)
        chosen = selected_row(self.sessions)
        try:
            entries = register.register_of_day(self._session, day)
        except StMarysError as exc:
            entries = []
            self.note.setText("The register could not be read: " + plain_text(exc))
        else:
            count = len(entries)
            self.note.setText(
                f"{long_weekday(day)}: {count} session{'s' if count != 1 else ''}"
                ". Read-only here; check-in and check-out happen on the day, on Today."
            )
        self.register_model.set_rows(entries)
        rows_tall(self.people, people_in_sight(entries))
        row = self.register_model.row_of(chosen.session_id) if chosen else -1
        if entries:
            self.sessions.selectRow(max(row, 0))
        self._session_chosen()

    def _session_chosen(self, *_: object) -> None:
        entry = selected_row(self.sessions)
        self.people_model.set_rows(entry.named if entry else [])
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        """Render the register service's answer for the chosen session and person."""
        entry, person = selected_row(self.sessions), selected_row(self.people)
        offered = register.day_offers(self._session, entry, person)
        show_decision(self.correct_button, offered.correct)
        show_decision(self.move_button, offered.move)
        show_decision(self.cancel_button, offered.cancel)
        self.refusals.set_reasons([offered.correcting.sentence, offered.booking.sentence])

    def move_sessions(self) -> None:
        entry = selected_row(self.sessions)
        if entry is not None:
            dialog = MoveSessionsDialog(self, self._session, entry)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.refresh()

    def cancel(self) -> None:
        entry = selected_row(self.sessions)
        if entry is not None:
            dialog = CancelSessionsDialog(self, self._session, entry)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.refresh()

    def correct(self) -> None:
        entry, person = selected_row(self.sessions), selected_row(self.people)
        if entry is None or person is None:
            return
        dialog = CorrectAttendanceDialog(self, self._session, entry, person)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
