"""Long work off the window's thread, with a progress dialog (DESIGN.md section 3).

Like Anki's operations: the work is a plain function, and the caller gives
what to do with the result and with a failure. While work runs the window
counts as busy, so an idle lock waits for it rather than closing the
database under it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QPushButton, QWidget

Progress = Callable[[int, int, str], None]
Work = Callable[[Progress], Any]


class WorkThread(QThread):
    """Runs `work` once; its result or failure is signalled to the window thread and
    also kept on the thread, for a caller that waits for it instead."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, parent: QObject | None) -> None:
        super().__init__(parent)
        self._work = work
        self.result: Any = None

    def run(self) -> None:
        try:
            self.result = self._work(self.progressed.emit)
        except Exception as exc:  # handed to the window thread, shown in plain words there
            self.failed.emit(exc)
        else:
            self.succeeded.emit(self.result)


class Task(QObject):
    """One piece of long work and its progress dialog."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        work: Work,
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None],
        on_cancel: Callable[[], None] | None = None,
    ) -> None:
        # Only long work needs these; the sign-in page's password check is a WorkThread,
        # and QProgressDialog is a QDialog, set up for Python only when first used (D370).
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        super().__init__(parent)
        self._text = text
        self._on_done = on_done
        self._on_failed = on_failed
        self.dialog = QProgressDialog(text, "", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setAccessibleName(title)
        # Work such as a backup cannot be stopped half way, so there is no Cancel; work
        # that can (a disposal) gives `on_cancel`, and the dialog stays up until the
        # work has stopped and reported, so nothing looks finished while it unwinds.
        self._on_cancel = on_cancel
        if on_cancel is None:
            self.dialog.setCancelButton(None)
        else:
            stop = QPushButton("&Stop")
            stop.setAccessibleName("Stop")
            self.dialog.setCancelButton(stop)
            self.dialog.canceled.disconnect(self.dialog.cancel)
            self.dialog.canceled.connect(self._cancel)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.thread = WorkThread(work, self)
        self.thread.progressed.connect(self._progress)
        self.thread.succeeded.connect(self._succeeded)
        self.thread.failed.connect(self._failed)

    def start(self) -> None:
        self.dialog.show()
        self.thread.start()

    def _progress(self, done: int, total: int, what: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total > 0 else 0)
        if what:
            self.dialog.setLabelText(f"{self._text}\n{what}")

    def _cancel(self) -> None:
        self.dialog.setLabelText(f"{self._text}\nStopping…")
        self.dialog.findChild(QPushButton).setEnabled(False)
        if self._on_cancel is not None:
            self._on_cancel()

    def _close(self) -> None:
        self.thread.wait()
        self.dialog.close()
        self.dialog.deleteLater()
        self.finished.emit()
        self.deleteLater()

    def _succeeded(self, result: object) -> None:
        self._close()
        self._on_done(result)

    def _failed(self, exc: Exception) -> None:
        self._close()
        self._on_failed(exc)
