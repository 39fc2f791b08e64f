"""Repeating series (issue 19, item 2): every date checked as a single booking is, a
preview with "books" or the reason, the good dates booked in one transaction, and one
session or the rest of its series moved or cancelled, all or nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from stmarys_desktop.domain.errors import InvalidInput, NeedsConfirmation
from stmarys_desktop.domain.sessions import SessionStatus
from stmarys_desktop.policy.series import series_dates
from stmarys_desktop.services import bookings, checks, families, register, series
from stmarys_desktop.store import audit
from tests.helpers import WEDNESDAY
from tests.unit.family_helpers import two_parent_family
from tests.unit.test_bookings_and_register import centre, draft  # noqa: F401 (fixture)

BANK_HOLIDAY_WEDNESDAY = date(2026, 12, 23)


def sessions_of(session, family):
    return [
        (h.on_date, h.status) for h in reversed(register.attendance_history(session, family.id))
    ]


def last_detail(session) -> str:
    return next(audit.entries(session.centre.conn, newest_first=True, limit=1)).detail


def test_fortnightly_until_a_date_and_weekly_n_times():
    assert series_dates(WEDNESDAY, 2, until=date(2027, 1, 13)).dates == (
        WEDNESDAY,
        date(2026, 12, 16),
        date(2026, 12, 30),
        date(2027, 1, 13),
    )
    assert len(series_dates(WEDNESDAY, 1, count=26).dates) == 26
    assert series_dates(WEDNESDAY, 3, count=3).dates[-1] == WEDNESDAY + timedelta(weeks=6)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"every_weeks": 2, "count": 500}, "at most 52 sessions, not 500"),
        ({"every_weeks": 1, "until": date(2028, 12, 2)}, "would have 105 sessions"),
        ({"every_weeks": 9, "count": 3}, "every 1 to 8 weeks"),
        ({"every_weeks": 2, "until": date(2026, 11, 1)}, r"end \(1 November 2026\) before"),
        ({"every_weeks": 2}, "until a date, or a number of sessions"),
        (
            {"every_weeks": 2, "until": "31/02/2027"},
            r"\(31/02/2027\) does not exist: February "
            "2027 has no day 31",
        ),
    ],
)
def test_bad_series_get_a_plain_sentence_and_nothing_is_booked(centre, kwargs, message):  # noqa: F811
    coordinator, _desk, family, rooms = centre
    every = kwargs.pop("every_weeks")
    with pytest.raises(InvalidInput, match=message):
        series.preview_series(coordinator, draft(family, rooms), every, **kwargs)
    with pytest.raises(InvalidInput, match=message):
        series.book_series(coordinator, draft(family, rooms), every, **kwargs)
    assert sessions_of(coordinator, family) == []


def test_each_date_is_checked_as_a_single_booking_and_the_good_ones_booked(centre, manager):  # noqa: F811
    coordinator, _desk, family, rooms = centre
    bookings.add_closure(manager, BANK_HOLIDAY_WEDNESDAY, None, "Christmas closure")
    bookings.book_session(
        coordinator, draft(family, rooms, "11:00", "12:30", "Quiet Room", day=date(2026, 12, 16))
    )
    family = families.open_family(coordinator, family.id)
    family = families.set_arrangement_end(coordinator, family.id, family.version, date(2027, 1, 6))
    preview = series.preview_series(coordinator, draft(family, rooms), 1, count=6)
    assert [(o.on_date, o.text.split(":")[0]) for o in preview.occurrences] == [
        (date(2026, 12, 2), "books"),
        (date(2026, 12, 9), "books"),
        (date(2026, 12, 16), "This family already has a session from 11"),
        (date(2026, 12, 23), "The centre is closed on Wednesday 23 December 2026"),
        (date(2026, 12, 30), "books"),
        (date(2027, 1, 6), "books"),
    ]
    preview = series.preview_series(coordinator, draft(family, rooms), 1, count=8)
    assert preview.note == (
        "The series runs past the end of the contact arrangement "
        "(6 January 2027): 2 of its 8 dates cannot be booked."
    )
    assert "arrangement ends on Wednesday 6 January 2027" in preview.occurrences[-1].text
    ids = series.book_series(coordinator, draft(family, rooms), 1, count=8)
    assert len(ids) == 4
    assert [d for d, _ in sessions_of(coordinator, family)] == [
        date(2026, 12, 2),
        date(2026, 12, 9),
        date(2026, 12, 16),
        date(2026, 12, 30),
        date(2027, 1, 6),
    ]
    last = next(audit.entries(coordinator.centre.conn, newest_first=True, limit=1))
    assert last.action == "series.book" and "4 of 8 dates booked" in last.detail
    assert "every 1 week from" in last.detail  # issue 18: no "week(s)" in the audit log


def test_warnings_on_a_series_must_be_accepted(centre):  # noqa: F811
    coordinator, _desk, family, rooms = centre
    other = families.create_family(
        coordinator,
        two_parent_family(resident="Wren Ashby", visiting="Tal Kelham", children=("Rosa Ashby",)),
    )
    bookings.book_session(coordinator, draft(other, rooms, day=date(2026, 12, 9)))
    with pytest.raises(
        NeedsConfirmation, match="Wednesday 9 December 2026: Playroom is already booked"
    ):
        series.book_series(coordinator, draft(family, rooms), 1, count=3)
    assert sessions_of(coordinator, family) == []
    assert (
        len(series.book_series(coordinator, draft(family, rooms), 1, count=3, accept_warnings=True))
        == 3
    )


def test_move_one_or_this_and_the_rest(centre):  # noqa: F811
    coordinator, _desk, family, rooms = centre
    ids = series.book_series(coordinator, draft(family, rooms), 2, count=4)
    assert series.move_sessions(coordinator, ids[1], date(2026, 12, 17), "10:00", "12:00") == 1
    assert [d for d, _ in sessions_of(coordinator, family)] == [
        date(2026, 12, 2),
        date(2026, 12, 17),
        date(2026, 12, 30),
        date(2027, 1, 13),
    ]
    # The rest move by a day, to the afternoon; Sunday 3 January would be closed.
    with pytest.raises(
        InvalidInput,
        match="Nothing was moved. Sunday 3 January 2027: The centre is closed on Sundays",
    ):
        series.move_sessions(
            coordinator, ids[2], date(2027, 1, 3), "14:00", "16:00", and_the_rest=True
        )
    assert (
        series.move_sessions(
            coordinator, ids[2], date(2026, 12, 31), "14:00", "16:00", and_the_rest=True
        )
        == 2
    )
    # The audit log reads as a sentence (issue 18): "2 sessions", "1 day later".
    assert (
        last_detail(coordinator) == "2 sessions from 2026-12-30 moved 1 day later, to 14:00-16:00"
    )
    assert series.move_sessions(coordinator, ids[1], date(2026, 12, 10), "10:00", "12:00") == 1
    assert (
        last_detail(coordinator) == "1 session from 2026-12-17 moved 7 days earlier, to 10:00-12:00"
    )
    days = register.register_of_day(coordinator, date(2027, 1, 14))
    assert [(e.starts, e.arrivals[0].at, e.departures[1].at) for e in days] == [
        ("14:00", "13:45", "16:15")
    ]


def test_cancel_this_and_the_rest_in_one_go(centre):  # noqa: F811
    coordinator, _desk, family, rooms = centre
    ids = series.book_series(coordinator, draft(family, rooms), 1, count=4)
    assert series.sessions_changed(coordinator, ids[0], and_the_rest=True) == 4
    assert series.sessions_changed(coordinator, ids[0], and_the_rest=False) == 1
    assert series.cancel_sessions(coordinator, ids[0], "centre") == 1
    assert last_detail(coordinator) == "1 session from 2026-12-02, by the centre"
    assert series.sessions_changed(coordinator, ids[2], and_the_rest=True) == 2
    assert series.cancel_sessions(coordinator, ids[2], "visiting parent", and_the_rest=True) == 2
    assert last_detail(coordinator) == "2 sessions from 2026-12-16, by the visiting parent"
    assert [s for _, s in sessions_of(coordinator, family)] == [
        SessionStatus.CANCELLED,
        SessionStatus.BOOKED,
        SessionStatus.CANCELLED,
        SessionStatus.CANCELLED,
    ]
    with pytest.raises(InvalidInput, match="recorded as cancelled"):
        series.cancel_sessions(coordinator, ids[0], "centre")
    single = bookings.book_session(
        coordinator, draft(family, rooms, "15:00", "16:00", day=date(2026, 12, 9))
    )
    with pytest.raises(InvalidInput, match="not part of a series"):
        series.cancel_sessions(coordinator, single, "centre", and_the_rest=True)


def test_a_typed_date_that_does_not_exist_gets_a_sentence():
    assert checks.day("3/12/2026", "The date") == date(2026, 12, 3)
    assert checks.day("2026-12-03", "The date") == date(2026, 12, 3)
    with pytest.raises(InvalidInput, match="has no month 13"):
        checks.day("01/13/2026", "The date")
    with pytest.raises(InvalidInput, match="must be a date like"):
        checks.day("next Tuesday", "The date")
