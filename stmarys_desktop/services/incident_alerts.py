"""What the start screen says about incidents (DESIGN.md section 5; issue 5).

Three sources, each deciding for itself whom it concerns:
concerns waiting for the safeguarding lead (those who confirm concerns),
referrals to Children's Services or the police still without their reference
after two working days, and exceptions open on families (both for those who
see concern details: the safeguarding lead and the manager).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from stmarys_desktop.domain.alerts import CONCERNS, INFO, RECORDS, URGENT, WARNING, Alert
from stmarys_desktop.domain.dates import long_date
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services import incidents
from stmarys_desktop.services.session import Session

WHERE_CONCERNS = "Incidents > Concerns and exceptions"
LISTED = 5


def _day(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return long_date(moment.date())


def _listed(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c', or the first few 'and 7 more'."""
    shown = list(words[:LISTED])
    rest = len(words) - len(shown)
    if rest:
        return ", ".join(shown) + f" and {rest} more"
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def concern_alerts(session: Session, today: date) -> list[Alert]:
    """Concerns recorded and not yet confirmed or not confirmed."""
    if not session.can(Permission.CONFIRM_CONCERN):
        return []
    # A superseded concern is decided through the record that corrects it.
    waiting = sorted(
        (s for s in incidents.awaiting_confirmation(session) if s.superseded_by_id is None),
        key=lambda s: s.occurred_at,
    )
    if not waiting:
        return []
    count = len(waiting)
    what = "A concern is" if count == 1 else f"{count} concerns are"
    return [
        Alert(
            URGENT,
            f"{what} waiting for you to confirm or not (the oldest from "
            f"{_day(waiting[0].occurred_at)}): "
            f"{_listed([f'record {s.id}' for s in waiting])}. "
            f"See {WHERE_CONCERNS}.",
            CONCERNS,
        )
    ]


def referral_alerts(session: Session, today: date) -> list[Alert]:
    """Referred to Children's Services or the police, no reference after two working days."""
    if not session.can(Permission.VIEW_CONCERN_DETAILS):
        return []
    overdue = sorted(incidents.overdue_references(session, today), key=lambda s: s.id)
    if not overdue:
        return []
    records = _listed(
        [
            f"record {s.id}" + (f" (family {s.family_reference})" if s.family_reference else "")
            for s in overdue
        ]
    )
    what = "A referral" if len(overdue) == 1 else f"{len(overdue)} referrals"
    return [
        Alert(
            WARNING,
            f"{what} to Children's Services or the police still "
            f"{'has' if len(overdue) == 1 else 'have'} no reference after two "
            f"working days: {records}. Ask them for it, then record a "
            "correction with the reference (Incidents > Records).",
            RECORDS,
        )
    ]


def exception_alerts(session: Session, today: date) -> list[Alert]:
    """Exceptions open on families: each should be closed once it is no longer needed."""
    if not session.can(Permission.VIEW_CONCERN_DETAILS):
        return []
    found = sorted(incidents.open_exceptions(session), key=lambda e: e.opened_at)
    if not found:
        return []
    families = _listed([f"{e.family_reference} (since {_day(e.opened_at)})" for e in found])
    what = "An exception is" if len(found) == 1 else f"{len(found)} exceptions are"
    return [
        Alert(
            INFO,
            f"{what} open (clause 4: the family's details may go to Children's "
            f"Services and the police): {families}. Close each when it is no "
            f"longer needed: {WHERE_CONCERNS}.",
            CONCERNS,
        )
    ]


INCIDENT_ALERT_SOURCES = [concern_alerts, referral_alerts, exception_alerts]
