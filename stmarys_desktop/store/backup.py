"""Backup files: one file holding the key file and an encrypted copy of the database.

Layout: a magic line, a 4-byte big-endian header length, a JSON header
(format, when, the centre's random id, the key file as it was, the size and
SHA-256 of the database copy, the audit chain's head), then the database copy, which is SQLCipher
pages under the database key and so unreadable without a key slot. Nothing in
the file is plaintext personal data.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path

from stmarys_desktop.domain.errors import BackupInvalid, DataFolderUnusable, DiskFull
from stmarys_desktop.store import audit, migrations
from stmarys_desktop.store.centre import Centre
from stmarys_desktop.store.database import Connection, connect, integrity_problems, plain_errors
from stmarys_desktop.store.files import DISK_FULL_MESSAGE, fsync_folder, is_disk_full
from stmarys_desktop.store.keystore import Keystore

MAGIC = b"STMARYS-BACKUP\n"
FORMAT_VERSION = 2  # 2 adds the audit chain's head (issue 16); 1 is still read
READABLE_VERSIONS = (1, 2)
CHUNK = 1024 * 1024
SUFFIX = ".stmbackup"


@dataclass(frozen=True)
class BackupHeader:
    created_at: str
    centre_id: str
    keystore: Keystore
    schema_version: int
    db_size: int
    db_sha256: str
    body_offset: int
    # The audit chain's head in the copy (row number, HMAC): an outside checkpoint that
    # verify compares the live chain with (D124). Backups before issue 16 carry it only
    # in their key file's anchor, which is the same pair.
    audit_head: tuple[int, str] = (0, "")


def _problems_of_copy(
    conn: Connection, keystore: Keystore, audit_key: bytes, *, thorough: bool
) -> list[str]:
    """Every page decrypts and passes its HMAC; the audit chain holds.

    `thorough` adds SQLite's full integrity check (restore runs it; a fresh
    copy made by the backup API from a verified database does not need it).
    """
    problems = (
        integrity_problems(conn)
        if thorough
        else [
            f"Encryption check: {row[0]}"
            for row in conn.execute("PRAGMA cipher_integrity_check").fetchall()
        ]
    )
    if not problems:
        problems += audit.trigger_problems(conn)
        problems += audit.chain_problems(conn, audit_key, keystore.anchor)
    return problems


_SHA_PLACEHOLDER = "0" * 64


def _reason(exc: OSError) -> str:
    """The system's words for a file failure ("permission denied"), without the path."""
    return (exc.strerror or "the system refused").rstrip(".").lower()


def _not_readable(path: Path, exc: OSError) -> BackupInvalid:
    return BackupInvalid(
        f"The backup file {path} could not be read: {_reason(exc)}. "
        "Nothing was changed; check the file and the disk it is on."
    )


def refuse_newer(path: Path, header: BackupHeader) -> None:
    """A backup from a newer release holds tables this one does not know."""
    latest = migrations.latest_version()
    if header.schema_version > latest:
        raise BackupInvalid(
            f"The backup {path} was made by a newer version of the application (its "
            f"database is at version {header.schema_version}; this version knows up to "
            f"{latest}), so it was not restored and nothing was changed. Restore it with "
            "that version or a later one."
        )


def write_backup(centre: Centre, destination: Path) -> BackupHeader:
    """Write a backup and check it by reading it back; on failure leave nothing."""
    destination = destination.expanduser()
    snapshot = destination.with_name(destination.name + ".snapshot")
    partial = destination.with_name(destination.name + ".partial")
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        for leftover in (snapshot, partial):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        # The backup API copies pages under the same key: an encrypted snapshot,
        # consistent even while others write, in about half the time of VACUUM INTO.
        with plain_errors(centre.files.database):
            target = connect(snapshot, centre.db_key, create=True)
            try:
                # The snapshot is a scratch file, checked and hashed below and only then
                # written out: no log (in WAL mode every page was written twice) and no
                # waits for the disk (the backup file itself is synced).
                target.execute("PRAGMA journal_mode = OFF")
                target.execute("PRAGMA synchronous = OFF")
                centre.conn.backup(target)
            finally:
                target.close()
        copy = connect(snapshot, centre.db_key)
        try:
            keystore = Keystore.from_bytes(centre.keystore.to_bytes())
            head = audit.tail(copy)
            keystore.set_anchor(*head)
            keystore.save_seal_only(centre.db_key)
            problems = _problems_of_copy(copy, keystore, centre.audit_key, thorough=False)
            schema_version = migrations.current_version(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        if problems:
            raise BackupInvalid("The backup copy failed its check: " + " ".join(problems))
        header = {
            "format": "stmarys-backup",
            "version": FORMAT_VERSION,
            "created_at": centre.now(),
            "centre_id": centre.centre_id,
            "keystore": json.loads(keystore.to_bytes()),
            "schema_version": schema_version,
            "db_size": snapshot.stat().st_size,
            "db_sha256": _SHA_PLACEHOLDER,
            "audit_head": {"seq": head[0], "hmac": head[1]},
        }
        header_bytes = json.dumps(header, sort_keys=True).encode("utf-8")
        sha_at = len(MAGIC) + 4 + header_bytes.index(_SHA_PLACEHOLDER.encode())
        fd = os.open(partial, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "r+b") as sink:
            sink.write(MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes)
            digest = hashlib.sha256()
            with open(snapshot, "rb") as source:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    sink.write(chunk)
            # One pass over the copy: the hash goes into the header's reserved place.
            sink.seek(sha_at)
            sink.write(digest.hexdigest().encode("ascii"))
            sink.flush()
            os.fsync(sink.fileno())
        written = read_header(partial)
        check_body(partial, written)
        os.replace(partial, destination)
        fsync_folder(destination.parent)
        return written
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFull(DISK_FULL_MESSAGE) from None
        raise BackupInvalid(
            f"The backup could not be written to {destination}: {_reason(exc)}. Nothing "
            "was changed; choose a folder this computer can write to and try again."
        ) from None
    finally:
        for leftover in (
            snapshot,
            partial,
            *[snapshot.with_name(snapshot.name + s) for s in ("-wal", "-shm", "-journal")],
        ):
            with contextlib.suppress(OSError):
                leftover.unlink()


def read_header(path: Path) -> BackupHeader:
    """Parse the header, refusing anything that is not a whole backup file."""
    not_backup = BackupInvalid(f"{path} is not a backup file of this application.")
    try:
        with open(path, "rb") as handle:
            if handle.read(len(MAGIC)) != MAGIC:
                raise not_backup
            length_bytes = handle.read(4)
            if len(length_bytes) != 4:
                raise not_backup
            (length,) = struct.unpack(">I", length_bytes)
            if length > 16 * 1024 * 1024:
                raise not_backup
            header_bytes = handle.read(length)
    except FileNotFoundError:
        raise BackupInvalid(f"There is no backup file at {path}.") from None
    except IsADirectoryError:
        raise BackupInvalid(f"{path} is a folder, not a backup file.") from None
    except OSError as exc:
        raise _not_readable(path, exc) from None
    try:
        data = json.loads(header_bytes.decode("utf-8"))
        if data.get("format") != "stmarys-backup" or data.get("version") not in READABLE_VERSIONS:
            raise not_backup
        keystore = Keystore.from_bytes(json.dumps(data["keystore"]).encode("utf-8"))
        if data["version"] >= 2:
            head = data["audit_head"]
            audit_head = (int(head["seq"]), str(head["hmac"]))
        else:
            audit_head = keystore.anchor
        return BackupHeader(
            created_at=str(data["created_at"]),
            centre_id=str(data["centre_id"]),
            keystore=keystore,
            schema_version=int(data["schema_version"]),
            db_size=int(data["db_size"]),
            db_sha256=str(data["db_sha256"]),
            body_offset=len(MAGIC) + 4 + length,
            audit_head=audit_head,
        )
    except BackupInvalid:
        raise
    except Exception:
        raise BackupInvalid(
            f"The backup file {path} is damaged (its header cannot be read)."
        ) from None


def check_body(path: Path, header: BackupHeader) -> None:
    """The database copy is all there and unchanged since it was written."""
    digest = hashlib.sha256()
    total = 0
    try:
        with open(path, "rb") as handle:
            handle.seek(header.body_offset)
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                total += len(chunk)
    except OSError as exc:
        raise _not_readable(path, exc) from None
    if total != header.db_size:
        raise BackupInvalid(f"The backup file {path} is damaged: it has been cut short.")
    if digest.hexdigest() != header.db_sha256:
        raise BackupInvalid(f"The backup file {path} is damaged: its contents have changed.")


def extract_database(path: Path, header: BackupHeader, target: Path) -> None:
    """Copy the (still encrypted) database out of a checked backup file."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as sink, open(path, "rb") as source:
            source.seek(header.body_offset)
            while chunk := source.read(CHUNK):
                sink.write(chunk)
            sink.flush()
            os.fsync(sink.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            target.unlink()
        if is_disk_full(exc):
            raise DiskFull(DISK_FULL_MESSAGE) from None
        # Reading the backup and writing the data folder share this loop; either
        # way nothing has been replaced yet.
        raise DataFolderUnusable(
            f"The backup {path} could not be copied into {target.parent}: {_reason(exc)}. "
            "Nothing was changed; check the backup file and that the data folder can be "
            "written to."
        ) from None


def problems_of_restored_copy(conn: Connection, keystore: Keystore, audit_key: bytes) -> list[str]:
    return _problems_of_copy(conn, keystore, audit_key, thorough=True)
