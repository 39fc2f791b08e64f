"""Damaged, replaced or missing files: a clear message naming the problem and the way out."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from stmarys_desktop.domain.errors import (
    DatabaseDamaged,
    KeystoreDamaged,
    KeystoreMissing,
)
from stmarys_desktop.services.auth import sign_in
from stmarys_desktop.services.maintenance import verify
from stmarys_desktop.store import audit
from tests.helpers import MANAGER, PASSWORD

RESTORE = "Restore the latest backup"


def grow(folder: Path, rows: int = 3000) -> None:
    """Enough audit rows that the database spans many pages."""
    session = sign_in(folder, MANAGER, PASSWORD)
    try:
        with session.centre.transaction():
            for n in range(rows):
                session.centre.audit(actor=MANAGER, action="test.row", detail=f"row {n}")
        session.centre.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        session.close()


def test_the_database_is_not_plain_sqlite(closed_centre: Path) -> None:
    path = closed_centre / "centre.db"
    assert not path.read_bytes().startswith(b"SQLite format 3")
    plain = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            plain.execute("SELECT * FROM sqlite_schema").fetchall()
    finally:
        plain.close()


def test_a_plain_sqlite_file_in_its_place_is_named(closed_centre: Path) -> None:
    path = closed_centre / "centre.db"
    path.unlink()
    plain = sqlite3.connect(path)
    plain.execute("CREATE TABLE account (id INTEGER)")
    plain.commit()
    plain.close()
    with pytest.raises(DatabaseDamaged, match=f"not encrypted.*{RESTORE}"):
        sign_in(closed_centre, MANAGER, PASSWORD)


def test_a_truncated_database_is_named(closed_centre: Path) -> None:
    grow(closed_centre)
    path = closed_centre / "centre.db"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])
    with pytest.raises(DatabaseDamaged, match=f"cut short.*{RESTORE}"):
        sign_in(closed_centre, MANAGER, PASSWORD)


def test_a_flipped_byte_in_the_first_page_stops_the_opening(closed_centre: Path) -> None:
    path = closed_centre / "centre.db"
    data = bytearray(path.read_bytes())
    data[200] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged, match=f"cannot be read with its key.*{RESTORE}"):
        sign_in(closed_centre, MANAGER, PASSWORD)


def test_a_flipped_byte_deeper_in_is_found_by_verify(closed_centre: Path) -> None:
    grow(closed_centre)
    path = closed_centre / "centre.db"
    data = bytearray(path.read_bytes())
    page = len(data) // 4096 - 2
    data[page * 4096 + 1000] ^= 0x01
    path.write_bytes(bytes(data))
    try:
        session = sign_in(closed_centre, MANAGER, PASSWORD)
    except DatabaseDamaged as exc:  # the page may be one sign-in reads
        assert RESTORE in exc.message
        return
    try:
        report = verify(session)
    finally:
        session.close()
    assert not report.ok
    assert any(
        f"page {page + 1}" in p.lower() or "encryption check" in p.lower() for p in report.problems
    ), report.problems
    assert RESTORE in report.summary()


def test_a_missing_key_file_says_how_to_restore(closed_centre: Path) -> None:
    (closed_centre / "keystore.json").unlink()
    with pytest.raises(KeystoreMissing, match=f"missing.*{RESTORE}"):
        sign_in(closed_centre, MANAGER, PASSWORD)


def test_a_truncated_key_file_says_how_to_restore(closed_centre: Path) -> None:
    path = closed_centre / "keystore.json"
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(KeystoreDamaged, match=f"cut short.*{RESTORE}"):
        sign_in(closed_centre, MANAGER, PASSWORD)


def test_an_edited_key_file_is_refused(closed_centre: Path) -> None:
    path = closed_centre / "keystore.json"
    data = json.loads(path.read_text())
    data["anchor"]["seq"] += 7
    path.write_text(json.dumps(data))
    with pytest.raises(KeystoreDamaged, match=f"edited.*{RESTORE}"):
        sign_in(closed_centre, MANAGER, PASSWORD)


def test_an_edited_slot_salt_refuses_that_password_only(closed_centre: Path) -> None:
    path = closed_centre / "keystore.json"
    data = json.loads(path.read_text())
    slot = next(s for s in data["slots"] if s["kind"] == "account")
    slot["salt"] = "AAAAAAAAAAAAAAAAAAAAAA=="
    path.write_text(json.dumps(data))
    from stmarys_desktop.domain.errors import SignInRefused

    with pytest.raises(SignInRefused):
        sign_in(closed_centre, MANAGER, PASSWORD)


def test_audit_rows_survive_closing_and_opening(closed_centre: Path) -> None:
    grow(closed_centre, 50)
    session = sign_in(closed_centre, MANAGER, PASSWORD)
    try:
        assert audit.tail(session.centre.conn)[0] > 50
        assert verify(session).ok
    finally:
        session.close()
