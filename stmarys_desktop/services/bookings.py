"""Booking contact sessions with staggered handovers (DESIGN.md section 5).

The planner's rules live in policy/planner.py; this module gathers the facts
(the family, the day's other sessions, the centre's hours), asks the planner,
and books only what it allows. Warnings (a room or a member of staff already
booked) must be accepted explicitly. Staff who are not cleared to work with
families on the session's day (clause vi, policy/vetting.py) are refused, never
a warning, and the staff picker does not offer them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from stmarys_desktop.domain.decisions import Decision, allowed, refused
from stmarys_desktop.domain.errors import InvalidInput, NeedsConfirmation, NotFound, StMarysError
from stmarys_desktop.domain.families import Family
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.domain.sessions import BookingDraft, Room, StaffChoice
from stmarys_desktop.domain.words import plural
from stmarys_desktop.policy.planner import PlanCheck, Visit, check_visit, hhmm, minutes, visit_of
from stmarys_desktop.policy.planner import next_open_day as planner_next_open_day
from stmarys_desktop.services import checks
from stmarys_desktop.services import staff as staff_service
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import families as family_store
from stmarys_desktop.store import meta
from stmarys_desktop.store import sessions as session_store

DEFAULT_STAGGER = 15
DEFAULT_OPENING = ("09:00", "19:00")
DEFAULT_SESSION = ("10:00", "12:00")  # what the booking dialog offers first
DEFAULT_WEEKDAYS = frozenset(range(6))  # Monday to Saturday
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class CentreHours:
    opens: str
    closes: str
    weekdays: frozenset[int]
    stagger: int


def centre_hours(session: Session) -> CentreHours:
    conn = session.centre.conn
    weekdays = meta.get_setting(conn, "open_weekdays")
    return CentreHours(
        opens=meta.get_setting(conn, "opens_at") or DEFAULT_OPENING[0],
        closes=meta.get_setting(conn, "closes_at") or DEFAULT_OPENING[1],
        weekdays=frozenset(int(d) for d in weekdays.split(",")) if weekdays else DEFAULT_WEEKDAYS,
        stagger=int(meta.get_setting(conn, "stagger_minutes") or DEFAULT_STAGGER),
    )


def clock_time(text: str, what: str) -> str:
    match = _CLOCK.match(text.strip())
    if not match:
        raise InvalidInput(f"{what} must be a time like 10:00.")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def rooms(session: Session) -> list[Room]:
    session.require(Permission.VIEW_TODAY, "see the rooms")
    return session_store.rooms(session.centre.conn)


def add_room(session: Session, name: str) -> Room:
    session.require(Permission.MANAGE_SETTINGS, "add a room")
    room_name = checks.name(name, "The room's name")
    centre = session.centre
    if any(r.name.casefold() == room_name.casefold() for r in session_store.rooms(centre.conn)):
        raise InvalidInput(f"There is already a room called {room_name}.")
    with centre.transaction() as conn:
        room_id = session_store.add_room(conn, room_name)
        session.audit(action="room.add", detail=room_name)
    return Room(room_id, room_name)


def staff_choices(session: Session, on_date: date | None = None) -> list[StaffChoice]:
    """The staff who may be put on a session on `on_date` (default today): active and
    cleared (clause vi). Everyone else is left out; `unavailable_staff` says why."""
    session.require(Permission.BOOK_SESSIONS, "choose staff for a session")
    choices = session_store.staff_choices(session.centre.conn)
    day = on_date or session.centre.clock().date()
    gates = staff_service.rota_gates(session, [c.id for c in choices], day)
    return [c for c in choices if gates[c.id].allowed]


def unavailable_staff(session: Session, on_date: date | None = None) -> list[tuple[str, str]]:
    """(name, the reason in a sentence) for the staff the picker leaves out on `on_date`."""
    session.require(Permission.BOOK_SESSIONS, "choose staff for a session")
    choices = session_store.staff_choices(session.centre.conn)
    day = on_date or session.centre.clock().date()
    gates = staff_service.rota_gates(session, [c.id for c in choices], day)
    return [(c.full_name, gates[c.id].sentence) for c in choices if not gates[c.id].allowed]


def closures(session: Session) -> dict[date, str]:
    """The centre's closure dates (bank holidays, a closed week) and why."""
    session.require(Permission.VIEW_TODAY, "see the closure dates")
    return session_store.closures(session.centre.conn)


def add_closure(session: Session, first: date, last: date | None, reason: str) -> int:
    """Close the centre from `first` to `last` (one day if no `last`); returns the days."""
    session.require(Permission.MANAGE_SETTINGS, "change the closure dates")
    why = checks.name(reason, "The reason for the closure")
    last = last or first
    if last < first:
        raise InvalidInput("The last day of the closure is before the first. Nothing was saved.")
    days = (last - first).days + 1
    if days > 62:
        raise InvalidInput(
            f"That closure is {days} days long; the most at once is 62. Nothing was saved."
        )
    with session.centre.transaction() as conn:
        for offset in range(days):
            session_store.add_closure(conn, first + timedelta(days=offset), why)
        session.audit(
            action="closure.add",
            detail=f"{first.isoformat()} to {last.isoformat()}: {why}",
        )
    return days


def remove_closure(session: Session, day: date) -> None:
    session.require(Permission.MANAGE_SETTINGS, "change the closure dates")
    with session.centre.transaction() as conn:
        if not session_store.remove_closure(conn, day):
            raise NotFound("That day is not a closure date.")
        session.audit(action="closure.remove", detail=day.isoformat())


def next_open_day(session: Session) -> date:
    """The day a new booking starts on (D149): today while a morning session can still be
    booked, else the next day the centre opens; closure dates and closed weekdays skipped."""
    hours = centre_hours(session)
    now = session.centre.clock()
    start = now.date()
    if now.hour * 60 + now.minute > minutes(DEFAULT_SESSION[0]) - hours.stagger:
        start += timedelta(days=1)
    found = planner_next_open_day(
        start, hours.weekdays, session_store.closures(session.centre.conn, start)
    )
    return found or start


@dataclass
class BookingFacts:
    """What checking bookings of one family needs, read once (a series reuses it)."""

    family: Family
    hours: CentreHours
    rooms: dict[int, str]
    closures: dict[date, str]


def _bookable(family: Family | None) -> Family:
    if family is None:
        raise NotFound("That family is no longer on the system.")
    if family.status != "active":
        raise InvalidInput(f"{family.reference} is closed; reopen it before booking.")
    return family


def booking_facts(session: Session, family_id: int) -> BookingFacts:
    """The family (active, or a sentence why not), the centre's hours, rooms and closures."""
    conn = session.centre.conn
    return BookingFacts(
        _bookable(family_store.get_family(conn, family_id)),
        centre_hours(session),
        {r.id: r.name for r in session_store.rooms(conn)},
        session_store.closures(conn, session.centre.clock().date()),
    )


def draft_visit(
    session: Session,
    draft: BookingDraft,
    facts: BookingFacts,
    staff_known: dict[int, tuple[str, str]] | None = None,
) -> Visit:
    """The draft as the planner sees it, once its people, times, room and staff are known
    to be the family's and the centre's; a sentence if not. `staff_known` is the staff
    already read (an import's Planner), else they are read here."""
    family = facts.family
    adults = {p.id: p for p in family.adults}
    named = family.referral.named_person_ids if family.referral else frozenset()
    for person_id, what in (
        (draft.first_arriving_id, "arrives first"),
        (draft.second_arriving_id, "arrives second"),
    ):
        if person_id not in adults:
            raise InvalidInput(f"The person who {what} must be an adult of this family.")
        if person_id not in named:
            raise InvalidInput(
                f"{adults[person_id].full_name} is not named on the referral, "
                "so cannot be booked to attend."
            )
    first_leaving = draft.first_leaving_id or draft.second_arriving_id
    pair = {draft.first_arriving_id, draft.second_arriving_id}
    if first_leaving not in pair:
        raise InvalidInput("The person who leaves first must be one of the two who arrive.")
    second_leaving = next(iter(pair - {first_leaving}), first_leaving)
    starts = clock_time(draft.starts, "The start time")
    ends = clock_time(draft.ends, "The end time")
    room = facts.rooms.get(draft.room_id)
    if room is None:
        raise InvalidInput("Choose one of the centre's rooms.")
    if staff_known is None:
        staff = session_store.staff_names(session.centre.conn, list(draft.staff_ids))
    else:
        staff = {i: staff_known[i] for i in draft.staff_ids if i in staff_known}
    missing = set(draft.staff_ids) - set(staff)
    if missing or any(status == "left" for _, status in staff.values()):
        raise InvalidInput("Choose staff who are still at the centre.")
    return Visit(
        session_id=None,
        family_id=family.id,
        family_reference=family.reference,
        room=room,
        on_date=draft.on_date,
        starts=minutes(starts),
        ends=minutes(ends),
        first_arriving=draft.first_arriving_id,
        second_arriving=draft.second_arriving_id,
        first_leaving=first_leaving,
        second_leaving=second_leaving,
        stagger=facts.hours.stagger,
        staff=tuple(name for name, _ in staff.values()),
    )


def plan_session(session: Session, draft: BookingDraft) -> PlanCheck:
    """What the planner says about a booking, without making it."""
    session.require(Permission.BOOK_SESSIONS, "book a session")
    return _check(session, draft)[0]


@dataclass(frozen=True)
class BookingOffers:
    """What the booking dialog says of a draft (`check`: the planner's refusals and
    warnings) and whether it offers Book, and why not, as `book_session` would decide it."""

    check: PlanCheck
    book: Decision


def booking_offers(session: Session, draft: BookingDraft) -> BookingOffers:
    """`plan_session`'s answer for the dialog: a draft that cannot be checked (a refusal on
    the person's roles, a time that is not a time) is a refusal with its own words."""
    try:
        found = plan_session(session, draft)
    except StMarysError as exc:
        found = PlanCheck((exc.message,), ())
    return BookingOffers(
        found,
        allowed() if found.allowed else refused("Cannot be booked: " + " ".join(found.refusals)),
    )


def decide_visit(
    session: Session, visit: Visit, facts: BookingFacts, same_day: list[Visit], gates: dict
) -> PlanCheck:
    """What the planner says about `visit` beside the day's other sessions, with a refusal
    for each member of staff the rota gates do not clear (clause vi)."""
    hours = facts.hours
    now = session.centre.clock()
    decision = check_visit(
        visit,
        same_day=same_day,
        today=now.date(),
        now=now.hour * 60 + now.minute,
        opening=(minutes(hours.opens), minutes(hours.closes)),
        open_weekdays=hours.weekdays,
        closures=facts.closures,
        arrangement_ends=facts.family.arrangement_ends_on,
    )
    not_cleared = tuple(gate.sentence for gate in gates.values() if not gate.allowed)
    if not_cleared:
        # Clause vi: a refusal, not a warning to accept.
        decision = PlanCheck(decision.refusals + not_cleared, decision.warnings)
    return decision


def _check(
    session: Session, draft: BookingDraft, facts: BookingFacts | None = None
) -> tuple[PlanCheck, Visit, Family]:
    facts = facts or booking_facts(session, draft.family_id)
    visit = draft_visit(session, draft, facts)
    same_day = [visit_of(r) for r in session_store.sessions_on(session.centre.conn, draft.on_date)]
    gates = staff_service.rota_gates(session, list(draft.staff_ids), draft.on_date)
    return decide_visit(session, visit, facts, same_day, gates), visit, facts.family


def insert_booking(
    conn,
    session: Session,
    draft: BookingDraft,
    visit: Visit,
    family: Family,
    series_id: int | None = None,
) -> int:
    """Write a booking already checked, inside the caller's transaction; its id."""
    centre = session.centre
    handovers = (
        visit.first_arriving,
        hhmm(visit.first_arrives),
        visit.second_arriving,
        hhmm(visit.starts),
        visit.first_leaving,
        hhmm(visit.ends),
        visit.second_leaving,
        hhmm(visit.second_leaves),
    )
    return session_store.insert_session(
        conn,
        family_id=family.id,
        room_id=draft.room_id,
        on_date=visit.on_date,
        starts=hhmm(visit.starts),
        ends=hhmm(visit.ends),
        handovers=handovers,
        created_at=centre.now(),
        staff_ids=list(draft.staff_ids),
        series_id=series_id,
    )


def _refuse_or_confirm(decision: PlanCheck, accept_warnings: bool) -> None:
    if decision.refusals:
        raise InvalidInput("This session cannot be booked: " + " ".join(decision.refusals))
    if decision.warnings and not accept_warnings:
        raise NeedsConfirmation(
            "Please check before booking: " + " ".join(decision.warnings), decision.warnings
        )


class Planner:
    """What checking many bookings needs, read once (an import, D342): the centre's hours,
    rooms, closures and staff with their vetting, the families, and the sessions of each
    day. Each booking is still decided by `decide_visit`, exactly as one booked by hand;
    only the reading is shared. A booking made (or, in a preview, one that would be made)
    joins its day here, so the next one is checked against it."""

    def __init__(self, session: Session, days: Iterable[date], staff_ids: Iterable[int]) -> None:
        conn = session.centre.conn
        ids = sorted(set(staff_ids))
        self.hours = centre_hours(session)
        self.rooms = {r.id: r.name for r in session_store.rooms(conn)}
        self.closures = session_store.closures(conn, session.centre.clock().date())
        self.staff = session_store.staff_names(conn, ids)
        self.gates = staff_service.RotaGates(session, ids)
        self.families: dict[int, Family] = {}
        self.days: dict[date, list[Visit]] = {day: [] for day in days}
        for record in session_store.sessions_on_days(conn, list(self.days)):
            self.days[record.on_date].append(visit_of(record))
        self._next_id = session_store.last_session_id(conn) + 1

    def family(self, session: Session, family_id: int) -> Family:
        family = self.families.get(family_id)
        if family is None:
            family = _bookable(family_store.get_family(session.centre.conn, family_id))
            self.families[family_id] = family
        return family

    def check(self, session: Session, draft: BookingDraft) -> tuple[PlanCheck, Visit]:
        facts = BookingFacts(
            _bookable(self.family(session, draft.family_id)),
            self.hours,
            self.rooms,
            self.closures,
        )
        visit = draft_visit(session, draft, facts, self.staff)
        if draft.on_date not in self.days:
            self.days[draft.on_date] = [
                visit_of(r) for r in session_store.sessions_on(session.centre.conn, draft.on_date)
            ]
        gates = self.gates.on(list(draft.staff_ids), draft.on_date)
        return decide_visit(session, visit, facts, self.days[draft.on_date], gates), visit

    def booked(self, visit: Visit, session_id: int | None) -> None:
        """The visit is on its day from now on, in the order the store reads a day. A
        preview's gets the id the import would give it (the planner leaves a visit's own
        id out of its clashes, so it needs one)."""
        if session_id is None:
            session_id = self._next_id
        self._next_id = max(self._next_id, session_id + 1)
        day = self.days[visit.on_date]
        day.append(dataclasses.replace(visit, session_id=session_id))
        day.sort(key=lambda v: (v.first_arrives, v.starts, v.session_id or 0))


def check_booking(session: Session, draft: BookingDraft, planner: Planner) -> PlanCheck:
    """What `book_session` would decide, nothing written (an import's preview): a refusal
    is raised in its words, the warnings are returned, and the booking joins its day in
    the planner as if booked with them accepted."""
    session.require(Permission.BOOK_SESSIONS, "book a session")
    decision, visit = planner.check(session, draft)
    _refuse_or_confirm(decision, accept_warnings=True)
    planner.booked(visit, None)
    return decision


def book_session(
    session: Session,
    draft: BookingDraft,
    *,
    accept_warnings: bool = False,
    planner: Planner | None = None,
) -> int:
    session.require(Permission.BOOK_SESSIONS, "book a session")
    if planner is None:
        decision, visit, family = _check(session, draft)
    else:
        decision, visit = planner.check(session, draft)
        family = planner.family(session, draft.family_id)
    _refuse_or_confirm(decision, accept_warnings)
    centre = session.centre
    with centre.transaction() as conn:
        session_id = insert_booking(conn, session, draft, visit, family)
        family_store.touch(conn, family.id, centre.now())
        detail = (
            f"{draft.on_date.isoformat()} {hhmm(visit.starts)}-{hhmm(visit.ends)}, {visit.room}"
        )
        if decision.warnings:
            detail += f"; {plural(len(decision.warnings), 'warning')} accepted"
        session.audit(action="session.book", subject=family.reference, detail=detail)
    if planner is not None:
        planner.booked(visit, session_id)
    return session_id
