"""Starting the window: the display check, the last-resort error dialog, the demo centre.

With no centre in the data folder the set-up wizard runs first; otherwise
the sign-in page opens. `--demo` makes a throw-away centre of made-up
families in a temporary folder, prints its logins, and removes it on exit.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from stmarys_desktop import paths
from stmarys_desktop.services.centre_files import centre_exists
from stmarys_desktop.ui import messages, support
from stmarys_desktop.ui.login import APP_TITLE
from stmarys_desktop.ui.main_window import AppWindow
from stmarys_desktop.ui.private_temp import private_temp
from stmarys_desktop.ui.settings_file import WindowSettings
from stmarys_desktop.ui.support import SessionSource
from stmarys_desktop.ui.worker import Task

if TYPE_CHECKING:
    from stmarys_desktop.services.demo import DemoCentre

# The sign-in window comes first; the store, the services and the wizard load only when
# they are needed (the demo, a first set-up), or after it shows (main_window, D81).

DEMO_FAMILIES = 200
HEADLESS_PLATFORMS = {"offscreen", "minimal"}
MISSING_XCB_CURSOR = (
    "stmarys-desktop: the window cannot start because the system library libxcb-cursor "
    "is missing (Qt needs it to draw windows on Linux). Install it, for example with "
    "`sudo apt install libxcb-cursor0` on Debian or Ubuntu, then start again."
)


def missing_display_library() -> str | None:
    """Qt aborts the process without libxcb-cursor, so look before it is loaded."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    # Only the X11 plugin needs the library; a chosen headless or Wayland platform does not.
    if platform in HEADLESS_PLATFORMS or (platform and platform != "xcb"):
        return None
    import ctypes.util  # 7 ms (it brings subprocess), so only when the answer depends on it

    if ctypes.util.find_library("xcb-cursor"):
        return None
    return MISSING_XCB_CURSOR


def install_excepthook(session_source: SessionSource = lambda: None) -> None:
    """The last guard: anything not caught is recorded in the support log and shown as a
    plain message with its reference, never a traceback (ui/support.py, D203)."""
    support.install(session_source)


def quit_on_signals(app: QApplication) -> None:
    """Ctrl+C or a polite kill closes the window properly: the centre is closed and a
    demo folder removed, as on a normal exit."""

    def stop(_signal: int, _frame: object) -> None:
        app.closeAllWindows()
        app.quit()

    for which in (signal.SIGINT, signal.SIGTERM):
        signal.signal(which, stop)
    # Python handles signals only when it runs; a timer lets it in now and then.
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)


def build_demo(folder: Path, families: int = DEMO_FAMILIES) -> DemoCentre | None:
    """Make the demo centre off the window thread, with a progress dialog."""
    from PySide6.QtCore import QEventLoop

    from stmarys_desktop.services.demo import DemoCentre, make_demo_centre

    outcome: dict[str, object] = {}
    loop = QEventLoop()

    def done(result: object) -> None:
        outcome["centre"] = result
        loop.quit()

    def failed(exc: Exception) -> None:
        outcome["error"] = exc
        loop.quit()

    task = Task(
        None,
        "Making the demo centre",
        "Making a demo centre with made-up families…",
        lambda progress: make_demo_centre(folder, families=families, progress=progress),
        done,
        failed,
    )
    task.start()
    loop.exec()
    if "error" in outcome:
        error = outcome["error"]
        assert isinstance(error, Exception)
        messages.warn(
            None, APP_TITLE, "The demo centre could not be made. " + messages.plain_text(error)
        )
        return None
    centre = outcome.get("centre")
    return centre if isinstance(centre, DemoCentre) else None


def print_demo_logins(demo: DemoCentre) -> None:
    users = ", ".join(user for user, _ in demo.logins)
    print(f"Demo centre (made-up people only) in {demo.folder}; it is removed on exit.")
    print(f"Sign in as any of: {users}")
    for line in demo.guide:
        print(f"    {line}")
    print(f"Password for all of them: {demo.password}", flush=True)


def run_window(
    data_dir: str | None = None, demo: bool = False, demo_when_empty: bool = False
) -> int:
    problem = missing_display_library()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    folder = paths.data_dir(data_dir)
    if demo_when_empty and not centre_exists(folder):
        demo = True
    # Before Qt starts: its print engine's temporary files go to the private folder.
    with private_temp(folder):
        return _run_window(folder, demo)


def _run_window(folder: Path, demo: bool) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(paths.APP_NAME)
    from stmarys_desktop.ui.icon import app_icon

    app.setWindowIcon(app_icon())  # every window, the wizard's too, and the task bar
    windows: list[AppWindow] = []
    install_excepthook(lambda: windows[0].session if windows else None)
    quit_on_signals(app)
    settings = WindowSettings.load()
    temp_folder: Path | None = None
    try:
        if demo:
            temp_folder = Path(tempfile.mkdtemp(prefix="stmarys-demo-"))
            made = build_demo(temp_folder / "centre")
            if made is None:
                return 1
            print_demo_logins(made)
            folder = made.folder
            settings = WindowSettings(settings.geometry, made.logins[0][0], keep=False)
        session = None
        if not centre_exists(folder):
            from PySide6.QtWidgets import QDialog

            from stmarys_desktop.ui.wizard import SetupWizard

            wizard = SetupWizard(folder)
            accepted = wizard.exec() == QDialog.DialogCode.Accepted
            session = wizard.session if accepted else None
            wizard.deleteLater()
            if session is None:
                return 0
        window = AppWindow(folder, session=session, settings=settings)
        windows.append(window)
        window.show()
        return app.exec()
    finally:
        if temp_folder is not None:
            shutil.rmtree(temp_folder, ignore_errors=True)
