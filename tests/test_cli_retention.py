"""`stmarys-desktop retention` lists what is due and deletes nothing (DESIGN.md section 6)."""

from __future__ import annotations

from datetime import date, datetime

from stmarys_desktop.services import families
from tests.helpers import MANAGER, PASSWORD, run_cli
from tests.unit.family_helpers import two_parent_family


def test_retention_lists_what_is_due_and_deletes_nothing(new_centre, data_dir):
    session = new_centre.session
    from stmarys_desktop.domain.roles import Role
    from stmarys_desktop.services import accounts
    from stmarys_desktop.services.auth import sign_in

    accounts.create_account(
        session,
        user_name="coord",
        display_name="Made-up Coordinator",
        roles=[Role.COORDINATOR],
        password="coord password long",
    )
    coord = sign_in(data_dir, "coord", "coord password long")
    coord.centre.clock = lambda: datetime(2021, 3, 1, 12).astimezone()
    old = families.create_family(coord, two_parent_family(referred_on=date(2021, 3, 1)))
    coord.close()
    session.close()
    result = run_cli(
        "retention",
        "--data-dir",
        str(data_dir),
        "--user",
        MANAGER,
        "--as-of",
        "2026-11-28",
        password=PASSWORD,
    )
    assert result.returncode == 0, result.stderr
    assert "1 due for disposal" in result.stdout and old.reference in result.stdout
    assert "Nothing is deleted" in result.stdout
    again = run_cli(
        "retention",
        "--data-dir",
        str(data_dir),
        "--user",
        MANAGER,
        "--as-of",
        "2026-11-28",
        password=PASSWORD,
    )
    assert old.reference in again.stdout
    bad = run_cli(
        "retention",
        "--data-dir",
        str(data_dir),
        "--user",
        MANAGER,
        "--as-of",
        "next tuesday",
        password=PASSWORD,
    )
    assert bad.returncode == 2 and "--as-of must be a date" in bad.stderr
    future = run_cli(
        "retention",
        "--data-dir",
        str(data_dir),
        "--user",
        MANAGER,
        "--as-of",
        "2099-01-01",
        password=PASSWORD,
    )
    assert future.returncode == 1 and "more than a year ahead" in future.stderr
