"""Booking a contact session: when, where, who arrives first, who is on duty.

The "Check" box asks the planner after every change and shows its refusals,
its warnings and the staggered handover times (D18). "Book" books; warnings
must be accepted in so many words (D19), refusals keep the dialog open.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.errors import NeedsConfirmation, StMarysError
from stmarys_desktop.domain.families import Family, PersonKind
from stmarys_desktop.domain.sessions import BookingDraft
from stmarys_desktop.policy.planner import handovers, hhmm, minutes
from stmarys_desktop.services import bookings, families
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.dialogs.form import FormDialog
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.models.families import day_text
from stmarys_desktop.ui.widgets import add_row, named, paragraph

NO_PROBLEMS = "No problems found: this session can be booked."
NOT_BOOKED = ("Nothing was booked. Change the booking, or press Book again and accept the "
              "warnings.")


class NotBooked(StMarysError):
    """The person chose not to accept the planner's warnings."""


def time_edit(name: str, hour: int) -> QTimeEdit:
    edit = named(QTimeEdit(), name)
    edit.setDisplayFormat("HH:mm")
    edit.setTime(QTime(hour, 0))
    return edit


class BookingDialog(FormDialog):
    def __init__(self, parent: QWidget | None, session: Session, family: Family,
                 on_date: date | None = None) -> None:
        super().__init__(parent, f"Book a session for {family.reference}", "Book",
                         "The two parents arrive and leave at different times so they "
                         "never meet. The check below updates as you change the booking.")
        self._session = session
        self._family = family
        self.booked: str | None = None
        self.booked_id: int | None = None
        self.stagger = bookings.DEFAULT_STAGGER
        day = on_date or families.today(session)

        self.on_date = named(QDateEdit(QDate(day.year, day.month, day.day)), "Date")
        self.on_date.setCalendarPopup(True)
        self.on_date.setDisplayFormat("ddd d MMM yyyy")
        self.starts = time_edit("Starts at", 10)
        self.ends = time_edit("Ends at", 12)
        self.room = named(QComboBox(), "Room")
        self.first = named(QComboBox(), "Arrives first")
        self.second = named(QComboBox(), "Arrives second")
        self.staff = named(QListWidget(), "Staff on duty")
        add_row(self.form, "&Date:", self.on_date)
        add_row(self.form, "&Starts at:", self.starts)
        add_row(self.form, "&Ends at:", self.ends)
        add_row(self.form, "&Room:", self.room)
        add_row(self.form, "Arrives &first:", self.first)
        add_row(self.form, "Arrives s&econd:", self.second)
        add_row(self.form, "S&taff on duty:", self.staff)

        check_box = named(QGroupBox("Check"), "Check group")
        self.check = paragraph("", "Check")
        self.check.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(check_box).addWidget(self.check)
        self.form.addRow(check_box)

        self._fill_adults(family)
        if self._load_choices():
            for signal in (self.on_date.dateChanged, self.starts.timeChanged,
                           self.ends.timeChanged, self.room.currentIndexChanged,
                           self.first.currentIndexChanged, self.second.currentIndexChanged,
                           self.staff.itemChanged):
                signal.connect(self.update_check)
            self.update_check()

    # -- choices -----------------------------------------------------------------------

    def _fill_adults(self, family: Family) -> None:
        named_ids = family.referral.named_person_ids if family.referral else frozenset()
        self._labels = {a.id: f"{a.full_name} ({a.kind.label.lower()})" for a in family.adults}
        for combo in (self.first, self.second):
            for adult in family.adults:
                text = self._labels[adult.id]
                if adult.id not in named_ids:
                    text += ": not named on the referral"
                combo.addItem(text, adult.id)
        kinds = [a.kind for a in family.adults]
        if PersonKind.RESIDENT_PARENT in kinds:  # D18: the resident parent brings the children
            self.first.setCurrentIndex(kinds.index(PersonKind.RESIDENT_PARENT))
        if PersonKind.NON_RESIDENT_PARENT in kinds:
            self.second.setCurrentIndex(kinds.index(PersonKind.NON_RESIDENT_PARENT))
        elif self.second.count() > 1:
            self.second.setCurrentIndex(1)

    def _load_choices(self) -> bool:
        try:
            self.stagger = bookings.centre_hours(self._session).stagger
            rooms = bookings.rooms(self._session)
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            self.ok_button.setEnabled(False)
            return False
        for room in rooms:
            self.room.addItem(room.name, room.id)
        if not rooms:
            self.message.show_error("The centre has no rooms yet, so nothing can be booked. "
                                    "Ask a manager to add the rooms.")
            self.ok_button.setEnabled(False)
            return False
        self.load_staff()
        self.on_date.dateChanged.connect(self.load_staff)
        return True

    def load_staff(self, *_: object) -> None:
        """Who may be on duty that day (clause vi); the others are listed, disabled, with
        the reason, so nobody wonders where a colleague went."""
        day = self.on_date.date().toPython()
        chosen = set(self.staff_ids())
        try:
            cleared = bookings.staff_choices(self._session, day)
            unavailable = bookings.unavailable_staff(self._session, day)
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            return
        self.staff.blockSignals(True)
        self.staff.clear()
        for person in cleared:
            item = QListWidgetItem(person.full_name)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, person.full_name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person.id in chosen
                               else Qt.CheckState.Unchecked)
            self.staff.addItem(item)
        for name, reason in unavailable:
            item = QListWidgetItem(f"{name}: cannot be on duty that day")
            item.setToolTip(reason)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name}: {reason}")
            item.setFlags(Qt.ItemFlag.NoItemFlags)  # shown, not choosable: clause vi
            self.staff.addItem(item)
        self.staff.blockSignals(False)

    def choose_staff(self, *names: str) -> None:
        for row in range(self.staff.count()):
            item = self.staff.item(row)
            if not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                continue
            chosen = item.text() in names
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)

    def staff_ids(self) -> list[int]:
        return [self.staff.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.staff.count())
                if self.staff.item(row).flags() & Qt.ItemFlag.ItemIsUserCheckable
                and self.staff.item(row).checkState() == Qt.CheckState.Checked]

    def draft(self) -> BookingDraft:
        return BookingDraft(
            family_id=self._family.id, on_date=self.on_date.date().toPython(),
            starts=self.starts.time().toString("HH:mm"),
            ends=self.ends.time().toString("HH:mm"),
            room_id=self.room.currentData() or 0,
            first_arriving_id=self.first.currentData() or 0,
            second_arriving_id=self.second.currentData() or 0,
            staff_ids=self.staff_ids())

    # -- the live check ----------------------------------------------------------------

    def handover_lines(self, draft: BookingDraft) -> list[str]:
        drop_off, starts, ends, collect = handovers(minutes(draft.starts), minutes(draft.ends),
                                                    self.stagger)
        first = self._labels.get(draft.first_arriving_id, "Nobody chosen")
        second = self._labels.get(draft.second_arriving_id, "Nobody chosen")

        def at(value: int) -> str:
            return hhmm(value) if 0 <= value < 24 * 60 else "--:--"

        return [f"Handovers, {self.stagger} minutes apart:",
                f"  {at(drop_off)}  {first} arrives with the children",
                f"  {at(starts)}  {second} arrives; the session starts",
                f"  {at(ends)}  {second} leaves; the session ends",
                f"  {at(collect)}  {first} collects the children"]

    def update_check(self, *_: object) -> None:
        draft = self.draft()
        try:
            found = bookings.plan_session(self._session, draft)
            refusals, warnings = found.refusals, found.warnings
        except StMarysError as exc:
            refusals, warnings = (plain_text(exc),), ()
        lines = self.handover_lines(draft)
        if refusals:
            lines += ["", "Cannot be booked:"] + [f"• {text}" for text in refusals]
        if warnings:
            lines += ["", "Please check before booking:"] + [f"• {text}" for text in warnings]
        if not refusals and not warnings:
            lines += ["", NO_PROBLEMS]
        self.check.setText("\n".join(lines))
        self.check.setAccessibleDescription(self.check.text())

    # -- booking -----------------------------------------------------------------------

    def _book(self, draft: BookingDraft) -> int:
        try:
            return bookings.book_session(self._session, draft)
        except NeedsConfirmation as exc:
            text = "\n".join(f"• {w}" for w in exc.warnings)
            if not messages.ask(self, "Please check before booking",
                                f"{text}\n\nBook the session anyway?", "Book anyway",
                                "Go back"):
                raise NotBooked(NOT_BOOKED) from None
        return bookings.book_session(self._session, draft, accept_warnings=True)

    def submit(self) -> None:
        draft = self.draft()
        try:
            self.booked_id = self._book(draft)
        except Exception:
            self.update_check()  # the day may have changed at another desk meanwhile
            raise
        self.booked = (f"{draft.on_date:%A} {day_text(draft.on_date)}, {draft.starts} to "
                       f"{draft.ends} in {self.room.currentText()}")
