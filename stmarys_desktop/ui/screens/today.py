"""The start screen: alerts, and today's register (DESIGN.md section 5).

Each session of the day in time order, with the staggered handovers; for the
chosen session, the people its referral names with their arrival and
departure times. Only they can be checked in: the service refuses anyone else,
and the screen then offers to record an incident (D20).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.alerts import INFO, URGENT, WARNING, Alert
from stmarys_desktop.domain.dates import file_date, long_weekday
from stmarys_desktop.domain.errors import NotAdmitted, ReasonNeeded, StMarysError
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.domain.sessions import (
    CANCELLED_BY,
    Attendee,
    RegisterEntry,
    SessionStatus,
)
from stmarys_desktop.printing.document import CONFIDENTIAL
from stmarys_desktop.services import printouts as printed
from stmarys_desktop.services import register
from stmarys_desktop.services.alerts import alerts
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import messages, printouts
from stmarys_desktop.ui.dialogs.attendance import DayRegisterDialog, LateCheckInDialog
from stmarys_desktop.ui.dialogs.form import FormDialog
from stmarys_desktop.ui.lists import FittedList
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.models.base import people_text
from stmarys_desktop.ui.models.register import (
    AttendeesModel,
    RegisterModel,
    SessionColumn,
    people_in_sight,
)
from stmarys_desktop.ui.offers import Refusals, selected_row, show_decision, table
from stmarys_desktop.ui.screens.base import Host, Screen
from stmarys_desktop.ui.tables import least_rows, rows_tall
from stmarys_desktop.ui.widgets import add_row, button, named, paragraph

# Words as well as order, so severity never depends on colour alone.
PREFIX = {URGENT: "Urgent: ", WARNING: "Warning: "}
NO_ALERTS = "No alerts today."
NO_SESSIONS = "No sessions are booked for today."
ICONS = {
    URGENT: QStyle.StandardPixmap.SP_MessageBoxCritical,
    WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}
DOOR_INCIDENT = "An adult not named on the referral asked to come in and was not admitted."
REGISTER = "The day's register"
PRINTOUT_TIP = f"{REGISTER}, marked \u201c{CONFIDENTIAL}\u201d"


class CancelSessionDialog(FormDialog):
    """Who cancelled a session; the register records it (clause iii letters use it)."""

    def __init__(self, parent: QWidget | None, session: Session, entry: RegisterEntry) -> None:
        super().__init__(
            parent,
            "Cancel the session",
            "Cancel the session",
            f"{entry.reference}, {entry.starts} to {entry.ends} in {entry.room}.",
        )
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText("Keep the session")
        self.cancel_button.setAccessibleName("Keep the session")
        self._session = session
        self._entry = entry
        self.cancelled_by = named(QComboBox(), "Cancelled by")
        for who in CANCELLED_BY:
            self.cancelled_by.addItem(who.capitalize(), who)
        add_row(self.form, "Cancelled &by:", self.cancelled_by)

    def submit(self) -> None:
        register.cancel_session(
            self._session,
            self._entry.session_id,
            self._entry.version,
            self.cancelled_by.currentData(),
        )


class DoorIncidentDialog(FormDialog):
    """Someone not named on the referral came to the door: an incident record."""

    def __init__(self, parent: QWidget | None, session: Session, entry: RegisterEntry) -> None:
        super().__init__(
            parent,
            "Record an incident at the door",
            "Record the incident",
            f"{entry.reference}, the {entry.starts} session. Say what happened, "
            "in plain words; the family's reference is added for you.",
        )
        self._session = session
        self._entry = entry
        self.incident_id: int | None = None
        self.description = named(QPlainTextEdit(DOOR_INCIDENT), "What happened")
        self.description.setTabChangesFocus(True)
        add_row(self.form, "&What happened:", self.description)

    def submit(self) -> None:
        self.incident_id = register.refuse_at_door(
            self._session, self._entry.session_id, self.description.toPlainText().strip()
        )


class TodayScreen(Screen):
    title = "Today"
    permission = Permission.VIEW_TODAY

    def __init__(self, host: Host, today: Callable[[], date] | None = None) -> None:
        super().__init__(host)
        self._today = today
        self.date_line = paragraph("", "Date")
        self.content.addWidget(self.date_line)

        alerts_box = QGroupBox("Alerts")
        alerts_box.setAccessibleName("Alerts")
        # As tall as its alerts (up to four, then it scrolls): the day's sessions take
        # the rest of the screen (issue 18).
        self.alerts = named(FittedList(most=4), "Alerts list")
        self.alerts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Enter or a double-click opens what the alert names (issue 18).
        self.alerts.itemActivated.connect(self._open_alert)
        QVBoxLayout(alerts_box).addWidget(self.alerts)
        self.content.addWidget(alerts_box)
        self.content.addWidget(self._register_box(), 1)
        self._update_buttons()

    # -- building ----------------------------------------------------------------------

    def _register_box(self) -> QGroupBox:
        box = QGroupBox("Today's sessions")
        box.setAccessibleName("Today's sessions")
        self.register_model = RegisterModel()
        self.people_model = AttendeesModel()
        self.sessions, _ = table(
            self.register_model,
            "Today's sessions table",
            sortable=False,
            # Who arrives and leaves first, and the staff, are never cut (issue 18): a
            # long name wraps onto a second line of its row.
            wrap=(SessionColumn.ARRIVES_FIRST, SessionColumn.LEAVES_FIRST, SessionColumn.STAFF),
        )
        # Never fewer than four sessions in sight, however many alerts and people (at
        # 150 % a manager's four alerts left room for one and a half).
        least_rows(self.sessions, 4)
        self.sessions.selectionModel().selectionChanged.connect(self._session_chosen)
        self.sessions_note = paragraph("", "About today's sessions")
        self.people, _ = table(self.people_model, "Named people", sortable=False)
        self.people.selectionModel().selectionChanged.connect(self._update_buttons)
        self.people_heading = paragraph(
            "Choose a session to see who is named on its referral.",
            "Named people for the chosen session",
        )
        # Clause i: an internal printout, marked on every page and logged by the service.
        self.printout = printouts.PrintoutButtons(
            "register",
            self._put_out_register,
            file_name=self._register_file,
            parent=self,
            said=lambda done: self.host.show_status(done),
            failed=lambda exc: messages.show_error(self, "Not printed", exc),
            description=REGISTER,
            print_label=("&Print register…", "Print register"),
            save_label=("Sa&ve register as PDF…", "Save register as PDF"),
        )
        self.print_register_button = self.printout.print_button
        self.save_register_button = self.printout.save_button
        note_row = QHBoxLayout()
        note_row.addWidget(self.sessions_note, 1)
        note_row.addWidget(self.print_register_button)
        note_row.addWidget(self.save_register_button)

        self.check_in_button = button("Check &in", "Check in")
        self.check_out_button = button("Check ou&t", "Check out")
        self.no_show_button = button("Did &not attend", "Did not attend")
        self.cancel_button = button("Canc&el…", "Cancel session")
        self.undo_button = button(
            "&Undo",
            "Undo the check-in or check-out",
            "Undo the chosen person's latest check-in or check-out "
            "(today, and only if you made it)",
        )
        self.other_day_button = button("Another d&ay's register…", "Another day's register")
        self.door_button = button("Unnamed adult at the &door…", "Unnamed adult at the door")
        self.refresh_button = button("&Refresh", "Refresh the register")
        self.check_in_button.clicked.connect(lambda: self.check_in())
        self.check_out_button.clicked.connect(self.check_out)
        self.no_show_button.clicked.connect(self.record_no_show)
        self.cancel_button.clicked.connect(self.cancel_session)
        self.door_button.clicked.connect(self.unnamed_at_door)
        self.undo_button.clicked.connect(self.undo)
        self.other_day_button.clicked.connect(self.open_other_day)
        self.refresh_button.clicked.connect(self.refresh_register)
        # Two columns of actions, so that the sessions above keep the height (issue 18:
        # at 150 % a column of eight buttons left room for one and a half sessions).
        actions = QGridLayout()
        for at, widget in enumerate(
            (
                self.check_in_button,
                self.no_show_button,
                self.check_out_button,
                self.cancel_button,
                self.undo_button,
                self.door_button,
                self.refresh_button,
                self.other_day_button,
            )
        ):
            widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            actions.addWidget(widget, at // 2, at % 2)
        actions.setRowStretch(4, 1)

        people_column = QVBoxLayout()
        people_column.addWidget(self.people_heading)
        people_column.addWidget(self.people, 1)
        lower = QHBoxLayout()
        lower.addLayout(people_column, 1)
        lower.addLayout(actions)
        self.refusals = Refusals()

        self._fit_people([])
        layout = QVBoxLayout(box)
        layout.addWidget(self.sessions, 1)
        layout.addLayout(note_row)
        layout.addLayout(lower)
        layout.addWidget(self.refusals)
        return box

    def _fit_people(self, entries: list[RegisterEntry]) -> None:
        """The named people take the room of the day's largest family (three to five
        rows; more scroll), the same whichever session is chosen, and the day's sessions
        the rest of the screen (issue 18)."""
        rows_tall(self.people, people_in_sight(entries))

    # -- filling -----------------------------------------------------------------------

    def _day(self, session: Session) -> date:
        return self._today() if self._today else session.centre.clock().date()

    def refresh(self) -> None:
        session = self.session
        if session is None:
            return
        today = self._day(session)
        self.date_line.setText(long_weekday(today))
        try:
            found = alerts(session, today)
        except StMarysError as exc:
            found = [Alert(WARNING, "The alerts could not be checked: " + plain_text(exc))]
        self.show_alerts(found)
        self.refresh_register()

    def show_alerts(self, found: list[Alert]) -> None:
        self.alerts.clear()
        for alert in found or []:
            item = QListWidgetItem(PREFIX.get(alert.severity, "") + alert.text)
            item.setIcon(self.style().standardIcon(ICONS[alert.severity]))
            item.setData(Qt.ItemDataRole.UserRole, alert)
            if alert.opens:
                item.setToolTip(f"Press Enter or double-click to open the {alert.opens}.")
            self.alerts.addItem(item)
        if not found:
            self.alerts.addItem(QListWidgetItem(NO_ALERTS))

    def _open_alert(self, item: QListWidgetItem) -> None:
        alert = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(alert, Alert) and alert.opens:
            self.host.open_place(alert.opens, alert.subject_id)

    def alert_texts(self) -> list[str]:
        return [self.alerts.item(row).text() for row in range(self.alerts.count())]

    def refresh_register(self) -> None:
        """Reload the day's sessions, keeping the chosen session and person."""
        session = self.session
        if session is None:
            return
        entry, person = self.selected_entry(), self.selected_person()
        try:
            entries = register.todays_register(session, self._day(session))
        except StMarysError as exc:
            entries = []
            self.sessions_note.setText("Today's sessions could not be read: " + plain_text(exc))
        else:
            self.sessions_note.setText(self._count_text(entries))
        self.register_model.set_rows(entries)
        self._fit_people(entries)
        if entry is not None:
            self.select_session(entry.session_id)
        if self.selected_entry() is None and entries:
            self.sessions.selectRow(0)
        self._session_chosen()
        if person is not None:
            self.select_person(person.person_id)

    @staticmethod
    def _count_text(entries: list[RegisterEntry]) -> str:
        if not entries:
            return NO_SESSIONS
        done = sum(e.status is not SessionStatus.BOOKED for e in entries)
        count = len(entries)
        return (
            f"{count} session{'s' if count != 1 else ''} today, in order of the first "
            f"arrival; {done} recorded as attended, missed or cancelled."
        )

    def _session_chosen(self, *_: object) -> None:
        entry = self.selected_entry()
        person = self.selected_person()
        self.people_model.set_rows(entry.named if entry else [])
        if entry is None:
            self.people_heading.setText("Choose a session to see who is named on its referral.")
        else:
            self.people_heading.setText(
                f"Named on the referral of {entry.reference} ({entry.starts} to {entry.ends}, "
                f"{entry.room}): only these people can be checked in."
            )
            if person is not None:
                self.select_person(person.person_id)
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        """Render the register service's answer for the chosen session and person."""
        session = self.session
        entry, person = self.selected_entry(), self.selected_person()
        register_buttons = (
            self.door_button,
            self.check_in_button,
            self.check_out_button,
            self.no_show_button,
            self.cancel_button,
            self.undo_button,
        )
        papers = (self.print_register_button, self.save_register_button)
        if session is None:
            for widget in register_buttons + papers:
                widget.setEnabled(False)
            return
        offered = register.register_offers(session, entry, person)
        decisions = (
            offered.door,
            offered.check_in,
            offered.check_out,
            offered.no_show,
            offered.cancel,
            offered.undo,
        )
        for widget, decision in zip(register_buttons, decisions, strict=True):
            show_decision(widget, decision)
        for widget in papers:
            show_decision(widget, offered.print, tip=PRINTOUT_TIP)
        self.refusals.set_reasons([offered.running.sentence])

    def selected_entry(self) -> RegisterEntry | None:
        return selected_row(self.sessions)

    def selected_person(self) -> Attendee | None:
        return selected_row(self.people)

    def select_session(self, session_id: int) -> None:
        row = self.register_model.row_of(session_id)
        if row >= 0:
            self.sessions.selectRow(row)

    def select_person(self, person_id: int) -> None:
        row = self.people_model.row_of(person_id)
        if row >= 0:
            self.people.selectRow(row)

    # -- the register ------------------------------------------------------------------

    def check_in(self, person_id: int | None = None) -> None:
        """Admit the chosen person, or the person with this id; the service decides."""
        session, entry = self.session, self.selected_entry()
        person = self.selected_person()
        if session is None or entry is None:
            return
        if person_id is None:
            if person is None:
                return
            person_id = person.person_id
        try:
            changed = register.check_in(session, entry.session_id, person_id)
        except NotAdmitted as exc:
            self.refresh_register()
            self._offer_incident(entry, exc.message)
            return
        except ReasonNeeded as exc:
            late = next((a for a in entry.named if a.person_id == person_id), None)
            dialog = (
                LateCheckInDialog(self, session, entry, late, exc.message)
                if late is not None
                else None
            )
            if (
                dialog is None
                or dialog.exec() != QDialog.DialogCode.Accepted
                or dialog.changed is None
            ):
                self.refresh_register()
                return
            changed = dialog.changed
        except StMarysError as exc:
            self._failed("Not checked in", exc)
            return
        arrived = next((a for a in changed.named if a.person_id == person_id), None)
        self.refresh_register()
        if arrived is not None:
            self.host.show_status(f"Checked in {arrived.full_name} at {arrived.arrived_at}.")

    def check_out(self) -> None:
        session, entry, person = self.session, self.selected_entry(), self.selected_person()
        if session is None or entry is None or person is None:
            return
        try:
            changed = register.check_out(session, entry.session_id, person.person_id)
        except StMarysError as exc:
            self._failed("Not checked out", exc)
            return
        left = next((a for a in changed.named if a.person_id == person.person_id), None)
        self.refresh_register()
        if left is not None:
            self.host.show_status(f"Checked out {left.full_name} at {left.left_at}.")

    def record_no_show(self) -> None:
        session, entry = self.session, self.selected_entry()
        if session is None or entry is None:
            return
        who = register.who_did_not_come(entry)
        if who is None:
            messages.inform(
                self,
                "Did not attend",
                "The visiting parent and every child have arrived: the session took place.",
            )
            return
        if not messages.ask(
            self,
            "Did not attend",
            f"Record that the {entry.starts} session of {entry.reference} did "
            f"not take place: \u201c{who.sentence}\u201d? This goes into "
            "attendance letters to the referrer.",
            "Record did not attend",
            "Go back",
        ):
            return
        try:
            register.record_no_show(session, entry.session_id, entry.version)
        except StMarysError as exc:
            self._failed("Not recorded", exc)
            return
        self.refresh_register()
        self.host.show_status(
            f"Recorded for the {entry.starts} session of {entry.reference}: {who.sentence.lower()}."
        )

    def cancel_session(self) -> None:
        session, entry = self.session, self.selected_entry()
        if session is None or entry is None:
            return
        dialog = CancelSessionDialog(self, session, entry)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.refresh_register()  # a refusal may mean another desk changed it
            return
        self.refresh_register()
        self.host.show_status(
            f"Cancelled the {entry.starts} session of {entry.reference}, "
            f"by the {dialog.cancelled_by.currentData()}."
        )

    def undo(self) -> None:
        session, entry, person = self.session, self.selected_entry(), self.selected_person()
        if session is None or entry is None or person is None:
            return
        what = "check-out" if person.left_at else "check-in"
        at = person.left_at or person.arrived_at
        if not messages.ask(
            self,
            "Undo",
            f"Undo the {what} of {person.full_name} at {at}? "
            "It stays in the family's chronology as undone.",
            f"Undo the {what}",
            "Go back",
        ):
            return
        try:
            register.undo_latest(session, entry.session_id, person.person_id)
        except StMarysError as exc:
            self._failed("Not undone", exc)
            return
        self.refresh_register()
        self.host.show_status(f"Undid the {what} of {person.full_name} at {at}.")

    def open_other_day(self) -> None:
        session = self.session
        if session is None:
            return
        DayRegisterDialog(self, session, self._day(session)).exec()
        self.refresh_register()

    def unnamed_at_door(self) -> None:
        entry = self.selected_entry()
        if self.session is None or entry is None:
            return
        names = people_text([a.full_name for a in entry.named], "nobody")
        try:
            register.refuse_unnamed(self.session, entry.session_id)
        except StMarysError as exc:
            messages.show_error(self, "Not admitted", exc)
            return
        self._offer_incident(
            entry,
            (
                f"Only the people named on the referral of {entry.reference} can be admitted: "
                f"{names}. Anyone else is not admitted and cannot be checked in, whoever they "
                "say they are. Record an incident about it."
            ),
        )

    def _offer_incident(self, entry: RegisterEntry, text: str) -> None:
        session = self.session
        if session is None or not messages.ask(
            self, "Not admitted", text, "Record an incident…", "Close"
        ):
            return
        dialog = DoorIncidentDialog(self, session, entry)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.incident_id is not None:
            self.host.show_status(
                f"Recorded incident {dialog.incident_id}: not admitted at "
                f"the door ({entry.reference})."
            )

    # -- the register on paper (clause i) ----------------------------------------------

    def _register_file(self) -> str:
        session = self.session
        return f"register-{file_date(self._day(session))}.pdf" if session else "register.pdf"

    def _put_out_register(self, deliver: printouts.Deliver) -> bool:
        """The service decides, lays the register out and logs it (or raises its refusal)."""
        session = self.session
        if session is None:
            return False
        return printed.register_sheet(session, self._day(session), deliver)

    def _failed(self, title: str, exc: Exception) -> None:
        messages.show_error(self, title, exc)
        self.refresh_register()  # a refusal may mean another desk changed the session

    def clear(self) -> None:
        self.alerts.clear()
        self.register_model.clear()
        self.people_model.clear()
        self.sessions_note.clear()
        self.people_heading.clear()
        self.date_line.clear()
