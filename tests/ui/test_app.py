"""Starting the window: the display check, wizard or sign-in, the demo, the last guard."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from stmarys_desktop.services import demo
from stmarys_desktop.ui import app
from stmarys_desktop.ui.app import quit_on_signals
from stmarys_desktop.ui.main_window import AppWindow
from stmarys_desktop.ui.settings_file import WindowSettings
from stmarys_desktop.ui.wizard import SetupWizard
from tests.helpers import CHEAP_KDF


@pytest.fixture(autouse=True)
def _keep_process_hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_window sets the excepthook and signal handlers; the test run keeps its own."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(app, "quit_on_signals", lambda _app: None)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[AppWindow]:
    """Stands in for the event loop: notes the window run_window opened, then closes it."""
    windows: list[AppWindow] = []

    def run_loop(_app: QApplication) -> int:
        found = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, AppWindow) and w.isVisible()
        ]
        windows.extend(found)
        for window in found:
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_loop)
    return windows


@pytest.mark.parametrize(
    ("platform", "library", "refused"),
    [
        ("", None, True),
        ("xcb", None, True),
        ("", "libxcb-cursor.so.0", False),
        ("offscreen", None, False),
        ("minimal", None, False),
        ("wayland", None, False),
    ],
)
def test_a_missing_xcb_cursor_library_is_explained_before_qt_aborts(
    monkeypatch: pytest.MonkeyPatch, capsys, platform: str, library: str | None, refused: bool
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", platform)
    import ctypes.util  # app imports it only when the answer depends on it

    monkeypatch.setattr(ctypes.util, "find_library", lambda name: library)
    assert (app.missing_display_library() is not None) == refused
    if refused:
        assert app.run_window() == 1
        err = capsys.readouterr().err
        assert "libxcb-cursor0" in err and "Traceback" not in err


def test_an_empty_data_folder_opens_the_wizard_and_cancelling_leaves_nothing(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened
) -> None:
    folder = tmp_path / "new-centre"
    shown = []

    def cancel(wizard: SetupWizard) -> int:
        shown.append(wizard.data_dir)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(SetupWizard, "exec", cancel)
    assert app.run_window(data_dir=str(folder)) == 0
    assert shown == [folder] and opened == []
    assert not folder.exists()


def test_a_centre_opens_the_sign_in_page(qapp, closed_centre: Path, opened) -> None:
    assert app.run_window(data_dir=str(closed_centre)) == 0
    assert len(opened) == 1 and opened[0].data_dir == closed_centre and opened[0].locked


def test_the_process_temp_folder_is_private_inside_the_data_folder(
    qapp, closed_centre: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16, item 9: Qt's print engine writes the whole document to a temporary file;
    it lands in the data folder's own tmp/ (0700), emptied at start and at exit."""
    import os
    import stat
    import tempfile

    from PySide6.QtCore import QDir

    private = closed_centre / "tmp"
    private.mkdir()
    (private / "left-by-a-crash.pdf").write_bytes(b"%PDF-1.4 made-up")
    seen: dict[str, object] = {}

    def run_loop(_app: QApplication) -> int:
        seen["python"] = tempfile.gettempdir()
        seen["qt"] = QDir.tempPath()
        seen["mode"] = stat.S_IMODE(private.stat().st_mode)
        seen["leftovers"] = sorted(p.name for p in private.iterdir())
        with tempfile.NamedTemporaryFile(delete=False) as handle:
            seen["file"] = handle.name
        for window in QApplication.topLevelWidgets():
            if isinstance(window, AppWindow):
                window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_loop)
    system_temp = tempfile.gettempdir()
    assert app.run_window(data_dir=str(closed_centre)) == 0
    assert seen["python"] == str(private) and Path(str(seen["qt"])) == private
    assert seen["mode"] == 0o700 and seen["leftovers"] == []
    assert Path(str(seen["file"])).parent == private
    assert not private.exists()  # emptied (and removed) at exit
    assert tempfile.gettempdir() == system_temp and os.environ.get("TMPDIR") != str(private)


def cheap_demo(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    made: list[Path] = []
    real = demo.make_demo_centre

    def make(folder: Path, **options) -> demo.DemoCentre:
        made.append(Path(folder))
        options.update(kdf=CHEAP_KDF, families=5)
        return real(folder, **options)

    # app imports it when a demo is asked for, so it is patched where it lives.
    monkeypatch.setattr(demo, "make_demo_centre", make)
    return made


def test_demo_opens_a_throw_away_centre_and_prints_the_logins(
    qapp, monkeypatch: pytest.MonkeyPatch, capsys, opened
) -> None:
    made = cheap_demo(monkeypatch)
    assert app.run_window(demo=True) == 0
    out = capsys.readouterr().out
    assert "manager, coordinator, frontdesk, safeguarding" in out
    assert "Password for all of them: " in out
    window = opened[0]
    assert window.data_dir == made[0] and window.login.user_name.text() == "manager"
    assert not made[0].parent.exists()  # removed on exit
    assert not WindowSettings.path().exists()  # and left no settings behind


def test_demo_when_empty_only_when_empty(
    qapp, closed_centre: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened
) -> None:
    made = cheap_demo(monkeypatch)
    assert app.run_window(data_dir=str(closed_centre), demo_when_empty=True) == 0
    assert made == [] and opened[-1].data_dir == closed_centre
    assert app.run_window(data_dir=str(tmp_path / "empty"), demo_when_empty=True) == 0
    assert len(made) == 1 and opened[-1].data_dir == made[0]
    assert not (tmp_path / "empty").exists()


def test_the_last_guard_shows_a_plain_message_and_no_traceback(qapp, message_boxes, capsys) -> None:
    app.install_excepthook()
    try:
        raise ValueError("Zelnou Drabble, 4 Pretend Road")  # made-up personal detail
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    (text,) = message_boxes.texts()
    assert text.startswith("Something went wrong") and "support log as" in text
    assert "Zelnou" not in text
    err = capsys.readouterr().err
    assert "ValueError" in err and "Zelnou" not in err and "Traceback" not in err


def test_a_polite_kill_closes_the_window_properly(
    qapp, make_window, closed_centre: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    handlers = {}
    monkeypatch.setattr(signal, "signal", lambda which, handler: handlers.update({which: handler}))
    quit_on_signals(qapp)
    assert set(handlers) == {signal.SIGINT, signal.SIGTERM}
    window = make_window(closed_centre)
    handlers[signal.SIGTERM](signal.SIGTERM, None)
    assert not window.isVisible()
