"""Acknowledgement sheets (clause ix) as real PDFs, read back with pypdf (issue 8)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.policy_documents import SheetVariant
from stmarys_desktop.policy.clauses import WORDS
from stmarys_desktop.printing import acknowledgement as sheets
from stmarys_desktop.printing.policy_text import blocks
from stmarys_desktop.services import policy_documents as policy
from stmarys_desktop.services.session import Session

CENTRE = "St Mary's Test Centre"


def flat(text: str) -> str:
    """Words with single spaces; a bold run's edge can add a space before punctuation."""
    return re.sub(r" ([,.;:)])", r"\1", " ".join(text.split()))


def pages_of(path: Path) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(path).pages]


def assert_every_clause(text: str) -> None:
    for clause in Clause:
        assert flat(WORDS[clause]) in text, clause.title


@pytest.fixture
def manager_on(manager: Session) -> Session:
    manager.centre.clock = lambda: datetime(2026, 10, 1, 10, 0).astimezone()
    return manager


def numbers_in_rows(page_text: str) -> list[int]:
    """The small row numbers of a blank sheet, in the order they are printed."""
    after_header = page_text.split("Name Signature Date", 1)
    if len(after_header) == 1:
        return []
    rows = after_header[1].split("For the centre:")[0].split("Confidentiality Policy,")[0]
    rows = re.sub(r"Page \d+ of \d+", "", rows)  # the footer's page number
    return [int(n) for n in re.findall(r"\b\d{1,2}\b", rows)]


def test_the_group_sheet_carries_every_clause_the_centre_and_the_rows(
    qapp, manager_on, tmp_path: Path
) -> None:
    sheet = policy.acknowledgement_sheet(manager_on, SheetVariant.GROUP)
    path = sheets.write_sheet_pdf(tmp_path / "group.pdf", sheet)
    pages = pages_of(path)
    text = " ".join(pages)
    assert_every_clause(text)
    assert f"{CENTRE} - Confidentiality Policy" in text
    assert "St Mary's Contact Centre" not in text
    assert "Name Signature Date" in text
    assert [n for page in pages for n in numbers_in_rows(page)] == list(range(1, 13))
    assert "version 1, effective 1 October 2026" in text
    assert "Sheet printed 1 October 2026" in text
    reader = PdfReader(path)
    assert reader.metadata.title == "Confidentiality Policy: blank group sheet"
    box = reader.pages[0].mediabox
    assert (round(box.width), round(box.height)) == (595, 842)  # A4


def test_the_personal_sheet_carries_the_person_and_the_version(
    qapp, manager_on, tmp_path: Path
) -> None:
    policy.record_review(
        manager_on,
        reviewed_on=date(2026, 10, 1),
        reviewed_by="Trustees",
        changes="A sentence on the register.",
    )
    policy.publish_version(
        manager_on,
        effective_on=date(2026, 10, 1),
        text=policy.current_version(manager_on).text
        + "\nWe keep a register of who has read this policy.\n",
    )
    sheet = policy.acknowledgement_sheet(
        manager_on, SheetVariant.PERSONAL, name="Gwoul Thiarrow", role="Volunteer"
    )
    pages = pages_of(sheets.write_sheet_pdf(tmp_path / "personal.pdf", sheet))
    text = " ".join(pages)
    assert_every_clause(text)
    assert "We keep a register of who has read this policy." in text
    assert "Name Signature Date Gwoul Thiarrow Volunteer" in text
    # The footer of every page: the version, its date, the person, the day printed.
    for number, page in enumerate(pages, start=1):
        assert (
            "Confidentiality Policy, version 2, effective 1 October 2026. Sheet for "
            "Gwoul Thiarrow printed 1 October 2026."
        ) in page
        assert f"Page {number} of {len(pages)}" in page


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_short_form_for_parents_fits_one_page(
    qapp, manager_on, tmp_path: Path, paper: str
) -> None:
    sheet = policy.acknowledgement_sheet(
        manager_on, SheetVariant.INTAKE, name="Carys Dunford", role="Parent"
    )
    path = sheets.write_sheet_pdf(tmp_path / "intake.pdf", sheet, paper)
    pages = pages_of(path)
    assert len(pages) == 1
    assert_every_clause(pages[0])
    assert "For parents and carers." in pages[0] and "ask to see the policy" in pages[0]
    assert "Name Signature Date Carys Dunford Parent" in pages[0]
    box = PdfReader(path).pages[0].mediabox
    expected = (595, 842) if paper == "A4" else (612, 792)
    assert (round(box.width), round(box.height)) == expected


def test_the_shipped_sheet_needs_no_centre(qapp, tmp_path: Path) -> None:
    sheet = sheets.shipped_sheet(printed_on=date(2026, 3, 4))
    text = " ".join(pages_of(sheets.write_sheet_pdf(tmp_path / "shipped.pdf", sheet)))
    assert_every_clause(text)
    assert "St Mary's Contact Centre - Confidentiality Policy" in text
    assert "the text shipped with the application" in text
    assert "Name Signature Date" in text


def long_sheet(manager: Session, extra_paragraphs: int, rows: int = 12):
    sheet = policy.acknowledgement_sheet(manager, rows=rows)
    body = sheet.text.splitlines()[1:]
    filler = [
        f"{n}. An added paragraph of the longer policy, long enough to wrap onto a "
        "second line of the page at the usual width."
        for n in range(extra_paragraphs)
    ]
    return dataclasses.replace(sheet, text="\n".join([*sheet.text.splitlines(), *body, *filler]))


@pytest.mark.parametrize("extra", range(0, 24, 3))
def test_a_long_policy_flows_onto_a_second_page_without_cutting_a_row(
    qapp, manager_on, tmp_path: Path, extra: int
) -> None:
    sheet = long_sheet(manager_on, extra)
    path = sheets.write_sheet_pdf(tmp_path / "long.pdf", sheet)
    pages = pages_of(path)
    assert len(pages) >= 2
    assert_every_clause(" ".join(pages))
    # Every row once, in order; every page with rows has its own header row.
    numbers = [numbers_in_rows(page) for page in pages]
    assert [n for page in numbers for n in page] == list(range(1, 13))
    for page, found in zip(pages, numbers, strict=True):
        assert bool(found) == ("Name Signature Date" in page)


def test_a_header_row_never_stands_alone_at_the_foot_of_a_page(
    qapp, manager_on, tmp_path: Path
) -> None:
    """However the policy ends on the page, the header row goes where a row fits under it."""
    for extra in range(0, 40, 3):
        path = sheets.write_sheet_pdf(
            tmp_path / f"letter-{extra}.pdf", long_sheet(manager_on, extra, rows=3), "Letter"
        )
        pages = pages_of(path)
        numbers = [numbers_in_rows(page) for page in pages]
        assert [n for found in numbers for n in found] == [1, 2, 3], extra
        for page, found in zip(pages, numbers, strict=True):
            assert bool(found) == ("Name Signature Date" in page), extra


def test_a_page_renders_to_a_picture(qapp, manager_on) -> None:
    from stmarys_desktop.printing.document import render
    from stmarys_desktop.ui.printouts import page_images

    pdf = render(sheets.sheet_paper(policy.acknowledgement_sheet(manager_on))).pdf
    image = page_images(pdf, dpi=60, last=0)[0]
    assert image.width() < image.height()
    assert abs(image.height() / image.width() - 297 / 210) < 0.01
    darker = sum(
        1
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert darker > 100  # the policy's words are on it


# -- issue 20: the centre and version on every page, sub-points inside their point -----------

REALISTIC = (Path(__file__).parent / "policy_texts" / "realistic-centre-policy.txt").read_text(
    encoding="utf-8"
)


def realistic_sheet(session: Session) -> object:
    policy.record_review(session, reviewed_on=date(2026, 10, 1), reviewed_by="The trustees")
    policy.publish_version(
        session, text=REALISTIC, effective_on=date(2026, 10, 1), kept_in_force=True
    )
    return policy.acknowledgement_sheet(session, rows=30)


def test_clause_ix_every_page_names_the_centre_and_the_version_when_the_text_does_not(
    qapp, manager_on, tmp_path: Path
) -> None:
    sheet = realistic_sheet(manager_on)
    assert CENTRE not in sheet.text  # another centre's wording names its own centre
    pages = pages_of(sheets.write_sheet_pdf(tmp_path / "sheet.pdf", sheet))
    assert len(pages) >= 2
    for page in pages:  # the page frame's header and footer (issue 21's)
        assert CENTRE in page, page[:120]
        assert "Confidentiality Policy, version 2, effective 1 October 2026" in page


def _left_edges(path: Path) -> dict[str, float]:
    """Where each line of the first page starts, by its first words."""
    edges: dict[str, float] = {}

    def visit(text, _cm, tm, _font, _size) -> None:
        words = " ".join(text.split())
        if words and words[:12] not in edges:
            edges[words[:12]] = tm[4]

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return edges


def test_clause_ix_numbered_sub_points_sit_inside_the_point_they_belong_to(
    qapp, manager_on, tmp_path: Path
) -> None:
    edges = _left_edges(sheets.write_sheet_pdf(tmp_path / "sheet.pdf", realistic_sheet(manager_on)))
    point = edges["2. Sharing i"]
    sub_point = edges["2.2 Confiden"]
    lettered = edges["(a) where th"]
    assert point < sub_point < lettered
    assert edges["2.3 The Cent"] == sub_point  # back out to the sub-points after (a), (b)
    assert edges["3. Staff and"] == point
    # A paragraph wrapped by the PDF it was copied from is one paragraph again.
    wrapped = [words for _kind, words, _depth in blocks(REALISTIC) if words.startswith("1.1")]
    assert wrapped[0].endswith("this policy sets out how we keep it confidential.")


@pytest.mark.parametrize("name", ["Gwoul Thiarrow", "Gwoul Thiarrow-Pennyfeather", "Bo Ek"])
def test_the_footers_date_is_never_broken_over_two_lines(
    qapp, manager_on, tmp_path: Path, name: str
) -> None:
    """Issue 18, a sheet as it is read: "printed 1 October 2026" stays on one line whatever
    the length of the name before it (it read "printed 1 / October 2026")."""
    import shutil
    import subprocess

    sheet = policy.acknowledgement_sheet(
        manager_on, SheetVariant.PERSONAL, name=name, role="Volunteer"
    )
    path = sheets.write_sheet_pdf(tmp_path / "personal.pdf", sheet)
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None
    layout = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(line.split()) for line in layout.splitlines()]
    printed = [n for n, line in enumerate(lines) if re.search(r"(^| )printed\b", line)]
    assert printed
    for n in printed:  # the date follows "printed" on its line, or starts the next one
        after = re.split(r"(?:^| )printed\b", lines[n], maxsplit=1)[1]
        after = after.split(" Page ")[0].strip() or lines[n + 1]
        assert re.match(r"1\W+October\W+2026\.", after), lines[n : n + 2]
