"""One open centre: the database connection, its key, the key file, and the
transaction through which every change and its audit row are written together.
"""

from __future__ import annotations

import contextlib
import secrets
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from stmarys_desktop.domain.clock import Clock, stamp, system_clock
from stmarys_desktop.domain.errors import (
    CentreExists,
    DatabaseDamaged,
    DiskFull,
    KeystoreDamaged,
    StMarysError,
    UpgradeFailed,
)
from stmarys_desktop.store import audit, meta, migrations, retention
from stmarys_desktop.store.database import Connection, connect, plain_errors
from stmarys_desktop.store.files import CentreFiles, ensure_folder, file_lock
from stmarys_desktop.store.keystore import KdfParams, Keystore, seal_key


class Centre:
    """An unlocked centre. Close it to forget the key."""

    def __init__(
        self,
        files: CentreFiles,
        conn: Connection,
        db_key: bytes,
        keystore: Keystore,
        clock: Clock = system_clock,
    ) -> None:
        self.files = files
        self.conn = conn
        self.db_key = db_key
        self.keystore = keystore
        self.clock = clock
        self._audit_key = bytes.fromhex(meta.get(conn, "audit_key") or "")
        self._batch_depth = 0
        self._batch_tail: tuple[int, str] | None = None  # the audit tail a batch wrote
        self._at_commit: dict[Callable[[Connection, list[int]], None], list[int]] = {}

    # -- opening and closing --------------------------------------------------------

    @classmethod
    def create(
        cls,
        folder: Path,
        *,
        centre_name: str,
        new_slot_kdf: KdfParams,
        fill_keystore: Callable[[Keystore, bytes], None],
        first_rows: Callable[[Centre], None] | None = None,
        clock: Clock = system_clock,
        memory_security: bool = True,
    ) -> Centre:
        """Make a new centre; on any failure nothing is left behind, including a failure
        of `first_rows` (the first account and its audit row, written by the caller)."""
        files = CentreFiles(folder)
        ensure_folder(folder)
        if files.exists():
            raise CentreExists(
                f"{folder} already holds a centre; it was left as it is. "
                "Choose another data folder to create a new centre."
            )
        db_key = secrets.token_bytes(32)
        centre_id = uuid.uuid4().hex
        keystore = Keystore.create(centre_id, new_slot_kdf)
        conn = None
        try:
            conn = connect(files.database, db_key, create=True, memory_security=memory_security)
            migrations.migrate(conn)
            now = stamp(clock())
            with plain_errors(files.database):
                conn.execute("BEGIN IMMEDIATE")
                meta.put(conn, "centre_id", centre_id)
                meta.put(conn, "centre_name", centre_name)
                meta.put(conn, "created_at", now)
                meta.put(conn, "audit_key", seal_key(db_key, b"audit chain").hex())
                conn.execute("COMMIT")
            fill_keystore(keystore, db_key)
            keystore.save(db_key, files.keystore)
            centre = cls(files, conn, db_key, keystore, clock)
            if first_rows is not None:
                first_rows(centre)
        except BaseException:
            if conn is not None:
                conn.close()
            for path in [files.keystore, files.database, *files.database_side_files()]:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
            raise
        return centre

    @classmethod
    def open(
        cls,
        files: CentreFiles,
        keys: list[bytes],
        keystore: Keystore,
        *,
        clock: Clock = system_clock,
        before_migration: Callable[[Centre, int], None] | None = None,
    ) -> Centre:
        """Open with the first key that reads the database.

        A second key exists only when a key rotation was interrupted; if it is
        the one that opens the database, the rotation is finished here.
        """
        last_error: StMarysError | None = None
        for index, key in enumerate(keys):
            try:
                conn = connect(files.database, key)
            except DatabaseDamaged as exc:
                last_error = exc
                continue
            try:
                centre = cls(files, conn, key, keystore, clock)
                # The key file is sealed with the first key it holds, also while a
                # rotation is staged (the staged key opening the database is then the
                # second): checked whichever opened it, so nothing edited slips through.
                if not keystore.seal_holds(keys[0]):
                    raise KeystoreDamaged(
                        f"The key file (keystore.json) in {files.folder} has been edited "
                        "outside the application. Restore the latest backup "
                        "(Admin > Restore, or `stmarys-desktop restore`)."
                    )
                if index > 0:
                    centre.update_keystore(lambda ks: ks.commit_staged_key())
                elif keystore.has_staged_key():
                    centre.update_keystore(lambda ks: ks.drop_staged_key())
                # Before anything else reads or copies the file (a pre-migration backup).
                centre.finish_pending_clearing()
                centre.migrate(before_migration)
            except BaseException:
                conn.close()
                raise
            return centre
        assert last_error is not None
        raise last_error

    def finish_pending_clearing(self) -> None:
        """A disposal killed before its clearing ended left disposed names in the search
        index and in free pages: clear them now. Without the disk space for it, the mark
        stays and the next opening tries again; the centre still opens."""
        if retention.clearing_pending(self.conn) is None:
            return
        try:
            with plain_errors(self.files.database):
                retention.finish_clearing(self.conn)
        except DiskFull:
            return
        self.audit(
            actor="(the application)",
            action="retention.clear",
            detail="clearing after an interrupted disposal finished on opening",
        )

    def migrate(self, before: Callable[[Centre, int], None] | None) -> None:
        """Apply due migrations; `before` runs first (the pre-migration backup)."""

        def run_before(version: int) -> None:
            if before is not None:
                before(self, version)

        version = migrations.current_version(self.conn)
        try:
            with plain_errors(self.files.database):
                migrations.migrate(self.conn, before=run_before)
        except StMarysError:
            raise
        except Exception as exc:
            raise UpgradeFailed(
                f"The database could not be brought up to this version of the application "
                f"({type(exc).__name__}: {exc}); it was left as it was, at version {version}. "
                "Keep using the previous version of the application and report this."
            ) from None

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()
        self.db_key = b""
        self._audit_key = b""

    # -- facts ------------------------------------------------------------------------

    @property
    def centre_id(self) -> str:
        return self.keystore.centre_id

    @property
    def name(self) -> str:
        return meta.get(self.conn, "centre_name") or ""

    @property
    def audit_key(self) -> bytes:
        return self._audit_key

    def writes_seen(self) -> tuple[int, int]:
        """What has been written since it opened: rows changed here, and SQLite's count of
        other connections' commits (another desk's). Equal twice, nothing was written."""
        (others,) = self.conn.execute("PRAGMA data_version").fetchone()
        return self.conn.total_changes, others

    def now(self) -> str:
        return stamp(self.clock())

    # -- writing ----------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """All of a change and its audit rows, or none of it.

        Inside `batch()` the change joins the batch's one transaction: a service called
        by an import runs exactly as it does alone, and the batch commits or rolls back
        everything together. (Services check before they write, so a refusal leaves
        nothing of its own behind; savepoints cost seven times as much, D181.)"""
        if self._batch_depth:
            yield self.conn
            return
        with plain_errors(self.files.database):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        self.refresh_anchor()

    @contextlib.contextmanager
    def batch(self, *, keep: bool = True) -> Iterator[Connection]:
        """One transaction around many service calls (an import): their changes and
        audit rows are kept together or not at all. With keep=False everything is
        rolled back at the end, which is how an import's preview asks every service
        what it would refuse without writing anything."""
        if self._batch_depth or self.conn.in_transaction:
            raise RuntimeError("a batch cannot start inside another transaction")
        with plain_errors(self.files.database):
            self.conn.execute("BEGIN IMMEDIATE")
            self._batch_depth = 1
            self._batch_tail = None
            self._at_commit = {}
            try:
                yield self.conn
                if keep:
                    for work, items in self._at_commit.items():
                        work(self.conn, items)
                    self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            finally:
                self._batch_depth = 0
                self._batch_tail = None
                self._at_commit = {}
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
        if keep:
            self.refresh_anchor()

    def at_commit(self, work: Callable[[Connection, list[int]], None], item: int) -> None:
        """`work(conn, [item])` now, inside the caller's transaction; inside a batch, once
        for every item gathered, just before the batch commits. For work that costs far
        less done once for thousands (an import's search entries, D345)."""
        if not self.conn.in_transaction:
            raise RuntimeError("work at commit is done inside a transaction")
        if self._batch_depth:
            self._at_commit.setdefault(work, []).append(item)
        else:
            work(self.conn, [item])

    def audit(
        self, *, actor: str, action: str, subject: str = "", detail: str = "", outcome: str = "done"
    ) -> int:
        """Append an audit row. Inside `transaction()` it joins the change, so the change
        and its row stand or fall together; outside, it is a row on its own (a refusal, a
        view) in a transaction of its own."""
        if not self.conn.in_transaction:
            with self.transaction():
                return self.audit(
                    actor=actor, action=action, subject=subject, detail=detail, outcome=outcome
                )
        # Inside a batch (which holds the write lock) the tail is the row this batch
        # appended last, so it is not read again for each of thousands of rows (D343).
        seq, mac = audit.append(
            self.conn,
            self._audit_key,
            at=self.now(),
            actor=actor,
            action=action,
            subject=subject,
            detail=detail,
            outcome=outcome,
            after=self._batch_tail if self._batch_depth else None,
        )
        if self._batch_depth:
            self._batch_tail = (seq, mac)
        return seq

    def move_anchor_to_tail(self) -> None:
        """Only once a manager has recorded what happened to a broken audit log."""
        seq, mac = audit.tail(self.conn)
        self.update_keystore(lambda keystore: keystore.set_anchor(seq, mac))

    def update_keystore(self, change: Callable[[Keystore], None]) -> None:
        """Change the key file under a lock, starting from what is on disk now."""
        with file_lock(self.files.lock):
            current = Keystore.load(self.files.keystore)
            change(current)
            current.save(self.db_key, self.files.keystore)
            self.keystore = current

    def refresh_anchor(self) -> None:
        """Copy the audit tail into the key file, so a cut tail is found.

        The anchor never moves past a row that is missing or differs from what it
        recorded: a cut, once made, stays found until a manager records what happened
        (services/integrity.py, D120)."""
        seq, mac = audit.tail(self.conn)
        if seq <= self.keystore.anchor[0]:
            return

        def move_anchor(keystore: Keystore) -> None:
            if (
                seq > keystore.anchor[0]
                and audit.anchor_problem(self.conn, keystore.anchor) is None
            ):
                keystore.set_anchor(seq, mac)

        # A failed write here leaves the anchor behind the log, which verify
        # accepts; the next transaction tries again.
        with contextlib.suppress(OSError, StMarysError):
            self.update_keystore(move_anchor)
