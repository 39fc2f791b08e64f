"""Contact sessions: bookings, the day's register, and attendance history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from stmarys_desktop.domain.dates import short_weekday


class SessionStatus(StrEnum):
    BOOKED = "booked"
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            SessionStatus.BOOKED: "Booked",
            SessionStatus.ATTENDED: "Attended",
            SessionStatus.NO_SHOW: "Did not attend",
            SessionStatus.CANCELLED: "Cancelled",
        }[self]


# Who may be recorded as cancelling (clause iii letters name them). Older records may
# also say "non-resident parent" (the visiting parent), "referrer" or "court".
CANCELLED_BY = ("resident parent", "visiting parent", "centre")
_CANCELLER_WORDS = {"non-resident parent": "visiting parent"}


class DidNotCome(StrEnum):
    """Who did not come to a session that did not take place as booked (D141)."""

    NOT_RECORDED = ""
    VISITING_PARENT = "visiting_parent"
    CHILDREN = "children"
    BOTH = "visiting_parent_and_children"

    @property
    def sentence(self) -> str:
        return {
            DidNotCome.NOT_RECORDED: "Did not attend (who did not come was not recorded)",
            DidNotCome.VISITING_PARENT: "Visiting parent did not attend",
            DidNotCome.CHILDREN: "Child not brought",
            DidNotCome.BOTH: "Visiting parent did not attend; child not brought",
        }[self]


def known_text(known_at: str | None) -> str:
    """' (known Tue 1 Dec 2026 at 18:05)' for an ISO time, '' when it was not recorded."""
    if not known_at:
        return ""
    when = datetime.fromisoformat(known_at)
    return f" (known {short_weekday(when.date())} at {when:%H:%M})"


def what_happened(
    status: SessionStatus,
    cancelled_by: str,
    did_not_come: str,
    known_at: str | None,
    children: int = 0,
) -> str:
    """The register's statement of one session, in the words a clause iii letter uses;
    `children`, the family's, so that one child is "the child" (0: not known)."""
    match status:
        case SessionStatus.ATTENDED:
            who = "the child" if children == 1 else "the children"
            return f"Attended: the visiting parent and {who} came"
        case SessionStatus.NO_SHOW:
            return DidNotCome(did_not_come).sentence + known_text(known_at)
        case SessionStatus.CANCELLED:
            who = _CANCELLER_WORDS.get(cancelled_by, cancelled_by)
            return (f"Cancelled by the {who}" if who else "Cancelled") + known_text(known_at)
        case _:
            return "Booked (no attendance recorded)"


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One contact session as the store holds it: where and when, who passes the entrance
    at each of the four handovers and at what time, and what happened. A person id is
    None when that person has since been removed from the family's record."""

    session_id: int
    family_id: int
    reference: str
    room: str
    on_date: date
    starts: str
    ends: str
    first_arriving_id: int | None
    first_arrives_at: str
    second_arriving_id: int | None
    second_arrives_at: str
    first_leaving_id: int | None
    first_leaves_at: str
    second_leaving_id: int | None
    second_leaves_at: str
    status: SessionStatus
    cancelled_by: str
    version: int
    staff: tuple[str, ...]
    did_not_come: str
    known_at: str | None
    series_id: int | None

    @property
    def person_ids(self) -> tuple[int | None, int | None, int | None, int | None]:
        """Who passes the entrance, in order: first and second to arrive, then to leave."""
        return (
            self.first_arriving_id,
            self.second_arriving_id,
            self.first_leaving_id,
            self.second_leaving_id,
        )


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
    arrived_by: str | None = None
    left_by: str | None = None
    late_reason: str = ""

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
    did_not_come: str = ""
    known_at: str | None = None
    series_id: int | None = None

    @property
    def what_happened(self) -> str:
        children = sum(person.kind == "child" for person in self.named)
        return what_happened(
            self.status, self.cancelled_by, self.did_not_come, self.known_at, children
        )

    @property
    def register_status(self) -> str:
        """What happened; a session still open says how many of its people are in."""
        if self.status is SessionStatus.BOOKED:
            here = sum(a.arrived_at is not None for a in self.named)
            return f"Booked: {here} of {len(self.named)} arrived" if here else "Booked"
        return self.what_happened

    @property
    def visiting_parent_id(self) -> int | None:
        """The adult who arrives second, for the contact itself (D140)."""
        return self.arrivals[1].person_id


@dataclass(frozen=True)
class AttendanceLine:
    """Clause iii: what a referrer may be told: date, times, attended or not, cancelled."""

    on_date: date
    starts: str
    ends: str
    status: SessionStatus
    cancelled_by: str
    did_not_come: str = ""
    known_at: str | None = None
    children: int = 0  # the family's, for "the child" or "the children"

    @property
    def what_happened(self) -> str:
        return what_happened(
            self.status, self.cancelled_by, self.did_not_come, self.known_at, self.children
        )


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


@dataclass(frozen=True)
class CalendarSession:
    """One session on the calendar: where, when (with the handovers), who is on duty,
    and how many more staff it needs."""

    session_id: int
    family_id: int
    reference: str
    room: str
    on_date: date
    starts: str
    ends: str
    first_arrives: str
    last_leaves: str
    staff: tuple[str, ...]
    cover_needed: int
    status: SessionStatus
    series_id: int | None


@dataclass(frozen=True)
class CalendarDay:
    on_date: date
    closed: str | None  # why the centre is shut that day, if it is
    sessions: tuple[CalendarSession, ...]

    @property
    def staff_on_duty(self) -> tuple[str, ...]:
        return tuple(
            sorted(
                {
                    n
                    for s in self.sessions
                    if s.status is not SessionStatus.CANCELLED
                    for n in s.staff
                }
            )
        )
