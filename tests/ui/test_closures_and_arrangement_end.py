"""Closure dates are a manager's setting on the Admin screen; a family's contact
arrangement can be given a last day (issue 19, item 2)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QLineEdit, QListWidget, QPushButton

from stmarys_desktop.services import bookings, calendar, families, register
from stmarys_desktop.ui.dialogs.closures import ClosuresDialog
from stmarys_desktop.ui.dialogs.family_record import FamilyRecordDialog
from tests.ui import family_helpers
from tests.ui.helpers import click, find
from tests.unit.family_helpers import two_parent_family

front_desk_centre = family_helpers.front_desk_centre
open_as = family_helpers.open_as


def test_a_manager_closes_the_centre_for_christmas_week(qtbot, open_as, monkeypatch):
    window = open_as("manager")
    window.workspace.go_to("Admin")
    admin = window.workspace.screens["Admin"]
    shown = []
    monkeypatch.setattr(ClosuresDialog, "exec", lambda dialog: shown.append(dialog))
    click(qtbot, admin, "Closure dates")
    (dialog,) = shown
    qtbot.addWidget(dialog)
    dialog.first.setDate(QDate(2026, 12, 24))
    find(dialog, QCheckBox, "Closed for several days").setChecked(True)
    dialog.last.setDate(QDate(2026, 12, 31))
    click(qtbot, dialog, "Add the closure")
    assert "cannot be empty" in dialog.message.text()  # no reason given: nothing saved
    assert bookings.closures(window.session) == {}
    find(dialog, QLineEdit, "Reason for the closure").setText("Christmas week")
    click(qtbot, dialog, "Add the closure")
    assert dialog.message.text() == "Closed on 8 days."
    days = find(dialog, QListWidget, "Closure dates")
    assert days.item(0).text() == "Thu 24 Dec 2026: Christmas week"
    days.setCurrentRow(0)
    click(qtbot, dialog, "Remove the chosen day")
    assert date(2026, 12, 24) not in bookings.closures(window.session)
    dialog.late.setValue(30)
    click(qtbot, dialog, "Save the late check-in time")
    assert register.late_minutes(window.session) == 30
    dialog.cover.setValue(1)
    click(qtbot, dialog, "Save the staff needed")
    assert calendar.staff_per_session(window.session) == 1


def test_the_coordinator_sets_the_arrangements_last_day(qtbot, open_as):
    window = open_as("coordinator")
    family = families.create_family(window.session, two_parent_family())
    record = FamilyRecordDialog(window, window.session, family)
    qtbot.addWidget(record)
    find(record, QCheckBox, "The arrangement ends").setChecked(True)
    record.ends_on.setDate(QDate(2027, 3, 31))
    click(qtbot, record, "Save the end date")
    assert record.message.text() == "The arrangement now ends on 31 March 2027."
    assert families.open_family(window.session, family.id).arrangement_ends_on == date(2027, 3, 31)
    assert find(record, QPushButton, "Save the end date").isEnabled()


def test_each_closure_and_its_reason_show_whole_as_the_dialog_opens(qtbot, open_as, monkeypatch):
    """The list of closures hinted Qt's 256 pixels whatever it held, and the dialog opened
    310 px wide: a longer reason was cut at its right edge (issue 18)."""
    window = open_as("manager")
    window.workspace.go_to("Admin")
    admin = window.workspace.screens["Admin"]
    shown = []
    monkeypatch.setattr(ClosuresDialog, "exec", lambda dialog: shown.append(dialog))
    click(qtbot, admin, "Closure dates")
    (dialog,) = shown
    qtbot.addWidget(dialog)
    dialog.first.setDate(QDate(2026, 12, 28))
    find(dialog, QLineEdit, "Reason for the closure").setText(
        "Staff training day on safeguarding: the centre is closed to families"
    )
    click(qtbot, dialog, "Add the closure")
    again = ClosuresDialog(window, window.session, date(2026, 12, 7))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    days = find(again, QListWidget, "Closure dates")
    text = days.item(0).text()
    assert text.startswith("Mon 28 Dec 2026: Staff training day")
    assert days.fontMetrics().horizontalAdvance(text) <= days.viewport().width()
