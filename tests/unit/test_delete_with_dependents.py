"""Disposal deletes a set of rows and what refers to them a table at a time, with the
foreign keys' ON DELETE actions done by hand (D334): the same rows go, or are cleared,
as SQLite's own actions would make go, and a refusal still refuses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stmarys_desktop.store.database import (
    IntegrityError,
    connect,
    delete_with_dependents,
    foreign_key_actions_by_hand,
)

SCHEMA = """
CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE child (id INTEGER PRIMARY KEY,
                    parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE,
                    older_id INTEGER REFERENCES child (id) ON DELETE CASCADE);
CREATE TABLE pair (child_id INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,
                   n INTEGER NOT NULL, PRIMARY KEY (child_id, n)) WITHOUT ROWID;
CREATE TABLE note (id INTEGER PRIMARY KEY,
                   about INTEGER REFERENCES child (id) ON DELETE SET NULL, text TEXT);
CREATE TABLE keeper (id INTEGER PRIMARY KEY,
                     parent_id INTEGER REFERENCES parent (id));
"""


def centre_like(tmp_path: Path, native: bool):
    conn = connect(
        tmp_path / ("native.db" if native else "by-hand.db"), os.urandom(32), create=True
    )
    conn.executescript(SCHEMA)
    conn.executemany("INSERT INTO parent VALUES (?, ?)", [(i, f"P{i}") for i in (1, 2, 3)])
    # child 12 supersedes 11, 13 supersedes 12: a chain through the same table
    conn.executemany(
        "INSERT INTO child VALUES (?, ?, ?)",
        [(11, 1, None), (12, 2, 11), (13, 3, 12), (21, 2, None), (31, 3, None)],
    )
    conn.executemany("INSERT INTO pair VALUES (?, ?)", [(11, 1), (11, 2), (21, 1), (31, 1)])
    conn.executemany(
        "INSERT INTO note VALUES (?, ?, ?)", [(1, 11, "a"), (2, 21, "b"), (3, 31, "c")]
    )
    return conn


def contents(conn) -> dict[str, list[tuple]]:
    tables = ("parent", "child", "pair", "note", "keeper")
    return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}


def test_the_same_rows_go_as_with_sqlites_own_actions(tmp_path: Path) -> None:
    native = centre_like(tmp_path, native=True)
    native.execute("DELETE FROM parent WHERE id IN (1, 2)")
    by_hand = centre_like(tmp_path, native=False)
    with foreign_key_actions_by_hand(by_hand):
        by_hand.execute("BEGIN IMMEDIATE")
        delete_with_dependents(by_hand, "parent", [1, 2])
        by_hand.execute("COMMIT")
    assert contents(by_hand) == contents(native)
    # parent 1 took child 11, and with it 12 (which superseded 11) and 13 (superseded 12)
    assert contents(by_hand)["child"] == [(31, 3, None)]
    assert contents(by_hand)["note"] == [(1, None, "a"), (2, None, "b"), (3, 31, "c")]
    assert by_hand.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert by_hand.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_row_that_may_not_lose_its_parent_refuses_and_nothing_goes(tmp_path: Path) -> None:
    conn = centre_like(tmp_path, native=False)
    conn.execute("INSERT INTO keeper VALUES (1, 3)")
    before = contents(conn)
    with foreign_key_actions_by_hand(conn):
        conn.execute("BEGIN IMMEDIATE")
        with pytest.raises(IntegrityError, match="FOREIGN KEY constraint failed"):
            delete_with_dependents(conn, "parent", [3])
        conn.execute("ROLLBACK")
    assert contents(conn) == before
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
