"""Printing an acknowledgement sheet: print, print preview, or save as a PDF.

With no printer installed the Print button is disabled and says why;
preview and PDF do not need a printer. Nothing goes through a temporary file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.domain.policy_documents import AcknowledgementSheet
from stmarys_desktop.printing.acknowledgement import sheet_paper, title_of, write_sheet_pdf
from stmarys_desktop.ui import printouts

NO_PRINTER = "No printer is installed; use Print preview or Save as PDF"


def printers_installed() -> bool:
    return bool(QPrinterInfo.availablePrinters())


def print_with_dialog(parent: QWidget, sheet: AcknowledgementSheet, paper: str) -> bool:
    """The system's print dialog, then the printer; False when cancelled."""
    document = sheet_paper(sheet, paper)
    printer = printouts.printer_for(document)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print: {title_of(sheet)}")
    dialog.setAccessibleName("Print")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    printouts.print_paper(printer, document)
    return True


def preview(parent: QWidget, sheet: AcknowledgementSheet, paper: str) -> None:
    printouts.preview(parent, sheet_paper(sheet, paper))


def save_pdf(parent: QWidget, sheet: AcknowledgementSheet, paper: str) -> Path | None:
    """Ask where, then write; None when the person chose nowhere."""
    suggested = sheet.variant.value + "-acknowledgement-sheet.pdf"
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        "Save the acknowledgement sheet as a PDF",
        str(Path.home() / suggested),
        "PDF files (*.pdf)",
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    written = path.parent.is_dir()
    if written:
        path.unlink(missing_ok=True)
        write_sheet_pdf(path, sheet, paper)
        written = path.is_file() and path.stat().st_size > 0
    if not written:
        raise StMarysError(
            f"The sheet could not be saved as {path}: the folder cannot be "
            "written to. Choose another folder."
        )
    return path
