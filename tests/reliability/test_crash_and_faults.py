"""Killed mid-write, and disks that fill up: no acknowledged change lost, nothing half-made."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stmarys_desktop.domain.errors import DiskFull, SignInRefused
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts
from stmarys_desktop.services.auth import sign_in
from stmarys_desktop.services.maintenance import verify
from stmarys_desktop.store import audit
from tests.helpers import MANAGER, PASSWORD, ROOT
from tests.reliability.worker import ROLE_CYCLE

pytestmark = pytest.mark.reliability

KILLS = 25


def run_until_killed(folder: Path, rng: random.Random) -> list[str]:
    """Start the writer, kill it with SIGKILL after a random number of writes."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.worker", "writes", str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    acks: list[str] = []
    target = rng.randint(1, 12)
    deadline = time.monotonic() + 60
    assert child.stdout is not None
    while len(acks) < target and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        acks.append(line.strip())
    # Let it get into the middle of the next write before the kill.
    time.sleep(rng.uniform(0, 0.01))
    child.kill()
    child.wait()
    assert acks, child.stderr.read() if child.stderr else "writer printed nothing"
    return acks


@pytest.mark.slow
def test_sigkill_during_writes_loses_no_acknowledged_change(closed_centre: Path) -> None:
    rng = random.Random(20261128)
    expected_roles: dict[str, set[str]] = {}
    for _ in range(KILLS):
        acks = run_until_killed(closed_centre, rng)
        for ack in acks:
            parts = ack.split()
            expected_roles[parts[2]] = (
                {"front_desk"} if parts[1] == "create" else set(parts[3].split(","))
            )
        # The kill may land after the next change committed but before its
        # acknowledgement: the last account touched may be one step further on.
        last = acks[-1].split()
        number = int(last[2].removeprefix("worker"))
        one_step_on = {r.value for r in ROLE_CYCLE[number % len(ROLE_CYCLE)]}
        session = sign_in(closed_centre, MANAGER, PASSWORD)
        try:
            present = {
                a.user_name: {r.value for r in a.roles} for a in accounts.list_accounts(session)
            }
            for name, roles in expected_roles.items():
                assert name in present, f"{name} was acknowledged and then lost"
                allowed = [roles] + ([one_step_on] if name == last[2] else [])
                assert present[name] in allowed, f"{name}: {present[name]} not in {allowed}"
                expected_roles[name] = present[name]
            report = verify(session)
            assert report.ok, report.problems
        finally:
            session.close()
    # Every acknowledged account can sign in: its key slot was written too.
    for name in rng.sample(sorted(expected_roles), 5):
        sign_in(closed_centre, name, f"password of {name}").close()


def test_a_transaction_that_fills_the_disk_leaves_the_previous_state(manager) -> None:
    centre = manager.centre
    before = audit.tail(centre.conn)
    pages = centre.conn.execute("PRAGMA page_count").fetchone()[0]
    centre.conn.execute(f"PRAGMA max_page_count = {pages + 3}")
    with (
        pytest.raises(DiskFull, match="not enough disk space.*Nothing was changed"),
        centre.transaction(),
    ):
        for n in range(2000):
            centre.audit(actor=MANAGER, action="test.row", detail="x" * 200 + str(n))
    assert audit.tail(centre.conn) == before
    assert not centre.conn.in_transaction
    centre.conn.execute("PRAGMA max_page_count = 1073741823")
    assert verify(manager).ok


def cli_with_file_limit(limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    import os

    env = dict(os.environ, STMARYS_PASSWORD=PASSWORD)
    return subprocess.run(
        [sys.executable, "-m", "tests.reliability.worker", "file-limit", str(limit), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_a_backup_onto_a_full_disk_fails_cleanly(manager, data_dir: Path, tmp_path: Path) -> None:
    with manager.centre.transaction():
        for n in range(3000):
            manager.centre.audit(actor=MANAGER, action="test.row", detail=f"row {n}")
    manager.centre.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    manager.close()
    target = tmp_path / "out" / "full.stmbackup"
    limit = (data_dir / "centre.db").stat().st_size // 2
    result = cli_with_file_limit(
        limit, "backup", "--data-dir", str(data_dir), "--user", MANAGER, "--to", str(target)
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "could not be written" in result.stderr or "not enough disk space" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert list(target.parent.iterdir()) == []  # no partial backup left behind
    session = sign_in(data_dir, MANAGER, PASSWORD)
    try:
        assert verify(session).ok
    finally:
        session.close()


def test_a_password_change_on_a_full_disk_keeps_the_old_password(manager, data_dir) -> None:
    accounts.create_account(
        manager,
        user_name="frontdesk",
        display_name="Pella Quorne",
        roles=[Role.FRONT_DESK],
        password="front desk password",
    )
    keystore_size = (data_dir / "keystore.json").stat().st_size
    manager.close()
    code = (
        "import resource, signal, sys\n"
        "from stmarys_desktop.services.auth import sign_in\n"
        "from stmarys_desktop.services.accounts import reset_password\n"
        "from stmarys_desktop.domain.errors import DiskFull\n"
        f"s = sign_in({str(data_dir)!r}, {MANAGER!r}, {PASSWORD!r})\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({keystore_size // 2}, -1))\n"
        "try:\n"
        f"    reset_password(s, manager_password={PASSWORD!r}, user_name='frontdesk',\n"
        "                   new_password='a much newer password')\n"
        "except DiskFull as e:\n"
        "    print('DISKFULL', e.message)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert "DISKFULL" in result.stdout, result.stdout + result.stderr
    sign_in(data_dir, "frontdesk", "front desk password").close()
    with pytest.raises(SignInRefused):
        sign_in(data_dir, "frontdesk", "a much newer password", monotonic=lambda: 1e12)
