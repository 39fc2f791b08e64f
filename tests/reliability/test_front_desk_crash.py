"""SIGKILL in a loop during front-desk work: no acknowledged change is ever lost.

A child process (tests/reliability/worker.py front-desk) adds families, books
their sessions, checks people in and out and records incidents, printing an ACK
line after each committed write. It is killed at a random moment, many times;
after each kill the centre is reopened, every acknowledged change must be there
and the integrity check must pass.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts, bookings
from stmarys_desktop.services.auth import sign_in
from stmarys_desktop.services.maintenance import verify
from tests.helpers import MANAGER, PASSWORD, ROOT
from tests.reliability.worker import front_desk_day
from tests.unit.vetting_helpers import cleared_staff

pytestmark = [pytest.mark.reliability, pytest.mark.slow]

KILLS = 24
DESK_USER, DESK_PASSWORD = "coord", "coordinator password"


@pytest.fixture
def front_desk_centre(manager, data_dir: Path) -> Path:
    day = front_desk_day(0)
    manager.centre.clock = lambda: datetime(day.year, day.month, day.day, 8).astimezone()
    accounts.create_account(
        manager,
        user_name=DESK_USER,
        display_name="Nerys Calder",
        roles=[Role.COORDINATOR],
        password=DESK_PASSWORD,
    )
    bookings.add_room(manager, "Playroom")
    cleared_staff(manager, "Nia Holmbrook")
    manager.close()
    return data_dir


def run_until_killed(folder: Path, rng: random.Random) -> list[str]:
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.reliability.worker",
            "front-desk",
            str(folder),
            DESK_USER,
            DESK_PASSWORD,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    acks: list[str] = []
    target = rng.randint(1, 10)
    deadline = time.monotonic() + 60
    while len(acks) < target and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        acks.append(line.strip())
    time.sleep(rng.uniform(0, 0.015))  # into the middle of the next write
    child.kill()
    child.wait()
    errors = child.stderr.read() if child.stderr else ""
    assert acks, errors or "the worker printed nothing"
    assert all(a.startswith("ACK ") for a in acks), (acks, errors)
    return acks


def missing(conn, ack: str) -> bool:
    """True if the change this ACK line acknowledged is not in the database."""
    _, what, *ids = ack.split()
    numbers = [int(i) for i in ids]
    query = {
        "family": "SELECT 1 FROM family WHERE id = ?",
        "book": "SELECT 1 FROM contact_session WHERE id = ?",
        "in": "SELECT 1 FROM attendance WHERE session_id = ? AND person_id = ?"
        " AND arrived_at IS NOT NULL",
        "out": "SELECT 1 FROM attendance WHERE session_id = ? AND person_id = ?"
        " AND left_at IS NOT NULL",
        "incident": "SELECT 1 FROM incident WHERE id = ?",
    }[what]
    return conn.execute(query, numbers).fetchone() is None


def test_sigkill_during_front_desk_writes_loses_no_acknowledged_change(
    front_desk_centre: Path,
) -> None:
    rng = random.Random(20261202)
    acknowledged: list[str] = []
    for kill in range(KILLS):
        acknowledged += run_until_killed(front_desk_centre, rng)
        session = sign_in(front_desk_centre, MANAGER, PASSWORD)
        try:
            conn = session.centre.conn
            lost = [ack for ack in acknowledged if missing(conn, ack)]
            assert not lost, f"after kill {kill + 1}: acknowledged and then lost: {lost}"
            report = verify(session)
            assert report.ok, report.problems
        finally:
            session.close()
    kinds = {ack.split()[1] for ack in acknowledged}
    assert kinds == {"family", "book", "in", "out", "incident"}, kinds
