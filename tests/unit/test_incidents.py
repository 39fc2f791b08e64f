"""Incidents, concerns and the accident book (issue 5; clause 4 exceptions a and b, clause viii)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from stmarys_desktop.domain.errors import InvalidInput, PermissionRefused
from stmarys_desktop.domain.incidents import BodyMark, IncidentDraft, IncidentKind, IncidentStatus
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts, families, incidents
from stmarys_desktop.store import audit
from stmarys_desktop.store import retention as retention_store
from tests.unit.family_helpers import two_parent_family


@pytest.fixture
def staff(manager, sign_in_as):
    for user, name, role in (
        ("desk", "Pella Quorne", Role.FRONT_DESK),
        ("lead", "Idris Vantage", Role.SAFEGUARDING_LEAD),
        ("coord", "Nerys Calder", Role.COORDINATOR),
    ):
        accounts.create_account(
            manager,
            user_name=user,
            display_name=name,
            roles=[role],
            password=f"{user} password long",
        )
    desk = sign_in_as("desk", "desk password long")
    lead = sign_in_as("lead", "lead password long")
    coord = sign_in_as("coord", "coord password long")
    family = families.create_family(coord, two_parent_family())
    other = families.create_family(
        coord,
        two_parent_family(resident="Wren Ashby", visiting="Tal Kelham", children=("Rosa Ashby",)),
    )
    return desk, lead, coord, family, other


def concern(family_id, kind=IncidentKind.WELFARE_CONCERN, words='Ivy said: "Dad shouts."'):
    return IncidentDraft(
        kind=kind,
        occurred_at=datetime.now().astimezone(),
        seen_and_heard=words,
        family_id=family_id,
        place="Playroom",
        people_involved="Child: Ivy Dunford",
        body_map=[BodyMark("front", 0.4, 0.3, "bruise on the arm")],
    )


def test_clause_4a_a_confirmed_welfare_concern_opens_an_exception_on_that_family(staff):
    desk, lead, _, family, other = staff
    incident_id = incidents.record_incident(desk, concern(family.id))
    assert [s.id for s in incidents.awaiting_confirmation(lead)] == [incident_id]
    exception = incidents.confirm_concern(lead, incident_id, "Spoke to the child's school.")
    assert exception.is_open and exception.kind == "welfare"
    # Who confirmed it, and who decided, by full name (issue 18, item 5).
    assert exception.incident_id == incident_id and exception.confirmed_by == "Idris Vantage"
    decided = incidents.incident_details(lead, incident_id)
    assert (decided.decided_by, decided.decided_by_name) == ("lead", "Idris Vantage")
    assert [e.id for e in incidents.family_exceptions(desk, family.id, open_only=True)] == [
        exception.id
    ]
    assert incidents.family_exceptions(desk, other.id) == []
    assert incidents.awaiting_confirmation(lead) == []


def test_clause_4b_a_confirmed_violence_concern_opens_an_exception_of_its_kind(staff):
    desk, lead, _, family, _ = staff
    incident_id = incidents.record_incident(
        desk,
        concern(
            family.id, IncidentKind.VIOLENCE_CONCERN, "A parent pushed a volunteer at handover."
        ),
    )
    assert incidents.confirm_concern(lead, incident_id).kind == "violence"


def test_closing_an_exception_is_a_separate_recorded_act(staff):
    desk, lead, _, family, _ = staff
    exception = incidents.confirm_concern(lead, incidents.record_incident(desk, concern(family.id)))
    with pytest.raises(PermissionRefused):
        incidents.close_exception(desk, exception.id, "resolved")
    with pytest.raises(InvalidInput, match="Say why"):
        incidents.close_exception(lead, exception.id, "  ")
    incidents.close_exception(lead, exception.id, "Children's Services closed the case.")
    assert incidents.family_exceptions(lead, family.id, open_only=True) == []
    last = next(audit.entries(lead.centre.conn, newest_first=True, limit=1))
    assert last.action == "exception.close" and last.actor == "lead"
    with pytest.raises(InvalidInput, match="already closed"):
        incidents.close_exception(lead, exception.id, "again")


def test_a_concern_not_confirmed_opens_nothing(staff):
    desk, lead, _, family, _ = staff
    incident_id = incidents.record_incident(desk, concern(family.id))
    incidents.decline_concern(lead, incident_id, "The child was describing a film.")
    assert incidents.family_exceptions(lead, family.id) == []
    assert incidents.incident_details(lead, incident_id).status is IncidentStatus.NOT_CONFIRMED


def test_front_desk_sees_that_a_concern_exists_not_its_details(staff):
    desk, lead, _, family, _ = staff
    incident_id = incidents.record_incident(desk, concern(family.id))
    (summary,) = incidents.incident_list(desk, family.id)
    assert summary.status is IncidentStatus.AWAITING_CONFIRMATION
    with pytest.raises(PermissionRefused, match="details of a concern"):
        incidents.incident_details(desk, incident_id)
    last = next(audit.entries(desk.centre.conn, newest_first=True, limit=1))
    assert (last.actor, last.outcome) == ("desk", "refused")
    assert "Dad shouts" in incidents.incident_details(lead, incident_id).seen_and_heard
    chronology = " ".join(i.text for i in incidents.chronology(desk, family.id))
    assert "Concern about a child's welfare" in chronology and "Dad shouts" not in chronology


def test_a_correction_supersedes_and_both_stay_in_the_chronology(staff):
    desk, _lead, _, family, _ = staff
    first = incidents.record_incident(
        desk,
        IncidentDraft(
            kind=IncidentKind.OTHER,
            occurred_at=datetime.now().astimezone(),
            seen_and_heard="A parent arived early.",
            family_id=family.id,
        ),
    )
    second = incidents.correct_incident(
        desk,
        first,
        IncidentDraft(
            kind=IncidentKind.OTHER,
            occurred_at=datetime.now().astimezone(),
            seen_and_heard="A parent arrived twenty minutes early.",
            family_id=family.id,
        ),
    )
    items = [i for i in incidents.chronology(desk, family.id) if i.kind == "incident"]
    assert [(i.superseded, f"record {first}" in i.text) for i in items] == [
        (True, True),
        (False, True),
    ]
    with pytest.raises(InvalidInput, match=f"already been corrected by record {second}"):
        incidents.correct_incident(
            desk,
            first,
            IncidentDraft(
                kind=IncidentKind.OTHER,
                occurred_at=datetime.now().astimezone(),
                seen_and_heard="Third try.",
                family_id=family.id,
            ),
        )
    third = incidents.correct_incident(
        desk,
        second,
        IncidentDraft(
            kind=IncidentKind.OTHER,
            occurred_at=datetime.now().astimezone(),
            seen_and_heard="A parent arrived twenty minutes early, at 09:25.",
            family_id=family.id,
        ),
    )
    assert incidents.incident_details(desk, third).supersedes_id == second


def test_an_incident_is_never_changed_only_corrected(staff):
    # Issue 17: no refusing edit/delete functions kept for a test; nothing edits or deletes
    # a record, and the one way to put it right, a correction, leaves the original as it was.
    desk, _, _, family, _ = staff
    incident_id = incidents.record_incident(
        desk,
        IncidentDraft(
            kind=IncidentKind.OTHER,
            occurred_at=datetime.now().astimezone(),
            seen_and_heard="Late arrival.",
            family_id=family.id,
        ),
    )
    changing = [
        name
        for name in dir(incidents)
        if name.startswith(("edit", "delete", "update", "remove", "change"))
    ]
    assert changing == []
    incidents.correct_incident(
        desk,
        incident_id,
        IncidentDraft(
            kind=IncidentKind.OTHER,
            occurred_at=datetime.now().astimezone(),
            seen_and_heard="Arrived forty minutes late.",
            family_id=family.id,
        ),
    )
    assert incidents.incident_details(desk, incident_id).seen_and_heard == "Late arrival."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"seen_and_heard": "   "}, "Describe what was seen and heard"),
        ({"occurred_at": datetime.now().astimezone() + timedelta(hours=2)}, "in the future"),
        ({"kind": IncidentKind.ACCIDENT, "people_involved": ""}, "who was involved"),
        ({"kind": IncidentKind.OTHER}, "body map is for concerns and accidents"),
        ({"referred_to": "the newspaper"}, "who it was referred to"),
    ],
)
def test_bad_records_are_refused_and_nothing_is_saved(staff, change, message):
    desk, _, _, family, _ = staff
    draft = concern(family.id)
    for key, value in change.items():
        setattr(draft, key, value)
    with pytest.raises(InvalidInput, match=message):
        incidents.record_incident(desk, draft)
    assert incidents.incident_list(desk, family.id) == []


def accident(family_id, people="Child: Ivy Dunford (6)", words="Tripped on the step."):
    return IncidentDraft(
        kind=IncidentKind.ACCIDENT,
        occurred_at=datetime.now().astimezone(),
        seen_and_heard=words,
        family_id=family_id,
        place="Garden",
        people_involved=people,
        injuries="Graze to the left knee",
        body_map=[BodyMark("front", 0.45, 0.8, "graze")],
        action_taken="Cleaned; plaster.",
    )


def test_the_accident_book_numbers_complete_entries_and_keeps_corrections(staff):
    desk, _, _, family, other = staff
    first = incidents.record_incident(desk, accident(family.id))
    incidents.record_incident(desk, accident(other.id, "Child: Rosa Ashby (4)", "Bumped head."))
    incidents.correct_incident(
        desk, first, accident(family.id, words="Tripped on the garden step, not the stairs.")
    )
    book = incidents.accident_book(desk)
    assert [e.number for e in book] == [1, 2, 3]
    assert book[0].people == "Child: Ivy Dunford (6)" and book[0].recorded_by == "Pella Quorne"
    assert book[2].corrects_number == 1


def test_the_accident_book_survives_the_disposal_of_the_family(staff):
    desk, _, coord, family, _ = staff
    incidents.record_incident(desk, accident(family.id))
    with coord.centre.transaction() as conn:
        retention_store.dispose_family(conn, family.id)
    (entry,) = incidents.accident_book(desk)
    assert entry.people == "Child: Ivy Dunford (6)"
    assert entry.what_happened == "Tripped on the step."
    assert incidents.incident_list(desk) == []


def test_the_accident_book_cannot_be_edited_or_emptied(staff):
    desk, *_ = staff
    incidents.record_incident(desk, accident(None))
    conn = desk.centre.conn
    with pytest.raises(Exception, match="never edited"):
        conn.execute("UPDATE accident_book SET what_happened = 'nothing'")
    with pytest.raises(Exception, match="kept for ever"):
        conn.execute("DELETE FROM accident_book")


def test_a_referral_without_a_reference_after_two_working_days_is_listed(staff):
    desk, lead, _, family, _ = staff
    draft = concern(family.id)
    draft.referred_to = "childrens_services"
    incident_id = incidents.record_incident(desk, draft)
    today = datetime.now().date()
    assert incidents.overdue_references(lead, today) == []
    assert [s.id for s in incidents.overdue_references(lead, today + timedelta(days=5))] == [
        incident_id
    ]


def test_the_chronology_holds_consents_and_disclosures_too(staff):
    from datetime import date

    from stmarys_desktop.services import disclosure

    desk, _, coord, family, _ = staff
    disclosure.record_consent(
        coord,
        family.id,
        given_by=family.adults[1].id,
        recipient="Hartwell Finch LLP",
        recipient_kind="agency",
        items=frozenset({"address"}),
        signed_on=date.today(),
        paper_kept_at="Folder",
    )
    disclosure.attendance_letter(
        coord, family.id, "Hartwell Finch LLP", deliver=lambda _letter: True
    )
    kinds = {item.kind: item.text for item in incidents.chronology(coord, family.id)}
    assert "to Hartwell Finch LLP (address)" in kinds["consent"]
    assert "Attendance letter for the referrer" in kinds["disclosure"]
    assert "allowed" in kinds["disclosure"] and "clause iii" in kinds["disclosure"]
    # Front desk may not read the disclosure history, so the chronology leaves it out.
    seen_at_desk = incidents.chronology(desk, family.id)
    assert "disclosure" not in {item.kind for item in seen_at_desk}
    assert "Hartwell Finch LLP (clause" not in " ".join(item.text for item in seen_at_desk)


# -- a concern recorded with no family, linked by a correction --------------------------------


def test_a_concern_with_no_family_is_linked_by_a_correction_and_then_confirmed(staff):
    desk, lead, _, family, _ = staff
    unlinked = incidents.record_incident(desk, concern(None))
    with pytest.raises(InvalidInput, match="Link the concern to a family"):
        incidents.confirm_concern(lead, unlinked)
    linked = incidents.correct_incident(lead, unlinked, concern(family.id))
    last = next(audit.entries(lead.centre.conn, newest_first=True, limit=1))
    assert last.action == "incident.correct" and "now linked to the family" in last.detail
    assert last.subject == family.reference
    assert incidents.incident_details(lead, linked).family_id == family.id
    assert [s.id for s in incidents.awaiting_confirmation(lead)] == [linked]
    exception = incidents.confirm_concern(lead, linked)
    assert exception.is_open and exception.incident_id == linked
    assert [e.id for e in incidents.family_exceptions(desk, family.id, open_only=True)] == [
        exception.id
    ]


def test_a_correction_never_moves_a_record_to_another_family_nor_unlinks_it(staff):
    desk, lead, _, family, other = staff
    first = incidents.record_incident(desk, concern(family.id))
    for elsewhere in (other.id, None):
        with pytest.raises(InvalidInput, match="stays with the same family"):
            incidents.correct_incident(lead, first, concern(elsewhere))
    assert incidents.incident_details(lead, first).superseded_by_id is None
    assert incidents.correction_family_problem(None, family.id) is None
    assert incidents.correction_family_problem(family.id, family.id) is None
    assert incidents.correction_family_problem(None, None) is None


# -- what the chronology shows to whom --------------------------------------------------------


def test_the_chronology_shows_why_an_exception_closed_only_to_those_who_see_concerns(staff):
    desk, lead, coord, family, _ = staff
    exception = incidents.confirm_concern(lead, incidents.record_incident(desk, concern(family.id)))
    incidents.close_exception(lead, exception.id, "Children's Services closed the case.")

    def closing(session) -> str:
        (text,) = [
            i.text
            for i in incidents.chronology(session, family.id)
            if i.kind == "exception" and "closed by" in i.text
        ]
        return text

    assert closing(lead) == (
        f"Exception {exception.id} closed by Idris Vantage: Children's Services closed the case."
    )
    for session in (desk, coord):
        assert closing(session) == f"Exception {exception.id} closed by Idris Vantage"


def test_the_chronology_shows_disclosures_to_exactly_who_may_see_the_history(staff, manager):
    from stmarys_desktop.services import disclosure

    desk, lead, coord, family, _ = staff
    disclosure.attendance_letter(
        coord, family.id, "Hartwell Finch LLP", deliver=lambda _letter: True
    )
    shown = {}
    for name, session in (("desk", desk), ("lead", lead), ("coord", coord), ("manager", manager)):
        try:
            disclosure.disclosure_history(session, family.id)
            may = True
        except PermissionRefused:
            may = False
        kinds = {item.kind for item in incidents.chronology(session, family.id)}
        assert ("disclosure" in kinds) is may is incidents.may_see_disclosure_history(session)
        shown[name] = may
    assert shown == {"desk": False, "lead": True, "coord": True, "manager": True}


def test_the_printed_book_shows_who_was_told_and_the_body_map_while_the_incident_is_kept(
    staff, tmp_path
):
    """Issue 21: the printed book has who was told, the body map, and lines to witness and
    sign; once the family is disposed of, the entry still prints, without them."""
    from stmarys_desktop.printing.accident_book import accident_book_paper
    from stmarys_desktop.printing.document import write_pdf
    from tests.helpers import pdf_text

    desk, _, coord, family, _ = staff
    draft = accident(family.id)
    draft.who_was_told = "Carys Dunford at collection"
    incidents.record_incident(desk, draft)
    (entry,) = incidents.accident_book(desk)
    assert entry.who_was_told == "Carys Dunford at collection"
    assert entry.body_map == (BodyMark("front", 0.45, 0.8, "graze"),)
    text = pdf_text(
        write_pdf(
            tmp_path / "book.pdf",
            accident_book_paper("St Mary's", [entry], "Pella Quorne", "2 December 2026"),
        )
    )
    assert "Who was told Carys Dunford at collection" in text
    assert "Body map 1. Front, right lower leg: graze" in text
    assert "Witness (name) Signature of the person recording Date" in text

    with coord.centre.transaction() as conn:
        retention_store.dispose_family(conn, family.id)
    (kept,) = incidents.accident_book(desk)
    assert kept.who_was_told == "" and kept.body_map == ()
    text = pdf_text(
        write_pdf(
            tmp_path / "after.pdf",
            accident_book_paper("St Mary's", [kept], "Pella Quorne", "2 December 2026"),
        )
    )
    assert "Tripped on the step." in text and "Body map" not in text
