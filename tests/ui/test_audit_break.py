"""A cut audit log on the manager's start screen, until the manager records what happened
(issue 16, item 1)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from stmarys_desktop.services.auth import sign_in as service_sign_in
from stmarys_desktop.services.maintenance import verify
from stmarys_desktop.ui.dialogs.audit_break import AuditBreakDialog
from tests.helpers import MANAGER, PASSWORD
from tests.ui.helpers import click, find, sign_in
from tests.unit.test_audit_chain import cut_tail, fill


def test_the_manager_is_warned_until_recording_what_happened(
    qtbot, make_window, staffed_centre: Path, answer
) -> None:
    session = service_sign_in(staffed_centre, MANAGER, PASSWORD)
    fill(session, 8)
    cut_tail(session, 4)
    session.close()
    window = make_window(staffed_centre)
    sign_in(qtbot, window, MANAGER, PASSWORD)
    today = window.workspace.screens["Today"]
    today.refresh()
    first = today.alert_texts()[0]
    assert "The audit log has been cut or changed" in first and "Audit log break" in first
    window.workspace.go_to("Admin")
    admin = window.workspace.screens["Admin"]
    assert admin.break_button.isVisible()

    def too_short(dialog: AuditBreakDialog) -> None:
        find(dialog, QPlainTextEdit, "What happened").setPlainText("dunno")

    refused = answer(AuditBreakDialog, too_short)
    click(qtbot, admin, "Audit log break")
    assert "sentence or two" in find(refused.dialogs[0], QLabel, "Message").text()
    assert admin.break_button.isVisible()

    def explain(dialog: AuditBreakDialog) -> None:
        assert "rows have been cut from the end" in all_labels(dialog)
        find(dialog, QPlainTextEdit, "What happened").setPlainText(
            "The PC was put back to an old disk image after a repair; noted in the log book."
        )

    answer(AuditBreakDialog, explain)
    click(qtbot, admin, "Audit log break")
    assert not admin.break_button.isVisible()
    today.refresh()
    assert not [t for t in today.alert_texts() if "Audit log break" in t]
    assert verify(window.session).ok


def all_labels(dialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel))
