"""Queries on the centre's list of authorities (Children's Services and police, clause 4)."""

from __future__ import annotations

from collections.abc import Iterator

from stmarys_desktop.domain.disclosures import Authority
from stmarys_desktop.store.database import Connection

# Who added it by the account's full name, not the login (issue 18, item 5).
_COLUMNS = (
    "id, name, kind, contact_point,"
    " coalesce((SELECT a.display_name FROM account a WHERE a.user_name = authority.added_by),"
    " added_by), added_at, removed_at"
)


def insert(
    conn: Connection, *, name: str, kind: str, contact_point: str, added_by: str, added_at: str
) -> int:
    cursor = conn.execute(
        "INSERT INTO authority (name, kind, contact_point, added_by, added_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (name, kind, contact_point, added_by, added_at),
    )
    return int(cursor.lastrowid)


def remove(conn: Connection, authority_id: int, *, removed_by: str, removed_at: str) -> bool:
    cursor = conn.execute(
        "UPDATE authority SET removed_by = ?, removed_at = ? WHERE id = ? AND removed_at IS NULL",
        (removed_by, removed_at, authority_id),
    )
    return cursor.rowcount == 1


def listed(conn: Connection, *, with_removed: bool = False) -> list[Authority]:
    where = "" if with_removed else " WHERE removed_at IS NULL"
    return [
        Authority(*row)
        for row in conn.execute(
            f"SELECT {_COLUMNS} FROM authority{where} ORDER BY name COLLATE NOCASE, id"
        )
    ]


def get(conn: Connection, authority_id: int) -> Authority | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM authority WHERE id = ?", (authority_id,)).fetchone()
    return Authority(*row) if row else None


def everyone_named(conn: Connection) -> Iterator[str]:
    """Every person's name the centre holds: the families' people, the staff and the
    people who sign in."""
    for (name,) in conn.execute(
        "SELECT full_name FROM person UNION SELECT full_name FROM staff"
        " UNION SELECT display_name FROM account"
    ):
        yield name
