"""Closure dates refuse bookings with their reason, the contact arrangement's end is
respected, and a booking starts on the next day the centre is open (issue 19, items 2-3)."""

from __future__ import annotations

from datetime import date

import pytest

from stmarys_desktop.domain.errors import InvalidInput, PermissionRefused
from stmarys_desktop.policy.planner import closed_reason, next_open_day
from stmarys_desktop.services import bookings, families, register
from tests.helpers import WEDNESDAY, at
from tests.unit.test_bookings_and_register import centre, draft  # noqa: F401 (fixture)

BANK_HOLIDAY = date(2026, 12, 7)  # a Monday


def test_a_closure_date_is_refused_with_its_reason(centre, manager):  # noqa: F811
    coordinator, desk, family, rooms = centre
    assert bookings.add_closure(manager, BANK_HOLIDAY, None, "Bank holiday") == 1
    with pytest.raises(InvalidInput, match="closed on Monday 7 December 2026: Bank holiday"):
        bookings.book_session(coordinator, draft(family, rooms, day=BANK_HOLIDAY))
    assert register.register_of_day(desk, BANK_HOLIDAY) == []
    bookings.remove_closure(manager, BANK_HOLIDAY)
    bookings.book_session(coordinator, draft(family, rooms, day=BANK_HOLIDAY))


def test_closures_are_a_managers_setting_and_bad_ranges_are_refused(centre, manager):  # noqa: F811
    coordinator = centre[0]
    with pytest.raises(PermissionRefused):
        bookings.add_closure(coordinator, BANK_HOLIDAY, None, "Bank holiday")
    with pytest.raises(InvalidInput, match="before the first"):
        bookings.add_closure(manager, date(2026, 12, 28), date(2026, 12, 24), "Christmas")
    with pytest.raises(InvalidInput, match="cannot be empty"):
        bookings.add_closure(manager, BANK_HOLIDAY, None, "  ")
    assert (
        bookings.add_closure(manager, date(2026, 12, 24), date(2026, 12, 31), "Christmas week") == 8
    )
    assert len(bookings.closures(coordinator)) == 8


def test_no_session_after_the_contact_arrangement_ends(centre):  # noqa: F811
    coordinator, _desk, family, rooms = centre
    family = families.set_arrangement_end(
        coordinator, family.id, family.version, date(2026, 12, 10)
    )
    bookings.book_session(coordinator, draft(family, rooms, day=date(2026, 12, 10)))
    with pytest.raises(InvalidInput, match="arrangement ends on Thursday 10 December 2026"):
        bookings.book_session(coordinator, draft(family, rooms, day=date(2026, 12, 11)))


def test_the_next_open_day_skips_closed_weekdays_and_closures():
    weekdays = frozenset(range(6))
    closures = {BANK_HOLIDAY: "Bank holiday"}
    assert next_open_day(date(2026, 12, 6), weekdays, closures) == date(2026, 12, 8)
    assert next_open_day(WEDNESDAY, weekdays, closures) == WEDNESDAY
    assert (
        closed_reason(date(2026, 12, 6), weekdays, closures) == "The centre is closed on Sundays."
    )


def test_a_booking_starts_today_in_the_morning_and_tomorrow_after_it(centre, manager):  # noqa: F811
    coordinator = centre[0]
    assert bookings.next_open_day(coordinator) == WEDNESDAY  # 08:00
    coordinator.centre.clock = at(14, 0, date(2026, 12, 5))  # Saturday afternoon
    bookings.add_closure(manager, BANK_HOLIDAY, None, "Bank holiday")
    assert bookings.next_open_day(coordinator) == date(2026, 12, 8)
