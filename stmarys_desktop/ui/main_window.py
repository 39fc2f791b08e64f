"""The application window: the sign-in (and lock) page, or the signed-in workspace.

Locking (idle, Ctrl+L, F12) closes the session, which closes the database
connection and forgets the key; every screen is cleared and the workspace
thrown away; open dialogs are closed; what the application put on the
clipboard is cleared. The lock page shows nothing of the centre's data.
While long work runs (a backup, a disposal) the window hides everything at
once and the connection closes when the work ends (issue 16).
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget

from stmarys_desktop.policy.sign_in import DEFAULT_IDLE_MINUTES
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.clipboard import ClipboardGuard
from stmarys_desktop.ui.idle import IdleWatcher
from stmarys_desktop.ui.login import APP_TITLE, LoginPage
from stmarys_desktop.ui.settings_file import WindowSettings
from stmarys_desktop.ui.worker import Task, Work

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent  # QEvent's 180 types: 1.4 ms (D370)

    from stmarys_desktop.services import maintenance
    from stmarys_desktop.services.session import Session
    from stmarys_desktop.ui.copy_through import CopyThroughGuard
    from stmarys_desktop.ui.dialogs.restore import RestoreRequest
    from stmarys_desktop.ui.lock_keys import LockKeys
    from stmarys_desktop.ui.workspace import Workspace

# The sign-in page shows before the services, the store and every screen are imported
# (DESIGN.md section 8: start to the sign-in window); they load just after it is shown.
LOAD_AFTER_SHOWING = (
    "stmarys_desktop.services.auth",
    "stmarys_desktop.ui.workspace",
    "stmarys_desktop.services.maintenance",
    "stmarys_desktop.ui.dialogs.policy_viewer",
)


def load_the_rest() -> None:
    for name in LOAD_AFTER_SHOWING:
        importlib.import_module(name)


LOCKED_IDLE = "The window was locked after {minutes} without use."
LOCKED_BY_HAND = "The window was locked."
BLANKED = "The screen was blanked."


def _minutes(count: int) -> str:
    return f"{count} minute{'s' if count != 1 else ''}"


class AppWindow(QMainWindow):
    def __init__(
        self,
        data_dir: Path,
        *,
        session: Session | None = None,
        idle_ms: int | None = None,
        monotonic: Callable[[], float] = time.time,
        tick_ms: int = 1000,
        settings: WindowSettings | None = None,
        clipboard_ms: int | None = None,
    ) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self._session: Session | None = None
        self._idle_ms_override = idle_ms
        self._idle_minutes = DEFAULT_IDLE_MINUTES
        self._busy = 0
        self._pending_lock: str | None = None
        self._hidden = False  # locked to the eye while long work still holds the session
        self.settings = settings or WindowSettings.load()
        self.workspace: Workspace | None = None
        self._clipboard = ClipboardGuard(QGuiApplication.clipboard(), parent=self)
        self._clipboard_ms_override = clipboard_ms
        if clipboard_ms is not None:
            self._clipboard.set_clear_after(clipboard_ms)
        # Application-wide event filters, made once the window has shown.
        self._copy_filter: CopyThroughGuard | None = None
        self._lock_keys: LockKeys | None = None
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._clipboard.clear_ours)

        self.setWindowTitle(APP_TITLE)
        self.setAccessibleName(APP_TITLE)
        from stmarys_desktop.ui.icon import app_icon

        self.setWindowIcon(app_icon())  # the window and the task bar (issue 18)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.login = LoginPage(self.data_dir, monotonic=monotonic, tick_ms=tick_ms)
        self.login.signed_in.connect(self.on_signed_in)
        self.login.restore_requested.connect(self.restore_from_backup)
        self.login.recover_requested.connect(self.recover_account)
        self.stack.addWidget(self.login)

        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self._idle_lock)

        self._build_menus()
        # 50 ms into the event loop, which the program enters as the window shows. Not
        # from showEvent: a Python showEvent makes PySide6 set up QEvent's 180 types for
        # Python before the first paint (D370).
        QTimer.singleShot(50, self, self._after_showing)
        self._restore_geometry()
        self.login.show_sign_in(user_name=self.settings.last_user_name)
        if session is not None:
            self.on_signed_in(session)
        else:
            self._set_signed_in_actions(False)

    # -- menus and shortcuts -----------------------------------------------------------

    def _action(
        self, text: str, shortcut: str | QKeySequence.StandardKey | None, slot: Callable[[], object]
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            # Through the property: setShortcut's overloads make PySide6 build the `Qt`
            # namespace's 146 enums before the sign-in window shows (D370).
            action.setProperty("shortcut", QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        return action

    def _build_menus(self) -> None:
        self.lock_action = self._action("&Lock", "Ctrl+L", self.lock_by_hand)
        self.blank_action = self._action("&Blank screen", "F12", self.blank_screen)
        self.sign_out_action = self._action("Sign &out", None, self.sign_out)
        self.quit_action = self._action("&Quit", "Ctrl+Q", self.close)
        centre = self.menuBar().addMenu("&Centre")
        for action in (self.lock_action, self.blank_action, self.sign_out_action):
            centre.addAction(action)
        centre.addSeparator()
        centre.addAction(self.quit_action)
        self.go_menu = self.menuBar().addMenu("&Go")
        self._go_actions: list[QAction] = []
        # Issue 18: F1 is the guide to the screen one is on, the policy beside it.
        help_menu = self.menuBar().addMenu("&Help")
        self.help_action = self._action("&Help for this screen", "F1", self.open_help)
        help_menu.addAction(self.help_action)
        # Clause ix: the policy from every screen, for anyone signed in (Shift+F1).
        self.policy_action = self._action(
            "&Confidentiality Policy", "Shift+F1", self._open_policy_viewer
        )
        help_menu.addAction(self.policy_action)
        self.shortcuts_action = self._action("&Keyboard shortcuts", None, self.show_shortcuts)
        help_menu.addAction(self.shortcuts_action)
        self.policy_action.setEnabled(False)
        self.stack.currentChanged.connect(
            lambda _index: self.policy_action.setEnabled(
                self.stack.currentWidget() is not self.login
            )
        )

    def _rebuild_go_menu(self) -> None:
        for action in self._go_actions:
            self.removeAction(action)
        self._go_actions = []
        self.go_menu.clear()
        if self.workspace is None:
            return
        workspace = self.workspace
        for number, title in enumerate(workspace.titles, start=1):
            action = self.go_menu.addAction(f"&{number} {title}")
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, t=title: workspace.go_to(t))
            self.addAction(action)  # so the shortcut works wherever the focus is
            self._go_actions.append(action)

    def _set_signed_in_actions(self, signed_in: bool) -> None:
        for action in (self.lock_action, self.blank_action, self.sign_out_action):
            action.setEnabled(signed_in)
        self.go_menu.setEnabled(signed_in)

    # -- Host: what the screens may ask ------------------------------------------------

    @property
    def session(self) -> Session | None:
        return self._session

    @property
    def clipboard(self) -> ClipboardGuard:
        return self._clipboard

    @property
    def locked(self) -> bool:
        return self._session is None or self._hidden

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def open_place(self, place: str, subject_id: int | None = None) -> None:
        if self.workspace is not None:
            self.workspace.open_place(place, subject_id)

    def run_task(
        self,
        title: str,
        text: str,
        work: Work,
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> None:
        def failed(exc: Exception) -> None:
            if on_failed is not None:
                on_failed(exc)
            else:
                messages.show_error(self, title, exc)

        started_by = self._session

        def done(result: Any) -> None:
            # Locked while the work ran: the person has gone and the screens with them.
            if started_by is not None and (self._session is not started_by or self._hidden):
                return
            on_done(result)

        self._busy += 1
        task = Task(self, title, text, work, done, failed, on_cancel)
        task.finished.connect(self._task_finished)
        task.start()

    def _task_finished(self) -> None:
        self._busy -= 1
        if self._busy == 0 and self._pending_lock is not None:
            why, self._pending_lock = self._pending_lock, None
            self.lock(why)

    def apply_idle_minutes(self, minutes: int) -> None:
        self._idle_minutes = minutes
        if self._session is not None:
            self.idle.start(self._idle_interval_ms())

    def apply_clipboard_seconds(self, seconds: int | None) -> None:
        """How long copied text stays: the setting (read when None), unless overridden."""
        if self._clipboard_ms_override is not None or self._session is None:
            return
        if seconds is None:
            from stmarys_desktop.services.settings import (
                DEFAULT_CLIPBOARD_SECONDS,
                clipboard_seconds,
            )

            try:
                seconds = clipboard_seconds(self._session)
            except Exception:
                seconds = DEFAULT_CLIPBOARD_SECONDS  # never "keep for ever"
        self._clipboard.set_clear_after(seconds * 1000)

    def own_account_changed(self) -> None:
        """The person's own roles changed: rebuild what they are offered."""
        if self._session is not None:
            self._session.refresh_account()
            self._show_workspace(self._session, "Admin")

    # -- signing in and out ------------------------------------------------------------

    def _idle_interval_ms(self) -> int:
        if self._idle_ms_override is not None:
            return self._idle_ms_override
        return self._idle_minutes * 60_000

    def _open_policy_viewer(self) -> None:
        from stmarys_desktop.ui.dialogs.policy_viewer import open_policy_viewer

        open_policy_viewer(self)

    def open_help(self) -> None:
        """The guide to the screen one is on (the sign-in page's before signing in)."""
        from stmarys_desktop.ui.dialogs.help import HelpDialog, topic_for

        current = (
            self.workspace.current
            if self.workspace is not None and self.stack.currentWidget() is self.workspace
            else None
        )
        topic = topic_for(current.title if current is not None else None)
        for existing in self.findChildren(HelpDialog):
            if existing.isVisible():
                existing.show_topic(topic)
                existing.raise_()
                existing.activateWindow()
                return
        dialog = HelpDialog(
            self, topic, self._open_policy_viewer if self._session is not None else None
        )
        dialog.show()
        dialog.search.setFocus()

    def shortcuts(self) -> list[tuple[str, str]]:
        """Every shortcut of the window's actions, as the keyboard shortcuts list shows it."""
        found = []
        for action in self.actions():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if not keys:
                continue
            text = action.text().replace("&", "")
            if action in self._go_actions:
                text = "Go to " + text.split(" ", 1)[1]
            found.append((keys, text))
        return found

    def show_shortcuts(self) -> None:
        from stmarys_desktop.ui.dialogs.help import ShortcutsDialog

        ShortcutsDialog(self, self.shortcuts()).show()

    def _after_showing(self) -> None:
        self.filter_every_window()
        load_the_rest()

    def filter_every_window(self) -> None:
        """The application-wide filters: every copy out of any window through the guard,
        and Ctrl+L and F12 also from a dialog in front (its own window). Installed once the
        window has shown, or at a sign-in if that comes first: every event that passes a
        Python filter is wrapped for Python, and the first wrappings of Qt's own objects
        made PySide set up the rest of its QtWidgets module, a third of the time the
        sign-in page took to appear (D330)."""
        app = QApplication.instance()
        if self._copy_filter is not None or app is None:
            return
        from stmarys_desktop.ui.copy_through import CopyThroughGuard
        from stmarys_desktop.ui.lock_keys import LockKeys

        self._copy_filter = CopyThroughGuard(self._clipboard, self)
        self._lock_keys = LockKeys(
            {"Ctrl+L": self.lock_by_hand, "F12": self.blank_screen},
            lambda: self._session is not None,
            self,
        )
        app.installEventFilter(self._copy_filter)
        app.installEventFilter(self._lock_keys)

    def on_signed_in(self, session: Session) -> None:
        self.filter_every_window()
        self._session = session
        self.settings = self.settings._replace(last_user_name=session.user_name)
        from stmarys_desktop.services.settings import idle_minutes

        try:
            self._idle_minutes = idle_minutes(session)
        except Exception:
            self._idle_minutes = DEFAULT_IDLE_MINUTES  # never leave the window unlocked
        self.apply_clipboard_seconds(None)
        self._show_workspace(session)
        self.idle.start(self._idle_interval_ms())

    def _show_workspace(self, session: Session, screen: str | None = None) -> None:
        from stmarys_desktop.ui.workspace import Workspace

        self._drop_workspace()
        self.workspace = Workspace(self, session)
        self.workspace.lock_button.clicked.connect(self.lock_by_hand)
        self.workspace.blank_button.clicked.connect(self.blank_screen)
        self.workspace.sign_out_button.clicked.connect(self.sign_out)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        if screen:
            self.workspace.go_to(screen)
        self._rebuild_go_menu()
        self._set_signed_in_actions(True)
        self.setWindowTitle(f"{APP_TITLE} - {session.centre_name}")
        self.workspace.nav.setFocus()

    def _drop_workspace(self) -> None:
        if self.workspace is None:
            return
        self.workspace.clear()
        self.stack.removeWidget(self.workspace)
        # PySide's removeWidget gives the workspace back to Python while Qt still has
        # the stack as its parent; unparented, it is deleted once, not twice (a crash
        # when the window goes).
        self.workspace.setParent(None)
        self.workspace.deleteLater()
        self.workspace = None
        self._rebuild_go_menu()

    def _close_session(self) -> None:
        """Forget everything of the signed-in person."""
        if self._session is None:
            return
        self.idle.stop()
        self._close_dialogs()
        self._drop_workspace()
        self._session.close()
        self._session = None
        self._hidden = False
        self._clipboard.clear_ours()
        self.statusBar().clearMessage()
        self._set_signed_in_actions(False)
        self.setWindowTitle(APP_TITLE)
        self.stack.setCurrentWidget(self.login)

    def _close_dialogs(self, keep_progress: bool = False) -> None:
        from PySide6.QtWidgets import QDialog, QProgressDialog  # not before the sign-in (D370)

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                if keep_progress and isinstance(widget, QProgressDialog):
                    continue  # "Writing the backup…": it shows no one's data
                widget.reject()

    def _hide_now(self, why: str, user_name: str) -> None:
        """Everything out of sight at once; the session stays open under the work."""
        if self._hidden:
            return
        self._hidden = True
        self.idle.stop()
        self._close_dialogs(keep_progress=True)
        if self.workspace is not None:
            self.workspace.clear()
            self.workspace.hide()
        self._clipboard.clear_ours()
        self.statusBar().clearMessage()
        self._set_signed_in_actions(False)
        self.setWindowTitle(APP_TITLE)
        self.stack.setCurrentWidget(self.login)
        self.login.show_locked(why, user_name)

    def lock(self, why: str) -> None:
        if self._session is None:
            return
        if self._busy:
            # Work such as a backup uses the connection: hide now, close when it ends.
            self._hide_now(why, self._session.user_name)
            self._pending_lock = why
            return
        user_name = self._session.user_name
        self._close_session()
        self.login.show_locked(why, user_name)

    def _idle_lock(self) -> None:
        self.lock(
            LOCKED_IDLE.format(minutes=_minutes(self._idle_minutes))
            if self._idle_ms_override is None
            else LOCKED_BY_HAND
        )

    def lock_by_hand(self) -> None:
        self.lock(LOCKED_BY_HAND)

    def blank_screen(self) -> None:
        self.lock(BLANKED)

    def sign_out(self) -> None:
        if self._session is None or self._busy:
            return
        user_name = self._session.user_name
        self._close_session()
        self.login.show_sign_in(user_name=user_name)

    # -- restore and recovery ----------------------------------------------------------

    def restore_from_backup(self) -> None:
        user_name = self._session.user_name if self._session else self.login.user_name.text()
        from PySide6.QtWidgets import QDialog

        from stmarys_desktop.ui.dialogs.restore import RestoreDialog

        dialog = RestoreDialog(self, user_name)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.request is None:
            return
        request = dialog.request
        if self._session is not None:
            # The database is replaced underneath, so nobody may stay signed in.
            self.sign_out()
            if self._session is not None:
                return
        self.run_task(
            "Restoring",
            "Checking the backup in full, then restoring it…",
            lambda _progress: self._restore(request),
            self._restored,
            self._restore_failed,
        )

    def _restore(self, request: RestoreRequest) -> maintenance.RestoreResult:
        from stmarys_desktop.services import maintenance

        return maintenance.restore(
            self.data_dir, request.backup_file, request.user_name, request.password
        )

    def _restored(self, result: maintenance.RestoreResult) -> None:
        from stmarys_desktop.domain import dates

        self.login.show_sign_in(
            f"The backup made {dates.long_stamp(result.backup_created_at)} was checked in "
            "full and restored. " + result.kept_sentence() + " Sign in to carry on."
        )

    def _restore_failed(self, exc: Exception) -> None:
        self.login.show_error(messages.plain_text(exc), offer_restore=True)

    def recover_account(self) -> None:
        from PySide6.QtWidgets import QDialog

        from stmarys_desktop.ui.dialogs.recover import RecoverDialog

        dialog = RecoverDialog(self, self.data_dir, self.login.user_name.text())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.session is not None:
            self.on_signed_in(dialog.session)
            messages.inform(
                self,
                "Password set",
                "The new password is set and you are signed in. Make a new backup soon.",
            )

    # -- window state ------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        if self.settings.geometry and self.restoreGeometry(self.settings.geometry):
            return
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            # Most of the screen (all of a small one), never more than it has room for.
            from stmarys_desktop.ui.sizing import fit_window

            available = screen.availableGeometry()
            fit_window(
                self,
                QSize(max(available.width() * 4 // 5, 1200), max(available.height() * 4 // 5, 760)),
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            messages.inform(self, APP_TITLE, "Wait until the work in progress has finished.")
            event.ignore()
            return
        self.login.abandon_sign_in()
        self.settings = self.settings._replace(geometry=bytes(self.saveGeometry().data()))
        self.settings.save()
        self._close_session()  # which stops the idle watcher and its event filter
        self._clipboard.clear_ours()
        app = QApplication.instance()
        if app is not None and self._copy_filter is not None:
            app.removeEventFilter(self._copy_filter)
            app.removeEventFilter(self._lock_keys)
        self._copy_filter = self._lock_keys = None
        event.accept()

    def screen_titles(self) -> list[str]:
        return self.workspace.titles if self.workspace else []
