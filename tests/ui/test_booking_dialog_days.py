"""The booking dialog opens on the next day the centre is open, and "Book" is disabled,
with the reason, while anything stops the booking (issue 19, item 3)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QPushButton

from stmarys_desktop.services import bookings, families
from stmarys_desktop.ui.dialogs.booking import BookingDialog
from tests.helpers import at
from tests.ui import family_helpers
from tests.ui.helpers import find
from tests.ui.test_booking_and_register import set_booking
from tests.unit.family_helpers import two_parent_family

front_desk_centre = family_helpers.front_desk_centre
open_as = family_helpers.open_as


def test_the_dialog_opens_on_the_next_open_day_and_book_says_why_not(qtbot, open_as):
    manager = open_as("manager")
    bookings.add_closure(manager.session, date(2026, 12, 7), None, "Bank holiday")
    window = open_as("coordinator")
    window.session.centre.clock = at(15, 0, date(2026, 12, 5))  # Saturday afternoon
    family = families.create_family(window.session, two_parent_family())
    dialog = BookingDialog(window, window.session, family)
    qtbot.addWidget(dialog)
    day = find(dialog, QDateEdit, "Date")
    assert day.date() == QDate(2026, 12, 8)  # not Sunday, not the bank holiday
    set_booking(dialog)
    day.setDate(QDate(2026, 12, 8))
    book = find(dialog, QPushButton, "Book")
    assert book.isEnabled()
    day.setDate(QDate(2026, 12, 7))
    assert not book.isEnabled()
    assert "closed on Monday 7 December 2026: Bank holiday" in book.toolTip()
    dialog.ends.setTime(dialog.starts.time().addSecs(-3600))
    assert "ends before it starts" in book.toolTip()
    day.setDate(QDate(2026, 12, 8))
    assert not book.isEnabled()  # still ends before it starts
    dialog.ends.setTime(dialog.starts.time().addSecs(7200))
    assert book.isEnabled()


def test_a_fortnightly_series_is_previewed_date_by_date_then_booked(qtbot, open_as, answer):
    from PySide6.QtWidgets import QCheckBox, QListWidget, QSpinBox

    from stmarys_desktop.services import register

    manager = open_as("manager")
    bookings.add_closure(manager.session, date(2026, 12, 30), None, "Christmas closure")
    window = open_as("coordinator")
    family = families.create_family(window.session, two_parent_family())
    dialog = BookingDialog(window, window.session, family)
    qtbot.addWidget(dialog)
    set_booking(dialog)
    find(dialog, QCheckBox, "Repeat this session").setChecked(True)
    every = find(dialog, QSpinBox, "Repeat every so many weeks")
    assert every.value() == 2
    # What the box reads agrees with its number (issue 18): never "week(s)".
    assert every.text() == "every 2 weeks"
    every.setValue(1)
    assert every.text() == "every 1 week"
    every.setValue(2)
    find(dialog, QSpinBox, "Number of sessions in the series").setValue(4)
    preview = find(dialog, QListWidget, "Series preview")
    assert [preview.item(n).text() for n in range(preview.count())] == [
        "Wed 2 Dec 2026: books",
        "Wed 16 Dec 2026: books",
        "Wed 30 Dec 2026: The centre is closed on Wednesday 30 December 2026: Christmas closure.",
        "Wed 13 Jan 2027: books",
    ]
    book = find(dialog, QPushButton, "Book")
    assert book.text() == "Book 3 sessions" and book.isEnabled()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.booked.startswith("3 sessions every 2 weeks from")
    assert [h.on_date for h in register.attendance_history(window.session, family.id)] == [
        date(2027, 1, 13),
        date(2026, 12, 16),
        date(2026, 12, 2),
    ]
