"""The Calendar (issue 19): a week, or a day, of sessions by time (and by room for a
day), with the staff on duty and the cover each session still needs.

Keyboard: the arrows move between slots (past the edge of the week, to the day before
or after), Page Up / Page Down move a week, T goes to today, Enter opens what is in the
slot. Clicking a session opens that day's register on it (read-only; a coordinator may
correct a past day); clicking an empty slot starts a booking there.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from stmarys_desktop.domain.dates import long_weekday, short_weekday
from stmarys_desktop.domain.errors import InvalidInput, StMarysError
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.domain.sessions import CalendarDay, CalendarSession, SessionStatus
from stmarys_desktop.policy.planner import hhmm, minutes
from stmarys_desktop.services import bookings, calendar, families
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.dialogs.form import FormDialog
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.models.base import people_text
from stmarys_desktop.ui.screens.base import Host, Screen
from stmarys_desktop.ui.sizing import want
from stmarys_desktop.ui.tables import keep_names_whole
from stmarys_desktop.ui.widgets import add_row, button, date_edit, line_edit, named, paragraph

SLOT_MINUTES = 30
MAX_LINES = 3  # sessions listed in one slot; a busy slot says how many more there are
SESSIONS_ROLE = Qt.ItemDataRole.UserRole
WEEK, DAY = "Week", "Day"


def session_text(item: CalendarSession) -> str:
    staff = people_text(item.staff, "no staff yet")
    cover = f"; needs {item.cover_needed} more staff" if item.cover_needed else ""
    state = "" if item.status is SessionStatus.BOOKED else f" [{item.status.label}]"
    return f"{item.starts}-{item.ends} {item.reference}, {item.room}{state} ({staff}{cover})"


class FamilyPicker(FormDialog):
    """Which family a booking started from the calendar is for."""

    def __init__(self, parent: QWidget | None, session: Session, where: str) -> None:
        super().__init__(
            parent,
            "Book a session: choose the family",
            "Choose",
            f"{where}. Type part of a name or the family's reference.",
        )
        self._session = session
        self.family_id: int | None = None
        self.search = line_edit("Search families")
        self.found = named(QListWidget(), "Families found")
        # A family's reference and everyone's full name, whole (issue 18).
        self.found.setWordWrap(True)
        add_row(self.form, "&Search:", self.search)
        self.form.addRow(self.found)
        self.search.textChanged.connect(self._search)
        self.found.itemDoubleClicked.connect(lambda _item: self.accept())
        want(self, 70, 20)

    def _search(self, text: str) -> None:
        self.found.clear()
        if not text.strip():
            return
        for family in families.search_families(self._session, text, limit=50):
            if family.status != "active":
                continue
            item = QListWidgetItem(f"{family.reference}: {family.names_apart}")
            item.setData(Qt.ItemDataRole.UserRole, family.id)
            self.found.addItem(item)
        if self.found.count():
            self.found.setCurrentRow(0)

    def submit(self) -> None:
        item = self.found.currentItem()
        if item is None:
            raise InvalidInput("Choose a family from the list.")
        self.family_id = item.data(Qt.ItemDataRole.UserRole)


class CalendarScreen(Screen):
    title = "Calendar"
    permission = Permission.VIEW_FAMILIES

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.day: date | None = None
        self.shown: list[CalendarDay] = []
        self._rooms: list[tuple[int, str]] = []
        self._slots: list[int] = []
        self.previous_button = button("◀ &Previous", "Previous", "Page Up: a week back")
        self.next_button = button("&Next ▶", "Next", "Page Down: a week on")
        self.today_button = button("&Today", "Go to today", "T: today")
        self.view = named(QComboBox(), "Show a week or a day")
        self.view.addItems([WEEK, DAY])
        self.go_to = date_edit("Go to date", date.today())
        self.heading_line = paragraph("", "Dates shown")
        self.grid = named(
            QTableWidget(),
            "Calendar grid",
            "Arrows move; Page Up and Page Down a week; T today; Enter opens",
        )
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        keep_names_whole(self.grid)
        self.grid.setTabKeyNavigation(False)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # Each slot as tall as its sessions' wrapped text at the days' present width,
        # so nothing in a busy slot is cut when the window is narrower (issue 18).
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.grid.installEventFilter(self)
        self.duty = paragraph("", "Staff on duty")
        self.previous_button.clicked.connect(lambda: self.move_by(-self._step()))
        self.next_button.clicked.connect(lambda: self.move_by(self._step()))
        self.today_button.clicked.connect(self.go_today)
        self.view.currentTextChanged.connect(lambda _text: self.refresh())
        self.go_to.dateChanged.connect(lambda d: self.show_day(d.toPython()))
        self.grid.cellClicked.connect(self.open_slot)
        self.grid.currentCellChanged.connect(self._cell_moved)
        top = QHBoxLayout()
        for widget in (
            self.previous_button,
            self.next_button,
            self.today_button,
            self.view,
            self.go_to,
        ):
            top.addWidget(widget)
        top.addWidget(self.heading_line, 1)
        self.content.addLayout(top)
        self.content.addWidget(self.grid, 1)
        self.content.addWidget(self.duty)

    # -- where we are --------------------------------------------------------------------

    def _today(self, session: Session) -> date:
        return session.centre.clock().date()

    def _step(self) -> int:
        return 7 if self.view.currentText() == WEEK else 1

    def go_today(self) -> None:
        if self.session is not None:
            self.show_day(self._today(self.session))

    def move_by(self, days: int) -> None:
        if self.day is not None:
            self.show_day(self.day + timedelta(days=days))

    def show_day(self, day: date) -> None:
        self.day = day
        self.refresh()

    # -- filling -------------------------------------------------------------------------

    def refresh(self) -> None:
        session = self.session
        if session is None:
            return
        if self.day is None:
            self.day = self._today(session)
        try:
            hours = bookings.centre_hours(session)
            self._rooms = [(r.id, r.name) for r in bookings.rooms(session)]
            if self.view.currentText() == WEEK:
                self.shown = calendar.week(session, self.day)
            else:
                self.shown = calendar.days(session, self.day, 1)
        except StMarysError as exc:
            self.shown = []
            self.heading_line.setText("The calendar could not be read: " + plain_text(exc))
            self.grid.clear()
            return
        self._slots = list(range(minutes(hours.opens), minutes(hours.closes), SLOT_MINUTES))
        self.go_to.blockSignals(True)
        self.go_to.setDate(self.day)
        self.go_to.blockSignals(False)
        first, last = self.shown[0].on_date, self.shown[-1].on_date
        self.heading_line.setText(
            short_weekday(first)
            if first == last
            else f"{short_weekday(first, year=False)} to {short_weekday(last)}"
        )
        self._fill()

    def _columns(self) -> list[tuple[CalendarDay, int | None, str]]:
        """(day, room id or None, header) for each column."""
        if self.view.currentText() == WEEK:
            return [
                (
                    d,
                    None,
                    short_weekday(d.on_date, year=False) + (" (closed)" if d.closed else ""),
                )
                for d in self.shown
            ]
        (only,) = self.shown
        return [(only, room_id, name) for room_id, name in self._rooms] or [
            (only, None, "No rooms yet")
        ]

    def _fill(self) -> None:
        columns = self._columns()
        grid = self.grid
        grid.blockSignals(True)
        # The slots take their heights once the grid is filled, not again at each cell.
        grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        grid.clear()
        grid.setColumnCount(len(columns))
        grid.setRowCount(len(self._slots))
        grid.setHorizontalHeaderLabels([header for _, _, header in columns])
        grid.setVerticalHeaderLabels([hhmm(slot) for slot in self._slots])
        rooms = dict(self._rooms)
        first_slot = self._slots[0] if self._slots else 0
        for col, (day, room_id, _) in enumerate(columns):
            # Each session is put in the slots it covers once, not looked for in each slot.
            in_slot: list[list[CalendarSession]] = [[] for _ in self._slots]
            for item_ in day.sessions:
                if room_id is not None and item_.room != rooms.get(room_id):
                    continue
                low = max(0, (minutes(item_.starts) - first_slot) // SLOT_MINUTES)
                high = min(len(self._slots), -(-(minutes(item_.ends) - first_slot) // SLOT_MINUTES))
                for row in range(low, high):
                    in_slot[row].append(item_)
            for row, slot in enumerate(self._slots):
                here = in_slot[row]
                if day.closed:
                    text = "Closed" if row == 0 else ""
                    tip = day.closed
                else:
                    lines = [
                        session_text(s)
                        if slot <= minutes(s.starts) < slot + SLOT_MINUTES
                        # A session going on: its family only, on one line (its room,
                        # times and staff are where it starts, or the column's head).
                        else f"│ {s.reference}"
                        for s in here[:MAX_LINES]
                    ]
                    if len(here) > MAX_LINES:
                        lines.append(
                            f"+ {len(here) - MAX_LINES} more: open the day to see them all"
                        )
                    text = "\n".join(lines)
                    tip = (
                        f"{len(here)} session{'s' if len(here) != 1 else ''} at "
                        f"{hhmm(slot)}; Enter or a click opens the day's register"
                        if here
                        else f"Free at {hhmm(slot)}: click to book a session here"
                    )
                item = QTableWidgetItem(text)
                item.setToolTip(text or tip)
                item.setData(
                    Qt.ItemDataRole.AccessibleTextRole,
                    f"{long_weekday(day.on_date, year=False)}, {hhmm(slot)}: {text or tip}",
                )
                item.setData(SESSIONS_ROLE, [s.session_id for s in here])
                grid.setItem(row, col, item)
        grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        grid.blockSignals(False)
        target = next((c for c, (d, _, _) in enumerate(columns) if d.on_date == self.day), 0)
        grid.setCurrentCell(0, target)
        self._show_duty()

    def _show_duty(self) -> None:
        day = next((d for d in self.shown if d.on_date == self.day), None)
        if day is None:
            self.duty.clear()
            return
        if day.closed:
            self.duty.setText(day.closed)
            return
        short = [s for s in day.sessions if s.cover_needed]
        staff = people_text(day.staff_on_duty, "nobody yet")
        cover = (
            f" Cover still needed: {len(short)} "
            f"{'session needs' if len(short) == 1 else 'sessions need'} "
            f"{sum(s.cover_needed for s in short)} more staff."
            if short
            else " Every session has its staff."
        )
        self.duty.setText(f"On duty {long_weekday(day.on_date, year=False)}: {staff}.{cover}")

    # -- moving about ------------------------------------------------------------------

    def _cell_moved(self, row: int, col: int, *_: int) -> None:
        columns = self._columns() if self.shown else []
        if 0 <= col < len(columns) and self.view.currentText() == WEEK:
            self.day = columns[col][0].on_date
            self._show_duty()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.grid and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        col = self.grid.currentColumn()
        last = self.grid.columnCount() - 1
        if key == Qt.Key.Key_PageUp:
            self.move_by(-7)
        elif key == Qt.Key.Key_PageDown:
            self.move_by(7)
        elif key == Qt.Key.Key_T:
            self.go_today()
        elif key == Qt.Key.Key_Left and (col <= 0 or self.view.currentText() == DAY):
            self.move_by(-1)
        elif key == Qt.Key.Key_Right and (col >= last or self.view.currentText() == DAY):
            self.move_by(1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_slot(self.grid.currentRow(), col)
        else:
            return False
        return True

    # -- opening -------------------------------------------------------------------------

    def open_slot(self, row: int, col: int) -> None:
        session = self.session
        columns = self._columns() if self.shown else []
        if session is None or not (0 <= col < len(columns)) or not (0 <= row < len(self._slots)):
            return
        day, room_id, _ = columns[col]
        item = self.grid.item(row, col)
        ids = item.data(SESSIONS_ROLE) if item is not None else []
        if ids:
            self.open_session(day.on_date, ids[0])
        elif day.closed:
            self.host.show_status(day.closed)
        else:
            self.start_booking(day.on_date, hhmm(self._slots[row]), room_id)

    def open_session(self, on_date: date, session_id: int) -> None:
        from stmarys_desktop.ui.dialogs.attendance import DayRegisterDialog

        session = self.session
        if session is None:
            return
        dialog = DayRegisterDialog(self, session, on_date)
        dialog.select_session(session_id)
        dialog.exec()
        self.refresh()

    def start_booking(self, on_date: date, starts: str, room_id: int | None) -> None:
        from stmarys_desktop.ui.dialogs.booking import BookingDialog

        session = self.session
        if session is None:
            return
        booking = session.may(Permission.BOOK_SESSIONS, "book sessions")
        if not booking.allowed:
            self.host.show_status(booking.sentence)
            return
        where = f"{long_weekday(on_date)} at {starts}"
        picker = FamilyPicker(self, session, where)
        if picker.exec() != QDialog.DialogCode.Accepted or picker.family_id is None:
            return
        family = families.open_family(session, picker.family_id)
        dialog = BookingDialog(
            self, session, family, on_date=on_date, starts=starts, room_id=room_id
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.booked:
            self.host.show_status(f"Booked: {dialog.booked}.")
        self.refresh()

    def clear(self) -> None:
        self.shown = []
        self.grid.clear()
        self.grid.setRowCount(0)
        self.grid.setColumnCount(0)
        self.duty.clear()
        self.heading_line.clear()
        self.day = None
