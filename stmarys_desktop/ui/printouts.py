"""Sending an internal printout to a printer, or to a PDF where the person chooses.

Nothing goes through a temporary file. The pages are made only once a printer
or a file is chosen, by the caller's `make_html`, which asks the service (the
service decides and logs the printout, clause i); this module puts them out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from stmarys_desktop.printing.internal import page_layout, print_internal, write_internal_pdf


def choose_printer(parent: QWidget, title: str) -> QPrinter | None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def print_on(printer: QPrinter, title: str, body_html: str) -> int:
    return print_internal(printer, title, body_html)


def choose_pdf(parent: QWidget, title: str, file_name: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / file_name),
                                            "PDF files (*.pdf)")
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


def save_pdf(path: Path, title: str, body_html: str) -> Path:
    return write_internal_pdf(path, title, body_html)


Pages = Callable[[], str | None]  # the body, or None: nothing to put out (window locked)
Failed = Callable[[Exception], None]


def print_document(parent: QWidget, what: str, title: str, make_html: Pages, *,
                   failed: Failed) -> str | None:
    """Print the internal printout of `what` ("family record"); the sentence saying so.

    None if nothing was printed: the person cancelled, or the service refused or the
    printer failed, which goes to `failed` (the service's refusal in its own words)."""
    printer = choose_printer(parent, f"Print the {what}")
    if printer is None:
        return None
    try:
        body = make_html()
        if body is None:
            return None
        pages = print_on(printer, title, body)
    except Exception as exc:
        failed(exc)
        return None
    return (f"The {what} ({pages} page{'s' if pages != 1 else ''}) was sent to the printer. "
            "It is for use inside the centre only.")


def save_document(parent: QWidget, what: str, title: str, file_name: str,
                  make_html: Pages, *, failed: Failed) -> str | None:
    """Save the internal printout of `what` as a PDF where the person chooses; as above."""
    path = choose_pdf(parent, f"Save the {what} as a PDF", file_name)
    if path is None:
        return None
    try:
        body = make_html()
        if body is None:
            return None
        save_pdf(path, title, body)
    except Exception as exc:
        failed(exc)
        return None
    return (f"The {what} was saved as {path}. It is for use inside the centre only: "
            "print it, then delete the file.")
