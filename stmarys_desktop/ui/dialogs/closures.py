"""The centre's closure dates (bank holidays, a closed week) and the late check-in time:
settings a manager keeps; bookings on a closure date are refused with its reason."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.dates import long_weekday, short_weekday
from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.services import bookings, calendar, register
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.lists import ItemsWide
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.widgets import (
    MessageLabel,
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


class ClosuresDialog(Dialog):
    """Closure dates, the late check-in time and the staff each session needs."""

    def __init__(self, parent: QWidget | None, session: Session, today: date) -> None:
        super().__init__(parent)
        self.setWindowTitle("Closure dates and the register")
        self.setAccessibleName("Closure dates and the register")
        self._session = session
        # As wide as its longest line, so a closure's reason shows whole (issue 18).
        self.days = named(ItemsWide(), "Closure dates")
        self.first = date_edit("First day closed", today)
        self.several = named(QCheckBox("Closed for several days"), "Closed for several days")
        self.last = date_edit("Last day closed", today)
        self.last.setEnabled(False)
        self.several.toggled.connect(self.last.setEnabled)
        self.reason = line_edit("Reason for the closure", placeholder="Bank holiday")
        self.add_button = button("&Add the closure", "Add the closure")
        self.remove_button = button("&Remove the chosen day", "Remove the chosen day")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.late = named(QSpinBox(), "Minutes late before a check-in asks for a reason")
        self.late.setRange(0, 240)
        self.late.setSuffix(" minutes")
        self.save_late_button = button(
            "&Save the late check-in time", "Save the late check-in time"
        )
        self.save_late_button.clicked.connect(self.save_late)
        self.cover = named(QSpinBox(), "Staff needed on each session")
        self.cover.setRange(1, 6)
        self.save_cover_button = button("Save the staff &needed", "Save the staff needed")
        self.save_cover_button.clicked.connect(self.save_cover)
        self.message = MessageLabel()

        form = QFormLayout()
        add_row(form, "&First day:", self.first)
        form.addRow(self.several)
        add_row(form, "&Last day:", self.last)
        add_row(form, "Reas&on:", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(
            paragraph(
                "Sessions cannot be booked on these days; the booking screens give the reason.",
                "About closure dates",
            )
        )
        layout.addWidget(self.days, 1)
        layout.addLayout(form)
        layout.addLayout(row(self.add_button, self.remove_button))
        layout.addWidget(
            paragraph(
                "A check-in this long after the person was due asks for a reason:",
                "About the late check-in time",
            )
        )
        layout.addLayout(row(self.late, self.save_late_button))
        layout.addWidget(
            paragraph(
                "Staff each session needs on duty (the Calendar shows the cover still needed):",
                "About the staff needed",
            )
        )
        layout.addLayout(row(self.cover, self.save_cover_button))
        layout.addWidget(self.message)
        layout.addWidget(close_buttons(self))
        self.refresh()

    def refresh(self) -> None:
        try:
            found = bookings.closures(self._session)
            self.late.setValue(register.late_minutes(self._session))
            self.cover.setValue(calendar.staff_per_session(self._session))
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            return
        self.days.clear()
        for day, reason in sorted(found.items()):
            item = QListWidgetItem(f"{short_weekday(day)}: {reason}")
            item.setData(Qt.ItemDataRole.UserRole, day)
            self.days.addItem(item)
        if not found:
            self.days.addItem(QListWidgetItem("No closure dates yet."))

    def add(self) -> None:
        last = picked_date(self.last) if self.several.isChecked() else None
        try:
            count = bookings.add_closure(
                self._session, picked_date(self.first), last, self.reason.text()
            )
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            return
        self.refresh()
        self.message.show_note(f"Closed on {count} day{'s' if count != 1 else ''}.")

    def remove(self) -> None:
        item = self.days.currentItem()
        day = item.data(Qt.ItemDataRole.UserRole) if item else None
        if day is None:
            self.message.show_error("Choose a closure date to remove.")
            return
        try:
            bookings.remove_closure(self._session, day)
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            return
        self.refresh()
        self.message.show_note(f"{long_weekday(day)} is no longer closed.")

    def save_late(self) -> None:
        try:
            register.set_late_minutes(self._session, self.late.value())
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            return
        self.message.show_note("Saved the late check-in time.")

    def save_cover(self) -> None:
        try:
            calendar.set_staff_per_session(self._session, self.cover.value())
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            return
        self.message.show_note("Saved the staff needed on each session.")
