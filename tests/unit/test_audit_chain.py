"""The audit chain (DESIGN.md section 4): append-only, HMAC-chained, anchored in the key file."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from stmarys_desktop.domain.errors import InvalidInput
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


# -- issue 16: a cut stays found; the backups as an outside checkpoint ------------------------


def cut_tail(session, rows: int) -> None:
    """What someone holding the database key can do: cut rows off the end and put the
    append-only triggers back, so the log looks whole."""
    conn = session.centre.conn
    trigger = conn.execute(
        "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'audit_refuses_delete'"
    ).fetchone()[0]
    conn.execute("DROP TRIGGER audit_refuses_delete")
    conn.execute("DELETE FROM audit WHERE seq > ?", (audit.tail(conn)[0] - rows,))
    conn.execute(trigger)


def verify_as_the_command_line_does(folder: Path, backups=()):
    session = sign_in(folder, MANAGER, PASSWORD)
    try:
        return verify(session, list(backups))
    finally:
        session.close()


def test_a_cut_tail_stays_found_by_every_verify_and_sign_in(closed_centre: Path) -> None:
    """Six verifies (each a sign-in and a verify row), then a sign-in and six ordinary
    actions: the cut is reported every time, as the issue's reproduction asked."""
    session = sign_in(closed_centre, MANAGER, PASSWORD)
    fill(session, 20)
    cut_tail(session, 5)
    session.close()
    for _run in range(6):
        report = verify_as_the_command_line_does(closed_centre)
        assert not report.ok
        assert any(
            "cut from the end" in p or "does not match the copy" in p for p in report.problems
        ), report.problems
    session = sign_in(closed_centre, MANAGER, PASSWORD)
    fill(session, 6)
    session.close()
    report = verify_as_the_command_line_does(closed_centre)
    assert not report.ok and any("not been recorded yet" in p for p in report.problems)


def test_the_manager_sees_the_cut_until_recording_what_happened(closed_centre: Path) -> None:
    from stmarys_desktop.domain.alerts import URGENT
    from stmarys_desktop.services import alerts, integrity
    from stmarys_desktop.store import audit_breaks

    session = sign_in(closed_centre, MANAGER, PASSWORD)
    fill(session, 10)
    anchor = session.centre.keystore.anchor
    cut_tail(session, 3)
    session.close()
    session = sign_in(closed_centre, MANAGER, PASSWORD)  # the sign-in finds it
    try:
        found = [e for e in audit.entries(session.centre.conn) if e.action == "audit.break_found"]
        assert len(found) == 1 and found[0].outcome == "failed"
        first = alerts.alerts(session, session.centre.clock().date())[0]
        assert first.severity == URGENT and "Audit log break" in first.text
        with pytest.raises(InvalidInput, match="sentence or two"):
            integrity.explain_break(session, "  ")
        integrity.explain_break(
            session,
            "The old PC was rolled back by a repair shop; their invoice is in the office file.",
        )
        assert not [
            a
            for a in alerts.alerts(session, session.centre.clock().date())
            if "Audit log break" in a.text
        ]
        assert verify(session).ok
        (kept,) = audit_breaks.explained(session.centre.conn)  # the evidence stays
        assert (
            (kept.anchor_seq, kept.anchor_hmac) == anchor
            and "repair shop" in kept.what_happened
            and kept.explained_by == MANAGER
        )
        assert audit.tail(session.centre.conn)[0] < anchor[0] + 5
        explained = next(
            e
            for e in audit.entries(session.centre.conn, newest_first=True)
            if e.action == "audit.break_explained"
        )
        assert "repair shop" not in explained.detail  # the text lives in the record only
        assert explained.detail.startswith("what happened recorded for break ")  # not break(s)
    finally:
        session.close()


def test_a_changed_anchor_row_never_lets_the_anchor_move(manager, data_dir: Path) -> None:
    fill(manager, 10)
    anchor = manager.centre.keystore.anchor
    cut_tail(manager, 3)
    fill(manager, 8)  # the log grows past the anchor again
    on_disk = json.loads((data_dir / "keystore.json").read_text())["anchor"]
    assert (on_disk["seq"], on_disk["hmac"]) == anchor
    assert (
        f"Audit row {anchor[0]} does not match the copy kept in the key file."
        in verify(manager).problems
    )


def test_a_backup_is_an_outside_checkpoint(closed_centre: Path, tmp_path: Path) -> None:
    """Someone with the database key cuts rows and re-seals the key file: the backups in the
    folders backups went to, and one named with --backup, still show the cut."""
    from stmarys_desktop.services.maintenance import backup

    session = sign_in(closed_centre, MANAGER, PASSWORD)
    fill(session, 10)
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    made = backup(session, stick)
    elsewhere = tmp_path / "elsewhere.stmbackup"
    made.path.rename(elsewhere)
    backup(session, stick)
    head = audit.tail(session.centre.conn)[0]
    cut_tail(session, 6)
    session.centre.update_keystore(lambda ks: ks.set_anchor(*audit.tail(session.centre.conn)))
    session.close()

    report = verify_as_the_command_line_does(closed_centre, [elsewhere])
    assert not report.ok
    cut = [p for p in report.problems if "rows have been cut" in p]
    assert len(cut) == 2, report.problems
    assert str(elsewhere) in cut[0] and f"holds rows up to {head - 2}" in cut[0]
    assert str(stick) in cut[1] and f"holds rows up to {head - 1}" in cut[1]


def test_backups_agree_with_a_whole_chain_and_after_a_restore(
    closed_centre: Path, tmp_path: Path
) -> None:
    from stmarys_desktop.services.maintenance import backup, restore

    session = sign_in(closed_centre, MANAGER, PASSWORD)
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    session.centre.clock = lambda: datetime(2026, 3, 2, 9).astimezone()
    older = backup(session, stick)
    fill(session, 5)
    session.centre.clock = lambda: datetime(2026, 6, 1, 9).astimezone()
    backup(session, stick)
    report = verify(session)
    assert report.ok and report.backups_compared == 2, report.problems
    session.close()
    # Going back to the older backup replaces the history the newer one holds: expected,
    # and the older one is still compared.
    restore(
        closed_centre,
        older.path,
        MANAGER,
        PASSWORD,
        clock=lambda: datetime(2026, 7, 1, 9).astimezone(),
    )
    report = verify_as_the_command_line_does(closed_centre)
    assert report.ok and report.backups_compared == 1, report.problems


def test_one_audit_call_joins_the_change_or_stands_alone(manager) -> None:
    # Issue 17: Centre.record and Centre.audit are one call; Session.audit names who acted.
    seq = manager.audit("test.alone", detail="a view, outside any change")
    newest = next(audit.entries(manager.centre.conn, newest_first=True, limit=1))
    assert (newest.seq, newest.actor, newest.action) == (seq, MANAGER, "test.alone")
    with pytest.raises(InvalidInput), manager.centre.transaction():
        manager.audit("test.undone", detail="part of a change that fails")
        raise InvalidInput("the change is refused after its row was written")
    newest = next(audit.entries(manager.centre.conn, newest_first=True, limit=1))
    assert newest.action == "test.alone"  # the failed change took its row with it
    assert verify(manager).ok
