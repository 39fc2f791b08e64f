"""The Calendar screen's facts (issue 19): a week, or a day, of sessions by room and time,
with the staff on duty and the cover each session still needs; closed days say why."""

from __future__ import annotations

from datetime import date, timedelta

from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.domain.sessions import CalendarDay, CalendarSession, SessionStatus
from stmarys_desktop.policy.cover import DEFAULT_STAFF_PER_SESSION, cover_needed
from stmarys_desktop.policy.planner import closed_reason
from stmarys_desktop.services import bookings, staff
from stmarys_desktop.services.session import Session
from stmarys_desktop.services.settings import WholeNumberSetting
from stmarys_desktop.store import sessions as session_store

STAFF_SETTING = "staff_per_session"
STAFF_PER_SESSION = WholeNumberSetting(
    STAFF_SETTING,
    DEFAULT_STAFF_PER_SESSION,
    1,
    6,
    doing="change the staff needed per session",
    out_of_range="A session needs between 1 and 6 members of staff.",
    action="setting.staff_per_session",
    detail="{value}",
)


def staff_per_session(session: Session) -> int:
    return STAFF_PER_SESSION.read(session)


def set_staff_per_session(session: Session, count: int) -> None:
    STAFF_PER_SESSION.change(session, count)


def week_of(day: date) -> date:
    """The Monday of the week `day` is in."""
    return day - timedelta(days=day.weekday())


def days(session: Session, first: date, count: int) -> list[CalendarDay]:
    """`count` days from `first`, each with its sessions in time order, then by room."""
    session.require(Permission.VIEW_TODAY, "see the calendar")
    session.require(Permission.VIEW_FAMILIES, "see the calendar")
    staff.rota_as_it_stands(session)
    last = first + timedelta(days=count - 1)
    conn = session.centre.conn
    hours = bookings.centre_hours(session)
    closures = session_store.closures(conn, first, last)
    required = staff_per_session(session)
    by_day: dict[date, list[CalendarSession]] = {}
    statuses = {s.value: s for s in SessionStatus}
    dates = {
        (first + timedelta(days=n)).isoformat(): first + timedelta(days=n) for n in range(count)
    }
    for row in session_store.calendar_rows(conn, first, last):
        status = statuses[row.status]
        on = dates[row.on_date]
        by_day.setdefault(on, []).append(
            CalendarSession(
                session_id=row.session_id,
                family_id=row.family_id,
                reference=row.reference,
                room=row.room,
                on_date=on,
                starts=row.starts,
                ends=row.ends,
                first_arrives=row.first_arrives,
                last_leaves=row.last_leaves,
                staff=row.staff,
                status=status,
                series_id=row.series_id,
                cover_needed=0
                if status is SessionStatus.CANCELLED
                else cover_needed(len(row.staff), required),
            )
        )
    return [
        CalendarDay(
            day,
            closed_reason(day, hours.weekdays, closures),
            tuple(sorted(by_day.get(day, []), key=lambda s: (s.starts, s.room))),
        )
        for day in (first + timedelta(days=n) for n in range(count))
    ]


def week(session: Session, day: date) -> list[CalendarDay]:
    """Monday to Sunday of the week `day` is in."""
    return days(session, week_of(day), 7)
