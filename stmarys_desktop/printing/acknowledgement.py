"""Acknowledgement sheets (clause ix): the policy text, then rows of Name, Signature and Date.

Three variants: a blank group sheet (a staff meeting), a personal sheet with
one person's name and role printed in the row, and a short form for a parent
at intake. No row is ever cut at the foot of a page: the rows are split into
one table per page, each under its own header (see `sheet_document`, D46).
Each page ends with a footer line (policy version, whom the sheet is for, the
day printed, page number); QTextDocument.print_ cannot draw one, so the pages
are painted here.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPaintDevice,
    QPainter,
    QTextDocument,
    QTextTable,
)

from stmarys_desktop.domain.policy_documents import (
    AcknowledgementSheet,
    DocumentKind,
    SheetVariant,
    long_date,
    policy_text_for_centre,
)
from stmarys_desktop.printing import document
from stmarys_desktop.printing.document import (
    blank_page,
    document_font,
    escape,
    text_document,
    write_paged_pdf,
)
from stmarys_desktop.printing.policy_text import policy_html, shipped_text

MARGINS_MM = QMarginsF(18, 16, 18, 12)
FOOTER_PT = 8.0
GROUP_ROWS = 12
SCREEN_DPI = 96


def shipped_sheet(variant: SheetVariant = SheetVariant.GROUP, *,
                  printed_on: date | None = None) -> AcknowledgementSheet:
    """The sheet for the policy shipped in resources/, before any centre exists."""
    text = policy_text_for_centre(shipped_text(), "")
    return AcknowledgementSheet(
        centre_name="", document=DocumentKind.CONFIDENTIALITY, text=text, variant=variant,
        version_number=None, effective_on=None, printed_on=printed_on or date.today(),
        rows=GROUP_ROWS if variant is SheetVariant.GROUP else 1)


def title_of(sheet: AcknowledgementSheet) -> str:
    return f"{sheet.document.label}: {sheet.variant.label.lower()}"


# -- the words ------------------------------------------------------------------------------

def _statement(sheet: AcknowledgementSheet) -> str:
    policy = f"this {sheet.document.label} ({sheet.version_words})"
    if sheet.variant is SheetVariant.INTAKE:
        return (f"I have been given {policy} to read. I understand what the centre keeps "
                "confidential and when it may pass information on, and that I can ask to "
                "see the policy at any time.")
    if sheet.variant is SheetVariant.PERSONAL:
        return (f"By signing below I confirm that I have read {policy} and understand it; "
                "if I work or volunteer at the centre, I will keep to it.")
    return (f"By signing below, each person confirms that they have read {policy} and "
            "understands it; staff and volunteers also agree to keep to it.")


def _intro(sheet: AcknowledgementSheet) -> str:
    if sheet.variant is not SheetVariant.INTAKE:
        return ""
    return ("<p style='font-size: 10pt'><b>For parents and carers.</b> This is the centre's "
            "Confidentiality Policy. It says what the centre keeps private and the only "
            "times it passes information on. Please read it, and sign below.</p>")


_CELL = "border: 1px solid #000000; padding: {pad}px 6px;"


def _row_html(sheet: AcknowledgementSheet, number: int, cell: str) -> str:
    if sheet.signatory:
        who = f"<b>{escape(sheet.signatory)}</b>"
        if sheet.signatory_role:
            who += f"<br/><span style='font-size: 9pt'>{escape(sheet.signatory_role)}</span>"
    else:
        who = f"<span style='font-size: 7pt; color: #777777'>{number}</span>"
    return (f"<tr><td style='{cell}'>{who}</td><td style='{cell}'>&nbsp;</td>"
            f"<td style='{cell}'>&nbsp;</td></tr>")


def _table_html(sheet: AcknowledgementSheet, first: int, count: int, new_page: bool) -> str:
    """Rows first..first+count-1 under their own header row."""
    pad = 14 if sheet.variant is SheetVariant.GROUP else 16
    header = _CELL.format(pad=5)
    head = (f"<tr><th width='42%' align='left' style='{header}'>Name</th>"
            f"<th width='38%' align='left' style='{header}'>Signature</th>"
            f"<th width='20%' align='left' style='{header}'>Date</th></tr>")
    rows = "".join(_row_html(sheet, number, _CELL.format(pad=pad))
                   for number in range(first, first + count))
    brk = " page-break-before: always;" if new_page else ""
    return (f"<table width='100%' cellspacing='0' cellpadding='0' "
            f"style='border-collapse: collapse; margin-top: 6px;{brk}'>{head}{rows}</table>")


def sheet_html(sheet: AcknowledgementSheet, chunks: list[int] | None = None,
               statement_on_new_page: bool = False, px: float = 1.0) -> str:
    """The sheet; `chunks` splits the rows into one table per page (see `sheet_document`).

    `px` is the size of a screen pixel in the device's pixels, for left margins.
    """
    font_pt = 9.0 if sheet.variant is SheetVariant.INTAKE else 10.0
    rows = max(sheet.rows, 1)
    chunks = chunks or [rows]
    occasion = ("<p style='font-size: 10pt'>Occasion (for example, the staff meeting of a "
                "date): ______________________________________</p>"
                if sheet.variant is SheetVariant.GROUP else "")
    office = ("<p style='font-size: 8.5pt; margin-top: 10px'><i>For the centre:</i> received "
              "by ____________________ on ____________; kept at "
              "________________________________.</p>")
    brk = " page-break-before: always;" if statement_on_new_page else ""
    tables, first = [], 1
    for index, count in enumerate(chunks):
        tables.append(_table_html(sheet, first, count, new_page=index > 0))
        first += count
    return (f"{_intro(sheet)}{policy_html(sheet.text, font_pt=font_pt, px=px)}"
            f"<p style='font-size: 10pt; margin-top: 12px;{brk}'>"
            f"<b>{escape(_statement(sheet))}</b></p>{occasion}{''.join(tables)}{office}")


def footer_text(sheet: AcknowledgementSheet) -> str:
    who = f" for {sheet.signatory}" if sheet.signatory else ""
    return (f"{sheet.document.label}, {sheet.version_words}. Sheet{who} printed "
            f"{long_date(sheet.printed_on)}.")


# -- laying out and painting --------------------------------------------------------------

def _footer_height(device: QPaintDevice) -> float:
    return QFontMetricsF(document_font(FOOTER_PT), device).height() * 2.8


def _tables(doc: QTextDocument) -> list[QTextTable]:
    return [frame for frame in doc.rootFrame().childFrames() if isinstance(frame, QTextTable)]


def table_pages(doc: QTextDocument) -> list[tuple[int, int]]:
    """The first and last page of each table of signature rows in a laid-out sheet."""
    height = doc.pageSize().height()
    spans = []
    for table in _tables(doc):
        rect = doc.documentLayout().frameBoundingRect(table)
        spans.append((int(rect.top() // height), int((rect.bottom() - 0.5) // height)))
    return spans


def sheet_document(sheet: AcknowledgementSheet, device: QPaintDevice,
                   content: QSizeF) -> QTextDocument:
    """The sheet laid out in the device's pixels; each page leaves room for the footer.

    Qt keeps a table row whole only while its text would not fit, not its
    padding, so a tall signature row can be cut at the foot of a page. So the
    rows are split into one table per page, each under its own header row,
    and a row that would cross the foot of a page goes to the next table.
    """
    doc = text_document(device)
    page = QSizeF(content.width(), content.height() - _footer_height(device))
    rows = max(sheet.rows, 1)
    # Qt takes an HTML left margin in device pixels (a printer's are tiny).
    px = device.logicalDpiY() / SCREEN_DPI
    chunks, statement_on_new_page = [rows], False
    for _ in range(10 * rows + 10):
        doc.setHtml(sheet_html(sheet, chunks, statement_on_new_page, px=px))
        doc.setPageSize(page)
        spans = table_pages(doc)
        cut = next((index for index, (first, last) in enumerate(spans) if first != last), None)
        if cut is None:
            break
        if chunks[cut] == 1:
            if cut == 0 and not statement_on_new_page:
                # Not one row fits under the statement: both start the next page.
                statement_on_new_page = True
                continue
            break  # a row taller than a page: nothing keeps it whole
        chunks[cut] -= 1
        if cut + 1 < len(chunks):
            chunks[cut + 1] += 1
        else:
            chunks.append(1)
    return doc


def _paint_page(painter: QPainter, doc: QTextDocument, page: int, pages: int,
                content: QSizeF, footer: str) -> None:
    height = doc.pageSize().height()
    painter.save()
    painter.translate(0, -page * height)
    clip = QRectF(0, page * height, content.width(), height)
    painter.setClipRect(clip)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = clip
    context.palette.setColor(context.palette.ColorRole.Text, QColor("black"))
    doc.documentLayout().draw(painter, context)
    painter.restore()
    painter.save()
    painter.setFont(document_font(FOOTER_PT))
    painter.setPen(QColor("#333333"))
    metrics = QFontMetricsF(painter.font(), painter.device())
    page_words = f"Page {page + 1} of {pages}"
    # Two lines at most, above the foot of the page, clear of the page number.
    area = QRectF(0, content.height() - 2 * metrics.height(), content.width(),
                  2 * metrics.height())
    painter.drawText(area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                     page_words)
    left = area.adjusted(0, 0, -(metrics.horizontalAdvance(page_words)
                                 + 2 * metrics.averageCharWidth()), 0)
    painter.drawText(left, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
                     | Qt.TextFlag.TextWordWrap, footer)
    painter.restore()


def _paint(painter: QPainter, doc: QTextDocument, content: QSizeF, sheet: AcknowledgementSheet,
           new_page: Callable[[], bool] | None, only: int | None = None) -> int:
    pages = doc.pageCount()
    footer = footer_text(sheet)
    for page in range(pages) if only is None else [only]:
        if page and new_page is not None:
            new_page()
        _paint_page(painter, doc, page, pages, content, footer)
    return pages


def _content(device: QPagedPaintDevice) -> QSizeF:
    rect = device.pageLayout().paintRectPixels(device.resolution())
    return QSizeF(rect.width(), rect.height())


def print_sheet(device: QPagedPaintDevice, sheet: AcknowledgementSheet) -> int:
    """Onto a printer or PDF writer whose page layout is already set; returns the pages."""
    content = _content(device)
    doc = sheet_document(sheet, device, content)
    painter = QPainter(device)
    try:
        return _paint(painter, doc, content, sheet, device.newPage)
    finally:
        painter.end()


def page_layout(page_size: str = "A4") -> QPageLayout:
    return document.page_layout(page_size, MARGINS_MM)


def write_sheet_pdf(path: str | os.PathLike[str], sheet: AcknowledgementSheet,
                    page_size: str = "A4") -> Path:
    return write_paged_pdf(path, title_of(sheet), page_layout(page_size),
                           lambda writer: print_sheet(writer, sheet))


def _blank_page(page_size: str, dpi: int) -> tuple[QImage, QSizeF]:
    """The paper at `dpi` and the size of its printable area."""
    paper = page_layout(page_size)
    paint = paper.paintRectPixels(dpi)
    return blank_page(paper, dpi), QSizeF(paint.width(), paint.height())


def page_image(sheet: AcknowledgementSheet, page: int = 0, page_size: str = "A4",
               dpi: int = 110) -> QImage:
    """One page as a picture (docs/screens), painted as it is printed."""
    image, content = _blank_page(page_size, dpi)
    doc = sheet_document(sheet, image, content)
    margins = page_layout(page_size).marginsPixels(dpi)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.translate(margins.left(), margins.top())
    try:
        _paint(painter, doc, content, sheet, None, only=min(page, doc.pageCount() - 1))
    finally:
        painter.end()
    return image
