"""Breaks in the audit log's history, kept for ever: a cut found (until a manager records
what happened, and after), and a restore, which replaces what came after a backup."""

from __future__ import annotations

from stmarys_desktop.domain.audit_breaks import CUT, RESTORE, AuditBreak
from stmarys_desktop.store.database import Connection

__all__ = [
    "CUT",
    "RESTORE",
    "AuditBreak",
    "add",
    "explain_open",
    "explained",
    "is_open_for",
    "open_breaks",
]
_COLUMNS = (
    "id, kind, found_at, anchor_seq, anchor_hmac, fork_seq, problem, explained_at,"
    " explained_by, what_happened"
)


def _all(conn: Connection, where: str = "", params: tuple = ()) -> list[AuditBreak]:
    return [
        AuditBreak(*row)
        for row in conn.execute(f"SELECT {_COLUMNS} FROM audit_break {where} ORDER BY id", params)
    ]


def open_breaks(conn: Connection) -> list[AuditBreak]:
    return _all(conn, "WHERE explained_at IS NULL")


def explained(conn: Connection) -> list[AuditBreak]:
    return _all(conn, "WHERE explained_at IS NOT NULL")


def is_open_for(conn: Connection, anchor_seq: int, anchor_hmac: str) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM audit_break WHERE explained_at IS NULL AND anchor_seq = ?"
            " AND anchor_hmac = ?",
            (anchor_seq, anchor_hmac),
        ).fetchone()
        is not None
    )


def add(
    conn: Connection,
    *,
    kind: str,
    found_at: str,
    anchor: tuple[int, str],
    fork_seq: int,
    problem: str,
    explained_at: str | None = None,
    explained_by: str | None = None,
    what_happened: str | None = None,
) -> int:
    cursor = conn.execute(
        f"INSERT INTO audit_break ({_COLUMNS.removeprefix('id, ')})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            kind,
            found_at,
            anchor[0],
            anchor[1],
            fork_seq,
            problem,
            explained_at,
            explained_by,
            what_happened,
        ),
    )
    return int(cursor.lastrowid)


def explain_open(conn: Connection, *, at: str, by: str, what_happened: str) -> list[int]:
    """Record what happened for every open break; the ids explained."""
    ids = [b.id for b in open_breaks(conn)]
    conn.execute(
        "UPDATE audit_break SET explained_at = ?, explained_by = ?,"
        " what_happened = ? WHERE explained_at IS NULL",
        (at, by, what_happened),
    )
    return ids
