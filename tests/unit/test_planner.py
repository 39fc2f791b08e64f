"""The planner's rules (policy/planner.py): pure, every input given."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from stmarys_desktop.domain.sessions import SessionRecord, SessionStatus
from stmarys_desktop.policy.planner import Visit, check_visit, handovers, hhmm, minutes, visit_of

DAY = date(2026, 12, 2)  # a Wednesday
MUM, DAD, GRAN = 1, 2, 3


def visit(
    starts: str = "10:00",
    ends: str = "12:00",
    *,
    family: int = 1,
    room: str = "Playroom",
    first: int = MUM,
    second: int = DAD,
    stagger: int = 15,
    session_id: int | None = None,
    staff: tuple[str, ...] = ("Nia Holm",),
    on: date = DAY,
) -> Visit:
    return Visit(
        session_id=session_id,
        family_id=family,
        family_reference=f"SMC-{family}",
        room=room,
        on_date=on,
        starts=minutes(starts),
        ends=minutes(ends),
        first_arriving=first,
        second_arriving=second,
        first_leaving=second,
        second_leaving=first,
        stagger=stagger,
        staff=staff,
    )


def check(v: Visit, others: list[Visit] = (), today: date = date(2026, 12, 1), now: int = 0):
    return check_visit(
        v,
        same_day=list(others),
        today=today,
        now=now,
        opening=(minutes("09:00"), minutes("19:00")),
        open_weekdays=frozenset(range(6)),
    )


def test_a_plain_staggered_booking_is_allowed() -> None:
    decision = check(visit())
    assert decision.allowed and decision.warnings == ()


def test_handover_times_are_staggered() -> None:
    v = visit()
    assert v.entrance_times() == [
        (minutes("09:45"), MUM),
        (minutes("10:00"), DAD),
        (minutes("12:00"), DAD),
        (minutes("12:15"), MUM),
    ]


def test_end_before_start_is_refused() -> None:
    assert "ends before it starts" in " ".join(check(visit("12:00", "11:00")).refusals)


def test_a_past_date_is_refused() -> None:
    assert "already passed" in " ".join(check(visit(), today=date(2026, 12, 3)).refusals)


def test_outside_opening_hours_counting_the_stagger() -> None:
    refusals = " ".join(check(visit("09:05", "11:00")).refusals)
    assert "08:50" in refusals and "outside opening hours" in refusals
    assert check(visit("09:15", "11:00")).allowed


def test_a_closed_day_is_refused() -> None:
    assert "closed on Sundays" in " ".join(check(visit(on=date(2026, 12, 6))).refusals)


def test_no_stagger_would_let_the_parents_meet() -> None:
    assert "staggered" in " ".join(check(visit(stagger=0)).refusals)


def test_a_second_overlapping_session_of_the_same_family_is_refused() -> None:
    existing = visit("10:00", "12:00", session_id=7)
    refusals = check(visit("11:00", "13:00", room="Quiet Room"), [existing]).refusals
    assert any("already has a session from 10:00 to 12:00" in r for r in refusals)


def test_back_to_back_sessions_that_bring_the_parents_together_are_refused() -> None:
    # Mum collects at 12:15; in the next session Dad arrives at 12:20, five minutes later.
    existing = visit("10:00", "12:00", session_id=7)
    later = visit("12:20", "14:00", first=DAD, second=MUM)
    refusals = check(later, [existing]).refusals
    assert any("entrance within 15 minutes" in r for r in refusals)


def test_a_cancelled_session_does_not_block() -> None:
    existing = Visit(**{**visit(session_id=7).__dict__, "cancelled": True})
    assert check(visit("11:00", "13:00"), [existing]).allowed


def test_room_double_booking_and_busy_staff_are_warnings() -> None:
    other_family = visit("11:00", "13:00", family=2, session_id=9)
    decision = check(visit(), [other_family])
    assert decision.allowed
    assert any("Playroom is already booked" in w for w in decision.warnings)
    assert any("Nia Holm is also on duty" in w for w in decision.warnings)


def test_no_staff_is_a_warning() -> None:
    assert "No member of staff" in " ".join(check(visit(staff=())).warnings)


@pytest.mark.parametrize("stagger", [5, 15, 30])
def test_the_stagger_setting_is_honoured(stagger: int) -> None:
    v = visit(stagger=stagger)
    assert v.first_arrives == minutes("10:00") - stagger
    assert v.second_leaves == minutes("12:00") + stagger


def test_the_handovers_keep_the_parents_a_stagger_apart_at_both_ends() -> None:
    drop_off, starts, ends, collect = handovers(minutes("10:00"), minutes("12:00"), 15)
    assert [hhmm(t) for t in (drop_off, starts, ends, collect)] == [
        "09:45",
        "10:00",
        "12:00",
        "12:15",
    ]


def test_someone_removed_from_the_record_is_kept_apart_from_everyone() -> None:
    # Issue 17: no more -1..-4 standing in for "no person". Two sessions whose adults were
    # removed from the record cannot be shown to be the same person at the door, so the
    # planner keeps them a stagger apart as it would two different parents.
    gone = dataclasses.replace(
        visit("10:00", "12:00", session_id=7), first_leaving=None, second_leaving=None
    )
    later = dataclasses.replace(visit("12:35", "14:00"), first_arriving=None, second_arriving=DAD)
    # Nobody known arrives at 12:20, five minutes after someone removed left at 12:15.
    refusals = check(later, [gone]).refusals
    assert any("entrance within 15 minutes" in r for r in refusals)


def test_two_removed_people_are_not_taken_for_one() -> None:
    both_gone = dataclasses.replace(visit(), first_arriving=None, second_arriving=None)
    assert not any("different people" in r for r in check(both_gone).refusals)


def test_a_booked_session_reaches_the_planner_with_its_handovers() -> None:
    record = SessionRecord(
        session_id=7,
        family_id=1,
        reference="SMC-1",
        room="Playroom",
        on_date=DAY,
        starts="10:00",
        ends="12:00",
        first_arriving_id=MUM,
        first_arrives_at="09:40",
        second_arriving_id=None,
        second_arrives_at="10:00",
        first_leaving_id=None,
        first_leaves_at="12:00",
        second_leaving_id=MUM,
        second_leaves_at="12:20",
        status=SessionStatus.CANCELLED,
        cancelled_by="centre",
        version=3,
        staff=("Nia Holm",),
        did_not_come="",
        known_at=None,
        series_id=None,
    )
    seen = visit_of(record)
    assert seen.stagger == 20 and seen.cancelled
    assert seen.entrance_times() == [
        (minutes("09:40"), MUM),
        (minutes("10:00"), None),
        (minutes("12:00"), None),
        (minutes("12:20"), MUM),
    ]
