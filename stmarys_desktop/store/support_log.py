"""The support log's table: faults recorded by kind and place, never by value."""

from __future__ import annotations

from dataclasses import dataclass

from stmarys_desktop.store.database import Connection


@dataclass(frozen=True)
class SupportEntry:
    reference: str
    occurred_at: str
    error_type: str
    location: str
    stack: str
    app_version: str


def add(conn: Connection, entry: SupportEntry) -> None:
    conn.execute(
        "INSERT INTO support_log (reference, occurred_at, error_type, location, stack,"
        " app_version) VALUES (?, ?, ?, ?, ?, ?)",
        (
            entry.reference,
            entry.occurred_at,
            entry.error_type,
            entry.location,
            entry.stack,
            entry.app_version,
        ),
    )


def entries(conn: Connection) -> list[SupportEntry]:
    return [
        SupportEntry(*row)
        for row in conn.execute(
            "SELECT reference, occurred_at, error_type, location, stack, app_version"
            " FROM support_log ORDER BY id DESC"
        )
    ]
