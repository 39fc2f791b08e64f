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

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from stmarys_desktop.printing.document import (
    CONFIDENTIAL,
    DOCUMENT_FAMILY,
    PAGE_SIZES,
    escape,
    load_bundled_fonts,
)

MARGINS_MM = QMarginsF(20, 18, 20, 18)


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


def _font(size: float, *, bold: bool = False) -> QFont:
    load_bundled_fonts()
    font = QFont(DOCUMENT_FAMILY)
    font.setPointSizeF(size)
    font.setBold(bold)
    # Without ligatures the text taken back out of the PDF matches what was written.
    font.setFeature(QFont.Tag("liga"), 0)
    return font


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
    doc = QTextDocument()
    # Laid out in the device's own pixels: nothing is rescaled or given a second margin.
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(_font(10))
    doc.setDocumentMargin(0)
    doc.setHtml(body_html)
    line = QFontMetricsF(_font(9, bold=True), device).height()
    header = footer = line * 2.2
    doc.setPageSize(QSizeF(width, height - header - footer))
    return _Laid(doc, width, header, height - header - footer, footer)


def _paint_page(painter: QPainter, laid: _Laid, title: str, index: int) -> None:
    """One page, with the painter's origin at the top left of the printable area."""
    painter.save()
    painter.setPen(QPen(QColor("black")))
    painter.setFont(_font(9, bold=True))
    top = QRectF(0, 0, laid.width, laid.header * 0.6)
    align = Qt.AlignmentFlag.AlignVCenter
    painter.drawText(top, int(align | Qt.AlignmentFlag.AlignLeft), CONFIDENTIAL)
    painter.setFont(_font(9))
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


def page_layout(page_size: str = "A4") -> QPageLayout:
    return QPageLayout(QPageSize(PAGE_SIZES.get(page_size, QPageSize.PageSizeId.A4)),
                       QPageLayout.Orientation.Portrait, MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


def write_internal_pdf(path: str | os.PathLike[str], title: str, body_html: str,
                       page_size: str = "A4") -> Path:
    target = Path(path)
    writer = QPdfWriter(str(target))
    writer.setTitle(title)
    writer.setCreator("St Mary's Contact Centre desktop")
    writer.setPageLayout(page_layout(page_size))
    print_internal(writer, title, body_html)
    del writer  # the PDF is complete when the writer goes
    return target


def page_image(title: str, body_html: str, page: int = 0, dpi: int = 110,
               page_size: str = "A4") -> QImage:
    """One printed page as a picture: white paper, the margins, the marked page."""
    page_layout_ = page_layout(page_size)
    full = page_layout_.fullRectPixels(dpi)
    paint = page_layout_.paintRectPixels(dpi)
    image = QImage(full.width(), full.height(), QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("white"))
    laid = _lay_out(body_html, image, paint.width(), paint.height())
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.translate(paint.x(), paint.y())
    _paint_page(painter, laid, title, min(page, laid.pages - 1))
    painter.end()
    return image
