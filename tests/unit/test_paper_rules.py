"""Every printed document keeps the paper rules on long content (issue 21).

Each document is made from 100 made-up entries, rendered to PDF bytes, and
read back page by page with pypdf: one page frame on every page (the title,
the centre, the confidential mark where it applies, "Page x of y"), rows and
entries never cut across pages, table headers repeated, no word broken,
British dates without leading zeros, plurals that agree, and letters that can
be signed and posted.
"""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from stmarys_desktop.printing.document import CONFIDENTIAL, render
from tests.unit import paper_samples
from tests.unit.paper_samples import CENTRE, HEAD, SIGNER, Sample

SAMPLES = {sample.name: sample for sample in paper_samples.every_document()}
LONG = (
    "attendance letter",
    "disclosure history",
    "disposal certificate",
    "accident book",
    "chronology",
    "register",
    "family record",
    "group acknowledgement sheet",
)


def pages_of(sample: Sample) -> list[str]:
    rendered = render(sample.paper)
    reader = PdfReader(io.BytesIO(rendered.pdf))
    assert len(reader.pages) == rendered.pages
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def read_back() -> dict[str, list[str]]:
    return {name: pages_of(sample) for name, sample in SAMPLES.items()}


def test_the_long_documents_run_to_several_pages(read_back) -> None:
    for name in LONG:
        assert len(read_back[name]) >= 3, name


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_page_carries_the_frame(read_back, name: str) -> None:
    sample, pages = SAMPLES[name], read_back[name]
    for number, page in enumerate(pages, 1):
        words = flat(page)
        assert f"Page {number} of {len(pages)}" in words, (name, number)
        assert flat(sample.paper.title) in words, (name, number)
        if sample.paper.confidential:
            assert sample.paper.mark in words, (name, number)
        assert CENTRE in words, (name, number)


def test_internal_printouts_are_marked_and_letters_are_not(read_back) -> None:
    for name in (
        "disclosure history",
        "disposal certificate",
        "accident book",
        "chronology",
        "register",
        "family record",
    ):
        assert all(CONFIDENTIAL in flat(page) for page in read_back[name]), name
    for name in ("attendance letter", "refusal letter", "consent form"):
        assert not any(CONFIDENTIAL in flat(page) for page in read_back[name]), name


@pytest.mark.parametrize("name", sorted(n for n, s in SAMPLES.items() if s.rows))
def test_no_row_or_entry_is_cut_across_pages(read_back, name: str) -> None:
    """A row's first and last words are on the same page; a page with rows repeats the
    table's header."""
    sample, pages = SAMPLES[name], [flat(page) for page in read_back[name]]
    for first, last in sample.rows:
        on = [index for index, page in enumerate(pages) if re.search(rf"\b{first}\b", page)]
        assert on, (name, first)
        assert any(re.search(rf"\b{last}\b", pages[index]) for index in on), (name, first, last)
    if sample.header:
        with_rows = [
            page
            for page in pages
            if any(re.search(rf"\b{first}\b", page) for first, _ in sample.rows)
        ]
        assert len(with_rows) >= 2, name
        assert all(sample.header in page for page in with_rows), name


def test_the_accident_book_keeps_each_entry_on_one_page_with_its_lines(read_back) -> None:
    pages = [flat(page) for page in read_back["accident book"]]
    for number in range(1, paper_samples.N + 1):
        page = next(p for p in pages if f"A{number:03d}start" in p)
        entry = page[page.index(f"A{number:03d}start") :]
        assert f"A{number:03d}end" in entry
        assert "Who was told" in page[: page.index(f"A{number:03d}start") + 2000]
        after = entry[entry.index(f"A{number:03d}end") :]
        assert re.search(r"Witness \(name\) Signature of the person recording Date", after)


@pytest.mark.parametrize("name", sorted(n for n, s in SAMPLES.items() if s.whole))
def test_no_word_is_broken(read_back, name: str) -> None:
    """Each long word comes out whole as often as it was written: a word broken at the
    end of a line would be read back as two."""
    text = " ".join(read_back[name])
    for word, times in SAMPLES[name].whole.items():
        assert len(re.findall(rf"\b{word}\b", text)) >= times, (name, word)


@pytest.mark.parametrize("name", sorted(n for n, s in SAMPLES.items() if s.one_line))
def test_dates_fit_their_column_on_one_line(read_back, name: str) -> None:
    text = "\n".join(read_back[name])  # as read back: a wrapped cell is two lines
    for pattern, times in SAMPLES[name].one_line.items():
        assert len(re.findall(pattern, text)) >= times, (name, pattern)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_dates_are_british_without_leading_zeros_and_plurals_agree(read_back, name) -> None:
    text = flat(" ".join(read_back[name]))
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}", text), name  # no ISO dates
    assert not re.search(
        r"\b0\d (January|February|March|April|May|June|July|August|"
        r"September|October|November|December)",
        text,
    ), name
    assert not re.search(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d", text), name
    assert not re.search(r"\b1 (records|entries|sessions|incidents|people|consents)\b", text), name
    assert not re.search(r"\d{2}:\d{2}-\d{2}:\d{2}", text), name  # ranges take a dash


def test_the_disposal_certificate_counts_in_words_that_agree(read_back) -> None:
    text = flat(" ".join(read_back["disposal certificate"]))
    assert "1 incident, 1 session, 1 person" in text
    assert "100 records, holding in all 100 incidents" in text
    assert "2 December 2026, 14:05, authorised by Wenna Treloar" in text


def test_the_disclosure_history_names_people_not_logins(read_back) -> None:
    text = flat(" ".join(read_back["disclosure history"]))
    assert "coord42" not in text
    assert text.count("Nerys Calder") >= paper_samples.N


def test_the_register_keeps_staff_names_apart(read_back) -> None:
    text = flat(" ".join(read_back["register"]))
    assert "Aisha Norden; Grace Welwick" in text  # people apart with "; " (D353)


@pytest.mark.parametrize("name", ["attendance letter", "refusal letter"])
def test_a_letter_can_be_signed_and_posted(read_back, name: str) -> None:
    pages = [flat(page) for page in read_back[name]]
    first, last = pages[0], pages[-1]
    for line in HEAD.address_lines:
        assert line in first
    assert f"Telephone: {HEAD.telephone}" in first
    assert "Private and confidential" in first
    addressee = SAMPLES[name].paper.story  # the letter's addressee is on its first page
    assert addressee
    assert "2 December 2026" in first and "Our reference: SMC-2026-00042" in first
    assert "Dear Sir or Madam," in first
    # Closing, the space to sign, the signatory by name and role: together, at the end.
    assert re.search(r"Yours faithfully, _+ " + SIGNER.name + ", ?" + SIGNER.role, last) or (
        "Yours faithfully," in last and f"{SIGNER.name} {SIGNER.role}, {CENTRE}" in last
    )


def test_the_letters_name_their_addressee_and_the_reply_quotes_their_reference(read_back) -> None:
    assert "Private and confidential Hartwell Finch LLP" in flat(read_back["attendance letter"][0])
    reply = flat(read_back["refusal letter"][0])
    assert "Private and confidential Brackley & Rowe Solicitors" in reply
    assert "Your reference: BR/77/2026" in reply


def test_the_consent_form_has_lines_to_sign_print_a_name_and_date(read_back) -> None:
    text = flat(" ".join(read_back["consent form"]))
    assert "Signed Print name Date" in text
    assert "Received by On (date) The signed form is kept at" in text
    assert "30 June 2027" in text
    assert HEAD.telephone in text


def test_the_recovery_sheet_and_the_sheets_fit_their_pages(read_back) -> None:
    assert len(read_back["recovery sheet"]) == 1
    assert len(read_back["personal acknowledgement sheet"]) == 1
    assert "Nerys Calder" in flat(read_back["personal acknowledgement sheet"][0])


def test_documents_embed_the_bundled_font() -> None:
    pdf = PdfReader(io.BytesIO(render(SAMPLES["chronology"].paper).pdf))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in pdf.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVuSans" in name for name in fonts), fonts


def test_an_entry_with_a_body_map_prints_it_with_the_marks_in_words(read_back) -> None:
    text = flat(" ".join(read_back["accident book"]))
    assert (
        text.count("Body map 1. Front, tummy: A graze to the knee 2. Back, upper back: A red mark")
        == paper_samples.N // 5
    )
