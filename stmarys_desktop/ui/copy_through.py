"""Every way a person copies text out of a window goes through the clipboard guard
(ui/clipboard.py, issue 16, D129): Ctrl+C (and Ctrl+X) in a table, a selectable label,
a text field or box, and the Copy and Cut of their context menus.

An application-wide event filter; the main window installs it once it has shown, so the
sign-in page appears without it (D330).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from stmarys_desktop.ui.clipboard import ClipboardGuard

PARAGRAPH_SEPARATOR = "\u2029"  # what Qt's text cursor gives for a line break


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
