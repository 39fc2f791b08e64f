"""A family's chronology on paper, for use inside the centre only (clause i).

Every entry is shown, in time order; an entry a correction has superseded is
printed too, marked as superseded, because the chronology keeps both.
"""

from __future__ import annotations

from collections.abc import Sequence

from stmarys_desktop.domain.dates import long_stamp
from stmarys_desktop.domain.incidents import ChronologyItem
from stmarys_desktop.printing.document import Paper, escape, para, table
from stmarys_desktop.printing.internal import internal_paper, paragraphs

SUPERSEDED = "Superseded by a correction"
KIND_WORDS = {
    "session": "Session",
    "incident": "Incident",
    "concern": "Concern",
    "exception": "Exception",
    "consent": "Consent",
    "disclosure": "Disclosure",
    "attendance": "Attendance",
    "request": "Request",
}


def kind_word(item: ChronologyItem) -> str:
    return KIND_WORDS.get(item.kind, item.kind.capitalize())


def title_for(family_reference: str) -> str:
    return f"Chronology of family {family_reference}"


def _row(item: ChronologyItem) -> tuple[str, str, str]:
    words = paragraphs(item.text)
    if item.superseded:
        words = f"<b>{SUPERSEDED}:</b> <i>{words}</i>"
    return escape(long_stamp(item.at)), escape(kind_word(item)), words


def chronology_paper(
    centre_name: str,
    family_reference: str,
    items: Sequence[ChronologyItem],
    printed_by: str,
    printed_on: str,
) -> Paper:
    rows = [_row(item) for item in items]
    return internal_paper(
        title_for(family_reference),
        centre_name,
        printed_by,
        printed_on,
        [
            para(
                "Sessions, incidents, concerns and exceptions in time order. Records are never "
                "changed: a correction is a new entry, and the entry it supersedes is still "
                "shown, marked."
            ),
            table(
                ("When", "What", "Details"),
                rows,
                (0.28, 0.13, 0.59),
                "Nothing is recorded for this family yet.",
            ),
        ],
        end="End of the chronology.",
    )
