"""Fixtures for the window tests: a centre with one account per role, a window on it.

GC_STRESS=1 runs the garbage collector after almost every allocation. PySide
ownership mistakes (a widget freed by Python and by its Qt parent) then crash
at once instead of now and then; run it after changing how widgets are built.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts
from stmarys_desktop.services.auth import NewCentre
from stmarys_desktop.ui.main_window import AppWindow
from stmarys_desktop.ui.screens.admin import AdminScreen
from tests.helpers import MANAGER, PASSWORD, FakeClock
from tests.ui.helpers import DialogAnswers, MessageBoxes, sign_in

if os.environ.get("GC_STRESS"):
    gc.set_threshold(int(os.environ["GC_STRESS"]), 1, 1)

# Made-up people, one per role besides the fixture's manager.
STAFF = [
    ("frontdesk", "Brelna Quoufenn", (Role.FRONT_DESK,)),
    ("coordinator", "Dritha Snaelowe", (Role.COORDINATOR,)),
    ("safeguarding", "Gwoul Thiarrow", (Role.SAFEGUARDING_LEAD,)),
]


@pytest.fixture(autouse=True)
def _no_real_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog nobody answers would hang the suite: fail instead, saying which."""

    def refuse(what: str):
        def fail(*args, **kwargs):
            raise AssertionError(f"unexpected {what}; patch it in the test")

        return fail

    monkeypatch.setattr(
        QMessageBox,
        "exec",
        lambda box: refuse(f"message box {box.windowTitle()!r}: {box.text()!r}")(),
    )
    monkeypatch.setattr(
        QDialog, "exec", lambda dialog: refuse(f"dialog {dialog.windowTitle()!r}")()
    )
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(refuse(f"file dialog {name}")))


@pytest.fixture
def staffed_centre(new_centre: NewCentre, data_dir: Path) -> Path:
    """A centre on disk, no connection open, with an account for each role."""
    session = new_centre.session
    for user, name, roles in STAFF:
        accounts.create_account(
            session, user_name=user, display_name=name, roles=roles, password=PASSWORD
        )
    session.close()
    return data_dir


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_window(qtbot, clock: FakeClock) -> Callable[..., AppWindow]:
    def make(folder: Path, **options) -> AppWindow:
        options.setdefault("monotonic", clock)
        options.setdefault("tick_ms", 5)
        window = AppWindow(folder, **options)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def admin_window(qtbot, make_window, staffed_centre: Path) -> AppWindow:
    """A window on the staffed centre, the manager signed in, on the Admin screen."""
    made = make_window(staffed_centre)
    sign_in(qtbot, made, MANAGER, PASSWORD)
    made.workspace.go_to("Admin")
    return made


@pytest.fixture
def admin(admin_window: AppWindow) -> AdminScreen:
    return admin_window.workspace.screens["Admin"]


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    boxes = MessageBoxes()
    # A plain function, so that it binds to the box like the method it replaces.
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.exec(box))
    return boxes


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch):
    """answer(DialogClass, fill) makes DialogClass.exec fill the fields and press OK."""

    def patch(dialog_class: type, fill: Callable) -> DialogAnswers:
        answers = DialogAnswers(fill)
        monkeypatch.setattr(dialog_class, "exec", lambda dialog: answers.exec(dialog))
        return answers

    return patch
