"""Repeating series of sessions (issue 19): weekly, fortnightly or every N weeks, until
a date or N times. Every date is checked by the planner exactly as a single booking is
(services/bookings.py); the preview lists each date with "books" or the reason, and the
good dates are booked in one transaction. One session, or it and the rest of its series,
can be moved or cancelled, all or nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from stmarys_desktop.domain.errors import InvalidInput, NeedsConfirmation, NotFound
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.domain.sessions import CANCELLED_BY, BookingDraft, SessionStatus
from stmarys_desktop.policy.planner import PlanCheck, Visit, day_text, handovers, hhmm, minutes
from stmarys_desktop.policy.series import (
    MAX_EVERY_WEEKS,
    MAX_OCCURRENCES,
    past_the_end,
    series_dates,
)
from stmarys_desktop.services import bookings, checks
from stmarys_desktop.services import staff as staff_service
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import families as family_store
from stmarys_desktop.store import sessions as session_store

BOOKS = "books"
LIMITS = (MAX_EVERY_WEEKS, MAX_OCCURRENCES)  # what the booking dialog's fields allow


@dataclass(frozen=True)
class Occurrence:
    on_date: date
    refusals: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def books(self) -> bool:
        return not self.refusals

    @property
    def text(self) -> str:
        """ "books" (with any warning to accept) or the reason it cannot."""
        if self.refusals:
            return " ".join(self.refusals)
        return BOOKS + (f" (please check: {' '.join(self.warnings)})" if self.warnings else "")


@dataclass(frozen=True)
class SeriesPreview:
    occurrences: tuple[Occurrence, ...]
    note: str | None  # a sentence about the series as a whole

    @property
    def good(self) -> tuple[Occurrence, ...]:
        return tuple(o for o in self.occurrences if o.books)


def _until(until: date | str | None) -> date | None:
    if isinstance(until, str):
        return checks.day(until, "The last date of the series")
    return until


def _dates(
    draft: BookingDraft, every_weeks: int, until: date | str | None, count: int | None
) -> tuple[date, ...]:
    found = series_dates(draft.on_date, every_weeks, until=_until(until), count=count)
    if found.problem:
        raise InvalidInput(found.problem)
    return found.dates


def _by_day(session: Session, dates: tuple[date, ...], visit: Visit) -> dict[date, list[Visit]]:
    days: dict[date, list[Visit]] = {}
    for row in session_store.sessions_near(
        session.centre.conn, list(dates), visit.family_id, hhmm(visit.starts), hhmm(visit.ends)
    ):
        other = bookings._visit_from_row(row)
        days.setdefault(other.on_date, []).append(other)
    return days


def _check_dates(
    session: Session, draft: BookingDraft, dates: tuple[date, ...]
) -> tuple[list[tuple[Occurrence, Visit]], str | None]:
    facts = bookings._facts(session, draft.family_id)
    visit = bookings._draft_visit(session, draft, facts)
    same_days = _by_day(session, dates, visit)
    gates = staff_service.rota_gates_on(session, list(draft.staff_ids), dates)
    checked = []
    for day in dates:
        dated = dataclasses.replace(visit, on_date=day)
        decision = bookings._decide(session, dated, facts, same_days.get(day, []), gates[day])
        checked.append((Occurrence(day, decision.refusals, decision.warnings), dated))
    return checked, past_the_end(dates, facts.family.arrangement_ends_on)


def preview_series(
    session: Session,
    draft: BookingDraft,
    every_weeks: int,
    *,
    until: date | str | None = None,
    count: int | None = None,
) -> SeriesPreview:
    """Each date of the series with "books" or the reason it cannot; nothing is booked."""
    session.require(Permission.BOOK_SESSIONS, "book a series of sessions")
    checked, note = _check_dates(session, draft, _dates(draft, every_weeks, until, count))
    return SeriesPreview(tuple(o for o, _ in checked), note)


def book_series(
    session: Session,
    draft: BookingDraft,
    every_weeks: int,
    *,
    until: date | str | None = None,
    count: int | None = None,
    accept_warnings: bool = False,
) -> list[int]:
    """Book every date that can be booked, in one transaction; returns the session ids."""
    session.require(Permission.BOOK_SESSIONS, "book a series of sessions")
    dates = _dates(draft, every_weeks, until, count)
    centre = session.centre
    with centre.transaction() as conn:
        # Checked inside the transaction, so another desk cannot book in between.
        checked, _ = _check_dates(session, draft, dates)
        good = [(o, v) for o, v in checked if o.books]
        if not good:
            raise InvalidInput(
                "None of the dates of this series can be booked; nothing was booked."
            )
        warnings = tuple(f"{day_text(o.on_date)}: {w}" for o, _ in good for w in o.warnings)
        if warnings and not accept_warnings:
            raise NeedsConfirmation("Please check before booking: " + " ".join(warnings), warnings)
        family = family_store.get_family(conn, draft.family_id)
        assert family is not None
        series_id = session_store.add_series(
            conn, family.id, every_weeks, centre.now(), session.user_name
        )
        ids = [
            bookings._insert(
                conn,
                session,
                dataclasses.replace(draft, on_date=o.on_date),
                visit,
                family,
                series_id,
            )
            for o, visit in good
        ]
        family_store.touch(conn, family.id, centre.now())
        centre.audit(
            actor=session.user_name,
            action="series.book",
            subject=family.reference,
            detail=f"series {series_id}: every {every_weeks} week(s) from "
            f"{dates[0].isoformat()}, {len(ids)} of {len(dates)} dates booked"
            + (f", {len(warnings)} warning(s) accepted" if warnings else ""),
        )
    return ids


# -- one session, or it and the rest of its series ----------------------------------------


def _targets(session: Session, session_id: int, and_the_rest: bool) -> list[tuple]:
    row = session_store.session_row(session.centre.conn, session_id)
    if row is None:
        raise NotFound("That session is no longer on the system.")
    if not and_the_rest:
        return [row]
    if row[21] is None:
        raise InvalidInput("That session is not part of a series.")
    later = session_store.series_sessions(session.centre.conn, row[21], date.fromisoformat(row[4]))
    return [r for r in later if r[0] == session_id or r[15] == SessionStatus.BOOKED.value]


def _open(row: tuple) -> None:
    if row[15] != SessionStatus.BOOKED.value:
        raise InvalidInput(
            f"The session on {day_text(date.fromisoformat(row[4]))} is "
            f"recorded as {SessionStatus(row[15]).label.lower()}, so it cannot "
            "be changed. Nothing was changed."
        )


def move_sessions(
    session: Session,
    session_id: int,
    on_date: date,
    starts: str,
    ends: str,
    *,
    and_the_rest: bool = False,
    accept_warnings: bool = False,
) -> int:
    """Move one session to `on_date` at `starts`-`ends`; with `and_the_rest`, every later
    booked session of its series moves by the same number of days, to the same times.
    All are checked first; if any cannot move, none does. Returns how many moved."""
    session.require(Permission.BOOK_SESSIONS, "move a session")
    starts = bookings.clock_time(starts, "The start time")
    ends = bookings.clock_time(ends, "The end time")
    centre = session.centre
    with centre.transaction() as conn:
        rows = _targets(session, session_id, and_the_rest)
        for row in rows:
            _open(row)
        if session_store.anyone_arrived(conn, [row[0] for row in rows]):
            raise InvalidInput(
                "Someone has already checked in for one of these sessions, so "
                "it cannot be moved. Nothing was changed."
            )
        shift = on_date - date.fromisoformat(rows[0][4])
        facts = bookings._facts(session, rows[0][1])
        moving = {row[0] for row in rows}
        problems: list[str] = []
        warnings: list[str] = []
        planned = []
        for row in rows:
            old = bookings._visit_from_row(row)
            new_day = old.on_date + shift
            visit = dataclasses.replace(
                old,
                on_date=new_day,
                starts=minutes(starts),
                ends=minutes(ends),
                stagger=facts.hours.stagger,
            )
            same_day = [
                v
                for v in (
                    bookings._visit_from_row(r) for r in session_store.sessions_on(conn, new_day)
                )
                if v.session_id not in moving
            ]
            staff_ids = session_store.session_staff_ids(conn, row[0])
            gates = staff_service.rota_gates(session, staff_ids, new_day)
            decision: PlanCheck = bookings._decide(session, visit, facts, same_day, gates)
            problems += [f"{day_text(new_day)}: {r}" for r in decision.refusals]
            warnings += [f"{day_text(new_day)}: {w}" for w in decision.warnings]
            planned.append((row, visit))
        if problems:
            raise InvalidInput("Nothing was moved. " + " ".join(problems))
        if warnings and not accept_warnings:
            raise NeedsConfirmation(
                "Please check before moving: " + " ".join(warnings), tuple(warnings)
            )
        for row, visit in planned:
            times = tuple(hhmm(t) for t in handovers(visit.starts, visit.ends, visit.stagger))
            if not session_store.move_session(
                conn,
                row[0],
                row[17],
                on_date=visit.on_date,
                starts=starts,
                ends=ends,
                handovers=times,
            ):  # type: ignore[arg-type]
                raise InvalidInput(
                    "One of these sessions was changed at another desk; nothing was moved."
                )
        family_store.touch(conn, rows[0][1], centre.now())
        centre.audit(
            actor=session.user_name,
            action="session.move",
            subject=rows[0][2],
            detail=f"{len(rows)} session(s) from {rows[0][4]} moved by "
            f"{shift.days} day(s) to {starts}-{ends}",
        )
    return len(planned)


def cancel_sessions(
    session: Session, session_id: int, cancelled_by: str, *, and_the_rest: bool = False
) -> int:
    """Cancel one booked session, or it and every later booked session of its series, in
    one transaction, saying who cancelled; returns how many were cancelled."""
    session.require(Permission.BOOK_SESSIONS, "cancel sessions")
    if cancelled_by not in CANCELLED_BY:
        raise InvalidInput("Say who cancelled: " + ", ".join(CANCELLED_BY) + ".")
    centre = session.centre
    with centre.transaction() as conn:
        rows = _targets(session, session_id, and_the_rest)
        for row in rows:
            _open(row)
        if session_store.anyone_arrived(conn, [row[0] for row in rows]):
            raise InvalidInput(
                "Someone has already checked in for one of these sessions, so "
                "it cannot be cancelled. Nothing was changed."
            )
        for row in rows:
            if not session_store.set_status(
                conn, row[0], row[17], SessionStatus.CANCELLED, cancelled_by, known_at=centre.now()
            ):
                raise InvalidInput(
                    "One of these sessions was changed at another desk; nothing was cancelled."
                )
        family_store.touch(conn, rows[0][1], centre.now())
        centre.audit(
            actor=session.user_name,
            action="session.cancel",
            subject=rows[0][2],
            detail=f"{len(rows)} session(s) from {rows[0][4]}, by the {cancelled_by}",
        )
    return len(rows)
