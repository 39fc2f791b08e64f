"""The Calendar screen (issue 19, item 1): a week or a day of sessions by time and room,
staff on duty and the cover still needed, keyboard navigation, a click on a session
opens it and a click on an empty slot starts a booking there."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from stmarys_desktop.services import bookings, calendar, families, register
from stmarys_desktop.ui.dialogs.attendance import DayRegisterDialog
from stmarys_desktop.ui.dialogs.booking import BookingDialog
from stmarys_desktop.ui.screens.calendar import CalendarScreen, FamilyPicker
from tests.helpers import WEDNESDAY
from tests.ui import family_helpers
from tests.ui.helpers import find
from tests.ui.test_booking_and_register import book
from tests.unit.family_helpers import two_parent_family

front_desk_centre = family_helpers.front_desk_centre
open_as = family_helpers.open_as


def calendar_screen(window) -> CalendarScreen:
    window.workspace.go_to("Calendar")
    return window.workspace.screens["Calendar"]


def cell(screen, row, col) -> str:
    return screen.grid.item(row, col).text()


def test_the_week_shows_sessions_by_time_with_staff_and_cover(qtbot, open_as):
    window = open_as("coordinator")
    family = families.create_family(window.session, two_parent_family())
    book(window.session, family)  # Wednesday 10:00-12:00, Playroom, Nia Holm
    screen = calendar_screen(window)
    grid = screen.grid
    assert [grid.horizontalHeaderItem(c).text() for c in range(7)] == [
        "Mon 30 Nov",
        "Tue 1 Dec",
        "Wed 2 Dec",
        "Thu 3 Dec",
        "Fri 4 Dec",
        "Sat 5 Dec",
        "Sun 6 Dec (closed)",
    ]
    assert grid.verticalHeaderItem(0).text() == "09:00"
    assert cell(screen, 2, 2) == (
        f"10:00-12:00 {family.reference}, Playroom (Nia Holm; needs 1 more staff)"
    )
    # Going on at 10:30: the family on one line, so the week's day reads at a glance.
    assert cell(screen, 3, 2) == f"│ {family.reference}"
    assert cell(screen, 2, 1) == "" and cell(screen, 0, 6) == "Closed"
    assert screen.duty.text() == (
        "On duty Wednesday 2 December: Nia Holm. Cover still needed: 1 session needs 1 more staff."
    )


def test_keys_move_by_day_week_and_back_to_today(qtbot, open_as):
    window = open_as("coordinator")
    screen = calendar_screen(window)
    screen.grid.setFocus()
    qtbot.keyClick(screen.grid, Qt.Key.Key_PageDown)
    assert screen.day == date(2026, 12, 9)
    assert screen.heading_line.text() == "Mon 7 Dec to Sun 13 Dec 2026"
    qtbot.keyClick(screen.grid, Qt.Key.Key_PageUp)
    qtbot.keyClick(screen.grid, Qt.Key.Key_PageUp)
    assert screen.day == date(2026, 11, 25)
    qtbot.keyClick(screen.grid, Qt.Key.Key_T)
    assert screen.day == WEDNESDAY
    qtbot.keyClick(screen.grid, Qt.Key.Key_Right)
    assert screen.day == date(2026, 12, 3)  # the next column: Thursday
    screen.grid.setCurrentCell(0, 0)
    qtbot.keyClick(screen.grid, Qt.Key.Key_Left)  # past Monday: Sunday of the week before
    assert screen.day == date(2026, 11, 29)
    assert screen.heading_line.text() == "Mon 23 Nov to Sun 29 Nov 2026"
    find(screen, QComboBox, "Show a week or a day").setCurrentText("Day")
    assert [
        screen.grid.horizontalHeaderItem(c).text() for c in range(screen.grid.columnCount())
    ] == ["Playroom", "Quiet Room"]
    qtbot.keyClick(screen.grid, Qt.Key.Key_Right)
    assert screen.day == date(2026, 11, 30)


def test_clicking_a_session_opens_its_register(qtbot, open_as, monkeypatch):
    window = open_as("frontdesk")
    coordinator = open_as("coordinator")
    family = families.create_family(coordinator.session, two_parent_family())
    session_id = book(coordinator.session, family)
    screen = calendar_screen(window)
    opened = []
    monkeypatch.setattr(DayRegisterDialog, "exec", lambda dialog: opened.append(dialog))
    screen.open_slot(2, 2)
    (dialog,) = opened
    qtbot.addWidget(dialog)
    chosen = dialog.sessions.selectionModel().selectedRows()[0]
    assert dialog.register_model.row_of(session_id) == chosen.row()
    assert not screen.grid.item(6, 2).data(Qt.ItemDataRole.UserRole)  # 12:00 is free
    screen.open_slot(6, 2)  # an empty slot: the front desk cannot book
    assert "You cannot book sessions" in window.statusBar().currentMessage()


def test_clicking_an_empty_slot_books_there(qtbot, open_as, answer):
    window = open_as("coordinator")
    family = families.create_family(window.session, two_parent_family())
    screen = calendar_screen(window)
    find(screen, QComboBox, "Show a week or a day").setCurrentText("Day")
    quiet = screen.grid.columnCount() - 1
    assert screen.grid.horizontalHeaderItem(quiet).text() == "Quiet Room"

    def pick(dialog: FamilyPicker) -> None:
        find(dialog, QLineEdit, "Search families").setText("Dunford")
        # Everyone in the family, apart, by full name (issue 18, item 5).
        assert dialog.found.item(0).text() == (
            f"{family.reference}: Carys Dunford; Owen Brackley; Ivy Dunford; Leo Brackley"
        )

    seen = []

    def check(dialog: BookingDialog) -> None:
        seen.append(
            (
                dialog.on_date.date().toPython(),
                dialog.starts.time().toString("HH:mm"),
                dialog.ends.time().toString("HH:mm"),
                dialog.room.currentText(),
            )
        )
        dialog.choose_staff("Nia Holm")

    answer(FamilyPicker, pick)
    answer(BookingDialog, check)
    screen.open_slot(8, quiet)  # 13:00
    assert seen == [(WEDNESDAY, "13:00", "15:00", "Quiet Room")]
    (entry,) = register.todays_register(window.session)
    assert (entry.starts, entry.room, entry.family_id) == ("13:00", "Quiet Room", family.id)
    assert "13:00-15:00" in cell(screen, 8, quiet)


def test_closed_days_say_why(qtbot, open_as):
    window = open_as("coordinator")
    bookings.add_closure(open_as("manager").session, date(2026, 12, 4), None, "Staff training")
    week = calendar.week(window.session, WEDNESDAY)
    assert [d.closed for d in week][4:] == [
        "The centre is closed on Friday 4 December 2026: Staff training.",
        None,
        "The centre is closed on Sundays.",
    ]
