"""Disk full during disposal (clause viii): a plain DiskFull message, and a centre that opens.

A child process disposes of every family due, with a maximum file size
(RLIMIT_FSIZE) so that a write past it fails as on a full disk:

- below the database size, the disposal transaction itself cannot be written:
  nothing is deleted, the review lists the same records;
- at the database size, the transaction commits and the clearing that follows
  (merging the search index) runs out of space: the records are disposed of, the message says so,
  and the centre still opens and verifies.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stmarys_desktop.services import retention
from stmarys_desktop.services.auth import sign_in
from stmarys_desktop.services.demo import make_demo_centre
from stmarys_desktop.services.maintenance import verify
from tests.helpers import CHEAP_KDF, ROOT

pytestmark = pytest.mark.reliability
PASSWORD = "demo password 1"

DISPOSE = """
import resource, signal, sys
from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.services import retention
from stmarys_desktop.services.auth import sign_in
session = sign_in(sys.argv[1], "manager", sys.argv[2])
found = retention.review(session)
ids = [r.id for r in found.due if r.category == "family"]
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), resource.RLIM_INFINITY))
try:
    retention.dispose(session, as_of=found.as_of, family_ids=ids, staff_ids=[],
                      manager_password=sys.argv[2])
    print("DISPOSED")
except StMarysError as error:
    print("REFUSED", type(error).__name__, error.message)
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("full-disposal") / "centre"
    make_demo_centre(folder, families=150, seed=4, password=PASSWORD, kdf=CHEAP_KDF)
    return folder


def due_and_register(folder: Path) -> tuple[list[int], int]:
    session = sign_in(folder, "manager", PASSWORD)
    try:
        due = [r.id for r in retention.review(session).due if r.category == "family"]
        register = len(retention.disposal_register(session))
        report = verify(session)
        assert report.ok, report.problems
        return due, register
    finally:
        session.close()


def dispose_with_file_limit(folder: Path, limit: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", DISPOSE, str(folder), PASSWORD, str(limit)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_disposal_that_cannot_be_written_deletes_nothing(template, tmp_path) -> None:
    folder = tmp_path / "centre"
    shutil.copytree(template, folder)
    due_before, register_before = due_and_register(folder)
    assert due_before and register_before == 0
    limit = (folder / "centre.db").stat().st_size // 2
    result = dispose_with_file_limit(folder, limit)
    assert result.stdout.startswith("REFUSED DiskFull"), result.stdout + result.stderr
    assert "Nothing was changed" in result.stdout and "Traceback" not in result.stderr
    assert due_and_register(folder) == (due_before, 0)


def test_a_disk_full_while_clearing_after_a_disposal_says_so_and_the_centre_opens(
    template, tmp_path
) -> None:
    folder = tmp_path / "centre"
    shutil.copytree(template, folder)
    due_before, _ = due_and_register(folder)
    limit = (folder / "centre.db").stat().st_size
    result = dispose_with_file_limit(folder, limit)
    assert result.stdout.startswith("REFUSED DiskFull"), result.stdout + result.stderr
    assert "records were disposed of" in result.stdout, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    # The clearing failed part-way; the records are gone, all in the register, and
    # the centre opens (the write-ahead log finishes the cut-off checkpoint).
    assert due_and_register(folder) == ([], len(due_before))
