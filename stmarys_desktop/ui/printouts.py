"""Putting a printed document out: to a printer, a print preview, or a PDF the person chose.

A document is laid out once, by ReportLab, into PDF bytes in memory
(printing/document.py). A PDF file is those bytes, written where the person
chose (with "Save as PDF", or "print to file" in the print dialog). A printer and
the print preview get the same pages: pdfium
(pypdfium2) draws each page of the bytes into an image at the printer's
resolution, and the image is painted onto the QPrinter's full page, so what
comes out of the printer is what the PDF shows. Nothing goes through a
temporary file. The pages are made only once a printer or a file is chosen,
by the service the caller names (services/printouts.py), which decides, lays
them out, hands them here to put out, and logs the printout once they went out
(clause i).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QImage, QPagedPaintDevice, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from stmarys_desktop.printing.document import CONFIDENTIAL, Paper, render, write_pdf
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.widgets import MessageLabel, button

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MAX_PRINT_DPI = 300  # sharper than the eye needs on paper; a page image stays ~35 MB at most


def page_layout(page_size: str = "A4", *, turned: bool = False) -> QPageLayout:
    """The printer's paper: the document draws its own margins, so the printer has none."""
    orientation = QPageLayout.Orientation.Landscape if turned else QPageLayout.Orientation.Portrait
    return QPageLayout(
        QPageSize(PAGE_SIZES.get(page_size, QPageSize.PageSizeId.A4)),
        orientation,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )


def page_images(
    pdf: bytes, dpi: float = 110, *, first: int = 0, last: int | None = None
) -> list[QImage]:
    """Pages first..last (all by default) of a PDF as pictures, white paper at `dpi`."""
    document = pdfium.PdfDocument(pdf)
    try:
        count = len(document)
        end = count - 1 if last is None else min(last, count - 1)
        return [_image(document[index], dpi) for index in range(first, end + 1)]
    finally:
        document.close()


def _image(page: pdfium.PdfPage, dpi: float) -> QImage:
    # The documents are black and grey on white: grey levels are all a page needs, a
    # quarter of the data a colour picture would send to the printer.
    bitmap = page.render(scale=dpi / 72, grayscale=True, fill_color=(255, 255, 255, 255))
    try:
        image = QImage(
            bitmap.buffer,
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            QImage.Format.Format_Grayscale8,
        ).copy()  # a copy owns its pixels
    finally:
        bitmap.close()
        page.close()
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def paint_pdf(device: QPagedPaintDevice, pdf: bytes) -> int:
    """Every page of `pdf` onto a printer (or a preview's printer), one sheet each; returns
    the number of pages."""
    dpi = min(device.resolution(), MAX_PRINT_DPI)
    document = pdfium.PdfDocument(pdf)
    painter = QPainter()
    try:
        if not painter.begin(device):
            raise OSError("The printer could not be started.")
        full = device.pageLayout().fullRectPixels(device.resolution())
        if isinstance(device, QPrinter):
            device.setFullPage(True)
        for index in range(len(document)):
            if index:
                device.newPage()
            image = _image(document[index], dpi)
            painter.drawImage(QRectF(0, 0, full.width(), full.height()), image)
        return len(document)
    finally:
        if painter.isActive():
            painter.end()
        document.close()


def printer_for(paper: Paper) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(paper.page_size, turned=paper.landscape))
    return printer


def print_paper(printer: QPrinter, paper: Paper) -> int:
    """The document onto a printer already chosen; returns the pages.

    Where the person chose "print to file (PDF)" in the print dialog, the file gets the
    document's own PDF (its text searchable, as "Save as PDF" gives), not pictures of it."""
    rendered = render(paper)
    target = printer.outputFileName()
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and target:
        Path(target).write_bytes(rendered.pdf)
        return rendered.pages
    printer.setPageLayout(page_layout(paper.page_size, turned=paper.landscape))
    return paint_pdf(printer, rendered.pdf)


def preview(parent: QWidget, paper: Paper) -> None:
    """The print preview: the same pages as the printer gets, from the same bytes."""
    pdf = render(paper).pdf
    dialog = QPrintPreviewDialog(printer_for(paper), parent)
    dialog.setWindowTitle(f"Print preview: {paper.title}")
    dialog.setAccessibleName("Print preview")
    dialog.paintRequested.connect(lambda device: paint_pdf(device, pdf))
    dialog.exec()


def choose_printer(parent: QWidget, title: str, paper: Paper | None = None) -> QPrinter | None:
    printer = (
        printer_for(paper) if paper is not None else QPrinter(QPrinter.PrinterMode.HighResolution)
    )
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def choose_pdf(parent: QWidget, title: str, file_name: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent, title, str(Path.home() / file_name), "PDF files (*.pdf)"
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


def save_pdf(path: Path, paper: Paper) -> Path:
    return write_pdf(path, paper)


# The service's call for one printout (services/printouts.py): it decides, lays the pages
# out, hands them to the deliver it is given, and logs the printout once they went out;
# False when nothing went out (the person cancelled, or the window is locked).
Deliver = Callable[[Paper], bool]  # puts the pages out; False: they did not go
PutOut = Callable[[Deliver], bool]
Failed = Callable[[Exception], None]


def _pages(count: int) -> str:
    return f"{count} page{'s' if count != 1 else ''}"


def print_document(parent: QWidget, what: str, put_out: PutOut, *, failed: Failed) -> str | None:
    """Print the internal printout of `what` ("family record"); the sentence saying so.

    None if nothing was printed: the person cancelled, or the service refused or the
    printer failed, which goes to `failed` (the service's refusal in its own words)."""
    printer = choose_printer(parent, f"Print the {what}")
    if printer is None:
        return None
    printed: list[int] = []

    def deliver(paper: Paper) -> bool:
        printed.append(print_paper(printer, paper))
        return True

    try:
        if not put_out(deliver):
            return None
    except Exception as exc:
        failed(exc)
        return None
    return (
        f"The {what} ({_pages(sum(printed))}) was sent to the printer. "
        "It is for use inside the centre only."
    )


def save_document(
    parent: QWidget, what: str, file_name: str, put_out: PutOut, *, failed: Failed
) -> str | None:
    """Save the internal printout of `what` as a PDF where the person chooses; as above."""
    path = choose_pdf(parent, f"Save the {what} as a PDF", file_name)
    if path is None:
        return None

    def deliver(paper: Paper) -> bool:
        save_pdf(path, paper)
        return path.is_file() and path.stat().st_size > 0

    try:
        if not put_out(deliver):
            return None
    except Exception as exc:
        failed(exc)
        return None
    return (
        f"The {what} was saved as {path}. It is for use inside the centre only: "
        "print it, then delete the file."
    )


class PrintoutButtons:
    """The two buttons of an internal printout (clause i), "Print…" and "Save as PDF…", and
    what they do: ask the service for the pages, put them out, and say what happened."""

    def __init__(
        self,
        what: str,
        put_out: PutOut,
        *,
        file_name: Callable[[], str],
        parent: QWidget,
        description: str,
        message: MessageLabel | None = None,
        said: Callable[[str], None] | None = None,
        failed: Failed | None = None,
        print_label: tuple[str, str] = ("&Print for internal use…", "Print for internal use"),
        save_label: tuple[str, str] = (
            "Save as P&DF for internal use…",
            "Save as PDF for internal use",
        ),
    ) -> None:
        self.what = what
        self.put_out = put_out
        self.file_name = file_name
        self.parent = parent
        # What happened goes to the dialog's message line, unless the screen says otherwise.
        assert message is not None or (said is not None and failed is not None)
        self.said = said or message.show_note
        self.failed = failed or (lambda exc: message.show_error(plain_text(exc)))
        marked = f"{description}, marked \u201c{CONFIDENTIAL}\u201d"
        self.print_button = button(*print_label, marked)
        self.save_button = button(*save_label, marked)
        self.print_button.clicked.connect(self.print)
        self.save_button.clicked.connect(self.save)

    def print(self) -> None:
        self._say(print_document(self.parent, self.what, self.put_out, failed=self.failed))

    def save(self) -> None:
        self._say(
            save_document(
                self.parent, self.what, self.file_name(), self.put_out, failed=self.failed
            )
        )

    def _say(self, done: str | None) -> None:
        if done:
            self.said(done)
