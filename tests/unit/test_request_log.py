"""The request log (issue 20, item 4): every field published centre policies prescribe,
changeable with an audited reason, answered by the disclosures linked to it, read by
those the policy lets read it, printed and in the chronology.

The rule these tests hold is the request-log paragraph of DESIGN.md section 2 (who
asked, what, when, about whom, consent sought / obtained / refused / not sought, the
decision and its basis, the reason for disclosing without consent, whether the person
was told afterwards) with clause 4 for disclosures without consent and clause i for the
printout.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from stmarys_desktop.domain.dates import long_date, short_date
from stmarys_desktop.domain.disclosures import ConsentSought, RequestField, Told
from stmarys_desktop.domain.errors import InvalidInput, PermissionRefused
from stmarys_desktop.printing.document import write_pdf
from stmarys_desktop.printing.request_log import request_log_paper
from stmarys_desktop.services import disclosure as out
from stmarys_desktop.services import incidents, request_log
from stmarys_desktop.services.auth import sign_in
from stmarys_desktop.services.disclosure import DisclosureRefused
from stmarys_desktop.store import audit, migrations
from stmarys_desktop.store import retention as retention_store
from tests.helpers import MANAGER, PASSWORD, pdf_text
from tests.unit.test_disclosure_services import (  # noqa: F401 - the fixture
    centre,
    confirmed_concern,
    listed,
    saved,
)

TODAY = date.today()


def ask(session, family, *, consent="not_sought", about=None, **given) -> int:
    return out.record_request(
        session,
        requester_name=given.get("requester_name", "Mira Pennock"),
        requester_agency=given.get("requester_agency", "Hartwell Finch LLP"),
        asked_for=given.get("asked_for", "Attendance since September"),
        family_id=family.id,
        about_person_id=about,
        consent_sought=consent,
        received_on=given.get("received_on"),
    )


def the_request(session, family, request_id):
    return next(r for r in out.requests(session, family.id) if r.id == request_id)


def test_request_log_every_field_is_recorded_and_read_back(centre) -> None:  # noqa: F811
    """Who asked (person and agency), what, when, about whom, consent sought and
    awaiting an answer, and who recorded it."""
    coord, _, _, family, _ = centre
    dad = family.adults[1]
    request_id = ask(
        coord,
        family,
        consent="sought",
        about=dad.id,
        received_on=TODAY - timedelta(days=2),
        asked_for="Owen's address, for a letter about the hearing",
    )
    request = the_request(coord, family, request_id)
    assert request.consent is ConsentSought.SOUGHT
    assert request.consent.label == "Sought, awaiting an answer"
    assert (request.requester_name, request.requester_agency) == (
        "Mira Pennock",
        "Hartwell Finch LLP",
    )
    assert request.asked_for == "Owen's address, for a letter about the hearing"
    assert request.received_at == (TODAY - timedelta(days=2)).isoformat()
    assert (request.about_person, request.about_words) == ("Owen Brackley", "Owen Brackley")
    assert (request.recorded_by, request.recorded_by_name) == ("coord", "Demo coord")
    assert request.family_reference == family.reference
    assert request.told is Told.NOT_YET and request.answers == ()
    with pytest.raises(InvalidInput, match="day still to come"):
        ask(coord, family, received_on=TODAY + timedelta(days=1))
    with pytest.raises(InvalidInput, match="Say who asked"):
        ask(coord, family, requester_name="  ")
    with pytest.raises(InvalidInput, match="from this family"):
        ask(coord, family, about=-5)


def test_request_log_each_field_changes_only_with_a_reason_kept_in_its_history(
    centre,  # noqa: F811
) -> None:
    coord, _, _, family, _ = centre
    mum, dad = family.adults[:2]
    request_id = ask(coord, family, consent="sought")
    edit = request_log.RequestEdit(
        requester_name="Mira Pennock-Hale",
        requester_agency="Hartwell Finch Solicitors",
        asked_for="Attendance since August",
        about_person_id=mum.id,
        consent=ConsentSought.REFUSED,
        received_on=TODAY - timedelta(days=1),
    )
    with pytest.raises(InvalidInput, match="Say why the request is being changed"):
        request_log.change_request(coord, request_id, edit, reason="  ")
    before = the_request(coord, family, request_id)
    assert before.requester_name == "Mira Pennock" and before.consent is ConsentSought.SOUGHT

    request_log.change_request(
        coord, request_id, edit, reason="She rang back: the details were taken down wrong"
    )
    after = the_request(coord, family, request_id)
    assert (after.requester_name, after.requester_agency, after.asked_for) == (
        "Mira Pennock-Hale",
        "Hartwell Finch Solicitors",
        "Attendance since August",
    )
    assert after.about_person == mum.full_name and after.consent is ConsentSought.REFUSED
    assert after.received_at == (TODAY - timedelta(days=1)).isoformat()
    changes = request_log.request_changes(coord, request_id)
    assert [(c.field, c.was, c.now) for c in changes] == [
        (
            RequestField.RECEIVED_ON,
            f"{long_date(TODAY)}",
            f"{long_date(TODAY - timedelta(days=1))}",
        ),
        (RequestField.REQUESTER_NAME, "Mira Pennock", "Mira Pennock-Hale"),
        (RequestField.REQUESTER_AGENCY, "Hartwell Finch LLP", "Hartwell Finch Solicitors"),
        (RequestField.ASKED_FOR, "Attendance since September", "Attendance since August"),
        (RequestField.ABOUT_PERSON, "The family", mum.full_name),
        (RequestField.CONSENT, "Sought, awaiting an answer", "Refused"),
    ]
    assert {(c.reason, c.changed_by_name) for c in changes} == {
        ("She rang back: the details were taken down wrong", "Demo coord")
    }
    # The audit log names the fields, never what they said.
    last = next(audit.entries(coord.centre.conn, newest_first=True, limit=1))
    assert last.action == "request.change" and "requester_name" in last.detail
    assert "Pennock" not in last.detail and "Pennock" not in last.subject
    with pytest.raises(InvalidInput, match="Nothing was changed"):
        request_log.change_request(
            coord, request_id, request_log.RequestEdit(about_person_id=mum.id), reason="x"
        )
    with pytest.raises(InvalidInput, match="from this family"):
        request_log.change_request(
            coord, request_id, request_log.RequestEdit(about_person_id=-1), reason="x"
        )
    request_log.change_request(
        coord, request_id, request_log.RequestEdit(about_person_id=dad.id), reason="Wrong parent"
    )
    assert the_request(coord, family, request_id).about_person == dad.full_name


def test_request_log_changes_are_never_edited_and_go_only_with_their_family(
    centre,  # noqa: F811
) -> None:
    """Kept as recorded; disposed of with the family's records (clause viii)."""
    coord, _, _, family, _ = centre
    request_id = ask(coord, family)
    request_log.change_request(
        coord, request_id, request_log.RequestEdit(asked_for="Dates in October"), reason="Typo"
    )
    conn = coord.centre.conn
    with pytest.raises(Exception, match="never edited"):
        conn.execute("UPDATE info_request_change SET reason = 'x'")
    with pytest.raises(Exception, match="never deleted"):
        conn.execute("DELETE FROM info_request_change")
    with coord.centre.transaction() as tx:
        retention_store.dispose_family(tx, family.id)
    assert conn.execute("SELECT count(*) FROM info_request_change").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM info_request").fetchone()[0] == 0


def test_request_log_told_afterwards_recorded_then_changed_with_a_reason(
    centre,  # noqa: F811
) -> None:
    coord, _, _, family, _ = centre
    request_id = ask(coord, family, received_on=TODAY - timedelta(days=3))
    with pytest.raises(InvalidInput, match="before the request was received"):
        out.record_subject_told(coord, request_id, told=True, on=TODAY - timedelta(days=5))
    out.record_subject_told(coord, request_id, told=True, on=TODAY)
    assert the_request(coord, family, request_id).told_words == f"Told on {short_date(TODAY)}"
    with pytest.raises(InvalidInput, match="Say why the request is being changed"):
        out.record_subject_told(coord, request_id, told=False, reason="Not reachable")
    request_log.change_request(
        coord,
        request_id,
        request_log.RequestEdit(told=Told.NO, not_told_reason="Telling her would put Ivy at risk"),
        reason="Recorded against the wrong request",
    )
    request = the_request(coord, family, request_id)
    assert request.told_words == "Not told: Telling her would put Ivy at risk"
    assert request.subject_told_on is None
    first, second = request_log.request_changes(coord, request_id)
    assert (first.was, first.now, first.reason) == (
        "Not yet",
        f"Told on {long_date(TODAY)}",
        "Recorded after the request was logged.",
    )
    assert (second.was, second.now) == (
        f"Told on {long_date(TODAY)}",
        "Not told: Telling her would put Ivy at risk",
    )


def test_clause_4_a_share_answering_a_request_without_consent_needs_the_reason_typed(
    centre,  # noqa: F811
    manager,
) -> None:
    _, lead, desk, family, _ = centre
    services = listed(manager, "Westshire Children's Services", "childrens_services")
    exception = confirmed_concern(desk, lead, family.id)
    request_id = out.record_request(
        lead,
        requester_name="Dee Harrow",
        requester_agency="Westshire Children's Services",
        asked_for="What Ivy said on Saturday",
        family_id=family.id,
        about_person_id=None,
        consent_sought="refused",
    )
    with pytest.raises(InvalidInput, match="refused: write the reason"):
        out.share_with_authorities(
            lead, family.id, services.id, ["concern"], "Ivy's words", info_request_id=request_id
        )
    assert out.disclosure_history(lead, family.id) == []
    shared = out.share_with_authorities(
        lead,
        family.id,
        services.id,
        ["concern"],
        "Ivy's words",
        info_request_id=request_id,
        without_consent_reason="Asking her mother first would put Ivy at risk",
    )
    assert shared.decision.allowed
    request = the_request(lead, family, request_id)
    assert (request.decision, request.basis) == ("given", f"exception {exception.id}")
    assert request.without_consent_reason == "Asking her mother first would put Ivy at risk"
    (answer,) = request.answers
    assert (answer.action, answer.allowed, answer.recipient) == (
        "share_with_authorities",
        True,
        "Westshire Children's Services",
    )
    # The reason cannot be emptied afterwards while consent is not obtained.
    with pytest.raises(InvalidInput, match="write the reason it went without consent"):
        request_log.change_request(
            lead, request_id, request_log.RequestEdit(without_consent_reason=""), reason="x"
        )


def test_clause_iv_a_disclosure_by_written_consent_shows_consent_obtained(
    centre,  # noqa: F811
) -> None:
    coord, _, _, family, _ = centre
    dad = family.adults[1]
    request_id = ask(coord, family, consent="sought", about=dad.id)
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
    out.disclose_contact_details(
        coord,
        family.id,
        dad.id,
        "Hartwell Finch LLP",
        "agency",
        frozenset({"address"}),
        info_request_id=request_id,
    )
    request = the_request(coord, family, request_id)
    assert request.consent is ConsentSought.OBTAINED
    assert (request.decision, request.basis) == ("given", f"consent {consent.id}")
    (change,) = request_log.request_changes(coord, request_id)
    assert (change.field, change.was, change.now) == (
        RequestField.CONSENT,
        "Sought, awaiting an answer",
        "Obtained",
    )
    assert f"consent {consent.id}" in change.reason


def test_request_log_every_action_answers_a_request_of_its_own_family_only(
    centre,  # noqa: F811
) -> None:
    coord, _, _, family, other = centre
    theirs = ask(coord, other)
    with pytest.raises(InvalidInput, match="about another family"):
        out.attendance_letter(
            coord, family.id, "Hartwell Finch LLP", deliver=saved, info_request_id=theirs
        )
    with pytest.raises(InvalidInput, match="about another family"):
        out.request_proceedings_report(coord, family.id, "Brackley & Rowe", info_request_id=theirs)
    assert out.disclosure_history(coord, family.id) == []
    ours = ask(coord, family, asked_for="A report for the hearing")
    out.request_proceedings_report(coord, family.id, "Brackley & Rowe", info_request_id=ours)
    out.attendance_letter(
        coord, family.id, "Hartwell Finch LLP", deliver=saved, info_request_id=ours
    )
    assert the_request(coord, family, ours).decision == "given"
    # Once given, a later refusal is listed but leaves the request given (D313).
    with pytest.raises(DisclosureRefused):
        out.attendance_letter(
            coord, family.id, "Somebody Else Ltd", deliver=saved, info_request_id=ours
        )
    request = the_request(coord, family, ours)
    assert [(a.action, a.allowed) for a in request.answers] == [
        ("proceedings_report", False),
        ("attendance_letter", True),
        ("attendance_letter", False),
    ]
    assert (request.decision, request.basis) == ("given", "referrer rule")


def test_request_log_the_manager_and_the_safeguarding_lead_read_it(
    centre,  # noqa: F811
    manager,
) -> None:
    """D311: those who record requests (coordinators, the safeguarding lead) and the
    manager, who oversees them, read the log; the front desk does not."""
    coord, lead, desk, family, _ = centre
    request_id = ask(coord, family)
    assert [r.id for r in out.requests(manager)] == [request_id]
    assert [r.id for r in out.requests(lead, family.id)] == [request_id]
    assert request_log.request_changes(manager, request_id) == []
    with pytest.raises(PermissionRefused, match="your roles \\(Front desk\\) do not allow it"):
        out.requests(desk)
    # Reading is not recording: the manager does neither record nor change a request.
    with pytest.raises(PermissionRefused, match="A coordinator or a safeguarding lead can"):
        request_log.change_request(
            manager, request_id, request_log.RequestEdit(asked_for="x"), reason="y"
        )


def test_clause_i_the_request_log_prints_marked_and_logged_once_delivered(
    centre,  # noqa: F811
    manager,
    tmp_path: Path,
) -> None:
    coord, _, desk, family, _ = centre
    request_id = ask(coord, family, consent="sought", about=family.adults[1].id)
    request_log.change_request(
        coord, request_id, request_log.RequestEdit(asked_for="Dates in October"), reason="Typo"
    )
    assert out.request_log_printout(coord, family.id, deliver=lambda _p: False) is None
    assert out.disclosure_history(coord, family.id) == []  # cancelled: nothing logged
    pdf = tmp_path / "requests.pdf"
    printout = out.request_log_printout(
        coord, family.id, deliver=lambda p: write_pdf(pdf, request_log_paper(p)).is_file()
    )
    assert printout is not None
    (entry,) = out.disclosure_history(coord, family.id)
    assert (entry.action, entry.recipient, entry.allowed) == (
        "internal_printout",
        "internal: request log",
        True,
    )
    words = pdf_text(pdf)
    for expected in (
        "Confidential",
        f"Request log of family {family.reference}",
        "Mira Pennock",
        "Dates in October",
        "Owen Brackley",
        "Sought, awaiting an answer",
        "Not answered yet",
        "Demo coord",
        "Changes after recording",
        "Attendance since September",
        "Typo",
    ):
        assert expected in words, expected
    # The centre's log, by the manager: audited once delivered.
    centre_pdf = tmp_path / "centre.pdf"
    out.request_log_printout(
        manager, deliver=lambda p: write_pdf(centre_pdf, request_log_paper(p)).is_file()
    )
    last = next(audit.entries(manager.centre.conn, newest_first=True, limit=1))
    assert (last.action, last.detail) == ("request_log.print", "1 requests")
    assert f"Dates in October {family.reference} Owen Brackley" in pdf_text(centre_pdf)
    with pytest.raises(PermissionRefused):
        out.request_log_printout(desk, family.id, deliver=saved)


def test_request_log_entries_sit_in_the_chronology_for_those_allowed(
    centre,  # noqa: F811
) -> None:
    coord, _, desk, family, _ = centre
    request_id = ask(coord, family, asked_for="Attendance since September")
    request_log.change_request(
        coord,
        request_id,
        request_log.RequestEdit(consent=ConsentSought.REFUSED),
        reason="The mother said no",
    )
    texts = [i.text for i in incidents.chronology(coord, family.id) if i.kind == "request"]
    assert texts[0].startswith(
        f"Request {request_id} for information from Mira Pennock (Hartwell Finch LLP): "
        "Attendance since September. About: The family. Consent: refused."
    )
    assert "Recorded by Demo coord" in texts[0]
    assert texts[1] == (
        f"Request {request_id} changed by Demo coord: Consent was Not sought, now Refused. "
        "Reason: The mother said no"
    )
    assert [i for i in incidents.chronology(desk, family.id) if i.kind == "request"] == []


def test_request_log_migration_keeps_the_requests_recorded_before_it(
    closed_centre: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (mine,) = [m for m in migrations.available() if m.path.name.endswith("_request_log.sql")]
    session = sign_in(closed_centre, MANAGER, PASSWORD)
    conn = session.centre.conn
    conn.executescript(
        "DROP TABLE info_request_change; DROP TABLE info_request;"
        "CREATE TABLE info_request (id INTEGER PRIMARY KEY, received_at TEXT NOT NULL,"
        " requester_name TEXT NOT NULL, requester_agency TEXT NOT NULL DEFAULT '',"
        " asked_for TEXT NOT NULL, family_id INTEGER, about_person_id INTEGER,"
        " consent_sought TEXT NOT NULL CHECK (consent_sought IN ('obtained', 'refused',"
        " 'not_sought')), decision TEXT NOT NULL DEFAULT '', basis TEXT NOT NULL DEFAULT '',"
        " without_consent_reason TEXT NOT NULL DEFAULT '', subject_told TEXT NOT NULL"
        " DEFAULT 'not_yet', subject_told_on TEXT, not_told_reason TEXT NOT NULL DEFAULT '',"
        " recorded_by TEXT NOT NULL);"
        "INSERT INTO info_request (received_at, requester_name, asked_for, consent_sought,"
        " recorded_by) VALUES ('2026-01-05T10:00:00+00:00', 'Rhodri Vane', 'Dates', 'refused',"
        f" '{MANAGER}');"
        f"PRAGMA user_version = {mine.version - 1};"
    )
    session.close()
    folder = tmp_path / "up_to_mine"
    folder.mkdir()
    for migration in migrations.available():
        if migration.version <= mine.version:
            shutil.copy(migration.path, folder)
    original = migrations.migrate
    monkeypatch.setattr(
        migrations,
        "migrate",
        lambda conn, *, before=None: original(conn, before=before, folder=folder),
    )
    session = sign_in(closed_centre, MANAGER, PASSWORD)
    try:
        (kept,) = out.requests(session)
        assert (kept.requester_name, kept.consent, kept.recorded_at) == (
            "Rhodri Vane",
            ConsentSought.REFUSED,
            "2026-01-05T10:00:00+00:00",
        )
        session.centre.conn.execute("UPDATE info_request SET consent_sought = 'sought'")
    finally:
        session.close()


def test_clause_ii_a_request_for_a_report_is_recorded_in_the_request_log(
    centre,  # noqa: F811
) -> None:
    """D317: a request for a report arrives like any request for information; it is
    recorded in the log as it is logged as refused (clause ii)."""
    coord, _, desk, family, _ = centre
    out.request_proceedings_report(coord, family.id, "Brackley & Rowe Solicitors")
    (request,) = out.requests(coord, family.id)
    assert (request.requester_name, request.asked_for) == (
        "Brackley & Rowe Solicitors",
        out.REPORT_ASKED_FOR,
    )
    assert (request.decision, [(a.action, a.allowed) for a in request.answers]) == (
        "refused",
        [("proceedings_report", False)],
    )
    # Someone who may not record requests: the refusal is logged, no request is made up.
    with pytest.raises(PermissionRefused):
        out.request_proceedings_report(desk, family.id, "Brackley & Rowe")
    assert len(out.requests(coord, family.id)) == 1
    assert [e.allowed for e in out.disclosure_history(coord, family.id)] == [False, False]


def test_clause_ii_a_person_asking_for_their_agency_is_logged_apart_from_it(
    centre,  # noqa: F811
) -> None:
    """D393: "Tamsin Rowe" of "Brackley & Rowe Solicitors" asks for a report; the request
    log names both apart (as a request for information does), the refusal is logged as
    to the agency and the reply is addressed to the person at their agency."""
    coord, _, _, family, _ = centre
    reply = out.request_proceedings_report(
        coord, family.id, "Tamsin Rowe", agency="Brackley & Rowe Solicitors"
    )
    (request,) = out.requests(coord, family.id)
    assert (request.requester_name, request.requester_agency) == (
        "Tamsin Rowe",
        "Brackley & Rowe Solicitors",
    )
    assert reply.requester == "Tamsin Rowe, Brackley & Rowe Solicitors"
    (refused,) = out.disclosure_history(coord, family.id)
    assert (refused.recipient, refused.allowed) == ("Brackley & Rowe Solicitors", False)
    # Received is the day, for a request recorded today as for one of an earlier day.
    assert request.received_at == coord.centre.clock().date().isoformat()
