"""The accident book on paper: every entry, numbered, complete in itself (clause viii).

Each entry carries the names as they were written at the time, so the printed
book still reads correctly after a family's records have been disposed of.
A correction is an entry of its own that names the entry it corrects; the
corrected entry says which entry corrects it.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from stmarys_desktop.domain.dates import long_stamp
from stmarys_desktop.domain.incidents import AccidentEntry
from stmarys_desktop.printing.body_map import body_map
from stmarys_desktop.printing.document import (
    Paper,
    escape,
    gap,
    lines,
    para,
    plural,
    table,
    together,
)
from stmarys_desktop.printing.internal import internal_paper, paragraphs

TITLE = "Accident book"


def entry_heading(entry: AccidentEntry, corrected_by: int | None = None) -> str:
    words = f"Entry {entry.number}"
    if entry.corrects_number is not None:
        words += f" (corrects entry {entry.corrects_number})"
    if corrected_by is not None:
        words += f" (corrected by entry {corrected_by})"
    return words


def corrections(entries: Sequence[AccidentEntry]) -> dict[int, int]:
    """Entry number -> the number of the entry that corrects it."""
    return {e.corrects_number: e.number for e in entries if e.corrects_number is not None}


def _entry(entry: AccidentEntry, corrected_by: int | None) -> Flowable:
    rows = [
        ("When", escape(long_stamp(entry.occurred_at))),
        ("Where", paragraphs(entry.place)),
        ("Who was involved", paragraphs(entry.people)),
        ("What happened", paragraphs(entry.what_happened)),
        ("Injuries", paragraphs(entry.injuries)),
        ("Action taken", paragraphs(entry.action_taken)),
        ("Who was told", paragraphs(entry.who_was_told)),
        ("Recorded by", f"{escape(entry.recorded_by)}, {escape(long_stamp(entry.recorded_at))}"),
    ]
    # The heading is the table's header row: an entry longer than a page repeats it.
    book = table((entry_heading(entry, corrected_by), ""), rows, (0.24, 0.76))
    book.setStyle([("SPAN", (0, 0), (1, 0))])
    picture = [gap(1), body_map(entry.body_map)] if entry.body_map else []
    return together(
        book,
        *picture,
        lines(("Witness (name)", "Signature of the person recording", "Date"), (0.38, 0.42, 0.20)),
        gap(5),
    )


def accident_book_paper(
    centre_name: str, entries: Sequence[AccidentEntry], printed_by: str, printed_on: str
) -> Paper:
    corrected = corrections(entries)
    body = [_entry(entry, corrected.get(entry.number)) for entry in entries] or [
        para("The accident book has no entries yet.")
    ]
    return internal_paper(
        f"{TITLE}: {centre_name}" if centre_name else TITLE,
        centre_name,
        printed_by,
        printed_on,
        body,
        intro=f"{plural(len(entries), 'entry', 'entries')}, numbered in the order they were "
        "written. The accident book is kept for ever; a mistake is put right by a later "
        "entry that says which entry it corrects, never by changing the entry.",
        end="End of the accident book.",
    )
