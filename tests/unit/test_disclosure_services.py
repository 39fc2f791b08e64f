"""Every outbound action at the service layer: the policy asked, every attempt logged."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from stmarys_desktop.domain.errors import InvalidInput, PermissionRefused
from stmarys_desktop.domain.incidents import IncidentDraft, IncidentKind
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.policy.disclosure import Action, Recipient, RecipientKind, Request
from stmarys_desktop.services import accounts, families, incidents
from stmarys_desktop.services import disclosure as out
from stmarys_desktop.services.disclosure import DisclosureRefused
from stmarys_desktop.store import audit
from tests.unit.family_helpers import two_parent_family

TODAY = date.today()


@pytest.fixture
def centre(manager, sign_in_as):
    for user, role in (("coord", Role.COORDINATOR), ("lead", Role.SAFEGUARDING_LEAD),
                       ("desk", Role.FRONT_DESK)):
        accounts.create_account(manager, user_name=user, display_name=f"Demo {user}",
                                roles=[role], password=f"{user} password long")
    coord = sign_in_as("coord", "coord password long")
    lead = sign_in_as("lead", "lead password long")
    desk = sign_in_as("desk", "desk password long")
    family = families.create_family(coord, two_parent_family())
    other = families.create_family(coord, two_parent_family(
        resident="Wren Ashby", visiting="Tal Kelham", children=("Rosa Ashby",)))
    return coord, lead, desk, family, other


def log(session, family_id):
    return out.disclosure_history(session, family_id)


def test_clause_iii_attendance_letter_to_the_referrer_only(centre):
    coord, _, _, family, _ = centre
    letter = out.attendance_letter(coord, family.id, "hartwell finch LLP")
    assert letter.family_reference == family.reference and letter.recipient
    with pytest.raises(DisclosureRefused, match=r"only to the family's referring agency.*iii"):
        out.attendance_letter(coord, family.id, "Brackley & Rowe Solicitors")
    entries = log(coord, family.id)
    assert [(e.allowed, e.clause) for e in entries] == [(False, "iii"), (True, "iii")]
    assert entries[1].basis == "referrer rule"


def test_clause_iv_contact_details_need_that_adults_consent_naming_the_recipient(centre):
    coord, _, _, family, _ = centre
    mum, dad = family.adults[:2]
    with pytest.raises(DisclosureRefused, match="no written consent from Owen Brackley"):
        out.disclose_contact_details(coord, family.id, dad.id, "Hartwell Finch LLP", "agency")
    consent = out.record_consent(coord, family.id, given_by=dad.id,
                                 recipient="Hartwell Finch LLP", recipient_kind="agency",
                                 items=frozenset({"address"}), signed_on=TODAY,
                                 paper_kept_at="Consent folder, drawer 2")
    shown = out.disclose_contact_details(coord, family.id, dad.id, " HARTWELL finch llp",
                                         "agency", frozenset({"address"}))
    assert shown.address == "4 Makebelieve Lane, Fernby" and shown.telephone == ""
    with pytest.raises(DisclosureRefused, match="does not cover the telephone"):
        out.disclose_contact_details(coord, family.id, dad.id, "Hartwell Finch LLP", "agency",
                                     frozenset({"telephone"}))
    with pytest.raises(DisclosureRefused, match="given by another adult"):
        out.disclose_contact_details(coord, family.id, mum.id, "Hartwell Finch LLP", "agency")
    with pytest.raises(DisclosureRefused, match="names Hartwell Finch LLP, not Carys"):
        out.disclose_contact_details(coord, family.id, dad.id, "Carys Dunford", "person")
    out.withdraw_consent(coord, family.id, consent.id, TODAY, "Letter from the parent")
    with pytest.raises(DisclosureRefused, match="withdrawn on"):
        out.disclose_contact_details(coord, family.id, dad.id, "Hartwell Finch LLP", "agency",
                                     frozenset({"address"}))
    assert [e.allowed for e in log(coord, family.id)] == [False, False, False, False, True,
                                                           False]
    allowed = [e for e in log(coord, family.id) if e.allowed]
    assert len(allowed) == 1 and allowed[0].basis == f"consent {consent.id}"


def test_clause_iv_expired_consent_is_refused(centre):
    coord, _, _, family, _ = centre
    dad = family.adults[1]
    out.record_consent(coord, family.id, given_by=dad.id, recipient="Cafcass",
                       recipient_kind="agency", items=frozenset({"address", "telephone"}),
                       signed_on=TODAY - timedelta(days=30), paper_kept_at="Folder",
                       expires_on=TODAY - timedelta(days=1))
    with pytest.raises(DisclosureRefused, match="expired on"):
        out.disclose_contact_details(coord, family.id, dad.id, "Cafcass", "agency")


def confirmed_concern(desk, lead, family_id, kind=IncidentKind.WELFARE_CONCERN):
    incident_id = incidents.record_incident(desk, IncidentDraft(
        kind=kind, occurred_at=datetime.now().astimezone(), family_id=family_id,
        seen_and_heard="Ivy said: \"I am scared at home.\""))
    return incidents.confirm_concern(lead, incident_id)


def test_clause_4a_share_with_childrens_services_only_under_an_open_exception(centre):
    coord, lead, desk, family, other = centre
    with pytest.raises(DisclosureRefused, match="no open exception"):
        out.share_with_authorities(lead, family.id, "Westshire Children's Services",
                                   "childrens_services", "The child's words and the body map")
    exception = confirmed_concern(desk, lead, family.id)
    decision = out.share_with_authorities(lead, family.id, "Westshire Children's Services",
                                          "childrens_services", "The child's words",
                                          "CS/2026/0042")
    assert decision.allowed and decision.basis == f"exception {exception.id}"
    with pytest.raises(DisclosureRefused):  # not on the other family
        out.share_with_authorities(lead, other.id, "Westshire Children's Services",
                                   "childrens_services", "The child's words")
    with pytest.raises(DisclosureRefused, match="Children's Services or the police only"):
        out.share_with_authorities(lead, family.id, "Hartwell Finch LLP", "agency", "details")
    with pytest.raises(PermissionRefused):
        out.share_with_authorities(coord, family.id, "Westshire Police", "police", "details")
    incidents.close_exception(lead, exception.id, "Case closed by Children's Services")
    with pytest.raises(DisclosureRefused, match="was closed on"):
        out.share_with_authorities(lead, family.id, "Westshire Police", "police", "details")


def test_clause_4b_a_violence_exception_lets_contact_details_go_to_the_police(centre):
    _coord, lead, desk, family, _ = centre
    dad = family.adults[1]
    confirmed_concern(desk, lead, family.id, IncidentKind.VIOLENCE_CONCERN)
    shown = out.disclose_contact_details(lead, family.id, dad.id, "Westshire Police", "police")
    assert shown.telephone == "07700 900456"
    entry = log(lead, family.id)[0]
    assert entry.allowed and entry.clause == "4b"


def test_clause_ii_a_report_for_proceedings_is_refused_and_a_reply_prepared(centre):
    coord, _, _, family, _ = centre
    out.record_consent(coord, family.id, given_by=family.adults[0].id,
                       recipient="Brackley & Rowe Solicitors", recipient_kind="agency",
                       items=frozenset({"address", "telephone", "report"}), signed_on=TODAY,
                       paper_kept_at="Folder")
    reply = out.request_proceedings_report(coord, family.id, "Brackley & Rowe Solicitors")
    assert reply.clause_title == "clause ii" and "no verbal or written report" in reply.sentence
    # The reply goes to whoever asked: it never names the referring agency (issue 20).
    assert "Hartwell Finch" not in repr(reply)
    assert log(coord, family.id)[0].allowed is False


def test_clause_v_assessment_only_with_an_agreement_in_force(centre):
    coord, _, _, family, other = centre
    with pytest.raises(DisclosureRefused, match="no agreement"):
        out.book_assessment(coord, family.id, "Cafcass")
    out.record_agreement(coord, agency="Cafcass", family_id=family.id,
                         valid_from=TODAY - timedelta(days=1), valid_to=TODAY + timedelta(30),
                         paper_kept_at="Agreements binder")
    assert out.book_assessment(coord, family.id, "CAFCASS").allowed
    with pytest.raises(DisclosureRefused):
        out.book_assessment(coord, other.id, "Cafcass")
    out.record_agreement(coord, agency="Westshire Children's Services", family_id=None,
                         valid_from=TODAY - timedelta(400), valid_to=TODAY - timedelta(35),
                         paper_kept_at="Agreements binder")
    with pytest.raises(DisclosureRefused, match="ended on"):
        out.book_assessment(coord, other.id, "westshire childrens services")


def test_clause_i_internal_printouts_are_logged_and_there_is_no_export(centre):
    _, _, desk, family, _ = centre
    assert out.internal_printout(desk, family.id, "register").allowed
    decision = out.decision_for(desk, family.id, Request(
        Action.EXPORT, Recipient("anyone", RecipientKind.PERSON)))
    assert not decision.allowed and decision.clause.value == "i"


def test_buttons_ask_without_logging(centre):
    coord, _, desk, family, _ = centre
    request = Request(Action.ATTENDANCE_LETTER, Recipient("Hartwell Finch LLP",
                                                          RecipientKind.AGENCY))
    assert out.decision_for(coord, family.id, request).allowed
    refused = out.decision_for(desk, family.id, request)
    assert not refused.allowed and "do not allow" in refused.sentence
    assert log(coord, family.id) == []


def test_every_attempt_reaches_the_audit_log_too(centre):
    coord, _, _, family, _ = centre
    with pytest.raises(DisclosureRefused):
        out.attendance_letter(coord, family.id, "Somebody Else")
    last = next(audit.entries(coord.centre.conn, newest_first=True, limit=1))
    assert (last.action, last.outcome) == ("disclosure.attendance_letter", "refused")


def test_the_disclosure_log_is_append_only(centre):
    coord, _, _, family, _ = centre
    out.attendance_letter(coord, family.id, "Hartwell Finch LLP")
    with pytest.raises(Exception, match="append-only"):
        coord.centre.conn.execute("UPDATE disclosure_log SET allowed = 0")
    with pytest.raises(Exception, match="append-only"):
        coord.centre.conn.execute("DELETE FROM disclosure_log")


def test_a_request_is_recorded_as_it_arrives_and_settled_by_the_attempt(centre):
    coord, _, _, family, _ = centre
    request_id = out.record_request(coord, requester_name="Mira Pennock",
                                    requester_agency="Hartwell Finch LLP",
                                    asked_for="Attendance since September", family_id=family.id,
                                    about_person_id=None, consent_sought="not_sought")
    out.attendance_letter(coord, family.id, "Hartwell Finch LLP", info_request_id=request_id)
    out.record_subject_told(coord, request_id, told=True, on=TODAY)
    (saved,) = out.requests(coord, family.id)
    assert (saved.decision, saved.basis, saved.subject_told) == ("given", "referrer rule", "yes")
    with pytest.raises(InvalidInput, match="why they were not told"):
        out.record_subject_told(coord, request_id, told=False)


@pytest.mark.parametrize(("change", "message"), [
    ({"given_by": -1}, "one adult of this family"),
    ({"items": frozenset()}, "what the consent covers"),
    ({"signed_on": TODAY + timedelta(days=3)}, "cannot be in the future"),
    ({"expires_on": TODAY - timedelta(days=3)}, "expire before it was signed"),
    ({"paper_kept_at": "  "}, "where the signed paper is kept"),
    ({"recipient": "   "}, "cannot be empty"),
])
def test_bad_consents_are_refused(centre, change, message):
    coord, _, _, family, _ = centre
    values = {"given_by": family.adults[0].id, "recipient": "Cafcass",
              "recipient_kind": "agency", "items": frozenset({"address"}), "signed_on": TODAY,
              "paper_kept_at": "Folder"}
    values.update(change)
    with pytest.raises(InvalidInput, match=message):
        out.record_consent(coord, family.id, **values)
    assert out.consents(coord, family.id) == []


def test_a_screen_asks_every_button_at_once_and_gets_what_each_alone_would(centre):
    """Clauses iii and iv as the disclosures screen asks them: on one reading of the
    family's records, the same answers as one question at a time, nothing logged."""
    coord, _, desk, family, _ = centre
    requests = [
        Request(Action.ATTENDANCE_LETTER, Recipient("Hartwell Finch LLP", RecipientKind.AGENCY)),
        Request(Action.ATTENDANCE_LETTER, Recipient("Brackley & Rowe", RecipientKind.AGENCY)),
        Request(Action.CONTACT_DETAILS, Recipient("Hartwell Finch LLP", RecipientKind.AGENCY),
                family.adults[1].id, frozenset({"address"})),
    ]
    for session in (coord, desk):
        together = out.decisions_for(session, family.id, requests)
        assert together == [out.decision_for(session, family.id, r) for r in requests]
    assert [d.allowed for d in out.decisions_for(coord, family.id, requests)] == \
        [True, False, False]
    assert not any(d.allowed for d in out.decisions_for(desk, family.id, requests))
    assert "do not allow" in out.decisions_for(desk, family.id, requests)[0].sentence
    assert log(coord, family.id) == []
