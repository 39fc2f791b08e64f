"""Recording an incident (first version: the front desk's record of what happened).

Issue 5 adds concerns routed to the safeguarding lead, corrections that
supersede, the body map and the accident book screen.
"""

from __future__ import annotations

from datetime import datetime

from stmarys_desktop.domain.clock import stamp
from stmarys_desktop.domain.errors import InvalidInput
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services import checks
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import families as family_store
from stmarys_desktop.store import incidents as incident_store

KINDS = ("welfare_concern", "violence_concern", "accident", "other")


def record_incident(session: Session, *, kind: str, family_id: int | None, place: str,
                    description: str, action_taken: str = "",
                    occurred_at: datetime | None = None) -> int:
    session.require(Permission.RECORD_INCIDENT, "record an incident")
    if kind not in KINDS:
        raise InvalidInput("Choose what kind of incident this is.")
    text = checks.free_text(description, "What happened", 10_000)
    if not text:
        raise InvalidInput("Describe what happened before saving.")
    now = session.centre.clock()
    when = occurred_at or now
    if when > now:
        raise InvalidInput("An incident cannot be recorded for a time in the future.")
    centre = session.centre
    concern = kind in ("welfare_concern", "violence_concern")
    with centre.transaction() as conn:
        if family_id is not None and not family_store.family_exists(conn, family_id):
            raise InvalidInput("That family is no longer on the system.")
        incident_id = incident_store.insert_incident(
            conn, kind=kind, family_id=family_id, occurred_at=stamp(when),
            place=checks.free_text(place, "Where it happened", 200), description=text,
            action_taken=checks.free_text(action_taken, "Action taken"),
            recorded_by=session.user_name, recorded_at=centre.now(),
            status="awaiting_confirmation" if concern else "recorded")
        if family_id is not None:
            family_store.touch(conn, family_id, centre.now())
        centre.audit(actor=session.user_name, action="incident.record",
                     subject=family_store.reference_of(conn, family_id) if family_id else "",
                     detail=f"incident {incident_id} ({kind})")
    return incident_id
