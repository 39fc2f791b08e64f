"""The SQLCipher connection: raw key, pragmas, and plain words for its failures."""

from __future__ import annotations

import contextlib
import ctypes
import os
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3._sqlite3
from sqlcipher3 import dbapi2 as sqlcipher

from stmarys_desktop.domain.errors import (
    RESTORE_ADVICE,
    CentreBusy,
    CentreNotFound,
    DatabaseDamaged,
    DiskFull,
)
from stmarys_desktop.store.files import DISK_FULL_MESSAGE, DISK_WRITE_FAILED_MESSAGE

PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096
CACHE_KIB = 64 * 1024

# Lookaside: each connection's own pool for SQLite's small, short-lived allocations.
# SQLite's default pool (1,200 bytes x 40) is filled by the cached statements alone,
# so every other allocation went to the heap, where cipher_memory_security locks
# and wipes it: two system calls each. 2 MiB per connection took the benchmark's
# query workload from 1.2 s to 0.5 s (docs/decisions.md, D78).
LOOKASIDE_SLOT_BYTES = 2048
LOOKASIDE_SLOTS = 1000
_SQLITE_CONFIG_LOOKASIDE = 13


def _configure_sqlite(path: str) -> bool:
    """Set the lookaside every later connection gets. SQLite takes this setting only
    while it is shut down, so it runs once, as this module is imported, before any
    connection exists. Returns whether SQLite took it; it is only an optimisation, so
    a build whose library does not export SQLite's functions (a Windows .pyd may not)
    simply runs without it."""
    try:
        library = ctypes.CDLL(path)
        for name in ("sqlite3_shutdown", "sqlite3_config", "sqlite3_initialize"):
            getattr(library, name)
    except (OSError, AttributeError):
        return False
    if library.sqlite3_shutdown() != 0:
        return False
    configured = (
        library.sqlite3_config(
            _SQLITE_CONFIG_LOOKASIDE,
            ctypes.c_int(LOOKASIDE_SLOT_BYTES),
            ctypes.c_int(LOOKASIDE_SLOTS),
        )
        == 0
    )
    if library.sqlite3_initialize() != 0:
        raise RuntimeError("SQLite could not start again after it was configured")
    return configured


LOOKASIDE_CONFIGURED = _configure_sqlite(sqlcipher3._sqlite3.__file__)

Connection = sqlcipher.Connection
DatabaseError = sqlcipher.DatabaseError
IntegrityError = sqlcipher.IntegrityError


def _raw_key_pragma(name: str, key: bytes) -> str:
    # PRAGMA key cannot take a bound parameter; the key is bytes we generated,
    # so its hex form is the only thing spliced into the statement.
    if len(key) != 32:
        raise ValueError("the database key must be 32 bytes")
    return f"PRAGMA {name} = \"x'{key.hex()}'\""


def damaged(path: Path, what: str) -> DatabaseDamaged:
    return DatabaseDamaged(f"The database file {path} is damaged ({what}). {RESTORE_ADVICE}")


def precheck_file(path: Path) -> None:
    """Catch the failures that can be named before trying the key."""
    if not path.exists():
        raise CentreNotFound(
            f"There is no centre in {path.parent}: the database file is missing. "
            "Create one with `stmarys-desktop init`, or restore a backup."
        )
    size = path.stat().st_size
    with open(path, "rb") as handle:
        head = handle.read(len(PLAIN_SQLITE_HEADER))
    if head == PLAIN_SQLITE_HEADER:
        raise DatabaseDamaged(
            f"The database file {path} is not encrypted, so it is not this centre's "
            f"database (it may have been replaced). {RESTORE_ADVICE}"
        )
    wal = path.with_name(path.name + "-wal")
    # A checkpoint cut off by a full disk leaves a partly written last page; the
    # write-ahead log still holds every page, and SQLite finishes the checkpoint.
    log_holds_pages = wal.exists() and wal.stat().st_size > 0
    if size == 0 or (size % PAGE_SIZE and not log_holds_pages):
        raise damaged(path, "it has been cut short")


def connect(
    path: Path, key: bytes, *, create: bool = False, memory_security: bool = True
) -> Connection:
    """Open (or create) the encrypted database and prove the key reads it.

    `memory_security=False` is only for filling a made-up demo centre: SQLCipher
    then skips wiping freed memory, which makes bulk inserts about 17 times
    faster (docs/decisions.md, D15). Once any connection of the process has
    turned it on, it stays on.
    """
    if create:
        # Owner-only from the first byte; SQLite gives its -wal and -shm the same mode.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    else:
        precheck_file(path)
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_raw_key_pragma("key", key))
        conn.execute(f"PRAGMA cipher_memory_security = {'ON' if memory_security else 'OFF'}")
        try:
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        except DatabaseError:
            raise damaged(path, "it cannot be read with its key") from None
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        # Pages are decrypted as they enter the cache: a cache that holds a day's
        # working set makes SQLCipher cost what plain SQLite costs (D22).
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    except BaseException:
        conn.close()
        raise
    return conn


def checkpoint(conn: Connection) -> None:
    """Move the write-ahead log's pages into the database file and empty the log."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def optimize(conn: Connection) -> None:
    conn.execute("PRAGMA optimize")


def rekey(conn: Connection, new_key: bytes) -> None:
    conn.execute(_raw_key_pragma("rekey", new_key))


CENTRE_BUSY_MESSAGE = (
    "The centre is busy in another window or command, so this could not be done. "
    "Nothing was changed; try again in a moment."
)


@contextlib.contextmanager
def plain_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's failures into sentences; the transaction is already undone."""
    try:
        yield
    except sqlcipher.OperationalError as exc:
        if "locked" in str(exc):  # "database is locked" once the busy timeout has run out
            raise CentreBusy(CENTRE_BUSY_MESSAGE) from None
        if "full" in str(exc):
            raise DiskFull(DISK_FULL_MESSAGE) from None
        if "disk I/O error" in str(exc):
            raise DiskFull(DISK_WRITE_FAILED_MESSAGE) from None
        if "malformed" in str(exc) or "not a database" in str(exc):
            raise damaged(path, "a page failed its check") from None
        if "readonly" in str(exc):
            raise DatabaseDamaged(
                f"The database file {path} cannot be written to: it is "
                f"read-only or damaged. {RESTORE_ADVICE}"
            ) from None
        raise
    except sqlcipher.DatabaseError as exc:
        if isinstance(exc, sqlcipher.IntegrityError | sqlcipher.ProgrammingError):
            raise
        raise damaged(path, "a page failed its check") from None


def integrity_problems(conn: Connection) -> list[str]:
    """SQLite's integrity check and SQLCipher's page HMAC check, in plain words."""
    problems: list[str] = []
    try:
        rows = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        problems += [f"Encryption check: {problem}" for (problem,) in rows]
    except DatabaseError as exc:
        problems.append(f"Encryption check could not run: {exc}")
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        problems += [f"Integrity check: {found}" for (found,) in rows if found != "ok"]
    except DatabaseError as exc:
        problems.append(f"Integrity check could not run: {exc}")
    return problems
