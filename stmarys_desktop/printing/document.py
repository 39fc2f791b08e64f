"""Printed documents: HTML laid out by QTextDocument onto a printer or a PDF.

Nothing goes through a temporary file: a PDF is written only where a person
chose to save one. The document is laid out in the device's own pixels with
no margin of its own (the page layout has the margins), and ligatures are off
so the text read back out of the PDF matches what was written.

The pieces every printout shares live here: the font, the page layout, the
PDF writer and the blank page that a picture of a page is painted on.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
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
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from stmarys_desktop import paths

CONFIDENTIAL = "Confidential: not to leave the centre"
DOCUMENT_FAMILY = "DejaVu Sans"
CREATOR = "St Mary's Contact Centre desktop"
MARGINS_MM = QMarginsF(20, 18, 20, 18)
PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
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


def escape(text: object) -> str:
    return html.escape(str(text))


def document_font(point_size: float, *, bold: bool = False) -> QFont:
    load_bundled_fonts()
    font = QFont(DOCUMENT_FAMILY)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    # Without ligatures the text taken back out of the PDF matches what was written.
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def page_layout(page_size: str = "A4", margins: QMarginsF = MARGINS_MM) -> QPageLayout:
    """Portrait paper (A4 unless the centre chose Letter), margins in millimetres."""
    return QPageLayout(QPageSize(PAGE_SIZES.get(page_size, QPageSize.PageSizeId.A4)),
                       QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


def blank_page(page: QPageLayout, dpi: int) -> QImage:
    """White paper of the layout's full size at `dpi`, to paint a page's picture on."""
    full = page.fullRectPixels(dpi)
    image = QImage(full.width(), full.height(), QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("white"))
    return image


def text_document(device: QPaintDevice, point_size: float = 10) -> QTextDocument:
    """An empty document laid out in the device's own pixels: nothing is rescaled, and
    print_() adds no second margin and no page number."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(document_font(point_size))
    doc.setDocumentMargin(0)
    return doc


def layout(body_html: str, device: QPagedPaintDevice, point_size: float = 10) -> QTextDocument:
    """The HTML paginated to the printable area of `device`'s page layout."""
    doc = text_document(device, point_size)
    doc.setHtml(body_html)
    paint = device.pageLayout().paintRectPixels(device.resolution())
    doc.setPageSize(QSizeF(paint.width(), paint.height()))
    return doc


def print_html(device: QPagedPaintDevice, body_html: str) -> None:
    """Onto a printer or PDF writer whose page layout is already set."""
    layout(body_html, device).print_(device)


def write_paged_pdf(path: str | os.PathLike[str], title: str, page: QPageLayout,
                    paint: Callable[[QPdfWriter], object]) -> Path:
    """A PDF at `path`, its pages put out by `paint` onto a writer with this layout."""
    target = Path(path)
    writer = QPdfWriter(str(target))
    writer.setTitle(title)
    writer.setCreator(CREATOR)
    writer.setPageLayout(page)
    paint(writer)
    del writer  # the PDF is complete when the writer goes
    return target


def write_pdf(path: str | os.PathLike[str], title: str, body_html: str,
              page_size: str = "A4") -> Path:
    return write_paged_pdf(path, title, page_layout(page_size),
                           lambda writer: print_html(writer, body_html))


def first_page_image(body_html: str, page_size: str = "A4", dpi: int = 100) -> QImage:
    """The first printed page as a picture (for docs/screens): paper, margins, text."""
    page = page_layout(page_size)
    paint = page.paintRectPixels(dpi)
    image = blank_page(page, dpi)
    doc = text_document(image)
    doc.setHtml(body_html)
    doc.setPageSize(QSizeF(paint.width(), paint.height()))
    painter = QPainter(image)
    painter.translate(paint.x(), paint.y())
    doc.drawContents(painter, QRectF(0, 0, paint.width(), paint.height()))
    painter.end()
    return image
