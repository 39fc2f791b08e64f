"""The files of one centre, and how they are written safely.

Atomic writes follow Electrum: permissions set before any data, fsync of the
file, `os.replace`, then fsync of the folder, so a crash leaves either the old
file or the new one, never half of either.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from stmarys_desktop.domain.errors import DataFolderUnusable, DiskFull

DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}

DISK_FULL_MESSAGE = (
    "There is not enough disk space to save this. Nothing was changed; "
    "free some space and try again."
)
DISK_WRITE_FAILED_MESSAGE = (
    "The disk could not be written to (it may be full or failing). Nothing was changed; "
    "free some space, check the disk, and try again."
)


class CentreFiles(NamedTuple):
    """The centre's files in its folder. A NamedTuple, not a dataclass: the sign-in window
    asks whether they exist, and `dataclasses` would be 3 ms of its start (D370)."""

    folder: Path

    @property
    def database(self) -> Path:
        return self.folder / "centre.db"

    @property
    def keystore(self) -> Path:
        return self.folder / "keystore.json"

    @property
    def sign_in_attempts(self) -> Path:
        return self.folder / "sign-in-attempts.json"

    @property
    def lock(self) -> Path:
        return self.folder / ".keystore.lock"

    @property
    def backups(self) -> Path:
        return self.folder / "backups"

    def database_side_files(self) -> list[Path]:
        return [self.database.with_name(self.database.name + s) for s in ("-wal", "-shm")]

    def exists(self) -> bool:
        return self.database.exists() or self.keystore.exists()


def ensure_folder(folder: Path) -> None:
    """Create the data folder (owner only) or explain why it cannot be used."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise DataFolderUnusable(
            f"The data folder {folder} cannot be created: {exc.strerror or exc}."
        ) from None
    if not folder.is_dir():
        raise DataFolderUnusable(f"The data folder {folder} is not a folder.")
    probe = folder / ".write-test"
    try:
        with open(probe, "wb") as handle:
            handle.write(b"ok")
        probe.unlink()
    except OSError as exc:
        raise DataFolderUnusable(
            f"The data folder {folder} cannot be written to: {exc.strerror or exc}."
        ) from None


def room_to_rebuild(files: CentreFiles) -> tuple[int, int]:
    """(bytes free, bytes a rebuild of the database may need): VACUUM writes a copy."""
    free = shutil.disk_usage(files.folder).free
    size = sum(
        p.stat().st_size for p in [files.database, *files.database_side_files()] if p.exists()
    )
    return free, size + size // 10


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in DISK_FULL_ERRNOS


def fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once; on failure the old file stays."""
    temp = path.with_name(path.name + ".partial")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        fsync_folder(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if is_disk_full(exc):
            raise DiskFull(DISK_FULL_MESSAGE) from None
        raise


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes (and threads) sharing one data folder: the
    system's own lock through filelock (flock on POSIX, LockFileEx on Windows). Never
    the soft kind, a file that exists, which a crash would leave behind for ever; the
    lock file itself stays, so two desks never race to make it again (D209)."""
    from filelock import FileLock

    with FileLock(
        path, mode=0o600, thread_local=False, fallback_to_soft=False, preserve_lock_file=True
    ):
        yield
