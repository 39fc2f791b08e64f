"""The day's register on paper, for use inside the centre only (clause i).

Each session of the day in the order the register shows it: the time, the
family's reference, the room, who arrives first and second and when, who
leaves first and second and when, the staff on duty and the status; under it,
the people the referral names with the times they arrived and left. Nothing
else about a family is on the sheet: no address, no telephone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from stmarys_desktop.domain.families import PersonKind
from stmarys_desktop.domain.sessions import Attendee, Handover, RegisterEntry, SessionStatus
from stmarys_desktop.printing.document import CONFIDENTIAL, escape
from stmarys_desktop.printing.internal import printed_note, ruled_table


def day_words(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def title_for(day: date) -> str:
    return f"Register for {day_words(day)}"


def _kind(kind: str) -> str:
    try:
        return PersonKind(kind).label.lower()
    except ValueError:
        return kind


def _handovers(pair: Sequence[Handover]) -> str:
    return "<br/>".join(f"{word}: {escape(h.at)} {escape(h.who)}"
                        for word, h in zip(("First", "Second"), pair, strict=False))


def _status(entry: RegisterEntry) -> str:
    if entry.status is SessionStatus.CANCELLED and entry.cancelled_by:
        return f"{entry.status.label} by the {entry.cancelled_by}"
    return entry.status.label


def _came(person: Attendee) -> str:
    if person.arrived_at is None:
        return "not arrived"
    left = f"left {person.left_at}" if person.left_at else "still here"
    return f"arrived {person.arrived_at}, {left}"


def _named(entry: RegisterEntry) -> str:
    if not entry.named:
        return "nobody"
    return "; ".join(f"<b>{escape(p.full_name)}</b> ({escape(_kind(p.kind))}): "
                     f"{escape(_came(p))}" for p in entry.named)


def _rows(entry: RegisterEntry) -> str:
    staff = "<br/>".join(escape(name) for name in entry.staff) or "None yet"
    cells = (f"<b>{escape(entry.starts)}</b><br/>to {escape(entry.ends)}",
             f"<b>{escape(entry.reference)}</b><br/>{escape(entry.room)}",
             _handovers(entry.arrivals), _handovers(entry.departures), staff,
             escape(_status(entry)))
    return ("<tr bgcolor='#eeeeee'>"
            + "".join(f"<td valign='top'>{_small(cell)}</td>" for cell in cells) + "</tr>"
            f"<tr><td colspan='{len(cells)}'>{_small('Named on the referral: ' + _named(entry))}"
            "</td></tr>")


def _small(cell: str) -> str:
    return f"<span style='font-size: 9pt'>{cell}</span>"


def register_html(centre_name: str, day: date, entries: Sequence[RegisterEntry],
                  printed_by: str, printed_on: str) -> str:
    count = len(entries)
    rows = "".join(_rows(entry) for entry in entries) or \
        "<tr><td colspan='6'>No sessions are booked for this day.</td></tr>"
    table = ruled_table(f"""
<thead><tr bgcolor='#dddddd'><th align='left' width='10%'>{_small('Time')}</th>
<th align='left' width='20%'>{_small('Family and room')}</th>
<th align='left' width='22%'>{_small('Arrive')}</th>
<th align='left' width='22%'>{_small('Leave')}</th>
<th align='left' width='13%'>{_small('Staff on duty')}</th>
<th align='left' width='13%'>{_small('Status')}</th></tr></thead>
{rows}
""", padding=3)
    return f"""
<h1>{escape(title_for(day))}</h1>
<p>{printed_note(centre_name, printed_by, printed_on)}
{count} session{'' if count == 1 else 's'}, in order of the first arrival. Only the people
named on a family's referral may be admitted.</p>
{table}
<p><b>{escape(CONFIDENTIAL)}.</b> End of the register.</p>
"""
