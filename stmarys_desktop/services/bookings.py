"""Booking contact sessions with staggered handovers (DESIGN.md section 5).

The planner's rules live in policy/planner.py; this module gathers the facts
(the family, the day's other sessions, the centre's hours), asks the planner,
and books only what it allows. Warnings (a room or a member of staff already
booked) must be accepted explicitly. Staff who are not cleared to work with
families on the session's day (clause vi, policy/vetting.py) are refused, never
a warning, and the staff picker does not offer them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from stmarys_desktop.domain.errors import InvalidInput, NeedsConfirmation, NotFound
from stmarys_desktop.domain.families import Family
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.domain.sessions import BookingDraft, Room, StaffChoice
from stmarys_desktop.policy.planner import PlanCheck, Visit, check_visit, hhmm, minutes
from stmarys_desktop.services import checks
from stmarys_desktop.services import staff as staff_service
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import families as family_store
from stmarys_desktop.store import meta
from stmarys_desktop.store import sessions as session_store

DEFAULT_STAGGER = 15
DEFAULT_OPENING = ("09:00", "19:00")
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
        weekdays=frozenset(int(d) for d in weekdays.split(",")) if weekdays
        else DEFAULT_WEEKDAYS,
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
    if any(r.name.casefold() == room_name.casefold()
           for r in session_store.rooms(centre.conn)):
        raise InvalidInput(f"There is already a room called {room_name}.")
    with centre.transaction() as conn:
        room_id = session_store.add_room(conn, room_name)
        centre.audit(actor=session.user_name, action="room.add", detail=room_name)
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
    return [(c.full_name, gates[c.id].reason) for c in choices if not gates[c.id].allowed]


def _visit_from_row(row: tuple) -> Visit:
    return Visit(session_id=row[0], family_id=row[1], family_reference=row[2], room=row[3],
                 on_date=date.fromisoformat(row[4]), starts=minutes(row[5]),
                 ends=minutes(row[6]), first_arriving=row[7] or -1,
                 second_arriving=row[9] or -2, first_leaving=row[11] or -3,
                 second_leaving=row[13] or -4,
                 stagger=minutes(row[10]) - minutes(row[8]),
                 staff=tuple(row[18].split("|")) if row[18] else (),
                 cancelled=row[15] == "cancelled")


def _draft_visit(session: Session, draft: BookingDraft, family: Family,
                 hours: CentreHours) -> tuple[Visit, tuple[str, ...], str]:
    adults = {p.id: p for p in family.adults}
    named = family.referral.named_person_ids if family.referral else frozenset()
    for person_id, what in ((draft.first_arriving_id, "arrives first"),
                            (draft.second_arriving_id, "arrives second")):
        if person_id not in adults:
            raise InvalidInput(f"The person who {what} must be an adult of this family.")
        if person_id not in named:
            raise InvalidInput(f"{adults[person_id].full_name} is not named on the referral, "
                               "so cannot be booked to attend.")
    first_leaving = draft.first_leaving_id or draft.second_arriving_id
    pair = {draft.first_arriving_id, draft.second_arriving_id}
    if first_leaving not in pair:
        raise InvalidInput("The person who leaves first must be one of the two who arrive.")
    second_leaving = next(iter(pair - {first_leaving}), first_leaving)
    starts = clock_time(draft.starts, "The start time")
    ends = clock_time(draft.ends, "The end time")
    room = next((r for r in session_store.rooms(session.centre.conn) if r.id == draft.room_id),
                None)
    if room is None:
        raise InvalidInput("Choose one of the centre's rooms.")
    staff = session_store.staff_names(session.centre.conn, list(draft.staff_ids))
    missing = set(draft.staff_ids) - set(staff)
    if missing or any(status == "left" for _, status in staff.values()):
        raise InvalidInput("Choose staff who are still at the centre.")
    gates = staff_service.rota_gates(session, list(staff), draft.on_date)
    not_cleared = tuple(gate.reason for gate in gates.values() if not gate.allowed)
    visit = Visit(session_id=None, family_id=family.id, family_reference=family.reference,
                  room=room.name, on_date=draft.on_date, starts=minutes(starts),
                  ends=minutes(ends), first_arriving=draft.first_arriving_id,
                  second_arriving=draft.second_arriving_id, first_leaving=first_leaving,
                  second_leaving=second_leaving, stagger=hours.stagger,
                  staff=tuple(name for name, _ in staff.values()))
    return visit, not_cleared, room.name


def plan_session(session: Session, draft: BookingDraft) -> PlanCheck:
    """What the planner says about a booking, without making it."""
    session.require(Permission.BOOK_SESSIONS, "book a session")
    return _check(session, draft)[0]


def _check(session: Session, draft: BookingDraft) -> tuple[PlanCheck, Visit, Family]:
    family = family_store.get_family(session.centre.conn, draft.family_id)
    if family is None:
        raise NotFound("That family is no longer on the system.")
    if family.status != "active":
        raise InvalidInput(f"{family.reference} is closed; reopen it before booking.")
    hours = centre_hours(session)
    visit, not_cleared, _ = _draft_visit(session, draft, family, hours)
    same_day = [_visit_from_row(r)
                for r in session_store.sessions_on(session.centre.conn, draft.on_date)]
    now = session.centre.clock()
    decision = check_visit(visit, same_day=same_day, today=now.date(),
                           now=now.hour * 60 + now.minute,
                           opening=(minutes(hours.opens), minutes(hours.closes)),
                           open_weekdays=hours.weekdays)
    if not_cleared:
        # Clause vi: a refusal, not a warning to accept.
        decision = PlanCheck(decision.refusals + not_cleared, decision.warnings)
    return decision, visit, family


def book_session(session: Session, draft: BookingDraft, *, accept_warnings: bool = False) -> int:
    session.require(Permission.BOOK_SESSIONS, "book a session")
    decision, visit, family = _check(session, draft)
    if decision.refusals:
        raise InvalidInput("This session cannot be booked: " + " ".join(decision.refusals))
    if decision.warnings and not accept_warnings:
        raise NeedsConfirmation("Please check before booking: " + " ".join(decision.warnings),
                                decision.warnings)
    centre = session.centre
    handovers = (visit.first_arriving, hhmm(visit.first_arrives),
                 visit.second_arriving, hhmm(visit.starts),
                 visit.first_leaving, hhmm(visit.ends),
                 visit.second_leaving, hhmm(visit.second_leaves))
    with centre.transaction() as conn:
        session_id = session_store.insert_session(
            conn, family_id=family.id, room_id=draft.room_id, on_date=draft.on_date,
            starts=hhmm(visit.starts), ends=hhmm(visit.ends), handovers=handovers,
            created_at=centre.now(), staff_ids=list(draft.staff_ids))
        family_store.touch(conn, family.id, centre.now())
        detail = f"{draft.on_date.isoformat()} {hhmm(visit.starts)}-{hhmm(visit.ends)}, " \
                 f"{visit.room}"
        if decision.warnings:
            detail += f"; {len(decision.warnings)} warning(s) accepted"
        centre.audit(actor=session.user_name, action="session.book", subject=family.reference,
                     detail=detail)
    return session_id
