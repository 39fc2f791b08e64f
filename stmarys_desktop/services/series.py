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

from stmarys_desktop.domain.dates import long_weekday
from stmarys_desktop.domain.decisions import Decision, allowed, refused
from stmarys_desktop.domain.errors import InvalidInput, NeedsConfirmation, NotFound, StMarysError
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.domain.sessions import (
    CANCELLED_BY,
    BookingDraft,
    SessionRecord,
    SessionStatus,
)
from stmarys_desktop.domain.words import plural
from stmarys_desktop.policy.planner import (
    PlanCheck,
    Visit,
    handovers,
    hhmm,
    minutes,
    visit_of,
)
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
    for record in session_store.sessions_near(
        session.centre.conn, list(dates), visit.family_id, hhmm(visit.starts), hhmm(visit.ends)
    ):
        other = visit_of(record)
        days.setdefault(other.on_date, []).append(other)
    return days


def _check_dates(
    session: Session, draft: BookingDraft, dates: tuple[date, ...]
) -> tuple[list[tuple[Occurrence, Visit]], str | None]:
    facts = bookings.booking_facts(session, draft.family_id)
    visit = bookings.draft_visit(session, draft, facts)
    same_days = _by_day(session, dates, visit)
    gates = staff_service.rota_gates_on(session, list(draft.staff_ids), dates)
    checked = []
    for day in dates:
        dated = dataclasses.replace(visit, on_date=day)
        decision = bookings.decide_visit(session, dated, facts, same_days.get(day, []), gates[day])
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


@dataclass(frozen=True)
class SeriesOffers:
    """The booking dialog's preview of a series (None when it cannot be read) and whether
    it offers Book, and why not, as `book_series` would decide it."""

    preview: SeriesPreview | None
    book: Decision


def series_offers(
    session: Session,
    draft: BookingDraft,
    every_weeks: int,
    *,
    until: date | str | None = None,
    count: int | None = None,
) -> SeriesOffers:
    """`preview_series`'s answer for the dialog: a series that cannot be read (a refusal on
    the person's roles, an end before its start) is a refusal with its own words."""
    try:
        preview = preview_series(session, draft, every_weeks, until=until, count=count)
    except StMarysError as exc:
        return SeriesOffers(None, refused(exc.message))
    if not preview.good:
        return SeriesOffers(preview, refused("None of the dates of this series can be booked."))
    return SeriesOffers(preview, allowed())


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
        warnings = tuple(f"{long_weekday(o.on_date)}: {w}" for o, _ in good for w in o.warnings)
        if warnings and not accept_warnings:
            raise NeedsConfirmation("Please check before booking: " + " ".join(warnings), warnings)
        family = family_store.get_family(conn, draft.family_id)
        assert family is not None
        series_id = session_store.add_series(
            conn, family.id, every_weeks, centre.now(), session.user_name
        )
        ids = [
            bookings.insert_booking(
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
        session.audit(
            action="series.book",
            subject=family.reference,
            detail=f"series {series_id}: every {plural(every_weeks, 'week')} from "
            f"{dates[0].isoformat()}, {len(ids)} of {len(dates)} dates booked"
            + (f", {plural(len(warnings), 'warning')} accepted" if warnings else ""),
        )
    return ids


# -- one session, or it and the rest of its series ----------------------------------------


def _targets(session: Session, session_id: int, and_the_rest: bool) -> list[SessionRecord]:
    chosen = session_store.session_record(session.centre.conn, session_id)
    if chosen is None:
        raise NotFound("That session is no longer on the system.")
    if not and_the_rest:
        return [chosen]
    if chosen.series_id is None:
        raise InvalidInput("That session is not part of a series.")
    later = session_store.series_sessions(session.centre.conn, chosen.series_id, chosen.on_date)
    return [r for r in later if r.session_id == session_id or r.status is SessionStatus.BOOKED]


def _days_moved(days: int) -> str:
    """'7 days later', '1 day earlier', 'on the same day': how far a move went."""
    if days == 0:
        return "on the same day"
    return f"{plural(abs(days), 'day')} {'later' if days > 0 else 'earlier'}"


def sessions_changed(session: Session, session_id: int, and_the_rest: bool) -> int:
    """How many sessions a move or cancellation of `session_id` (with the rest of its
    series, or alone) would change: what its button says before it is pressed."""
    session.require(Permission.BOOK_SESSIONS, "change sessions")
    chosen = session_store.session_record(session.centre.conn, session_id)
    if chosen is None or not and_the_rest or chosen.series_id is None:
        return 1
    return len(_targets(session, session_id, and_the_rest))


def _open(record: SessionRecord) -> None:
    if record.status is not SessionStatus.BOOKED:
        raise InvalidInput(
            f"The session on {long_weekday(record.on_date)} is "
            f"recorded as {record.status.label.lower()}, so it cannot "
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
        records = _targets(session, session_id, and_the_rest)
        for record in records:
            _open(record)
        if session_store.anyone_arrived(conn, [r.session_id for r in records]):
            raise InvalidInput(
                "Someone has already checked in for one of these sessions, so "
                "it cannot be moved. Nothing was changed."
            )
        first = records[0]
        shift = on_date - first.on_date
        facts = bookings.booking_facts(session, first.family_id)
        moving = {r.session_id for r in records}
        problems: list[str] = []
        warnings: list[str] = []
        planned = []
        for record in records:
            old = visit_of(record)
            new_day = old.on_date + shift
            visit = dataclasses.replace(
                old,
                on_date=new_day,
                starts=minutes(starts),
                ends=minutes(ends),
                stagger=facts.hours.stagger,
            )
            same_day = [
                visit_of(r)
                for r in session_store.sessions_on(conn, new_day)
                if r.session_id not in moving
            ]
            staff_ids = session_store.session_staff_ids(conn, record.session_id)
            gates = staff_service.rota_gates(session, staff_ids, new_day)
            decision: PlanCheck = bookings.decide_visit(session, visit, facts, same_day, gates)
            problems += [f"{long_weekday(new_day)}: {r}" for r in decision.refusals]
            warnings += [f"{long_weekday(new_day)}: {w}" for w in decision.warnings]
            planned.append((record, visit))
        if problems:
            raise InvalidInput("Nothing was moved. " + " ".join(problems))
        if warnings and not accept_warnings:
            raise NeedsConfirmation(
                "Please check before moving: " + " ".join(warnings), tuple(warnings)
            )
        for record, visit in planned:
            times = tuple(hhmm(t) for t in handovers(visit.starts, visit.ends, visit.stagger))
            if not session_store.move_session(
                conn,
                record.session_id,
                record.version,
                on_date=visit.on_date,
                starts=starts,
                ends=ends,
                handovers=times,
            ):  # type: ignore[arg-type]
                raise InvalidInput(
                    "One of these sessions was changed at another desk; nothing was moved."
                )
        family_store.touch(conn, first.family_id, centre.now())
        session.audit(
            action="session.move",
            subject=first.reference,
            detail=f"{plural(len(records), 'session')} from {first.on_date.isoformat()} moved "
            f"{_days_moved(shift.days)}, to {starts}-{ends}",
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
        records = _targets(session, session_id, and_the_rest)
        for record in records:
            _open(record)
        if session_store.anyone_arrived(conn, [r.session_id for r in records]):
            raise InvalidInput(
                "Someone has already checked in for one of these sessions, so "
                "it cannot be cancelled. Nothing was changed."
            )
        for record in records:
            if not session_store.set_status(
                conn,
                record.session_id,
                record.version,
                SessionStatus.CANCELLED,
                cancelled_by,
                known_at=centre.now(),
            ):
                raise InvalidInput(
                    "One of these sessions was changed at another desk; nothing was cancelled."
                )
        first = records[0]
        family_store.touch(conn, first.family_id, centre.now())
        session.audit(
            action="session.cancel",
            subject=first.reference,
            detail=f"{plural(len(records), 'session')} from {first.on_date.isoformat()}, "
            f"by the {cancelled_by}",
        )
    return len(records)
