"""The centre's own facts (name, identity, audit key) and its settings."""

from __future__ import annotations

from stmarys_desktop.store.database import Connection
from stmarys_desktop.store.rows import value


def get(conn: Connection, key: str, default: str | None = None) -> str | None:
    found = value(conn, "SELECT value FROM meta WHERE key = ?", (key,))
    return str(found) if found is not None else default


def put(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def get_setting(conn: Connection, key: str) -> str | None:
    found = value(conn, "SELECT value FROM setting WHERE key = ?", (key,))
    return str(found) if found is not None else None


def put_setting(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
