"""Guards against known faults in the libraries the product stands on."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT

MANY_VOID_CALLS = """
from PySide6.QtCore import QObject
o = QObject()
for _ in range(30000):
    o.setObjectName("x")
print("ok")
"""


def test_qt_calls_returning_nothing_do_not_wear_out_none() -> None:
    """PySide6 6.12.0 lost a reference to None on each such call and aborted the
    process after a few thousand: a working day at the front desk."""
    result = subprocess.run(
        [sys.executable, "-c", MANY_VOID_CALLS],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-500:]


def test_sqlite_takes_the_lookaside_setting_and_still_encrypts(tmp_path) -> None:
    """The store sets SQLite's per-connection lookaside while SQLite is shut down
    (D78). Should a new sqlcipher3 refuse that, every query would again make heap
    allocations that memory security locks and wipes, several times slower."""
    from stmarys_desktop.store import database

    if sys.platform.startswith("linux"):  # where the sqlcipher3 wheels export SQLite's API
        assert database.LOOKASIDE_CONFIGURED
    assert not database._configure_sqlite("/no/such/library.so")  # elsewhere: runs without
    conn = database.connect(tmp_path / "c.db", bytes(range(32)), create=True)
    try:
        conn.execute("CREATE TABLE t (x)")
        assert conn.execute("PRAGMA cipher_memory_security").fetchone()[0] == "1"
    finally:
        conn.close()
    assert not (tmp_path / "c.db").read_bytes().startswith(database.PLAIN_SQLITE_HEADER)
