"""The clipboard, as far as this application is concerned: one guard for every copy.

What the application itself copies is remembered, so a lock can clear it
without touching anything the person copied from another program. Every way a
person copies text out of a window goes through the guard (issue 16, D129):
Ctrl+C (and Ctrl+X) in a table, a selectable label, a text field or box, and the
Copy and Cut of their context menus. The guard empties the clipboard on lock,
blank screen, sign-out and quit, and on its own after a set time (30 seconds
unless the centre's setting says otherwise). The filter that sends every copy here is
in ui/copy_through.py.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QClipboard

DEFAULT_CLEAR_SECONDS = 30


class ClipboardGuard(QObject):
    def __init__(
        self,
        clipboard: QClipboard,
        clear_after_ms: int = DEFAULT_CLEAR_SECONDS * 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        self._ours: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear_ours)

    @property
    def clear_after_ms(self) -> int:
        return self._timer.interval()

    def set_clear_after(self, milliseconds: int) -> None:
        self._timer.setInterval(milliseconds)

    def copy(self, text: str) -> None:
        if not text:
            return
        self._clipboard.setText(text)
        self._ours = text
        self._timer.start()

    def holds_ours(self) -> bool:
        return self._ours is not None and self._clipboard.text() == self._ours

    def clear_ours(self) -> bool:
        """Empty the clipboard if it still holds what we put there; say whether it did."""
        self._timer.stop()
        # Text selected in our windows (X11's middle-click selection) goes too.
        if self._clipboard.supportsSelection() and self._clipboard.ownsSelection():
            self._clipboard.clear(QClipboard.Mode.Selection)
        ours, self._ours = self._ours, None
        if ours is not None and self._clipboard.text() == ours:
            self._clipboard.clear()
            return True
        return False
