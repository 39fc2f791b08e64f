"""What a screen may offer comes from its service in one call, as typed decisions (issue 17,
item 3): Today's register, another day's register, the concerns and exceptions, a
parent's contact details, a booking and a series, the request log. Each answer is the one
the service enforces when the action is done, in the words the screen shows."""

from __future__ import annotations

from datetime import timedelta

import pytest

from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.errors import InvalidInput, PermissionRefused
from stmarys_desktop.domain.families import NewPerson, PersonKind
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import (
    accounts,
    bookings,
    families,
    incidents,
    policy_documents,
    register,
    request_log,
    series,
    staff,
)
from tests.helpers import WEDNESDAY, at
from tests.unit.test_attendance import session_today  # noqa: F401 (fixture)
from tests.unit.test_bookings_and_register import centre, draft  # noqa: F401 (fixture)
from tests.unit.test_incidents import concern
from tests.unit.test_incidents import staff as incident_staff  # noqa: F401 (fixture)

THURSDAY = WEDNESDAY + timedelta(days=1)
TUESDAY = WEDNESDAY - timedelta(days=1)


def entry_of(session, session_id):
    return next(
        e for e in register.register_of_day(session, WEDNESDAY) if e.session_id == session_id
    )


def attendee(entry, person_id):
    return next(a for a in entry.named if a.person_id == person_id)


def sentences(offered, *names):
    return {name: getattr(offered, name).sentence for name in names}


REGISTER_BUTTONS = ("check_in", "check_out", "no_show", "cancel", "undo")


def test_today_offers_what_the_register_allows_for_the_chosen_person(session_today):  # noqa: F811
    coordinator, desk, _family, session_id, resident, _visiting = session_today
    desk.centre.clock = at(9, 45)
    entry = entry_of(desk, session_id)

    nothing = register.register_offers(desk, entry, None)
    assert nothing.running.allowed and nothing.print.allowed
    assert nothing.no_show.allowed and nothing.cancel.allowed  # booked, nobody here yet
    assert sentences(nothing, "check_in", "check_out", "undo") == {
        "check_in": "Choose a named person who is not checked in.",
        "check_out": "Choose a named person who is checked in.",
        "undo": "Choose a named person who is checked in or out.",
    }
    waiting = register.register_offers(desk, entry, attendee(entry, resident.id))
    assert waiting.check_in.allowed and not waiting.check_out.allowed
    assert waiting.undo.sentence == "Choose someone who is checked in or out."

    entry = register.check_in(desk, session_id, resident.id)
    here = register.register_offers(desk, entry, attendee(entry, resident.id))
    assert here.check_out.allowed and here.undo.allowed
    assert here.check_in.sentence == "Choose a named person who is not checked in."
    with pytest.raises(InvalidInput, match="already checked in"):
        register.check_in(desk, session_id, resident.id)
    # Someone has arrived: the session can no longer be cancelled, as the service says.
    assert here.cancel.sentence == "Choose a booked session that nobody has arrived for."
    with pytest.raises(InvalidInput, match="nobody has arrived for"):
        register.cancel_session(desk, session_id, entry.version, "centre")
    # Only whoever checked a person in undoes it, the same day (D144).
    coordinator.centre.clock = at(9, 50)
    other_desk = register.register_offers(coordinator, entry, attendee(entry, resident.id))
    assert other_desk.undo.sentence.startswith("Only desk can undo this today")
    with pytest.raises(InvalidInput, match="Only desk can undo this today"):
        register.undo_latest(coordinator, session_id, resident.id)


def test_today_offers_nothing_on_the_register_to_roles_that_do_not_run_it(
    session_today,  # noqa: F811
    manager,
):
    """The manager's roles do not run the register: every register button says so, in the
    refusal the service raises, and the line under the buttons says it once."""
    _, desk, _family, session_id, resident, _ = session_today
    entry = entry_of(desk, session_id)
    offered = register.register_offers(manager, entry, attendee(entry, resident.id))
    assert not offered.running.allowed
    assert offered.running.sentence.startswith(
        "You cannot run the register: your roles (Manager) do not allow it."
    )
    assert {getattr(offered, name) for name in REGISTER_BUTTONS} == {offered.running}
    assert offered.print.allowed  # the manager reads families, so prints the day's register
    with pytest.raises(PermissionRefused, match="your roles \\(Manager\\) do not allow it"):
        register.check_in(manager, session_id, resident.id)


def test_another_days_register_offers_corrections_to_a_coordinator_only(session_today):  # noqa: F811
    coordinator, desk, _family, session_id, resident, visiting = session_today
    for session in (coordinator, desk):
        session.centre.clock = at(9, 0, THURSDAY)
    entry = entry_of(coordinator, session_id)
    chosen = attendee(entry, visiting.id)

    offered = register.day_offers(coordinator, entry, chosen)
    assert offered.correct.allowed and offered.move.allowed and offered.cancel.allowed
    assert register.day_offers(coordinator, entry, None).correct.sentence == (
        "Choose a session and a named person."
    )
    at_desk = register.day_offers(desk, entry, chosen)
    assert at_desk.correct == at_desk.correcting
    assert at_desk.correcting.sentence.startswith(
        "You cannot correct the register: your roles (Front desk) do not allow it."
    )
    assert at_desk.move == at_desk.cancel == at_desk.booking
    assert at_desk.booking.sentence.startswith("You cannot move or cancel sessions")
    with pytest.raises(PermissionRefused):
        register.correct_attendance(
            desk, session_id, visiting.id, arrived_at="10:00", left_at=None, reason="Late entry"
        )

    # Someone arrived: the session took place, so it is no longer moved or cancelled.
    register.correct_attendance(
        coordinator, session_id, resident.id, arrived_at="09:45", left_at=None, reason="Missed"
    )
    attended = entry_of(coordinator, session_id)
    offered = register.day_offers(coordinator, attended, attendee(attended, visiting.id))
    assert offered.correct.allowed
    assert offered.move.sentence == "Choose a booked session nobody has arrived for."

    # Before the day, there is no attendance to correct, as the service says.
    coordinator.centre.clock = at(9, 0, TUESDAY)
    early = register.day_offers(coordinator, attended, attendee(attended, visiting.id))
    assert early.correct.sentence == "That session has not happened yet."
    with pytest.raises(InvalidInput, match="has not happened yet"):
        register.correct_attendance(
            coordinator, session_id, visiting.id, arrived_at="10:00", left_at=None, reason="x"
        )


def test_a_cancelled_session_offers_no_correction(session_today):  # noqa: F811
    coordinator, _desk, _family, session_id, _resident, visiting = session_today
    coordinator.centre.clock = at(8, 0)
    register.cancel_session(
        coordinator, session_id, entry_of(coordinator, session_id).version, "centre"
    )
    coordinator.centre.clock = at(9, 0, THURSDAY)
    entry = entry_of(coordinator, session_id)
    offered = register.day_offers(coordinator, entry, attendee(entry, visiting.id))
    assert offered.correct.sentence == "A cancelled session has no attendance."
    with pytest.raises(InvalidInput, match="cancelled"):
        register.correct_attendance(
            coordinator, session_id, visiting.id, arrived_at="10:00", left_at=None, reason="x"
        )


def test_concerns_and_exceptions_are_offered_to_the_safeguarding_lead(incident_staff):  # noqa: F811
    desk, lead, _coord, family, _ = incident_staff
    at_desk = incidents.queue_offers(desk, None, None)
    assert at_desk.confirming.sentence == (
        "Only the safeguarding lead confirms a concern (your roles: Front desk). "
        "Concerns waiting for them are listed here for them."
    )
    assert at_desk.decide == at_desk.confirming
    assert at_desk.close == at_desk.closing
    assert at_desk.closing.sentence == (
        "Only the safeguarding lead closes an exception (your roles: Front desk)."
    )

    nothing = incidents.queue_offers(lead, None, None)
    assert nothing.confirming.allowed and nothing.closing.allowed
    assert nothing.decide.sentence == "Choose a concern in the list first."
    assert nothing.close.sentence == "Choose an exception in the list first."

    concern_id = incidents.record_incident(desk, concern(family.id))
    waiting = next(c for c in incidents.awaiting_confirmation(lead) if c.id == concern_id)
    assert incidents.queue_offers(lead, waiting, None).decide.allowed
    with pytest.raises(PermissionRefused):
        incidents.confirm_concern(desk, concern_id)
    incidents.confirm_concern(lead, concern_id)
    opened = incidents.open_exceptions(lead)[0]
    assert incidents.queue_offers(lead, None, opened).close.allowed


def test_no_record_chosen_is_answered_by_the_service(incident_staff):  # noqa: F811
    desk = incident_staff[0]
    offered = incidents.record_offers(desk, None)
    for decided in (offered.open, offered.correct, offered.chronology):
        assert not decided.allowed
        assert decided.sentence == "Choose a record in the list first."


def test_a_lead_not_cleared_is_told_clause_vi_not_only_the_lead(centre, manager, sign_in_as):  # noqa: F811
    """Clause vi: the lead holds the role, so "only the safeguarding lead confirms" is not
    why; their staff record is."""
    accounts.create_account(
        manager,
        user_name="lead",
        display_name="Nia Holm",
        roles=[Role.SAFEGUARDING_LEAD],
        password="lead password long",
        staff_id=1,
    )
    staff.set_status(manager, 1, staff.open_vetting(manager, 1).member.version, "suspended")
    lead = sign_in_as("lead", "lead password long")
    assert lead.family_access_withheld
    offered = incidents.queue_offers(lead, None, None)
    for decided in (offered.confirming, offered.closing):
        assert decided.clause is Clause.VI
        assert "while your staff record says suspended" in decided.sentence
        assert "Only the safeguarding lead" not in decided.sentence


def test_contact_details_are_offered_for_an_adult_with_some_clause_iv(centre):  # noqa: F811
    coordinator, desk, family, _rooms = centre
    resident = family.adults[0]
    family = families.add_person(
        coordinator,
        family.id,
        family.version,
        NewPerson(PersonKind.OTHER_ADULT, "Bryn Dunford"),
    )
    uncle = next(p for p in family.adults if p.full_name == "Bryn Dunford")

    assert families.reveal_offers(coordinator, resident).reveal.sentence == (
        "Show Carys Dunford's own address and telephone; this is recorded."
    )
    assert families.reveal_offers(coordinator, resident).reveal.allowed
    for nobody in (None, family.children[0]):
        offered = families.reveal_offers(coordinator, nobody)
        assert offered.standing.allowed
        assert offered.reveal.sentence == "Choose an adult in the table first."
    assert families.reveal_offers(coordinator, uncle).reveal.sentence == (
        "No address or telephone is recorded for Bryn Dunford."
    )

    at_desk = families.reveal_offers(desk, resident)
    assert at_desk.reveal == at_desk.standing
    label = policy_documents.clause_labels(desk)[Clause.IV]
    assert at_desk.standing.clause is Clause.IV
    assert at_desk.standing.sentence.startswith(
        f"You cannot reveal a parent's address and telephone: your roles (Front desk) do not "
        f"allow it ({label})."
    )
    with pytest.raises(PermissionRefused):
        families.reveal_contact_details(desk, resident.id)


def test_book_is_offered_only_for_a_booking_the_planner_allows(centre):  # noqa: F811
    coordinator, desk, family, rooms = centre
    good = bookings.booking_offers(coordinator, draft(family, rooms))
    assert good.book.allowed and good.check.refusals == ()

    late = draft(family, rooms, starts="18:00", ends="20:00")
    refused = bookings.booking_offers(coordinator, late)
    assert refused.check.refusals
    assert refused.book.sentence == "Cannot be booked: " + " ".join(refused.check.refusals)
    with pytest.raises(InvalidInput):
        bookings.book_session(coordinator, late)

    at_desk = bookings.booking_offers(desk, draft(family, rooms))
    assert at_desk.book.sentence.startswith(
        "Cannot be booked: You cannot book a session: your roles (Front desk) do not allow it."
    )


def test_a_series_is_offered_while_any_of_its_dates_can_be_booked(centre):  # noqa: F811
    coordinator, desk, family, rooms = centre
    offered = series.series_offers(coordinator, draft(family, rooms), 1, count=3)
    assert offered.book.allowed
    assert offered.preview is not None and len(offered.preview.good) == 3

    late = draft(family, rooms, starts="18:00", ends="20:00")
    none_good = series.series_offers(coordinator, late, 1, count=3)
    assert none_good.preview is not None and none_good.preview.good == ()
    assert none_good.book.sentence == "None of the dates of this series can be booked."

    at_desk = series.series_offers(desk, draft(family, rooms), 1, count=3)
    assert at_desk.preview is None
    assert at_desk.book.sentence.startswith("You cannot book a series of sessions")


def test_the_request_log_offers_are_decisions(centre, manager):  # noqa: F811
    coordinator, desk, _family, _rooms = centre
    offered = request_log.offers(coordinator)  # reads, changes and prints the log
    assert offered.read.allowed and offered.change.allowed and offered.print.allowed
    at_desk = request_log.offers(desk)
    assert at_desk.read.sentence.startswith("You cannot see the request log")
    assert at_desk.change.sentence.startswith("You cannot change a request for information")
    with_manager = request_log.offers(manager)
    assert with_manager.read.allowed and not with_manager.change.allowed
