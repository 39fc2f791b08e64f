"""Open every entry of the catalogue on a demo centre on one made-up screen; report faults.

    python -m tests.layout.run --screen 1366x768 [--scale 1.5] [--json FILE]
                               [--pictures DIR] [--only NAME,NAME]

Qt's offscreen platform is given a screen of that size (its configuration file), and
QT_SCALE_FACTOR the scaling, so this runs in its own process: a Qt application takes
its screens once. The report is JSON: for each entry, the faults found (see checks.py)
and, where opening failed, why; and (without --only) the Alt+letters shared on each
screen of the main window as each demo account sees it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def configure_screen(width: int, height: int, folder: Path) -> None:
    config = folder / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "layout",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screen", default="1366x768")
    parser.add_argument("--scale", default="")
    parser.add_argument("--json", default="")
    parser.add_argument("--pictures", default="")
    parser.add_argument("--suffix", default="")
    parser.add_argument("--only", default="")
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.screen.lower().split("x"))
    with tempfile.TemporaryDirectory(prefix="stmarys-layout-") as temp:
        folder = Path(temp)
        configure_screen(width, height, folder)
        if args.scale:
            os.environ["QT_SCALE_FACTOR"] = args.scale
        os.environ["STMARYS_CONFIG_DIR"] = str(folder / "config")
        sys.path.insert(0, str(ROOT))
        report = run(
            folder,
            pictures=Path(args.pictures) if args.pictures else None,
            suffix=args.suffix,
            only=set(filter(None, args.only.split(","))),
        )
    text = json.dumps(report, indent=1)
    if args.json:
        Path(args.json).write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


def run(
    folder: Path, *, pictures: Path | None = None, suffix: str = "", only: set[str] | None = None
) -> dict:
    from PySide6.QtWidgets import QApplication

    from stmarys_desktop.services.demo import make_demo_centre
    from stmarys_desktop.store.keystore import KdfParams
    from stmarys_desktop.ui.main_window import AppWindow
    from stmarys_desktop.ui.settings_file import WindowSettings
    from tests.layout.catalogue import CATALOGUE, DEMO_FAMILIES, Context, every_screen, prepare
    from tests.layout.checks import mnemonic_problems, on_every_tab, problems, settle

    app = QApplication.instance() or QApplication(sys.argv[:1])
    # Open every day, so that today (even a Sunday) has sessions on the register.
    demo = make_demo_centre(
        folder / "demo",
        families=DEMO_FAMILIES,
        kdf=KdfParams(time_cost=1, memory_kib=8, parallelism=1),
        open_weekdays=frozenset(range(7)),
    )
    window = AppWindow(demo.folder, settings=WindowSettings(last_user_name="manager", keep=False))
    window.show()
    settle()
    ctx = Context(window, demo.password, folder)
    prepare(ctx)
    ctx.capture_exec()
    screen = app.primaryScreen()
    report: dict = {
        "screen": f"{screen.geometry().width()}x{screen.geometry().height()}",
        "available": f"{screen.availableGeometry().width()}x{screen.availableGeometry().height()}",
        "results": {},
        "errors": {},
        "sizes": {},
    }
    if pictures is not None:
        pictures.mkdir(parents=True, exist_ok=True)
    for entry in CATALOGUE:
        if only and entry.name not in only:
            continue
        try:
            if entry.account:
                ctx.sign_in(entry.account)
            shown = entry.open(ctx)
            settle()
            report["results"][entry.name] = problems(shown)
            report["sizes"][entry.name] = f"{shown.width()}x{shown.height()}"
            if pictures is not None:
                path = pictures / f"{entry.name}{suffix}.png"
                if not shown.grab().save(str(path)):
                    raise RuntimeError(f"could not write {path}")
        except Exception:
            report["errors"][entry.name] = traceback.format_exc()
        finally:
            ctx.close_dialogs()
    ctx.close_dialogs()
    if not only:
        report["keys"] = {
            name: on_every_tab(shown, mnemonic_problems) for name, shown in every_screen(ctx)
        }
    window.close()
    return report


if __name__ == "__main__":
    sys.exit(main())
