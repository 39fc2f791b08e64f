"""Letters that leave the centre (each allowed by policy.decide first) and the consent form."""

from __future__ import annotations

from stmarys_desktop.domain.disclosures import AttendanceLetter, ConsentForm, ProceedingsReply
from stmarys_desktop.policy.clauses import Clause
from stmarys_desktop.printing.document import escape

ITEM_WORDS = {"address": "my home address", "telephone": "my telephone number(s)"}


def _letterhead(centre: str, written_on: object, reference: str) -> str:
    return (f"<p align='right'><b>{escape(centre)}</b><br/>{escape(written_on)}</p>"
            f"<p>Our reference: {escape(reference)}</p>")


def attendance_letter_html(letter: AttendanceLetter) -> str:
    rows = "".join(
        f"<tr><td>{line.on_date:%a %d %b %Y}</td><td>{escape(line.starts)}-"
        f"{escape(line.ends)}</td><td>{escape(line.status.label)}"
        f"{' (' + escape(line.cancelled_by) + ')' if line.cancelled_by else ''}</td></tr>"
        for line in letter.lines) or "<tr><td colspan='3'>No sessions yet.</td></tr>"
    return f"""
{_letterhead(letter.centre_name, f"{letter.written_on:%d %B %Y}", letter.family_reference)}
<p>To: {escape(letter.recipient)}</p>
<h2>Attendance at the contact centre</h2>
<p>As the referring agency you asked for the dates and times of this family's attendance.
Under our Confidentiality Policy ({escape(Clause.III.title)}: "{escape(Clause.III.words)}")
we give these and nothing else.</p>
<table border="1" cellspacing="0" cellpadding="4" width="100%">
<tr><th align="left">Date</th><th align="left">Time</th><th align="left">Attendance</th></tr>
{rows}
</table>
<p>We do not observe contact or write reports on families.</p>
<p>Yours sincerely,<br/><br/>Contact centre coordinator</p>
"""


def proceedings_reply_html(reply: ProceedingsReply) -> str:
    offer = (f"If the dates and times of the family's attendance would help, please ask the "
             f"referring agency ({escape(reply.referrer)}): we give those to the referrer on "
             f"request ({escape(Clause.III.title)}).") if reply.referrer else (
        "We can give the dates and times of the family's attendance to the referring agency "
        f"on request ({escape(Clause.III.title)}).")
    return f"""
{_letterhead(reply.centre_name, f"{reply.written_on:%d %B %Y}", reply.family_reference)}
<p>To: {escape(reply.requester)}</p>
<h2>Your request for a report</h2>
<p>Thank you for your request. Our Confidentiality Policy ({escape(reply.clause_title)})
says: "{escape(Clause.II.words)}" This applies whoever asks and whatever consent has been
given, so we cannot provide a report, a statement or an opinion.</p>
<p>{offer}</p>
<p>Our policy is available on request.</p>
<p>Yours sincerely,<br/><br/>Contact centre coordinator</p>
"""


def consent_form_html(form: ConsentForm) -> str:
    items = "".join(f"<li>{escape(ITEM_WORDS.get(item, item))}</li>" for item in form.items)
    expiry = (f"This consent ends on {form.expires_on:%d %B %Y} unless I withdraw it sooner."
              if form.expires_on else "This consent lasts until I withdraw it.")
    return f"""
{_letterhead(form.centre_name, "", form.family_reference)}
<h2>Consent to share contact details</h2>
<p>Our Confidentiality Policy ({escape(Clause.IV.title)}) says: "{escape(Clause.IV.words)}"
We therefore need your written permission, naming who may receive which details.</p>
<p>I, <b>{escape(form.given_by)}</b>, agree that the contact centre may give</p>
<ul>{items}</ul>
<p>to <b>{escape(form.recipient)}</b> and to no one else.</p>
<p>{expiry} I can withdraw it at any time by telling the centre. This consent covers my own
details only; it does not cover anyone else's.</p>
<br/>
<table width="100%" cellpadding="6">
<tr><td width="50%">Signed: ______________________________</td>
<td>Date: ____________________</td></tr>
</table>
<p><i>For the centre:</i> received by ______________ on __________; the signed form is kept
at ______________________.</p>
"""
