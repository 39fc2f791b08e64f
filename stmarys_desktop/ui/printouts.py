"""Sending an internal printout to a printer, or to a PDF where the person chooses.

Nothing goes through a temporary file. The caller has already asked the
service (which logs a family's printout); this module only puts the pages out.
"""

from __future__ import annotations

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
