"""Help: a short guide to the screen one is on (F1), searchable, beside the policy viewer;
and the list of keyboard shortcuts (Help > Keyboard shortcuts).

The guides are Markdown files in resources/help/, one per screen, shown with Qt's own
text browser (no web view). They say what a person can do on the screen, in the words
of its buttons.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.paths import resource
from stmarys_desktop.ui.sizing import Dialog, want
from stmarys_desktop.ui.widgets import (
    button,
    close_buttons,
    line_edit,
    named,
    paragraph,
    readonly_table,
)

# (topic title, file in resources/help); a screen's title picks its guide.
TOPICS: list[tuple[str, str]] = [
    ("Today", "today"),
    ("Families", "families"),
    ("Staff", "staff"),
    ("Incidents", "incidents"),
    ("Policy", "policy"),
    ("Admin", "admin"),
    ("Signing in", "sign-in"),
]

# Keys that work everywhere, beside the window's own shortcuts.
CONVENTIONS: list[tuple[str, str]] = [
    ("Alt + underlined letter", "the button or field whose label has that letter"),
    ("Tab / Shift+Tab", "the next / the previous control"),
    ("Arrow keys", "move within a list, a table or the navigation"),
    ("Enter", "open the chosen row or the chosen alert; press the default button"),
    ("Esc", "close a dialog without saving"),
]


def guide(file: str) -> str:
    return resource("help", f"{file}.md").read_text(encoding="utf-8")


def topic_for(screen_title: str | None) -> str:
    """The guide for a screen (the sign-in page's when no screen is shown)."""
    titles = {title: file for title, file in TOPICS}
    return titles.get(screen_title or "", "sign-in")


class HelpDialog(Dialog):
    def __init__(
        self, parent: QWidget | None, topic: str, open_policy: Callable[[], object] | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Help")
        self.setAccessibleName("Help")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.search = line_edit("Search the help", placeholder="Search the help")
        self.topics = named(QListWidget(), "Help topics")
        for title, file in TOPICS:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, file)
            self.topics.addItem(item)
        self.topics.setMaximumWidth(self.fontMetrics().averageCharWidth() * 22)
        self.text = named(QTextBrowser(), "Guide")
        self.text.setOpenLinks(False)
        self.found = paragraph("", "Search result")
        self.policy_button = button(
            "The Confidentiality &Policy…",
            "Confidentiality Policy",
            "The policy as printed (Shift+F1)",
        )
        self.policy_button.setEnabled(open_policy is not None)
        if open_policy is not None:
            self.policy_button.clicked.connect(lambda: open_policy())
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.policy_button)
        layout.addLayout(top)
        layout.addWidget(self.found)
        body = QHBoxLayout()
        body.addWidget(self.topics)
        body.addWidget(self.text, 1)
        layout.addLayout(body, 1)
        layout.addWidget(close_buttons(self))
        self.topics.currentItemChanged.connect(self._show_item)
        self.search.textChanged.connect(self.search_for)
        self.show_topic(topic)
        want(self, 96, 30)

    def show_topic(self, file: str) -> None:
        for row in range(self.topics.count()):
            if self.topics.item(row).data(Qt.ItemDataRole.UserRole) == file:
                self.topics.setCurrentRow(row)
                return

    def shown_topic(self) -> str:
        item = self.topics.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def _show_item(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        self.text.setMarkdown(guide(str(item.data(Qt.ItemDataRole.UserRole))))
        self._mark(self.search.text())

    def search_for(self, text: str) -> None:
        """Show the topics whose guide has every word typed; the first match is marked."""
        words = text.casefold().split()
        matching = []
        for row in range(self.topics.count()):
            item = self.topics.item(row)
            body = guide(str(item.data(Qt.ItemDataRole.UserRole))).casefold()
            hit = all(word in body for word in words)
            item.setHidden(not hit)
            if hit:
                matching.append(row)
        if not words:
            self.found.setText("")
        elif not matching:
            self.found.setText(f"Nothing in the help mentions \u201c{text.strip()}\u201d.")
        else:
            names = ", ".join(self.topics.item(row).text() for row in matching)
            self.found.setText(f"Found in: {names}.")
        self.found.setVisible(bool(words))
        current = self.topics.currentRow()
        if matching and current not in matching:
            self.topics.setCurrentRow(matching[0])
        else:
            self._mark(text)

    def _mark(self, text: str) -> None:
        words = text.split()
        if words:
            cursor = self.text.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.text.setTextCursor(cursor)
            self.text.find(words[0], QTextDocument.FindFlag(0))


class ShortcutsDialog(Dialog):
    """Every keyboard shortcut of the window, read from its actions, and the usual keys."""

    def __init__(self, parent: QWidget | None, shortcuts: Sequence[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        rows = [*shortcuts, *CONVENTIONS]
        self.table = readonly_table("Keyboard shortcuts table", ["Keys", "Does"])
        self.table.setRowCount(len(rows))
        for row, (keys, does) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(does))
        layout = QVBoxLayout(self)
        layout.addWidget(
            paragraph("These keys work wherever you are in the window.", "About the shortcuts")
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(close_buttons(self))
        # Every row at once where the screen allows: the rest of the dialog, the table's
        # header and frame, and its rows at their own height.
        table = self.table
        table.ensurePolished()
        row = max(table.sizeHintForRow(0), table.verticalHeader().defaultSectionSize())
        rest = self.sizeHint().height() - table.sizeHint().height()
        need = rest + table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        need += row * len(rows)
        want(self, 0, -(-need // self.fontMetrics().lineSpacing()) + 1)  # and a line to spare
