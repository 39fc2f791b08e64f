"""One row of the audit log as a person reads it (the chain's HMACs stay in the store)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: str
    actor: str
    action: str
    subject: str  # the family's reference, or the record acted on
    detail: str
    outcome: str  # done, refused or failed
    who: str = ""  # the actor's full name, where the actor is an account (issue 18)
    what: str = ""  # what happened in plain words (services/audit_words.py)

    @property
    def person(self) -> str:
        """Who did it, as a person reads it: the full name, else what the log holds."""
        return self.who or self.actor
