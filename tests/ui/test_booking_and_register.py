"""Booking sessions with staggered handovers, and today's register (issue 4)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QLabel, QMessageBox, QPushButton

from stmarys_desktop.domain.sessions import BookingDraft, SessionStatus
from stmarys_desktop.services import bookings, families, register
from stmarys_desktop.store import audit
from stmarys_desktop.ui.dialogs.booking import NO_PROBLEMS, NOT_BOOKED, BookingDialog
from stmarys_desktop.ui.dialogs.family_record import FamilyRecordDialog
from stmarys_desktop.ui.models.register import AttendeeColumn, SessionColumn
from stmarys_desktop.ui.screens.today import (
    DOOR_INCIDENT,
    CancelSessionDialog,
    DoorIncidentDialog,
)
from tests.helpers import WEDNESDAY, at
from tests.ui import family_helpers
from tests.ui.family_helpers import column, coordinator_family, select_row_where
from tests.ui.helpers import click, find, today_screen
from tests.unit.family_helpers import two_parent_family

front_desk_centre = family_helpers.front_desk_centre
open_as = family_helpers.open_as


def rooms_of(session) -> dict[str, int]:
    return {room.name: room.id for room in bookings.rooms(session)}


def book(session, family, starts="10:00", ends="12:00", room="Playroom", staff=(1,)) -> int:
    resident, visiting = family.adults[:2]
    return bookings.book_session(
        session,
        BookingDraft(
            family_id=family.id,
            on_date=WEDNESDAY,
            starts=starts,
            ends=ends,
            room_id=rooms_of(session)[room],
            first_arriving_id=resident.id,
            second_arriving_id=visiting.id,
            staff_ids=list(staff),
        ),
        accept_warnings=True,
    )


def booking_dialog(qtbot, window, family) -> BookingDialog:
    dialog = BookingDialog(window, window.session, family)
    qtbot.addWidget(dialog)
    return dialog


def set_booking(
    dialog: BookingDialog, starts=(10, 0), ends=(12, 0), room="Playroom", staff=("Nia Holm",)
) -> None:
    find(dialog, QDateEdit, "Date").setDate(QDate(2026, 12, 2))
    dialog.starts.setTime(QTime(*starts))
    dialog.ends.setTime(QTime(*ends))
    rooms = find(dialog, QComboBox, "Room")
    rooms.setCurrentIndex(rooms.findText(room))
    dialog.choose_staff(*staff)


# -- booking ---------------------------------------------------------------------------


def test_book_a_session_with_staggered_times(qtbot, open_as, answer) -> None:
    window = open_as("coordinator")
    family = families.create_family(window.session, two_parent_family())
    record = FamilyRecordDialog(window, window.session, family)
    qtbot.addWidget(record)
    checks = []

    def fill(dialog: BookingDialog) -> None:
        assert (
            find(dialog, QComboBox, "Arrives first").currentText()
            == "Carys Dunford (resident parent)"
        )
        assert (
            find(dialog, QComboBox, "Arrives second").currentText()
            == "Owen Brackley (non-resident parent)"
        )
        set_booking(dialog)
        checks.append(find(dialog, QLabel, "Check").text())

    answers = answer(BookingDialog, fill)
    click(qtbot, record, "Book a session")
    assert answers.dialogs[0].result() == QDialog.DialogCode.Accepted
    assert checks[0].splitlines() == [
        "Handovers, 15 minutes apart:",
        "  09:45  Carys Dunford (resident parent) arrives with the children",
        "  10:00  Owen Brackley (non-resident parent) arrives; the session starts",
        "  12:00  Owen Brackley (non-resident parent) leaves; the session ends",
        "  12:15  Carys Dunford (resident parent) collects the children",
        "",
        NO_PROBLEMS,
    ]
    assert (
        find(record, QLabel, "Message").text()
        == "Booked: Wednesday 2 December 2026, 10:00 to 12:00 in Playroom."
    )
    history = record.attendance_model.rows()
    assert [(h.on_date, h.starts, h.status) for h in history] == [
        (WEDNESDAY, "10:00", SessionStatus.BOOKED)
    ]

    (entry,) = register.todays_register(window.session)
    assert [(h.who, h.at) for h in entry.arrivals] == [
        ("Carys Dunford (resident parent)", "09:45"),
        ("Owen Brackley (non-resident parent)", "10:00"),
    ]
    assert [(h.who, h.at) for h in entry.departures] == [
        ("Owen Brackley (non-resident parent)", "12:00"),
        ("Carys Dunford (resident parent)", "12:15"),
    ]
    assert entry.staff == ("Nia Holm",)


def test_a_clashing_booking_is_refused_with_the_reason(qtbot, open_as) -> None:
    window = open_as("coordinator")
    family = families.create_family(window.session, two_parent_family())
    book(window.session, family)
    dialog = booking_dialog(qtbot, window, family)
    set_booking(dialog, (11, 0), (13, 0), "Quiet Room")
    reason = (
        "This family already has a session from 10:00 to 12:00 that day: both "
        "parents would be at the centre at once."
    )
    assert "Cannot be booked:\n• " + reason in find(dialog, QLabel, "Check").text()
    assert not dialog.ok_button.isEnabled()  # "Book" says why, and books nothing
    assert dialog.ok_button.toolTip() == f"Cannot be booked: {reason}"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.booked_id is None
    assert len(register.todays_register(window.session)) == 1


def test_times_outside_opening_hours_are_refused_live(qtbot, open_as) -> None:
    window = open_as("coordinator")
    family = families.create_family(window.session, two_parent_family())
    dialog = booking_dialog(qtbot, window, family)
    set_booking(dialog, (18, 0), (19, 0))
    assert "outside opening hours (09:00 to 19:00)" in find(dialog, QLabel, "Check").text()
    set_booking(dialog, (12, 0), (11, 0))
    assert "The session ends before it starts." in find(dialog, QLabel, "Check").text()


def test_warnings_are_accepted_only_when_the_person_says_so(qtbot, open_as, message_boxes) -> None:
    window = open_as("coordinator")
    first = families.create_family(window.session, two_parent_family())
    other = families.create_family(
        window.session,
        two_parent_family(resident="Wren Ashby", visiting="Tal Kelham", children=("Rosa Ashby",)),
    )
    book(window.session, first)
    dialog = booking_dialog(qtbot, window, other)
    set_booking(dialog, (11, 0), (12, 30))
    check = find(dialog, QLabel, "Check").text()
    assert "Please check before booking:" in check
    assert f"• Playroom is already booked from 10:00 to 12:00 ({first.reference})." in check
    assert f"• Nia Holm is also on duty at {first.reference} from 10:00 to 12:00." in check

    message_boxes.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert message_boxes.titles() == ["Please check before booking"]
    assert find(dialog, QLabel, "Message").text() == NOT_BOOKED
    assert len(register.todays_register(window.session)) == 1

    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.booked_id is not None
    last = next(audit.entries(window.session.centre.conn, newest_first=True, limit=1))
    assert last.action == "session.book" and "2 warnings accepted" in last.detail


def test_staff_not_cleared_are_shown_but_cannot_be_chosen(qtbot, open_as) -> None:
    window = open_as("coordinator")
    family = families.create_family(window.session, two_parent_family())
    dialog = booking_dialog(qtbot, window, family)
    items = [dialog.staff.item(row) for row in range(dialog.staff.count())]
    assert [item.text() for item in items] == ["Nia Holm", "Tegan Vost: cannot be on duty that day"]
    assert "clause vi" in items[1].toolTip()
    assert not items[1].flags() & Qt.ItemFlag.ItemIsEnabled
    dialog.choose_staff("Nia Holm", "Tegan Vost")
    assert dialog.draft().staff_ids == [1]


def test_front_desk_cannot_book(qtbot, open_as) -> None:
    window = open_as("frontdesk")
    made = coordinator_family(window)
    record = FamilyRecordDialog(window, window.session, made)
    qtbot.addWidget(record)
    book_button = find(record, QPushButton, "Book a session")
    assert not book_button.isEnabled()
    assert book_button.toolTip() == (
        "You cannot book sessions: your roles (Front desk) do not allow it. A coordinator can."
    )


# -- today's register ------------------------------------------------------------------


def test_the_register_lists_the_days_sessions_in_time_order(qtbot, open_as) -> None:
    window = open_as("coordinator")
    first = families.create_family(window.session, two_parent_family())
    other = families.create_family(
        window.session,
        two_parent_family(resident="Wren Ashby", visiting="Tal Kelham", children=("Rosa Ashby",)),
    )
    book(window.session, first, "14:00", "15:00")
    book(window.session, other, "10:00", "11:00", "Quiet Room", staff=())
    screen = today_screen(window)
    table = screen.sessions
    assert column(table, SessionColumn.TIME) == ["10:00–11:00", "14:00–15:00"]
    assert column(table, SessionColumn.FAMILY) == [other.reference, first.reference]
    assert column(table, SessionColumn.ROOM) == ["Quiet Room", "Playroom"]
    assert column(table, SessionColumn.ARRIVES_FIRST) == [
        "09:45 Wren Ashby (resident parent)",
        "13:45 Carys Dunford (resident parent)",
    ]
    assert column(table, SessionColumn.LEAVES_FIRST) == [
        "11:00 Tal Kelham (non-resident parent)",
        "15:00 Owen Brackley (non-resident parent)",
    ]
    assert column(table, SessionColumn.STAFF) == ["None yet", "Nia Holm"]
    assert column(table, SessionColumn.STATUS) == ["Booked", "Booked"]
    assert "later release" not in find(screen, QLabel, "About today's sessions").text()
    assert find(screen, QLabel, "Date").text() == "Wednesday 2 December 2026"


def test_check_in_the_named_people_then_check_out(qtbot, open_as) -> None:
    window = open_as("frontdesk")
    coordinator = open_as("coordinator")
    family = families.create_family(coordinator.session, two_parent_family())
    book(coordinator.session, family)
    window.session.centre.clock = at(9, 44)
    screen = today_screen(window)
    people = screen.people
    assert column(people, AttendeeColumn.NAME) == [
        "Carys Dunford",
        "Owen Brackley",
        "Ivy Dunford",
        "Leo Brackley",
    ]
    assert column(people, AttendeeColumn.ARRIVED) == ["Not yet"] * 4
    for name in ("Carys Dunford", "Ivy Dunford", "Leo Brackley"):
        select_row_where(people, AttendeeColumn.NAME, name)
        click(qtbot, screen, "Check in")
    window.session.centre.clock = at(10, 1)
    select_row_where(people, AttendeeColumn.NAME, "Owen Brackley")
    click(qtbot, screen, "Check in")
    assert column(people, AttendeeColumn.ARRIVED) == ["09:44", "10:01", "09:44", "09:44"]
    assert column(screen.sessions, SessionColumn.STATUS) == [
        "Attended: the visiting parent and the children came"
    ]
    assert not find(screen, QPushButton, "Check in").isEnabled()  # already here
    assert window.statusBar().currentMessage() == "Checked in Owen Brackley at 10:01."

    window.session.centre.clock = at(12, 0)
    click(qtbot, screen, "Check out")
    assert column(people, AttendeeColumn.LEFT) == ["Here", "12:00", "Here", "Here"]
    assert not find(screen, QPushButton, "Cancel session").isEnabled()
    (line,) = register.attendance_history(window.session, family.id)
    assert line.status is SessionStatus.ATTENDED


def test_an_unnamed_adult_is_refused_and_an_incident_can_be_recorded(
    qtbot, open_as, answer, message_boxes
) -> None:
    window = open_as("frontdesk")
    coordinator = open_as("coordinator")
    family = families.create_family(coordinator.session, two_parent_family())
    stranger_family = families.create_family(
        coordinator.session,
        two_parent_family(resident="Wren Ashby", visiting="Tal Kelham", children=("Rosa Ashby",)),
    )
    book(coordinator.session, family)
    window.session.centre.clock = at(9, 40)
    screen = today_screen(window)
    conn = window.session.centre.conn

    # The register lists only the named people; someone else at the door is explained.
    described = []
    answers = answer(
        DoorIncidentDialog, lambda dialog: described.append(dialog.description.toPlainText())
    )
    click(qtbot, screen, "Unnamed adult at the door")
    title, text = message_boxes.shown[-1]
    assert title == "Not admitted"
    assert text.startswith(
        f"Only the people named on the referral of {family.reference} "
        "can be admitted: Carys Dunford; Owen Brackley; Ivy Dunford; "
        "Leo Brackley."
    )
    assert described == [DOOR_INCIDENT]
    incident_id = answers.dialogs[0].incident_id
    assert incident_id is not None
    last = next(audit.entries(conn, newest_first=True, limit=1))
    assert last.action == "incident.record" and last.subject == family.reference

    # Through the screen's own check-in, with another family's adult: refused by the service.
    message_boxes.answer = QMessageBox.StandardButton.No  # "Close", no incident this time
    screen.check_in(stranger_family.adults[0].id)
    title, text = message_boxes.shown[-1]
    assert title == "Not admitted"
    assert text == (
        "This person is not named on the family's referral, so they cannot be "
        "admitted. If they are at the door, record an incident."
    )
    assert len(answers.dialogs) == 1
    last = next(audit.entries(conn, newest_first=True, limit=1))
    assert (last.action, last.outcome) == ("register.check_in", "refused")
    assert column(screen.people, AttendeeColumn.ARRIVED) == ["Not yet"] * 4


def test_a_no_show_and_a_cancellation_with_who_cancelled(
    qtbot, open_as, answer, message_boxes
) -> None:
    window = open_as("frontdesk")
    coordinator = open_as("coordinator")
    family = families.create_family(coordinator.session, two_parent_family())
    book(coordinator.session, family, "10:00", "11:00")
    book(coordinator.session, family, "14:00", "15:00")
    window.session.centre.clock = at(11, 30)
    screen = today_screen(window)
    screen.sessions.selectRow(0)
    click(qtbot, screen, "Did not attend")
    assert message_boxes.titles() == ["Did not attend"]

    def fill(dialog: CancelSessionDialog) -> None:
        who = find(dialog, QComboBox, "Cancelled by")
        who.setCurrentIndex(who.findData("visiting parent"))

    answer(CancelSessionDialog, fill)
    screen.sessions.selectRow(1)
    click(qtbot, screen, "Cancel session")
    assert column(screen.sessions, SessionColumn.STATUS) == [
        "Visiting parent did not attend; child not brought (known Wed 2 Dec 2026 at 11:30)",
        "Cancelled by the visiting parent (known Wed 2 Dec 2026 at 11:30)",
    ]
    assert not find(screen, QPushButton, "Did not attend").isEnabled()
    assert [h.status for h in register.attendance_history(window.session, family.id)] == [
        SessionStatus.CANCELLED,
        SessionStatus.NO_SHOW,
    ]


def test_a_session_changed_at_another_desk_is_refused_and_refreshed(
    qtbot, open_as, message_boxes
) -> None:
    window = open_as("frontdesk")
    coordinator = open_as("coordinator")
    family = families.create_family(coordinator.session, two_parent_family())
    session_id = book(coordinator.session, family)
    window.session.centre.clock = at(12, 30)
    coordinator.session.centre.clock = at(12, 30)
    screen = today_screen(window)
    (entry,) = register.todays_register(coordinator.session)
    register.record_no_show(coordinator.session, session_id, entry.version)
    click(qtbot, screen, "Did not attend")  # the screen still shows it as booked
    assert message_boxes.titles() == ["Did not attend", "Not recorded"]
    assert "already recorded as did not attend" in message_boxes.texts()[-1]
    assert column(screen.sessions, SessionColumn.STATUS) == [
        "Visiting parent did not attend; child not brought (known Wed 2 Dec 2026 at 12:30)"
    ]


def test_roles_without_the_register_see_its_buttons_disabled_with_the_reason(
    qtbot, open_as
) -> None:
    window = open_as("manager")
    coordinator = open_as("coordinator")
    family = families.create_family(coordinator.session, two_parent_family())
    book(coordinator.session, family)
    screen = today_screen(window)
    screen.people.selectRow(0)
    # Issue 18: the manager is told who can, never to "ask a manager".
    reason = (
        "You cannot run the register: your roles (Manager) do not allow it. Front-desk "
        "staff or a coordinator can; you can give your own account that role on the "
        "Admin screen."
    )
    for name in ("Check in", "Check out", "Did not attend", "Cancel session"):
        found = find(screen, QPushButton, name)
        assert found.isVisible() and not found.isEnabled() and found.toolTip() == reason
    assert find(screen, QLabel, "Why some actions are unavailable").text() == reason


def test_no_sessions_today_says_so_and_lock_clears_the_register(qtbot, open_as) -> None:
    window = open_as("frontdesk")
    screen = today_screen(window)
    assert (
        find(screen, QLabel, "About today's sessions").text() == "No sessions are booked for today."
    )
    coordinator = open_as("coordinator")
    family = families.create_family(coordinator.session, two_parent_family())
    book(coordinator.session, family)
    click(qtbot, screen, "Refresh the register")
    assert screen.register_model.rowCount() == 1
    screen.clear()
    assert screen.register_model.rowCount() == 0 and screen.people_model.rowCount() == 0


# -- accessibility and size ------------------------------------------------------------


def test_every_control_of_the_new_windows_has_a_name_and_fits_1024_by_768(qtbot, open_as) -> None:
    from stmarys_desktop.ui.dialogs.new_family import AddPersonDialog, NewFamilyDialog
    from tests.ui.test_main_window import unnamed_controls

    window = open_as("coordinator")
    family = families.create_family(window.session, two_parent_family())
    book(window.session, family)
    for title in ("Today", "Families"):
        window.workspace.go_to(title)
        assert unnamed_controls(window.workspace.screens[title]) == [], title
        needed = window.minimumSizeHint()
        assert needed.width() <= 1024 and needed.height() <= 768, title
    (entry,) = register.todays_register(window.session)
    dialogs = [
        FamilyRecordDialog(window, window.session, family),
        NewFamilyDialog(window, window.session),
        AddPersonDialog(window, window.session, family),
        BookingDialog(window, window.session, family),
        CancelSessionDialog(window, window.session, entry),
        DoorIncidentDialog(window, window.session, entry),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert unnamed_controls(dialog) == [], dialog.windowTitle()
        needed = dialog.minimumSizeHint()
        assert needed.width() <= 1024 and needed.height() <= 768, dialog.windowTitle()
        assert dialog.width() <= 1024 and dialog.height() <= 768, dialog.windowTitle()
