"""A short list that takes the height of what it holds, so a screen's room goes to its tables.

A QListWidget hints the same 192 pixels whether it holds one line or twenty, so the
start screen's alerts took a fifth of the screen to say "No alerts today." while the
day's sessions below showed five of nine (issue 18). `FittedList` hints the height of
its items, up to `most` of them, wrapped at its width; past that it scrolls, as a list.
Given `least`, the list may be squeezed to that many rows when the screen is short (the
booking's staff, D411); otherwise it is always as tall as its hint.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QListWidget, QSizePolicy, QWidget


class FittedList(QListWidget):
    def __init__(
        self, most: int = 4, parent: QWidget | None = None, least: int | None = None
    ) -> None:
        super().__init__(parent)
        self.most = most
        self.least = least
        self._laid_out = 0
        self.setWordWrap(True)
        # Fixed: the list is as tall as its hint, never squeezed by the tables below.
        vertical = QSizePolicy.Policy.Fixed if least is None else QSizePolicy.Policy.Preferred
        self.setSizePolicy(QSizePolicy.Policy.Expanding, vertical)

    def _rows_height(self, most: int | None = None) -> int:
        count = self.count()
        shown = min(count, self.most if most is None else most) or 1
        # Laid out at the list's width, an item's rectangle has its wrapped lines; before
        # that, its one-line hint.
        heights = [
            self.visualItemRect(self.item(row)).height() or self.sizeHintForRow(row)
            for row in range(min(count, shown))
        ]
        line = self.fontMetrics().lineSpacing() + 4
        heights += [line] * (shown - len(heights))
        return sum(heights) + self.spacing() * 2 * shown

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self._rows_height() + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        # As tall as the hint: a scroll area's own least height (its scroll bar's
        # arrows) would leave a one-line list taller than its line.
        if self.least is not None:
            least = self._rows_height(self.least) + 2 * self.frameWidth()
            return QSize(super().minimumSizeHint().width(), least)
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def updateGeometries(self) -> None:
        """After the items are laid out (added, or wrapped again at a new width): the
        window gives the list a new height if its items now take more or fewer lines."""
        super().updateGeometries()
        height = self._rows_height()
        if height != self._laid_out:
            self._laid_out = height
            self.updateGeometry()


class ItemsWide(QListWidget):
    """A list that asks the width of its longest item, so a dialog opens wide enough for
    each line whole (the closure dates and their reasons); the window caps it at the
    screen."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        longest = self.sizeHintForColumn(0) if self.count() else 0
        room = longest + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(max(hint.width(), room), hint.height())
