"""Clause vii (kept in a secure place): no name lands in plaintext in any file we write.

1,000 made-up names go into the centre; every file in the data folder and a
backup is scanned for each name in UTF-8 and UTF-16. A plain SQLite control
holding the same rows shows the scan would find them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from stmarys_desktop.services.auth import sign_in
from stmarys_desktop.services.maintenance import backup
from tests.helpers import MANAGER, made_up_names

NAMES = made_up_names(1000)


def encodings(name: str) -> list[bytes]:
    return [name.encode("utf-8"), name.encode("utf-16-le"), name.encode("utf-16-be")]


def names_found(files: list[Path]) -> set[str]:
    found = set()
    blobs = [path.read_bytes() for path in files]
    for name in NAMES:
        if any(form in blob for blob in blobs for form in encodings(name)):
            found.add(name)
    return found


def every_file(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def seed(conn, names: list[str]) -> None:
    conn.executemany(
        "INSERT INTO account (user_name, display_name, slot_tag, created_at, password_set_at)"
        " VALUES (?, ?, ?, '2026-01-01', '2026-01-01')",
        [(f"user{n}", name, f"tag{n}") for n, name in enumerate(names)],
    )


@pytest.mark.parametrize("checkpointed", [False, True], ids=["in-the-log", "in-the-file"])
def test_no_name_is_readable_in_any_file_of_the_centre_or_its_backup(
    manager, data_dir: Path, tmp_path: Path, checkpointed: bool
) -> None:
    centre = manager.centre
    with centre.transaction() as conn:
        seed(conn, NAMES)
        for name in NAMES[:50]:
            centre.audit(actor=MANAGER, action="test.row", detail=name)
    if checkpointed:
        centre.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # A failed sign-in writes a file too.
    from stmarys_desktop.domain.errors import SignInRefused

    with pytest.raises(SignInRefused):
        sign_in(data_dir, NAMES[0].split()[0], "wrong password")
    backups = tmp_path / "backups"
    backups.mkdir()
    backup(manager, backups)
    files = every_file(data_dir, backups)
    assert any(p.name.endswith(".stmbackup") for p in files)
    assert any(p.name == "centre.db" for p in files)
    assert names_found(files) == set()
    assert b"Test Centre" not in b"".join(p.read_bytes() for p in files)


def test_the_scan_finds_every_name_in_a_plain_sqlite_control(tmp_path: Path) -> None:
    control = tmp_path / "control.db"
    conn = sqlite3.connect(control)
    conn.execute(
        "CREATE TABLE account (user_name, display_name, slot_tag, created_at, password_set_at)"
    )
    seed(conn, NAMES)
    conn.commit()
    conn.close()
    assert names_found([control]) == set(NAMES)
