"""Printouts for use inside the centre only (clause i): every page carries the mark.

Each internal printout opens with whose it is, the mark, who printed it and
that the printing is logged, and every page's header and footer repeat
"Confidential: not to leave the centre" with the title and "Page x of y"
(document.render), so a page taken off the printer on its own still says it
must not leave the centre.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from stmarys_desktop.printing.document import CONFIDENTIAL, Paper, escape, gap, para, title


def paragraphs(text: str) -> str:
    """Free text as written, line breaks kept, nothing interpreted as markup."""
    return "<br/>".join(escape(line) for line in text.splitlines()) if text.strip() else "-"


def printed_note(centre_name: str, printed_by: str, printed_on: str) -> str:
    """The opening words of a printout: whose, the mark, who printed it and that it is logged."""
    return (
        f"{escape(centre_name)}. <b>{escape(CONFIDENTIAL)}.</b> For use inside the centre "
        f"only; printed by {escape(printed_by)} on {escape(printed_on)}, and the printing "
        "is logged."
    )


def internal_paper(
    document_title: str,
    centre_name: str,
    printed_by: str,
    printed_on: str,
    story: Sequence[Flowable],
    *,
    intro: str = "",
    end: str = "",
) -> Paper:
    """The title, the printed note (and `intro`, markup), the story, the closing mark."""
    opening = printed_note(centre_name, printed_by, printed_on)
    if intro:
        opening += " " + intro
    closing = f"<b>{escape(CONFIDENTIAL)}.</b>" + (f" {escape(end)}" if end else "")
    return Paper(
        document_title,
        [title(document_title), para(opening), *story, gap(3), para(closing)],
        centre_name=centre_name,
        confidential=True,
        footer_note=f"{centre_name}. Printed by {printed_by} on {printed_on}"
        if centre_name
        else f"Printed by {printed_by} on {printed_on}",
    )
