"""Every folder from one module: --data-dir, STMARYS_DATA_DIR, portable mode, platformdirs."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from stmarys_desktop import paths


def test_the_option_wins_over_the_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert paths.data_dir(tmp_path / "from-option") == tmp_path / "from-option"
    assert paths.data_dir() == tmp_path / "from-env"


def test_the_default_is_the_platform_user_data_folder(monkeypatch) -> None:
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    expected = platformdirs.user_data_path("stmarys-desktop", "StMarys")
    assert paths.data_dir() == expected


def test_portable_mode_keeps_data_beside_a_frozen_executable(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.delenv(paths.CONFIG_DIR_ENV, raising=False)
    exe = tmp_path / "app" / "stmarys-desktop"
    exe.parent.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert paths.data_dir() != tmp_path / "app" / "data"
    (exe.parent / "portable.txt").write_text("keep data here")
    assert paths.data_dir() == tmp_path / "app" / "data"
    assert paths.config_dir() == tmp_path / "app" / "data" / "config"


def test_resources_are_found_in_the_source_checkout() -> None:
    policy = paths.resource("policy", "confidentiality-policy.txt")
    assert policy.is_file()
    assert "Confidentiality Policy" in policy.read_text(encoding="utf-8")


def test_resources_are_found_in_a_frozen_bundle(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "resources" / "policy").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"


@pytest.mark.parametrize("env", [paths.CONFIG_DIR_ENV])
def test_the_settings_folder_can_be_moved_for_tests(monkeypatch, tmp_path, env) -> None:
    monkeypatch.setenv(env, str(tmp_path / "cfg"))
    assert paths.config_dir() == tmp_path / "cfg"
