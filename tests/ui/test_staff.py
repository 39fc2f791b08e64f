"""The Staff screen and the vetting record (clause vi, issue 7), driven as a manager would."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from stmarys_desktop.domain.dates import long_date
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.domain.staff import DbsCheckDraft, NewStaff
from stmarys_desktop.services import accounts, bookings, policy_documents, staff
from stmarys_desktop.services.auth import NewCentre
from stmarys_desktop.services.auth import sign_in as service_sign_in
from stmarys_desktop.store import audit
from stmarys_desktop.ui.dialogs.vetting import (
    HIDDEN,
    DbsCheckDialog,
    IdentityDialog,
    ReferenceDialog,
    StaffDialog,
    VettingDialog,
)
from stmarys_desktop.ui.main_window import AppWindow
from stmarys_desktop.ui.models.staff import StaffColumn
from stmarys_desktop.ui.screens.staff import StaffScreen
from tests.helpers import MANAGER, PASSWORD
from tests.ui.helpers import click, find, newest_audit, sign_in


@pytest.fixture
def centre(new_centre: NewCentre, data_dir: Path) -> Path:
    """A coordinator's login, an applicant with no vetting, and a second person."""
    session = new_centre.session
    accounts.create_account(
        session,
        user_name="coordinator",
        display_name="Dritha Snaelowe",
        roles=[Role.COORDINATOR],
        password=PASSWORD,
    )
    staff.add_staff(
        session,
        NewStaff("Tegan Vost", "volunteer", address="3 Lantern Row", telephone="07700 900321"),
    )
    staff.add_staff(session, NewStaff("Wren Ashby", "staff"))
    session.close()
    return data_dir


@pytest.fixture
def window(qtbot, make_window, centre: Path) -> AppWindow:
    made = make_window(centre)
    sign_in(qtbot, made, MANAGER, PASSWORD)
    made.workspace.go_to("Staff")
    return made


@pytest.fixture
def screen(window: AppWindow) -> StaffScreen:
    found = window.workspace.screens["Staff"]
    assert isinstance(found, StaffScreen)
    return found


def names(screen: StaffScreen) -> list[str]:
    return [
        screen.proxy.index(row, StaffColumn.NAME).data() for row in range(screen.proxy.rowCount())
    ]


def choose(screen: StaffScreen, name: str) -> None:
    screen.table.selectRow(names(screen).index(name))


def cell(screen: StaffScreen, name: str, column: StaffColumn) -> str:
    return screen.proxy.index(names(screen).index(name), column).data()


def test_the_list_shows_who_is_cleared_and_the_view_is_logged(screen, window) -> None:
    assert names(screen) == ["Tegan Vost", "Wren Ashby"]
    assert cell(screen, "Tegan Vost", StaffColumn.STATUS) == "Applicant"
    assert cell(screen, "Tegan Vost", StaffColumn.CLEARED).startswith(
        "No: no DBS check is recorded"
    )
    assert cell(screen, "Tegan Vost", StaffColumn.NEXT_CHECK) == "Not recorded"
    assert cell(screen, "Tegan Vost", StaffColumn.POLICY) == "Not yet (version 1)"
    entry = newest_audit(window)
    assert (entry.actor, entry.action, entry.subject) == (MANAGER, "vetting.view", "staff list")


def test_the_policy_column_shows_who_acknowledged_the_current_version(
    qtbot, screen, window, answer
) -> None:
    session = window.session
    version = policy_documents.current_version(session)
    tegan = next(
        s.member.id for s in staff.list_staff(session) if s.member.full_name == "Tegan Vost"
    )
    policy_documents.record_acknowledgement(
        session,
        "staff",
        staff_id=tegan,
        acknowledged_on=version.effective_on,
        how="personal_sheet",
        kept_at="Staff files, cabinet 2",
    )
    screen.refresh()
    signed = f"Version 1, {long_date(version.effective_on)}"
    assert cell(screen, "Tegan Vost", StaffColumn.POLICY) == signed
    assert cell(screen, "Wren Ashby", StaffColumn.POLICY) == "Not yet (version 1)"
    assert (
        screen.model.headerData(
            StaffColumn.POLICY, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole
        )
        == "Policy acknowledged"
    )
    seen: list[str] = []
    answer(
        VettingDialog,
        lambda dialog: seen.append(find(dialog, QLabel, "Policy acknowledged").text()),
    )
    choose(screen, "Tegan Vost")
    click(qtbot, screen, "Vetting record")
    assert seen == [f"Confidentiality Policy acknowledged: {signed}."]


def test_search_as_you_type(qtbot, screen) -> None:
    qtbot.keyClicks(screen.search, "wre")
    assert names(screen) == ["Wren Ashby"]
    screen.search.setText("volunteer")
    assert names(screen) == ["Tegan Vost"]
    screen.search.clear()
    assert len(names(screen)) == 2


def fill_dbs(number: str):
    def fill(dialog: DbsCheckDialog) -> None:
        find(dialog, QLineEdit, "Certificate number").setText(number)

    return fill


def fill_identity(dialog: IdentityDialog) -> None:
    find(dialog, QCheckBox, "Passport").setChecked(True)


def fill_references():
    referees = iter(["Brela Fenn", "Quoth Lowe"])

    def fill(dialog: ReferenceDialog) -> None:
        find(dialog, QLineEdit, "From").setText(next(referees))

    return fill


def record_vetting_through_the_dialogs(qtbot, screen, answer) -> list:
    """Open the vetting record and record a DBS check, identity and two references."""
    answer(DbsCheckDialog, fill_dbs("0012 3456 7890"))
    answer(IdentityDialog, fill_identity)
    answer(ReferenceDialog, fill_references())
    seen: list = []

    def fill(dialog: VettingDialog) -> None:
        click(qtbot, dialog, "Record a DBS check")
        click(qtbot, dialog, "Record identity seen")
        click(qtbot, dialog, "Record a reference")
        click(qtbot, dialog, "Record a reference")
        seen.append(dialog.cleared.text())

    answer(VettingDialog, fill)
    click(qtbot, screen, "Vetting record")
    return seen


def test_activate_refuses_an_unvetted_person_and_accepts_once_vetted(
    qtbot, screen, window, answer, message_boxes
) -> None:
    choose(screen, "Tegan Vost")
    activate = find(screen, QPushButton, "Activate")
    assert activate.isVisible() and not activate.isEnabled()
    assert "no DBS check is recorded" in activate.toolTip()
    assert "Cannot be made active until cleared" in screen.activate_note.text()
    qtbot.mouseClick(activate, Qt.MouseButton.LeftButton)  # disabled, on purpose: no effect
    assert cell(screen, "Tegan Vost", StaffColumn.STATUS) == "Applicant"
    # The rule is the service's: even asked directly, the screen is refused and says why.
    screen.activate()
    assert message_boxes.titles() == ["Not made active"]
    assert "no DBS check is recorded" in message_boxes.texts()[0]
    assert any(
        (e.action, e.outcome) == ("staff.activate", "refused")
        for e in audit.entries(window.session.centre.conn)
    )

    seen = record_vetting_through_the_dialogs(qtbot, screen, answer)
    # Issue 18, item 10: an applicant is not "cleared to work" until made active.
    assert seen == [
        "Not cleared to work with families yet: the checks are complete; a manager makes "
        "the person active on the Staff screen."
    ]
    choose(screen, "Tegan Vost")
    assert (
        cell(screen, "Tegan Vost", StaffColumn.CLEARED)
        == "Not yet: checks complete, not made active"
    )
    assert activate.isEnabled()
    qtbot.mouseClick(activate, Qt.MouseButton.LeftButton)
    assert cell(screen, "Tegan Vost", StaffColumn.STATUS) == "Active"
    assert cell(screen, "Tegan Vost", StaffColumn.CLEARED) == "Yes"
    assert not activate.isEnabled() and activate.toolTip() == "Already active."


def test_the_session_staff_picker_refuses_an_unvetted_person_and_accepts_once_vetted(
    qtbot, screen, centre, answer
) -> None:
    coordinator = service_sign_in(centre, "coordinator", PASSWORD)
    try:
        assert bookings.staff_choices(coordinator) == []
        assert [n for n, _ in bookings.unavailable_staff(coordinator)] == [
            "Tegan Vost",
            "Wren Ashby",
        ]
        choose(screen, "Tegan Vost")
        record_vetting_through_the_dialogs(qtbot, screen, answer)
        assert bookings.staff_choices(coordinator) == []  # cleared, but not made active
        choose(screen, "Tegan Vost")
        click(qtbot, screen, "Activate")
        assert [c.full_name for c in bookings.staff_choices(coordinator)] == ["Tegan Vost"]
    finally:
        coordinator.close()


def test_a_bad_certificate_number_keeps_the_dialog_open_with_the_reason(
    qtbot, screen, answer
) -> None:
    checks = answer(DbsCheckDialog, fill_dbs("12345678901A"))
    answer(VettingDialog, lambda dialog: click(qtbot, dialog, "Record a DBS check"))
    choose(screen, "Tegan Vost")
    click(qtbot, screen, "Vetting record")
    (dialog,) = checks.dialogs
    assert dialog.result() == 0
    assert "with no letters" in find(dialog, QLabel, "Message").text()


def test_a_login_waits_until_the_person_is_cleared(screen) -> None:
    choose(screen, "Tegan Vost")
    login = find(screen, QPushButton, "Give a login")
    assert not login.isEnabled()
    assert "No login with access to families until cleared" in login.toolTip()


def test_add_a_person_then_reveal_their_contact_details(qtbot, screen, window, answer) -> None:
    def fill_new(dialog: StaffDialog) -> None:
        find(dialog, QLineEdit, "Full name").setText("Plouth Vrenby")
        find(dialog, QLineEdit, "Telephone").setText("07700 900777")

    answer(StaffDialog, fill_new)
    click(qtbot, screen, "Add person")
    assert cell(screen, "Plouth Vrenby", StaffColumn.STATUS) == "Applicant"
    shown: list[str] = []

    def fill_edit(dialog: StaffDialog) -> None:
        telephone = find(dialog, QLineEdit, "Telephone")
        assert telephone.text() == "" and telephone.placeholderText() == HIDDEN
        click(qtbot, dialog, "Show contact details")
        shown.append(telephone.text())

    answer(StaffDialog, fill_edit)
    choose(screen, "Plouth Vrenby")
    click(qtbot, screen, "Edit person")
    assert shown == ["07700 900777"]
    assert any(
        e.action == "staff.contact.reveal" for e in audit.entries(window.session.centre.conn)
    )


def test_only_a_manager_has_the_staff_screen(qtbot, make_window, centre) -> None:
    window = make_window(centre)
    sign_in(qtbot, window, "coordinator", PASSWORD)
    assert "Staff" not in window.workspace.titles


def test_every_vetting_dialog_names_its_controls_and_takes_the_keyboard(
    qtbot, screen, window
) -> None:
    from stmarys_desktop.ui.dialogs.vetting import (
        DecisionDialog,
        LeftDialog,
        RequirementDialog,
        StaffLoginDialog,
        StatusCheckDialog,
        TrainingDialog,
    )
    from tests.ui.test_main_window import CONTROLS, unnamed_controls

    session = window.session
    choose(screen, "Tegan Vost")
    member = screen.selected().member
    record = VettingDialog(screen, session, member.id)
    check = staff.record_dbs_check(session, member.id, staff_draft(session))
    requirement = record.record.vetting.requirement
    dialogs = [
        record,
        StaffDialog(screen, session),
        StaffDialog(screen, session, member),
        DbsCheckDialog(screen, session, member, requirement),
        DecisionDialog(screen, session, check),
        StatusCheckDialog(screen, session, check),
        IdentityDialog(screen, session, member),
        ReferenceDialog(screen, session, member),
        TrainingDialog(screen, session, member),
        LeftDialog(screen, session, member),
        RequirementDialog(screen, session, staff.requirements(session), member.centre_role),
        StaffLoginDialog(screen, session, member),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert unnamed_controls(dialog) == [], dialog.windowTitle()
        unreachable = [
            f"{type(c).__name__} {c.accessibleName()}"
            for c in dialog.findChildren(QWidget)
            if isinstance(c, CONTROLS)
            and not isinstance(c, QHeaderView | QProgressBar)
            and not c.objectName().startswith("qt_")
            and not c.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(c.parentWidget(), QComboBox)
        ]
        assert unreachable == [], dialog.windowTitle()
    assert unnamed_controls(screen) == []


def staff_draft(session) -> DbsCheckDraft:
    day = staff.today(session) - timedelta(days=10)
    return DbsCheckDraft("001234567890", day, day)


def test_a_lapsed_persons_own_login_opens_without_families_and_says_why(
    qtbot, make_window, new_centre: NewCentre, data_dir: Path
) -> None:
    from tests.unit.vetting_helpers import record_clear_vetting

    manager = new_centre.session
    member = staff.add_staff(manager, NewStaff("Nia Holm", "staff"))
    record_clear_vetting(manager, member.id, update_service=True)
    member = staff.activate(manager, member.id, member.version)
    accounts.create_account(
        manager,
        user_name="nia",
        display_name="Nia Holm",
        roles=[Role.COORDINATOR],
        password=PASSWORD,
        staff_id=member.id,
    )
    check_id = staff.open_vetting(manager, member.id).vetting.checks[0].id
    staff.record_status_check(
        manager, check_id, manager.centre.clock().date(), new_information=True
    )
    manager.close()

    window = make_window(data_dir)
    sign_in(qtbot, window, "nia", PASSWORD)
    assert not window.locked
    assert window.screen_titles() == ["Today", "Policy"]
    first_alert = window.workspace.screens["Today"].alert_texts()[0]
    assert "access to families' records is withheld" in first_alert
    assert "clause vi" in first_alert and "Ask the manager" in first_alert
    # The register's buttons give the same reason, not the person's roles.
    check_in = find(window.workspace.screens["Today"], QPushButton, "Check in")
    assert not check_in.isEnabled()
    assert check_in.toolTip().startswith(
        "You cannot run the register. Your access to families' records is withheld"
    )
    printing = find(window.workspace.screens["Today"], QPushButton, "Print register")
    assert not printing.isEnabled() and "clause vi" in printing.toolTip()


def test_suspend_and_left_are_offered_as_the_service_decides(
    qtbot, screen, window, answer, message_boxes
) -> None:
    from stmarys_desktop.ui.dialogs.vetting import LeftDialog
    from tests.unit.vetting_helpers import record_clear_vetting

    session = window.session
    tegan = next(s.member for s in staff.list_staff(session) if s.member.full_name == "Tegan Vost")
    record_clear_vetting(session, tegan.id)
    staff.activate(session, tegan.id, tegan.version)
    screen.refresh()
    suspend = find(screen, QPushButton, "Suspend")
    left = find(screen, QPushButton, "Record leaving")
    screen.table.clearSelection()
    for widget in (suspend, left):
        assert not widget.isEnabled() and widget.toolTip() == "Choose a person in the list first."

    choose(screen, "Wren Ashby")  # an applicant
    assert not suspend.isEnabled()
    assert suspend.toolTip().startswith("Only an active person can be suspended")
    assert left.isEnabled()

    choose(screen, "Tegan Vost")
    assert suspend.isEnabled() and left.isEnabled()
    qtbot.mouseClick(suspend, Qt.MouseButton.LeftButton)
    assert cell(screen, "Tegan Vost", StaffColumn.STATUS) == "Suspended"
    assert not suspend.isEnabled() and suspend.toolTip() == "Already suspended."
    assert left.isEnabled()

    answer(LeftDialog, lambda dialog: None)
    qtbot.mouseClick(left, Qt.MouseButton.LeftButton)
    screen.show_status.setCurrentIndex(1)  # everyone, those who left included
    choose(screen, "Tegan Vost")
    assert cell(screen, "Tegan Vost", StaffColumn.STATUS) == "Left"
    assert not left.isEnabled() and left.toolTip() == "Has already left."
    assert not suspend.isEnabled()
    assert suspend.toolTip() == "Someone who has left cannot be suspended."
    # The rule is the service's: asked directly, the screen is refused and says why.
    screen.suspend()
    assert message_boxes.titles()[-1] == "Not suspended"
    assert "Someone who has left cannot be suspended." in message_boxes.texts()[-1]
    assert cell(screen, "Tegan Vost", StaffColumn.STATUS) == "Left"


def test_an_applicants_alert_opens_their_vetting_record(
    qtbot, window: AppWindow, monkeypatch
) -> None:
    """Issue 18, item 6: an alert on the start screen opens what it names."""
    opened: list[VettingDialog] = []
    monkeypatch.setattr(VettingDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    window.workspace.go_to("Today")
    today = window.workspace.screens["Today"]
    today.refresh()
    row = next(r for r, text in enumerate(today.alert_texts()) if "Tegan Vost has applied" in text)
    item = today.alerts.item(row)
    today.alerts.setCurrentItem(item)
    qtbot.keyClick(today.alerts, Qt.Key.Key_Return)
    assert window.workspace.current.title == "Staff"
    assert [d.record.member.full_name for d in opened] == ["Tegan Vost"]


def test_the_backup_alert_opens_the_admin_screen_at_backup_now(qtbot, window: AppWindow) -> None:
    from tests.ui.helpers import activate

    activate(qtbot, window)
    window.workspace.go_to("Today")
    today = window.workspace.screens["Today"]
    today.refresh()
    row = next(r for r, text in enumerate(today.alert_texts()) if "No backup" in text)
    today.alerts.itemActivated.emit(today.alerts.item(row))
    admin = window.workspace.current
    assert admin.title == "Admin"
    assert admin.backup_button.hasFocus()


def test_a_decisions_notes_say_when_they_are_deleted_not_cleared() -> None:
    """The vetting record says "Cleared to work" of a person; the notes on a recruitment
    decision are deleted after six months, and saying they are "cleared" read as if the
    person were (issue 18)."""
    from datetime import date
    from types import SimpleNamespace

    from stmarys_desktop.ui.dialogs.vetting import notes_text
    from tests.unit.test_vetting_rules import check

    noted = check(notes="Discussed openly at interview.", decided_on=date(2026, 10, 8))
    text = notes_text(noted, SimpleNamespace(notes_clear_on=date(2027, 4, 8)))
    assert "Notes: Discussed openly at interview. (kept until 8 April 2027" in text
    assert "then deleted" in text and "cleared" not in text
    gone = check(decided_on=date(2026, 1, 8), notes="", notes_cleared_on=date(2026, 7, 8))
    assert "Notes were deleted on 8 July 2026" in notes_text(gone, SimpleNamespace())
