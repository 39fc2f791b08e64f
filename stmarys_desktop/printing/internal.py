"""Printouts for use inside the centre only (clause i): every page carries the mark.

The body is laid out by QTextDocument, as in `document.py`, but page by page,
so that each page gets a header with "Confidential: not to leave the centre"
and the title, and a footer with the page number. A page taken off the
printer on its own still says it must not leave the centre.

The same painting serves a printer, a PDF the person chose to save, and an
image of the first page (for the pictures in docs/screens).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPaintDevice,
    QPainter,
    QPen,
    QTextDocument,
)

from stmarys_desktop.printing.document import (
    CONFIDENTIAL,
    blank_page,
    document_font,
    escape,
    page_layout,
    text_document,
    write_paged_pdf,
)


def when_text(iso: str) -> str:
    """A stored timestamp as a person reads it on paper: 3 March 2026, 14:05."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if len(iso) <= 10:
        return f"{moment.day} {moment:%B %Y}"
    return f"{moment.day} {moment:%B %Y, %H:%M}"


def paragraphs(text: str) -> str:
    """Free text as written, line breaks kept, nothing interpreted as markup."""
    return "<br/>".join(escape(line) for line in text.splitlines()) if text.strip() else "-"


def printed_note(centre_name: str, printed_by: str, printed_on: str) -> str:
    """The opening words of a printout: whose, the mark, who printed it and that it is logged."""
    return (f"{escape(centre_name)}. <b>{escape(CONFIDENTIAL)}.</b> For use inside the centre "
            f"only;\nprinted by {escape(printed_by)} on {escape(printed_on)}, and the printing "
            "is logged.")


def ruled_table(rows_html: str, padding: int = 4) -> str:
    """A full-width table with every cell ruled, around rows already escaped."""
    return (f"<table border='1' cellspacing='0' cellpadding='{padding}' width='100%'>"
            f"{rows_html}</table>")


@dataclass
class _Laid:
    doc: QTextDocument
    width: float
    header: float
    body: float
    footer: float

    @property
    def pages(self) -> int:
        return max(1, self.doc.pageCount())


def _lay_out(body_html: str, device: QPaintDevice, width: float, height: float) -> _Laid:
    doc = text_document(device)
    doc.setHtml(body_html)
    line = QFontMetricsF(document_font(9, bold=True), device).height()
    header = footer = line * 2.2
    doc.setPageSize(QSizeF(width, height - header - footer))
    return _Laid(doc, width, header, height - header - footer, footer)


def _paint_page(painter: QPainter, laid: _Laid, title: str, index: int) -> None:
    """One page, with the painter's origin at the top left of the printable area."""
    painter.save()
    painter.setPen(QPen(QColor("black")))
    painter.setFont(document_font(9, bold=True))
    top = QRectF(0, 0, laid.width, laid.header * 0.6)
    align = Qt.AlignmentFlag.AlignVCenter
    painter.drawText(top, int(align | Qt.AlignmentFlag.AlignLeft), CONFIDENTIAL)
    painter.setFont(document_font(9))
    painter.drawText(top, int(align | Qt.AlignmentFlag.AlignRight), title)
    rule = laid.header * 0.7
    painter.drawLine(QPointF(0, rule), QPointF(laid.width, rule))
    bottom = QRectF(0, laid.header + laid.body + laid.footer * 0.4, laid.width,
                    laid.footer * 0.6)
    painter.drawText(bottom, int(align | Qt.AlignmentFlag.AlignLeft), CONFIDENTIAL)
    painter.drawText(bottom, int(align | Qt.AlignmentFlag.AlignRight),
                     f"Page {index + 1} of {laid.pages}")
    painter.translate(0, laid.header - index * laid.body)
    laid.doc.drawContents(painter, QRectF(0, index * laid.body, laid.width, laid.body))
    painter.restore()


def print_internal(device: QPagedPaintDevice, title: str, body_html: str) -> int:
    """Onto a printer or PDF writer whose page layout is already set; returns the pages."""
    paint = device.pageLayout().paintRectPixels(device.resolution())
    laid = _lay_out(body_html, device, paint.width(), paint.height())
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("The printer could not be started.")
    try:
        for index in range(laid.pages):
            if index:
                device.newPage()
            _paint_page(painter, laid, title, index)
    finally:
        painter.end()
    return laid.pages


def write_internal_pdf(path: str | os.PathLike[str], title: str, body_html: str,
                       page_size: str = "A4") -> Path:
    return write_paged_pdf(path, title, page_layout(page_size),
                           lambda writer: print_internal(writer, title, body_html))


def page_image(title: str, body_html: str, page: int = 0, dpi: int = 110,
               page_size: str = "A4") -> QImage:
    """One printed page as a picture: white paper, the margins, the marked page."""
    paper = page_layout(page_size)
    paint = paper.paintRectPixels(dpi)
    image = blank_page(paper, dpi)
    laid = _lay_out(body_html, image, paint.width(), paint.height())
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.translate(paint.x(), paint.y())
    _paint_page(painter, laid, title, min(page, laid.pages - 1))
    painter.end()
    return image
