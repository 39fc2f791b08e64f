"""The Admin screen's "Backups to keep in a folder" (clause viii, issue 9): saved through the
service, audited, used by the next backup, and a refusal shown in the service's words.

That only a manager has the Admin screen is tested in test_main_window.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QSpinBox

from stmarys_desktop.services import maintenance
from stmarys_desktop.ui.main_window import AppWindow
from stmarys_desktop.ui.screens.admin import AdminScreen
from tests.helpers import MANAGER
from tests.ui.helpers import click, find, newest_audit

SPIN = "Backups to keep in a folder"
SAVE = "Save backups to keep"


def test_the_spin_box_is_named_filled_and_reached_from_its_label(admin: AdminScreen) -> None:
    spin = find(admin, QSpinBox, SPIN)
    assert spin.value() == maintenance.DEFAULT_KEEP_BACKUPS
    assert (spin.minimum(), spin.maximum()) == (1, 365)
    assert spin.isEnabled() and spin.focusPolicy() & Qt.FocusPolicy.TabFocus
    label = next(w for w in admin.findChildren(QLabel) if w.buddy() is spin)
    assert label.text() == "Backups to &keep in a folder:"  # Alt+K
    save = find(admin, QPushButton, SAVE)
    # No letter of its own (D391): Alt+K reaches the number, Tab the Save button.
    assert save.isVisible() and save.text() == "Save"
    assert save.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_set_to_3_is_saved_audited_and_used_by_the_next_backup(
    qtbot,
    admin: AdminScreen,
    admin_window: AppWindow,
    tmp_path: Path,
    message_boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spin = find(admin, QSpinBox, SPIN)
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "3")
    assert spin.value() == 3
    click(qtbot, admin, SAVE)
    assert maintenance.keep_backups(admin_window.session) == 3
    entry = newest_audit(admin_window)
    assert (entry.actor, entry.action, entry.detail) == (MANAGER, "setting.keep_backups", "3")
    assert message_boxes.shown == []
    admin.refresh()
    assert spin.value() == 3  # read back from the centre, not left over in the box

    # The next backup into a folder keeps the newest 3 of the centre's backups there.
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    for day in range(1, 5):
        (folder / f"centre-2001010{day}-090000.stmbackup").write_bytes(b"an old backup")
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *args, **kwargs: str(folder))
    )
    click(qtbot, admin, "Backup now")
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=10_000)
    title, text = message_boxes.shown[-1]
    assert title == "Backup made"
    assert "2 older backups were removed from that folder, which keeps the newest 3." in text
    kept = sorted(p.name for p in folder.glob("*.stmbackup"))
    assert len(kept) == 3 and kept[:2] == [
        "centre-20010103-090000.stmbackup",
        "centre-20010104-090000.stmbackup",
    ]


def test_a_refusal_is_shown_in_the_services_words(
    qtbot, admin: AdminScreen, admin_window: AppWindow, message_boxes
) -> None:
    spin = find(admin, QSpinBox, SPIN)
    spin.setRange(0, 400)  # past what the box allows, so that the service is the one to say no
    spin.setValue(0)
    click(qtbot, admin, SAVE)
    assert message_boxes.titles() == ["Backups to keep not saved"]
    assert message_boxes.texts() == ["Keep between 1 and 365 backups."]
    assert maintenance.keep_backups(admin_window.session) == maintenance.DEFAULT_KEEP_BACKUPS
