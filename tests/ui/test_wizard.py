"""The first-run wizard: a centre, its first manager, the recovery key shown once."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QCheckBox, QDialog, QFileDialog, QLabel, QLineEdit, QPushButton

from stmarys_desktop.services.auth import sign_in
from stmarys_desktop.ui.wizard import SetupWizard
from tests.helpers import CHEAP_KDF, PASSWORD
from tests.ui.helpers import click, find

CENTRE = "St Mary's Test Centre"


@pytest.fixture
def wizard(qtbot, data_dir: Path) -> SetupWizard:
    made = SetupWizard(data_dir, kdf=CHEAP_KDF)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    yield made
    if made.session is not None:
        made.session.close()


def type_into(qtbot, wizard: SetupWizard, name: str, text: str) -> None:
    field = find(wizard, QLineEdit, name)
    field.clear()
    qtbot.keyClicks(field, text)


def fill_manager(
    qtbot, wizard: SetupWizard, password: str = PASSWORD, repeat: str | None = None
) -> None:
    type_into(qtbot, wizard, "User name", "mtestwick")
    type_into(qtbot, wizard, "Full name", "Morwenna Testwick")
    type_into(qtbot, wizard, "Password", password)
    type_into(qtbot, wizard, "Repeat the password", password if repeat is None else repeat)


def to_manager_page(qtbot, wizard: SetupWizard) -> None:
    type_into(qtbot, wizard, "Centre name", CENTRE)
    click(qtbot, wizard, "Next")
    assert wizard.currentPage() is wizard.manager_page


def test_the_wizard_creates_the_centre_and_shows_the_recovery_key_once(
    qtbot, wizard: SetupWizard, data_dir: Path
) -> None:
    to_manager_page(qtbot, wizard)
    assert not data_dir.exists()  # nothing written before "Create the centre"
    fill_manager(qtbot, wizard)
    assert find(wizard, QLabel, "Password strength word").text() == "Strong"
    click(qtbot, wizard, "Create the centre")

    assert wizard.currentPage() is wizard.recovery_page
    assert wizard.session is not None and wizard.session.user_name == "mtestwick"
    key = find(wizard, QLabel, "Recovery key").text()
    assert key == wizard.made.recovery_key and len(key.replace("-", "")) == 32
    assert "lost for good" in find(wizard, QLabel, "Warning").text()
    # No way back to make a second centre, and no finishing until the key is kept.
    assert not find(wizard, QPushButton, "Back").isVisible()
    finish = find(wizard, QPushButton, "Finish")
    assert not finish.isEnabled()
    find(wizard, QCheckBox, "Recovery key kept safe").setChecked(True)
    assert finish.isEnabled()
    click(qtbot, wizard, "Finish")
    assert wizard.result() == QDialog.DialogCode.Accepted

    wizard.session.close()
    again = sign_in(data_dir, "mtestwick", PASSWORD)
    assert again.centre_name == CENTRE and again.account.display_name == "Morwenna Testwick"
    again.close()


def test_the_recovery_sheet_saved_as_pdf_carries_the_key(
    qtbot, wizard: SetupWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    to_manager_page(qtbot, wizard)
    fill_manager(qtbot, wizard)
    click(qtbot, wizard, "Create the centre")
    target = tmp_path / "sheet.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    click(qtbot, wizard, "Save recovery sheet as PDF")

    text = "".join(PdfReader(target).pages[0].extract_text().split())
    assert wizard.made.recovery_key in text
    assert CENTRE.replace(" ", "") in text
    assert "lostforgood" in text
    assert str(target) in find(wizard, QLabel, "Recovery page message").text()


def test_print_recovery_sheet_goes_through_the_print_dialog(
    qtbot, wizard: SetupWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    to_manager_page(qtbot, wizard)
    fill_manager(qtbot, wizard)
    click(qtbot, wizard, "Create the centre")
    target = tmp_path / "printed.pdf"

    def choose_pdf_printer(dialog: QPrintDialog) -> int:
        printer: QPrinter = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", choose_pdf_printer)
    click(qtbot, wizard, "Print recovery sheet")
    text = "".join(PdfReader(target).pages[0].extract_text().split())
    assert wizard.made.recovery_key in text


def test_closing_after_creation_keeps_the_key_on_screen(qtbot, wizard: SetupWizard) -> None:
    to_manager_page(qtbot, wizard)
    fill_manager(qtbot, wizard)
    click(qtbot, wizard, "Create the centre")
    wizard.reject()
    assert wizard.isVisible()
    assert "tick the box" in find(wizard, QLabel, "Recovery page message").text()


def test_an_empty_centre_name_is_refused_plainly(
    qtbot, wizard: SetupWizard, data_dir: Path
) -> None:
    type_into(qtbot, wizard, "Centre name", "   ")
    click(qtbot, wizard, "Next")
    assert wizard.currentPage() is wizard.centre_page
    assert (
        find(wizard, QLabel, "Centre page message").text()
        == "The centre's name cannot be empty or only spaces."
    )
    assert not data_dir.exists()


@pytest.mark.parametrize(
    ("password", "repeat", "expected"),
    [
        (PASSWORD, PASSWORD + "x", "The two passwords are not the same."),
        ("short", "short", "The password must be at least 10 characters long."),
    ],
)
def test_bad_passwords_are_refused_plainly(
    qtbot, wizard: SetupWizard, data_dir: Path, password: str, repeat: str, expected: str
) -> None:
    to_manager_page(qtbot, wizard)
    fill_manager(qtbot, wizard, password, repeat)
    click(qtbot, wizard, "Create the centre")
    assert wizard.currentPage() is wizard.manager_page
    assert find(wizard, QLabel, "Manager page message").text() == expected
    assert wizard.session is None
    assert not data_dir.exists()


def test_a_too_short_password_shows_in_the_strength_meter(qtbot, wizard: SetupWizard) -> None:
    to_manager_page(qtbot, wizard)
    type_into(qtbot, wizard, "Password", "short")
    assert wizard.manager_page.strength.bar.value() == 0
    assert "at least 10 characters" in find(wizard, QLabel, "Password strength word").text()
    type_into(qtbot, wizard, "Password", "Tea-and-biscuits 1984")
    assert wizard.manager_page.strength.bar.value() == 4


def test_a_data_folder_that_cannot_be_written_is_explained(qtbot, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    folder = blocker / "centre"  # mkdir fails under a regular file, even for root
    wizard = SetupWizard(folder, kdf=CHEAP_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    to_manager_page(qtbot, wizard)
    fill_manager(qtbot, wizard)
    click(qtbot, wizard, "Create the centre")
    message = find(wizard, QLabel, "Manager page message").text()
    assert message.startswith(f"The data folder {folder} cannot be created")
    assert "Traceback" not in message
    assert wizard.currentPage() is wizard.manager_page and wizard.session is None
    assert blocker.read_text() == "not a folder"


def test_cancelling_before_creation_leaves_nothing_on_disk(
    qtbot, wizard: SetupWizard, data_dir: Path
) -> None:
    to_manager_page(qtbot, wizard)
    fill_manager(qtbot, wizard)
    click(qtbot, wizard, "Cancel")
    assert wizard.result() == QDialog.DialogCode.Rejected
    assert wizard.session is None
    assert not data_dir.exists()
