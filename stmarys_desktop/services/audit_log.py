"""The manager reads the audit log: who did what, when, on which family (D107).

Reading needs VIEW_AUDIT. Opening the log is itself audited once, and printing it is an
internal printout (clause i, services/printouts.py), audited with how many rows went on
paper. A change of filter is not audited: it reads nothing the opening did not already
allow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stmarys_desktop.domain.audit_rows import AuditRow
from stmarys_desktop.domain.dates import long_date
from stmarys_desktop.domain.errors import InvalidInput
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services import audit_words
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import audit_log

SHOWN = 1000  # the newest rows a screen shows for one filter
PRINTED = 20_000  # the most one printout carries


@dataclass(frozen=True)
class AuditFilter:
    who: str = ""
    what: str = ""
    family: str = ""
    since: date | None = None
    until: date | None = None

    def check(self) -> None:
        if self.since and self.until and self.until < self.since:
            raise InvalidInput("The last day is before the first day; change one of them.")

    @property
    def words(self) -> str:
        """The filter as a printout states it."""
        parts = [
            f'{label} contains "{value.strip()}"'
            for label, value in (("who", self.who), ("what", self.what), ("family", self.family))
            if value.strip()
        ]
        if self.since:
            parts.append(f"from {long_date(self.since)}")
        if self.until:
            parts.append(f"to {long_date(self.until)}")
        return "; ".join(parts) or "every entry"


def open_audit_log(session: Session) -> None:
    """The manager opened the Audit log screen: one audit row."""
    session.require(Permission.VIEW_AUDIT, "read the audit log")
    session.audit(action="audit_log.view")


def audit_entries(
    session: Session, chosen: AuditFilter = AuditFilter(), limit: int = SHOWN
) -> list[AuditRow]:
    """The newest entries matching the filter (at most `limit`)."""
    session.require(Permission.VIEW_AUDIT, "read the audit log")
    chosen.check()
    return _search(session, chosen, limit)


def _search(session: Session, chosen: AuditFilter, limit: int) -> list[AuditRow]:
    conn = session.centre.conn
    names = audit_log.actor_names(conn)  # full names, not logins (issue 18)
    found = audit_log.search(
        conn,
        who=chosen.who,
        what=chosen.what,
        actions=audit_words.actions_saying(chosen.what),
        family=chosen.family,
        since=chosen.since,
        until=chosen.until,
        limit=limit,
    )
    # People and staff the log numbers, by name where the record still has them.
    people, staff = audit_log.people_and_staff(
        conn, *audit_words.numbered([text for e in found for text in (e.subject, e.detail)])
    )
    return [
        AuditRow(
            e.seq,
            e.at,
            e.actor,
            e.action,
            audit_words.with_names(e.subject, people, staff),
            e.detail,
            e.outcome,
            names.get(e.actor, ""),
            audit_words.with_names(
                audit_words.what_words(e.action, e.subject, e.detail, e.outcome), people, staff
            ),
        )
        for e in found
    ]
