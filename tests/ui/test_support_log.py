"""The support log (issue 23, D203-D206): an unexpected error in a real screen is recorded
inside the centre by kind and place, never by value, and shown with a reference."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from stmarys_desktop.services import support
from stmarys_desktop.store import families as family_store
from stmarys_desktop.ui import support as support_hook
from stmarys_desktop.ui.dialogs.support_log import SupportLogDialog
from stmarys_desktop.ui.main_window import AppWindow
from tests.helpers import MANAGER, PASSWORD
from tests.ui.helpers import sign_in

MADE_UP_NAME = "Dunford"  # typed into the search: must never reach the log


@pytest.fixture
def hook(monkeypatch: pytest.MonkeyPatch):
    """The window's last guard, as run_window installs it; the test run's own restored."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(support_hook, "_waiting", [])

    def install(window: AppWindow) -> None:
        support_hook.install(lambda: window.session)

    return install


def break_the_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fault deep in the program whose message holds what was typed."""

    def search(conn, text, *args, **kwargs):
        return {}[text]  # KeyError('Dunford')

    monkeypatch.setattr(family_store, "search", search)


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_in_the_families_screen_is_logged_without_personal_data(
    qtbot, make_window, staffed_centre: Path, message_boxes, hook, monkeypatch, tmp_path: Path
) -> None:
    window = make_window(staffed_centre)
    hook(window)
    sign_in(qtbot, window, "coordinator", PASSWORD)
    window.workspace.go_to("Families")
    screen = window.workspace.screens["Families"]
    break_the_search(monkeypatch)
    screen.search.setText(MADE_UP_NAME)  # as if pasted: the search runs at once
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=5000)
    ((title, text),) = message_boxes.shown
    assert title == "Something went wrong" and "recorded in the support log as" in text
    assert MADE_UP_NAME not in text

    window.lock_by_hand()
    sign_in(qtbot, window, MANAGER, PASSWORD)
    (entry,) = support.entries(window.session)
    assert entry.reference in text
    assert entry.error_type == "KeyError"
    assert entry.location.startswith("tests/ui/test_support_log.py:")
    assert "stmarys_desktop/ui/screens/families.py:" in entry.stack
    assert "stmarys_desktop/services/families.py:" in entry.stack
    everything = " ".join(vars(entry).values())
    assert MADE_UP_NAME not in everything and MADE_UP_NAME.lower() not in everything
    assert str(Path.home()) not in everything  # folders above the program's own stay out


def test_admin_support_log_shows_the_entries_and_saves_them(
    qtbot, make_window, staffed_centre: Path, message_boxes, hook, answer, tmp_path: Path
) -> None:
    from tests.ui.helpers import find

    window = make_window(staffed_centre)
    hook(window)
    sign_in(qtbot, window, MANAGER, PASSWORD)
    try:
        {}["Zelnou Drabble"]  # made-up personal detail in the message
    except KeyError as exc:
        support_hook.report(exc)
    (entry,) = support.entries(window.session)
    window.workspace.go_to("Admin")
    admin = window.workspace.screens["Admin"]
    target = tmp_path / "support-log.txt"
    seen = answer(
        SupportLogDialog,
        lambda dialog: (setattr(dialog, "save_path", lambda *_: str(target)), dialog.save()),
    )
    qtbot.mouseClick(find(admin, QPushButton, "Support log"), Qt.MouseButton.LeftButton)
    (dialog,) = seen.dialogs
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == entry.reference
    assert dialog.table.item(0, 2).text() == "KeyError"
    assert "test_support_log.py" in dialog.stack.toPlainText()
    saved = target.read_text(encoding="utf-8")
    assert entry.reference in saved and "KeyError" in saved
    assert "Zelnou" not in saved and "Drabble" not in saved
    assert "1 entries saved" in dialog.note.text()


def test_an_error_while_locked_waits_and_is_written_at_the_next_sign_in(
    qtbot, make_window, staffed_centre: Path, message_boxes, hook
) -> None:
    window = make_window(staffed_centre)
    hook(window)
    try:
        raise RuntimeError("before anyone signed in")
    except RuntimeError as exc:
        support_hook.report(exc)
    assert "support log as" in message_boxes.texts()[0]
    sign_in(qtbot, window, MANAGER, PASSWORD)
    dialog = SupportLogDialog(window, window.session)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert [e.error_type for e in support.entries(window.session)] == ["RuntimeError"]
    assert QApplication.instance() is not None
