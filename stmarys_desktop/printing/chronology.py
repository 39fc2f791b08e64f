"""A family's chronology on paper, for use inside the centre only (clause i).

Every entry is shown, in time order; an entry a correction has superseded is
printed too, marked as superseded, because the chronology keeps both.
"""

from __future__ import annotations

from collections.abc import Sequence

from stmarys_desktop.domain.incidents import ChronologyItem
from stmarys_desktop.printing.document import CONFIDENTIAL, escape
from stmarys_desktop.printing.internal import paragraphs, printed_note, ruled_table, when_text

SUPERSEDED = "Superseded by a correction"
KIND_WORDS = {"session": "Session", "incident": "Incident", "concern": "Concern",
              "exception": "Exception", "consent": "Consent", "disclosure": "Disclosure"}


def kind_word(item: ChronologyItem) -> str:
    return KIND_WORDS.get(item.kind, item.kind.capitalize())


def title_for(family_reference: str) -> str:
    return f"Chronology of family {family_reference}"


def _row(item: ChronologyItem) -> str:
    text = paragraphs(item.text)
    if item.superseded:
        text = f"<b>{SUPERSEDED}:</b> <i>{text}</i>"
    return (f"<tr><td valign='top' width='22%'>{escape(when_text(item.at))}</td>"
            f"<td valign='top' width='13%'>{escape(kind_word(item))}</td>"
            f"<td valign='top'>{text}</td></tr>")


def chronology_html(centre_name: str, family_reference: str, items: Sequence[ChronologyItem],
                    printed_by: str, printed_on: str) -> str:
    rows = "".join(_row(item) for item in items) or \
        "<tr><td colspan='3'>Nothing is recorded for this family yet.</td></tr>"
    table = ruled_table("\n<tr><th align='left'>When</th><th align='left'>What</th>"
                        f"<th align='left'>Details</th></tr>\n{rows}\n")
    return f"""
<h1>{escape(title_for(family_reference))}</h1>
<p>{printed_note(centre_name, printed_by, printed_on)}</p>
<p>Sessions, incidents, concerns and exceptions in time order. Records are never changed:
a correction is a new entry, and the entry it supersedes is still shown, marked.</p>
{table}
<p><b>{escape(CONFIDENTIAL)}.</b></p>
"""
