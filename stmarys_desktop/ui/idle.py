"""Noticing that nobody is using the window, so it can lock (DESIGN.md section 4)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent


@cache
def activity() -> frozenset[QEvent.Type]:
    """Input that proves someone is at the keyboard; paint and timer events do not. (Made
    at the first sign-in: setting up QEvent's types for Python costs the sign-in page.)"""
    from PySide6.QtCore import QEvent

    return frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
            QEvent.Type.TabletPress,
        }
    )


class IdleWatcher(QObject):
    """An application-wide event filter restarting a single-shot timer on input.

    It filters only while its timer runs (someone is signed in): every event that
    passes through a Python filter is wrapped for Python, and at start-up that
    wrapping alone doubled the time to show the sign-in form."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self, interval_ms: int) -> None:
        app = QCoreApplication.instance()
        if app is not None and not self._timer.isActive():
            app.installEventFilter(self)
        self._timer.start(max(1, interval_ms))

    def stop(self) -> None:
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in activity() and self._timer.isActive():
            self._timer.start()
        return False
