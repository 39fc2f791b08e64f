"""The letters and forms, rendered to real PDFs and read back (issue 6)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from stmarys_desktop.domain.roles import Role
from stmarys_desktop.printing.document import write_pdf
from stmarys_desktop.printing.letters import (
    attendance_letter_html,
    consent_form_html,
    proceedings_reply_html,
)
from stmarys_desktop.services import accounts, families
from stmarys_desktop.services import disclosure as out
from tests.unit.family_helpers import two_parent_family


def text_of(path: Path) -> str:
    """The PDF's words; a bold run's edge can add a space before punctuation."""
    words = " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())
    return re.sub(r" ([,.;:])", r"\1", words)


@pytest.fixture
def coordinator(manager, sign_in_as):
    accounts.create_account(manager, user_name="coord", display_name="Nerys Calder",
                            roles=[Role.COORDINATOR], password="coordinator password")
    session = sign_in_as("coord", "coordinator password")
    return session, families.create_family(session, two_parent_family())


def test_the_attendance_letter_holds_dates_times_and_attendance_only(qapp, coordinator,
                                                                    tmp_path):
    session, family = coordinator
    letter = out.attendance_letter(session, family.id, "Hartwell Finch LLP")
    text = text_of(write_pdf(tmp_path / "letter.pdf", "Attendance",
                             attendance_letter_html(letter)))
    assert family.reference in text and "Hartwell Finch LLP" in text
    assert "dates and times of a family's attendance" in text
    for private in ("Carys", "Owen", "Ivy", "Invented Road", "07700"):
        assert private not in text


def test_the_consent_form_names_one_adult_one_recipient_and_the_items(qapp, coordinator,
                                                                     tmp_path):
    session, family = coordinator
    dad = family.adults[1]
    form = out.consent_form(session, family.id, given_by=dad.id, recipient="Cafcass",
                            items=frozenset({"address", "telephone"}),
                            expires_on=date(2027, 6, 30))
    text = text_of(write_pdf(tmp_path / "consent.pdf", "Consent", consent_form_html(form)))
    assert "I, Owen Brackley, agree" in text and "to Cafcass and to no one else" in text
    assert "my home address" in text and "my telephone number(s)" in text
    assert "30 June 2027" in text and "Signed:" in text
    assert "Carys" not in text


def test_the_reply_to_a_request_for_a_report_cites_clause_ii(qapp, coordinator, tmp_path):
    session, family = coordinator
    reply = out.request_proceedings_report(session, family.id, "Brackley & Rowe Solicitors")
    text = text_of(write_pdf(tmp_path / "reply.pdf", "Reply", proceedings_reply_html(reply)))
    assert "clause ii" in text and "verbal or written reports in any family proceedings" in text
    assert "Hartwell Finch LLP" in text  # the offer of dates through the referrer
