"""Queries on incidents, exceptions and the accident book, in one place."""

from __future__ import annotations

import json
from dataclasses import replace

from stmarys_desktop.domain.incidents import (
    AccidentEntry,
    BodyMark,
    FamilyException,
    Incident,
    IncidentKind,
    IncidentStatus,
    IncidentSummary,
)
from stmarys_desktop.store.database import Connection
from stmarys_desktop.store.rows import value


# A person is shown by their full name, not their login (issue 18); a removed account's
# login stays as it was recorded.
def _full_name(column: str) -> str:
    return (
        f"coalesce((SELECT a.display_name FROM account a WHERE a.user_name = {column}), {column})"
    )


_INCIDENT = (
    "i.id, i.kind, i.family_id, coalesce(f.reference, ''), i.occurred_at, i.place,"
    " i.people_involved, i.seen_and_heard, i.injuries, i.body_map, i.action_taken,"
    " i.who_was_told, i.referred_to, i.referral_reference, i.follow_up, "
    + _full_name("i.recorded_by")
    + ","
    # decided_by stays the login: a correction carries it over to the new record.
    " i.recorded_at, i.status, i.decided_by, i.decided_at, i.decision_note, i.supersedes_id,"
    " (SELECT n.id FROM incident n WHERE n.supersedes_id = i.id), " + _full_name("i.decided_by")
)
_FROM = " FROM incident i LEFT JOIN family f ON f.id = i.family_id"


def insert_incident(
    conn: Connection,
    *,
    kind: str,
    family_id: int | None,
    occurred_at: str,
    place: str,
    people_involved: str,
    seen_and_heard: str,
    injuries: str,
    body_map: list[BodyMark],
    action_taken: str,
    who_was_told: str,
    referred_to: str,
    referral_reference: str,
    follow_up: str,
    recorded_by: str,
    recorded_at: str,
    status: str,
    supersedes_id: int | None = None,
    decided_by: str = "",
    decided_at: str = "",
    decision_note: str = "",
) -> int:
    marks = json.dumps([mark.__dict__ for mark in body_map])
    cursor = conn.execute(
        "INSERT INTO incident (kind, family_id, occurred_at, place, people_involved,"
        " seen_and_heard, injuries, body_map, action_taken, who_was_told, referred_to,"
        " referral_reference, follow_up, recorded_by, recorded_at, status, supersedes_id,"
        " decided_by, decided_at, decision_note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            kind,
            family_id,
            occurred_at,
            place,
            people_involved,
            seen_and_heard,
            injuries,
            marks,
            action_taken,
            who_was_told,
            referred_to,
            referral_reference,
            follow_up,
            recorded_by,
            recorded_at,
            status,
            supersedes_id,
            decided_by,
            decided_at,
            decision_note,
        ),
    )
    return int(cursor.lastrowid)


def _marks(stored: str | None) -> tuple[BodyMark, ...]:
    return tuple(BodyMark(**mark) for mark in json.loads(stored or "[]"))


def _incident(columns: tuple) -> Incident:
    """_INCIDENT's columns are Incident's fields in order; three are stored as text."""
    stored = Incident(*columns)
    return replace(
        stored,
        kind=IncidentKind(stored.kind),
        body_map=_marks(stored.body_map),  # type: ignore[arg-type]
        status=IncidentStatus(stored.status),
    )


def get_incident(conn: Connection, incident_id: int) -> Incident | None:
    found = conn.execute(f"SELECT {_INCIDENT}{_FROM} WHERE i.id = ?", (incident_id,)).fetchone()
    return _incident(found) if found else None


def summaries(
    conn: Connection,
    *,
    family_id: int | None = None,
    status: str | None = None,
    missing_reference: bool = False,
    limit: int = 500,
) -> list[IncidentSummary]:
    where: list[str] = []
    params: list[object] = []
    if missing_reference:
        where.append(
            "i.referred_to != '' AND i.referral_reference = ''"
            " AND NOT EXISTS (SELECT 1 FROM incident n WHERE n.supersedes_id = i.id)"
        )
    if family_id is not None:
        where.append("i.family_id = ?")
        params.append(family_id)
    if status is not None:
        where.append("i.status = ?")
        params.append(status)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    rows = conn.execute(
        "SELECT i.id, i.kind, i.family_id, coalesce(f.reference, ''), i.occurred_at, i.status,"
        f" {_full_name('i.recorded_by')}, i.supersedes_id,"
        " (SELECT n.id FROM incident n WHERE n.supersedes_id"
        f" = i.id){_FROM}{clause} ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [
        IncidentSummary(
            id=found_id,
            kind=IncidentKind(kind),
            family_id=family,
            family_reference=reference,
            occurred_at=occurred_at,
            status=IncidentStatus(status),
            recorded_by=recorded_by,
            supersedes_id=supersedes_id,
            superseded_by_id=superseded_by_id,
        )
        for (
            found_id,
            kind,
            family,
            reference,
            occurred_at,
            status,
            recorded_by,
            supersedes_id,
            superseded_by_id,
        ) in rows
    ]


def decide(
    conn: Connection, incident_id: int, *, status: str, decided_by: str, decided_at: str, note: str
) -> bool:
    cursor = conn.execute(
        "UPDATE incident SET status = ?, decided_by = ?, decided_at = ?, decision_note = ?"
        " WHERE id = ? AND status = 'awaiting_confirmation'",
        (status, decided_by, decided_at, note, incident_id),
    )
    return cursor.rowcount == 1


def open_exception(
    conn: Connection,
    *,
    family_id: int,
    kind: str,
    incident_id: int,
    confirmed_by: str,
    opened_at: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO exception (family_id, kind, incident_id, confirmed_by, opened_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (family_id, kind, incident_id, confirmed_by, opened_at),
    )
    return int(cursor.lastrowid)


def close_exception(
    conn: Connection, exception_id: int, *, closed_by: str, closed_at: str, reason: str
) -> bool:
    cursor = conn.execute(
        "UPDATE exception SET closed_at = ?, closed_by = ?, close_reason = ?"
        " WHERE id = ? AND closed_at IS NULL",
        (closed_at, closed_by, reason, exception_id),
    )
    return cursor.rowcount == 1


def exceptions(
    conn: Connection, *, family_id: int | None = None, open_only: bool = False
) -> list[FamilyException]:
    where: list[str] = []
    params: list[object] = []
    if family_id is not None:
        where.append("e.family_id = ?")
        params.append(family_id)
    if open_only:
        where.append("e.closed_at IS NULL")
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    return [
        FamilyException(*r)
        for r in conn.execute(
            "SELECT e.id, e.family_id, f.reference, e.kind, e.incident_id, "
            + _full_name("e.confirmed_by")
            + ", e.opened_at, e.closed_at, "
            + _full_name("e.closed_by")
            + ", e.close_reason FROM exception e"
            f" JOIN family f ON f.id = e.family_id{clause} ORDER BY e.opened_at",
            params,
        )
    ]


def add_accident(
    conn: Connection,
    *,
    incident_id: int,
    occurred_at: str,
    place: str,
    people: str,
    what_happened: str,
    injuries: str,
    action_taken: str,
    recorded_by: str,
    recorded_at: str,
    corrects_number: int | None,
) -> int:
    cursor = conn.execute(
        "INSERT INTO accident_book (incident_id, occurred_at, place, people, what_happened,"
        " injuries, action_taken, recorded_by, recorded_at, corrects_number)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            incident_id,
            occurred_at,
            place,
            people,
            what_happened,
            injuries,
            action_taken,
            recorded_by,
            recorded_at,
            corrects_number,
        ),
    )
    return int(cursor.lastrowid)


def accident_number_of(conn: Connection, incident_id: int) -> int | None:
    number = value(conn, "SELECT number FROM accident_book WHERE incident_id = ?", (incident_id,))
    return int(number) if number is not None else None


def accident_book(conn: Connection) -> list[AccidentEntry]:
    return [
        AccidentEntry(*columns, _marks(marks))
        for *columns, marks in conn.execute(
            "SELECT a.number, a.occurred_at, a.place, a.people, a.what_happened, a.injuries,"
            f" a.action_taken, {_full_name('a.recorded_by')}, a.recorded_at, a.corrects_number,"
            " coalesce(i.who_was_told, ''), coalesce(i.body_map, '[]') FROM accident_book a"
            " LEFT JOIN incident i ON i.id = a.incident_id ORDER BY a.number"
        )
    ]


def referred_without_reference(conn: Connection) -> list[IncidentSummary]:
    """Current records referred to Children's Services or the police with no reference yet."""
    return summaries(conn, missing_reference=True)
