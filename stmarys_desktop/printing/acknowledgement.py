"""Acknowledgement sheets (clause ix): the policy text, then rows of Name, Signature and Date.

Three variants: a blank group sheet (a staff meeting), a personal sheet with
one person's name and role printed in the row, and a short form for a parent
at intake. The rows are one table whose header row repeats on every page it
runs on; a row is never cut at the foot of a page (document.render). Each
page's footer names the policy version, whom the sheet is for, the day printed
and the page number.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from stmarys_desktop.domain.dates import long_date
from stmarys_desktop.domain.policy_documents import (
    AcknowledgementSheet,
    DocumentKind,
    SheetVariant,
    policy_text_for_centre,
)
from stmarys_desktop.printing.document import (
    HEADER_SHADE,
    PLAIN_FONT,
    Paper,
    escape,
    gap,
    lines,
    para,
    percent,
    styles,
    write_pdf,
)
from stmarys_desktop.printing.policy_text import blocks, is_numbered, shipped_text

GROUP_ROWS = 12


def shipped_sheet(
    variant: SheetVariant = SheetVariant.GROUP, *, printed_on: date | None = None
) -> AcknowledgementSheet:
    """The sheet for the policy shipped in resources/, before any centre exists."""
    text = policy_text_for_centre(shipped_text(), "")
    return AcknowledgementSheet(
        centre_name="",
        document=DocumentKind.CONFIDENTIALITY,
        text=text,
        variant=variant,
        version_number=None,
        effective_on=None,
        printed_on=printed_on or date.today(),
        rows=GROUP_ROWS if variant is SheetVariant.GROUP else 1,
    )


def title_of(sheet: AcknowledgementSheet) -> str:
    return f"{sheet.document.label}: {sheet.variant.label.lower()}"


# -- the words ------------------------------------------------------------------------------


def _statement(sheet: AcknowledgementSheet) -> str:
    policy = f"this {sheet.document.label} ({sheet.version_words})"
    if sheet.variant is SheetVariant.INTAKE:
        return (
            f"I have been given {policy} to read. I understand what the centre keeps "
            "confidential and when it may pass information on, and that I can ask to "
            "see the policy at any time."
        )
    if sheet.variant is SheetVariant.PERSONAL:
        return (
            f"By signing below I confirm that I have read {policy} and understand it; "
            "if I work or volunteer at the centre, I will keep to it."
        )
    return (
        f"By signing below, each person confirms that they have read {policy} and "
        "understands it; staff and volunteers also agree to keep to it."
    )


def _intro(sheet: AcknowledgementSheet) -> list[Flowable]:
    if sheet.variant is not SheetVariant.INTAKE:
        return []
    return [
        para(
            "<b>For parents and carers.</b> This is the centre's Confidentiality Policy. "
            "It says what the centre keeps private and the only times it passes "
            "information on. Please read it, and sign below."
        )
    ]


def policy_story(text: str, font_pt: float = 10.0) -> list[Flowable]:
    """The policy's words as printed: title, headings, numbered paragraphs, list items."""
    s = styles()
    body = s.body.clone("policy", fontSize=font_pt, leading=font_pt * 1.3, spaceAfter=4)
    item = body.clone("policy_item", leftIndent=6 * mm, spaceAfter=3)
    story: list[Flowable] = []
    for kind, words, depth in blocks(text):
        escaped = escape(words)
        # A numbered sub-point sits inside the point it belongs to (issue 20).
        if kind == "title":
            story.append(Paragraph(escaped, s.title))
        elif kind == "heading":
            story.append(Paragraph(escaped, s.heading))
        elif kind == "item":
            story.append(
                Paragraph(
                    escaped if is_numbered(words) else f"\u2022 {escaped}",
                    item.clone("policy_item_in", leftIndent=6 * mm * depth),
                )
            )
        else:
            story.append(
                Paragraph(
                    escaped, body.clone("policy_in", leftIndent=6 * mm * depth) if depth else body
                )
            )
    return story


def _rows_table(sheet: AcknowledgementSheet) -> Table:
    """Name, Signature and Date: the header repeats on each page, a row is never cut."""
    s = styles()
    row_height = (13 if sheet.variant is SheetVariant.GROUP else 16) * mm
    data: list[list[object]] = [
        [Paragraph(f"<b>{word}</b>", s.cell) for word in ("Name", "Signature", "Date")]
    ]
    for number in range(1, max(sheet.rows, 1) + 1):
        if sheet.signatory:
            who = f"<b>{escape(sheet.signatory)}</b>"
            if sheet.signatory_role:
                who += f"<br/>{escape(sheet.signatory_role)}"
        else:
            who = f"<font size='7' color='#777777'>{number}</font>"
        data.append([Paragraph(who, s.cell), "", ""])
    return Table(
        data,
        colWidths=percent((0.42, 0.38, 0.20)),
        rowHeights=[None] + [row_height] * (len(data) - 1),
        repeatRows=1,
        hAlign="LEFT",
        splitInRow=0,
        style=TableStyle(
            [
                PLAIN_FONT,
                ("GRID", (0, 0), (-1, -1), 0.6, "black"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_SHADE),
            ]
        ),
    )


def sheet_paper(sheet: AcknowledgementSheet, page_size: str = "A4") -> Paper:
    font_pt = 9.0 if sheet.variant is SheetVariant.INTAKE else 10.0
    story: list[Flowable] = [*_intro(sheet), *policy_story(sheet.text, font_pt), gap(3)]
    statement = para(f"<b>{escape(_statement(sheet))}</b>")
    rows = _rows_table(sheet)
    # The statement stays with the header row and the first row it introduces.
    statement.keepWithNext = True
    story.append(statement)
    if sheet.variant is SheetVariant.GROUP:
        occasion = lines(("Occasion (for example, the staff meeting of a date)",), height_mm=9)
        occasion.keepWithNext = True
        story.append(occasion)
    story += [
        gap(1),
        rows,
        gap(4),
        para("<i>For the centre</i>", styles().small),
        lines(("Received by", "On (date)", "Kept at"), (0.35, 0.2, 0.45)),
    ]
    return Paper(
        title_of(sheet),
        story,
        centre_name=sheet.centre_name,
        footer_note=footer_text(sheet),
        page_size=page_size,
    )


NO_BREAK = "\u00a0"


def footer_text(sheet: AcknowledgementSheet) -> str:
    who = f" for {sheet.signatory}" if sheet.signatory else ""
    return (
        f"{sheet.document.label}, {sheet.version_words}. Sheet{who} printed "
        # Never broken over two lines ("printed 7 / December 2026").
        f"{long_date(sheet.printed_on).replace(' ', NO_BREAK)}."
    )


def write_sheet_pdf(
    path: str | os.PathLike[str], sheet: AcknowledgementSheet, page_size: str = "A4"
) -> Path:
    return write_pdf(path, sheet_paper(sheet, page_size))
