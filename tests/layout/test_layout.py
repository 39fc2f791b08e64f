"""Every screen and dialog, opened on a demo centre, fits the screens of issue 18.

Each screen size runs in its own process (tests/layout/run.py): a Qt application
takes its screens once, and QT_SCALE_FACTOR=1.5 must be set before it starts.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QWizard

import stmarys_desktop.ui
from stmarys_desktop.ui.sizing import FitOnFirstShow
from tests.layout.catalogue import covered_classes

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.layout

SCREENS = [
    pytest.param("1366x768", "", id="1366x768"),
    pytest.param("1280x800", "", id="1280x800"),
    pytest.param("1920x1080", "1.5", id="1920x1080-at-150"),
]


def layout_report(screen: str, scale: str, folder: Path) -> dict:
    out = folder / "report.json"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_SCALE_FACTOR", "QT_QPA_PLATFORM")}
    command = [sys.executable, "-m", "tests.layout.run", "--screen", screen, "--json", str(out)] + (
        ["--scale", scale] if scale else []
    )
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("screen", "scale"), SCREENS)
def test_every_screen_and_dialog_fits_and_shows_all_its_text(screen, scale, tmp_path):
    report = layout_report(screen, scale, tmp_path)
    assert not report["errors"], "\n".join(
        f"{name}: {why}" for name, why in report["errors"].items()
    )
    faults = [
        f"{name} ({report['sizes'][name]}): {fault}"
        for name, found in report["results"].items()
        for fault in found
    ]
    assert not faults, f"on {report['available']} available:\n" + "\n".join(faults)
    # Every entry of the catalogue was looked at.
    from tests.layout.catalogue import CATALOGUE

    assert set(report["results"]) == {entry.name for entry in CATALOGUE}
    # Every screen of the main window, as each account sees it: no Alt+letter twice (D390).
    shared = [f"{name}: {fault}" for name, found in report["keys"].items() for fault in found]
    assert not shared, "\n".join(shared)
    assert {"Admin as manager", "Incidents as safeguarding", "Today as frontdesk"} <= set(
        report["keys"]
    )


def _window_classes() -> list[type]:
    """Every dialog and wizard class the program defines."""
    for module in pkgutil.walk_packages(stmarys_desktop.ui.__path__, "stmarys_desktop.ui."):
        importlib.import_module(module.name)
    found = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("stmarys_desktop.ui"):
            continue
        for _, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, QDialog | QWizard)
                and value.__module__ == name
                and name != "stmarys_desktop.ui.sizing"
            ):
                found.append(value)
    return found


def test_every_dialog_of_the_program_is_in_the_layout_catalogue():
    missing = sorted({c.__name__ for c in _window_classes()} - covered_classes())
    assert not missing, "add an Entry to tests/layout/catalogue.py for: " + ", ".join(missing)


def test_every_dialog_is_sized_by_the_shared_helper():
    unsized = sorted(c.__name__ for c in _window_classes() if not issubclass(c, FitOnFirstShow))
    assert not unsized, "derive from stmarys_desktop.ui.sizing.Dialog: " + ", ".join(unsized)
