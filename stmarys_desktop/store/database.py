"""The SQLCipher connection: raw key, pragmas, and plain words for its failures."""

from __future__ import annotations

import contextlib
import ctypes
import json
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
    """SQLCipher's page HMAC check and SQLite's integrity check, in plain words.

    SQLite's check re-evaluates every CHECK constraint row by row, and a constraint
    `x IN ('a', 'b', 'c')` builds a small table for each row; with memory security on,
    each costs system calls, which made two thirds of a verify at 50,000 families. The
    integrity check runs without them and each table's constraints are then evaluated
    in one query (D332): the same rows are found. Give a connection no one else is
    writing on: CHECK constraints are not enforced on it while the check runs."""
    problems: list[str] = []
    try:
        rows = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        problems += [f"Encryption check: {problem}" for (problem,) in rows]
    except DatabaseError as exc:
        problems.append(f"Encryption check could not run: {exc}")
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.execute("PRAGMA ignore_check_constraints = OFF")
        problems += [f"Integrity check: {found}" for (found,) in rows if found != "ok"]
        problems += check_constraint_problems(conn)
    except DatabaseError as exc:
        problems.append(f"Integrity check could not run: {exc}")
    return problems


def file_problems(path: Path, key: bytes) -> list[str]:
    """`integrity_problems` on a connection of its own, closed after: it reads the file as
    it is on disk (no page from another connection's cache), and nothing else writes
    on it while its CHECK constraints are set aside."""
    try:
        conn = connect(path, key)
    except DatabaseDamaged as exc:
        return [exc.message]
    try:
        return integrity_problems(conn)
    finally:
        conn.close()


def check_constraints(create_table: str) -> list[str]:
    """The expressions of a CREATE TABLE statement's CHECK constraints, column and table
    alike, as written. sqlparse's lexer tells keywords from quoted names, strings and
    comments, so a ")" in a string or "check" in a comment is not taken for one."""
    from sqlparse import lexer
    from sqlparse import tokens as sql_tokens

    found: list[str] = []
    depth, current, after_check = 0, [], False
    for kind, value in lexer.tokenize(create_table):
        if depth:
            if kind in sql_tokens.Punctuation and value in "()":
                depth += 1 if value == "(" else -1
                if not depth:
                    found.append("".join(current).strip())
                    current = []
                    continue
            current.append(value)
        elif kind in sql_tokens.Whitespace or kind in sql_tokens.Comment:
            continue
        elif after_check and kind in sql_tokens.Punctuation and value == "(":
            depth, after_check = 1, False
        else:
            # "CHECK (" lexes as a keyword, "CHECK(" as a name; neither can be a column's.
            after_check = (
                kind in sql_tokens.Keyword or kind in sql_tokens.Name
            ) and value.upper() == "CHECK"
    return found


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def check_constraint_problems(conn: Connection) -> list[str]:
    """Rows breaking a CHECK constraint, table by table: a row passes when each
    constraint is true or NULL, as SQLite has it."""
    problems = []
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%CHECK%'"
    ).fetchall()
    for name, sql in tables:
        expressions = check_constraints(sql)
        if not expressions:
            continue
        broken = " OR ".join(f"NOT ({expression})" for expression in expressions)
        (count,) = conn.execute(f"SELECT count(*) FROM {_quoted(name)} WHERE {broken}").fetchone()
        if count:
            rows = "1 row" if count == 1 else f"{count:,} rows"
            problems.append(f"Integrity check: CHECK constraint failed in {name} ({rows}).")
    return problems


# -- deleting many rows and what refers to them --------------------------------------------


@contextlib.contextmanager
def foreign_key_actions_by_hand(conn: Connection) -> Iterator[None]:
    """Foreign keys off around a transaction that deletes with `delete_with_dependents`
    (SQLite takes the setting only outside a transaction; inside one it stays on, and
    the deletion is only slower). SQLite runs a foreign key's ON DELETE action row by
    row, opening a scratch table for each run: with memory security, half a millisecond
    for every person and session of a disposed family (D334)."""
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _references(conn: Connection) -> dict[str, list[tuple[str, str, str, str]]]:
    """Every foreign key in the schema: parent table -> (child, column, parent column,
    ON DELETE action)."""
    found: dict[str, list[tuple[str, str, str, str]]] = {}
    tables = conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
    ).fetchall()
    for (child,) in tables:
        keys = conn.execute(f"PRAGMA foreign_key_list({_quoted(child)})").fetchall()
        if any(key[1] > 0 for key in keys):
            raise NotImplementedError(f"{child} has a foreign key of several columns")
        for _id, _seq, parent, column, parent_column, _on_update, on_delete, _match in keys:
            primary = _quoted(parent_column) if parent_column else "rowid"
            found.setdefault(parent, []).append((child, column, primary, on_delete.upper()))
    return found


def delete_with_dependents(conn: Connection, table: str, rowids: list[int]) -> None:
    """`DELETE FROM table WHERE rowid IN rowids`, and for every row that refers to one
    of them what its foreign key's ON DELETE says (CASCADE, SET NULL; NO ACTION and
    RESTRICT refuse), a table at a time, as SQLite would do it row by row. Run inside
    `foreign_key_actions_by_hand` and a transaction: at the end nothing may refer to a
    deleted row, or IntegrityError is raised and the caller's transaction rolls back."""
    references = _references(conn)
    made: list[str] = []
    left: list[tuple[str, str, str]] = []  # (child, column, keys): must refer to none

    def scratch(select: str, params: tuple = ()) -> str:
        """The values `select` gives now, kept in a temporary table for later statements."""
        name = f"temp.gone_{len(made)}"
        conn.execute(f"CREATE TABLE {name} (v)")
        conn.execute(f"INSERT INTO {name} {select}", params)
        made.append(name)
        return f"(SELECT v FROM {name})"

    def remove(name: str, where: str, depth: int) -> None:
        if not conn.execute(f"SELECT 1 FROM {_quoted(name)} WHERE {where} LIMIT 1").fetchone():
            return  # nothing here, nor below (a chain of rows referring to rows ends)
        if depth > 100:
            raise IntegrityError(f"rows of {name} refer to each other round in a circle")
        keys_of: dict[str, str] = {}
        for _child, _column, primary, _action in references.get(name, []):
            if primary not in keys_of:  # read before the rows go
                keys_of[primary] = scratch(f"SELECT {primary} FROM {_quoted(name)} WHERE {where}")
        # The rows go first, then what refers to them, as SQLite runs a foreign key's
        # action after the row it refers to is deleted: a child's trigger that asks
        # whether its parent still exists sees it gone (the request log's changes).
        conn.execute(f"DELETE FROM {_quoted(name)} WHERE {where}")
        for child, column, primary, action in references.get(name, []):
            keys = keys_of[primary]
            refers = f"{_quoted(column)} IN {keys}"
            if action == "CASCADE":
                remove(child, refers, depth + 1)
            elif action == "SET NULL":
                conn.execute(f"UPDATE {_quoted(child)} SET {_quoted(column)} = NULL WHERE {refers}")
            elif action not in ("NO ACTION", "RESTRICT"):
                raise NotImplementedError(f"ON DELETE {action} ({child}.{column})")
            left.append((child, column, keys))

    try:
        chosen = scratch("SELECT value FROM json_each(?)", (json.dumps(rowids),))
        remove(table, f"rowid IN {chosen}", 0)
        for child, column, keys in left:
            found = conn.execute(
                f"SELECT 1 FROM {_quoted(child)} WHERE {_quoted(column)} IN {keys} LIMIT 1"
            ).fetchone()
            if found:
                raise IntegrityError(f"FOREIGN KEY constraint failed ({child}.{column})")
    finally:
        for name in made:
            conn.execute(f"DROP TABLE {name}")
