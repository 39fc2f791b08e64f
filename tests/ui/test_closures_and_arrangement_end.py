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
