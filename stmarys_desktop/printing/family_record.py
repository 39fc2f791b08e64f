"""A family's record on paper, for use inside the centre only (clause i).

The reference, status, people (role in the family, date of birth, needs),
referral, contact arrangement, review dates and attendance history. Contact
details stay masked on paper as on the screen (clause iv): the page says
whether an address or telephone is held, never what it is. The referrer's own
contact is left off as well; it is on the system for whoever needs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from stmarys_desktop.domain.families import Family, Person
from stmarys_desktop.domain.sessions import AttendanceLine
from stmarys_desktop.printing.document import CONFIDENTIAL, escape
from stmarys_desktop.printing.internal import paragraphs, printed_note, ruled_table, when_text

NOT_PRINTED = "held, not printed"
NONE_HELD = "None held"


def title_for(family_reference: str) -> str:
    return f"Family record {family_reference}"


def day_text(day: date | None, empty: str = "-") -> str:
    return f"{day.day} {day:%B %Y}" if day is not None else empty


def _table(header: Sequence[tuple[str, str]], rows: Sequence[Sequence[str]],
           empty: str) -> str:
    """A table of cells already escaped; `header` is (heading, width) pairs."""
    heads = "".join(f"<th align='left' width='{width}'>{escape(text)}</th>"
                    for text, width in header)
    body = "".join("<tr>" + "".join(f"<td valign='top'>{cell}</td>" for cell in row)
                   + "</tr>" for row in rows) \
        or f"<tr><td colspan='{len(header)}'>{escape(empty)}</td></tr>"
    return ruled_table(f"<thead><tr bgcolor='#eeeeee'>{heads}</tr></thead>{body}") + "<p></p>"


def _facts(rows: Sequence[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td width='28%' valign='top'><b>{escape(label)}</b></td>"
                    f"<td valign='top'>{value}</td></tr>" for label, value in rows)
    return ruled_table(cells) + "<p></p>"


def _role(person: Person) -> str:
    role = person.kind.label
    if person.relationship:
        role += f" ({person.relationship})"
    return escape(role)


def _contact(person: Person) -> str:
    if not person.kind.is_adult:
        return "-"
    held = [word for word, has in (("address", person.has_address),
                                   ("telephone", person.has_telephone)) if has]
    if not held:
        return NONE_HELD
    return escape(f"{' and '.join(held).capitalize()} {NOT_PRINTED}")


def _people(family: Family) -> str:
    named = family.referral.named_person_ids if family.referral else frozenset()
    # Adults first, then the children, as on the screen's referral.
    people = family.adults + family.children
    rows = [(f"<b>{escape(p.full_name)}</b>", _role(p), escape(day_text(p.date_of_birth)),
             paragraphs(p.needs), "Yes" if p.id in named else "No", _contact(p))
            for p in people]
    return _table((("Name", "19%"), ("Role in the family", "16%"), ("Date of birth", "14%"),
                   ("Needs", "20%"), ("Named on the referral", "12%"),
                   ("Address and telephone", "19%")), rows, "Nobody is recorded.")


def _referral(family: Family) -> str:
    ref = family.referral
    if ref is None:
        return "<p>No referral is recorded.</p>"
    return _facts((("Kind of referrer", escape(ref.agency_kind.label)),
                   ("Referring agency", escape(ref.agency_name)),
                   ("Referrer", escape(ref.referrer_name)),
                   ("Referred on", escape(day_text(ref.referred_on))),
                   ("Court order on file", "Yes" if ref.court_order_on_file else "No")))


def _attendance(lines: Sequence[AttendanceLine]) -> str:
    rows = [(escape(f"{line.on_date:%a} {day_text(line.on_date)}"),
             escape(f"{line.starts}\u2013{line.ends}"), escape(line.status.label),
             escape(line.cancelled_by.capitalize() or "-")) for line in lines]
    return _table((("Date", "30%"), ("Time", "20%"), ("Attendance", "25%"),
                   ("Cancelled by", "25%")), rows, "No sessions are recorded yet.")


def family_record_html(centre_name: str, family: Family, attendance: Sequence[AttendanceLine],
                       printed_by: str, printed_on: str, today: date | None = None) -> str:
    next_review = day_text(family.next_review_on, "No review is due")
    if today is not None and family.next_review_on and family.next_review_on < today:
        next_review += " (overdue)"
    facts = _facts((("Reference", f"<b>{escape(family.reference)}</b>"),
                    ("Status", escape(family.status.capitalize())),
                    ("On the system since", escape(when_text(family.created_at[:10]))),
                    ("Last review", escape(day_text(family.last_reviewed_on, "Not yet"))),
                    ("Next review due", escape(next_review))))
    count = len(attendance)
    return f"""
<h1>{escape(title_for(family.reference))}</h1>
<p>{printed_note(centre_name, printed_by, printed_on)}
Addresses and telephone numbers are never printed (clause iv).</p>
{facts}
<h2>People</h2>
{_people(family)}
<h2>Referral</h2>
{_referral(family)}
<h2>Contact arrangement</h2>
<p>{paragraphs(family.arrangement)}</p>
<h2>Attendance history</h2>
<p>{count} session{'' if count == 1 else 's'}, newest first: booked, attended, did not attend
or cancelled.</p>
{_attendance(attendance)}
<p><b>{escape(CONFIDENTIAL)}.</b> End of the family record.</p>
"""
