"""The first-run wizard: the centre's name, its first manager, and the recovery key.

Nothing is written to disk until the person presses "Create the centre" on
the second page, so cancelling before that leaves the data folder as it
was. The recovery key is shown once, on the last page, with the way to
print it; the wizard cannot be closed there until the person confirms the
key is safe.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from stmarys_desktop.domain.dates import long_date
from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.printing.recovery_sheet import (
    recovery_sheet_paper,
    write_recovery_sheet_pdf,
)
from stmarys_desktop.services.auth import (
    NewCentre,
    check_centre_name,
    check_display_name,
    check_new_password,
    check_user_name,
    create_centre,
)
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import printouts
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.sizing import FitOnFirstShow
from stmarys_desktop.ui.widgets import (
    MessageLabel,
    PasswordStrength,
    add_row,
    button,
    line_edit,
    named,
    paragraph,
)

LOSS_WARNING = (
    "Keep this key in the centre's safe. If every password and this recovery key are "
    "lost, the centre's data is lost for good: nobody, not even the suppliers of this "
    "application, can open it."
)


class CentrePage(QWizardPage):
    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.setTitle("Welcome")
        self.setSubTitle("This sets up the centre's encrypted records on this computer.")
        self.centre_name = line_edit("Centre name", placeholder="St Mary's Contact Centre")
        self.message = MessageLabel("Centre page message")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        add_row(form, "&Centre name:", self.centre_name)
        layout = QVBoxLayout(self)
        layout.addWidget(
            paragraph(
                "Three steps: the centre's name, the first manager's account, then the recovery "
                "key, which you print for the centre's safe. Nothing is saved until the second "
                "step is done."
            )
        )
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(
            paragraph(
                "Everything the centre records is kept in one encrypted database in this folder:"
            )
        )
        folder = paragraph(str(data_dir), "Data folder")
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(folder)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def validatePage(self) -> bool:
        try:
            check_centre_name(self.centre_name.text())
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            self.centre_name.setFocus()
            return False
        self.message.clear_message()
        return True


def _setup(page: QWizardPage) -> SetupWizard:
    # Asked of Qt rather than kept, so pages and wizard hold no reference cycle.
    wizard = page.wizard()
    assert isinstance(wizard, SetupWizard)
    return wizard


class ManagerPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("The first manager")
        self.setSubTitle("The manager adds everyone else's accounts later, from Admin.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "C&reate the centre")
        self.user_name = line_edit("User name", placeholder="for example: mtestwick")
        self.full_name = line_edit("Full name")
        self.password = line_edit("Password", password=True)
        self.repeat = line_edit("Repeat the password", password=True)
        self.strength = PasswordStrength()
        self.message = MessageLabel("Manager page message")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        add_row(form, "&User name:", self.user_name)
        add_row(form, "Full &name:", self.full_name)
        add_row(form, "&Password:", self.password)
        add_row(form, "Repeat the pass&word:", self.repeat)
        form.addRow("Strength:", self.strength)
        self.password.textChanged.connect(self.strength.update_for)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def validatePage(self) -> bool:
        self.message.clear_message()
        try:
            check_user_name(self.user_name.text())
            check_display_name(self.full_name.text())
            check_new_password(self.password.text(), self.repeat.text())
            _setup(self).create(self.user_name.text(), self.full_name.text(), self.password.text())
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            return False
        self.password.clear()
        self.repeat.clear()
        return True


class RecoveryPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("The recovery key")
        self.setSubTitle("Shown only this once. Print it or write it down now.")
        self.key = QLabel()
        self.key.setAccessibleName("Recovery key")
        self.key.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(QFont().pointSizeF() * 1.4)
        font.setBold(True)
        self.key.setFont(font)
        self.key.setWordWrap(True)
        self.key.setFrameShape(QFrame.Shape.Box)
        self.key.setMargin(self.fontMetrics().height() // 2)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_note = paragraph(
            "The key uses only the letters A to Z and the digits 2 to 7, so an O is always "
            "the letter O and an I the letter I.",
            "About the key",
        )
        self.warning = paragraph(LOSS_WARNING, "Warning")
        self.warning.setStyleSheet("font-weight: bold;")
        self.print_button = button("&Print recovery sheet…", "Print recovery sheet")
        self.pdf_button = button(
            "&Save recovery sheet as PDF…",
            "Save recovery sheet as PDF",
            "Only save it where it will be kept safe, such as a USB stick for the safe",
        )
        self.print_button.clicked.connect(self.print_sheet)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.kept = named(
            QCheckBox(
                "I have printed or written down the recovery &key and it "
                "will be kept in the centre's safe"
            ),
            "Recovery key kept safe",
        )
        self.kept.toggled.connect(self.completeChanged)
        self.message = MessageLabel("Recovery page message")
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.key)
        layout.addWidget(self.key_note)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.warning)
        layout.addLayout(buttons)
        layout.addWidget(self.kept)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.key.setText(_setup(self).recovery_key)

    def isComplete(self) -> bool:
        return self.kept.isChecked()

    def _sheet(self) -> tuple[str, str, str]:
        today = date.today()
        wizard = _setup(self)
        return wizard.centre_name, wizard.recovery_key, long_date(today)

    def print_sheet(self) -> None:
        printer = printouts.printer_for(recovery_sheet_paper(*self._sheet()))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the recovery sheet")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            printouts.print_paper(printer, recovery_sheet_paper(*self._sheet()))
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            return
        self.message.show_note("The recovery sheet was sent to the printer.")

    def save_pdf(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "Save the recovery sheet",
            str(Path.home() / "recovery-sheet.pdf"),
            "PDF files (*.pdf)",
        )
        if not chosen:
            return
        try:
            path = write_recovery_sheet_pdf(chosen, *self._sheet())
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            return
        self.message.show_note(
            f"The recovery sheet was saved as {path}. Print it, put it in "
            "the safe, and do not keep the file on this computer."
        )


class SetupWizard(FitOnFirstShow, QWizard):
    """Creates the centre; `session` is the first manager, signed in, once it is done."""

    def __init__(self, data_dir: Path, *, kdf: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        # Tests pass cheap key-stretching parameters; None means the shipped default.
        self._kdf = kdf
        self.made: NewCentre | None = None
        self.setWindowTitle("Set up St Mary's Contact Centre")
        self.setAccessibleName("Set-up wizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.centre_page = CentrePage(data_dir)
        self.manager_page = ManagerPage()
        self.recovery_page = RecoveryPage()
        for page in (self.centre_page, self.manager_page, self.recovery_page):
            self.addPage(page)
        for which, name in (
            (QWizard.WizardButton.BackButton, "Back"),
            (QWizard.WizardButton.NextButton, "Next"),
            (QWizard.WizardButton.CommitButton, "Create the centre"),
            (QWizard.WizardButton.FinishButton, "Finish"),
            (QWizard.WizardButton.CancelButton, "Cancel"),
        ):
            self.button(which).setAccessibleName(name)

    @property
    def centre_name(self) -> str:
        """As typed until the centre exists, then as the service stored it."""
        if self.made is not None:
            return self.made.session.centre_name
        return self.centre_page.centre_name.text().strip()

    @property
    def recovery_key(self) -> str:
        return self.made.recovery_key if self.made else ""

    @property
    def session(self) -> Session | None:
        return self.made.session if self.made else None

    def create(self, user_name: str, full_name: str, password: str) -> None:
        if self.made is not None:
            return
        options = {"kdf": self._kdf} if self._kdf is not None else {}
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.made = create_centre(
                self.data_dir,
                centre_name=self.centre_name,
                admin_user_name=user_name,
                admin_display_name=full_name,
                password=password,
                **options,
            )
        finally:
            QGuiApplication.restoreOverrideCursor()

    def reject(self) -> None:
        # Once the centre exists, closing must not lose the only sight of the recovery key.
        if self.made is not None and not self.recovery_page.kept.isChecked():
            self.recovery_page.message.show_error(
                "The centre has been created. Print or write down the recovery key, tick "
                "the box, then choose Finish."
            )
            return
        if self.made is not None:
            self.accept()
            return
        super().reject()
