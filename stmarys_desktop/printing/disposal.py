"""The disposal certificate: what was disposed of, never what it said (clause viii)."""

from __future__ import annotations

from stmarys_desktop.domain.retention import Certificate
from stmarys_desktop.policy.clauses import Clause
from stmarys_desktop.printing.document import CONFIDENTIAL, escape


def disposal_certificate_html(certificate: Certificate) -> str:
    rows = "".join(
        f"<tr><td>{escape(item.reference)}</td><td>{escape(item.category)}</td>"
        f"<td>{escape(item.last_used_on)}</td><td>{escape(item.summary)}</td></tr>"
        for item in certificate.items)
    totals: dict[str, int] = {}
    for item in certificate.items:
        for what, count in item.counts.items():
            totals[what] = totals.get(what, 0) + count
    in_words = ", ".join(f"{count} {what}" for what, count in sorted(totals.items())
                         if count) or "nothing"
    return f"""
<p><b>{escape(CONFIDENTIAL.upper())}</b></p>
<h2>Certificate of disposal: {escape(certificate.centre_name)}</h2>
<p>Disposal number {certificate.batch}, {escape(certificate.disposed_at[:16].replace('T', ' '))},
authorised by {escape(certificate.authorised_by)}.</p>
<p>Under our Confidentiality Policy ({escape(Clause.VIII.title)}): "{escape(Clause.VIII.words)}"
The records below had not been used for three years. They were deleted in one transaction
with secure deletion, and the database's free space was cleared afterwards. The accident book
is kept, as the policy requires.</p>
<table border="1" cellspacing="0" cellpadding="3" width="100%">
<tr><th align="left">Record</th><th align="left">Kind</th><th align="left">Last used</th>
<th align="left">What it held</th></tr>
{rows}
</table>
<p>{len(certificate.items)} records, holding in all {escape(in_words)}.</p>
<p>Backups made before this date still hold these records until the backups are deleted.</p>
<p>Signed: ______________________ (manager) &nbsp;&nbsp; Date: ____________</p>
"""
