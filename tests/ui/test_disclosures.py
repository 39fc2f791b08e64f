"""The disclosure actions on a family (issue 6): each button disabled with its clause and
reason while the policy refuses, and enabled once the missing record exists."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

from stmarys_desktop.domain.incidents import IncidentDraft, IncidentKind
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.policy.disclosure import Action
from stmarys_desktop.services import accounts, authorities, families, incidents
from stmarys_desktop.services import disclosure as out
from stmarys_desktop.ui.dialogs.disclosures import DisclosuresDialog
from stmarys_desktop.ui.forms import CallbackForm
from tests.helpers import pdf_text
from tests.ui.helpers import all_text, find
from tests.unit.family_helpers import two_parent_family


@pytest.fixture
def people(manager, sign_in_as):
    for user, role in (
        ("coord", Role.COORDINATOR),
        ("lead", Role.SAFEGUARDING_LEAD),
        ("desk", Role.FRONT_DESK),
    ):
        accounts.create_account(
            manager,
            user_name=user,
            display_name=f"Made-up {user}",
            roles=[role],
            password=f"{user} password long",
        )
    coord = sign_in_as("coord", "coord password long")
    lead = sign_in_as("lead", "lead password long")
    desk = sign_in_as("desk", "desk password long")
    family = families.create_family(coord, two_parent_family())
    other = families.create_family(
        coord,
        two_parent_family(resident="Wren Ashby", visiting="Tal Kelham", children=("Rosa Ashby",)),
    )
    return coord, lead, desk, family, other


OUTCOME = 6  # the history table's column


def dialog_for(qtbot, session, family_id, tmp_path: Path | None = None) -> DisclosuresDialog:
    saved = (tmp_path / "out.pdf") if tmp_path else None
    dialog = DisclosuresDialog(
        None, session, family_id, save_path=lambda *_: str(saved) if saved else ""
    )
    qtbot.addWidget(dialog)
    return dialog


def state(dialog: DisclosuresDialog, action: Action) -> tuple[bool, str]:
    widget = dialog.actions.buttons[action]
    assert widget.isVisibleTo(dialog)  # never hidden, only disabled
    assert widget.toolTip() == dialog.actions.reasons[action].text()
    return widget.isEnabled(), widget.toolTip()


def test_clause_ii_report_for_proceedings_is_always_disabled_with_the_clause(qtbot, people):
    coord, *_, family, _ = people
    dialog = dialog_for(qtbot, coord, family.id)
    enabled, why = state(dialog, Action.PROCEEDINGS_REPORT)
    assert not enabled and "clause ii" in why and "no verbal or written report" in why


def test_clause_iii_attendance_letter_enabled_for_the_referrer_and_saved(
    qtbot, people, answer, message_boxes, tmp_path
):
    coord, _, desk, family, _ = people
    enabled, why = state(dialog_for(qtbot, desk, family.id), Action.ATTENDANCE_LETTER)
    assert not enabled and "do not allow" in why
    dialog = dialog_for(qtbot, coord, family.id, tmp_path)
    enabled, why = state(dialog, Action.ATTENDANCE_LETTER)
    assert enabled and "clause iii" in why
    answer(CallbackForm, lambda form: None)  # keeps the referrer it is pre-filled with
    qtbot.mouseClick(dialog.actions.buttons[Action.ATTENDANCE_LETTER], Qt.MouseButton.LeftButton)
    text = pdf_text(tmp_path / "out.pdf")
    assert family.reference in text and "Carys" not in text
    assert dialog.history.table.rowCount() == 1


def test_clause_iv_disclosure_disabled_until_a_consent_is_recorded(
    qtbot, people, answer, message_boxes
):
    coord, _, _, family, _ = people
    dialog = dialog_for(qtbot, coord, family.id)
    enabled, why = state(dialog, Action.CONTACT_DETAILS)
    assert not enabled and "clause iv" in why and "no written consent" in why

    def consent(form):
        find(form, QComboBox, "Adult").setCurrentIndex(1)  # the non-resident parent
        find(form, QLineEdit, "Recipient").setText("Hartwell Finch LLP")
        find(form, QLineEdit, "Where the signed paper is kept").setText("Consent folder")

    answer(CallbackForm, consent)
    qtbot.mouseClick(dialog.consents.record_button, Qt.MouseButton.LeftButton)
    assert dialog.consents.table.rowCount() == 1
    enabled, why = state(dialog, Action.CONTACT_DETAILS)
    assert enabled and "consented in writing" in why

    def disclose(form):
        find(form, QComboBox, "Adult").setCurrentIndex(1)
        find(form, QLineEdit, "Recipient").setText("hartwell finch llp")

    answer(CallbackForm, disclose)
    qtbot.mouseClick(dialog.actions.buttons[Action.CONTACT_DETAILS], Qt.MouseButton.LeftButton)
    assert "4 Makebelieve Lane, Fernby" in message_boxes.texts()[-1]
    assert "Invented Road" not in message_boxes.texts()[-1]


def test_a_refused_disclosure_stays_in_the_form_with_the_reason(qtbot, people, answer):
    coord, _, _, family, _ = people
    out.record_consent(
        coord,
        family.id,
        given_by=family.adults[1].id,
        recipient="Hartwell Finch LLP",
        recipient_kind="agency",
        items=frozenset({"address"}),
        signed_on=datetime.now().date(),
        paper_kept_at="Folder",
    )
    dialog = dialog_for(qtbot, coord, family.id)
    forms = []

    def to_the_other_parent(form):
        forms.append(form)
        find(form, QComboBox, "Adult").setCurrentIndex(1)
        find(form, QLineEdit, "Recipient").setText("Carys Dunford")

    answer(CallbackForm, to_the_other_parent)
    qtbot.mouseClick(dialog.actions.buttons[Action.CONTACT_DETAILS], Qt.MouseButton.LeftButton)
    assert "names Hartwell Finch LLP, not Carys Dunford" in forms[0].message.text()
    assert forms[0].result() != CallbackForm.DialogCode.Accepted
    assert [
        r
        for r in range(dialog.history.table.rowCount())
        if dialog.history.table.item(r, OUTCOME).text() == "Refused"
    ]


def test_clause_4a_share_becomes_enabled_on_that_family_only_after_confirmation(
    qtbot, people, answer, manager, message_boxes
):
    _, lead, desk, family, other = people
    authorities.add_authority(
        manager,
        name="Westshire Children's Services",
        kind="childrens_services",
        contact_point="Front door team",
    )
    police = authorities.add_authority(
        manager, name="Westshire Police", kind="police", contact_point="Public protection unit"
    )
    dialog = dialog_for(qtbot, lead, family.id)
    enabled, why = state(dialog, Action.SHARE_WITH_AUTHORITIES)
    assert not enabled and "no open exception" in why
    incident_id = incidents.record_incident(
        desk,
        IncidentDraft(
            kind=IncidentKind.WELFARE_CONCERN,
            occurred_at=datetime.now().astimezone(),
            seen_and_heard='Ivy said: "Please don\'t tell."',
            family_id=family.id,
        ),
    )
    exception = incidents.confirm_concern(lead, incident_id)
    dialog.refresh()
    enabled, why = state(dialog, Action.SHARE_WITH_AUTHORITIES)
    assert enabled and f"exception {exception.id}" in why and "clause 4, point a" in why
    assert not state(dialog_for(qtbot, lead, other.id), Action.SHARE_WITH_AUTHORITIES)[0]

    def share(form):
        assert f"Exception {exception.id}" in all_text(form)  # the dialog names it
        # The recipient is chosen from the manager's list: nothing to type, no kind to pick.
        assert not [
            w
            for w in form.findChildren(QLineEdit)
            if w.accessibleName() in ("Recipient", "Kind of recipient")
        ]
        chooser = find(form, QComboBox, "Authority")
        chooser.setCurrentIndex(chooser.findData(police.id))
        find(form, QCheckBox, "Shared: a parent's telephone number").setChecked(True)
        find(form, QComboBox, "Whose contact details").setCurrentIndex(1)
        find(form, QPlainTextEdit, "What was shared").setPlainText("The mother's number.")
        find(form, QLineEdit, "Their reference").setText("WP/2026/0042")

    answer(CallbackForm, share)
    qtbot.mouseClick(
        dialog.actions.buttons[Action.SHARE_WITH_AUTHORITIES], Qt.MouseButton.LeftButton
    )
    assert dialog.history.table.item(0, OUTCOME).text() == "Allowed"
    assert dialog.history.table.item(0, 4).text() == "Westshire Police"
    assert dialog.history.table.item(0, 5).text() == "The police"
    assert dialog.history.table.item(0, 3).text() == "Carys Dunford"
    assert "07700 900123" in message_boxes.texts()[-1]


def test_clause_4a_the_contact_details_form_offers_no_authority_kind(qtbot, people, answer):
    """ "Disclose contact details" cannot make anyone "The police": the kinds it offers are
    a person or an agency; the police get details through the share only."""
    coord, *_, family, _ = people
    out.record_consent(
        coord,
        family.id,
        given_by=family.adults[1].id,
        recipient="Hartwell Finch LLP",
        recipient_kind="agency",
        items=frozenset({"address"}),
        signed_on=datetime.now().date(),
        paper_kept_at="Folder",
    )
    dialog = dialog_for(qtbot, coord, family.id)
    kinds = []

    def read_kinds(form):
        combo = find(form, QComboBox, "Kind of recipient")
        kinds.extend(combo.itemText(i) for i in range(combo.count()))

    answer(CallbackForm, read_kinds)
    qtbot.mouseClick(dialog.actions.buttons[Action.CONTACT_DETAILS], Qt.MouseButton.LeftButton)
    assert kinds == ["An agency", "A person"]


def test_clause_iii_a_cancelled_save_of_the_letter_logs_nothing_as_sent(qtbot, people, answer):
    """Pressing "Make the letter" and then cancelling the save dialog: no "allowed" row in
    the disclosure log, no "done" row in the audit log."""
    from stmarys_desktop.store import audit

    coord, *_, family, _ = people
    dialog = dialog_for(qtbot, coord, family.id)  # its save dialog is cancelled
    before = [e.seq for e in audit.entries(coord.centre.conn)]
    answer(CallbackForm, lambda form: None)
    qtbot.mouseClick(dialog.actions.buttons[Action.ATTENDANCE_LETTER], Qt.MouseButton.LeftButton)
    answer(CallbackForm, lambda form: find(form, QLineEdit, "Who asked").setText("Brackley"))
    qtbot.mouseClick(dialog.requests.report_request, Qt.MouseButton.LeftButton)
    assert [e.allowed for e in out.disclosure_history(coord, family.id)] == [False]
    new = [e for e in audit.entries(coord.centre.conn) if e.seq not in before]
    assert not [e for e in new if e.action.startswith("disclosure.") and e.outcome == "done"]


def test_clause_iv_the_consent_form_carries_its_last_day(
    qtbot, people, answer, message_boxes, tmp_path
):
    """The consent form asks for the last day the consent holds and prints it as such."""
    from datetime import timedelta

    from PySide6.QtWidgets import QDateEdit

    coord, *_, family, _ = people
    dialog = dialog_for(qtbot, coord, family.id, tmp_path)
    last = datetime.now().date() + timedelta(days=90)

    def fill(form):
        find(form, QComboBox, "Adult").setCurrentIndex(1)
        find(form, QLineEdit, "Recipient").setText("Cafcass")
        find(form, QCheckBox, "Has a last day").setChecked(True)
        find(form, QDateEdit, "Last day it holds").setDate(last)

    answer(CallbackForm, fill)
    qtbot.mouseClick(dialog.consents.form_button, Qt.MouseButton.LeftButton)
    text = pdf_text(tmp_path / "out.pdf")
    assert f"holds up to and including {last.day} {last:%B %Y}, its last day" in text


def test_clause_v_assessment_enabled_once_an_agreement_is_in_force(qtbot, people, answer):
    coord, *_, family, _ = people
    dialog = dialog_for(qtbot, coord, family.id)
    enabled, why = state(dialog, Action.ASSESSMENT_ON_PREMISES)
    assert not enabled and "clause v" in why

    def agreement(form):
        find(form, QLineEdit, "Agency").setText("Cafcass")
        find(form, QLineEdit, "Where the signed agreement is kept").setText("Binder")
        assert find(form, QCheckBox, "Only for this family").isChecked()

    answer(CallbackForm, agreement)
    qtbot.mouseClick(dialog.agreements.record_button, Qt.MouseButton.LeftButton)
    enabled, why = state(dialog, Action.ASSESSMENT_ON_PREMISES)
    assert enabled and "Agreement" in why


def test_front_desk_cannot_record_consents(qtbot, people):
    _, _, desk, family, _ = people
    dialog = dialog_for(qtbot, desk, family.id)
    assert not dialog.consents.record_button.isEnabled()
    assert "do not allow" in dialog.consents.record_button.toolTip()


def test_a_request_for_information_is_recorded_as_it_arrives(qtbot, people, answer):
    coord, *_, family, _ = people
    dialog = dialog_for(qtbot, coord, family.id)

    def request(form):
        find(form, QLineEdit, "Who asked").setText("Mira Pennock")
        find(form, QLineEdit, "Their agency").setText("Hartwell Finch LLP")
        find(form, QPlainTextEdit, "What they asked for").setPlainText("The father's address")
        find(form, QComboBox, "About whom").setCurrentIndex(2)

    answer(CallbackForm, request)
    qtbot.mouseClick(dialog.requests.info_request, Qt.MouseButton.LeftButton)
    (saved,) = out.requests(coord, family.id)
    assert (saved.requester_name, saved.about_person_id, saved.consent_sought) == (
        "Mira Pennock",
        family.adults[1].id,
        "not_sought",
    )


def test_the_consent_and_agreement_forms_open_on_29_february(qtbot, people, answer):
    """A year on from 29 February is 28 February; the forms used to fail to open that day."""
    from datetime import date

    from PySide6.QtWidgets import QDateEdit

    coord, *_, family, _ = people
    coord.centre.clock = lambda: datetime(2028, 2, 29, 10).astimezone()
    dialog = dialog_for(qtbot, coord, family.id)
    seen: list[date] = []

    def read_default_end(form):
        ends = [
            w
            for w in form.findChildren(QDateEdit)
            if w.accessibleName() in ("Last day it holds", "To")
        ]
        seen.append(ends[0].date().toPython())

    answer(CallbackForm, read_default_end)
    qtbot.mouseClick(dialog.consents.record_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.agreements.record_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.consents.form_button, Qt.MouseButton.LeftButton)
    assert seen == [date(2029, 2, 28), date(2029, 2, 28), date(2029, 2, 28)]


def test_opening_the_disclosures_logs_one_view_of_the_family(qtbot, people):
    from stmarys_desktop.store import audit

    coord, *_, family, _ = people

    def views() -> int:
        return sum(
            1
            for e in audit.entries(coord.centre.conn)
            if e.action == "family.view" and e.subject == family.reference
        )

    before = views()
    dialog_for(qtbot, coord, family.id)
    assert views() == before + 1


def test_the_dialog_names_every_clause_as_the_policy_in_force_numbers_it(
    qtbot, people, manager, answer, message_boxes
):
    """One naming scheme on the screen (issue 17): the reasons beside the buttons, the
    buttons' tips and the forms' introductions all name a clause as the version in force
    does; under a text that numbers its clauses 2.3, 2.4, ... nothing says "clause ii"."""
    from datetime import date

    from stmarys_desktop.services import policy_documents

    coord, *_, family, _ = people
    day = date.today()
    policy_documents.record_review(manager, reviewed_on=day, reviewed_by="The trustees")
    policy_documents.publish_version(
        manager,
        effective_on=day,
        kept_in_force=True,
        text=(
            Path(__file__).parent.parent / "unit" / "policy_texts" / "realistic-centre-policy.txt"
        ).read_text(encoding="utf-8"),
    )
    dialog = dialog_for(qtbot, coord, family.id)
    _, report = state(dialog, Action.PROCEEDINGS_REPORT)
    assert "clause 2.3" in report and "clause ii" not in report
    assert "clause 2.3" in dialog.requests.report_request.toolTip()
    intros: list[str] = []

    def read_intro(form):
        intros.append(all_text(form))
        form.run = lambda: None  # read only: nothing is made or recorded

    answer(CallbackForm, read_intro)
    dialog.actions.attendance_letter()
    dialog.actions.assessment()
    dialog.requests.record_report_request()
    dialog.agreements.record_agreement()
    shown = "\n".join(intros)
    assert "clause 2.4" in shown and "clause 2.3" in shown
    assert "the centre's rule on" in shown  # the text says nothing of assessments (v)
    for old in ("clause ii)", "clause iii)", "clause v)"):
        assert old not in shown
