"""The register on screen says what happened (issue 19, item 4; clause iii): a session
is attended only when everyone expected came, a late check-in asks why, a mistake is
undone by whoever made it, and a coordinator corrects another day with a reason."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QLineEdit, QPlainTextEdit, QPushButton

from stmarys_desktop.domain.sessions import SessionStatus
from stmarys_desktop.services import families, incidents, register
from stmarys_desktop.ui.dialogs.attendance import (
    CorrectAttendanceDialog,
    DayRegisterDialog,
    LateCheckInDialog,
)
from stmarys_desktop.ui.models.register import AttendeeColumn, SessionColumn
from tests.helpers import WEDNESDAY, at
from tests.ui import family_helpers
from tests.ui.family_helpers import column, select_row_where
from tests.ui.helpers import click, find, today_screen
from tests.ui.test_booking_and_register import book
from tests.unit.family_helpers import two_parent_family

front_desk_centre = family_helpers.front_desk_centre
open_as = family_helpers.open_as


def booked_today(open_as):
    window = open_as("frontdesk")
    coordinator = open_as("coordinator")
    family = families.create_family(coordinator.session, two_parent_family())
    book(coordinator.session, family)
    return window, coordinator, family


def test_the_resident_parent_and_children_arriving_is_not_attended(qtbot, open_as, message_boxes):
    window, _, family = booked_today(open_as)
    window.session.centre.clock = at(9, 44)
    screen = today_screen(window)
    for name in ("Carys Dunford", "Ivy Dunford", "Leo Brackley"):
        select_row_where(screen.people, AttendeeColumn.NAME, name)
        click(qtbot, screen, "Check in")
    assert column(screen.sessions, SessionColumn.STATUS) == ["Booked: 3 of 4 arrived"]
    window.session.centre.clock = at(10, 15)
    click(qtbot, screen, "Did not attend")
    assert "\u201cVisiting parent did not attend\u201d" in message_boxes.texts()[0]
    assert column(screen.sessions, SessionColumn.STATUS) == [
        "Visiting parent did not attend (known Wed 2 Dec 2026 at 10:15)"
    ]
    (line,) = register.attendance_history(window.session, family.id)
    assert line.status is SessionStatus.NO_SHOW


def test_a_late_check_in_asks_for_the_reason(qtbot, open_as, answer):
    window, coordinator, family = booked_today(open_as)
    window.session.centre.clock = at(10, 50)
    screen = today_screen(window)
    asked = []

    def fill(dialog: LateCheckInDialog) -> None:
        asked.append(dialog.findChild(QLabel).text())
        find(dialog, QLineEdit, "Reason for the late check-in").setText("Traffic on the A38")

    answer(LateCheckInDialog, fill)
    select_row_where(screen.people, AttendeeColumn.NAME, "Owen Brackley")
    click(qtbot, screen, "Check in")
    assert "was due at 10:00 and is checking in 50 minutes later" in asked[0]
    assert column(screen.people, AttendeeColumn.ARRIVED)[1] == "10:50"
    texts = [i.text for i in incidents.chronology(coordinator.session, family.id)]
    assert any("Reason: Traffic on the A38" in t for t in texts)


def test_undo_is_offered_only_to_whoever_checked_in(qtbot, open_as, message_boxes):
    window, coordinator, _family = booked_today(open_as)
    window.session.centre.clock = at(9, 44)
    screen = today_screen(window)
    select_row_where(screen.people, AttendeeColumn.NAME, "Carys Dunford")
    undo = find(screen, QPushButton, "Undo the check-in or check-out")
    assert not undo.isEnabled()
    click(qtbot, screen, "Check in")
    assert undo.isEnabled()
    other = today_screen(coordinator)
    coordinator.session.centre.clock = at(9, 46)
    other.refresh_register()
    select_row_where(other.people, AttendeeColumn.NAME, "Carys Dunford")
    other_undo = find(other, QPushButton, "Undo the check-in or check-out")
    assert not other_undo.isEnabled()
    assert "Only frontdesk can undo this today" in other_undo.toolTip()
    click(qtbot, screen, "Undo the check-in or check-out")
    assert column(screen.people, AttendeeColumn.ARRIVED)[0] == "Not yet"
    assert window.statusBar().currentMessage() == "Undid the check-in of Carys Dunford at 09:44."


def test_a_coordinator_corrects_yesterdays_register_with_a_reason(qtbot, open_as, answer):
    window, coordinator, family = booked_today(open_as)
    window.session.centre.clock = at(9, 44)
    screen = today_screen(window)
    for name in ("Carys Dunford", "Ivy Dunford", "Leo Brackley"):
        select_row_where(screen.people, AttendeeColumn.NAME, name)
        click(qtbot, screen, "Check in")
    thursday = WEDNESDAY + timedelta(days=1)
    coordinator.session.centre.clock = at(9, 0, thursday)

    def fill(dialog: CorrectAttendanceDialog) -> None:
        find(dialog, QCheckBox, "Arrived").setChecked(True)
        dialog.arrived_at.setTime(QTime(10, 5))
        find(dialog, QPlainTextEdit, "Reason for the correction").setPlainText(
            "Signed the paper register; not ticked on screen"
        )

    answer(CorrectAttendanceDialog, fill)
    day = DayRegisterDialog(coordinator, coordinator.session, thursday)
    qtbot.addWidget(day)
    day.day.setDate(QDate(2026, 12, 2))
    assert column(day.sessions, SessionColumn.STATUS) == ["Booked: 3 of 4 arrived"]
    select_row_where(day.people, AttendeeColumn.NAME, "Owen Brackley")
    click(qtbot, day, "Correct attendance")
    assert column(day.sessions, SessionColumn.STATUS) == [
        "Attended: the visiting parent and the children came"
    ]
    texts = [i.text for i in incidents.chronology(coordinator.session, family.id)]
    assert any("corrected" in t and "not ticked on screen" in t for t in texts)


def test_front_desk_reads_another_day_but_cannot_correct_it(qtbot, open_as):
    window, _coordinator, _family = booked_today(open_as)
    day = DayRegisterDialog(window, window.session, WEDNESDAY)
    qtbot.addWidget(day)
    select_row_where(day.people, AttendeeColumn.NAME, "Owen Brackley")
    correct = find(day, QPushButton, "Correct attendance")
    assert not correct.isEnabled()
    assert "your roles (Front desk) do not allow it" in correct.toolTip()
    assert day.result() != QDialog.DialogCode.Accepted


def test_the_rest_of_a_series_is_moved_and_cancelled_from_the_day_register(qtbot, open_as, answer):
    from PySide6.QtWidgets import QComboBox

    from stmarys_desktop.domain.sessions import BookingDraft
    from stmarys_desktop.services import bookings, series
    from stmarys_desktop.ui.dialogs.attendance import CancelSessionsDialog, MoveSessionsDialog

    window = open_as("coordinator")
    session = window.session
    family = families.create_family(session, two_parent_family())
    resident, visiting = family.adults[:2]
    room = bookings.rooms(session)[0].id
    ids = series.book_series(
        session,
        BookingDraft(
            family_id=family.id,
            on_date=WEDNESDAY,
            starts="10:00",
            ends="12:00",
            room_id=room,
            first_arriving_id=resident.id,
            second_arriving_id=visiting.id,
            staff_ids=[1],
        ),
        2,
        count=4,
        accept_warnings=True,
    )
    day = DayRegisterDialog(window, session, WEDNESDAY + timedelta(weeks=2))
    qtbot.addWidget(day)

    def move(dialog: MoveSessionsDialog) -> None:
        dialog.on_date.setDate(QDate(2026, 12, 17))
        dialog.starts.setTime(QTime(14, 0))
        dialog.ends.setTime(QTime(16, 0))
        find(dialog, QCheckBox, "This and the rest of its series").setChecked(True)

    answer(MoveSessionsDialog, move)
    click(qtbot, day, "Move the session")
    moved = [(h.on_date, h.starts) for h in register.attendance_history(session, family.id)]
    assert moved == [
        (WEDNESDAY + timedelta(weeks=6, days=1), "14:00"),
        (WEDNESDAY + timedelta(weeks=4, days=1), "14:00"),
        (WEDNESDAY + timedelta(weeks=2, days=1), "14:00"),
        (WEDNESDAY, "10:00"),
    ]

    def cancel(dialog: CancelSessionsDialog) -> None:
        who = find(dialog, QComboBox, "Cancelled by")
        who.setCurrentIndex(who.findData("resident parent"))
        # What the buttons say counts the sessions (issue 18): never "session(s)".
        assert (dialog.ok_button.text(), dialog.keep_button.text()) == (
            "Cancel the session",
            "Keep the session",
        )
        find(dialog, QCheckBox, "This and the rest of its series").setChecked(True)
        assert (dialog.ok_button.text(), dialog.keep_button.text()) == (
            "Cancel the 2 sessions",
            "Keep the 2 sessions",
        )
        assert dialog.ok_button.accessibleName() == "Cancel the 2 sessions"

    answer(CancelSessionsDialog, cancel)
    day.day.setDate(QDate(2026, 12, 31))
    click(qtbot, day, "Cancel the session")
    assert [h.status for h in register.attendance_history(session, family.id)] == [
        SessionStatus.CANCELLED,
        SessionStatus.CANCELLED,
        SessionStatus.BOOKED,
        SessionStatus.BOOKED,
    ]
    assert len(ids) == 4
