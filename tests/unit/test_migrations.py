"""Numbered migrations under PRAGMA user_version, with a backup taken before they run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stmarys_desktop.domain.errors import UpgradeFailed
from stmarys_desktop.services.auth import sign_in
from stmarys_desktop.store import migrations
from stmarys_desktop.store.backup import read_header
from tests.helpers import MANAGER, PASSWORD


def test_a_new_centre_is_at_the_latest_version(manager) -> None:
    assert migrations.current_version(manager.centre.conn) == migrations.latest_version()


def test_migration_files_are_numbered_without_gaps() -> None:
    versions = [m.version for m in migrations.available()]
    assert versions == list(range(1, len(versions) + 1))


@pytest.fixture
def extra_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The shipped migrations plus one more, as the next release would add."""
    folder = tmp_path / "migrations"
    shutil.copytree(migrations.HERE, folder, ignore=shutil.ignore_patterns("*.py", "__*"))
    number = migrations.latest_version() + 1

    def add(sql: str) -> int:
        (folder / f"{number:04d}_next_release.sql").write_text(sql)
        return number

    original = migrations.migrate

    def migrate_with_extra(conn, *, before=None, folder_=folder):
        return original(conn, before=before, folder=folder_)

    monkeypatch.setattr(migrations, "migrate", migrate_with_extra)
    return add


def test_an_upgrade_backs_up_first_then_migrates(closed_centre: Path, extra_migration) -> None:
    version = extra_migration("CREATE TABLE next_release (id INTEGER PRIMARY KEY);")
    session = sign_in(closed_centre, MANAGER, PASSWORD)
    try:
        assert migrations.current_version(session.centre.conn) == version
        session.centre.conn.execute("SELECT count(*) FROM next_release").fetchone()
    finally:
        session.close()
    backups = list((closed_centre / "backups").glob("before-migration-*"))
    assert len(backups) == 1
    assert read_header(backups[0]).schema_version == version - 1


def test_a_failing_migration_leaves_the_previous_version(closed_centre: Path,
                                                         extra_migration) -> None:
    previous = migrations.latest_version()
    extra_migration("CREATE TABLE half (id INTEGER);\nINSERT INTO no_such_table VALUES (1);")
    with pytest.raises(UpgradeFailed, match="left as it was.*no_such_table|no_such_table.*left"):
        sign_in(closed_centre, MANAGER, PASSWORD)
    assert _version_without_migrating(closed_centre) == (previous, False)


def _version_without_migrating(folder: Path) -> tuple[int, bool]:
    from stmarys_desktop.store.database import connect
    from stmarys_desktop.store.files import CentreFiles
    from stmarys_desktop.store.keystore import Keystore, normalise_secret

    files = CentreFiles(folder)
    keystore = Keystore.load(files.keystore)
    key = keystore.unlock(keystore.account_tag(MANAGER), normalise_secret(PASSWORD))[0]
    conn = connect(files.database, key)
    try:
        version = migrations.current_version(conn)
        has_half = conn.execute(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'half'").fetchone()[0] == 1
        return version, has_half
    finally:
        conn.close()
