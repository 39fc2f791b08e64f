"""The disclosure history as a printout, for a manager (marked confidential)."""

from __future__ import annotations

from stmarys_desktop.domain.dates import long_stamp
from stmarys_desktop.domain.disclosures import DisclosureEntry
from stmarys_desktop.policy.disclosure import Action, RecipientKind
from stmarys_desktop.printing.document import Paper, escape, plural, table
from stmarys_desktop.printing.internal import internal_paper

TITLE = "Disclosure history"
HEADER = (
    "When",
    "Who",
    "Family",
    "Action",
    "About",
    "To",
    "Kind",
    "Outcome",
    "Clause",
    "Basis or reason",
)
WIDTHS = (0.12, 0.09, 0.13, 0.12, 0.08, 0.12, 0.08, 0.08, 0.06, 0.12)


def kind_words(kind: str) -> str:
    """A stored recipient kind as the history reads it ("An agency", "The police")."""
    try:
        label = RecipientKind(kind).label
    except ValueError:
        return kind
    return label[0].upper() + label[1:]


def disclosure_history_paper(
    centre_name: str,
    printed_on: str,
    entries: list[DisclosureEntry],
    printed_by: str = "",
    names: dict[str, str] | None = None,
) -> Paper:
    """`names` gives each login's person, so the page names people, never logins."""
    people = names or {}
    rows = [
        (
            escape(long_stamp(e.at)),
            escape(people.get(e.actor, e.actor)),
            escape(e.family_reference),
            escape(Action(e.action).label),
            escape(e.about_person or "The family"),
            escape(e.recipient),
            escape(kind_words(e.recipient_kind)),
            "Allowed" if e.allowed else "Refused",
            escape(e.clause),
            escape(e.basis or e.sentence),
        )
        for e in entries
    ]
    paper = internal_paper(
        f"{TITLE}: {centre_name}" if centre_name else TITLE,
        centre_name,
        printed_by or "the manager",
        printed_on,
        [table(HEADER, rows, WIDTHS, "Nothing has been asked for yet.")],
        intro=f"{plural(len(entries), 'entry', 'entries')}: every attempt to pass information "
        "out of the centre, allowed or refused, newest first.",
        end="End of the disclosure history.",
    )
    paper.landscape = True
    return paper
