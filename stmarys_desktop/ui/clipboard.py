"""The clipboard, as far as this application is concerned.

What the application itself copies is remembered, so a lock can clear it
without touching anything the person copied from another program.
"""

from __future__ import annotations

from PySide6.QtGui import QClipboard


class ClipboardGuard:
    def __init__(self, clipboard: QClipboard) -> None:
        self._clipboard = clipboard
        self._ours: str | None = None

    def copy(self, text: str) -> None:
        self._clipboard.setText(text)
        self._ours = text

    def clear_ours(self) -> bool:
        """Empty the clipboard if it still holds what we put there; say whether it did."""
        ours, self._ours = self._ours, None
        if ours is not None and self._clipboard.text() == ours:
            self._clipboard.clear()
            return True
        return False
