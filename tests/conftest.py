"""Shared fixtures: a fresh encrypted centre per test, with cheap key stretching.

QT_QPA_PLATFORM is set here, before anything imports Qt, so the suite needs
no display. The settings folder is moved into the test's temp folder so no
test reads or writes the real one.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from stmarys_desktop.services.auth import NewCentre, create_centre, sign_in
from stmarys_desktop.services.session import Session
from tests.helpers import CHEAP_KDF, MANAGER, PASSWORD


@pytest.fixture(autouse=True)
def _isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STMARYS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("STMARYS_DATA_DIR", raising=False)
    monkeypatch.delenv("STMARYS_PASSWORD", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "centre"


@pytest.fixture
def new_centre(data_dir: Path):
    made = create_centre(
        data_dir,
        centre_name="St Mary's Test Centre",
        admin_user_name=MANAGER,
        admin_display_name="Morwenna Testwick",
        password=PASSWORD,
        kdf=CHEAP_KDF,
    )
    yield made
    made.session.close()


@pytest.fixture
def manager(new_centre: NewCentre) -> Session:
    return new_centre.session


@pytest.fixture
def closed_centre(new_centre: NewCentre, data_dir: Path) -> Path:
    """A centre on disk with no connection open."""
    new_centre.session.close()
    return data_dir


@pytest.fixture
def sign_in_as(data_dir: Path):
    opened: list[Session] = []

    def _sign_in(user: str = MANAGER, password: str = PASSWORD) -> Session:
        session = sign_in(data_dir, user, password)
        opened.append(session)
        return session

    yield _sign_in
    for session in opened:
        session.close()
