"""Window figures for benchmarks/run.py, measured in fresh processes.

    python benchmarks/window_figures.py CENTRE_FOLDER PASSWORD

Prints one JSON line: startup_ratio (start to the sign-in window, against a bare
PySide6 window started the same way), startup_s, bare_startup_s, form_startup_ratio
(a plain-PySide6 window with the same menus and sign-in form and none of our
code: PySide6's own floor for such a window), and unlock_s
(signing in to a filled start screen, less the password's key stretching).
"""

from __future__ import annotations

import compileall
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RUNS = 7

CHILD = """
import sys, time
started = float(sys.argv[2])
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])

def shown(*_):
    # One pass of the event loop after show() lays out and paints the window.
    app.processEvents()
    print(time.time() - started, flush=True)
    return 0

if sys.argv[1] == "bare":
    window = QWidget()
    window.show()
    shown()
elif sys.argv[1] == "form":
    # PySide6's own floor for a sign-in window: its menus and form, none of our code.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (QFormLayout, QLabel, QLineEdit, QMainWindow,
                                   QPushButton, QVBoxLayout)
    window = QMainWindow()
    for title in ("&Centre", "&Go", "&Help"):
        window.menuBar().addMenu(title).addAction("Something")
    page = QWidget()
    layout = QVBoxLayout(page)
    title = QLabel("St Mary's Contact Centre")
    title.setTextFormat(Qt.TextFormat.PlainText)
    layout.addWidget(title)
    form = QFormLayout()
    form.addRow("&User name:", QLineEdit())
    password = QLineEdit()
    password.setEchoMode(QLineEdit.EchoMode.Password)
    form.addRow("&Password:", password)
    layout.addLayout(form)
    layout.addWidget(QPushButton("&Sign in"))
    layout.addWidget(QPushButton("Use the recovery key"), 0, Qt.AlignmentFlag.AlignLeft)
    window.setCentralWidget(page)
    window.show()
    shown()
else:
    # The program as a person starts it (`stmarys-desktop --data-dir FOLDER`: the command
    # line, the display check, the settings, the window), measured where it would enter
    # its event loop.
    QApplication.exec = shown
    from stmarys_desktop.cli import main
    main(["--data-dir", sys.argv[3]])
"""


def start_once(mode: str, folder: Path) -> float:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        STMARYS_CONFIG_DIR=str(HERE / ".cache" / "config"),
    )
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(started), str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def startup(folder: Path) -> dict[str, float]:
    # An installed program starts from compiled bytecode (pip compiles a wheel as it
    # installs it; the PyInstaller build carries bytecode). A checkout run with
    # PYTHONDONTWRITEBYTECODE would compile every module at every start instead.
    compileall.compile_dir(ROOT / "stmarys_desktop", quiet=1)
    times: dict[str, list[float]] = {"bare": [], "form": [], "window": []}
    for mode in times:  # warm the file cache for all three
        start_once(mode, folder)
    for _ in range(RUNS):  # alternate, so all see the same machine
        for mode, found in times.items():
            found.append(start_once(mode, folder))
    bare, form, window = (statistics.median(times[m]) for m in ("bare", "form", "window"))
    return {
        "startup_s": window,
        "bare_startup_s": bare,
        "startup_ratio": window / bare,
        "form_startup_s": form,
        "form_startup_ratio": form / bare,
    }


def unlock(folder: Path, password: str) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("STMARYS_CONFIG_DIR", str(HERE / ".cache" / "config"))
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from stmarys_desktop.store.keystore import Keystore, _stretch
    from stmarys_desktop.ui.main_window import AppWindow

    app = QApplication.instance() or QApplication([])
    keystore = Keystore.load(folder / "keystore.json")
    kdf = keystore.slot_kdf(keystore.account_tag("coordinator"))
    times, kdf_times = [], []
    for _ in range(5):
        started = time.perf_counter()
        _stretch(b"x", os.urandom(16), kdf)
        kdf_times.append(time.perf_counter() - started)
        window = AppWindow(folder)
        window.show()
        # A person takes seconds to type a password; the window finishes loading meanwhile.
        settle_until = time.perf_counter() + 0.5
        while time.perf_counter() < settle_until:
            app.processEvents()
        window.login.user_name.setText("coordinator")
        window.login.password.setText(password)
        started = time.perf_counter()
        # Checked on a worker thread; the window thread waits in its event loop, as
        # it does for a person (spinning on processEvents would starve the worker).
        answered = QEventLoop()
        window.login.checked.connect(answered.quit)
        window.login.try_sign_in()
        if window.login.busy:
            answered.exec()
        app.processEvents()
        times.append(time.perf_counter() - started)
        assert window.workspace is not None, "sign-in failed"
        window.sign_out()
        window.close()
        window.deleteLater()
        app.processEvents()
    kdf_s = statistics.median(kdf_times)
    return {
        "unlock_s": max(0.0, statistics.median(times) - kdf_s),
        "unlock_with_kdf_s": statistics.median(times),
    }


def main() -> int:
    folder = Path(sys.argv[1])
    figures = startup(folder)
    figures.update(unlock(folder, sys.argv[2]))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
