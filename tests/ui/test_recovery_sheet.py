"""The recovery sheet as a PDF: one page, the key readable, the warning on it."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from stmarys_desktop.printing.recovery_sheet import write_recovery_sheet_pdf

KEY = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"


def test_the_sheet_carries_the_key_the_centre_and_the_warning(qapp, tmp_path: Path) -> None:
    path = write_recovery_sheet_pdf(
        tmp_path / "sheet.pdf", "St Mary's <Test> & Centre", KEY, "4 March 2026"
    )
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    flat = "".join(text.split())
    assert KEY in flat
    assert "StMary's<Test>&Centre" in flat  # escaped, not taken as markup
    assert "Confidential: keep this sheet in the centre's safe" in text
    assert "lostforgood" in flat
    assert reader.metadata.title == "Recovery sheet"
