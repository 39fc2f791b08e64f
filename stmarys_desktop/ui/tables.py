"""Tables that ask for the room their columns need, so a dialog opens wide enough.

A QTableView's own size hint is a fixed 256 by 192 pixels whatever it holds, so a
dialog sized from its content (ui/sizing.py) would cut its columns. These views
hint the width of their columns fitted to the text (the header's and the rows'),
and the height of a few rows; the window caps both at the screen. Columns that
hold free text (notes, needs, details) may be named `stretch`: they take what is
left and are hinted at most `FREE_TEXT_CHARS` wide; every other column, the
names, agencies, addresses, telephones, reasons and statuses, is fitted to its
text and never cut.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionHeader,
    QTableView,
    QTableWidget,
    QWidget,
)

# A free-text column hints at most this many average characters.
FREE_TEXT_CHARS = 40
# A table hints room for this many rows (fewer when it has fewer, at least MIN_ROWS).
HINT_ROWS = 8
MIN_ROWS = 3


def arrow_for(order: Qt.SortOrder) -> QStyleOptionHeader.SortIndicator:
    """The arrow a person reads for the order: up for ascending (A to Z, oldest first),
    down for descending, as on Windows and macOS. Qt's header asks the style for the
    opposite ("SortDown" for ascending), so its arrows read backwards."""
    return (
        QStyleOptionHeader.SortIndicator.SortUp
        if order == Qt.SortOrder.AscendingOrder
        else QStyleOptionHeader.SortIndicator.SortDown
    )


class SortArrows(QProxyStyle):
    """The application's style, with each header's sort arrow pointing the way people read
    it (set on headers only, so nothing else is drawn through Python)."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if (
            element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow
            and isinstance(option, QStyleOptionHeader)
            and isinstance(widget, QHeaderView)
        ):
            option = QStyleOptionHeader(option)
            option.sortIndicator = arrow_for(widget.sortIndicatorOrder())
        super().drawPrimitive(element, option, painter, widget)


_ARROWS: list[SortArrows] = []  # one for the process, kept alive here


def readable_sort_arrows(header: QHeaderView) -> None:
    if not _ARROWS:
        _ARROWS.append(SortArrows())
    header.setStyle(_ARROWS[0])


class ContentSized:
    """sizeHint from the columns' text, for any QTableView; its sort arrows read right."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        readable_sort_arrows(self.horizontalHeader())  # type: ignore[attr-defined]

    def sizeHint(self) -> QSize:
        view: QTableView = self  # type: ignore[assignment]
        header = view.horizontalHeader()
        char = view.fontMetrics().averageCharWidth()
        width = 0
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        for column in shown:
            wanted = max(header.sectionSizeHint(column), view.sizeHintForColumn(column))
            if header.stretchLastSection() and column == shown[-1]:
                # A stretched last section left no room falls back to the default size,
                # not to its text: a short last column would push the table sideways.
                wanted = max(wanted, header.defaultSectionSize())
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
                # Free text is elided, wrapped text takes more lines: neither needs
                # its whole width.
                wanted = min(wanted, char * FREE_TEXT_CHARS)
            width += wanted
        frame = 2 * view.frameWidth()
        if view.verticalHeader().isVisible():
            width += view.verticalHeader().sizeHint().width()
        width += view.verticalScrollBar().sizeHint().width() + frame
        model = view.model()
        count = model.rowCount() if model is not None else 0
        rows = min(max(count, MIN_ROWS), HINT_ROWS)
        row_height = (
            view.sizeHintForRow(0) if count else 0
        ) or view.verticalHeader().defaultSectionSize()
        height = header.sizeHint().height() + rows * row_height + frame
        if header.length() > view.viewport().width() > 0:
            height += view.horizontalScrollBar().sizeHint().height()
        return QSize(width, height)


class ListTableView(ContentSized, QTableView):
    """A QTableView hinting the room its columns need."""


class ListTableWidget(ContentSized, QTableWidget):
    """A QTableWidget hinting the room its columns need."""


def fit_columns(view: QAbstractItemView, stretch: tuple[int, ...] = ()) -> None:
    """Every column fitted to its text; the `stretch` columns (free text only) share what is
    left, elided, whole in the tooltip; else the last column takes the rest."""
    header = view.horizontalHeader()  # type: ignore[attr-defined]
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(not stretch)


def wrap_rows(view: QTableView) -> None:
    """The view's text wraps at word boundaries and each row is as tall as its wrapped
    text at the columns' present widths (kept so when a column's width changes)."""
    view.setWordWrap(True)
    rows = view.verticalHeader()
    rows.setMinimumSectionSize(rows.defaultSectionSize())  # a one-line row keeps its room
    rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
