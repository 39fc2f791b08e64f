"""Start-screen alerts about incidents (issue 5): who sees which, and when."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from stmarys_desktop.domain.alerts import INFO, URGENT, WARNING
from stmarys_desktop.domain.incidents import IncidentDraft, IncidentKind
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts, alerts, families, incidents
from stmarys_desktop.services.incident_alerts import (
    INCIDENT_ALERT_SOURCES,
    concern_alerts,
    exception_alerts,
    referral_alerts,
)
from tests.unit.family_helpers import two_parent_family


@pytest.fixture
def staff(manager, sign_in_as):
    for user, name, role in (
        ("desk", "Pella Quorne", Role.FRONT_DESK),
        ("lead", "Idris Vantage", Role.SAFEGUARDING_LEAD),
        ("coord", "Nerys Calder", Role.COORDINATOR),
    ):
        accounts.create_account(
            manager,
            user_name=user,
            display_name=name,
            roles=[role],
            password=f"{user} password long",
        )
    desk = sign_in_as("desk", "desk password long")
    lead = sign_in_as("lead", "lead password long")
    coord = sign_in_as("coord", "coord password long")
    family = families.create_family(coord, two_parent_family())
    return manager, desk, lead, coord, family


def concern(family_id: int, **changes) -> IncidentDraft:
    draft = IncidentDraft(
        kind=IncidentKind.WELFARE_CONCERN,
        occurred_at=datetime.now().astimezone(),
        seen_and_heard='Ivy said: "I don\'t want to go home."',
        family_id=family_id,
    )
    for key, value in changes.items():
        setattr(draft, key, value)
    return draft


def texts(found) -> list[str]:
    return [alert.text for alert in found]


def test_the_incident_sources_are_on_the_start_screen() -> None:
    assert all(source in alerts.ALERT_SOURCES for source in INCIDENT_ALERT_SOURCES)


def test_a_concern_waiting_is_urgent_for_the_safeguarding_lead_only(staff) -> None:
    manager, desk, lead, coord, family = staff
    today = date.today()
    assert concern_alerts(lead, today) == []
    first = incidents.record_incident(desk, concern(family.id))
    (alert,) = concern_alerts(lead, today)
    assert alert.severity == URGENT
    assert alert.text.startswith("A concern is waiting for you to confirm or not")
    assert f"record {first}" in alert.text
    for other in (desk, coord, manager):
        assert concern_alerts(other, today) == []
    assert alert in alerts.alerts(lead, today)


def test_a_corrected_concern_counts_once(staff) -> None:
    _, desk, lead, _, family = staff
    first = incidents.record_incident(desk, concern(family.id))
    second = incidents.correct_incident(lead, first, concern(family.id))
    (alert,) = concern_alerts(lead, date.today())
    assert f"record {second}" in alert.text and f"record {first}" not in alert.text


def test_a_decided_concern_is_no_longer_an_alert(staff) -> None:
    _, desk, lead, _, family = staff
    incidents.decline_concern(
        lead, incidents.record_incident(desk, concern(family.id)), "A story from a film."
    )
    assert concern_alerts(lead, date.today()) == []


def test_a_referral_without_its_reference_after_two_working_days(staff) -> None:
    manager, desk, lead, _, family = staff
    recorded = incidents.record_incident(desk, concern(family.id, referred_to="police"))
    today = date.today()
    assert referral_alerts(lead, today) == []
    later = today + timedelta(days=6)
    (alert,) = referral_alerts(lead, later)
    assert alert.severity == WARNING
    assert f"record {recorded} (family {family.reference})" in alert.text
    assert texts(referral_alerts(manager, later)) == [alert.text]
    assert referral_alerts(desk, later) == []
    incidents.correct_incident(
        lead, recorded, concern(family.id, referred_to="police", referral_reference="WP/2026/0413")
    )
    assert referral_alerts(lead, later) == []


def test_open_exceptions_are_listed_for_the_lead_and_the_manager(staff) -> None:
    manager, desk, lead, coord, family = staff
    today = date.today()
    assert exception_alerts(lead, today) == []
    exception = incidents.confirm_concern(lead, incidents.record_incident(desk, concern(family.id)))
    (alert,) = exception_alerts(lead, today)
    assert alert.severity == INFO
    assert alert.text.startswith("An exception is open") and family.reference in alert.text
    assert texts(exception_alerts(manager, today)) == [alert.text]
    assert exception_alerts(desk, today) == [] and exception_alerts(coord, today) == []
    incidents.close_exception(lead, exception.id, "Children's Services closed the case.")
    assert exception_alerts(lead, today) == []


def test_many_are_summed_up_not_listed_one_by_one(staff) -> None:
    _, desk, lead, _, family = staff
    for _ in range(7):
        incidents.record_incident(desk, concern(family.id))
    (alert,) = concern_alerts(lead, date.today())
    assert alert.text.startswith("7 concerns are waiting") and "and 2 more" in alert.text
