"""The manager sets the centre's address and telephone; every letter prints them (issue 21)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPlainTextEdit

from stmarys_desktop.domain.disclosures import ConsentForm
from stmarys_desktop.domain.paper import Signatory
from stmarys_desktop.printing.document import write_pdf
from stmarys_desktop.printing.letters import consent_form_paper
from stmarys_desktop.services import settings
from stmarys_desktop.ui.forms import CallbackForm
from tests.helpers import pdf_text
from tests.ui.helpers import click, find


def fill(address: str, telephone: str):
    def typed(dialog: QDialog) -> None:
        find(dialog, QPlainTextEdit, "Postal address, one line each").setPlainText(address)
        find(dialog, QLineEdit, "Telephone").setText(telephone)

    return typed


def test_the_manager_sets_the_letterhead_and_letters_print_it(
    qtbot, admin, admin_window, answer, tmp_path
) -> None:
    answers = answer(CallbackForm, fill("1 Brannoc Lane\nTrevannick\nTV9 4ZZ", "01632 960 321"))
    click(qtbot, admin, "Letterhead")
    assert answers.dialogs[0].result() == QDialog.DialogCode.Accepted
    assert "letterhead was saved" in admin_window.statusBar().currentMessage()
    session = admin_window.session
    head = settings.letterhead(session)
    assert head.address_lines == ["1 Brannoc Lane", "Trevannick", "TV9 4ZZ"]
    form = ConsentForm(
        session.centre_name,
        "SMC-2026-00001",
        "Owen Brackley",
        "Cafcass",
        ("address",),
        None,
        policy_says="Our Confidentiality Policy says so.",
    )
    text = pdf_text(write_pdf(tmp_path / "form.pdf", consent_form_paper(form, head)))
    assert "1 Brannoc Lane Trevannick TV9 4ZZ Telephone: 01632 960 321" in text


def test_a_bad_telephone_stays_in_the_dialog_and_saves_nothing(
    qtbot, admin, admin_window, answer
) -> None:
    answers = answer(CallbackForm, fill("1 Brannoc Lane", "ring the bell"))
    click(qtbot, admin, "Letterhead")
    dialog = answers.dialogs[0]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "digits" in find(dialog, QLabel, "Message").text()
    assert settings.letterhead(admin_window.session).address == ""


def test_a_manager_signs_as_themselves_in_their_senior_role(admin_window) -> None:
    session = admin_window.session
    assert settings.signatory(session) == Signatory(session.account.display_name, "Manager")
    assert session.account.display_name != session.user_name
