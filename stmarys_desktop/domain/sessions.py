"""Contact sessions: bookings, the day's register, and attendance history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class SessionStatus(StrEnum):
    BOOKED = "booked"
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {SessionStatus.BOOKED: "Booked", SessionStatus.ATTENDED: "Attended",
                SessionStatus.NO_SHOW: "Did not attend",
                SessionStatus.CANCELLED: "Cancelled"}[self]


CANCELLED_BY = ("resident parent", "non-resident parent", "centre", "referrer", "court")


@dataclass(frozen=True)
class Handover:
    """One pass through the entrance: who, and at what time."""

    person_id: int | None
    who: str
    at: str


@dataclass(frozen=True)
class Attendee:
    person_id: int
    full_name: str
    kind: str
    arrived_at: str | None
    left_at: str | None

    @property
    def here(self) -> bool:
        return self.arrived_at is not None and self.left_at is None


@dataclass(frozen=True)
class RegisterEntry:
    session_id: int
    family_id: int
    reference: str
    room: str
    on_date: date
    starts: str
    ends: str
    arrivals: tuple[Handover, Handover]
    departures: tuple[Handover, Handover]
    status: SessionStatus
    cancelled_by: str
    staff: tuple[str, ...]
    named: tuple[Attendee, ...]  # the people the referral allows, with their times today
    version: int


@dataclass(frozen=True)
class AttendanceLine:
    """Clause iii: what a referrer may be told: date, times, attended or not, cancelled."""

    on_date: date
    starts: str
    ends: str
    status: SessionStatus
    cancelled_by: str


@dataclass
class BookingDraft:
    family_id: int
    on_date: date
    starts: str
    ends: str
    room_id: int
    first_arriving_id: int
    second_arriving_id: int
    staff_ids: list[int] = field(default_factory=list)
    # Who leaves first; by default the one who arrived second, so that the
    # first to arrive (dropping the children off) collects them at the end.
    first_leaving_id: int | None = None


@dataclass(frozen=True)
class Room:
    id: int
    name: str


@dataclass(frozen=True)
class StaffChoice:
    id: int
    full_name: str
    status: str
