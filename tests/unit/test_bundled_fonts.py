"""The documents' font travels with the program (issue 10: offline, fonts bundled)."""

from __future__ import annotations

from pypdf import PdfReader

from stmarys_desktop import paths
from stmarys_desktop.printing.document import (
    DOCUMENT_FAMILY,
    Paper,
    load_bundled_fonts,
    para,
    write_pdf,
)


def test_the_document_font_is_bundled_and_registered(qapp) -> None:
    assert paths.resource("fonts", "DejaVuSans.ttf").is_file()
    assert paths.resource("fonts", "LICENSE-DejaVu.txt").is_file()
    assert DOCUMENT_FAMILY in load_bundled_fonts()


def test_documents_are_set_in_it(qapp, tmp_path) -> None:
    target = write_pdf(tmp_path / "sample.pdf", Paper("Sample", [para("Confidentiality")]))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(target).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans" in name for name in fonts), fonts
