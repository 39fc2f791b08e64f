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

from stmarys_desktop.domain.dates import long_weekday
from stmarys_desktop.domain.families import PersonKind
from stmarys_desktop.domain.sessions import Attendee, Handover, RegisterEntry
from stmarys_desktop.printing.document import Paper, escape, plural, table
from stmarys_desktop.printing.internal import internal_paper


def day_words(day: date) -> str:
    return long_weekday(day)


def title_for(day: date) -> str:
    return f"Register for {day_words(day)}"


def _kind(kind: str) -> str:
    try:
        return PersonKind(kind).label.lower()
    except ValueError:
        return kind


def _handovers(pair: Sequence[Handover]) -> str:
    return "<br/>".join(
        f"{word}: {escape(h.at)} {escape(h.who)}"
        for word, h in zip(("First", "Second"), pair, strict=False)
    )


def _status(entry: RegisterEntry) -> str:
    return entry.register_status


def _came(person: Attendee) -> str:
    if person.arrived_at is None:
        return "not arrived"
    left = f"left {person.left_at}" if person.left_at else "still here"
    return f"arrived {person.arrived_at}, {left}"


def _named(entry: RegisterEntry) -> str:
    if not entry.named:
        return "nobody"
    return "; ".join(
        f"<b>{escape(p.full_name)}</b> ({escape(_kind(p.kind))}): {escape(_came(p))}"
        for p in entry.named
    )


HEADER = ("Time", "Family and room", "Arrive", "Leave", "Staff on duty", "Status")
WIDTHS = (0.09, 0.20, 0.21, 0.21, 0.16, 0.13)


def _rows(entry: RegisterEntry) -> list[tuple[str, ...]]:
    """The session's row, and under it the people the referral names, across the row."""
    # One name to a line, a comma after each but the last: names never run together.
    staff = ";<br/>".join(escape(name) for name in entry.staff) or "None yet"  # apart, D353
    cells = (
        f"<b>{escape(entry.starts)}</b><br/>to {escape(entry.ends)}",
        f"<b>{escape(entry.reference)}</b><br/>{escape(entry.room)}",
        _handovers(entry.arrivals),
        _handovers(entry.departures),
        staff,
        escape(_status(entry)),
    )
    named = ("Named on the referral: " + _named(entry),) + ("",) * (len(cells) - 1)
    return [cells, named]


def register_paper(
    centre_name: str, day: date, entries: Sequence[RegisterEntry], printed_by: str, printed_on: str
) -> Paper:
    rows: list[tuple[str, ...]] = []
    shaded, spans = [], []
    for entry in entries:
        shaded.append(len(rows))
        spans.append((len(rows) + 1, 0, len(HEADER) - 1))
        rows += _rows(entry)
    # A session's two rows stay on one page.
    sheet = table(
        HEADER,
        rows,
        WIDTHS,
        "No sessions are booked for this day.",
        shaded_rows=shaded,
        spans=spans,
        whole=[(first, first + 1) for first in shaded],
    )
    return internal_paper(
        title_for(day),
        centre_name,
        printed_by,
        printed_on,
        [sheet],
        intro=f"{plural(len(entries), 'session')}, in order of the first arrival. Only the "
        "people named on a family's referral may be admitted.",
        end="End of the register.",
    )
