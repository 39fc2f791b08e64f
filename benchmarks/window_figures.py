"""Window figures for benchmarks/run.py, measured in fresh processes.

    python benchmarks/window_figures.py CENTRE_FOLDER PASSWORD

Prints one JSON line: startup_ratio (start to the sign-in window, against a bare
PySide6 window started the same way), startup_s, bare_startup_s, and unlock_s
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
if sys.argv[1] == "bare":
    window = QWidget()
else:
    from pathlib import Path
    from stmarys_desktop.ui.main_window import AppWindow
    window = AppWindow(Path(sys.argv[3]))
window.show()
app.processEvents()
print(time.time() - started)
"""


def start_once(mode: str, folder: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               STMARYS_CONFIG_DIR=str(HERE / ".cache" / "config"))
    started = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(started), str(folder)],
                         capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def startup(folder: Path) -> dict[str, float]:
    # An installed program starts from compiled bytecode (pip compiles a wheel as it
    # installs it; the PyInstaller build carries bytecode). A checkout run with
    # PYTHONDONTWRITEBYTECODE would compile every module at every start instead.
    compileall.compile_dir(ROOT / "stmarys_desktop", quiet=1)
    start_once("bare", folder)  # warm the file cache for both
    start_once("window", folder)
    bare, window = [], []
    for _ in range(RUNS):  # alternate, so both see the same machine
        bare.append(start_once("bare", folder))
        window.append(start_once("window", folder))
    return {"startup_s": statistics.median(window), "bare_startup_s": statistics.median(bare),
            "startup_ratio": statistics.median(window) / statistics.median(bare)}


def unlock(folder: Path, password: str) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("STMARYS_CONFIG_DIR", str(HERE / ".cache" / "config"))
    sys.path.insert(0, str(ROOT))
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
        window.login.try_sign_in()  # checked on a worker thread
        while window.login.busy:
            app.processEvents()
        app.processEvents()
        times.append(time.perf_counter() - started)
        assert window.workspace is not None, "sign-in failed"
        window.sign_out()
        window.close()
        window.deleteLater()
        app.processEvents()
    kdf_s = statistics.median(kdf_times)
    return {"unlock_s": max(0.0, statistics.median(times) - kdf_s),
            "unlock_with_kdf_s": statistics.median(times)}


def main() -> int:
    folder = Path(sys.argv[1])
    figures = startup(folder)
    figures.update(unlock(folder, sys.argv[2]))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
