"""The accident book on paper: every entry, numbered, complete in itself (clause viii).

Each entry carries the names as they were written at the time, so the printed
book still reads correctly after a family's records have been disposed of.
A correction is an entry of its own that names the entry it corrects; the
corrected entry says which entry corrects it.
"""

from __future__ import annotations

from collections.abc import Sequence

from stmarys_desktop.domain.incidents import AccidentEntry
from stmarys_desktop.printing.document import CONFIDENTIAL, escape
from stmarys_desktop.printing.internal import paragraphs, ruled_table, when_text

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


def _entry_html(entry: AccidentEntry, corrected_by: int | None) -> str:
    rows = [("When", escape(when_text(entry.occurred_at))),
            ("Where", paragraphs(entry.place)),
            ("Who was involved", paragraphs(entry.people)),
            ("What happened", paragraphs(entry.what_happened)),
            ("Injuries", paragraphs(entry.injuries)),
            ("Action taken", paragraphs(entry.action_taken)),
            ("Recorded by", f"{escape(entry.recorded_by)}, "
                            f"{escape(when_text(entry.recorded_at))}")]
    cells = "".join(f"<tr><td width='24%' valign='top'><b>{label}</b></td>"
                    f"<td valign='top'>{value}</td></tr>" for label, value in rows)
    # The heading is the table's header row, so a page break inside an entry repeats it.
    return ruled_table(f"<thead><tr><th colspan='2' align='left' bgcolor='#eeeeee'>"
                       f"{escape(entry_heading(entry, corrected_by))}</th></tr></thead>"
                       f"{cells}") + "<p></p>"


def accident_book_html(centre_name: str, entries: Sequence[AccidentEntry], printed_by: str,
                       printed_on: str) -> str:
    corrected = corrections(entries)
    body = "".join(_entry_html(entry, corrected.get(entry.number)) for entry in entries) \
        or "<p>The accident book has no entries yet.</p>"
    count = len(entries)
    return f"""
<h1>{TITLE}: {escape(centre_name)}</h1>
<p><b>{escape(CONFIDENTIAL)}.</b> Printed by {escape(printed_by)} on {escape(printed_on)};
{count} {'entry' if count == 1 else 'entries'}, numbered in the order they were written.
The accident book is kept for ever; a mistake is put right by a later entry that says which
entry it corrects, never by changing the entry.</p>
{body}
<p><b>{escape(CONFIDENTIAL)}.</b> End of the accident book.</p>
"""
