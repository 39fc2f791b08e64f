"""Every window's first size, from its content and the screen it opens on.

KeePassXC's way (ENGINEERING.md): a window asks its layout what it needs (the
size hint, and the height its wrapped text needs at the width it gets) and never
takes more than the screen's available area, less the frame the window manager
puts round it. A first size a dialog asks for in font units (`want`) is a wish
on top of that, capped the same way. Every dialog of the program derives from
`Dialog` (tests/test_architecture.py keeps it so), which does this once, when
it is first shown, after its rows are built and filled.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QDialog, QTabWidget, QWidget

WANTED = "stmarys_wanted_size"


def available_area(widget: QWidget) -> QRect:
    """The part of the widget's screen that windows may use (no task bar, no dock)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)


def frame_allowance(widget: QWidget) -> QSize:
    """Room for the window manager's title bar and borders: the real frame once the window
    has one, otherwise two lines of the font for the title and half a character each side."""
    window = widget.window()
    real = window.frameGeometry().size() - window.geometry().size()
    metrics = window.fontMetrics()
    guess = QSize(metrics.averageCharWidth(), metrics.lineSpacing() * 2)
    return real.expandedTo(guess)


def largest_size(widget: QWidget) -> QSize:
    """The largest client size whose frame still lies inside the available area."""
    return available_area(widget).size() - frame_allowance(widget)


def want(widget: QWidget, chars: int = 0, lines: int = 0) -> None:
    """Ask for a first size of at least `chars` average characters by `lines` lines."""
    metrics = widget.fontMetrics()
    widget.setProperty(
        WANTED, QSize(metrics.averageCharWidth() * chars, metrics.lineSpacing() * lines)
    )


def _heights(widget: QWidget, width: int) -> tuple[int, int]:
    """The least and the preferred height of the content at `width` (wrapped text needs
    more lines when narrower; lists may shrink to their least height)."""
    layout = widget.layout()
    if layout is None or not layout.hasHeightForWidth():
        return widget.minimumSizeHint().height(), widget.sizeHint().height()
    least = max(layout.totalMinimumHeightForWidth(width), widget.minimumSizeHint().height())
    return least, max(layout.totalHeightForWidth(width), least)


def opening_size(widget: QWidget, wanted: QSize | None = None) -> QSize:
    """What the content needs (and what was wished for), capped at the available area.

    When even the least height the content needs at the hinted width is more than the
    screen has (text wrapped into many lines), the window is made wider, as far as the
    screen allows, until it fits, or until more width no longer lowers that height."""
    largest = largest_size(widget)
    hint = widget.sizeHint().expandedTo(widget.minimumSizeHint())
    wished = wanted if wanted is not None else widget.property(WANTED)
    if isinstance(wished, QSize):
        hint = hint.expandedTo(wished)
    width = min(hint.width(), largest.width())
    least, preferred = _heights(widget, width)
    # Widen no further than helps: a form's least height for a width is its preferred one
    # (QFormLayout), so a list that may be squeezed counts whole, and at the screen's width
    # the content may still be taller than the screen; then the window is made only as
    # wide as lowers its least height, and its layout squeezes the list (D411).
    floor = _heights(widget, largest.width())[0] if least > largest.height() else least
    goal = max(floor, largest.height())
    step = max(widget.fontMetrics().averageCharWidth() * 4, 1)
    while least > goal and width < largest.width():
        width = min(width + step, largest.width())
        least, preferred = _heights(widget, width)
    if isinstance(wished, QSize):
        preferred = max(preferred, wished.height())
    return QSize(width, min(preferred, largest.height()))


def _tab_pages_extra(widget: QWidget) -> int:
    """How much taller than the shown page the tallest other tab page needs to be."""
    extra = 0
    for tabs in widget.findChildren(QTabWidget):
        current = tabs.currentWidget()
        if current is None or not tabs.isVisibleTo(widget):
            continue
        room = current.height()
        for index in range(tabs.count()):
            page = tabs.widget(index)
            need = (
                page.heightForWidth(current.width())
                if page.hasHeightForWidth()
                else page.sizeHint().height()
            )
            extra = max(extra, need - room)
    return extra


def keep_inside(widget: QWidget) -> None:
    """Centre the window over its parent window (or its screen), its frame inside the
    available area."""
    area = available_area(widget)
    frame = frame_allowance(widget)
    outer = widget.size() + frame
    parent = widget.parentWidget()
    centre = (
        parent.window().frameGeometry().center()
        if parent is not None and parent.window().isVisible()
        else area.center()
    )
    x = min(
        max(centre.x() - outer.width() // 2, area.left()),
        area.left() + area.width() - outer.width(),
    )
    y = min(
        max(centre.y() - outer.height() // 2, area.top()),
        area.top() + area.height() - outer.height(),
    )
    widget.move(QPoint(max(x, area.left()), max(y, area.top())))


def fit_window(widget: QWidget, wanted: QSize | None = None) -> None:
    """Give a window its opening size and place it inside the available area."""
    widget.ensurePolished()
    layout = widget.layout()
    if layout is not None:
        layout.activate()
    size = opening_size(widget, wanted)
    widget.resize(size)
    if layout is not None:
        layout.activate()
    extra = _tab_pages_extra(widget)
    if extra > 0:
        widget.resize(size.width(), min(size.height() + extra, largest_size(widget).height()))
    keep_inside(widget)


def grow_to_content(widget: QWidget) -> None:
    """Widen a shown window (never narrow it) when its content now needs more room, such
    as a revealed address, no wider than the available area; it stays inside the area."""
    for child in widget.findChildren(QWidget):
        child.updateGeometry()  # a table's hint follows its rows only when asked again
    layout = widget.layout()
    if layout is not None:
        layout.invalidate()
        layout.activate()
    largest = largest_size(widget)
    width = min(max(widget.width(), widget.sizeHint().width()), largest.width())
    if width <= widget.width():
        return
    least, _ = _heights(widget, width)
    widget.resize(width, min(max(widget.height(), least), largest.height()))
    keep_inside(widget)


class FitOnFirstShow:
    """Mixed into a window class: sized from its content and its screen when first shown
    (after its rows are built and filled)."""

    _fitted = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:
            self._fitted = True
            fit_window(self)  # type: ignore[arg-type]
        super().showEvent(event)  # type: ignore[misc]


class Dialog(FitOnFirstShow, QDialog):
    """Every dialog of the program: sized from its content and its screen."""
