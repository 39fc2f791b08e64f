"""A dialog whose OK hands the fields to a service and stays open on a refusal.

Subclasses build their rows and implement `submit()`; whatever the service
refuses is shown inside the dialog, in its own words, and nothing closes.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.sizing import Dialog, want
from stmarys_desktop.ui.widgets import MessageLabel, named, paragraph

# A form opens at least this many average characters wide, so that a field holds a name,
# a file's path or a referee and the intro reads on few lines (D413); a form that needs
# more asks with `want` itself.
FORM_CHARS = 80


class FormDialog(Dialog):
    def __init__(self, parent: QWidget | None, title: str, ok_text: str, intro: str = "") -> None:
        super().__init__(parent)
        want(self, FORM_CHARS)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        layout = QVBoxLayout(self)
        if intro:
            layout.addWidget(paragraph(intro))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(self.form)
        self.message = MessageLabel()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = named(self.buttons.button(QDialogButtonBox.StandardButton.Ok), ok_text)
        self.ok_button.setText(ok_text)
        named(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        """Do the work; raise a StMarysError to refuse with a sentence."""
        raise NotImplementedError

    def accept(self) -> None:
        self.message.clear_message()
        try:
            self.submit()
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            return
        super().accept()
