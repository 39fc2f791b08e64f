"""What the start screen warns about (DESIGN.md section 5).

Each later area adds a source to ALERT_SOURCES: a function of the session
and today's date returning the alerts it knows of. A source decides itself
whom its alerts concern (by permission), so the start screen only shows
them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from stmarys_desktop.domain.alerts import BACKUP, INFO, RETENTION, WARNING, Alert
from stmarys_desktop.domain.dates import long_date
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services import retention
from stmarys_desktop.services.incident_alerts import (
    concern_alerts,
    exception_alerts,
    referral_alerts,
)
from stmarys_desktop.services.integrity import integrity_alerts
from stmarys_desktop.services.maintenance import last_backup_at
from stmarys_desktop.services.policy_documents import in_force_words, policy_alerts
from stmarys_desktop.services.session import Session
from stmarys_desktop.services.staff import own_access_alerts, vetting_alerts

AlertSource = Callable[[Session, date], list[Alert]]

BACKUP_DUE_DAYS = 7


def backup_alerts(session: Session, today: date) -> list[Alert]:
    if not session.can(Permission.BACKUP):
        return []
    last = last_backup_at(session)
    if last is None:
        return [
            Alert(WARNING, "No backup has been made yet. Make one now: Admin > Backup now.", BACKUP)
        ]
    try:
        made_on = datetime.fromisoformat(last).date()
    except ValueError:
        return [
            Alert(
                WARNING,
                "The date of the last backup cannot be read. "
                "Make a backup now: Admin > Backup now.",
                BACKUP,
            )
        ]
    if (today - made_on).days > BACKUP_DUE_DAYS:
        return [
            Alert(
                WARNING,
                f"No backup in the last {BACKUP_DUE_DAYS} days (the last was "
                f"made on {long_date(made_on)}). Make one now: Admin > Backup now.",
                BACKUP,
            )
        ]
    return []


def retention_alerts(session: Session, today: date) -> list[Alert]:
    """Clause viii: how many records are due for the retention review (managers only)."""
    if not session.can(Permission.RETENTION_REVIEW):
        return []
    due = retention.due_count(session, today)
    if not due:
        return []
    return [
        Alert(
            INFO,
            f"{due:,} record{'s are' if due != 1 else ' is'} due for the retention "
            "review (not used for three years): Admin > Retention review.",
            RETENTION,
        )
    ]


ALERT_SOURCES: list[AlertSource] = [
    own_access_alerts,
    backup_alerts,
    concern_alerts,
    referral_alerts,
    exception_alerts,
    vetting_alerts,
    policy_alerts,
    retention_alerts,
    integrity_alerts,
]


def alerts(session: Session, today: date) -> list[Alert]:
    """Every source's alerts, most pressing first."""
    found: list[Alert] = []
    for source in ALERT_SOURCES:
        found.extend(source(session, today))
    # Clauses named as the version in force numbers them (issue 20).
    found = [replace(a, text=in_force_words(session, a.text)) for a in found]
    return sorted(found, key=lambda alert: alert.rank)
