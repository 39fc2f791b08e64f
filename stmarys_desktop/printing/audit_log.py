"""The audit log on paper, for the manager, for use inside the centre only (clause i)."""

from __future__ import annotations

from collections.abc import Sequence

from stmarys_desktop.domain.audit_rows import AuditRow
from stmarys_desktop.printing.document import CONFIDENTIAL, escape
from stmarys_desktop.printing.internal import printed_note, ruled_table, when_text

TITLE = "Audit log"
OUTCOMES = {"done": "Done", "refused": "Refused", "failed": "Failed"}


def _small(cell: str) -> str:
    return f"<span style='font-size: 8pt'>{cell}</span>"


def what_text(entry: AuditRow) -> str:
    """The action and its detail as one line ("disclosure.attendance_letter: to agency")."""
    return f"{entry.action}: {entry.detail}" if entry.detail else entry.action


def audit_log_html(centre_name: str, entries: Sequence[AuditRow], filter_words: str,
                   printed_by: str, printed_on: str) -> str:
    rows = "".join(
        "<tr>" + "".join(f"<td>{_small(escape(cell))}</td>" for cell in (
            when_text(e.at), e.actor, what_text(e), OUTCOMES.get(e.outcome, e.outcome),
            e.subject)) + "</tr>" for e in entries) or \
        "<tr><td colspan='5'>No entry matches.</td></tr>"
    count = len(entries)
    table = ruled_table(f"""
<thead><tr bgcolor='#dddddd'><th align='left' width='17%'>{_small('When')}</th>
<th align='left' width='15%'>{_small('Who')}</th><th align='left' width='39%'>{_small('What')}</th>
<th align='left' width='11%'>{_small('Outcome')}</th>
<th align='left' width='18%'>{_small('Family or record')}</th></tr></thead>
{rows}
""", padding=3)
    return f"""
<h1>{escape(TITLE)}</h1>
<p>{printed_note(centre_name, printed_by, printed_on)}
{count} entr{'y' if count == 1 else 'ies'}, newest first; {escape(filter_words)}.</p>
{table}
<p><b>{escape(CONFIDENTIAL)}.</b> End of the audit log.</p>
"""
