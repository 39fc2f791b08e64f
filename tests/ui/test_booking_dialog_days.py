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
