"""The audit log on paper, for the manager, for use inside the centre only (clause i)."""

from __future__ import annotations

from collections.abc import Sequence

from stmarys_desktop.domain.audit_rows import AuditRow
from stmarys_desktop.domain.dates import long_stamp
from stmarys_desktop.printing.document import Paper, escape, plural, table
from stmarys_desktop.printing.internal import internal_paper

TITLE = "Audit log"
OUTCOMES = {"done": "Done", "refused": "Refused", "failed": "Failed"}
HEADER = ("When", "Who", "What", "Outcome", "Family or record")
WIDTHS = (0.17, 0.15, 0.36, 0.14, 0.18)


def what_text(entry: AuditRow) -> str:
    """What happened, as the service put it in words ("Family SMC-2026-00012 opened");
    the stored action and detail only for a row read without them."""
    if entry.what:
        return entry.what
    return f"{entry.action}: {entry.detail}" if entry.detail else entry.action


def audit_log_paper(
    centre_name: str,
    entries: Sequence[AuditRow],
    filter_words: str,
    printed_by: str,
    printed_on: str,
) -> Paper:
    rows = [
        tuple(
            escape(cell)
            for cell in (
                long_stamp(e.at),
                e.person,
                what_text(e),
                OUTCOMES.get(e.outcome, e.outcome),
                e.subject,
            )
        )
        for e in entries
    ]
    sheet = table(HEADER, rows, WIDTHS, "No entry matches.")
    return internal_paper(
        TITLE,
        centre_name,
        printed_by,
        printed_on,
        [sheet],
        intro=f"{plural(len(entries), 'entry', 'entries')}, newest first; {escape(filter_words)}.",
        end="End of the audit log.",
    )
