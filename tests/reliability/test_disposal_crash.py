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
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.worker", "dispose", str(folder), PASSWORD],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
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
            due_after == [] and len(register) == len(due_before)
        ), (len(due_after), len(register))
        report = verify(session)
        assert report.ok, report.problems
    finally:
        session.close()


# -- issue 16, item 7: a kill between the disposal's commit and the clearing -----------------

SURNAME = "Zelqorn"  # made up, and shared by every family disposed of here


@pytest.fixture(scope="module")
def old_families(tmp_path_factory) -> Path:
    """A centre whose 120 families were last used in 2022, every surname beginning
    Zelqorn, so that any trace of one in the decrypted pages is found."""
    from datetime import datetime

    from stmarys_desktop.domain.roles import Role
    from stmarys_desktop.services import accounts, families
    from stmarys_desktop.services.auth import create_centre
    from tests.unit.family_helpers import two_parent_family

    folder = tmp_path_factory.mktemp("clearing") / "centre"
    made = create_centre(
        folder,
        centre_name="St Mary's Test Centre",
        admin_user_name="manager",
        admin_display_name="Morwenna Testwick",
        password=PASSWORD,
        kdf=CHEAP_KDF,
    )
    accounts.create_account(
        made.session,
        user_name="coord",
        display_name="Nerys Calder",
        roles=[Role.COORDINATOR],
        password=PASSWORD,
    )
    made.session.close()
    coord = sign_in(folder, "coord", PASSWORD)
    coord.centre.clock = lambda: datetime(2022, 3, 1, 10).astimezone()
    letters = "abcdefghijklmnopqrstuvwxyz"
    for n in range(120):
        tail = letters[n % 26] + letters[n // 26]
        families.create_family(
            coord,
            two_parent_family(
                resident=f"Carys {SURNAME}{tail}",
                visiting=f"Owen {SURNAME}{tail}",
                children=(f"Ivy {SURNAME}{tail}",),
                referred_on=datetime(2022, 3, 1).date(),
            ),
        )
    coord.close()
    return folder


@pytest.mark.parametrize(
    ("how", "delay"),
    [("hang", 0.0), ("hang", 0.0), ("clear", 0.0), ("clear", 0.05), ("clear", 0.2)],
)
def test_a_kill_before_the_clearing_ends_leaves_no_disposed_name(
    old_families, tmp_path, how, delay
):
    from tests.helpers import decrypted_pages

    folder = tmp_path / "centre"
    shutil.copytree(old_families, folder)
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.reliability.worker",
            "dispose-window",
            str(folder),
            PASSWORD,
            how,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().startswith("START 120")
    assert child.stdout.readline().startswith("COMMITTED")
    time.sleep(delay)
    child.kill()
    child.wait()
    session = sign_in(folder, "manager", PASSWORD)  # the clearing is finished first
    key = session.centre.db_key
    try:
        assert len(retention.disposal_register(session)) == 120
        assert verify(session).ok
    finally:
        session.close()
    raw = decrypted_pages(folder / "centre.db", key)
    for form in (
        SURNAME.encode("utf-8"),
        SURNAME.lower().encode("utf-8"),
        SURNAME.encode("utf-16-le"),
    ):
        assert form not in raw
