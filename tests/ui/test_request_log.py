"""The request log on screen (issue 20, item 4): every field read back, changes with their
reasons, the manager and the safeguarding lead reading it, printing it, and answering a
request from the family's disclosures dialog (DESIGN.md section 2, the request log)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)

from stmarys_desktop.domain.dates import short_date
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts, families
from stmarys_desktop.services import disclosure as out
from stmarys_desktop.ui.dialogs.request_log import COLUMNS, RequestLogDialog
from stmarys_desktop.ui.forms import CallbackForm
from tests.helpers import pdf_text
from tests.ui import family_helpers
from tests.ui.helpers import all_text, find
from tests.unit.family_helpers import two_parent_family

TODAY = date.today()


@pytest.fixture
def logged(manager, sign_in_as):
    for user, name, role in (
        ("coord", "Made-up Coordinator", Role.COORDINATOR),
        ("lead", "Made-up Lead", Role.SAFEGUARDING_LEAD),
        ("desk", "Made-up Desk", Role.FRONT_DESK),
    ):
        accounts.create_account(
            manager,
            user_name=user,
            display_name=name,
            roles=[role],
            password=f"{user} password long",
        )
    coord = sign_in_as("coord", "coord password long")
    family = families.create_family(coord, two_parent_family())
    request_id = out.record_request(
        coord,
        requester_name="Mira Pennock",
        requester_agency="Hartwell Finch LLP",
        asked_for="Owen's address",
        family_id=family.id,
        about_person_id=family.adults[1].id,
        consent_sought="sought",
        received_on=TODAY - timedelta(days=1),
    )
    return coord, family, request_id


def cell(dialog, row: int, column: str) -> str:
    return dialog.panel.table.item(row, COLUMNS.index(column)).text()


@pytest.mark.parametrize("who", ["manager", "lead"])
def test_request_log_the_manager_and_the_safeguarding_lead_read_every_field(
    qtbot, logged, manager, sign_in_as, who
):
    """D311: the manager was told "your roles (Manager) do not allow it" and shown no
    rows; now the manager and the safeguarding lead read every field."""
    _, family, _ = logged
    session = manager if who == "manager" else sign_in_as("lead", "lead password long")
    dialog = RequestLogDialog(None, session)
    qtbot.addWidget(dialog)
    assert dialog.panel.table.rowCount() == 1
    assert cell(dialog, 0, "Who asked") == "Mira Pennock"
    assert cell(dialog, 0, "Agency") == "Hartwell Finch LLP"
    assert cell(dialog, 0, "Asked for") == "Owen's address"
    assert cell(dialog, 0, "Family") == family.reference
    assert cell(dialog, 0, "About") == "Owen Brackley"
    assert cell(dialog, 0, "Consent") == "Sought, awaiting an answer"
    assert cell(dialog, 0, "Answered by") == "Not answered yet"
    assert cell(dialog, 0, "Told afterwards") == "Not yet"
    assert cell(dialog, 0, "Recorded by") == "Made-up Coordinator"
    assert cell(dialog, 0, "Received") == short_date(TODAY - timedelta(days=1))
    assert dialog.panel.print_button.isEnabled()
    # The manager reads; changing stays with those who record requests.
    assert dialog.panel.change_button.isEnabled() == (who == "lead")


def test_request_log_a_change_needs_its_reason_and_its_history_shows(
    qtbot, logged, answer, message_boxes
):
    coord, family, _ = logged
    dialog = RequestLogDialog(None, coord)
    qtbot.addWidget(dialog)
    dialog.panel.table.selectRow(0)
    assert "has not been changed" in dialog.panel.changes_title.text()

    def no_reason(form):
        find(form, QComboBox, "Consent").setCurrentText("Refused")

    answers = answer(CallbackForm, no_reason)
    dialog.panel.change()
    assert "Say why the request is being changed" in all_text(answers.dialogs[0])
    assert out.requests(coord, family.id)[0].consent_sought == "sought"

    def with_reason(form):
        find(form, QComboBox, "Consent").setCurrentText("Refused")
        find(form, QPlainTextEdit, "What they asked for").setPlainText("Owen's telephone")
        find(form, QLineEdit, "Why it is changed").setText("The mother answered: no")

    answer(CallbackForm, with_reason)
    dialog.panel.change()
    assert cell(dialog, 0, "Consent") == "Refused"
    assert cell(dialog, 0, "Asked for") == "Owen's telephone"
    changes = dialog.panel.changes
    assert changes.rowCount() == 2
    assert [changes.item(r, 1).text() for r in range(2)] == ["What they asked for", "Consent"]
    assert [changes.item(1, c).text() for c in (2, 3, 4, 5)] == [
        "Sought, awaiting an answer",
        "Refused",
        "Made-up Coordinator",
        "The mother answered: no",
    ]


def test_request_log_told_afterwards_is_recorded_from_the_list(qtbot, logged, answer):
    coord, family, _ = logged
    dialog = RequestLogDialog(None, coord)
    qtbot.addWidget(dialog)
    dialog.panel.table.selectRow(0)

    def not_told(form):
        find(form, QComboBox, "Told").setCurrentText("Not told")
        find(form, QLineEdit, "Why not").setText("Telling him would put the child at risk")

    answer(CallbackForm, not_told)
    dialog.panel.record_told()
    assert cell(dialog, 0, "Told afterwards") == (
        "Not told: Telling him would put the child at risk"
    )
    (saved,) = out.requests(coord, family.id)
    assert saved.not_told_reason == "Telling him would put the child at risk"


def test_clause_i_the_request_log_prints_from_the_screen(
    qtbot, logged, manager, tmp_path, message_boxes
):
    target = tmp_path / "log.pdf"
    dialog = RequestLogDialog(None, manager, save_path=lambda *_: str(target))
    qtbot.addWidget(dialog)
    dialog.panel.print_log()
    text = pdf_text(target)
    assert "Confidential: not to leave the centre" in text
    assert "Mira Pennock" in text and "Sought, awaiting an answer" in text


def test_request_log_the_front_desk_does_not_see_it(qtbot, logged, sign_in_as):
    desk = sign_in_as("desk", "desk password long")
    dialog = RequestLogDialog(None, desk)
    qtbot.addWidget(dialog)
    assert dialog.panel.table.rowCount() == 0
    assert "your roles (Front desk) do not allow it" in dialog.panel.table.toolTip()
    assert not dialog.panel.print_button.isEnabled()


front_desk_centre = family_helpers.front_desk_centre
open_as = family_helpers.open_as


def test_request_log_opens_from_the_families_screen_for_those_who_read_it(qtbot, open_as):
    for user, shown in (("frontdesk", False), ("coordinator", True)):
        window = open_as(user)
        window.workspace.go_to("Families")
        screen = window.workspace.screens["Families"]
        assert find(screen, QPushButton, "Request log").isVisibleTo(screen) is shown


# -- answering from the family's disclosures dialog (D313, D314, D317) -----------------


def disclosures_for(qtbot, session, family_id, target=None):
    from stmarys_desktop.ui.dialogs.disclosures import DisclosuresDialog

    dialog = DisclosuresDialog(
        None, session, family_id, save_path=lambda *_: str(target) if target else ""
    )
    qtbot.addWidget(dialog)
    return dialog


def test_request_log_an_attendance_letter_starts_from_the_request_it_answers(
    qtbot, logged, answer, message_boxes, tmp_path
):
    coord, family, request_id = logged
    dialog = disclosures_for(qtbot, coord, family.id, tmp_path / "letter.pdf")
    panel = dialog.request_log
    assert dialog.lists.tabText(dialog.lists.indexOf(panel)) == "Re&quests for information"
    panel.table.selectRow(0)
    panel.answer_with.setCurrentText("Attendance letter for the referrer")
    seen = {}

    def letter(form):
        seen["answering"] = find(form, QComboBox, "In answer to").currentData()

    answer(CallbackForm, letter)
    qtbot.mouseClick(panel.answer_button, Qt.MouseButton.LeftButton)
    assert seen["answering"] == request_id
    (request,) = out.requests(coord, family.id)
    assert [(a.action, a.allowed) for a in request.answers] == [("attendance_letter", True)]
    assert (
        panel.table.item(0, COLUMNS.index("Answered by"))
        .text()
        .startswith("Attendance letter for the referrer to Hartwell Finch LLP: allowed")
    )


def test_clause_4_a_share_from_a_request_asks_why_it_goes_without_consent(
    qtbot, logged, answer, manager, sign_in_as, message_boxes
):
    from stmarys_desktop.domain.incidents import IncidentDraft, IncidentKind
    from stmarys_desktop.services import authorities, incidents

    _, family, request_id = logged
    lead = sign_in_as("lead", "lead password long")
    desk = sign_in_as("desk", "desk password long")
    authorities.add_authority(
        manager, name="Westshire Police", kind="police", contact_point="Public protection unit"
    )
    incident_id = incidents.record_incident(
        desk,
        IncidentDraft(
            kind=IncidentKind.WELFARE_CONCERN,
            occurred_at=datetime.now().astimezone(),
            seen_and_heard="Ivy had a bruise she would not explain.",
            family_id=family.id,
        ),
    )
    incidents.confirm_concern(lead, incident_id)
    dialog = disclosures_for(qtbot, lead, family.id)
    panel = dialog.request_log
    panel.table.selectRow(0)
    panel.answer_with.setCurrentText("Share with Children's Services / police")

    def share(form, why=""):
        assert find(form, QComboBox, "In answer to").currentData() == request_id
        # About whom the request is about, as the request says.
        assert find(form, QComboBox, "Whose contact details").currentText() == "Owen Brackley"
        find(form, QCheckBox, "Shared: the concern: what was seen and heard").setChecked(True)
        find(form, QPlainTextEdit, "What was shared").setPlainText("The bruise, as seen.")
        find(form, QPlainTextEdit, "Why without consent").setPlainText(why)

    refused = answer(CallbackForm, share)
    qtbot.mouseClick(panel.answer_button, Qt.MouseButton.LeftButton)
    assert "write the reason this goes without the person's consent" in all_text(refused.dialogs[0])
    assert out.disclosure_history(lead, family.id) == []

    answer(CallbackForm, lambda form: share(form, "Asking him first would warn him"))
    qtbot.mouseClick(panel.answer_button, Qt.MouseButton.LeftButton)
    assert (
        panel.table.item(0, COLUMNS.index("Without consent because")).text()
        == "Asking him first would warn him"
    )


def test_request_log_a_request_for_a_report_is_recorded_in_the_log(
    qtbot, logged, answer, message_boxes
):
    coord, family, _ = logged
    dialog = disclosures_for(qtbot, coord, family.id)

    def report(form):
        assert find(form, QComboBox, "In answer to").currentData() is None
        # The person and their agency apart, as the request for information asks (D393).
        find(form, QLineEdit, "Who asked").setText("Tamsin Rowe")
        find(form, QLineEdit, "Their agency").setText("Brackley & Rowe Solicitors")

    answer(CallbackForm, report)
    qtbot.mouseClick(dialog.requests.report_request, Qt.MouseButton.LeftButton)
    newest = out.requests(coord, family.id)[-1]
    assert (newest.requester_name, newest.requester_agency, newest.asked_for) == (
        "Tamsin Rowe",
        "Brackley & Rowe Solicitors",
        "A verbal or written report for family proceedings",
    )
    assert newest.decision == "refused"
    assert dialog.request_log.table.rowCount() == 2
    # Received: the day, as for every other row, not the moment it was typed (D394).
    received = COLUMNS.index("Received")
    assert {dialog.request_log.table.item(r, received).text() for r in range(2)} == {
        short_date(TODAY - timedelta(days=1)),
        short_date(TODAY),
    }
    assert newest.received_at == TODAY.isoformat()


def test_request_log_a_request_awaiting_consent_is_recorded_with_its_day(qtbot, logged, answer):
    coord, family, _ = logged
    dialog = disclosures_for(qtbot, coord, family.id)

    def request(form):
        find(form, QLineEdit, "Who asked").setText("Nerys Vaughan")
        find(form, QPlainTextEdit, "What they asked for").setPlainText("Attendance in May")
        find(form, QComboBox, "Consent sought").setCurrentText("Sought, awaiting an answer")
        find(form, QDateEdit, "Received on").setDate(TODAY - timedelta(days=4))

    answer(CallbackForm, request)
    qtbot.mouseClick(dialog.requests.info_request, Qt.MouseButton.LeftButton)
    newest = out.requests(coord, family.id)[-1]
    assert newest.consent.label == "Sought, awaiting an answer"
    assert newest.received_at == (TODAY - timedelta(days=4)).isoformat()
