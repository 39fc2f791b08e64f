"""What a person would see wrong in a window at its opening size, in plain words.

Each check returns sentences, one per fault: the window's frame leaving the
screen's available area, a visible label whose text does not fit its rectangle,
a button whose text is cut or that lies outside the window, a choice box that cuts
its chosen text, two controls of a window sharing an Alt+letter, a form that
scrolls, a text box or a list cut short in a window that could be taller, a key
column (names, agency, address, telephone, reason, status) whose cell text is wider
than the column, a table that scrolls sideways, and a wrapping cell
too low for its text or splitting a person's name across lines. Every tab of every tab
widget is looked at.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetricsF, QKeySequence, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenuBar,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from stmarys_desktop.ui.sizing import largest_size

# Header words of the columns that must never be cut (issue 18, items 2 and 5): people
# (names, who arrives or leaves first, staff, who recorded), agencies, addresses,
# telephones, reasons and statuses.
KEY_COLUMN = re.compile(
    r"\b(names?|named|people|person|who|by|staff|arrives|leaves|agency|referrer|address|"
    r"telephone|reason|status|cleared|from|family)\b",
    re.IGNORECASE,
)
# The tables where scrolling sideways is the point (see sideways_problems).
SIDEWAYS_BY_DESIGN = frozenset({"Rows of the file"})
# The rows looked at in each table: the first ones, as the table opens.
ROWS_LOOKED_AT = 40


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _where(widget: QWidget) -> str:
    name = widget.accessibleName() or widget.objectName() or type(widget).__name__
    return f"{type(widget).__name__} {name[:60]!r}"


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisible() and widget.isVisibleTo(window) and widget.width() > 0


def _in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def frame_problems(window: QWidget) -> list[str]:
    screen = window.screen()
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    if area.contains(frame):
        return []
    return [f"the window's frame {_rect(frame)} leaves the available area {_rect(area)}"]


def _rect(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()} at ({rect.x()},{rect.y()})"


def label_problems(window: QWidget) -> list[str]:
    found = []
    for label in window.findChildren(QLabel):
        if (
            not _shown(label, window)
            or not label.text()
            or (label.pixmap() and not label.pixmap().isNull())
        ):
            continue
        if label.wordWrap():
            need_h = label.heightForWidth(label.width())
            need_w = label.minimumSizeHint().width()
            if need_h > label.height() or need_w > label.width():
                found.append(
                    f"{_where(label)} needs {max(need_w, label.width())}x{need_h} "
                    f"for its wrapped text but has {label.width()}x{label.height()}"
                )
        else:
            hint = label.sizeHint()
            if hint.width() > label.width() or hint.height() > label.height():
                found.append(
                    f"{_where(label)} needs {hint.width()}x{hint.height()} for "
                    f"{label.text()[:40]!r} but has {label.width()}x{label.height()}"
                )
    return found


def button_problems(window: QWidget) -> list[str]:
    found = []
    inside = window.rect()
    for control in window.findChildren(QAbstractButton):
        if not _shown(control, window) or not control.text():
            continue
        hint = control.sizeHint()
        if hint.width() > control.width():
            found.append(
                f"{_where(control)} cuts its text: needs {hint.width()} px, has {control.width()}"
            )
        if isinstance(control, QPushButton) and not _in_scroll_area(control):
            where = QRect(control.mapTo(window, control.rect().topLeft()), control.size())
            if not inside.contains(where):
                found.append(f"{_where(control)} lies outside the window, out of reach")
    return found


def placeholder_problems(window: QWidget) -> list[str]:
    """An empty field's example text ("Name and telephone of someone...") cut short."""
    found = []
    for edit in window.findChildren(QLineEdit):
        if not _shown(edit, window) or edit.text() or not edit.placeholderText():
            continue
        # Where QLineEdit paints its example (qlineedit.cpp, paintEvent): the contents
        # less the text margins, 2 px each side and the font's left bearing; it elides
        # the example to that width.
        option = QStyleOptionFrame()
        edit.initStyleOption(option)
        contents = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
        metrics = edit.fontMetrics()
        room = (
            contents.marginsRemoved(edit.textMargins()).width()
            - 4
            - max(0, -metrics.minLeftBearing())
        )
        example = edit.placeholderText()
        if metrics.elidedText(example, Qt.TextElideMode.ElideRight, room) != example:
            found.append(
                f"{_where(edit)} cuts its example {example[:40]!r}: needs "
                f"{metrics.horizontalAdvance(example)} px, has {room}"
            )
    return found


def combo_problems(window: QWidget) -> list[str]:
    """A choice box that cuts what is chosen in it (the rule map's passages were cut to
    one line): its text is wider than the box's text field."""
    found = []
    for box in window.findChildren(QComboBox):
        if not _shown(box, window) or box.isEditable() or not box.currentText():
            continue
        option = QStyleOptionComboBox()
        box.initStyleOption(option)
        field = box.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
        )
        need = box.fontMetrics().horizontalAdvance(box.currentText())
        if need > field.width():
            found.append(
                f"{_where(box)} cuts {box.currentText()[:40]!r}: needs {need} px, "
                f"has {field.width()}"
            )
    return found


def scroll_problems(window: QWidget) -> list[str]:
    """A scroll area is for a list; a form that needs one does not fit its window."""
    found = []
    for area in window.findChildren(QScrollArea):
        if _shown(area, window) and (
            area.verticalScrollBar().isVisible() or area.horizontalScrollBar().isVisible()
        ):
            found.append(f"{_where(area)} scrolls: its form does not fit the window")
    return found


def _spare_height(window: QWidget) -> int:
    """How much taller the window could be, its frame inside the available area (with the
    room ui/sizing.py keeps for a title bar where the platform draws none)."""
    return largest_size(window).height() - window.height()


def _first_cut_row(view: QListView) -> int:
    """The height of the first row of a list not wholly in sight (0 when all are)."""
    model = view.model()
    room = view.viewport().rect()
    for row in range(min(model.rowCount(), ROWS_LOOKED_AT)):
        if view.isRowHidden(row):
            continue
        rect = view.visualRect(model.index(row, view.modelColumn()))
        if rect.isValid() and not room.contains(rect):
            return rect.height()
    return 0


def box_problems(window: QWidget) -> list[str]:
    """A text box to write in whose text needs its scroll bar, or a list that cuts a row or
    hides some of its rows, while the window could be taller by more than what is cut
    off: a line of the box, the list's cut row (the incident form's "Who was involved",
    two lines behind scroll arrows, and the booking's half-cut staff, issue 18). A box
    or list in a window as tall as the screen allows scrolls, as it should."""
    found = []
    spare = _spare_height(window)
    for box in window.findChildren(QPlainTextEdit) + window.findChildren(QTextEdit):
        if not _shown(box, window) or box.isReadOnly():
            continue
        bar = box.verticalScrollBar()
        line = box.fontMetrics().lineSpacing()
        if bar.maximum() > bar.minimum() and spare >= line:
            found.append(
                f"{_where(box)} scrolls its text in {box.height()} px, though its window "
                f"could be {spare} px taller"
            )
    for view in window.findChildren(QListView):
        if not _shown(view, window) or view.model() is None:
            continue
        cut = _first_cut_row(view)
        if cut and spare >= cut:
            found.append(
                f"{_where(view)} cuts its rows at {view.viewport().height()} px, though "
                f"its window could be {spare} px taller"
            )
    return found


def column_problems(window: QWidget) -> list[str]:
    found = []
    for view in window.findChildren(QTableView):
        if not _shown(view, window) or view.model() is None:
            continue
        model = view.model()
        for column in range(model.columnCount()):
            if view.isColumnHidden(column):
                continue
            header = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            if not KEY_COLUMN.search(header):
                continue
            width = view.columnWidth(column)
            for row in range(min(model.rowCount(), ROWS_LOOKED_AT)):
                index = model.index(row, column)
                need = view.sizeHintForIndex(index).width()
                if need > width and view.wordWrap():
                    # A row out of sight takes its height when it comes into sight (D371):
                    # there only its longest word must fit the column.
                    tall = view.rowHeight(row) if row in rows_in_sight(view) else 10**6
                    need = _wrapped_fits(view, index, width, tall)
                if need > width:
                    text = str(index.data() or "")
                    found.append(
                        f"{_where(view)}: column {header!r} is {width} px, "
                        f"{text[:50]!r} needs {need}"
                    )
                    break
    return found


def sideways_problems(window: QWidget) -> list[str]:
    """A table that scrolls sideways at its window's opening size: either the window had
    the room to be wider, or it is already as wide as the screen allows and the table's
    long text should wrap (its names whole) to show every column. Scrolling sideways is
    the point only in `SIDEWAYS_BY_DESIGN`: the import's preview of a file's rows, which
    has as many columns as the file and shows each cell as the file spells it."""
    found = []
    room = window.screen().availableGeometry().width() - (
        window.frameGeometry().width() - window.width()
    )
    for view in window.findChildren(QTableView):
        if not _shown(view, window) or not view.horizontalScrollBar().isVisible():
            continue
        if view.accessibleName() in SIDEWAYS_BY_DESIGN:
            continue
        overflow = view.horizontalHeader().length() - view.viewport().width()
        if overflow <= 0:
            continue
        if window.width() + overflow <= room:
            found.append(
                f"{_where(view)} scrolls sideways by {overflow} px, though its window "
                f"({window.width()} px) could be wider ({room} px)"
            )
        else:
            found.append(
                f"{_where(view)} scrolls sideways by {overflow} px in a window as wide as "
                f"the screen allows ({window.width()} px): its columns do not all show"
            )
    return found


def wrapped_cell_problems(window: QWidget) -> list[str]:
    """A table that wraps its text (the calendar, the chronology, the register) promises
    every cell whole: a cell, in any column, whose wrapped text is taller than its row,
    or that splits a person's name (an item between "; ") across two lines though the
    name alone fits on one (the families' "Mia / Yarthorpe", issue 18)."""
    found = []
    for view in window.findChildren(QTableView):
        if not _shown(view, window) or view.model() is None or not view.wordWrap():
            continue
        model = view.model()
        for column in range(model.columnCount()):
            if view.isColumnHidden(column):
                continue
            width = view.columnWidth(column)
            for row in rows_in_sight(view):
                if view.isRowHidden(row) or view.rowSpan(row, column) > 1:
                    continue
                index = model.index(row, column)
                height = view.rowHeight(row)
                if _wrapped_fits(view, index, width, height):
                    text = str(index.data() or "").replace("\n", " / ")
                    found.append(
                        f"{_where(view)}: row {row + 1} of column {column + 1} is "
                        f"{width}x{height} px, too small for {text[:60]!r}"
                    )
                    break
                split = _split_item(view, index, width, height)
                if split:
                    found.append(
                        f"{_where(view)}: row {row + 1} of column {column + 1} splits "
                        f"{split!r} across lines, though it fits the column's {width} px"
                    )
                    break
    return found


def _split_item(view: QTableView, index, width: int, height: int) -> str:
    """The first item of a wrapping cell's list (a person's name, between "; ") that
    would fit on one line of the cell but is laid out across two, as the view's delegate
    lays out and paints it at the cell's width; "" when every such item is whole."""
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    grid = 1 if view.showGrid() else 0
    option.rect = QRect(0, 0, width - grid, height - grid)
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    text, laid_out = str(index.data() or ""), option.text
    if len(laid_out) != len(text):
        return ""
    metrics = QFontMetricsF(option.font)  # as the text is laid out, in fractions of a pixel
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
    room = option.rect.width() - 2 * margin
    wrap = QTextOption()
    wrap.setWrapMode(QTextOption.WrapMode.WordWrap)
    starts = []
    start = 0
    for paragraph in re.split("[\n\u2028]", laid_out):
        layout = QTextLayout(paragraph, option.font)
        layout.setTextOption(wrap)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(room)
            starts.append(start + line.textStart())
        layout.endLayout()
        start += len(paragraph) + 1
    for item in re.finditer("[^;\n\u2028]+", text):
        words = item.group().strip()
        last = item.end() == len(text) or text[item.end()] != ";"
        if metrics.horizontalAdvance(words if last else words + ";") > room:
            continue
        first, end = item.start() + len(item.group()) - len(item.group().lstrip()), item.end()
        if any(first < at < end for at in starts):
            return words
    return ""


def rows_in_sight(view: QTableView) -> range:
    """The rows the view shows now (its first ROWS_LOOKED_AT when it has no viewport yet)."""
    count = view.model().rowCount() if view.model() is not None else 0
    first = max(view.rowAt(0), 0)
    last = view.rowAt(view.viewport().height() - 1)
    if last < 0:
        last = min(count, first + ROWS_LOOKED_AT) - 1
    return range(first, min(last + 1, count, first + ROWS_LOOKED_AT))


def _wrapped_fits(view: QTableView, index, width: int, height: int) -> int:
    """A wrapping table's cell: 0 if its text fits the cell's width and height wrapped,
    else the width its longest word needs (or more than the width, if too tall)."""
    text = str(index.data() or "")
    metrics = view.fontMetrics()
    room = width - 2 * (view.style().pixelMetric(view.style().PixelMetric.PM_FocusFrameHMargin) + 1)
    longest = max((metrics.horizontalAdvance(word) for word in text.split()), default=0)
    if longest > room:
        return width + longest - room
    rect = metrics.boundingRect(0, 0, room, 100_000, int(Qt.TextFlag.TextWordWrap), text)
    return 0 if rect.height() <= height else width + 1


def _mnemonics(widget: QWidget, window: QWidget) -> list[str]:
    """The texts with an Alt+letter of a widget as the window shows it now."""
    if isinstance(widget, QLabel):
        return [widget.text()] if widget.buddy() is not None else []
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QGroupBox):
        return [widget.title()] if widget.isCheckable() else []
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
    if isinstance(widget, QMenuBar):
        return [action.text() for action in widget.actions() if action.isVisible()]
    return []


def _clashes(texts: list[str]) -> list[str]:
    found = []
    holders: dict[str, str] = {}
    for text in texts:
        key = QKeySequence.mnemonic(text).toString()
        if not key:
            continue
        shown = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        if key in holders:
            found.append(f"{key} is both {holders[key]!r} and {shown!r}")
        else:
            holders[key] = shown
    return found


def mnemonic_problems(window: QWidget) -> list[str]:
    """Two labels, buttons, tabs or menus on view that answer the same Alt+letter: the
    key then only moves between them, and a person cannot tell which one it reaches.
    On the main window that is its menu bar (Centre, Go, Help), its header (Lock, Blank
    screen, Sign out) and the controls of the screen on view, all at once; inside each
    menu of the menu bar, its entries."""
    texts = [
        text
        for widget in window.findChildren(QWidget)
        if _shown(widget, window)
        for text in _mnemonics(widget, window)
    ]
    found = _clashes(texts)
    for bar in window.findChildren(QMenuBar):
        if not _shown(bar, window):
            continue
        for action in bar.actions():
            menu = action.menu()
            if menu is None or not action.isVisible():
                continue
            title = action.text().replace("&", "")
            found += [
                f"menu {title!r}: {p}"
                for p in _clashes([a.text() for a in menu.actions() if a.isVisible()])
            ]
    return found


def on_every_tab(window: QWidget, check: Callable[[QWidget], list[str]]) -> list[str]:
    """`check` of the window as it is, and with each other tab of its tab widgets on view."""
    settle()
    found = check(window)
    for tabs in window.findChildren(QTabWidget):
        if not _shown(tabs, window):
            continue
        first = tabs.currentIndex()
        for index in range(tabs.count()):
            if index == first or not tabs.isTabEnabled(index):
                continue
            tabs.setCurrentIndex(index)
            settle()
            found += [f"tab {tabs.tabText(index).replace('&', '')!r}: {p}" for p in check(window)]
        tabs.setCurrentIndex(first)
    return list(dict.fromkeys(found))


CHECKS: list[Callable[[QWidget], list[str]]] = [
    frame_problems,
    label_problems,
    button_problems,
    placeholder_problems,
    combo_problems,
    scroll_problems,
    box_problems,
    column_problems,
    sideways_problems,
    wrapped_cell_problems,
    mnemonic_problems,
]


def problems(window: QWidget) -> list[str]:
    """Every fault of the window as it is now, and on each tab of its tab widgets (the
    frame, the same on every tab, once)."""
    settle()
    found = frame_problems(window) + on_every_tab(
        window, lambda shown: [p for check in CHECKS[1:] for p in check(shown)]
    )
    return list(dict.fromkeys(found))
