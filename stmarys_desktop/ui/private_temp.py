"""The process's temporary folder: a private folder inside the data folder (issue 16).

Qt's print engine writes the whole document to a temporary file before the spooler
takes it; a library may write others. They go to `tmp/` in the data folder, owner-only
(0700), emptied at start (what a crash left) and at exit, never to the shared system
temporary folder. What the print spooler itself keeps is outside the application's
reach (README, security notes).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

FOLDER_NAME = "tmp"
VARIABLES = ("TMPDIR", "TEMP", "TMP")  # Unix and Qt on Unix; Windows and Qt on Windows


def _empty(folder: Path) -> None:
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                child.unlink()


@contextlib.contextmanager
def private_temp(data_dir: Path) -> Iterator[Path | None]:
    """Point the process's temporary folder at `data_dir/tmp` for the duration.

    Yields the folder, or None when the data folder cannot be written (the window then
    explains that itself; the system's temporary folder stays in use meanwhile)."""
    made_data_dir = not data_dir.exists()
    folder = data_dir / FOLDER_NAME
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.mkdir(exist_ok=True, mode=0o700)
        os.chmod(folder, stat.S_IRWXU)  # also when an older one was made looser
        _empty(folder)
    except OSError:
        yield None
        return
    saved = {name: os.environ.get(name) for name in VARIABLES}
    saved_tempdir = tempfile.tempdir
    for name in VARIABLES:
        os.environ[name] = str(folder)
    tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = saved_tempdir
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(folder, ignore_errors=True)
        if made_data_dir:
            with contextlib.suppress(OSError):
                data_dir.rmdir()  # only if nothing else was put there
