"""The clipboard, as far as this application is concerned: one guard for every copy.

What the application itself copies is remembered, so a lock can clear it
without touching anything the person copied from another program. Every way a
person copies text out of a window goes through the guard (issue 16, D129):
Ctrl+C (and Ctrl+X) in a table, a selectable label, a text field or box, and the
Copy and Cut of their context menus. The guard empties the clipboard on lock,
blank screen, sign-out and quit, and on its own after a set time (30 seconds
unless the centre's setting says otherwise).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QClipboard, QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

DEFAULT_CLEAR_SECONDS = 30
PARAGRAPH_SEPARATOR = "\u2029"  # what Qt's text cursor gives for a line break


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


# -- every copy through the guard ----------------------------------------------------------


def selected_text(widget: QObject) -> str | None:
    """What Ctrl+C would copy from `widget`; None for a widget the guard leaves alone."""
    if isinstance(widget, QAbstractItemView):
        index = widget.currentIndex()
        value = index.data() if index.isValid() else None
        return "" if value is None else str(value)
    if isinstance(widget, QLabel):
        return widget.selectedText()
    if isinstance(widget, QLineEdit):
        # A password field copies nothing, as Qt's own field does.
        return widget.selectedText() if widget.echoMode() == QLineEdit.EchoMode.Normal else ""
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return widget.textCursor().selectedText().replace(PARAGRAPH_SEPARATOR, "\n")
    return None


def _remove_selection(widget: QWidget) -> None:
    if isinstance(widget, QLineEdit) and not widget.isReadOnly():
        widget.del_()
    elif isinstance(widget, QTextEdit | QPlainTextEdit) and not widget.isReadOnly():
        widget.textCursor().removeSelectedText()


class CopyThroughGuard(QObject):
    """An application-wide event filter: the widgets' own copying never runs."""

    def __init__(self, guard: ClipboardGuard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.guard = guard

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            cut = event.matches(QKeySequence.StandardKey.Cut)
            if cut or event.matches(QKeySequence.StandardKey.Copy):
                text = selected_text(watched)
                if text is None:
                    return False
                self.copy(watched, text, cut=cut)
                return True
        elif kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            menu = self.context_menu(watched)
            if menu is not None:
                menu.exec(event.globalPos())
                menu.deleteLater()
                return True
        return False

    def copy(self, widget: QObject, text: str, *, cut: bool = False) -> None:
        self.guard.copy(text)
        if cut and text and isinstance(widget, QWidget):
            _remove_selection(widget)

    def context_menu(self, widget: QObject) -> QMenu | None:
        """The widget's menu, its Copy and Cut rewired through the guard."""
        if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
            menu = widget.createStandardContextMenu()
            for action in menu.actions():
                if action.objectName() in ("edit-copy", "edit-cut"):
                    cut = action.objectName() == "edit-cut"
                    action.triggered.disconnect()
                    action.triggered.connect(
                        lambda _checked=False, w=widget, c=cut: self.copy(
                            w, selected_text(w) or "", cut=c
                        )
                    )
            return menu
        if isinstance(widget, QLabel) and widget.textInteractionFlags() & (
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        ):
            menu = QMenu(widget)
            copy = menu.addAction("&Copy")
            copy.setObjectName("edit-copy")
            copy.setEnabled(widget.hasSelectedText())
            copy.triggered.connect(lambda _checked=False, w=widget: self.copy(w, w.selectedText()))
            select_all = menu.addAction("Select &all")
            select_all.setObjectName("select-all")
            select_all.triggered.connect(
                lambda _checked=False, w=widget: w.setSelection(0, len(w.text()))
            )
            return menu
        return None
