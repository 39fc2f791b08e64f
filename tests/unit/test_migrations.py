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


def test_a_failing_migration_leaves_the_previous_version(
    closed_centre: Path, extra_migration
) -> None:
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
        has_half = (
            conn.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").fetchone()[0]
            == 1
        )
        return version, has_half
    finally:
        conn.close()


def test_migration_8_rekeys_the_search_index_newest_first(
    closed_centre: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A centre made before 0008 kept each family under its own id in the search index;
    after the upgrade every family is still found, newest first, and edits still land."""
    from stmarys_desktop.domain.families import NewPerson, PersonKind
    from stmarys_desktop.domain.roles import Role
    from stmarys_desktop.services import accounts, families
    from tests.unit.family_helpers import two_parent_family

    session = sign_in(closed_centre, MANAGER, PASSWORD)
    accounts.create_account(
        session,
        user_name="coord",
        display_name="Nerys Calder",
        roles=[Role.COORDINATOR],
        password="coordinator password",
    )
    session.close()
    session = sign_in(closed_centre, "coord", "coordinator password")
    made = [
        families.create_family(session, two_parent_family(resident=f"{n} Tregear"))
        for n in ("Alys", "Branwen", "Cadi")
    ]
    conn = session.centre.conn
    # Put the index back as versions 2 to 7 kept it, with their schema.
    entries = conn.execute("SELECT -rowid, names, referrer FROM family_search").fetchall()
    conn.execute("DROP TABLE family_search")
    conn.execute(
        "CREATE VIRTUAL TABLE family_search USING fts5 (names, referrer,"
        " tokenize = 'unicode61 remove_diacritics 2',"
        " prefix = '1 2 3 4 5 6 7 8 9 10 11 12')"
    )
    conn.executemany("INSERT INTO family_search (rowid, names, referrer) VALUES (?, ?, ?)", entries)
    # And without what later migrations add (0009: issue 16, 0010: issue 15, 0011:
    # issue 20), which run again too.
    conn.execute("DROP TABLE audit_break")
    conn.execute("ALTER TABLE account DROP COLUMN staff_disposed_at")
    conn.execute("DROP TABLE authority")
    conn.execute("DROP TABLE policy_rule_map")
    conn.execute("PRAGMA user_version = 7")
    session.close()
    # 0008 to 0011 run again; the migrations after them are not written to run twice
    # and their additions stay, so the upgrade stops at 0011.
    folder = tmp_path / "up_to_0011"
    folder.mkdir()
    for migration in migrations.available():
        if migration.version <= 11:
            shutil.copy(migration.path, folder)
    original = migrations.migrate
    monkeypatch.setattr(
        migrations,
        "migrate",
        lambda conn, *, before=None: original(conn, before=before, folder=folder),
    )

    session = sign_in(closed_centre, "coord", "coordinator password")
    try:
        assert migrations.current_version(session.centre.conn) == migrations.latest_version(folder)
        assert [f.id for f in families.search_families(session, "tregear")] == [
            m.id for m in reversed(made)
        ]
        first = families.open_family(session, made[0].id)
        families.add_person(
            session,
            first.id,
            first.version,
            NewPerson(PersonKind.OTHER_ADULT, "Gwen Penrose", relationship="Grandmother"),
        )
        assert [f.id for f in families.search_families(session, "penrose")] == [made[0].id]
        assert [f.id for f in families.search_families(session, "tregear")] == [
            m.id for m in reversed(made)
        ]
    finally:
        session.close()


def _set_version(folder: Path, version: int) -> None:
    from stmarys_desktop.store.database import connect
    from stmarys_desktop.store.files import CentreFiles
    from stmarys_desktop.store.keystore import Keystore, normalise_secret

    files = CentreFiles(folder)
    keystore = Keystore.load(files.keystore)
    key = keystore.unlock(keystore.account_tag(MANAGER), normalise_secret(PASSWORD))[0]
    conn = connect(files.database, key)
    try:
        conn.execute(f"PRAGMA user_version = {version}")
    finally:
        conn.close()


def test_a_centre_from_a_newer_version_is_refused_and_left_alone(closed_centre: Path) -> None:
    newer = migrations.latest_version() + 1
    _set_version(closed_centre, newer)
    with pytest.raises(UpgradeFailed, match="newer version of the application") as refused:
        sign_in(closed_centre, MANAGER, PASSWORD)
    assert "Traceback" not in refused.value.message
    assert _version_without_migrating(closed_centre) == (newer, False)
    assert not list((closed_centre / "backups").glob("before-migration-*"))


def test_migrate_refuses_a_database_newer_than_its_migrations(manager) -> None:
    conn = manager.centre.conn
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 3}")
    ran = []
    with pytest.raises(UpgradeFailed, match="use that version"):
        migrations.migrate(conn, before=ran.append)
    assert ran == []
