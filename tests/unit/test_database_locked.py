"""A database held by another window or command is named in plain words."""

from __future__ import annotations

import pytest

from stmarys_desktop.domain.errors import CentreBusy
from stmarys_desktop.services.maintenance import set_keep_backups
from stmarys_desktop.store.database import connect


def test_a_change_while_another_connection_writes_says_the_centre_is_busy(manager) -> None:
    centre = manager.centre
    other = connect(centre.files.database, centre.db_key)
    try:
        other.execute("BEGIN IMMEDIATE")
        centre.conn.execute("PRAGMA busy_timeout = 0")  # the 5 s wait, without the wait
        with pytest.raises(CentreBusy, match="busy in another window or command") as busy:
            set_keep_backups(manager, 3)
        assert "try again" in busy.value.message and "locked" not in busy.value.message
        other.execute("ROLLBACK")
    finally:
        other.close()
    set_keep_backups(manager, 3)
