"""Form helpers every screen shares: a form whose OK runs one function, and asking where
to save a PDF (and saving it there, or saying plainly why not)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFileDialog, QWidget

from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.printing.document import Paper, write_pdf
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.dialogs.form import FormDialog

# (parent, title, suggested file name) -> the chosen path, or "" when cancelled. Tests
# pass their own, so that no file dialog opens.
SavePath = Callable[[QWidget, str, str], str]


def ask_save_path(parent: QWidget, title: str, suggested: str) -> str:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, suggested, "PDF files (*.pdf)")
    return chosen


def save_pdf(
    parent: QWidget, save_path: SavePath, title: str, suggested: str, paper: Paper
) -> bool:
    """Saved where the person chose: True. Cancelled or failed: False, said in plain words,
    so that a service logs nothing as sent (D103)."""
    path = save_path(parent, title, suggested)
    if not path:
        return False
    try:
        written = write_pdf(path, paper)
    except (StMarysError, OSError) as exc:
        messages.show_error(parent, title, exc)
        return False
    if not written.is_file() or written.stat().st_size == 0:
        messages.warn(
            parent,
            title,
            f"{path} could not be written (check the folder and the disk). Nothing was sent.",
        )
        return False
    messages.inform(parent, title, f"Saved as {path}.")
    return True


class CallbackForm(FormDialog):
    """A form whose OK runs one function; a refusal stays in the dialog."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        ok_text: str,
        intro: str = "",
        run: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent, title, ok_text, intro)
        self.run = run

    def submit(self) -> None:
        assert self.run is not None
        self.run()
