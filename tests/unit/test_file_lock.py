"""The data folder's lock (D209): one holder at a time, across processes and threads."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from stmarys_desktop.store.files import file_lock
from tests.helpers import ROOT

HOLD = """
import sys, time
from pathlib import Path
from stmarys_desktop.store.files import file_lock
with file_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_second_desk_waits_for_the_first_to_let_go(tmp_path: Path) -> None:
    lock = tmp_path / ".keystore.lock"
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock), "1.0"], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout.readline().strip() == "held"
        started = time.monotonic()
        with file_lock(lock):
            waited = time.monotonic() - started
        assert waited > 0.5  # it waited for the other process rather than barging in
    finally:
        other.wait(10)
    assert lock.exists() and (lock.stat().st_mode & 0o077) == 0


def test_two_threads_take_turns(tmp_path: Path) -> None:
    lock = tmp_path / ".keystore.lock"
    order: list[str] = []
    inside = threading.Event()

    def first() -> None:
        with file_lock(lock):
            order.append("first in")
            inside.set()
            time.sleep(0.3)
            order.append("first out")

    thread = threading.Thread(target=first)
    thread.start()
    inside.wait(5)
    with file_lock(lock):
        order.append("second in")
    thread.join(5)
    assert order == ["first in", "first out", "second in"]
