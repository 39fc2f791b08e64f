"""Queries on contact sessions, attendance, rooms and who is on duty."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from stmarys_desktop.domain.sessions import (
    AttendanceLine,
    Attendee,
    Handover,
    RegisterEntry,
    Room,
    SessionRecord,
    SessionStatus,
    StaffChoice,
)
from stmarys_desktop.store.database import Connection

_KIND_LABEL = {
    "resident_parent": "Resident parent",
    "non_resident_parent": "Non-resident parent",
    "other_adult": "Named adult",
    "child": "Child",
}


def rooms(conn: Connection) -> list[Room]:
    return [Room(*r) for r in conn.execute("SELECT id, name FROM room ORDER BY name")]


def add_room(conn: Connection, name: str) -> int:
    return int(conn.execute("INSERT INTO room (name) VALUES (?)", (name,)).lastrowid)


def staff_choices(conn: Connection) -> list[StaffChoice]:
    return [
        StaffChoice(*r)
        for r in conn.execute(
            "SELECT id, full_name, status FROM staff WHERE status != 'left' ORDER BY full_name"
        )
    ]


def staff_names(conn: Connection, staff_ids: list[int]) -> dict[int, tuple[str, str]]:
    """(full name, status) of each of these members of staff still on the system."""
    if not staff_ids:
        return {}
    marks = ",".join("?" * len(staff_ids))
    return {
        staff_id: (name, status)
        for staff_id, name, status in conn.execute(
            f"SELECT id, full_name, status FROM staff WHERE id IN ({marks})", staff_ids
        )
    }


# In the order of _record's parameters.
_SESSION_COLUMNS = (
    "s.id, s.family_id, f.reference, r.name, s.on_date, s.starts_at, s.ends_at,"
    " s.first_arriving_id, s.first_arrives_at, s.second_arriving_id, s.second_arrives_at,"
    " s.first_leaving_id, s.first_leaves_at, s.second_leaving_id, s.second_leaves_at,"
    " s.status, s.cancelled_by, s.version,"
    " (SELECT group_concat(st.full_name, '|') FROM session_staff ss"
    "  JOIN staff st ON st.id = ss.staff_id WHERE ss.session_id = s.id),"
    " s.did_not_come, s.outcome_known_at, s.series_id"
)


def _record(
    session_id: int,
    family_id: int,
    reference: str,
    room: str,
    on_date: str,
    starts: str,
    ends: str,
    first_arriving_id: int | None,
    first_arrives_at: str,
    second_arriving_id: int | None,
    second_arrives_at: str,
    first_leaving_id: int | None,
    first_leaves_at: str,
    second_leaving_id: int | None,
    second_leaves_at: str,
    status: str,
    cancelled_by: str,
    version: int,
    staff: str | None,
    did_not_come: str,
    known_at: str | None,
    series_id: int | None,
) -> SessionRecord:
    """One row of _SESSION_COLUMNS as a typed record."""
    return SessionRecord(
        session_id=session_id,
        family_id=family_id,
        reference=reference,
        room=room,
        on_date=date.fromisoformat(on_date),
        starts=starts,
        ends=ends,
        first_arriving_id=first_arriving_id,
        first_arrives_at=first_arrives_at,
        second_arriving_id=second_arriving_id,
        second_arrives_at=second_arrives_at,
        first_leaving_id=first_leaving_id,
        first_leaves_at=first_leaves_at,
        second_leaving_id=second_leaving_id,
        second_leaves_at=second_leaves_at,
        status=SessionStatus(status),
        cancelled_by=cancelled_by,
        version=version,
        staff=tuple(staff.split("|")) if staff else (),
        did_not_come=did_not_come,
        known_at=known_at,
        series_id=series_id,
    )


def _records(conn: Connection, where: str, parameters: tuple | list) -> list[SessionRecord]:
    return [
        _record(*values)
        for values in conn.execute(
            f"SELECT {_SESSION_COLUMNS} FROM contact_session s"
            " JOIN family f ON f.id = s.family_id JOIN room r ON r.id = s.room_id"
            f" WHERE {where}",
            parameters,
        )
    ]


def sessions_on(conn: Connection, day: date) -> list[SessionRecord]:
    """One day's sessions, in order of the first arrival."""
    records = _records(conn, "s.on_date = ?", (day.isoformat(),))
    # By first arrival, start, id; sorted here, not by ORDER BY (D78: SQLCipher keeps
    # temporary data in memory, where SQLite's sorter makes one allocation per row,
    # and memory security makes each of those two system calls).
    return sorted(records, key=lambda r: (r.first_arrives_at, r.starts, r.session_id))


def sessions_on_days(conn: Connection, days: list[date]) -> list[SessionRecord]:
    """The sessions of several days in one query (an import's bookings), in order of day
    and first arrival."""
    if not days:
        return []
    records = _records(
        conn,
        "s.on_date IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted({d.isoformat() for d in days})),),
    )
    return sorted(records, key=lambda r: (r.on_date, r.first_arrives_at, r.starts, r.session_id))


def last_session_id(conn: Connection) -> int:
    (last,) = conn.execute("SELECT coalesce(max(id), 0) FROM contact_session").fetchone()
    return int(last)


def session_record(conn: Connection, session_id: int) -> SessionRecord | None:
    found = _records(conn, "s.id = ?", (session_id,))
    return found[0] if found else None


def register(conn: Connection, day: date) -> list[RegisterEntry]:
    records = sessions_on(conn, day)
    if not records:
        return []
    # A few set-wise queries rather than one per session: a busy day stays quick.
    named_by_family = _named_people(conn, {r.family_id for r in records})
    came = _attendance(conn, [r.session_id for r in records])
    people = {
        a.person_id: (a.full_name, a.kind) for named in named_by_family.values() for a in named
    }
    people |= _names_of(
        conn,
        {pid for r in records for pid in r.person_ids if pid and pid not in people},
    )
    entries = []
    for record in records:
        named = tuple(
            Attendee(
                a.person_id,
                a.full_name,
                a.kind,
                *came.get((record.session_id, a.person_id), _NOT_COME),
            )
            for a in named_by_family.get(record.family_id, [])
        )
        entries.append(_entry(record, people, named))
    return entries


def _in(values: list[int]) -> str:
    return ",".join("?" * len(values))


def _named_people(conn: Connection, family_ids: set[int]) -> dict[int, list[Attendee]]:
    """Everyone each family's latest referral names (children last)."""
    ids = sorted(family_ids)
    latest: dict[int, tuple[str, int]] = {}
    for referral_id, family_id, referred_on in conn.execute(
        f"SELECT id, family_id, referred_on FROM referral WHERE family_id IN ({_in(ids)})", ids
    ):
        if family_id not in latest or (referred_on, referral_id) > latest[family_id]:
            latest[family_id] = (referred_on, referral_id)
    family_of = {referral_id: family_id for family_id, (_, referral_id) in latest.items()}
    referral_ids = sorted(family_of)
    named: dict[int, list[Attendee]] = {}
    rows = conn.execute(
        "SELECT n.referral_id, p.id, p.full_name, p.kind FROM referral_named_person n"
        f" JOIN person p ON p.id = n.person_id WHERE n.referral_id IN ({_in(referral_ids)})",
        referral_ids,
    ).fetchall()

    # Adults first, then children, each by id; sorted here for the reason in sessions_on.
    def adults_first(values: tuple) -> tuple[bool, int]:
        _, person_id, _, kind = values
        return kind == "child", person_id

    for referral_id, person_id, name, kind in sorted(rows, key=adults_first):
        named.setdefault(family_of[referral_id], []).append(
            Attendee(person_id, name, kind, None, None)
        )
    return named


class _Came(NamedTuple):
    """One person's attendance at one session, in Attendee's order."""

    arrived_at: str | None
    left_at: str | None
    arrived_by: str | None
    left_by: str | None
    late_reason: str


_NOT_COME = _Came(None, None, None, None, "")


def _attendance(conn: Connection, session_ids: list[int]) -> dict[tuple[int, int], _Came]:
    return {
        (session_id, person_id): _Came(*times)
        for session_id, person_id, *times in conn.execute(
            "SELECT session_id, person_id, arrived_at, left_at, arrived_by, left_by, late_reason"
            " FROM attendance"
            f" WHERE session_id IN ({_in(session_ids)})",
            session_ids,
        )
    }


def _names_of(conn: Connection, person_ids: set[int]) -> dict[int, tuple[str, str]]:
    if not person_ids:
        return {}
    ids = sorted(person_ids)
    marks = ",".join("?" * len(ids))
    return {
        person_id: (name, kind)
        for person_id, name, kind in conn.execute(
            f"SELECT id, full_name, kind FROM person WHERE id IN ({marks})", ids
        )
    }


def _handover(people: dict[int, tuple[str, str]], person_id: int | None, at: str) -> Handover:
    if person_id is None or person_id not in people:
        return Handover(None, "(removed)", at)
    name, kind = people[person_id]
    return Handover(person_id, f"{name} ({_KIND_LABEL.get(kind, kind).lower()})", at)


def _entry(
    record: SessionRecord, people: dict[int, tuple[str, str]], named: tuple[Attendee, ...]
) -> RegisterEntry:
    return RegisterEntry(
        session_id=record.session_id,
        family_id=record.family_id,
        reference=record.reference,
        room=record.room,
        on_date=record.on_date,
        starts=record.starts,
        ends=record.ends,
        arrivals=(
            _handover(people, record.first_arriving_id, record.first_arrives_at),
            _handover(people, record.second_arriving_id, record.second_arrives_at),
        ),
        departures=(
            _handover(people, record.first_leaving_id, record.first_leaves_at),
            _handover(people, record.second_leaving_id, record.second_leaves_at),
        ),
        status=record.status,
        cancelled_by=record.cancelled_by,
        staff=record.staff,
        named=named,
        version=record.version,
        did_not_come=record.did_not_come,
        known_at=record.known_at,
        series_id=record.series_id,
    )


def insert_session(
    conn: Connection,
    *,
    family_id: int,
    room_id: int,
    on_date: date,
    starts: str,
    ends: str,
    handovers: tuple[int | None, str, int | None, str, int | None, str, int | None, str],
    created_at: str,
    staff_ids: list[int],
    series_id: int | None = None,
) -> int:
    cursor = conn.execute(
        "INSERT INTO contact_session (family_id, room_id, on_date, starts_at, ends_at,"
        " first_arriving_id, first_arrives_at, second_arriving_id, second_arrives_at,"
        " first_leaving_id, first_leaves_at, second_leaving_id, second_leaves_at, created_at,"
        " series_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (family_id, room_id, on_date.isoformat(), starts, ends, *handovers, created_at, series_id),
    )
    session_id = int(cursor.lastrowid)
    conn.executemany(
        "INSERT INTO session_staff (session_id, staff_id) VALUES (?, ?)",
        [(session_id, s) for s in staff_ids],
    )
    return session_id


def set_status(
    conn: Connection,
    session_id: int,
    expected_version: int,
    status: SessionStatus,
    cancelled_by: str = "",
    *,
    did_not_come: str = "",
    known_at: str | None = None,
) -> bool:
    cursor = conn.execute(
        "UPDATE contact_session SET status = ?, cancelled_by = ?, did_not_come = ?,"
        " outcome_known_at = ?, version = version + 1 WHERE id = ? AND version = ?",
        (status.value, cancelled_by, did_not_come, known_at, session_id, expected_version),
    )
    return cursor.rowcount == 1


def arrived(
    conn: Connection, session_id: int, person_id: int, at: str, by: str, late_reason: str = ""
) -> None:
    conn.execute(
        "INSERT INTO attendance (session_id, person_id, arrived_at, arrived_by,"
        " late_reason) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (session_id, person_id) DO UPDATE"
        " SET arrived_at = excluded.arrived_at, arrived_by = excluded.arrived_by,"
        " late_reason = excluded.late_reason, left_at = NULL, left_by = NULL",
        (session_id, person_id, at, by, late_reason),
    )


def left(conn: Connection, session_id: int, person_id: int, at: str, by: str) -> bool:
    cursor = conn.execute(
        "UPDATE attendance SET left_at = ?, left_by = ? WHERE session_id = ? AND person_id = ?"
        " AND arrived_at IS NOT NULL AND left_at IS NULL",
        (at, by, session_id, person_id),
    )
    return cursor.rowcount == 1


def remove_arrival(conn: Connection, session_id: int, person_id: int) -> None:
    conn.execute(
        "DELETE FROM attendance WHERE session_id = ? AND person_id = ?", (session_id, person_id)
    )


def clear_departure(conn: Connection, session_id: int, person_id: int) -> None:
    conn.execute(
        "UPDATE attendance SET left_at = NULL, left_by = NULL"
        " WHERE session_id = ? AND person_id = ?",
        (session_id, person_id),
    )


def set_times(
    conn: Connection,
    session_id: int,
    person_id: int,
    arrived_at: str | None,
    left_at: str | None,
    by: str,
) -> None:
    """A coordinator's correction: the times as they really were (None: did not come)."""
    if arrived_at is None:
        remove_arrival(conn, session_id, person_id)
        return
    conn.execute(
        "INSERT INTO attendance (session_id, person_id, arrived_at, left_at,"
        " arrived_by, left_by) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (session_id, person_id) DO UPDATE"
        " SET arrived_at = excluded.arrived_at, left_at = excluded.left_at,"
        " arrived_by = excluded.arrived_by, left_by = excluded.left_by",
        (session_id, person_id, arrived_at, left_at, by, by if left_at else None),
    )


def log_change(
    conn: Connection,
    *,
    session_id: int,
    person_id: int | None,
    made_at: str,
    made_by: str,
    action: str,
    detail: str,
    reason: str = "",
) -> None:
    conn.execute(
        "INSERT INTO attendance_change (session_id, person_id, made_at, made_by,"
        " action, detail, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (session_id, person_id, made_at, made_by, action, detail, reason),
    )


@dataclass(frozen=True)
class AttendanceChange:
    made_at: str
    made_by: str
    action: str
    detail: str
    reason: str
    on_date: str
    starts: str


def changes_of_family(conn: Connection, family_id: int) -> list[AttendanceChange]:
    return [
        AttendanceChange(*r)
        for r in conn.execute(
            "SELECT c.made_at, c.made_by, c.action, c.detail, c.reason, s.on_date, s.starts_at"
            " FROM attendance_change c JOIN contact_session s ON s.id = c.session_id"
            " WHERE s.family_id = ? ORDER BY c.id",
            (family_id,),
        )
    ]


def history(conn: Connection, family_id: int) -> list[AttendanceLine]:
    (children,) = conn.execute(
        "SELECT count(*) FROM person WHERE family_id = ? AND kind = 'child'", (family_id,)
    ).fetchone()
    return [
        AttendanceLine(
            date.fromisoformat(on_date),
            starts,
            ends,
            SessionStatus(status),
            *outcome,
            children=children,
        )
        for on_date, starts, ends, status, *outcome in conn.execute(
            "SELECT on_date, starts_at, ends_at, status, cancelled_by, did_not_come,"
            " outcome_known_at FROM contact_session"
            " WHERE family_id = ? ORDER BY on_date DESC, starts_at DESC",
            (family_id,),
        )
    ]


# -- closure dates (a setting) ---------------------------------------------------------


def closures(
    conn: Connection, first: date | None = None, last: date | None = None
) -> dict[date, str]:
    low = (first or date.min).isoformat()
    high = (last or date.max).isoformat()
    return {
        date.fromisoformat(on_date): reason
        for on_date, reason in conn.execute(
            "SELECT on_date, reason FROM closure WHERE on_date BETWEEN ? AND ?", (low, high)
        )
    }


def add_closure(conn: Connection, on_date: date, reason: str) -> None:
    conn.execute(
        "INSERT INTO closure (on_date, reason) VALUES (?, ?) ON CONFLICT (on_date)"
        " DO UPDATE SET reason = excluded.reason",
        (on_date.isoformat(), reason),
    )


def remove_closure(conn: Connection, on_date: date) -> bool:
    return (
        conn.execute("DELETE FROM closure WHERE on_date = ?", (on_date.isoformat(),)).rowcount == 1
    )


# -- series ------------------------------------------------------------------------------


def sessions_near(
    conn: Connection, days: list[date], family_id: int, starts: str, ends: str
) -> list[SessionRecord]:
    """The sessions on `days` that the planner compares a booking with: the family's own,
    and any other that overlaps `starts`-`ends` (room and staff clashes). The rest of a
    busy day cannot change its answer, so it is not read."""
    marks = ",".join("?" * len(days))
    return _records(
        conn,
        f"s.on_date IN ({marks}) AND (s.family_id = ? OR (s.starts_at < ? AND s.ends_at > ?))",
        [d.isoformat() for d in days] + [family_id, ends, starts],
    )


class CalendarRow(NamedTuple):
    """A typed row (a named tuple: a week can hold thousands, made in one go)."""

    session_id: int
    family_id: int
    reference: str
    room: str
    on_date: str
    starts: str
    ends: str
    first_arrives: str
    last_leaves: str
    status: str
    series_id: int | None
    staff: tuple[str, ...]


def calendar_rows(conn: Connection, first: date, last: date) -> list[CalendarRow]:
    """Every session from `first` to `last`, with its staff. Three flat queries rather
    than a sub-query per session: a week of 2,000 sessions in about 25 ms, not 120."""
    span = (first.isoformat(), last.isoformat())
    names = dict(conn.execute("SELECT id, full_name FROM staff"))
    staff: dict[int, list[str]] = {}
    for session_id, staff_id in conn.execute(
        "SELECT ss.session_id, ss.staff_id FROM contact_session s"
        " JOIN session_staff ss ON ss.session_id = s.id"
        " WHERE s.on_date BETWEEN ? AND ?",
        span,
    ):
        staff.setdefault(session_id, []).append(names.get(staff_id, "(removed)"))
    no_staff: tuple[str, ...] = ()
    return [
        CalendarRow(
            session_id, *columns, tuple(staff[session_id]) if session_id in staff else no_staff
        )
        for session_id, *columns in conn.execute(
            "SELECT s.id, s.family_id, f.reference, r.name, s.on_date, s.starts_at,"
            " s.ends_at, s.first_arrives_at, s.second_leaves_at, s.status, s.series_id"
            " FROM contact_session s JOIN family f ON f.id = s.family_id"
            " JOIN room r ON r.id = s.room_id WHERE s.on_date BETWEEN ? AND ?",
            span,
        )
    ]


def add_series(
    conn: Connection, family_id: int, every_weeks: int, created_at: str, created_by: str
) -> int:
    return int(
        conn.execute(
            "INSERT INTO booking_series (family_id, every_weeks, created_at, created_by)"
            " VALUES (?, ?, ?, ?)",
            (family_id, every_weeks, created_at, created_by),
        ).lastrowid
    )


def series_sessions(conn: Connection, series_id: int, from_date: date) -> list[SessionRecord]:
    """The series' sessions on or after `from_date`, in date order."""
    records = _records(
        conn, "s.series_id = ? AND s.on_date >= ?", (series_id, from_date.isoformat())
    )
    return sorted(records, key=lambda r: (r.on_date, r.starts))


def move_session(
    conn: Connection,
    session_id: int,
    expected_version: int,
    *,
    on_date: date,
    starts: str,
    ends: str,
    handovers: tuple[str, str, str, str],
) -> bool:
    cursor = conn.execute(
        "UPDATE contact_session SET on_date = ?, starts_at = ?, ends_at = ?,"
        " first_arrives_at = ?, second_arrives_at = ?, first_leaves_at = ?,"
        " second_leaves_at = ?, version = version + 1"
        " WHERE id = ? AND version = ? AND status = 'booked'",
        (on_date.isoformat(), starts, ends, *handovers, session_id, expected_version),
    )
    return cursor.rowcount == 1


def anyone_arrived(conn: Connection, session_ids: list[int]) -> bool:
    return (
        conn.execute(
            f"SELECT 1 FROM attendance WHERE session_id IN ({_in(session_ids)})"
            " AND arrived_at IS NOT NULL LIMIT 1",
            session_ids,
        ).fetchone()
        is not None
    )


def session_staff_ids(conn: Connection, session_id: int) -> list[int]:
    return [
        staff_id
        for (staff_id,) in conn.execute(
            "SELECT staff_id FROM session_staff WHERE session_id = ?", (session_id,)
        )
    ]
