"""Queries on incidents and the accident book."""

from __future__ import annotations

from stmarys_desktop.store.database import Connection


def insert_incident(conn: Connection, *, kind: str, family_id: int | None, occurred_at: str,
                    place: str, description: str, action_taken: str, recorded_by: str,
                    recorded_at: str, status: str) -> int:
    cursor = conn.execute(
        "INSERT INTO incident (kind, family_id, occurred_at, place, description, action_taken,"
        " recorded_by, recorded_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (kind, family_id, occurred_at, place, description, action_taken, recorded_by,
         recorded_at, status))
    return int(cursor.lastrowid)


def incidents_of_family(conn: Connection, family_id: int) -> list[tuple]:
    return conn.execute(
        "SELECT id, kind, occurred_at, place, status FROM incident WHERE family_id = ?"
        " ORDER BY occurred_at", (family_id,)).fetchall()
