"""The session planner's rules (DESIGN.md section 5): the two parents of a family
never meet, sessions stay within opening hours, rooms and staff are not double-booked.

Times are minutes after midnight; the date, the opening hours and the other
sessions of the day are all inputs. Refusals stop a booking; warnings are
shown and must be accepted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from stmarys_desktop.domain.dates import long_weekday, weekday_name
from stmarys_desktop.domain.sessions import SessionRecord, SessionStatus


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def minutes(text: str) -> int:
    hours, mins = text.split(":")
    return int(hours) * 60 + int(mins)


def handovers(starts: int, ends: int, stagger: int) -> tuple[int, int, int, int]:
    """The four times a parent passes the entrance: the first arrives with the children,
    the second arrives (the session starts), the second leaves (it ends), the first
    collects the children. Staggered so the two never meet."""
    return starts - stagger, starts, ends, ends + stagger


@dataclass(frozen=True)
class Visit:
    """One session as the planner sees it: who is at the entrance when. A person is None
    when they have been removed from the family's record since the booking; the planner
    treats them as someone other than anyone it can name (`same_person`)."""

    session_id: int | None
    family_id: int
    family_reference: str
    room: str
    on_date: date
    starts: int
    ends: int
    first_arriving: int | None  # person id: drops the child(ren) off, then leaves
    second_arriving: int | None  # person id: arrives for the contact itself
    first_leaving: int | None
    second_leaving: int | None
    stagger: int
    staff: tuple[str, ...] = ()
    cancelled: bool = False

    @property
    def first_arrives(self) -> int:
        return handovers(self.starts, self.ends, self.stagger)[0]

    @property
    def second_leaves(self) -> int:
        return handovers(self.starts, self.ends, self.stagger)[3]

    def entrance_times(self) -> list[tuple[int, int | None]]:
        """(minute, person) each time a parent passes the entrance."""
        return [
            (self.first_arrives, self.first_arriving),
            (self.starts, self.second_arriving),
            (self.ends, self.first_leaving),
            (self.second_leaves, self.second_leaving),
        ]

    def overlaps(self, other: Visit) -> bool:
        return self.starts < other.ends and other.starts < self.ends


def visit_of(record: SessionRecord) -> Visit:
    """A booked session, as the planner compares a new booking with it."""
    return Visit(
        session_id=record.session_id,
        family_id=record.family_id,
        family_reference=record.reference,
        room=record.room,
        on_date=record.on_date,
        starts=minutes(record.starts),
        ends=minutes(record.ends),
        first_arriving=record.first_arriving_id,
        second_arriving=record.second_arriving_id,
        first_leaving=record.first_leaving_id,
        second_leaving=record.second_leaving_id,
        stagger=minutes(record.second_arrives_at) - minutes(record.first_arrives_at),
        staff=record.staff,
        cancelled=record.status is SessionStatus.CANCELLED,
    )


def same_person(one: int | None, other: int | None) -> bool:
    """Whether two passes through the entrance are by the same person. Someone removed
    from the record (None) cannot be shown to be anyone in particular, so the planner
    keeps the parents apart from them as it would from a stranger."""
    return one is not None and one == other


@dataclass(frozen=True)
class PlanCheck:
    refusals: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def allowed(self) -> bool:
        return not self.refusals


def closed_reason(
    day: date, open_weekdays: frozenset[int], closures: Mapping[date, str]
) -> str | None:
    """Why the centre is shut on `day` (a weekday it never opens, or a closure date)."""
    if day in closures:
        return f"The centre is closed on {long_weekday(day)}: {closures[day]}."
    if day.weekday() not in open_weekdays:
        return f"The centre is closed on {weekday_name(day)}s."
    return None


def next_open_day(
    start: date,
    open_weekdays: frozenset[int],
    closures: Mapping[date, str],
    *,
    limit_days: int = 366,
) -> date | None:
    """The first day from `start` on which the centre opens (None if none within a year)."""
    for offset in range(limit_days):
        day = start + timedelta(days=offset)
        if closed_reason(day, open_weekdays, closures) is None:
            return day
    return None


def check_visit(
    visit: Visit,
    *,
    same_day: list[Visit],
    today: date,
    now: int,
    opening: tuple[int, int],
    open_weekdays: frozenset[int],
    closures: Mapping[date, str] | None = None,
    arrangement_ends: date | None = None,
) -> PlanCheck:
    refusals: list[str] = []
    warnings: list[str] = []
    if visit.ends <= visit.starts:
        refusals.append("The session ends before it starts.")
    if visit.on_date < today or (visit.on_date == today and visit.first_arrives < now):
        refusals.append("That time has already passed.")
    closed = closed_reason(visit.on_date, open_weekdays, closures or {})
    if closed:
        refusals.append(closed)
    if arrangement_ends is not None and visit.on_date > arrangement_ends:
        refusals.append(
            f"The family's contact arrangement ends on {long_weekday(arrangement_ends)}"
            ", so no session can be booked after it."
        )
    opens, closes = opening
    if visit.first_arrives < opens or visit.second_leaves > closes:
        refusals.append(
            f"With the staggered handovers the session runs from {hhmm(visit.first_arrives)} "
            f"to {hhmm(visit.second_leaves)}, outside opening hours ({hhmm(opens)} to "
            f"{hhmm(closes)})."
        )
    if same_person(visit.first_arriving, visit.second_arriving):
        refusals.append(
            "The person who arrives first and the one who arrives second must be different people."
        )
    if visit.stagger <= 0:
        refusals.append("Arrivals and departures must be staggered so the parents do not meet.")
    others = [v for v in same_day if v.session_id != visit.session_id and not v.cancelled]
    family_visits = [v for v in others if v.family_id == visit.family_id]
    for other in family_visits:
        if visit.overlaps(other):
            refusals.append(
                f"This family already has a session from {hhmm(other.starts)} to "
                f"{hhmm(other.ends)} that day: both parents would be at the centre at once."
            )
    refusals += _entrance_meetings(visit, family_visits)
    for other in others:
        if (
            other.family_id != visit.family_id
            and other.room == visit.room
            and visit.overlaps(other)
        ):
            warnings.append(
                f"{visit.room} is already booked from {hhmm(other.starts)} to "
                f"{hhmm(other.ends)} ({other.family_reference})."
            )
        if other.family_id != visit.family_id and visit.overlaps(other):
            for name in sorted(set(visit.staff) & set(other.staff)):
                warnings.append(
                    f"{name} is also on duty at {other.family_reference} from "
                    f"{hhmm(other.starts)} to {hhmm(other.ends)}."
                )
    if not visit.staff:
        warnings.append("No member of staff is on duty for this session yet.")
    return PlanCheck(tuple(dict.fromkeys(refusals)), tuple(dict.fromkeys(warnings)))


def _entrance_meetings(visit: Visit, family_visits: list[Visit]) -> list[str]:
    """Two different adults of one family at the entrance less than the stagger apart."""
    events = [(t, person, visit) for t, person in visit.entrance_times()]
    for other in family_visits:
        events += [(t, person, other) for t, person in other.entrance_times()]
    found = []
    mine = [(t, p) for t, p, v in events if v is visit]
    theirs = [(t, p) for t, p, v in events if v is not visit]
    for t1, p1 in mine:
        for t2, p2 in theirs:
            if not same_person(p1, p2) and abs(t1 - t2) < visit.stagger:
                found.append(
                    f"The parents would be at the entrance within {visit.stagger} minutes of "
                    f"each other ({hhmm(min(t1, t2))} and {hhmm(max(t1, t2))}) because of "
                    "another session of this family that day."
                )
    return found
