"""Encrypted backups, checked after writing; restore checks fully before replacing anything."""

from __future__ import annotations

import json
import struct
import time
from pathlib import Path

import pytest

from stmarys_desktop.domain.errors import BackupInvalid, SignInRefused
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts
from stmarys_desktop.services.auth import create_centre, sign_in
from stmarys_desktop.services.maintenance import backup, restore, rotate_key, verify
from stmarys_desktop.store.backup import MAGIC
from tests.helpers import CHEAP_KDF, MANAGER, PASSWORD


def account_names(folder: Path) -> list[str]:
    session = sign_in(folder, MANAGER, PASSWORD)
    try:
        return [a.user_name for a in accounts.list_accounts(session)]
    finally:
        session.close()


def test_a_backup_is_encrypted_and_restores(manager, data_dir: Path, tmp_path: Path) -> None:
    accounts.create_account(
        manager,
        user_name="kept",
        display_name="Quilla Marbeck",
        roles=[Role.FRONT_DESK],
        password="kept account pw",
    )
    (tmp_path / "backups").mkdir()
    result = backup(manager, tmp_path / "backups")
    assert result.path.name.endswith(".stmbackup") and result.path.exists()
    raw = result.path.read_bytes()
    assert raw.startswith(MAGIC)
    assert b"Quilla" not in raw and b"SQLite format 3" not in raw
    accounts.create_account(
        manager,
        user_name="later",
        display_name="Brisa Holloway",
        roles=[Role.FRONT_DESK],
        password="later account pw",
    )
    manager.close()

    restored = restore(data_dir, result.path, MANAGER, PASSWORD)
    assert restored.backup_created_at == result.created_at
    assert account_names(data_dir) == ["kept", MANAGER]
    assert not list(data_dir.glob("*.before-restore")) and not list(data_dir.glob("*.restoring"))
    assert restored.kept_at is not None and restored.kept_at.parent.parent == data_dir
    assert {p.name for p in restored.kept_at.iterdir()} >= {"centre.db", "keystore.json"}
    session = sign_in(data_dir, MANAGER, PASSWORD)
    try:
        assert verify(session).ok
    finally:
        session.close()


def test_restore_needs_the_password_as_it_was_in_the_backup(manager, data_dir, tmp_path) -> None:
    result = backup(manager, tmp_path / "b.stmbackup")
    accounts.reset_password(
        manager, manager_password=PASSWORD, user_name=MANAGER, new_password="changed after backup"
    )
    manager.close()
    with pytest.raises(SignInRefused, match="when the backup was made"):
        restore(data_dir, result.path, MANAGER, "changed after backup")
    restore(data_dir, result.path, MANAGER, PASSWORD, monotonic=lambda: time.time() + 5)


def test_only_a_manager_of_the_backup_may_restore_it(manager, data_dir, tmp_path) -> None:
    accounts.create_account(
        manager,
        user_name="frontdesk",
        display_name="Pella Quorne",
        roles=[Role.FRONT_DESK],
        password="front desk password",
    )
    result = backup(manager, tmp_path / "b.stmbackup")
    manager.close()
    with pytest.raises(BackupInvalid, match="manager"):
        restore(data_dir, result.path, "frontdesk", "front desk password")


def corrupt(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "flipped":
        data[-5000] ^= 0x40
    elif how == "truncated":
        del data[len(data) - 4096 :]
    elif how == "header":
        data[len(MAGIC) + 10] ^= 0x20
    elif how == "not-a-backup":
        data = bytearray(b"just some text, not a backup at all")
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("flipped", "contents have changed"),
        ("truncated", "cut short"),
        ("header", "header"),
        ("not-a-backup", "not a backup file"),
    ],
)
def test_a_corrupt_backup_is_refused_and_the_centre_is_untouched(
    manager, data_dir: Path, tmp_path: Path, how: str, message: str
) -> None:
    result = backup(manager, tmp_path / "b.stmbackup")
    accounts.create_account(
        manager,
        user_name="after",
        display_name="Dervla Finch",
        roles=[Role.FRONT_DESK],
        password="after backup pw",
    )
    manager.close()
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    corrupt(result.path, how)
    with pytest.raises(BackupInvalid, match=message):
        restore(data_dir, result.path, MANAGER, PASSWORD)
    after = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    assert after == before
    assert account_names(data_dir) == ["after", MANAGER]


def test_a_backup_of_another_centre_is_refused(manager, data_dir: Path, tmp_path: Path) -> None:
    other = create_centre(
        tmp_path / "other",
        centre_name="Another Centre",
        admin_user_name=MANAGER,
        admin_display_name="Anwen Other",
        password=PASSWORD,
        kdf=CHEAP_KDF,
    )
    foreign = backup(other.session, tmp_path / "other.stmbackup")
    other.session.close()
    manager.close()
    before = (data_dir / "centre.db").read_bytes()
    with pytest.raises(BackupInvalid, match="different centre"):
        restore(data_dir, foreign.path, MANAGER, PASSWORD)
    assert (data_dir / "centre.db").read_bytes() == before


def other_centre_backup(tmp_path: Path):
    other = create_centre(
        tmp_path / "other",
        centre_name="Another Centre",
        admin_user_name=MANAGER,
        admin_display_name="Anwen Other",
        password=PASSWORD,
        kdf=CHEAP_KDF,
    )
    foreign = backup(other.session, tmp_path / "other.stmbackup")
    other.session.close()
    return foreign.path


def rewrite_header(path: Path, change) -> None:
    """Edit the backup's JSON header as someone with a text editor could."""
    raw = path.read_bytes()
    (length,) = struct.unpack(">I", raw[len(MAGIC) : len(MAGIC) + 4])
    start = len(MAGIC) + 4
    header = json.loads(raw[start : start + length])
    change(header)
    new_header = json.dumps(header, sort_keys=True).encode("utf-8")
    path.write_bytes(
        MAGIC + struct.pack(">I", len(new_header)) + new_header + raw[start + length :]
    )


def test_a_forged_header_centre_id_does_not_pass_the_same_centre_check(
    manager, data_dir: Path, tmp_path: Path
) -> None:
    """Issue 16, item 5: the header's centre id is not signed, so it is not what counts."""
    mine = manager.centre.centre_id
    manager.close()
    foreign = other_centre_backup(tmp_path)
    rewrite_header(foreign, lambda h: h.update(centre_id=mine))
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    with pytest.raises(BackupInvalid, match="different centre"):
        restore(data_dir, foreign, MANAGER, PASSWORD)
    assert {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()} == before
    assert not (data_dir / "replaced-by-restore").exists() or not any(
        (data_dir / "replaced-by-restore").iterdir()
    )
    # Nor does editing the centre id inside the backup's key file: the key slots are bound
    # to it, so no password opens them any more.
    rewrite_header(foreign, lambda h: h["keystore"].update(centre_id=mine))
    with pytest.raises(SignInRefused):
        restore(data_dir, foreign, MANAGER, PASSWORD, monotonic=lambda: time.time() + 5)
    after = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    after.pop("sign-in-attempts.json")  # the refused password counts, as any does
    assert after == before


@pytest.mark.parametrize("damage", ["missing", "cut"])
def test_restore_keeps_what_it_replaces_when_the_key_file_is_damaged(
    manager, data_dir: Path, tmp_path: Path, damage: str
) -> None:
    """Issue 16, item 4: with no key file to say which centre this is, another centre's
    backup may be restored, but the database it replaces is moved aside, never deleted."""
    manager.close()
    keystore = data_dir / "keystore.json"
    kept_key_file = keystore.read_bytes()
    if damage == "missing":
        keystore.unlink()
    else:
        keystore.write_bytes(kept_key_file[:100])
    database = (data_dir / "centre.db").read_bytes()
    result = restore(data_dir, other_centre_backup(tmp_path), MANAGER, PASSWORD)
    assert result.kept_at is not None
    assert (result.kept_at / "centre.db").read_bytes() == database
    assert str(result.kept_at) in result.kept_sentence()
    # Put back by hand, the kept copy is the old centre again.
    (result.kept_at / "keystore.json").write_bytes(kept_key_file)
    back = tmp_path / "put-back"
    back.mkdir()
    for name in ("centre.db", "keystore.json"):
        (back / name).write_bytes((result.kept_at / name).read_bytes())
    assert account_names(back) == [MANAGER]


def test_a_backup_restores_when_the_key_file_is_lost(manager, data_dir, tmp_path) -> None:
    result = backup(manager, tmp_path / "b.stmbackup")
    manager.close()
    (data_dir / "keystore.json").unlink()
    restore(data_dir, result.path, MANAGER, PASSWORD)
    assert account_names(data_dir) == [MANAGER]


def test_a_backup_made_before_a_key_rotation_still_restores(manager, data_dir, tmp_path) -> None:
    result = backup(manager, tmp_path / "b.stmbackup")
    rotate_key(manager)
    manager.close()
    restore(data_dir, result.path, MANAGER, PASSWORD)
    assert account_names(data_dir) == [MANAGER]


def test_key_rotation_locks_out_a_removed_accounts_old_slot(manager, data_dir: Path) -> None:
    """After removing someone, a copy of the old key file no longer opens the database."""
    accounts.create_account(
        manager,
        user_name="leaver",
        display_name="Cadi Wrenfold",
        roles=[Role.FRONT_DESK],
        password="leaver password",
    )
    old_keystore = (data_dir / "keystore.json").read_bytes()
    accounts.remove_account(manager, "leaver")
    rotate_key(manager)
    assert verify(manager).ok
    manager.close()
    sign_in(data_dir, MANAGER, PASSWORD).close()
    current = (data_dir / "keystore.json").read_bytes()
    (data_dir / "keystore.json").write_bytes(old_keystore)
    from stmarys_desktop.domain.errors import StMarysError

    with pytest.raises(StMarysError):
        sign_in(data_dir, "leaver", "leaver password")
    (data_dir / "keystore.json").write_bytes(current)
    sign_in(data_dir, MANAGER, PASSWORD).close()


def test_an_interrupted_rotation_is_finished_at_the_next_sign_in(manager, data_dir) -> None:
    """A crash after the pages were re-encrypted but before the key file was final."""
    import secrets

    from stmarys_desktop.store.database import rekey
    from stmarys_desktop.store.keystore import Keystore

    centre = manager.centre
    new_key = secrets.token_bytes(32)
    staged = Keystore.load(centre.files.keystore)
    staged.stage_key(new_key)
    staged.save(centre.db_key, centre.files.keystore)
    rekey(centre.conn, new_key)
    manager.close()  # "crash": the key file still lists the old key first
    session = sign_in(data_dir, MANAGER, PASSWORD)
    try:
        assert session.centre.db_key == new_key
        assert not Keystore.load(data_dir / "keystore.json").has_staged_key()
        assert verify(session).ok
    finally:
        session.close()


def test_a_key_file_edited_during_an_interrupted_rotation_is_caught(manager, data_dir) -> None:
    """The staged key opening the database is no way round the key file's seal."""
    import json
    import secrets

    from stmarys_desktop.domain.errors import KeystoreDamaged
    from stmarys_desktop.store.database import rekey
    from stmarys_desktop.store.keystore import Keystore

    centre = manager.centre
    new_key = secrets.token_bytes(32)
    staged = Keystore.load(centre.files.keystore)
    staged.stage_key(new_key)
    staged.save(centre.db_key, centre.files.keystore)
    rekey(centre.conn, new_key)
    manager.close()
    data = json.loads((data_dir / "keystore.json").read_text())
    data["anchor"] = {"seq": 0, "hmac": ""}  # an attempt to hide the newest audit rows
    (data_dir / "keystore.json").write_text(json.dumps(data))
    with pytest.raises(KeystoreDamaged, match="edited outside the application"):
        sign_in(data_dir, MANAGER, PASSWORD)


def test_a_backup_folder_keeps_only_the_newest_backups(manager, tmp_path: Path) -> None:
    from datetime import datetime, timedelta

    from stmarys_desktop.services.maintenance import set_keep_backups

    folder = tmp_path / "nightly"
    folder.mkdir()
    set_keep_backups(manager, 3)
    start = datetime(2026, 11, 1, 22, 0).astimezone()
    made = []
    for day in range(5):
        manager.centre.clock = lambda day=day: start + timedelta(days=day)
        made.append(backup(manager, folder))
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == sorted(r.path.name for r in made[-3:])
    assert [p.name for p in made[-1].removed_old] == [made[1].path.name]
    (folder / "something-else.stmbackup").write_bytes(b"not ours")
    backup(manager, folder)
    assert (folder / "something-else.stmbackup").exists()


# -- plain words for files that cannot be used ---------------------------------------------


def test_a_backup_under_a_file_is_refused_in_plain_words(manager, tmp_path: Path) -> None:
    from stmarys_desktop.domain.errors import StMarysError

    blocker = tmp_path / "afile"
    blocker.write_text("not a folder")
    with pytest.raises(StMarysError, match="could not be written to .*Nothing was changed"):
        backup(manager, blocker / "sub" / "b.stmbackup")
    assert blocker.read_text() == "not a folder"
    assert not [p for p in tmp_path.rglob("*") if ".stmbackup" in p.name]


def test_a_backup_that_cannot_be_read_is_refused_in_plain_words(
    manager, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from stmarys_desktop.store import backup as backup_store

    result = backup(manager, tmp_path / "b.stmbackup")
    manager.close()
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}

    def refused(path, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    # Root reads any file, so the refusal a locked-down share gives is put in by hand.
    monkeypatch.setattr(backup_store, "open", refused, raising=False)
    with pytest.raises(BackupInvalid, match="could not be read: permission denied"):
        restore(data_dir, result.path, MANAGER, PASSWORD)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()} == before


def test_a_backup_whose_body_cannot_be_read_is_refused(
    manager, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins
    import errno

    from stmarys_desktop.store import backup as backup_store

    result = backup(manager, tmp_path / "b.stmbackup")
    header = backup_store.read_header(result.path)
    real_open = builtins.open

    class FailingRead:
        def __init__(self, *args, **kwargs):
            self.handle = real_open(*args, **kwargs)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def seek(self, offset):
            self.handle.seek(offset)

        def read(self, size):
            raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(backup_store, "open", FailingRead, raising=False)
    with pytest.raises(BackupInvalid, match="could not be read: input/output error"):
        backup_store.check_body(result.path, header)


def test_a_newer_programs_backup_is_refused_before_anything_is_replaced(
    manager, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stmarys_desktop.store import backup as backup_store
    from stmarys_desktop.store import migrations

    newer = migrations.latest_version() + 1
    manager.centre.conn.execute(f"PRAGMA user_version = {newer}")
    result = backup(manager, tmp_path / "b.stmbackup")
    assert backup_store.read_header(result.path).schema_version == newer
    manager.centre.conn.execute(f"PRAGMA user_version = {newer - 1}")
    manager.close()
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}

    def must_not_extract(*args, **kwargs):
        raise AssertionError("the backup was unpacked before its version was checked")

    monkeypatch.setattr(backup_store, "extract_database", must_not_extract)
    with pytest.raises(BackupInvalid, match="newer version of the application"):
        restore(data_dir, result.path, MANAGER, PASSWORD)
    assert {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()} == before
