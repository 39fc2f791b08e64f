"""Ctrl+L and F12 from every window of the application, a modal record or form included.

The window's own shortcuts reach only the main window while a modal dialog is open; an
application-wide event filter hears the key in whichever window has it (issue 16).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence


class LockKeys(QObject):
    def __init__(
        self,
        keys: dict[str, Callable[[], object]],
        active: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._keys = [(QKeySequence(text), run) for text, run in keys.items()]
        self._active = active

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() != QEvent.Type.KeyPress
            or not isinstance(event, QKeyEvent)
            or not self._active()
        ):
            return False
        pressed = QKeySequence(event.keyCombination())
        for sequence, run in self._keys:
            if pressed.matches(sequence) == QKeySequence.SequenceMatch.ExactMatch:
                run()
                return True
        return False
