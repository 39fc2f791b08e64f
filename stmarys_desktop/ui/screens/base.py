"""What every screen of the signed-in window has, and what it may ask of the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import QVBoxLayout, QWidget

from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.clipboard import ClipboardGuard
from stmarys_desktop.ui.widgets import heading
from stmarys_desktop.ui.worker import Work


class Host(Protocol):
    """The window the screens live in."""

    @property
    def session(self) -> Session | None: ...

    @property
    def clipboard(self) -> ClipboardGuard: ...

    def run_task(
        self,
        title: str,
        text: str,
        work: Work,
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> None: ...

    def restore_from_backup(self) -> None: ...

    def apply_idle_minutes(self, minutes: int) -> None: ...

    def apply_clipboard_seconds(self, seconds: int | None) -> None: ...

    def own_account_changed(self) -> None: ...

    def show_status(self, text: str) -> None: ...

    def open_place(self, place: str, subject_id: int | None = None) -> None: ...


class Screen(QWidget):
    """A page of the main window. `refresh` fills it from the services; `clear` forgets all."""

    title = ""
    permission = Permission.VIEW_TODAY

    def __init__(self, host: Host) -> None:
        super().__init__()
        self.host = host
        self.setAccessibleName(self.title)
        self.content = QVBoxLayout(self)
        self.content.addWidget(heading(self.title))

    @property
    def session(self) -> Session | None:
        return self.host.session

    def refresh(self) -> None:
        """Load what the screen shows; called when it is shown."""

    def clear(self) -> None:
        """Forget everything shown (the window is locking)."""
