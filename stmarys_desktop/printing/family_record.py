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

from reportlab.platypus import Flowable

from stmarys_desktop.domain.dates import long_date, long_stamp, long_weekday
from stmarys_desktop.domain.families import Family, Person
from stmarys_desktop.domain.sessions import AttendanceLine
from stmarys_desktop.printing.document import (
    Paper,
    escape,
    facts,
    gap,
    heading,
    para,
    plural,
    table,
    time_range,
)
from stmarys_desktop.printing.internal import internal_paper, paragraphs

NOT_PRINTED = "held, not printed"
NONE_HELD = "None held"


def title_for(family_reference: str) -> str:
    return f"Family record {family_reference}"


def _widths(header: Sequence[tuple[str, str]]) -> tuple[list[str], list[float]]:
    return [text for text, _ in header], [int(width.rstrip("%")) / 100 for _, width in header]


def _table(
    header: Sequence[tuple[str, str]], rows: Sequence[Sequence[str]], empty: str
) -> Flowable:
    """A table of cells already escaped; `header` is (heading, width) pairs."""
    heads, widths = _widths(header)
    return table(heads, rows, widths, empty)


def _facts(rows: Sequence[tuple[str, str]]) -> Flowable:
    return facts(rows)


def _role(person: Person) -> str:
    role = person.kind.label
    if person.relationship:
        role += f" ({person.relationship})"
    return escape(role)


def _contact(person: Person) -> str:
    if not person.kind.is_adult:
        return "-"
    held = [
        word
        for word, has in (("address", person.has_address), ("telephone", person.has_telephone))
        if has
    ]
    if not held:
        return NONE_HELD
    return escape(f"{' and '.join(held).capitalize()} {NOT_PRINTED}")


def _people(family: Family) -> Flowable:
    named = family.referral.named_person_ids if family.referral else frozenset()
    # Adults first, then the children, as on the screen's referral.
    people = family.adults + family.children
    rows = [
        (
            f"<b>{escape(p.full_name)}</b>",
            _role(p),
            escape(long_date(p.date_of_birth)),
            paragraphs(p.needs),
            "Yes" if p.id in named else "No",
            _contact(p),
        )
        for p in people
    ]
    return _table(
        (
            ("Name", "18%"),
            ("Role in the family", "16%"),
            ("Date of birth", "22%"),
            ("Needs", "16%"),
            ("Named on the referral", "12%"),
            ("Address and telephone", "16%"),
        ),
        rows,
        "Nobody is recorded.",
    )


def _referral(family: Family) -> Flowable:
    ref = family.referral
    if ref is None:
        return para("No referral is recorded.")
    return _facts(
        (
            ("Kind of referrer", escape(ref.agency_kind.label)),
            ("Referring agency", escape(ref.agency_name)),
            ("Referrer", escape(ref.referrer_name)),
            ("Referred on", escape(long_date(ref.referred_on))),
            ("Court order on file", "Yes" if ref.court_order_on_file else "No"),
        )
    )


def _attendance(lines: Sequence[AttendanceLine]) -> Flowable:
    rows = [
        (
            escape(long_weekday(line.on_date)),
            escape(time_range(line.starts, line.ends)),
            escape(line.what_happened),
            escape(line.cancelled_by.capitalize() or "-"),
        )
        for line in lines
    ]
    return _table(
        (("Date", "36%"), ("Time", "18%"), ("Attendance", "23%"), ("Cancelled by", "23%")),
        rows,
        "No sessions are recorded yet.",
    )


def family_record_paper(
    centre_name: str,
    family: Family,
    attendance: Sequence[AttendanceLine],
    printed_by: str,
    printed_on: str,
    today: date | None = None,
) -> Paper:
    next_review = long_date(family.next_review_on, "No review is due")
    if today is not None and family.next_review_on and family.next_review_on < today:
        next_review += " (overdue)"
    record_facts = _facts(
        (
            ("Reference", f"<b>{escape(family.reference)}</b>"),
            ("Status", escape(family.status.capitalize())),
            ("On the system since", escape(long_stamp(family.created_at[:10]))),
            ("Last review", escape(long_date(family.last_reviewed_on, "Not yet"))),
            ("Next review due", escape(next_review)),
        )
    )
    return internal_paper(
        title_for(family.reference),
        centre_name,
        printed_by,
        printed_on,
        [
            record_facts,
            heading("People"),
            _people(family),
            heading("Referral"),
            _referral(family),
            heading("Contact arrangement"),
            para(paragraphs(family.arrangement)),
            heading("Attendance history"),
            para(
                f"{plural(len(attendance), 'session')}, newest first: booked, attended, did not "
                "attend or cancelled."
            ),
            _attendance(attendance),
            gap(2),
        ],
        intro="Addresses and telephone numbers are never printed (clause iv).",
        end="End of the family record.",
    )
