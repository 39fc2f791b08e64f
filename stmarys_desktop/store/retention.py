"""Queries for the retention review and for disposal (clause viii)."""

from __future__ import annotations

import json
from datetime import date
from typing import NamedTuple

from stmarys_desktop.store import accounts, meta
from stmarys_desktop.store.database import Connection, delete_with_dependents
from stmarys_desktop.store.families import search_key
from stmarys_desktop.store.rows import value

DISPOSED = "(disposed of)"


class Due(NamedTuple):
    """A record the review may find due: its id, what it is called, when last used."""

    record_id: int
    reference: str
    last_used: str


def due_families(conn: Connection, cutoff: date) -> list[Due]:
    """The families neither used nor booked since `cutoff`."""
    day = cutoff.isoformat()
    return [
        Due(family_id, reference, max(used_at[:10], last_session or ""))
        for family_id, reference, used_at, last_session in conn.execute(
            "SELECT f.id, f.reference, f.last_used_at,"
            " (SELECT max(on_date) FROM contact_session s WHERE s.family_id = f.id)"
            " FROM family f WHERE f.last_used_at < ? AND NOT EXISTS ("
            "   SELECT 1 FROM contact_session s WHERE s.family_id = f.id AND s.on_date >= ?)"
            " ORDER BY f.last_used_at",
            (day, day),
        )
    ]


def count_due(conn: Connection, cutoff: date) -> int:
    """How many records are due and not held: the start screen's number, from the indexes."""
    day = cutoff.isoformat()
    families = value(
        conn,
        "SELECT count(*) FROM family f WHERE f.last_used_at < ?"
        " AND NOT EXISTS (SELECT 1 FROM contact_session s WHERE s.family_id = f.id"
        "   AND s.on_date >= ?)"
        " AND NOT EXISTS (SELECT 1 FROM exception e WHERE e.family_id = f.id"
        "   AND e.closed_at IS NULL)"
        " AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.family_id = f.id"
        "   AND h.lifted_at IS NULL)",
        (day, day),
    )
    staff = value(
        conn,
        "SELECT count(*) FROM staff st WHERE st.status IN ('left', 'applicant')"
        " AND st.last_used_at < ? AND NOT EXISTS (SELECT 1 FROM session_staff ss"
        "   JOIN contact_session s ON s.id = ss.session_id WHERE ss.staff_id = st.id"
        "   AND s.on_date >= ?)"
        " AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.staff_id = st.id"
        "   AND h.lifted_at IS NULL)",
        (day, day),
    )
    return int(families) + int(staff)


def due_staff(conn: Connection, cutoff: date) -> list[Due]:
    """People no longer at the centre, unused since `cutoff` ("staff record N")."""
    day = cutoff.isoformat()
    return [
        Due(staff_id, f"staff record {staff_id}", max(used_at[:10], last_session or ""))
        for staff_id, used_at, last_session in conn.execute(
            "SELECT st.id, st.last_used_at, (SELECT max(s.on_date) FROM session_staff ss"
            "   JOIN contact_session s ON s.id = ss.session_id WHERE ss.staff_id = st.id)"
            " FROM staff st WHERE st.status IN ('left', 'applicant') AND st.last_used_at < ?"
            " AND NOT EXISTS (SELECT 1 FROM session_staff ss JOIN contact_session s"
            "   ON s.id = ss.session_id WHERE ss.staff_id = st.id AND s.on_date >= ?)"
            " ORDER BY st.last_used_at",
            (day, day),
        )
    ]


def _grouped(conn: Connection, sql: str, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return dict(conn.execute(sql.format(ids=marks), ids))


def family_counts(conn: Connection, ids: list[int]) -> dict[int, dict[str, int]]:
    """What each family's record holds: counts only, never contents."""
    parts = {
        "people": "SELECT family_id, count(*) FROM person WHERE family_id IN ({ids})"
        " GROUP BY family_id",
        "sessions": "SELECT family_id, count(*) FROM contact_session"
        " WHERE family_id IN ({ids}) GROUP BY family_id",
        "incidents": "SELECT family_id, count(*) FROM incident WHERE family_id IN ({ids})"
        " GROUP BY family_id",
        "consents": "SELECT family_id, count(*) FROM consent WHERE family_id IN ({ids})"
        " GROUP BY family_id",
        "disclosures": "SELECT family_id, count(*) FROM disclosure_log"
        " WHERE family_id IN ({ids}) GROUP BY family_id",
    }
    found = {name: {} for name in parts}
    for start in range(0, len(ids), 900):  # within SQLite's bound-parameter limit
        chunk = ids[start : start + 900]
        for name, sql in parts.items():
            found[name].update(_grouped(conn, sql, chunk))
    return {i: {name: found[name].get(i, 0) for name in parts} for i in ids}


def staff_counts(conn: Connection, ids: list[int]) -> dict[int, dict[str, int]]:
    sessions: dict[int, int] = {}
    for start in range(0, len(ids), 900):
        sessions.update(
            _grouped(
                conn,
                "SELECT staff_id, count(*) FROM session_staff"
                " WHERE staff_id IN ({ids}) GROUP BY staff_id",
                ids[start : start + 900],
            )
        )
    return {i: {"sessions on duty": sessions.get(i, 0)} for i in ids}


def family_holds(conn: Connection) -> dict[int, tuple[list[int], list[str]]]:
    """Open exceptions and legal holds, by family."""
    holds: dict[int, tuple[list[int], list[str]]] = {}
    for family_id, exception_id in conn.execute(
        "SELECT family_id, id FROM exception WHERE closed_at IS NULL"
    ):
        holds.setdefault(family_id, ([], []))[0].append(exception_id)
    for family_id, reason in conn.execute(
        "SELECT family_id, reason FROM legal_hold WHERE family_id IS NOT NULL AND lifted_at IS NULL"
    ):
        holds.setdefault(family_id, ([], []))[1].append(reason)
    return holds


def staff_holds(conn: Connection) -> dict[int, list[str]]:
    holds: dict[int, list[str]] = {}
    for staff_id, reason in conn.execute(
        "SELECT staff_id, reason FROM legal_hold WHERE staff_id IS NOT NULL AND lifted_at IS NULL"
    ):
        holds.setdefault(staff_id, []).append(reason)
    return holds


def place_hold(
    conn: Connection,
    *,
    family_id: int | None,
    staff_id: int | None,
    reason: str,
    placed_by: str,
    placed_at: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO legal_hold (family_id, staff_id, reason, placed_by, placed_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (family_id, staff_id, reason, placed_by, placed_at),
    )
    return int(cursor.lastrowid)


def lift_hold(conn: Connection, hold_id: int, *, lifted_by: str, lifted_at: str) -> bool:
    cursor = conn.execute(
        "UPDATE legal_hold SET lifted_by = ?, lifted_at = ? WHERE id = ? AND lifted_at IS NULL",
        (lifted_by, lifted_at, hold_id),
    )
    return cursor.rowcount == 1


def next_batch(conn: Connection) -> int:
    return int(value(conn, "SELECT coalesce(max(batch), 0) + 1 FROM disposal_register"))


def dispose_families(conn: Connection, family_ids: list[int]) -> None:
    """Everything about the families goes; the disclosure log keeps what happened, not
    whom. A set at a time, inside `foreign_key_actions_by_hand` (D334)."""
    chosen = json.dumps(family_ids)
    conn.execute(
        "UPDATE disclosure_log SET family_id = NULL, about_person_id = NULL, recipient = ?,"
        " sentence = ?, items = '', info_request_id = NULL"
        " WHERE family_id IN (SELECT value FROM json_each(?))",
        (DISPOSED, DISPOSED, chosen),
    )
    conn.execute(
        "DELETE FROM family_search WHERE rowid IN (SELECT value FROM json_each(?))",
        (json.dumps([search_key(i) for i in family_ids]),),
    )
    delete_with_dependents(conn, "family", family_ids)


def dispose_family(conn: Connection, family_id: int) -> None:
    dispose_families(conn, [family_id])


def dispose_staff(conn: Connection, staff_id: int, at: str) -> None:
    """The staff record goes; a login made for it stays disabled, its name scrubbed."""
    accounts.retire_for_disposed_staff(conn, staff_id, display_name=DISPOSED, at=at)
    conn.execute("DELETE FROM session_staff WHERE staff_id = ?", (staff_id,))
    delete_with_dependents(conn, "staff", [staff_id])


def register_disposal(
    conn: Connection,
    *,
    reference: str,
    category: str,
    counts: dict[str, int],
    last_used_on: str,
    disposed_at: str,
    authorised_by: str,
    batch: int,
) -> None:
    conn.execute(
        "INSERT INTO disposal_register (reference, category, counts, last_used_on, disposed_at,"
        " authorised_by, batch) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            reference,
            category,
            json.dumps(counts, sort_keys=True),
            last_used_on,
            disposed_at,
            authorised_by,
            batch,
        ),
    )


def disposal_register(conn: Connection, batch: int | None = None) -> list[tuple]:
    sql = (
        "SELECT id, reference, category, counts, last_used_on, disposed_at, authorised_by,"
        " batch FROM disposal_register"
    )
    params: tuple = ()
    if batch is not None:
        sql += " WHERE batch = ?"
        params = (batch,)
    return conn.execute(sql + " ORDER BY id", params).fetchall()


CLEARING_PENDING = "clearing_pending"  # meta key: a disposal's clearing is not finished


def mark_clearing_pending(conn: Connection, batch: int) -> None:
    """Inside the disposal's transaction: if the process dies before the clearing ends,
    the next opening of the centre finishes it (issue 16, D133)."""
    meta.put(conn, CLEARING_PENDING, str(batch))


def clearing_pending(conn: Connection) -> str | None:
    return meta.get(conn, CLEARING_PENDING)


def finish_clearing(conn: Connection) -> None:
    """Clear what disposals left in the index and in free pages, then drop the mark."""
    clear_free_pages(conn)
    conn.execute("DELETE FROM meta WHERE key = ?", (CLEARING_PENDING,))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def clear_free_pages(conn: Connection) -> None:
    """Merge the search index (so deleted names leave its segments), and empty the
    write-ahead log. Secure delete has already zeroed every freed page and cell, so the
    file is not rebuilt: a VACUUM took 7 s at 50,000 families for nothing more (D201)."""
    conn.execute("INSERT INTO family_search (family_search) VALUES ('optimize')")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
