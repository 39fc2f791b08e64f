"""The disclosure history as a printout, for a manager (marked confidential)."""

from __future__ import annotations

from stmarys_desktop.domain.disclosures import DisclosureEntry
from stmarys_desktop.policy.disclosure import Action
from stmarys_desktop.printing.document import CONFIDENTIAL, escape


def disclosure_history_html(centre_name: str, printed_on: str,
                            entries: list[DisclosureEntry]) -> str:
    rows = "".join(
        f"<tr><td>{escape(e.at[:16].replace('T', ' '))}</td><td>{escape(e.actor)}</td>"
        f"<td>{escape(e.family_reference)}</td><td>{escape(Action(e.action).label)}</td>"
        f"<td>{escape(e.recipient)}</td><td>{'Allowed' if e.allowed else 'Refused'}</td>"
        f"<td>{escape(e.clause)}</td><td>{escape(e.basis or e.sentence)}</td></tr>"
        for e in entries) or "<tr><td colspan='8'>Nothing has been asked for yet.</td></tr>"
    return f"""
<p><b>{escape(CONFIDENTIAL.upper())}</b></p>
<h2>Disclosure history: {escape(centre_name)}</h2>
<p>Printed {escape(printed_on)}. Every attempt to pass information out of the centre,
allowed or refused, newest first.</p>
<table border="1" cellspacing="0" cellpadding="3" width="100%">
<tr><th>When</th><th>Who</th><th>Family</th><th>Action</th><th>To</th><th>Outcome</th>
<th>Clause</th><th>Basis or reason</th></tr>
{rows}
</table>
<p><b>{escape(CONFIDENTIAL)}</b></p>
"""
