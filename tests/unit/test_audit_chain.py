"""The audit chain (DESIGN.md section 4): append-only, HMAC-chained, anchored in the key file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stmarys_desktop.services.auth import sign_in
from stmarys_desktop.services.maintenance import verify
from stmarys_desktop.store import audit
from stmarys_desktop.store.database import IntegrityError
from tests.helpers import MANAGER, PASSWORD


def fill(session, rows: int) -> None:
    with session.centre.transaction():
        for n in range(rows):
            session.centre.audit(actor=MANAGER, action="test.row", detail=f"row {n}")


def test_a_fresh_chain_verifies(manager) -> None:
    fill(manager, 20)
    report = verify(manager)
    assert report.ok, report.problems
    assert report.audit_rows >= 21


def test_the_audit_table_refuses_update_and_delete(manager) -> None:
    fill(manager, 3)
    conn = manager.centre.conn
    with pytest.raises(IntegrityError, match="append-only"):
        conn.execute("UPDATE audit SET detail = 'changed' WHERE seq = 2")
    with pytest.raises(IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit WHERE seq = 2")
    assert verify(manager).ok


def test_an_edit_after_dropping_the_trigger_is_found_by_row(manager) -> None:
    fill(manager, 10)
    conn = manager.centre.conn
    conn.execute("DROP TRIGGER audit_refuses_update")
    conn.execute("UPDATE audit SET detail = 'nothing to see' WHERE seq = 5")
    report = verify(manager)
    assert not report.ok
    assert "Audit row 5 has been altered." in report.problems
    assert any("audit_refuses_update" in p and "removed" in p for p in report.problems)


def test_a_deleted_row_in_the_middle_is_found(manager) -> None:
    fill(manager, 10)
    conn = manager.centre.conn
    conn.execute("DROP TRIGGER audit_refuses_delete")
    conn.execute("DELETE FROM audit WHERE seq = 4")
    problems = verify(manager).problems
    assert "Audit row 4 is missing." in problems
    assert "Audit row 5 does not follow the row before it." in problems


def test_several_deleted_rows_are_named_as_a_range(manager) -> None:
    fill(manager, 10)
    conn = manager.centre.conn
    conn.execute("DROP TRIGGER audit_refuses_delete")
    conn.execute("DELETE FROM audit WHERE seq IN (4, 5, 6)")
    assert "Audit rows 4 to 6 are missing." in verify(manager).problems


def test_a_cut_tail_is_found_through_the_anchor(manager, data_dir: Path) -> None:
    fill(manager, 10)
    last = audit.tail(manager.centre.conn)[0]
    conn = manager.centre.conn
    conn.execute("DROP TRIGGER audit_refuses_delete")
    conn.execute("DELETE FROM audit WHERE seq > ?", (last - 3,))
    # The chain that is left is unbroken; only the anchor in the key file shows the cut.
    assert audit.chain_problems(conn, manager.centre.audit_key, (0, "")) == []
    problems = verify(manager).problems
    assert any("cut from the end" in p for p in problems)


def test_the_anchor_follows_every_committed_change(manager, data_dir: Path) -> None:
    fill(manager, 2)
    anchor = json.loads((data_dir / "keystore.json").read_text())["anchor"]
    assert (anchor["seq"], anchor["hmac"]) == audit.tail(manager.centre.conn)


def test_a_lagging_anchor_is_accepted(closed_centre: Path) -> None:
    """A crash between the database commit and the key-file write leaves the anchor behind."""
    session = sign_in(closed_centre, MANAGER, PASSWORD)
    try:
        anchor = session.centre.keystore.anchor
        with session.centre.transaction():
            session.centre.audit(actor=MANAGER, action="test.row")
        session.centre.update_keystore(lambda ks: ks.set_anchor(*anchor))
        assert verify(session).ok
    finally:
        session.close()


def test_verify_checks_ten_thousand_rows(manager) -> None:
    fill(manager, 10_000)
    report = verify(manager)
    assert report.ok and report.audit_rows > 10_000
