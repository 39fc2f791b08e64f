"""A break in the audit log's history (issue 16): a cut found, or a restore."""

from __future__ import annotations

from dataclasses import dataclass

CUT = "cut"
RESTORE = "restore"


@dataclass(frozen=True)
class AuditBreak:
    id: int
    kind: str  # CUT or RESTORE
    found_at: str
    anchor_seq: int
    anchor_hmac: str
    fork_seq: int  # the rows up to here are the history that carries on
    problem: str
    explained_at: str | None
    explained_by: str | None
    what_happened: str | None
