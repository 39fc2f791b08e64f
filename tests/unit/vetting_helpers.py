"""Vetting for tests: a complete, clear record for a member of staff, through the services.

    record_clear_vetting(manager, staff_id)

gives the person a clear enhanced DBS check, identity seen and two satisfactory
references, dated a few weeks before the manager session's today, so they are
cleared (clause vi) and can be rostered or made active. The manager session's
clock decides "today"; set it first when a test books sessions on a fixed date.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from stmarys_desktop.domain.staff import DbsCheckDraft, IdentityDraft, ReferenceDraft
from stmarys_desktop.services import staff
from stmarys_desktop.services.session import Session

_numbers = itertools.count(1)


def certificate_number() -> str:
    """A made-up 12-digit certificate number, different on every call."""
    return f"0019{next(_numbers):08d}"


def record_clear_vetting(
    manager: Session, staff_id: int, *, issued_on: date | None = None, update_service: bool = False
) -> None:
    today = manager.centre.clock().date()
    issued = issued_on or today - timedelta(days=60)
    staff.record_dbs_check(
        manager,
        staff_id,
        DbsCheckDraft(
            certificate_number=certificate_number(),
            issued_on=issued,
            seen_on=min(issued + timedelta(days=5), today),
            update_service=update_service,
        ),
    )
    record_identity_and_references(manager, staff_id)


def record_identity_and_references(manager: Session, staff_id: int, references: int = 2) -> None:
    today = manager.centre.clock().date()
    staff.record_identity(
        manager,
        staff_id,
        IdentityDraft(["Passport", "Utility bill"], seen_on=today - timedelta(days=50)),
    )
    for n in range(references):
        staff.record_reference(
            manager,
            staff_id,
            ReferenceDraft(f"Referee {n + 1} Thorncombe", today - timedelta(days=40 - n), True),
        )


def cleared_staff(manager: Session, full_name: str, centre_role: str = "staff") -> int:
    """A new person, vetted and made active; returns their staff id."""
    from stmarys_desktop.domain.staff import NewStaff

    member = staff.add_staff(manager, NewStaff(full_name, centre_role))
    record_clear_vetting(manager, member.id)
    return staff.activate(manager, member.id, member.version).id
