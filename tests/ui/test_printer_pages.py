"""A printer and the print preview get the document's own pages (issue 21).

ReportLab lays a document out once, as PDF bytes; a printer is given each page
drawn from those bytes by pdfium. Here the "printer" is a QPdfWriter in memory,
and what it received is drawn again and compared with the document itself.
"""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QImage, QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from stmarys_desktop.printing.document import render
from stmarys_desktop.ui import printouts
from tests.unit import paper_samples


def ink(image: QImage, grid: int = 10) -> list[float]:
    """The share of each block of the page (grid x grid) that is printed on."""
    blocks = []
    for row in range(grid):
        for column in range(grid):
            dark = total = 0
            for y in range(row * image.height() // grid, (row + 1) * image.height() // grid, 2):
                for x in range(
                    column * image.width() // grid, (column + 1) * image.width() // grid, 2
                ):
                    total += 1
                    dark += image.pixelColor(x, y).lightness() < 230
            blocks.append(dark / total)
    return blocks


def test_each_page_goes_to_the_printer_as_the_document_shows_it(qapp) -> None:
    paper = paper_samples.chronology().paper
    pdf = render(paper).pdf
    buffer = QBuffer()  # the printed pages stay in memory
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setPageLayout(printouts.page_layout(paper.page_size))
    pages = printouts.paint_pdf(writer, pdf)
    del writer
    printed = bytes(buffer.data())
    assert pages == len(PdfReader(io.BytesIO(pdf)).pages) >= 3
    assert len(PdfReader(io.BytesIO(printed)).pages) == pages
    wanted = printouts.page_images(pdf, 50)
    got = printouts.page_images(printed, 50)
    for index, (want, have) in enumerate(zip(wanted, got, strict=True)):
        assert (have.width(), have.height()) == (want.width(), want.height()), index
        wanted_ink, printed_ink = ink(want), ink(have)
        assert sum(wanted_ink) > 1, index  # a page with words on it
        # The same things in the same places: ink where the document has it, none elsewhere
        # (drawn twice over, thin rules come out lighter than they print).
        for block, (should, did) in enumerate(zip(wanted_ink, printed_ink, strict=True)):
            assert 0.25 * should - 0.01 <= did <= 1.5 * should + 0.03, (index, block, should, did)


def test_a_turned_document_turns_the_printer_paper(qapp) -> None:
    paper = paper_samples.history().paper
    printer = printouts.printer_for(paper)
    rect = printer.pageLayout().fullRectPoints()
    assert rect.width() > rect.height()
    image = printouts.page_images(render(paper).pdf, 40, last=0)[0]
    assert image.width() > image.height()


def test_printing_to_a_file_gives_the_document_itself(qapp, tmp_path) -> None:
    """ "Print to file" in the print dialog: the file is the PDF, its words searchable."""
    paper = paper_samples.register().paper
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = printouts.print_paper(printer, paper)
    reader = PdfReader(tmp_path / "printed.pdf")
    assert len(reader.pages) == pages
    assert "Register for Wednesday 2 December 2026" in reader.pages[0].extract_text()
