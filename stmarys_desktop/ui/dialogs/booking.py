"""Booking a contact session: when, where, who arrives first, who is on duty.

The "Check" box asks the planner after every change and shows its refusals,
its warnings and the staggered handover times (D18). "Book" books; warnings
must be accepted in so many words (D19), refusals keep the dialog open.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.dates import long_weekday, short_weekday
from stmarys_desktop.domain.decisions import Decision
from stmarys_desktop.domain.errors import NeedsConfirmation, StMarysError
from stmarys_desktop.domain.families import Family, PersonKind
from stmarys_desktop.domain.sessions import BookingDraft
from stmarys_desktop.domain.words import plural
from stmarys_desktop.policy.planner import handovers, hhmm, minutes
from stmarys_desktop.services import bookings, families, series
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.dialogs.form import FormDialog
from stmarys_desktop.ui.lists import FittedList
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.offers import show_decision
from stmarys_desktop.ui.widgets import add_row, date_edit, named, paragraph, picked_date

# The staff a booking's list shows before it scrolls; squeezed to four on a short screen.
STAFF_IN_SIGHT = 24
NO_PROBLEMS = "No problems found: this session can be booked."
BOOK_TIP = "Book the session (warnings are asked about first)."
NOT_BOOKED = "Nothing was booked. Change the booking, or press Book again and accept the warnings."


class NotBooked(StMarysError):
    """The person chose not to accept the planner's warnings."""


def time_edit(name: str, hour: int) -> QTimeEdit:
    edit = named(QTimeEdit(), name)
    edit.setDisplayFormat("HH:mm")
    edit.setTime(QTime(hour, 0))
    return edit


class BookingDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        session: Session,
        family: Family,
        on_date: date | None = None,
        starts: str | None = None,
        room_id: int | None = None,
    ) -> None:
        super().__init__(
            parent,
            f"Book a session for {family.reference}",
            "Book",
            "The two parents arrive and leave at different times so they "
            "never meet. The check below updates as you change the booking.",
        )
        self._session = session
        self._family = family
        self.booked: str | None = None
        self.booked_id: int | None = None
        self.booked_ids: list[int] = []
        self.stagger = bookings.DEFAULT_STAGGER
        day = on_date or self._first_day(session)

        self.on_date = named(QDateEdit(QDate(day.year, day.month, day.day)), "Date")
        self.on_date.setCalendarPopup(True)
        self.on_date.setDisplayFormat("ddd d MMM yyyy")
        self.starts = time_edit("Starts at", 10)
        self.ends = time_edit("Ends at", 12)
        self.room = named(QComboBox(), "Room")
        self.first = named(QComboBox(), "Arrives first")
        self.second = named(QComboBox(), "Arrives second")
        # Every member of staff in sight when the screen has the room (D411).
        self.staff = named(FittedList(most=STAFF_IN_SIGHT, least=4), "Staff on duty")
        add_row(self.form, "&Date:", self.on_date)
        add_row(self.form, "&Starts at:", self.starts)
        add_row(self.form, "&Ends at:", self.ends)
        add_row(self.form, "&Room:", self.room)
        add_row(self.form, "Arrives &first:", self.first)
        add_row(self.form, "Arrives sec&ond:", self.second)
        add_row(self.form, "S&taff on duty:", self.staff)

        check_box = named(QGroupBox("Check"), "Check group")
        self.check = paragraph("", "Check")
        self.check.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(check_box).addWidget(self.check)
        self.form.addRow(check_box)
        self.form.addRow(self._repeat_box(day))

        self._fill_adults(family)
        if self._load_choices():
            self._start_at(starts, room_id)
            for signal in (
                self.on_date.dateChanged,
                self.starts.timeChanged,
                self.ends.timeChanged,
                self.room.currentIndexChanged,
                self.first.currentIndexChanged,
                self.second.currentIndexChanged,
                self.staff.itemChanged,
                self.repeat.toggled,
                self.every.valueChanged,
                self.until.dateChanged,
                self.times.valueChanged,
                self.by_date.toggled,
            ):
                signal.connect(self.update_check)
            self.update_check()

    def _repeat_box(self, day: date) -> QGroupBox:
        """A repeating series: every N weeks, until a date or N times; each date listed
        with "books" or the reason it cannot (issue 19)."""
        box = named(QGroupBox("Repeat"), "Repeat group")
        self.repeat = named(QCheckBox("Re&peat this session"), "Repeat this session")
        self.every = named(QSpinBox(), "Repeat every so many weeks")
        most_weeks, most_sessions = series.LIMITS
        self.every.setRange(1, most_weeks)
        self.every.setValue(2)  # fortnightly, the usual arrangement
        self.every.setPrefix("every ")
        self.every.setSuffix(" weeks")
        # "every 1 week", "every 2 weeks" (issue 18): never "week(s)".
        self.every.valueChanged.connect(
            lambda weeks: self.every.setSuffix(" week" if weeks == 1 else " weeks")
        )
        self.by_date = named(QRadioButton("&until"), "Repeat until a date")
        self.by_count = named(QRadioButton("ti&mes:"), "Repeat a number of times")
        self.by_count.setChecked(True)
        self.until = date_edit("Last date of the series", day + timedelta(weeks=12))
        self.times = named(QSpinBox(), "Number of sessions in the series")
        self.times.setRange(1, most_sessions)
        self.times.setValue(6)
        self.preview = named(QListWidget(), "Series preview")
        self.preview.setWordWrap(True)  # a reason is a sentence: read it whole
        self.preview.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.preview_note = paragraph("", "About the series")
        row = QHBoxLayout()
        for widget in (
            self.repeat,
            self.every,
            self.by_count,
            self.times,
            self.by_date,
            self.until,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.preview_note)
        layout.addWidget(self.preview)
        self.preview.setVisible(False)
        self.preview_note.setVisible(False)
        return box

    def series_length(self) -> dict:
        if self.by_date.isChecked():
            return {"until": picked_date(self.until)}
        return {"count": self.times.value()}

    def _update_series(self, draft: BookingDraft) -> Decision:
        """Fill the preview; returns the series service's answer for Book."""
        self.preview.clear()
        offered = series.series_offers(
            self._session, draft, self.every.value(), **self.series_length()
        )
        found = offered.preview
        if found is None:
            self.preview_note.setText(offered.book.sentence)
            return offered.book
        for occurrence in found.occurrences:
            item = QListWidgetItem(f"{short_weekday(occurrence.on_date)}: {occurrence.text}")
            self.preview.addItem(item)
        good = len(found.good)
        total = len(found.occurrences)
        self.preview_note.setText(
            " ".join(
                filter(
                    None,
                    [
                        found.note,
                        f"{good} of {total} dates can be booked; Book books those, all at once.",
                    ],
                )
            )
        )
        self.ok_button.setText(f"Book {good} session{'s' if good != 1 else ''}")
        return offered.book

    @staticmethod
    def _first_day(session: Session) -> date:
        """The next day the centre is open (D149), or today if that cannot be read."""
        try:
            return bookings.next_open_day(session)
        except StMarysError:
            return families.today(session)

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

    def _start_at(self, starts: str | None, room_id: int | None) -> None:
        """A booking started from an empty slot of the calendar: its time and room."""
        if starts:
            begin = QTime.fromString(starts, "HH:mm")
            length = self.starts.time().secsTo(self.ends.time())
            self.starts.setTime(begin)
            self.ends.setTime(begin.addSecs(length))
        if room_id is not None and self.room.findData(room_id) >= 0:
            self.room.setCurrentIndex(self.room.findData(room_id))

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
            self.message.show_error(
                "The centre has no rooms yet, so nothing can be booked. "
                "Ask a manager to add the rooms."
            )
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
            item.setCheckState(
                Qt.CheckState.Checked if person.id in chosen else Qt.CheckState.Unchecked
            )
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
        return [
            self.staff.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.staff.count())
            if self.staff.item(row).flags() & Qt.ItemFlag.ItemIsUserCheckable
            and self.staff.item(row).checkState() == Qt.CheckState.Checked
        ]

    def draft(self) -> BookingDraft:
        return BookingDraft(
            family_id=self._family.id,
            on_date=self.on_date.date().toPython(),
            starts=self.starts.time().toString("HH:mm"),
            ends=self.ends.time().toString("HH:mm"),
            room_id=self.room.currentData() or 0,
            first_arriving_id=self.first.currentData() or 0,
            second_arriving_id=self.second.currentData() or 0,
            staff_ids=self.staff_ids(),
        )

    # -- the live check ----------------------------------------------------------------

    def handover_lines(self, draft: BookingDraft) -> list[str]:
        drop_off, starts, ends, collect = handovers(
            minutes(draft.starts), minutes(draft.ends), self.stagger
        )
        first = self._labels.get(draft.first_arriving_id, "Nobody chosen")
        second = self._labels.get(draft.second_arriving_id, "Nobody chosen")

        def at(value: int) -> str:
            return hhmm(value) if 0 <= value < 24 * 60 else "--:--"

        return [
            f"Handovers, {self.stagger} minutes apart:",
            f"  {at(drop_off)}  {first} arrives with the children",
            f"  {at(starts)}  {second} arrives; the session starts",
            f"  {at(ends)}  {second} leaves; the session ends",
            f"  {at(collect)}  {first} collects the children",
        ]

    def update_check(self, *_: object) -> None:
        draft = self.draft()
        offered = bookings.booking_offers(self._session, draft)
        refusals, warnings = offered.check.refusals, offered.check.warnings
        lines = self.handover_lines(draft)
        if refusals:
            lines += ["", "Cannot be booked:"] + [f"• {text}" for text in refusals]
        if warnings:
            lines += ["", "Please check before booking:"] + [f"• {text}" for text in warnings]
        if not refusals and not warnings:
            lines += ["", NO_PROBLEMS]
        self.check.setText("\n".join(lines))
        self.check.setAccessibleDescription(self.check.text())
        repeating = self.repeat.isChecked()
        for widget in (self.preview, self.preview_note):
            widget.setVisible(repeating)
        for widget in (self.every, self.by_count, self.by_date):
            widget.setEnabled(repeating)
        self.times.setEnabled(repeating and self.by_count.isChecked())
        self.until.setEnabled(repeating and self.by_date.isChecked())
        if repeating:
            # Each date is checked on its own; the check above is for the first.
            show_decision(self.ok_button, self._update_series(draft), tip=BOOK_TIP)
            return
        self.ok_button.setText("Book")
        # "Book" stays disabled, saying why, while anything stops the booking.
        show_decision(self.ok_button, offered.book, tip=BOOK_TIP)

    # -- booking -----------------------------------------------------------------------

    def _book(self, draft: BookingDraft) -> int:
        try:
            return bookings.book_session(self._session, draft)
        except NeedsConfirmation as exc:
            text = "\n".join(f"• {w}" for w in exc.warnings)
            if not messages.ask(
                self,
                "Please check before booking",
                f"{text}\n\nBook the session anyway?",
                "Book anyway",
                "Go back",
            ):
                raise NotBooked(NOT_BOOKED) from None
        return bookings.book_session(self._session, draft, accept_warnings=True)

    def _book_series(self, draft: BookingDraft) -> list[int]:
        length = self.series_length()
        try:
            return series.book_series(self._session, draft, self.every.value(), **length)
        except NeedsConfirmation as exc:
            text = "\n".join(f"• {w}" for w in exc.warnings)
            if not messages.ask(
                self,
                "Please check before booking",
                f"{text}\n\nBook the series anyway?",
                "Book anyway",
                "Go back",
            ):
                raise NotBooked(NOT_BOOKED) from None
        return series.book_series(
            self._session, draft, self.every.value(), **length, accept_warnings=True
        )

    def submit(self) -> None:
        draft = self.draft()
        if self.repeat.isChecked():
            try:
                ids = self._book_series(draft)
            except StMarysError:
                self.update_check()
                raise
            self.booked_ids = ids
            self.booked_id = ids[0]
            self.booked = (
                f"{plural(len(ids), 'session')} every "
                f"{plural(self.every.value(), 'week')} from "
                f"{long_weekday(draft.on_date)}, {draft.starts} to {draft.ends} in "
                f"{self.room.currentText()}"
            )
            return
        try:
            self.booked_id = self._book(draft)
        except StMarysError:
            self.update_check()  # the day may have changed at another desk meanwhile
            raise
        self.booked = (
            f"{long_weekday(draft.on_date)}, {draft.starts} to "
            f"{draft.ends} in {self.room.currentText()}"
        )
