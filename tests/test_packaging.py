"""An installed wheel holds every sub-package, the migrations and the resources."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_sub_package_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "stmarys_desktop").rglob("__init__.py")
    }
    assert found - listed == set()
    assert "stmarys_desktop.resources" in listed
    assert config["tool"]["setuptools"]["package-dir"]["stmarys_desktop.resources"] == "resources"
    assert (
        "*.sql" in config["tool"]["setuptools"]["package-data"]["stmarys_desktop.store.migrations"]
    )
