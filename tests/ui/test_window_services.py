"""The services written for the window: idle time, alerts, whether a centre exists.

They import no Qt and could live in tests/unit; they sit here beside the
screens that use them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from stmarys_desktop.domain.alerts import INFO, URGENT, WARNING, Alert
from stmarys_desktop.domain.errors import InvalidInput, PermissionRefused
from stmarys_desktop.services import accounts, alerts, maintenance, settings
from stmarys_desktop.services.auth import NewCentre
from stmarys_desktop.services.centre_files import centre_exists
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import audit
from tests.helpers import PASSWORD


@pytest.fixture
def front_desk(new_centre: NewCentre, sign_in_as) -> Session:
    accounts.create_account(
        new_centre.session,
        user_name="frontdesk",
        display_name="Brelna Quoufenn",
        roles=["front_desk"],
        password=PASSWORD,
    )
    return sign_in_as("frontdesk")


def audit_actions(session: Session) -> list[str]:
    return [entry.action for entry in audit.entries(session.centre.conn)]


def test_the_idle_time_defaults_to_five_minutes(manager: Session) -> None:
    assert settings.idle_minutes(manager) == settings.DEFAULT_IDLE_MINUTES == 5


def test_a_manager_sets_the_idle_time_and_it_is_audited(manager: Session) -> None:
    settings.set_idle_minutes(manager, 15)
    assert settings.idle_minutes(manager) == 15
    assert audit_actions(manager)[-1] == "setting.idle_minutes"


@pytest.mark.parametrize("minutes", [0, 121, -5, True, 2.5, "10"])
def test_an_idle_time_out_of_range_is_refused(manager: Session, minutes) -> None:
    with pytest.raises(InvalidInput, match="from 1 to 120"):
        settings.set_idle_minutes(manager, minutes)
    assert settings.idle_minutes(manager) == 5


def test_the_front_desk_cannot_change_the_idle_time(front_desk: Session) -> None:
    with pytest.raises(PermissionRefused):
        settings.set_idle_minutes(front_desk, 60)
    assert settings.idle_minutes(front_desk) == 5


def test_a_hand_edited_idle_time_falls_back_to_the_default(manager: Session) -> None:
    with manager.centre.transaction() as conn:
        conn.execute("INSERT INTO setting (key, value) VALUES ('idle_minutes', '0')")
    assert settings.idle_minutes(manager) == 5


def test_no_backup_yet_is_an_alert_for_those_who_back_up(
    manager: Session, front_desk: Session
) -> None:
    today = date(2026, 3, 4)
    assert [a.text for a in alerts.alerts(manager, today)] == [
        "No backup has been made yet. Make one now: Admin > Backup now."
    ]
    assert alerts.alerts(front_desk, today) == []


@pytest.mark.parametrize(
    ("made", "today", "due"),
    [
        ("2026-03-04T09:00:00+00:00", date(2026, 3, 4), False),
        ("2026-02-25T09:00:00+00:00", date(2026, 3, 4), False),  # seven days ago
        ("2026-02-24T09:00:00+00:00", date(2026, 3, 4), True),
    ],
)
def test_a_backup_older_than_seven_days_is_an_alert(
    manager: Session, made: str, today: date, due: bool
) -> None:
    with manager.centre.transaction() as conn:
        conn.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?)",
            (maintenance.LAST_BACKUP_SETTING, made),
        )
    found = alerts.alerts(manager, today)
    assert bool(found) == due
    if due:
        assert found[0].severity == WARNING
        assert found[0].text.startswith(
            "No backup in the last 7 days (the last was made on 24 February 2026)"
        )


def test_alert_sources_are_run_and_sorted_most_pressing_first(
    manager: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = [
        lambda session, today: [Alert(INFO, "a note")],
        lambda session, today: [Alert(URGENT, "act now")],
    ]
    monkeypatch.setattr(alerts, "ALERT_SOURCES", [*alerts.ALERT_SOURCES, *extra])
    found = alerts.alerts(manager, date(2026, 3, 4))
    assert [a.severity for a in found] == [URGENT, WARNING, INFO]


def test_an_alert_has_a_known_severity() -> None:
    with pytest.raises(ValueError, match="severity"):
        Alert("loud", "text")


def test_centre_exists(closed_centre: Path, tmp_path: Path) -> None:
    assert centre_exists(closed_centre)
    assert not centre_exists(tmp_path / "nothing-here")
    (closed_centre / "keystore.json").unlink()
    assert centre_exists(closed_centre)  # what is left of a centre still needs a restore
