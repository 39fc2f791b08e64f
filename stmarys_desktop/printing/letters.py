"""Letters that leave the centre (each allowed by policy.decide first) and the consent form.

A letter is laid out as a British business letter: the centre's name, address
and telephone at the top right; "Private and confidential" and the addressee at
the left; the date and the references; "Dear Sir or Madam"; a heading; the
text; "Yours faithfully", a space to sign, the signatory's name and role.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Flowable, Table, TableStyle

from stmarys_desktop.domain.dates import long_date, long_weekday
from stmarys_desktop.domain.disclosures import AttendanceLetter, ConsentForm, ProceedingsReply
from stmarys_desktop.domain.paper import Letterhead, Signatory
from stmarys_desktop.printing.document import (
    PLAIN_FONT,
    Paper,
    escape,
    gap,
    heading,
    lines,
    para,
    percent,
    styles,
    table,
    time_range,
    title,
    together,
)

ITEM_WORDS = {"address": "my home address", "telephone": "my telephone number(s)"}
SALUTATION = "Dear Sir or Madam,"
CLOSING = "Yours faithfully,"
ATTENDANCE_TITLE = "Attendance at the contact centre"
REPLY_TITLE = "Your request for a report"
CONSENT_TITLE = "Consent to share contact details"


def letterhead_block(head: Letterhead) -> Table:
    """The centre's name, address and telephone, at the top right."""
    s = styles()
    words = [f"<b>{escape(head.name)}</b>", *(escape(line) for line in head.address_lines)]
    if head.telephone:
        words.append(f"Telephone: {escape(head.telephone)}")
    block = Table(
        [["", para("<br/>".join(words), s.right)]],
        colWidths=percent((0.45, 0.55)),
        hAlign="LEFT",
        style=TableStyle(
            [
                PLAIN_FONT,
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    return block


def _references(ours: str, theirs: str) -> str:
    words = f"Our reference: {escape(ours)}"
    if theirs.strip():
        words += f"<br/>Your reference: {escape(theirs.strip())}"
    return words


def signature_block(signatory: Signatory, centre: str) -> Flowable:
    """'Yours faithfully', room to sign, the name and the role; never split from each other."""
    return together(
        para(CLOSING),
        gap(16),
        para("______________________________"),
        para(f"<b>{escape(signatory.name)}</b><br/>{escape(signatory.role)}, {escape(centre)}"),
    )


def letter(
    head: Letterhead,
    signatory: Signatory,
    *,
    document_title: str,
    to: str,
    written_on: date,
    our_reference: str,
    subject: str,
    body: Sequence[Flowable],
    your_reference: str = "",
) -> Paper:
    """A letter in the centre's frame, from `head`, signed by `signatory`."""
    story: list[Flowable] = [
        letterhead_block(head),
        gap(6),
        para(f"<b>Private and confidential</b><br/>{escape(to)}"),
        gap(4),
        para(escape(long_date(written_on))),
        para(_references(our_reference, your_reference)),
        gap(2),
        para(SALUTATION),
        heading(subject),
        *body,
        gap(2),
        signature_block(signatory, head.name),
    ]
    return Paper(
        document_title,
        story,
        centre_name=head.name,
        footer_note=f"{head.name}. Our reference: {our_reference}",
    )


def attendance_letter_paper(
    letter_: AttendanceLetter, head: Letterhead, signatory: Signatory
) -> Paper:
    rows = [
        (
            escape(long_weekday(line.on_date)),
            escape(time_range(line.starts, line.ends)),
            escape(line.what_happened),
        )
        for line in letter_.lines
    ]
    body = [
        para(
            f"As the referring agency you asked for the dates and times of the attendance "
            f"of family {escape(letter_.family_reference)} at the contact centre. "
            f"{escape(letter_.policy_says)} We give these and nothing else."
        ),
        table(("Date", "Time", "Attendance"), rows, (0.42, 0.22, 0.36), "No sessions yet."),
        gap(3),
        para("We do not observe contact or write reports on families."),
    ]
    return letter(
        head,
        signatory,
        document_title=ATTENDANCE_TITLE,
        to=letter_.recipient,
        written_on=letter_.written_on,
        our_reference=letter_.family_reference,
        subject=f"{ATTENDANCE_TITLE}: family {letter_.family_reference}",
        body=body,
    )


def proceedings_reply_paper(
    reply: ProceedingsReply, head: Letterhead, signatory: Signatory, your_reference: str = ""
) -> Paper:
    # Never the referrer's name, nor anything else about the family (issue 20).
    body = [
        para(
            f"Thank you for your request. {escape(reply.policy_says)} This applies whoever "
            "asks and whatever consent has been given, so we cannot provide a report, a "
            f"statement or an opinion ({escape(reply.clause_title)})."
        ),
        para(
            "The dates and times of a family's attendance go only to the agency that "
            "referred the family, when that agency asks for them "
            f"({escape(reply.attendance_rule)})."
        ),
        para("Our policy is available on request."),
    ]
    return letter(
        head,
        signatory,
        document_title=REPLY_TITLE,
        to=reply.requester,
        written_on=reply.written_on,
        our_reference=reply.family_reference,
        your_reference=your_reference,
        subject=f"{REPLY_TITLE}: family {reply.family_reference}",
        body=body,
    )


def consent_form_paper(form: ConsentForm, head: Letterhead) -> Paper:
    items = "<br/>".join(f"\u2022 {escape(ITEM_WORDS.get(item, item))}" for item in form.items)
    # The end date is the last day the consent holds (D105).
    expiry = (
        f"This consent holds up to and including {long_date(form.expires_on)}, its "
        "last day, unless I withdraw it sooner."
        if form.expires_on
        else "This consent has no end date: it holds until I withdraw it."
    )
    story: list[Flowable] = [
        letterhead_block(head),
        gap(4),
        title(CONSENT_TITLE),
        para(f"Family reference: {escape(form.family_reference)}"),
        para(
            f"{escape(form.policy_says)} We therefore need your written permission, "
            "naming who may receive which details."
        ),
        para(f"I, <b>{escape(form.given_by)}</b>, agree that the contact centre may give"),
        para(items),
        para(f"to <b>{escape(form.recipient)}</b> and to no one else."),
        para(
            f"{expiry} I can withdraw it at any time by telling the centre. This consent "
            "covers my own details only; it does not cover anyone else's."
        ),
        gap(6),
        together(lines(("Signed", "Print name", "Date"), (0.4, 0.4, 0.2), height_mm=14)),
        gap(10),
        together(
            para("<i>For the centre</i>", styles().small),
            lines(("Received by", "On (date)", "The signed form is kept at"), (0.35, 0.2, 0.45)),
        ),
    ]
    return Paper(
        CONSENT_TITLE,
        story,
        centre_name=head.name,
        footer_note=f"{head.name}. Family reference: {form.family_reference}",
    )
