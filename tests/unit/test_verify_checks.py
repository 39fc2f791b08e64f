"""Verify evaluates CHECK constraints a table at a time (D332): the rows SQLite's own
integrity check would report are still reported, and the constraints stay enforced."""

from __future__ import annotations

import re

import pytest

from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts, families
from stmarys_desktop.services.maintenance import verify
from stmarys_desktop.store.database import IntegrityError, check_constraints, integrity_problems
from tests.unit.family_helpers import two_parent_family


@pytest.fixture
def coordinator(manager, sign_in_as):
    accounts.create_account(
        manager,
        user_name="coord",
        display_name="Made-up Coordinator",
        roles=[Role.COORDINATOR],
        password="coord password long",
    )
    return sign_in_as("coord", "coord password long")


def test_every_check_constraint_of_the_schema_is_found(manager) -> None:
    """Column and table constraints alike, on every table the migrations make."""
    conn = manager.centre.conn
    tables = conn.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").fetchall()
    found = {name: len(check_constraints(sql or "")) for name, sql in tables}
    written = {name: len(re.findall(r"\bCHECK\s*\(", sql or "", re.I)) for name, sql in tables}
    assert found == written
    assert sum(found.values()) > 40


def test_strings_comments_and_spacing_do_not_confuse_the_reader() -> None:
    sql = """CREATE TABLE t (
        a TEXT CHECK (a IN ('(', ')', 'CHECK (')),  -- CHECK (not a constraint
        "check" INTEGER CHECK("check" > 0) /* check ( */,
        CONSTRAINT both CHECK ((a = '') = ("check" IS NULL))
    )"""
    assert check_constraints(sql) == [
        "a IN ('(', ')', 'CHECK (')",
        '"check" > 0',
        "(a = '') = (\"check\" IS NULL)",
    ]


def test_verify_reports_rows_that_break_a_check_constraint(manager, coordinator) -> None:
    conn = manager.centre.conn
    made = [families.create_family(coordinator, two_parent_family()) for _ in range(2)]
    conn.execute("PRAGMA ignore_check_constraints = ON")  # as an edit outside the program
    conn.execute("UPDATE family SET status = 'gone' WHERE id IN (?, ?)", [f.id for f in made])
    conn.execute("UPDATE person SET kind = 'cousin' WHERE family_id = ?", (made[0].id,))
    conn.execute("PRAGMA ignore_check_constraints = OFF")
    report = verify(manager)
    assert not report.ok
    assert "Integrity check: CHECK constraint failed in family (2 rows)." in report.problems
    assert any(
        p.startswith("Integrity check: CHECK constraint failed in person (")
        for p in report.problems
    )


def test_the_check_leaves_the_constraints_enforced(manager, coordinator) -> None:
    made = families.create_family(coordinator, two_parent_family())
    conn = manager.centre.conn
    assert integrity_problems(conn) == []
    with pytest.raises(IntegrityError, match="CHECK"):
        conn.execute("UPDATE family SET status = 'gone' WHERE id = ?", (made.id,))
