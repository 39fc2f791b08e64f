"""Every outbound action at the service layer: the policy asked, every attempt logged."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from stmarys_desktop.domain.disclosures import ConsentSought
from stmarys_desktop.domain.errors import InvalidInput, PermissionRefused
from stmarys_desktop.domain.incidents import ExceptionKind, IncidentDraft, IncidentKind
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.policy.disclosure import Action, Recipient, RecipientKind, Request
from stmarys_desktop.services import accounts, authorities, families, incidents
from stmarys_desktop.services import disclosure as out
from stmarys_desktop.services.disclosure import DisclosureRefused
from stmarys_desktop.store import audit
from tests.unit.family_helpers import two_parent_family

TODAY = date.today()


@pytest.fixture
def centre(manager, sign_in_as):
    for user, role in (
        ("coord", Role.COORDINATOR),
        ("lead", Role.SAFEGUARDING_LEAD),
        ("desk", Role.FRONT_DESK),
    ):
        accounts.create_account(
            manager,
            user_name=user,
            display_name=f"Demo {user}",
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


def log(session, family_id):
    return out.disclosure_history(session, family_id)


def saved(_document) -> bool:
    """A `deliver` that stands for the person saving the PDF."""
    return True


def listed(manager, name="Westshire Police", kind="police"):
    """An authority on the centre's list, added by the manager."""
    return authorities.add_authority(
        manager, name=name, kind=kind, contact_point="Public protection unit, 0300 000 0000"
    )


def test_clause_iii_attendance_letter_to_the_referrer_only(centre):
    coord, _, _, family, _ = centre
    letter = out.attendance_letter(coord, family.id, "hartwell finch LLP", deliver=saved)
    assert letter.family_reference == family.reference and letter.recipient
    with pytest.raises(DisclosureRefused, match=r"only to the family's referring agency.*iii"):
        out.attendance_letter(coord, family.id, "Brackley & Rowe Solicitors", deliver=saved)
    entries = log(coord, family.id)
    assert [(e.allowed, e.clause) for e in entries] == [(False, "iii"), (True, "iii")]
    assert entries[1].basis == "referrer rule"


def test_clause_iv_contact_details_need_that_adults_consent_naming_the_recipient(centre):
    coord, _, _, family, _ = centre
    mum, dad = family.adults[:2]
    with pytest.raises(DisclosureRefused, match="no written consent from Owen Brackley"):
        out.disclose_contact_details(coord, family.id, dad.id, "Hartwell Finch LLP", "agency")
    consent = out.record_consent(
        coord,
        family.id,
        given_by=dad.id,
        recipient="Hartwell Finch LLP",
        recipient_kind="agency",
        items=frozenset({"address"}),
        signed_on=TODAY,
        paper_kept_at="Consent folder, drawer 2",
    )
    shown = out.disclose_contact_details(
        coord, family.id, dad.id, " HARTWELL finch llp", "agency", frozenset({"address"})
    )
    assert shown.address == "4 Makebelieve Lane, Fernby" and shown.telephone == ""
    with pytest.raises(DisclosureRefused, match="does not cover the telephone"):
        out.disclose_contact_details(
            coord, family.id, dad.id, "Hartwell Finch LLP", "agency", frozenset({"telephone"})
        )
    with pytest.raises(DisclosureRefused, match="given by another adult"):
        out.disclose_contact_details(coord, family.id, mum.id, "Hartwell Finch LLP", "agency")
    with pytest.raises(DisclosureRefused, match="names Hartwell Finch LLP, not Carys"):
        out.disclose_contact_details(coord, family.id, dad.id, "Carys Dunford", "person")
    out.withdraw_consent(coord, family.id, consent.id, TODAY, "Letter from the parent")
    with pytest.raises(DisclosureRefused, match="withdrawn on"):
        out.disclose_contact_details(
            coord, family.id, dad.id, "Hartwell Finch LLP", "agency", frozenset({"address"})
        )
    assert [e.allowed for e in log(coord, family.id)] == [False, False, False, False, True, False]
    allowed = [e for e in log(coord, family.id) if e.allowed]
    assert len(allowed) == 1 and allowed[0].basis == f"consent {consent.id}"


def test_clause_iv_expired_consent_is_refused(centre):
    coord, _, _, family, _ = centre
    dad = family.adults[1]
    out.record_consent(
        coord,
        family.id,
        given_by=dad.id,
        recipient="Cafcass",
        recipient_kind="agency",
        items=frozenset({"address", "telephone"}),
        signed_on=TODAY - timedelta(days=30),
        paper_kept_at="Folder",
        expires_on=TODAY - timedelta(days=1),
    )
    with pytest.raises(DisclosureRefused, match="has ended: its last day was"):
        out.disclose_contact_details(coord, family.id, dad.id, "Cafcass", "agency")


def confirmed_concern(desk, lead, family_id, kind=IncidentKind.WELFARE_CONCERN):
    incident_id = incidents.record_incident(
        desk,
        IncidentDraft(
            kind=kind,
            occurred_at=datetime.now().astimezone(),
            family_id=family_id,
            seen_and_heard='Ivy said: "I am scared at home."',
        ),
    )
    return incidents.confirm_concern(lead, incident_id)


def test_clause_4a_share_with_childrens_services_only_under_an_open_exception(centre, manager):
    coord, lead, desk, family, other = centre
    services = listed(manager, "Westshire Children's Services", "childrens_services")
    police = listed(manager)
    with pytest.raises(DisclosureRefused, match="no open exception"):
        out.share_with_authorities(
            lead, family.id, services.id, ["concern"], "The child's words and the body map"
        )
    exception = confirmed_concern(desk, lead, family.id)
    assert exception.kind is ExceptionKind.WELFARE  # a kind clause 4 names, not a string
    shared = out.share_with_authorities(
        lead, family.id, services.id, ["concern"], "The child's words", "CS/2026/0042"
    )
    assert shared.decision.allowed and shared.decision.grounds == f"exception {exception.id}"
    entry = log(lead, family.id)[0]
    assert (entry.recipient, entry.recipient_kind) == (
        "Westshire Children's Services",
        "childrens_services",
    )
    assert "what was shared: The child's words" in entry.items
    assert "their reference: CS/2026/0042" in entry.items
    with pytest.raises(DisclosureRefused):  # not on the other family
        out.share_with_authorities(lead, other.id, services.id, ["concern"], "The child's words")
    with pytest.raises(PermissionRefused):
        out.share_with_authorities(coord, family.id, police.id, ["concern"], "details")
    incidents.close_exception(lead, exception.id, "Case closed by Children's Services")
    with pytest.raises(DisclosureRefused, match="was closed on"):
        out.share_with_authorities(lead, family.id, police.id, ["concern"], "details")


def test_clause_4a_a_self_declared_police_recipient_is_refused(centre, manager):
    """The father's own name with Kind "The police", or "Children's Services": refused
    on both routes. Only an authority chosen from the manager's list receives anything."""
    coord, lead, desk, family, _ = centre
    mum, dad = family.adults[:2]
    confirmed_concern(desk, lead, family.id)
    for kind in ("police", "childrens_services"):
        for session in (coord, lead):
            with pytest.raises(DisclosureRefused):
                out.disclose_contact_details(session, family.id, mum.id, dad.full_name, kind)
    assert not any(e.allowed for e in log(lead, family.id))
    police = listed(manager)
    shared = out.share_with_authorities(
        lead,
        family.id,
        police.id,
        ["address"],
        "Her address, for a welfare visit",
        about_person=mum.id,
    )
    assert shared.contact_details.address == "12 Invented Road, Westhaven"
    assert log(lead, family.id)[0].recipient == "Westshire Police"


def test_clause_4_the_authority_list_is_kept_by_the_manager_and_names_no_person(centre, manager):
    coord, lead, _desk, _family, _ = centre
    police = listed(manager)
    assert [a.name for a in authorities.authorities(lead)] == ["Westshire Police"]
    with pytest.raises(PermissionRefused, match="You cannot add an authority"):
        authorities.add_authority(coord, name="Fernby Police", kind="police", contact_point="Desk")
    for name in ("Owen Brackley", "owen  BRACKLEY", "Ivy Dunford"):
        with pytest.raises(InvalidInput, match="name of a person on the centre's records"):
            authorities.add_authority(manager, name=name, kind="police", contact_point="Desk")
    with pytest.raises(InvalidInput, match="already on the list"):
        listed(manager, "westshire police")
    with pytest.raises(InvalidInput, match="Children's Services department or a police"):
        authorities.add_authority(
            manager, name="Hartwell Finch LLP", kind="agency", contact_point="Desk"
        )
    with pytest.raises(InvalidInput, match="contact point"):
        authorities.add_authority(manager, name="Fernby Police", kind="police", contact_point="  ")
    authorities.remove_authority(manager, police.id)
    assert authorities.authorities(lead) == []
    last = next(audit.entries(manager.centre.conn, newest_first=True, limit=1))
    assert (last.action, last.subject) == ("authority.remove", f"authority #{police.id}")


def test_clause_4b_a_violence_exception_lets_contact_details_go_to_the_police(centre, manager):
    _coord, lead, desk, family, _ = centre
    dad = family.adults[1]
    police = listed(manager)
    confirmed_concern(desk, lead, family.id, IncidentKind.VIOLENCE_CONCERN)
    shared = out.share_with_authorities(
        lead,
        family.id,
        police.id,
        ["telephone"],
        "His telephone number",
        "WP/77",
        about_person=dad.id,
    )
    assert shared.contact_details.telephone == "07700 900456"
    assert shared.contact_details.address == ""
    entry = log(lead, family.id)[0]
    assert entry.allowed and entry.clause == "4b" and entry.about_person == "Owen Brackley"


def test_clause_4_one_route_contact_details_to_the_police_go_only_through_the_share(
    centre, manager
):
    """ "Disclose contact details" with only the ordinary permission is not a second way to
    give the mother's telephone to the police under an exception."""
    coord, lead, desk, family, _ = centre
    mum = family.adults[0]
    listed(manager)
    confirmed_concern(desk, lead, family.id)
    with pytest.raises(DisclosureRefused, match="only through \"Share with Children's"):
        out.disclose_contact_details(
            coord, family.id, mum.id, "Westshire Police", "police", frozenset({"telephone"})
        )
    assert [e.allowed for e in log(coord, family.id)] == [False]


def test_clause_4_a_refused_share_keeps_the_category_never_the_typed_details(centre, manager):
    _coord, lead, _desk, family, _ = centre
    police = listed(manager)
    with pytest.raises(DisclosureRefused):  # no exception is open
        out.share_with_authorities(
            lead,
            family.id,
            police.id,
            ["telephone", "concern"],
            "Mum's mobile is 07700 900123",
            "WP/1",
            about_person=family.adults[0].id,
        )
    (entry,) = log(lead, family.id)
    assert not entry.allowed and entry.items == "concern,telephone"
    rows = lead.centre.conn.execute("SELECT * FROM disclosure_log").fetchall()
    assert "07700" not in repr(rows) and "WP/1" not in repr(rows)
    assert "07700" not in repr(list(audit.entries(lead.centre.conn)))


def test_clause_ii_a_report_for_proceedings_is_refused_and_a_reply_prepared(centre):
    coord, _, _, family, _ = centre
    out.record_consent(
        coord,
        family.id,
        given_by=family.adults[0].id,
        recipient="Brackley & Rowe Solicitors",
        recipient_kind="agency",
        items=frozenset({"address", "telephone", "report"}),
        signed_on=TODAY,
        paper_kept_at="Folder",
    )
    reply = out.request_proceedings_report(coord, family.id, "Brackley & Rowe Solicitors")
    assert reply.clause_title == "clause ii" and "no verbal or written report" in reply.sentence
    # The reply goes to whoever asked: it never names the referring agency (issue 20).
    assert "Hartwell Finch" not in repr(reply)
    assert log(coord, family.id)[0].allowed is False


def test_clause_v_assessment_only_with_an_agreement_in_force(centre):
    coord, _, _, family, other = centre
    with pytest.raises(DisclosureRefused, match="no agreement"):
        out.book_assessment(coord, family.id, "Cafcass")
    out.record_agreement(
        coord,
        agency="Cafcass",
        family_id=family.id,
        valid_from=TODAY - timedelta(days=1),
        valid_to=TODAY + timedelta(30),
        paper_kept_at="Agreements binder",
    )
    assert out.book_assessment(coord, family.id, "CAFCASS").allowed
    with pytest.raises(DisclosureRefused):
        out.book_assessment(coord, other.id, "Cafcass")
    out.record_agreement(
        coord,
        agency="Westshire Children's Services",
        family_id=None,
        valid_from=TODAY - timedelta(400),
        valid_to=TODAY - timedelta(35),
        paper_kept_at="Agreements binder",
    )
    with pytest.raises(DisclosureRefused, match="ended on"):
        out.book_assessment(coord, other.id, "westshire childrens services")


def test_clause_i_internal_printouts_are_logged_and_there_is_no_export(centre):
    _, _, desk, family, _ = centre
    assert out.internal_printout(desk, family.id, "register").allowed
    decision = out.decision_for(
        desk, family.id, Request(Action.EXPORT, Recipient("anyone", RecipientKind.PERSON))
    )
    assert not decision.allowed and decision.clause.value == "i"


def test_buttons_ask_without_logging(centre):
    coord, _, desk, family, _ = centre
    request = Request(
        Action.ATTENDANCE_LETTER, Recipient("Hartwell Finch LLP", RecipientKind.AGENCY)
    )
    assert out.decision_for(coord, family.id, request).allowed
    refused = out.decision_for(desk, family.id, request)
    assert not refused.allowed and "do not allow" in refused.sentence
    assert log(coord, family.id) == []


def test_every_attempt_reaches_the_audit_log_too(centre):
    coord, _, _, family, _ = centre
    with pytest.raises(DisclosureRefused):
        out.attendance_letter(coord, family.id, "Somebody Else", deliver=saved)
    last = next(audit.entries(coord.centre.conn, newest_first=True, limit=1))
    assert (last.action, last.outcome) == ("disclosure.attendance_letter", "refused")


def test_the_disclosure_log_is_append_only(centre):
    coord, _, _, family, _ = centre
    out.attendance_letter(coord, family.id, "Hartwell Finch LLP", deliver=saved)
    with pytest.raises(Exception, match="append-only"):
        coord.centre.conn.execute("UPDATE disclosure_log SET allowed = 0")
    with pytest.raises(Exception, match="append-only"):
        coord.centre.conn.execute("DELETE FROM disclosure_log")


def test_a_request_is_recorded_as_it_arrives_and_settled_by_the_attempt(centre):
    coord, _, _, family, _ = centre
    request_id = out.record_request(
        coord,
        requester_name="Mira Pennock",
        requester_agency="Hartwell Finch LLP",
        asked_for="Attendance since September",
        family_id=family.id,
        about_person_id=None,
        consent_sought="not_sought",
    )
    out.attendance_letter(
        coord, family.id, "Hartwell Finch LLP", deliver=saved, info_request_id=request_id
    )
    out.record_subject_told(coord, request_id, told=True, on=TODAY)
    (request,) = out.requests(coord, family.id)
    assert request.consent_sought is ConsentSought.NOT_SOUGHT
    assert (request.decision, request.basis, request.subject_told) == (
        "given",
        "referrer rule",
        "yes",
    )
    with pytest.raises(InvalidInput, match="why they were not told"):
        out.record_subject_told(coord, request_id, told=False)


def test_a_request_says_plainly_when_consent_sought_is_not_one_of_the_answers(centre):
    coord, _, _, family, _ = centre
    with pytest.raises(InvalidInput, match="not sought, obtained, refused"):
        out.record_request(
            coord,
            requester_name="Mira Pennock",
            requester_agency="Hartwell Finch LLP",
            asked_for="Attendance since September",
            family_id=family.id,
            about_person_id=None,
            consent_sought="maybe",
        )
    assert out.requests(coord, family.id) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"given_by": -1}, "one adult of this family"),
        ({"items": frozenset()}, "what the consent covers"),
        ({"signed_on": TODAY + timedelta(days=3)}, "cannot be in the future"),
        ({"expires_on": TODAY - timedelta(days=3)}, "last day cannot be before the day it was"),
        ({"paper_kept_at": "  "}, "where the signed paper is kept"),
        ({"recipient": "   "}, "cannot be empty"),
    ],
)
def test_bad_consents_are_refused(centre, change, message):
    coord, _, _, family, _ = centre
    values = {
        "given_by": family.adults[0].id,
        "recipient": "Cafcass",
        "recipient_kind": "agency",
        "items": frozenset({"address"}),
        "signed_on": TODAY,
        "paper_kept_at": "Folder",
    }
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
        Request(
            Action.CONTACT_DETAILS,
            Recipient("Hartwell Finch LLP", RecipientKind.AGENCY),
            family.adults[1].id,
            frozenset({"address"}),
        ),
    ]
    for session in (coord, desk):
        together = out.decisions_for(session, family.id, requests)
        assert together == [out.decision_for(session, family.id, r) for r in requests]
    assert [d.allowed for d in out.decisions_for(coord, family.id, requests)] == [
        True,
        False,
        False,
    ]
    assert not any(d.allowed for d in out.decisions_for(desk, family.id, requests))
    assert "do not allow" in out.decisions_for(desk, family.id, requests)[0].sentence
    assert log(coord, family.id) == []


# -- issue 15: what is logged, and when -----------------------------------------------------


def test_clause_iii_a_cancelled_save_logs_nothing_as_sent(centre):
    """Deciding comes first (for the button); the letter is logged as sent only once it
    was saved. A cancelled save, or a save that fails, logs nothing as sent."""
    coord, _, _, family, _ = centre
    # The button asks first (which also makes version 1 of the policy, D40, audited).
    assert out.decision_for(
        coord,
        family.id,
        Request(Action.ATTENDANCE_LETTER, Recipient("Hartwell Finch LLP", RecipientKind.AGENCY)),
    ).allowed
    before = len(list(audit.entries(coord.centre.conn)))
    assert (
        out.attendance_letter(coord, family.id, "Hartwell Finch LLP", deliver=lambda _letter: False)
        is None
    )

    def disk_full(_letter):
        raise OSError("No space left on the device")

    with pytest.raises(OSError):
        out.attendance_letter(coord, family.id, "Hartwell Finch LLP", deliver=disk_full)
    assert log(coord, family.id) == []
    assert len(list(audit.entries(coord.centre.conn))) == before
    got = []
    out.attendance_letter(coord, family.id, "Hartwell Finch LLP", deliver=got.append)
    assert log(coord, family.id) == [] and len(got) == 1  # append returns None: not sent
    out.attendance_letter(coord, family.id, "Hartwell Finch LLP", deliver=saved)
    assert [e.allowed for e in log(coord, family.id)] == [True]
    last = next(audit.entries(coord.centre.conn, newest_first=True, limit=1))
    assert (last.action, last.outcome) == ("disclosure.attendance_letter", "done")


def test_clause_ii_the_reply_is_recorded_as_sent_only_once_saved(centre):
    coord, _, _, family, _ = centre
    out.request_proceedings_report(
        coord, family.id, "Brackley & Rowe Solicitors", deliver=lambda _reply: False
    )
    actions = [e.action for e in audit.entries(coord.centre.conn)]
    assert "disclosure.proceedings_reply" not in actions
    assert [e.allowed for e in log(coord, family.id)] == [False]  # the request, refused
    out.request_proceedings_report(coord, family.id, "Brackley & Rowe Solicitors", deliver=saved)
    last = next(audit.entries(coord.centre.conn, newest_first=True, limit=1))
    assert (last.action, last.subject) == ("disclosure.proceedings_reply", family.reference)


def test_clauses_ii_iii_iv_4_a_refusal_on_permission_grounds_is_in_the_disclosure_log(
    centre, manager
):
    """Front desk asking for a letter, contact details, a report or a share: the right
    permission error, and a disclosure-log row with family, person, recipient, kind,
    items, decision, clause and reason; the audit row names the family and the person."""
    _coord, _lead, desk, family, _ = centre
    dad = family.adults[1]
    police = listed(manager)
    calls = [
        lambda: out.attendance_letter(desk, family.id, "Hartwell Finch LLP", deliver=saved),
        lambda: out.disclose_contact_details(
            desk, family.id, dad.id, "Hartwell Finch LLP", "agency", frozenset({"address"})
        ),
        lambda: out.request_proceedings_report(desk, family.id, "Brackley & Rowe"),
        lambda: out.share_with_authorities(
            desk, family.id, police.id, ["telephone"], "07700 900456", about_person=dad.id
        ),
    ]
    for call in calls:
        with pytest.raises(PermissionRefused, match="your roles \\(Front desk\\)"):
            call()
    rows = list(reversed(out.disclosure_history(manager, family.id)))
    assert [r.action for r in rows] == [
        "attendance_letter",
        "contact_details",
        "proceedings_report",
        "share_with_authorities",
    ]
    assert all(
        not r.allowed
        and r.actor == desk.account.display_name  # by name (issue 18)
        and r.family_reference == family.reference
        and "do not allow it" in r.sentence
        for r in rows
    )
    letter, details, report, share = rows
    assert (letter.recipient, letter.recipient_kind, letter.clause) == (
        "Hartwell Finch LLP",
        "agency",
        "iii",
    )
    assert (details.about_person, details.items, details.clause) == (
        "Owen Brackley",
        "address",
        "iv",
    )
    assert report.clause == "ii"
    assert (share.recipient, share.recipient_kind, share.items) == (
        "Westshire Police",
        "police",
        "telephone",
    )
    refusals = [
        e
        for e in audit.entries(manager.centre.conn)
        if e.actor == "desk" and e.action.startswith("disclosure.")
    ]
    assert len(refusals) == 4 and all(
        e.subject == family.reference and e.outcome == "refused" for e in refusals
    )
    assert f"person #{dad.id}" in refusals[1].detail


def test_clause_iv_a_consent_ending_today_holds_all_day_and_not_tomorrow(centre):
    coord, _, _, family, _ = centre
    dad = family.adults[1]
    out.record_consent(
        coord,
        family.id,
        given_by=dad.id,
        recipient="Cafcass",
        recipient_kind="agency",
        items=frozenset({"address"}),
        signed_on=TODAY - timedelta(days=30),
        paper_kept_at="Folder",
        expires_on=TODAY,
    )
    late = datetime.combine(TODAY, datetime.max.time().replace(microsecond=0)).astimezone()
    coord.centre.clock = lambda: late
    assert out.disclose_contact_details(
        coord, family.id, dad.id, "Cafcass", "agency", frozenset({"address"})
    ).address
    coord.centre.clock = lambda: late + timedelta(seconds=1)
    with pytest.raises(DisclosureRefused, match=f"has ended: its last day was {TODAY:%d %B %Y}"):
        out.disclose_contact_details(
            coord, family.id, dad.id, "Cafcass", "agency", frozenset({"address"})
        )


@pytest.mark.parametrize("action", list(Action))
def test_clauses_i_to_v_and_4_every_refusal_reads_as_one_english_sentence(centre, action):
    """ "You cannot <do it>: your roles (...) do not allow it." for every action, on the
    button and from the service; never "You cannot attendance letter for the referrer"."""
    _coord, _lead, desk, family, _ = centre
    desk.account = replace(desk.account, roles=frozenset())  # an account with no roles
    decision = out.decision_for(
        desk, family.id, Request(action, Recipient("Hartwell Finch LLP", RecipientKind.AGENCY))
    )
    # Issue 18: the refusal goes on to name the roles that can.
    assert decision.sentence.startswith(
        f"You cannot {action.doing}: your roles (none) do not allow it. "
    )
    assert decision.sentence.endswith(" can.")
    assert action.doing.split()[0] in {
        "make",
        "disclose",
        "share",
        "answer",
        "book",
        "print",
        "export",
    }
    with pytest.raises(PermissionRefused) as refused:
        out.attempt(
            desk, family.id, Request(action, Recipient("Hartwell Finch LLP", RecipientKind.AGENCY))
        )
    # The service says what the button says, and never sends anyone to "ask a manager".
    assert str(refused.value) == decision.sentence
    assert "You cannot attendance" not in str(refused.value)
