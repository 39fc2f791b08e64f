"""Printed documents: HTML laid out by QTextDocument onto a printer or a PDF.

Nothing goes through a temporary file: a PDF is written only where a person
chose to save one. The document is laid out in the device's own pixels with
no margin of its own (the page layout has the margins), and ligatures are off
so the text read back out of the PDF matches what was written.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from stmarys_desktop import paths

CONFIDENTIAL = "Confidential: not to leave the centre"
DOCUMENT_FAMILY = "DejaVu Sans"
_bundled_families: list[str] | None = None


def load_bundled_fonts() -> list[str]:
    """Register the fonts shipped in resources/fonts, once per process, so documents
    look the same on a PC without them (needs a QGuiApplication). Returns the families."""
    global _bundled_families
    if _bundled_families is None:
        families: set[str] = set()
        folder = paths.resource("fonts")
        for font in sorted(folder.glob("*.ttf")) if folder.is_dir() else []:
            font_id = QFontDatabase.addApplicationFont(str(font))
            if font_id >= 0:
                families.update(QFontDatabase.applicationFontFamilies(font_id))
        _bundled_families = sorted(families)
    return _bundled_families
PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}


def escape(text: object) -> str:
    return html.escape(str(text))


def layout(body_html: str, device: QPagedPaintDevice) -> QTextDocument:
    load_bundled_fonts()
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    font = QFont(DOCUMENT_FAMILY, 10)
    font.setFeature(QFont.Tag("liga"), 0)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(body_html)
    paint = device.pageLayout().paintRectPixels(device.resolution())
    doc.setPageSize(QSizeF(paint.width(), paint.height()))
    return doc


def print_html(device: QPagedPaintDevice, body_html: str) -> None:
    """Onto a printer or PDF writer whose page layout is already set."""
    layout(body_html, device).print_(device)


def write_pdf(path: str | os.PathLike[str], title: str, body_html: str,
              page_size: str = "A4") -> Path:
    target = Path(path)
    writer = QPdfWriter(str(target))
    writer.setTitle(title)
    writer.setCreator("St Mary's Contact Centre desktop")
    writer.setPageSize(QPageSize(PAGE_SIZES.get(page_size, QPageSize.PageSizeId.A4)))
    writer.setPageMargins(QMarginsF(20, 18, 20, 18), QPageLayout.Unit.Millimeter)
    print_html(writer, body_html)
    del writer  # the PDF is complete when the writer goes
    return target


def first_page_image(body_html: str, page_size: str = "A4", dpi: int = 100) -> QImage:
    """The first printed page as a picture (for docs/screens): paper, margins, text."""
    layout_ = QPageLayout(QPageSize(PAGE_SIZES.get(page_size, QPageSize.PageSizeId.A4)),
                          QPageLayout.Orientation.Portrait, QMarginsF(20, 18, 20, 18),
                          QPageLayout.Unit.Millimeter)
    full = layout_.fullRectPixels(dpi)
    paint = layout_.paintRectPixels(dpi)
    image = QImage(full.width(), full.height(), QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("white"))
    load_bundled_fonts()
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(image)
    font = QFont("DejaVu Sans", 10)
    font.setFeature(QFont.Tag("liga"), 0)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(body_html)
    doc.setPageSize(QSizeF(paint.width(), paint.height()))
    painter = QPainter(image)
    painter.translate(paint.x(), paint.y())
    doc.drawContents(painter, QRectF(0, 0, paint.width(), paint.height()))
    painter.end()
    return image
