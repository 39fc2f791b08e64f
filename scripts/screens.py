"""Render the window's screens to PNG files in docs/screens/ (offscreen, no display needed).

    python scripts/screens.py [--out docs/screens] [--size 1024x768]

Runs on a throw-away demo centre with cheap key stretching, so it takes
seconds. Look at every picture after a change to a screen. To check
scaling, run it again with QT_SCALE_FACTOR=1.5 and another --out folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from stmarys_desktop.services.demo import make_demo_centre  # noqa: E402
from stmarys_desktop.store.keystore import KdfParams  # noqa: E402
from stmarys_desktop.ui.main_window import AppWindow  # noqa: E402
from stmarys_desktop.ui.settings_file import WindowSettings  # noqa: E402
from stmarys_desktop.ui.wizard import SetupWizard  # noqa: E402

CHEAP_KDF = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
DEMO_FAMILIES = 40


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def save(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def wizard_pictures(app: QApplication, folder: Path, out: Path, width: int, height: int) -> None:
    wizard = SetupWizard(folder / "new-centre", kdf=CHEAP_KDF)
    wizard.resize(min(width, 800), min(height, 620))
    wizard.show()
    wizard.centre_page.centre_name.setText("St Mary's Contact Centre")
    save(app, wizard, out / "wizard-1-centre.png")
    wizard.next()
    page = wizard.manager_page
    page.user_name.setText("mtestwick")
    page.full_name.setText("Morwenna Testwick")
    page.password.setText("Tea-and-biscuits 1984")
    page.repeat.setText("Tea-and-biscuits 1984")
    save(app, wizard, out / "wizard-2-manager.png")
    wizard.next()
    save(app, wizard, out / "wizard.png")
    if wizard.session is not None:
        wizard.session.close()
    wizard.recovery_page.kept.setChecked(True)
    wizard.accept()


def window_pictures(app: QApplication, folder: Path, out: Path, width: int, height: int) -> None:
    demo = make_demo_centre(folder / "demo", families=DEMO_FAMILIES, kdf=CHEAP_KDF)
    window = AppWindow(demo.folder, settings=WindowSettings(last_user_name="manager",
                                                            keep=False))
    window.resize(width, height)
    window.show()
    save(app, window, out / "login.png")
    window.login.password.setText(demo.password)
    window.login.try_sign_in()
    if window.workspace is None:
        raise SystemExit("could not sign in to the demo centre: "
                         + window.login.message.text())
    save(app, window, out / "main-window.png")
    window.workspace.go_to("Admin")
    save(app, window, out / "admin.png")
    window.lock_by_hand()
    save(app, window, out / "locked.png")
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screens"))
    parser.add_argument("--size", default="1024x768", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.lower().split("x"))
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="stmarys-screens-") as temp:
        # Keep the real settings file out of it.
        os.environ["STMARYS_CONFIG_DIR"] = str(Path(temp) / "config")
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        wizard_pictures(app, Path(temp), out, width, height)
        window_pictures(app, Path(temp), out, width, height)
    return 0


if __name__ == "__main__":
    sys.exit(main())
