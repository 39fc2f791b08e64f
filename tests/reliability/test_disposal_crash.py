"""Clause viii: a disposal killed part-way is all or nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stmarys_desktop.services import retention
from stmarys_desktop.services.auth import sign_in
from stmarys_desktop.services.demo import make_demo_centre
from stmarys_desktop.services.maintenance import verify
from tests.helpers import CHEAP_KDF, ROOT

pytestmark = [pytest.mark.reliability, pytest.mark.slow]
PASSWORD = "demo password 1"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("disposal") / "centre"
    make_demo_centre(folder, families=600, seed=4, password=PASSWORD, kdf=CHEAP_KDF)
    return folder


@pytest.mark.parametrize("delay", [0.0, 0.02, 0.05, 0.1, 0.2, 0.4])
def test_a_disposal_killed_at_any_moment_is_all_or_nothing(template, tmp_path, delay):
    folder = tmp_path / "centre"
    shutil.copytree(template, folder)
    session = sign_in(folder, "manager", PASSWORD)
    due_before = [r.id for r in retention.review(session).due if r.category == "family"]
    session.close()
    assert due_before
    child = subprocess.Popen([sys.executable, "-m", "tests.reliability.worker", "dispose",
                              str(folder), PASSWORD], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().startswith("START")
    time.sleep(delay)
    child.kill()
    child.wait()
    session = sign_in(folder, "manager", PASSWORD)
    try:
        due_after = [r.id for r in retention.review(session).due if r.category == "family"]
        register = retention.disposal_register(session)
        assert (due_after, register) == (due_before, []) or (
            due_after == [] and len(register) == len(due_before)), (len(due_after),
                                                                    len(register))
        report = verify(session)
        assert report.ok, report.problems
    finally:
        session.close()
