"""Reading the audit log for a person (the manager's Audit log screen): filtered in SQL,
newest first. The chain itself (writing, checking) is store/audit.py."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from stmarys_desktop.store.audit import AuditEntry
from stmarys_desktop.store.database import Connection


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def actor_names(conn: Connection) -> dict[str, str]:
    """Each account's user name and the full name of the person it belongs to."""
    return dict(conn.execute("SELECT user_name, display_name FROM account"))


def people_and_staff(
    conn: Connection, person_ids: set[int], staff_ids: set[int]
) -> tuple[dict[int, str], dict[int, str]]:
    """The full names of the family members and staff an audit page names by number
    (those still on record: a family disposed of under retention leaves only numbers)."""

    def named(table: str, ids: set[int]) -> dict[int, str]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return dict(
            conn.execute(f"SELECT id, full_name FROM {table} WHERE id IN ({marks})", sorted(ids))
        )

    return named("person", person_ids), named("staff", staff_ids)


def search(
    conn: Connection,
    *,
    who: str = "",
    what: str = "",
    family: str = "",
    since: date | None = None,
    until: date | None = None,
    limit: int = 1000,
    actions: Sequence[str] = (),
) -> list[AuditEntry]:
    """Rows whose actor (its user name or full name), action (or its detail, or one of
    `actions`: those the words of `what` describe) and subject contain the words given,
    on days from `since` to `until` inclusive."""
    where: list[str] = []
    params: list[object] = []
    if who.strip():
        # The user name, or the full name of the account it belongs to.
        where.append(
            "(actor LIKE ? ESCAPE '\\' OR actor IN"
            " (SELECT user_name FROM account WHERE display_name LIKE ? ESCAPE '\\'))"
        )
        params += [_like(who.strip())] * 2
    if what.strip():
        described = f" OR action IN ({', '.join('?' * len(actions))})" if actions else ""
        where.append(f"(action LIKE ? ESCAPE '\\' OR detail LIKE ? ESCAPE '\\'{described})")
        params += [_like(what.strip())] * 2 + list(actions)
    if family.strip():
        where.append("subject LIKE ? ESCAPE '\\'")
        params.append(_like(family.strip()))
    if since is not None:
        where.append("substr(at, 1, 10) >= ?")
        params.append(since.isoformat())
    if until is not None:
        where.append("substr(at, 1, 10) <= ?")
        params.append(until.isoformat())
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    return [
        AuditEntry(*row)
        for row in conn.execute(
            "SELECT seq, at, actor, action, subject, detail, outcome, prev_hmac, hmac"
            f" FROM audit{clause} ORDER BY seq DESC LIMIT ?",
            (*params, limit),
        )
    ]
