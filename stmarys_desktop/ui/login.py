"""The sign-in form, which is also the lock screen: it shows nothing of the centre's data.

The password is checked on a worker thread: its key stretching takes about
half a second, and the window keeps painting meanwhile. After too many failed
sign-ins the service asks for a wait; the Sign in button is disabled and
counts down while the rest of the window stays usable.
A centre that cannot be opened shows the service's message, which says how to
restore, and a button that does it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.errors import (
    CentreNotFound,
    DatabaseDamaged,
    KeystoreDamaged,
    KeystoreMissing,
    SignInDelayed,
)
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.widgets import (
    MessageLabel,
    add_row,
    button,
    heading,
    line_edit,
    paragraph,
)
from stmarys_desktop.ui.worker import WorkThread

APP_TITLE = "St Mary's Contact Centre"
# Failures after which the way out is a backup, not another password.
NEEDS_RESTORE = (DatabaseDamaged, KeystoreMissing, KeystoreDamaged, CentreNotFound)


class LoginPage(QWidget):
    signed_in = Signal(object)  # Session
    checked = Signal()  # a password check has finished, either way
    restore_requested = Signal()
    recover_requested = Signal()

    def __init__(
        self, data_dir: Path, *, monotonic: Callable[[], float] = time.time, tick_ms: int = 1000
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self._monotonic = monotonic
        self._remaining = 0
        self._checking: WorkThread | None = None
        self._countdown = QTimer(self)
        self._countdown.setInterval(tick_ms)
        self._countdown.timeout.connect(self._tick)

        self.title = heading(APP_TITLE, 1.8)
        self.subtitle = heading("Sign in", 1.3)
        self.explanation = paragraph("", "Explanation")
        self.user_name = line_edit("User name")
        self.password = line_edit("Password", password=True)
        self.sign_in_button = button("&Sign in")
        self.sign_in_button.setDefault(True)
        self.message = MessageLabel("Sign-in message")
        self.restore_button = button(
            "&Restore from backup…",
            "Restore from backup",
            "Replace the centre's database with a checked backup",
        )
        self.restore_button.hide()
        self.recover_button = button(
            "&Forgotten password? Use the recovery key…", "Use the recovery key"
        )
        self.recover_button.setFlat(True)

        form = QFormLayout()
        add_row(form, "&User name:", self.user_name)
        add_row(form, "&Password:", self.password)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)

        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card_layout = QVBoxLayout(card)
        # Breathing room measured in lines of text, so it grows with the scaling.
        line = self.fontMetrics().height()
        card_layout.setContentsMargins(line * 2, line * 3 // 2, line * 2, line * 3 // 2)
        card_layout.setSpacing(line // 2)
        card_layout.addWidget(self.title)
        card_layout.addWidget(self.subtitle)
        card_layout.addWidget(self.explanation)
        card_layout.addLayout(form)
        card_layout.addLayout(buttons)
        card_layout.addWidget(self.message)
        card_layout.addWidget(self.restore_button)
        # On the left at its own width: a stretch beside it, not Qt.AlignmentFlag, whose
        # namespace PySide6 would build before the window shows (plain_label, D370).
        recover_row = QHBoxLayout()
        recover_row.addWidget(self.recover_button)
        recover_row.addStretch(1)
        card_layout.addLayout(recover_row)

        # The card sits in the middle at any window size and any scaling.
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card, 3)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)

        self.sign_in_button.clicked.connect(self.try_sign_in)
        self.password.returnPressed.connect(self.try_sign_in)
        self.user_name.returnPressed.connect(self.password.setFocus)
        self.restore_button.clicked.connect(self.restore_requested)
        self.recover_button.clicked.connect(self.recover_requested)
        self.show_sign_in()

    # -- what the page says ------------------------------------------------------------

    def show_sign_in(self, note: str = "", user_name: str = "") -> None:
        self._reset(
            "Sign in", "Type your own user name and password. Never share an account.", user_name
        )
        if note:
            self.message.show_note(note)

    def show_locked(self, why: str, user_name: str = "") -> None:
        self._reset(
            "Locked",
            f"{why} Sign in again to carry on; anyone with an account may sign in instead.",
            user_name,
        )

    def show_error(self, text: str, *, offer_restore: bool = False) -> None:
        self.message.show_error(text)
        self.restore_button.setVisible(offer_restore)

    def _reset(self, subtitle: str, explanation: str, user_name: str) -> None:
        self.subtitle.setText(subtitle)
        self.subtitle.setAccessibleName(subtitle)
        self.explanation.setText(explanation)
        self.explanation.setAccessibleDescription(explanation)
        self.password.clear()
        if user_name:
            self.user_name.setText(user_name)
        self.message.clear_message()
        self.restore_button.hide()
        self.focus_first_empty()

    def focus_first_empty(self) -> None:
        (self.password if self.user_name.text() else self.user_name).setFocus()

    # -- signing in --------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Whether a password is being checked."""
        return self._checking is not None

    def try_sign_in(self) -> None:
        if self.busy or not self.sign_in_button.isEnabled():
            return
        self.restore_button.hide()
        self.message.show_note("Checking the password…")
        user_name, password = self.user_name.text(), self.password.text()
        data_dir, monotonic = self.data_dir, self._monotonic

        def check(_progress) -> object:
            from stmarys_desktop.services.auth import sign_in

            return sign_in(data_dir, user_name, password, monotonic=monotonic)

        self._set_checking(True)
        self._checking = WorkThread(check, self)
        self._checking.succeeded.connect(self._signed_in)
        self._checking.failed.connect(self._refused)
        self._checking.start()

    def _set_checking(self, checking: bool) -> None:
        for widget in (self.user_name, self.password, self.sign_in_button, self.recover_button):
            widget.setEnabled(not checking)
        if checking:
            from PySide6.QtCore import Qt

            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QGuiApplication.restoreOverrideCursor()

    def _finish_checking(self) -> None:
        assert self._checking is not None
        self._checking.wait()
        self._checking.deleteLater()
        self._checking = None
        self._set_checking(False)

    def _signed_in(self, session: object) -> None:
        if self._checking is None:  # abandoned; its session was closed there
            return
        self._finish_checking()
        self.message.clear_message()
        self.password.clear()
        self.signed_in.emit(session)
        self.checked.emit()

    def _refused(self, exc: Exception) -> None:
        if self._checking is None:  # abandoned as the window closed
            return
        self._finish_checking()
        if isinstance(exc, SignInDelayed):
            # Nothing was checked, so what was typed stays for the next try.
            self._start_countdown(exc.seconds)
        elif isinstance(exc, NEEDS_RESTORE):
            self.show_error(exc.message, offer_restore=True)
        else:
            self.password.clear()
            self.show_error(plain_text(exc))
            self.focus_first_empty()
        self.checked.emit()

    def abandon_sign_in(self) -> None:
        """The window is closing: wait for a check under way, and close the session it
        may have opened rather than hand it to a window that is going."""
        if self._checking is None:
            return
        thread = self._checking
        self._finish_checking()  # its answer, if still to arrive, finds nothing checking
        session = thread.result
        if session is not None:
            session.close()

    def _start_countdown(self, seconds: float) -> None:
        self._remaining = max(1, math.ceil(seconds))
        self.sign_in_button.setEnabled(False)
        self._show_countdown()
        self._countdown.start()

    def _show_countdown(self) -> None:
        plural = "s" if self._remaining != 1 else ""
        self.message.show_error(
            f"Too many failed sign-ins in a row. Wait {self._remaining} second{plural}, "
            "then try again."
        )

    def _tick(self) -> None:
        self._remaining -= 1
        if self._remaining > 0:
            self._show_countdown()
            return
        self._countdown.stop()
        self.sign_in_button.setEnabled(True)
        self.message.show_note("You can try again now.")
        self.focus_first_empty()

    @property
    def waiting_seconds(self) -> int:
        return self._remaining if self._countdown.isActive() else 0
