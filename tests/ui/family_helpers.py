"""A centre ready for the front desk's screens: accounts, rooms, staff, a fixed clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from stmarys_desktop.domain.families import Family
from stmarys_desktop.services import accounts, bookings, families
from stmarys_desktop.services.auth import NewCentre
from stmarys_desktop.services.auth import sign_in as service_sign_in
from stmarys_desktop.store import bulk
from stmarys_desktop.ui.main_window import AppWindow

# test_internal_printouts.py still imports WEDNESDAY, at and click from here (re-exported
# with `as`); their home is tests/helpers.py and tests/ui/helpers.py.
from tests.helpers import PASSWORD, at
from tests.helpers import WEDNESDAY as WEDNESDAY
from tests.ui.conftest import STAFF
from tests.ui.helpers import click as click
from tests.ui.helpers import sign_in
from tests.unit.family_helpers import two_parent_family
from tests.unit.vetting_helpers import record_clear_vetting


@pytest.fixture
def front_desk_centre(new_centre: NewCentre, data_dir: Path) -> Path:
    """A centre on disk with an account per role, two rooms, and two staff: Nia Holm
    cleared to work with families, Tegan Vost an applicant not yet vetted."""
    session = new_centre.session
    for user, name, roles in STAFF:
        accounts.create_account(
            session, user_name=user, display_name=name, roles=roles, password=PASSWORD
        )
    bookings.add_room(session, "Playroom")
    bookings.add_room(session, "Quiet Room")
    with session.centre.transaction() as conn:
        bulk.staff(
            conn,
            [
                (1, "Nia Holm", "staff", "active", "2020-01-01", None, "", "", "", "2026-01-01"),
                (2, "Tegan Vost", "volunteer", "applicant", None, None, "", "", "", "2026-01-01"),
            ],
        )
    session.centre.clock = at(8)
    record_clear_vetting(session, 1)  # Nia Holm is cleared (clause vi); Tegan Vost is not
    session.close()
    return data_dir


@pytest.fixture
def open_as(qtbot, make_window, front_desk_centre: Path):
    """open_as(user) signs in in a new window with the centre's clock at Wednesday 08:00."""

    def open_window(user: str) -> AppWindow:
        window = make_window(front_desk_centre)
        sign_in(qtbot, window, user, PASSWORD)
        assert window.session is not None, window.login.message.text()
        window.session.centre.clock = at(8)
        return window

    return open_window


def coordinator_family(window: AppWindow) -> Family:
    """A family made as if by a coordinator at another desk (the front desk cannot)."""
    other = service_sign_in(window.data_dir, "coordinator", PASSWORD)
    try:
        other.centre.clock = at(8)
        return families.create_family(other, two_parent_family())
    finally:
        other.close()


def column(view, col: int) -> list[str]:
    model = view.model()
    return [model.index(row, col).data() for row in range(model.rowCount())]


def select_row_where(view, col: int, text: str) -> None:
    rows = column(view, col)
    assert text in rows, rows
    view.selectRow(rows.index(text))
