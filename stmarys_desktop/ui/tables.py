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

import functools
import math
import re

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyledItemDelegate,
    QStyleOption,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QWidget,
)

# A free-text column hints at most this many average characters.
FREE_TEXT_CHARS = 40
# A table hints room for this many rows (fewer when it has fewer, at least MIN_ROWS).
HINT_ROWS = 8
MIN_ROWS = 3
# The rows a shared column's text is measured on (the first ones, as the table opens).
FIT_ROWS = 60


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
    """sizeHint from the columns' text, for any QTableView; its sort arrows read right.
    `hint_rows`: the rows it asks room for when it has them (a log read down the page
    asks for more)."""

    hint_rows = HINT_ROWS
    fixed_rows = 0  # rows asked for whatever the view holds (`rows_tall`); 0: as it holds

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
        rows = self.fixed_rows or min(max(count, MIN_ROWS), self.hint_rows)
        row_height = (
            view.sizeHintForRow(0) if count else 0
        ) or view.verticalHeader().defaultSectionSize()
        # A row is as tall as the header's default section unless its text needs more
        # (a wrapping table's row keeps at least that room: wrap_rows): hinting the
        # text's own height asked for five rows of room and showed three.
        rows_header = view.verticalHeader()
        row_height = max(
            row_height, rows_header.minimumSectionSize(), rows_header.defaultSectionSize()
        )
        height = header.sizeHint().height() + rows * row_height + frame
        if header.length() > view.viewport().width() > 0:
            height += view.horizontalScrollBar().sizeHint().height()
        return QSize(width, height)


def rows_high(view: QTableView, rows: int) -> int:
    """The height of the view's header and `rows` one-line rows."""
    return (
        view.horizontalHeader().sizeHint().height()
        + rows * view.verticalHeader().defaultSectionSize()
        + 2 * view.frameWidth()
    )


def rows_tall(view: QTableView, rows: int, least: int = 2) -> None:
    """A short list beside a long one (the named people below a day's sessions): it asks
    for `rows` rows whatever it holds now, so it keeps its height as its rows change, and
    gives way to `least` on a short screen; the long one takes the rest."""
    view.fixed_rows = rows  # type: ignore[attr-defined]  (a ContentSized view)
    view.setMaximumHeight(rows_high(view, rows))
    view.setMinimumHeight(rows_high(view, min(least, rows)))
    view.updateGeometry()


def least_rows(view: QTableView, rows: int) -> None:
    """The view never squeezed below `rows` rows in sight by the boxes around it."""
    view.setMinimumHeight(rows_high(view, rows))


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


# What a cell's list is separated by: one person (or one item) from the next.
BETWEEN = "; "
# A space and a hyphen the text layout never breaks a line at; they look the same.
GLUED = "\u00a0"
GLUED_HYPHEN = "\u2011"
LINES = re.compile("([\n\u2028])")


def kept_whole(text: str, metrics: QFontMetricsF, room: int) -> str:
    """`text` as a wrapping cell lays it out in `room` pixels: each item of its lists
    (between "; ", a person's name with what follows it) glued so a line breaks only
    between items; an item wider than the room alone breaks between its parts (a name
    and its "(non-resident parent)"), and a part wider still at its spaces; a glued
    hyphen does not break either ("non-resident", "Smith-Jones"). As long as
    `text`, letter for letter, so the model's text stays what it is (D372)."""

    def glued(words: str) -> str:
        return words.replace(" ", GLUED).replace("-", GLUED_HYPHEN)

    def whole(part: str, last: bool) -> str:
        fits = metrics.horizontalAdvance(part if last else part + ";") <= room
        return glued(part) if fits else part

    def item(words: str, last: bool) -> str:
        if metrics.horizontalAdvance(words if last else words + ";") <= room:
            return glued(words)
        parts = words.split(" (")
        return " (".join(whole(p, last and i == len(parts) - 1) for i, p in enumerate(parts))

    def line(words: str) -> str:
        items = words.split(BETWEEN)
        return BETWEEN.join(item(w, i == len(items) - 1) for i, w in enumerate(items))

    # A cell's lines end at "\n", or at the line separator Qt puts in its place.
    return "".join(line(part) if i % 2 == 0 else part for i, part in enumerate(LINES.split(text)))


class WholeNames(QStyledItemDelegate):
    """A wrapping view's cells laid out by `kept_whole` at the cell's width: the size
    hint (so the row's height), the painting and the layout checks read the same lines,
    and a person's name is never split between two lines unless it alone is wider than
    the column. The model's text (DisplayRole) is untouched."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        text = option.text
        if option.rect.width() <= 0 or (BETWEEN not in text and " (" not in text):
            return  # a width hint (one line), or one item: nothing to keep together
        style = option.widget.style() if option.widget is not None else None
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1 if style else 1
        room = option.rect.width() - 2 * margin
        if option.features & QStyleOptionViewItem.ViewItemFeature.HasDecoration:
            room -= option.decorationSize.width() + margin
        font = option.font.key()
        if font not in _METRICS:
            _METRICS[font] = QFontMetricsF(option.font)
        option.text = _kept(text, font, room)


# The fonts' measures, and the cells laid out lately: a row's height, its painting and
# each scroll ask for the same cells at the same width again (D372).
_METRICS: dict[str, QFontMetricsF] = {}


@functools.lru_cache(maxsize=4096)
def _kept(text: str, font: str, room: int) -> str:
    return kept_whole(text, _METRICS[font], room)


def keep_names_whole(view: QTableView) -> None:
    """The view's text wraps at word boundaries, never inside a person's name (D372)."""
    view.setWordWrap(True)
    view.setItemDelegate(WholeNames(view))


def wrap_rows(view: QTableView) -> None:
    """The view's text wraps between people, then at word boundaries (D372), and each
    row in sight is as tall as its wrapped text at the columns' present widths (again
    when a column's width changes, the rows change or the view scrolls). Only the rows
    in sight are measured: Qt's own ResizeToContents measured every row of a
    400-session day at each layout, a second of the start screen at 50,000 families
    (D371)."""
    keep_names_whole(view)
    rows = view.verticalHeader()
    rows.setMinimumSectionSize(rows.defaultSectionSize())  # a one-line row keeps its room
    RowsInSight(view)


class RowsInSight(QObject):
    """Fits the heights of the rows a view shows, soon after anything that moves them."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._model: QAbstractItemModel | None = None
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.fit)
        # At once when a column's width changes, so no paint shows rows fitted to the old.
        view.horizontalHeader().sectionResized.connect(self.fit)
        view.verticalScrollBar().valueChanged.connect(self.later)
        view.installEventFilter(self)
        self._watch()

    def _watch(self) -> None:
        model = self._view.model()
        if model is self._model or model is None:
            return
        self._model = model
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.dataChanged,
        ):
            signal.connect(self.later)

    def later(self, *_: object) -> None:
        self._soon.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            self._watch()
            self.later()
        return False

    def fit(self, *_: object) -> None:
        """Each row from the first in sight until the viewport is full (a few more on a
        hidden view, which has no viewport yet) takes its wrapped text's height."""
        view = self._view
        self._watch()
        model = view.model()
        count = model.rowCount() if model is not None else 0
        first = max(view.rowAt(0), 0)
        room = view.viewport().height() if view.isVisible() else 0
        used, row = 0, first
        while row < count and (used < room or row < first + HINT_ROWS):
            view.resizeRowToContents(row)
            used += view.rowHeight(row)
            row += 1


def share_width(view: QTableView, columns: tuple[int, ...]) -> None:
    """The `columns` (long text: who asked, their agency, what was asked for, a reason)
    wrap, names whole (D372), and share the width the other columns leave: each as wide
    as its text on one line when that fits, the longer ones the rest in equal parts,
    none narrower than its longest word. A table of many such columns then shows all of
    them in a window as wide as the screen, without scrolling sideways (D373)."""
    wrap_rows(view)
    SharedWidths(view, columns)


def water_fill(needs: dict[int, tuple[int, int]], room: int) -> dict[int, int]:
    """Widths in `room` pixels for columns needing (their text on one line, their longest
    word): when all fit on one line, each that and the room over shared in proportion;
    else the narrow ones whole and the wide ones an equal width, as wide as the room
    allows, none narrower than its longest word."""

    def at(level: int) -> dict[int, int]:
        return {c: max(word, min(line, level)) for c, (line, word) in needs.items()}

    if not needs:
        return {}
    widest = max(line for line, _ in needs.values())
    if sum(at(widest).values()) <= room:
        given = at(widest)
        over = room - sum(given.values())
        total = sum(given.values()) or 1
        return {c: w + over * w // total for c, w in given.items()}
    low, high = 0, widest  # the widest level that fits: at(low) fits, at(high) does not
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if sum(at(middle).values()) <= room else (low, middle)
    return at(low)


class SharedWidths(QObject):
    """Keeps the shared columns' widths fitted to the viewport's width and the rows' text."""

    def __init__(self, view: QTableView, columns: tuple[int, ...]) -> None:
        super().__init__(view)
        self._view = view
        self._columns = columns
        self._fitting = False
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in columns:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.fit)
        view.viewport().installEventFilter(self)
        header.sectionResized.connect(self._resized)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self._soon.start)
        model.dataChanged.connect(self._soon.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False

    def _resized(self, column: int, *_: object) -> None:
        if column not in self._columns:  # the others fit their text: share what they leave
            self._soon.start()

    def _needs(self, column: int) -> tuple[int, int]:
        """A column's text on one line, and its longest word (each with the cell's margins)."""
        view = self._view
        model = view.model()
        metrics = QFontMetricsF(view.font())  # as text is laid out, in fractions of a pixel
        grid = 1 if view.showGrid() else 0
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + grid
        line = word = view.horizontalHeader().sectionSizeHint(column)
        for row in range(min(model.rowCount(), FIT_ROWS)):
            text = str(model.index(row, column).data() or "")
            line = max(line, math.ceil(metrics.horizontalAdvance(text)) + margin)
            longest = max((metrics.horizontalAdvance(w) for w in text.split()), default=0)
            word = max(word, math.ceil(longest) + margin)
        return line, min(word, line)

    def fit(self) -> None:
        if self._fitting:
            return
        self._fitting = True
        try:
            view = self._view
            header = view.horizontalHeader()
            shown = [c for c in self._columns if not header.isSectionHidden(c)]
            others = sum(
                header.sectionSize(c)
                for c in range(header.count())
                if c not in shown and not header.isSectionHidden(c)
            )
            needs = {c: self._needs(c) for c in shown}
            room = view.viewport().width() - others
            for column, width in water_fill(needs, room).items():
                header.resizeSection(column, width)
        finally:
            self._fitting = False
