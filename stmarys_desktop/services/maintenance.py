"""Looking after the centre's data: verify, backup, restore, key rotation."""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from stmarys_desktop.domain.clock import Clock, stamp, system_clock
from stmarys_desktop.domain.errors import (
    BackupInvalid,
    DatabaseDamaged,
    InvalidInput,
    KeystoreDamaged,
    KeystoreMissing,
    SignInRefused,
    StMarysError,
)
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.policy.permissions import allows
from stmarys_desktop.services import integrity
from stmarys_desktop.services.auth import SIGN_IN_REFUSED, check_not_waiting
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import accounts as account_store
from stmarys_desktop.store import audit, audit_breaks, meta
from stmarys_desktop.store import backup as backup_store
from stmarys_desktop.store.attempts import SignInAttempts
from stmarys_desktop.store.centre import Centre
from stmarys_desktop.store.database import checkpoint, connect, integrity_problems, rekey
from stmarys_desktop.store.files import CentreFiles, file_lock
from stmarys_desktop.store.keystore import Keystore, WrongSecret, normalise_secret

LAST_BACKUP_SETTING = "last_backup_at"


def last_backup_at(session: Session) -> str | None:
    return meta.get_setting(session.centre.conn, LAST_BACKUP_SETTING)


@dataclass(frozen=True)
class VerifyReport:
    problems: list[str]
    audit_rows: int
    seconds: float
    backups_compared: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            compared = (
                f" and agree with {self.backups_compared} backup"
                f"{'s' if self.backups_compared != 1 else ''}"
                if self.backups_compared
                else ""
            )
            return (
                f"All checks passed: the database is whole, its encryption checks out, "
                f"and the audit log's {self.audit_rows} rows are unbroken{compared}."
            )
        return "Problems found: " + " ".join(self.problems)


def verify(session: Session, backups: Sequence[Path] = ()) -> VerifyReport:
    """Integrity check, cipher integrity check, audit chain and key file seal; the chain
    compared with the heads of the backups found (and those named)."""
    session.require(Permission.VERIFY, "verify the database")
    centre = session.centre
    started = time.perf_counter()
    # The encryption check reads the file itself, so move the log's pages into it first.
    checkpoint(centre.conn)
    problems = integrity_problems(centre.conn)
    compared = 0
    if not problems:
        problems += audit.trigger_problems(centre.conn)
        problems += audit.chain_problems(centre.conn, centre.audit_key, centre.keystore.anchor)
        with contextlib.suppress(StMarysError):  # a read-only database still reports
            integrity.check_anchor(centre, session.user_name)
        problems += integrity.open_break_problems(centre)
        heads = integrity.backup_head_problems(centre, list(backups))
        problems += heads.problems
        compared = heads.compared
    try:
        on_disk = Keystore.load(centre.files.keystore)
        if not on_disk.seal_holds(centre.db_key):
            problems.append("The key file has been edited outside the application.")
    except (KeystoreMissing, KeystoreDamaged) as exc:
        problems.append(exc.message)
    if problems:
        problems.append(
            "Restore the latest backup (Admin > Restore, or "
            "`stmarys-desktop restore`) if these cannot be explained."
        )
    rows = audit.tail(centre.conn)[0]
    try:
        session.audit(
            action="verify",
            detail="all checks passed" if not problems else f"{len(problems) - 1} problems",
            outcome="done" if not problems else "failed",
        )
    except StMarysError:
        if not problems:
            raise
        # A damaged database may refuse the write; the report still stands.
    return VerifyReport(problems, rows, time.perf_counter() - started, compared)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    created_at: str
    size: int
    removed_old: list[Path] = field(default_factory=list)


def default_backup_name(centre: Centre) -> str:
    return f"centre-{centre.clock().strftime('%Y%m%d-%H%M%S')}{backup_store.SUFFIX}"


KEEP_BACKUPS_SETTING = "keep_backups"
DEFAULT_KEEP_BACKUPS = 10
MIN_KEEP_BACKUPS, MAX_KEEP_BACKUPS = 1, 365


def keep_backups(session: Session) -> int:
    stored = meta.get_setting(session.centre.conn, KEEP_BACKUPS_SETTING)
    return int(stored) if stored and stored.isdigit() and int(stored) > 0 else DEFAULT_KEEP_BACKUPS


def set_keep_backups(session: Session, count: int) -> None:
    session.require(Permission.MANAGE_SETTINGS, "change how many backups are kept")
    if not MIN_KEEP_BACKUPS <= count <= MAX_KEEP_BACKUPS:
        raise InvalidInput(f"Keep between {MIN_KEEP_BACKUPS} and {MAX_KEEP_BACKUPS} backups.")
    with session.centre.transaction() as conn:
        meta.put_setting(conn, KEEP_BACKUPS_SETTING, str(count))
        session.audit(action="setting.keep_backups", detail=str(count))


def _rotate(folder: Path, keep: int) -> list[Path]:
    """In a backup folder, only the newest `keep` of our own dated backups stay."""
    ours = sorted(folder.glob(f"centre-*{backup_store.SUFFIX}"))
    old = ours[:-keep] if len(ours) > keep else []
    for path in old:
        path.unlink()
    return old


def backup(session: Session, destination: Path) -> BackupResult:
    """Write an encrypted backup and check it by reading it back.

    Given a folder, the file is named by date and the folder keeps only the newest
    backups (a setting, default 10): older ones hold records that may since have been
    disposed of (clause viii).
    """
    session.require(Permission.BACKUP, "make a backup")
    destination = Path(destination).expanduser()
    rotate = destination.is_dir()
    if rotate:
        destination = destination / default_backup_name(session.centre)
    centre = session.centre
    with centre.transaction():
        # Before the copy, so that a restored centre looks in this folder too.
        integrity.remember_backup_folder(centre, destination.parent)
    header = backup_store.write_backup(centre, destination)
    with centre.transaction() as conn:
        meta.put_setting(conn, LAST_BACKUP_SETTING, header.created_at)
        session.audit(
            action="backup",
            detail=f"backup written and checked ({header.db_size} bytes)",
        )
    removed = _rotate(destination.parent, keep_backups(session)) if rotate else []
    if removed:
        session.audit(
            action="backup.rotate",
            detail=f"{len(removed)} older backups removed",
        )
    return BackupResult(destination, header.created_at, destination.stat().st_size, removed)


@dataclass(frozen=True)
class RestoreResult:
    backup_created_at: str
    audit_rows: int
    # Where the data the restore replaced was moved to (kept, never deleted; D127).
    kept_at: Path | None = None

    def kept_sentence(self) -> str:
        if self.kept_at is None:
            return ""
        return (
            f"The data it replaced was kept in {self.kept_at}; delete that folder "
            "once you are sure it is not needed."
        )


REPLACED_FOLDER = "replaced-by-restore"
BACKUP_TAMPERED = (
    "The backup's key file does not match the database inside it (it has been edited), "
    "so it was not restored and nothing was changed. Use another backup."
)
DIFFERENT_CENTRE = (
    "This backup belongs to a different centre, so it was not restored and nothing was "
    "changed. To replace this centre with it, move the data folder {folder} away first."
)


def restore(
    folder: Path,
    backup_file: Path,
    user_name: str,
    password: str,
    *,
    clock: Clock = system_clock,
    monotonic: Callable[[], float] = time.time,
) -> RestoreResult:
    """Replace the centre with a backup, checking the backup fully first.

    The password is the one this account had when the backup was made. The
    current files are kept aside until the restored database has opened.
    """
    files = CentreFiles(Path(folder))
    backup_file = Path(backup_file).expanduser()
    header = backup_store.read_header(backup_file)
    backup_store.refuse_newer(backup_file, header)
    backup_store.check_body(backup_file, header)
    # The centre this folder holds, if its key file can still say; the backup's own
    # centre id is only trusted once its seal and its database agree (after unlocking).
    current_centre: str | None = None
    with contextlib.suppress(KeystoreMissing, KeystoreDamaged):
        current_centre = Keystore.load(files.keystore).centre_id
    keystore = header.keystore
    attempts = SignInAttempts.load(files.sign_in_attempts)
    now = monotonic()
    check_not_waiting(attempts, now)
    tag = keystore.account_tag(user_name)
    try:
        if not keystore.has_slot(tag):
            keystore.spend_equal_time(normalise_secret(password))
            raise WrongSecret
        keys = keystore.unlock(tag, normalise_secret(password))
    except WrongSecret:
        attempts.failed(stamp(clock()), now, None)
        raise SignInRefused(
            SIGN_IN_REFUSED + " (Use the password the account had when the backup was made.)"
        ) from None
    files.folder.mkdir(parents=True, exist_ok=True)
    incoming = files.folder / "centre.db.restoring"
    _remove(incoming, *_side_files(incoming))
    backup_store.extract_database(backup_file, header, incoming)
    try:
        key = _check_restored_copy(incoming, keys, keystore, tag)
        if current_centre is not None and current_centre != keystore.centre_id:
            raise BackupInvalid(DIFFERENT_CENTRE.format(folder=files.folder))
    except BaseException:
        _remove(incoming, *_side_files(incoming))
        raise
    kept_at = _keep_folder(files, clock)
    aside = _move_current_aside(files, kept_at)
    try:
        os.replace(incoming, files.database)
        keystore.save(key, files.keystore)
        centre = Centre.open(files, [key], Keystore.load(files.keystore), clock=clock)
    except BaseException:
        _remove(files.database, *files.database_side_files())
        for original, moved in aside:
            os.replace(moved, original)
        with contextlib.suppress(OSError):
            kept_at.rmdir()
        raise
    try:
        with centre.transaction() as conn:
            # What came after the backup's head is another history now (D125).
            audit_breaks.add(
                conn,
                kind=audit_breaks.RESTORE,
                found_at=centre.now(),
                anchor=header.audit_head,
                fork_seq=header.audit_head[0],
                problem="restored from a backup",
                explained_at=centre.now(),
                explained_by=user_name.strip(),
                what_happened=f"restored from the backup made {header.created_at}",
            )
            centre.audit(
                actor=user_name.strip(),
                action="restore",
                detail=f"restored from a backup made {header.created_at}",
            )
        rows = audit.tail(centre.conn)[0]
    finally:
        centre.close()
    if not aside:
        with contextlib.suppress(OSError):
            kept_at.rmdir()
    attempts.clear()
    return RestoreResult(header.created_at, rows, kept_at if aside else None)


def _side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]


def _remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _check_restored_copy(path: Path, keys: list[bytes], keystore: Keystore, tag: str) -> bytes:
    for key in keys:
        try:
            conn = connect(path, key)
        except DatabaseDamaged:
            continue
        try:
            # The centre id that counts is the one sealed in the backup's key file and
            # written in its database, never the header's unsigned copy (D128).
            if (
                not any(keystore.seal_holds(k) for k in keys)
                or meta.get(conn, "centre_id") != keystore.centre_id
            ):
                raise BackupInvalid(BACKUP_TAMPERED)
            audit_key = bytes.fromhex(meta.get(conn, "audit_key") or "")
            problems = backup_store.problems_of_restored_copy(conn, keystore, audit_key)
            if problems:
                raise BackupInvalid(
                    "The backup failed its check and was not restored; "
                    "nothing was changed. " + " ".join(problems)
                )
            account = account_store.by_slot_tag(conn, tag)
            if account is None or account.disabled or not allows(account.roles, Permission.RESTORE):
                raise BackupInvalid(
                    "Only an enabled manager account of the backup can "
                    "restore it; nothing was changed."
                )
        except BackupInvalid:
            raise
        except Exception:
            raise BackupInvalid(
                "The database inside the backup is damaged; it was not "
                "restored and nothing was changed."
            ) from None
        finally:
            conn.close()
        return key
    raise BackupInvalid(
        "The database inside the backup cannot be opened with its key; it was "
        "not restored and nothing was changed."
    )


def _keep_folder(files: CentreFiles, clock: Clock) -> Path:
    """A new folder (owner only) for what a restore replaces, named by the time."""
    base = files.folder / REPLACED_FOLDER
    base.mkdir(mode=0o700, exist_ok=True)
    name = clock().strftime("%Y%m%d-%H%M%S")
    for n in range(1000):
        candidate = base / (name if n == 0 else f"{name}-{n}")
        try:
            candidate.mkdir(mode=0o700)
        except FileExistsError:
            continue
        return candidate
    raise BackupInvalid(
        f"The folder {base} is full of earlier restores; move some away and "
        "try again. Nothing was changed."
    )


def _move_current_aside(files: CentreFiles, kept_at: Path) -> list[tuple[Path, Path]]:
    """Never deleted: the database, its log and the key file go into `kept_at` (a rename
    within the data folder, so it costs no space and cannot half-fail)."""
    moved = []
    for path in [files.database, *files.database_side_files(), files.keystore]:
        if path.exists():
            target = kept_at / path.name
            os.replace(path, target)
            moved.append((path, target))
    return moved


def rotate_key(session: Session) -> None:
    """A new database key, wrapped for every remaining slot (after removing an account)."""
    session.require(Permission.REKEY, "rotate the database key")
    centre = session.centre
    if centre.conn.in_transaction:
        raise InvalidInput("Finish the current change before rotating the key.")
    new_key = secrets.token_bytes(32)
    old_key = centre.db_key
    with file_lock(centre.files.lock):
        # 1. Wrap the new key for everyone beside the old one, so that a crash at
        #    any moment leaves a key file that opens the database.
        staged = Keystore.load(centre.files.keystore)
        staged.stage_key(new_key)
        staged.save(old_key, centre.files.keystore)
        # 2. Re-encrypt every page, and write them back to the file itself.
        try:
            rekey(centre.conn, new_key)
            checkpoint(centre.conn)
        except BaseException:
            staged.drop_staged_key()
            staged.save(old_key, centre.files.keystore)
            raise
        # 3. The new key becomes the only key.
        staged.commit_staged_key()
        staged.save(new_key, centre.files.keystore)
        centre.keystore = staged
        centre.db_key = new_key
    session.audit(
        action="rekey",
        detail="database key rotated and re-wrapped for every key slot",
    )
