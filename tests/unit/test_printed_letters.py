"""The letters and forms, rendered to real PDFs and read back (issue 6)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from stmarys_desktop.domain.errors import InvalidInput, PermissionRefused
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.printing.document import write_pdf
from stmarys_desktop.printing.letters import (
    attendance_letter_paper,
    consent_form_paper,
    proceedings_reply_paper,
)
from stmarys_desktop.services import accounts, families, settings
from stmarys_desktop.services import disclosure as out
from tests.unit.family_helpers import two_parent_family


def text_of(path: Path) -> str:
    """The PDF's words; a bold run's edge can add a space before punctuation."""
    words = " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())
    return re.sub(r" ([,.;:])", r"\1", words)


ADDRESS = "Flat 2, 14 Quillan Street\nTrevannick\nTV9 4ZZ"


@pytest.fixture
def coordinator(manager, sign_in_as):
    accounts.create_account(
        manager,
        user_name="coord",
        display_name="Nerys Calder",
        roles=[Role.COORDINATOR],
        password="coordinator password",
    )
    settings.set_letterhead(manager, ADDRESS, "01632 960 555")
    session = sign_in_as("coord", "coordinator password")
    return session, families.create_family(session, two_parent_family())


def test_the_attendance_letter_holds_dates_times_and_attendance_only(qapp, coordinator, tmp_path):
    session, family = coordinator
    letter = out.attendance_letter(
        session, family.id, "Hartwell Finch LLP", deliver=lambda _letter: True
    )
    text = text_of(
        write_pdf(
            tmp_path / "letter.pdf",
            attendance_letter_paper(letter, *settings.letter_sender(session)),
        )
    )
    assert family.reference in text and "Hartwell Finch LLP" in text
    assert "dates and times of a family's attendance" in text
    for private in ("Carys", "Owen", "Ivy", "Invented Road", "07700"):
        assert private not in text


def test_the_consent_form_names_one_adult_one_recipient_and_the_items(qapp, coordinator, tmp_path):
    session, family = coordinator
    dad = family.adults[1]
    form = out.consent_form(
        session,
        family.id,
        given_by=dad.id,
        recipient="Cafcass",
        items=frozenset({"address", "telephone"}),
        expires_on=date(2027, 6, 30),
    )
    text = text_of(
        write_pdf(tmp_path / "consent.pdf", consent_form_paper(form, settings.letterhead(session)))
    )
    assert "I, Owen Brackley, agree" in text and "to Cafcass and to no one else" in text
    assert "my home address" in text and "my telephone number(s)" in text
    assert "30 June 2027" in text and "Signed Print name Date" in text
    assert "Carys" not in text


def test_the_reply_to_a_request_for_a_report_cites_clause_ii(qapp, coordinator, tmp_path):
    session, family = coordinator
    reply = out.request_proceedings_report(session, family.id, "Brackley & Rowe Solicitors")
    text = text_of(
        write_pdf(
            tmp_path / "reply.pdf",
            proceedings_reply_paper(
                reply, *settings.letter_sender(session), your_reference="BR/77"
            ),
        )
    )
    assert "clause ii" in text and "verbal or written reports in any family proceedings" in text
    # Issue 20: the dates go to the referring agency, which the reply never names, nor
    # anything else about the family.
    assert "go only to the agency that referred the family" in text and "clause iii" in text
    for private in ("Hartwell", "Finch", "Carys", "Owen", "Ivy", "Invented Road", "07700"):
        assert private not in text


def test_a_letter_comes_from_the_centre_and_is_signed_by_the_person_by_name(
    qapp, coordinator, tmp_path
):
    """Issue 21: the centre's address and telephone (a setting), the signatory's name and
    role with room to sign; never the sign-in name."""
    session, family = coordinator
    letter = out.attendance_letter(
        session, family.id, "Hartwell Finch LLP", deliver=lambda _letter: True
    )
    text = text_of(
        write_pdf(
            tmp_path / "letter.pdf",
            attendance_letter_paper(letter, *settings.letter_sender(session)),
        )
    )
    assert "Flat 2, 14 Quillan Street Trevannick TV9 4ZZ Telephone: 01632 960 555" in text
    assert "Private and confidential Hartwell Finch LLP" in text
    assert f"Our reference: {family.reference} Dear Sir or Madam," in text
    assert "Yours faithfully, ______________________________ Nerys Calder Coordinator" in text
    assert "coord " not in text and "coord," not in text


def test_the_reply_quotes_their_reference(qapp, coordinator, tmp_path):
    session, family = coordinator
    reply = out.request_proceedings_report(session, family.id, "Brackley & Rowe Solicitors")
    text = text_of(
        write_pdf(
            tmp_path / "reply.pdf",
            proceedings_reply_paper(
                reply, *settings.letter_sender(session), your_reference="BR/77"
            ),
        )
    )
    assert f"Our reference: {family.reference} Your reference: BR/77 Dear Sir or Madam" in text


def test_only_a_manager_sets_the_letterhead_and_bad_input_is_refused(manager, coordinator):
    session, _ = coordinator
    with pytest.raises(PermissionRefused):
        settings.set_letterhead(session, "1 Other Road", "01632 960 000")
    with pytest.raises(InvalidInput, match="telephone"):
        settings.set_letterhead(manager, ADDRESS, "call us!")
    with pytest.raises(InvalidInput, match="7 lines"):
        settings.set_letterhead(manager, "\n".join(f"Line {n}" for n in range(7)), "")
    # Nothing half-written: the letterhead is as it was.
    assert settings.letterhead(manager).address_lines == ADDRESS.splitlines()
    assert settings.letterhead(manager).telephone == "01632 960 555"
    kept = settings.set_letterhead(manager, "  1 Brannoc Lane \n\n Trevannick ", " 01632  960 1 ")
    assert kept.address_lines == ["1 Brannoc Lane", "Trevannick"]
    assert kept.telephone == "01632 960 1"
