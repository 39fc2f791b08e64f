"""Deleting a row never scans a whole table: every foreign key has an index (D201).

SQLite finds the rows pointing at a deleted row by their column; without an index
that is a full scan for every row deleted, which made disposal of a family among
50,000 cost 40 ms (clause viii's disposal of a thousand families, 40 s).
"""

from __future__ import annotations

import re

# Rows of these are never deleted, so nothing looks up what points at them.
NEVER_DELETED = {"room", "accident_book", "policy_version"}


def _indexed_columns(conn, table: str) -> set[str]:
    """Columns that lead an index a lookup `column = ?` can use."""
    found: set[str] = set()
    for _, name, _unique, _origin, partial in conn.execute(f"PRAGMA index_list('{table}')"):
        columns = [row[2] for row in conn.execute(f"PRAGMA index_info('{name}')")]
        if not columns or columns[0] is None:
            continue
        if partial:
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[
                0
            ]
            where = re.sub(r"\s+", " ", sql.split(" WHERE ", 1)[1]).strip().lower()
            if where != f"{columns[0].lower()} is not null":
                continue  # e.g. only open exceptions: no use for an arbitrary row
        found.add(columns[0])
    return found


def _unindexed_foreign_keys(conn) -> list[str]:
    missing = []
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    ]
    for table in tables:
        indexed = _indexed_columns(conn, table)
        primary = [r[1] for r in conn.execute(f"PRAGMA table_info('{table}')") if r[5] == 1]
        for fk in conn.execute(f"PRAGMA foreign_key_list('{table}')"):
            parent, column = fk[2], fk[3]
            if parent in NEVER_DELETED or column in indexed or column in primary:
                continue
            missing.append(f"{table}.{column} -> {parent}")
    return missing


def test_every_foreign_key_to_a_deletable_row_is_indexed(manager) -> None:
    assert _unindexed_foreign_keys(manager.centre.conn) == []


def test_a_disposal_deletes_people_by_index_not_by_scanning_sessions(manager) -> None:
    plan = " ".join(
        str(row[-1])
        for row in manager.centre.conn.execute(
            "EXPLAIN QUERY PLAN SELECT 1 FROM contact_session WHERE first_arriving_id = ?", (1,)
        )
    )
    assert "INDEX contact_session_first_arriving" in plan
    plan = " ".join(
        str(row[-1])
        for row in manager.centre.conn.execute(
            "EXPLAIN QUERY PLAN SELECT 1 FROM attendance WHERE person_id = ?", (1,)
        )
    )
    assert "attendance_person" in plan
