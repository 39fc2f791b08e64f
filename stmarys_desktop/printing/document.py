"""Printed documents: laid out by ReportLab's platypus into PDF bytes in memory.

Every document the product prints is a `Paper`: its title, its story (the
flowables), the centre's name and, for a letter, the centre's address and
telephone; the mark "Confidential: not to leave the centre" where clause i
applies. `render` puts each page in one frame: a header with the mark (or the
centre's name) and the title, a footer with the centre's name and "Page x of
y". The pages are counted when the document is finished, so every page knows
the total (see `_NumberedCanvas`).

The paper rules hold by construction, not by checking afterwards:
- a table row is never cut at the foot of a page (platypus splits a table only
  between rows), and a table's header row repeats on every page it runs on;
- an entry that belongs together (an accident book entry) is kept together;
- no word is broken: text wraps at spaces only, hyphenation is off, and a
  word is split only if it is wider than its whole column (never in practice,
  the columns are sized for the words they hold);
- fonts are the DejaVu fonts bundled in resources/fonts, embedded in the PDF.

Nothing goes through a temporary file: a PDF is written to disk only where a
person chose to save one; a printer gets the pages drawn from the same bytes
(ui/printouts.py).
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from stmarys_desktop import paths
from stmarys_desktop.domain.words import plural  # noqa: F401 - the layouts' helper

CONFIDENTIAL = "Confidential: not to leave the centre"
DOCUMENT_FAMILY = "DejaVu Sans"
CREATOR = "St Mary's Contact Centre desktop"
PAGE_SIZES = {"A4": A4, "Letter": LETTER}
MARGIN = 20 * mm
HEADER_GAP = 9 * mm  # the header and footer sit in the margins, this far from the text
_FONTS = {
    "regular": "DejaVuSans",
    "bold": "DejaVuSans-Bold",
    "italic": "DejaVuSans-Oblique",
    "bolditalic": "DejaVuSans-BoldOblique",
}
_registered = False


def load_bundled_fonts() -> list[str]:
    """Register the fonts shipped in resources/fonts with ReportLab, once per process, so
    documents look the same on a PC without them. Returns the families."""
    global _registered
    if not _registered:
        for name in (*_FONTS.values(), "DejaVuSansMono"):
            pdfmetrics.registerFont(TTFont(name, str(paths.resource("fonts", f"{name}.ttf"))))
        pdfmetrics.registerFontFamily(
            DOCUMENT_FAMILY,
            normal=_FONTS["regular"],
            bold=_FONTS["bold"],
            italic=_FONTS["italic"],
            boldItalic=_FONTS["bolditalic"],
        )
        pdfmetrics.registerFontFamily(
            _FONTS["regular"],
            normal=_FONTS["regular"],
            bold=_FONTS["bold"],
            italic=_FONTS["italic"],
            boldItalic=_FONTS["bolditalic"],
        )
        _registered = True
    return [DOCUMENT_FAMILY, "DejaVu Sans Mono"]


# -- words on paper ---------------------------------------------------------------------------


def escape(text: object) -> str:
    """Text as it was written, nothing in it taken as markup."""
    return _xml_escape(str(text))


def time_range(starts: str, ends: str) -> str:
    """14:00–15:30, with an en dash as a printed range has."""
    return f"{starts}\u2013{ends}"


# -- styles -----------------------------------------------------------------------------------


def _style(
    name: str,
    size: float,
    *,
    bold: bool = False,
    leading: float | None = None,
    before: float = 0,
    after: float = 4,
    **extra: Any,
) -> ParagraphStyle:
    load_bundled_fonts()
    extra.setdefault("fontName", _FONTS["bold"] if bold else _FONTS["regular"])
    return ParagraphStyle(
        name,
        fontSize=size,
        leading=leading or size * 1.3,
        spaceBefore=before,
        spaceAfter=after,
        hyphenationLang="",
        embeddedHyphenation=0,
        uriWasteReduce=0,
        **extra,
    )


class Styles:
    """The few styles every document uses, made once the fonts are registered."""

    def __init__(self) -> None:
        self.body = _style("body", 10, after=6)
        self.title = _style("title", 16, bold=True, after=8)
        self.heading = _style("heading", 12, bold=True, before=8, after=4, keepWithNext=1)
        self.small = _style("small", 8.5, after=0)
        self.cell = _style("cell", 9, after=0)
        self.cell_head = _style("cell_head", 9, bold=True, after=0)
        self.right = _style("right", 10, after=0, alignment=2)
        self.footer = _style("footer", 8, after=0, leading=9.5)
        self.key = _style("key", 15, after=6, fontName="DejaVuSansMono")


_styles: Styles | None = None


def styles() -> Styles:
    global _styles
    if _styles is None:
        _styles = Styles()
    return _styles


def para(markup: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of markup already escaped (<b>, <i>, <br/> only)."""
    return Paragraph(markup, style or styles().body)


def text(words: object, style: ParagraphStyle | None = None) -> Paragraph:
    """Plain words as written: escaped, line breaks kept, '-' when there are none."""
    written = str(words)
    markup = "<br/>".join(escape(line) for line in written.splitlines()) if written.strip() else "-"
    return Paragraph(markup, style or styles().body)


def title(words: str) -> Paragraph:
    return Paragraph(escape(words), styles().title)


def heading(words: str) -> Paragraph:
    return Paragraph(escape(words), styles().heading)


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)


def percent(fractions: Sequence[float]) -> list[str]:
    """Column widths as shares of the page's text width, whatever the paper."""
    return [f"{share * 100:.3f}%" for share in fractions]


Cell = str | Flowable  # markup already escaped, or a flowable


def _cell(value: Cell, style: ParagraphStyle) -> Flowable:
    return value if isinstance(value, Flowable) else Paragraph(value or "-", style)


# Cells that are plain strings (the empty ones) in the bundled font too, not Helvetica.
PLAIN_FONT = ("FONTNAME", (0, 0), (-1, -1), _FONTS["regular"])
_RULED = [
    PLAIN_FONT,
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
]
HEADER_SHADE = colors.HexColor("#e8e8e8")


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    empty: str = "Nothing to show.",
    *,
    width: float | None = None,
    shaded_rows: Sequence[int] = (),
    spans: Sequence[tuple[int, int, int]] = (),
    whole: Sequence[tuple[int, int]] = (),
) -> Table:
    """A ruled table whose header row repeats on every page and whose rows are never cut.

    `widths` are fractions of the text width (of `width` points if given, else of the
    page the table lands on); `rows` hold markup already escaped;
    `shaded_rows`, `spans` ((row, first column, last column)) and `whole` ((first row,
    last row) kept on one page) count body rows."""
    s = styles()
    full = width or 0.0
    data: list[list[Flowable | str]] = [[Paragraph(escape(h), s.cell_head) for h in header]]
    data += [[_cell(value, s.cell) for value in row] for row in rows]
    commands = [*_RULED, ("BACKGROUND", (0, 0), (-1, 0), HEADER_SHADE)]
    if not rows:
        data.append([Paragraph(escape(empty), s.cell)] + [""] * (len(header) - 1))
        commands.append(("SPAN", (0, 1), (-1, 1)))
    commands += [
        ("BACKGROUND", (0, r + 1), (-1, r + 1), colors.HexColor("#f4f4f4")) for r in shaded_rows
    ]
    commands += [("SPAN", (first, r + 1), (last, r + 1)) for r, first, last in spans]
    commands += [("NOSPLIT", (0, first + 1), (-1, last + 1)) for first, last in whole]
    columns = [full * w for w in widths] if width else percent(widths)
    return Table(
        data,
        colWidths=columns,
        repeatRows=1,
        style=TableStyle(commands),
        hAlign="LEFT",
        splitInRow=0,
    )


def facts(rows: Sequence[tuple[str, Cell]], key_width: float = 0.28) -> Table:
    """Label and value pairs in a ruled two-column table."""
    s = styles()
    data = [
        [Paragraph(f"<b>{escape(label)}</b>", s.cell), _cell(value, s.cell)]
        for label, value in rows
    ]
    return Table(
        data,
        colWidths=percent((key_width, 1 - key_width)),
        style=TableStyle(_RULED),
        hAlign="LEFT",
        splitInRow=0,
    )


def lines(
    labels: Sequence[str], widths: Sequence[float] | None = None, height_mm: float = 11
) -> Table:
    """Lines to fill in by hand ('Signed', 'Print name', 'Date'), side by side, each
    labelled above its own rule, a little apart; never split."""
    s = styles()
    fractions = list(widths or [1 / len(labels)] * len(labels))
    gap_share = 0.03
    shrink = 1 - gap_share * (len(labels) - 1)
    cells: list[object] = []
    columns: list[float] = []
    for index, (label, share) in enumerate(zip(labels, fractions, strict=True)):
        if index:
            cells.append("")
            columns.append(gap_share)
        cells.append(Paragraph(escape(label), s.small))
        columns.append(share * shrink)
    ruled = [
        ("LINEBELOW", (column, 0), (column, 0), 0.6, colors.black)
        for column in range(0, len(cells), 2)
    ]
    return Table(
        [cells],
        colWidths=percent(columns),
        rowHeights=[height_mm * mm],
        hAlign="LEFT",
        style=TableStyle(
            [
                PLAIN_FONT,
                *ruled,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )


def together(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))


# -- the page frame -----------------------------------------------------------------------------


@dataclass
class Paper:
    """One printed document: what `render` needs to lay it out on pages."""

    title: str
    story: list[Flowable]
    centre_name: str = ""
    confidential: bool = False
    mark: str = CONFIDENTIAL  # printed on every page when `confidential`
    footer_note: str = ""
    page_size: str = "A4"
    landscape: bool = False  # a wide table (the disclosure history) turns the paper


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int


class _NumberedCanvas(pdf_canvas.Canvas):
    """Holds each page back until the last, then writes "Page x of y" on every one."""

    paper: Paper

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            _frame(self, self.paper, self._pageNumber, total)
            super().showPage()
        super().save()


def _frame(canvas: pdf_canvas.Canvas, paper: Paper, number: int, total: int) -> None:
    """The header and footer of one page."""
    width, height = canvas._pagesize
    left, right = MARGIN, width - MARGIN
    canvas.saveState()
    canvas.setFillColor(colors.black)
    top = height - MARGIN + HEADER_GAP - 3 * mm
    if paper.confidential:
        canvas.setFont(_FONTS["bold"], 8.5)
        canvas.drawString(left, top, paper.mark)
    else:
        canvas.setFont(_FONTS["regular"], 8.5)
        canvas.drawString(left, top, paper.centre_name)
    canvas.setFont(_FONTS["regular"], 8.5)
    canvas.drawRightString(right, top, _fit(paper.title, 8.5, (right - left) / 2))
    canvas.setLineWidth(0.5)
    canvas.line(left, top - 2 * mm, right, top - 2 * mm)
    bottom = MARGIN - HEADER_GAP
    canvas.line(left, bottom + 4 * mm, right, bottom + 4 * mm)
    canvas.setFont(_FONTS["regular"], 8)
    # The note wraps onto a second line rather than lose its end; the page number has its
    # own room at the right.
    note = Paragraph(escape(paper.footer_note or paper.centre_name), styles().footer)
    _, tall = note.wrap((right - left) - 30 * mm, 4 * styles().footer.leading)
    note.drawOn(canvas, left, bottom + styles().footer.leading - tall - 1.5)
    canvas.drawRightString(right, bottom, f"Page {number} of {total}")
    canvas.restoreState()


def _fit(words: str, size: float, room: float) -> str:
    """Words cut at a word boundary, with an ellipsis, to fit `room` points."""
    if pdfmetrics.stringWidth(words, _FONTS["regular"], size) <= room:
        return words
    kept = words.split()
    while (
        kept and pdfmetrics.stringWidth(" ".join(kept) + "\u2026", _FONTS["regular"], size) > room
    ):
        kept.pop()
    return " ".join(kept) + "\u2026"


def render(paper: Paper) -> Rendered:
    """The document as PDF bytes, in memory."""
    load_bundled_fonts()
    size = PAGE_SIZES.get(paper.page_size, A4)
    if paper.landscape:
        size = landscape(size)
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=paper.title,
        author=paper.centre_name,
        creator=CREATOR,
        subject=paper.title,
        invariant=1,
        initialFontName=_FONTS["regular"],
    )
    # ^ every page starts in the bundled font, so the PDF names no other font.
    # No padding inside the frame: the text lines up with the header's and footer's rules.
    frame = Frame(
        MARGIN,
        MARGIN,
        size[0] - 2 * MARGIN,
        size[1] - 2 * MARGIN,
        id="text",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    class Canvas(_NumberedCanvas):
        pass

    Canvas.paper = paper
    doc.build(list(paper.story), canvasmaker=Canvas)
    return Rendered(out.getvalue(), doc.page)


def write_pdf(path: str | os.PathLike[str], paper: Paper) -> Path:
    """The document saved as a PDF where the person chose."""
    target = Path(path)
    target.write_bytes(render(paper).pdf)
    return target
