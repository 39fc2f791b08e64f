"""A simple body map: front and back outlines, numbered marks, each with a note.

A mark is added by clicking on an outline, or without a mouse by choosing the
side and the part of the body from lists and pressing "Add mark". The marks
are listed in words as well as drawn, so the map never depends on seeing it.
Positions are kept from 0 to 1 across and down each outline (BodyMark).

On the front outline the child's right is on the viewer's left; on the back
outline it is on the viewer's right. Both are lettered R and L.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.body_map import (
    FIGURE_ASPECT,
    SIDES,
    describe,
    nearest_part,
    parts,
)
from stmarys_desktop.domain.incidents import BodyMark
from stmarys_desktop.ui.widgets import add_row, button, named

__all__ = [
    "FIGURE_ASPECT",
    "SIDES",
    "BodyMapCanvas",
    "BodyMapEditor",
    "describe",
    "nearest_part",
    "parts",
]


# The parts of the body, their places on each outline and the marks' words are pure
# (domain/body_map.py), so the printed accident book uses the same (issue 21).
def _outline() -> QPainterPath:
    """The figure in a box 1 wide and 2 tall (FIGURE_ASPECT): one outline of the body."""
    path = QPainterPath()
    path.addEllipse(QPointF(0.5, 0.14), 0.09, 0.11)
    path.addRoundedRect(QRectF(0.45, 0.23, 0.1, 0.13), 0.03, 0.03)
    torso = QPainterPath()
    torso.moveTo(0.36, 0.34)
    torso.lineTo(0.64, 0.34)
    torso.quadTo(0.7, 0.35, 0.69, 0.42)
    torso.lineTo(0.64, 0.66)
    torso.lineTo(0.66, 1.0)
    torso.lineTo(0.34, 1.0)
    torso.lineTo(0.36, 0.66)
    torso.lineTo(0.31, 0.42)
    torso.quadTo(0.3, 0.35, 0.36, 0.34)
    torso.closeSubpath()
    path = path.united(torso)
    arms = QPainterPath()
    legs = QPainterPath()
    for sign in (-1, 1):

        def at(x: float, y: float, s: int = sign) -> QPointF:
            return QPointF(0.5 + s * (x - 0.5), y)

        arms.moveTo(at(0.335, 0.39))
        arms.lineTo(at(0.24, 0.67))
        arms.lineTo(at(0.185, 0.96))
        legs.moveTo(at(0.43, 0.97))
        legs.lineTo(at(0.415, 1.44))
        legs.lineTo(at(0.405, 1.86))
    for centre_line, width in ((arms, 0.085), (legs, 0.115)):
        stroker = QPainterPathStroker()
        stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
        stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        stroker.setWidth(width)
        path = path.united(stroker.createStroke(centre_line))
    for sign in (-1, 1):
        ends = QPainterPath()
        ends.addEllipse(QPointF(0.5 + sign * 0.332, 1.03), 0.042, 0.06)
        ends.addEllipse(QPointF(0.5 + sign * 0.1, 1.91), 0.052, 0.04)
        path = path.united(ends)
    return path.simplified()


class BodyMapCanvas(QWidget):
    """The drawing: two outlines and the numbered marks. Clicking asks for a mark there."""

    clicked = Signal(str, float, float)

    def __init__(self, *, read_only: bool = False) -> None:
        super().__init__()
        self.read_only = read_only
        self.marks: list[BodyMark] = []
        self.selected = -1
        self._outline = _outline()
        named(
            self,
            "Body map drawing",
            "The marks as a drawing; they are also listed in words."
            if read_only
            else "Click on an outline to add a mark there; or choose the side and the part of "
            "the body below and press Add mark.",
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        if not read_only:
            self.setCursor(Qt.CursorShape.CrossCursor)

    def sizeHint(self) -> QSize:
        em = self.fontMetrics().height()
        return QSize(em * 16, em * 17)

    def minimumSizeHint(self) -> QSize:
        em = self.fontMetrics().height()
        return QSize(em * 9, em * 10)

    def set_marks(self, marks: list[BodyMark], selected: int = -1) -> None:
        self.marks = list(marks)
        self.selected = selected
        self.update()

    # -- geometry -----------------------------------------------------------------------

    def figure_rect(self, side: str) -> QRectF:
        """Where the outline of `side` is drawn, in widget pixels."""
        em = self.fontMetrics().height()
        label = em * 1.6
        width = self.width() / 2
        height = self.height() - label
        # Room either side of each figure for its R and L.
        figure_height = max(1.0, min(height - em * 0.5, (width - em * 3.4) * FIGURE_ASPECT))
        figure_width = figure_height / FIGURE_ASPECT
        left = (width - figure_width) / 2 + (width if side == "back" else 0)
        return QRectF(left, label + (height - figure_height) / 2, figure_width, figure_height)

    def point_of(self, mark: BodyMark) -> QPointF:
        rect = self.figure_rect(mark.side)
        return QPointF(rect.left() + mark.x * rect.width(), rect.top() + mark.y * rect.height())

    def position_at(self, point: QPointF) -> tuple[str, float, float] | None:
        for side in SIDES:
            rect = self.figure_rect(side)
            if rect.contains(point):
                return (
                    side,
                    (point.x() - rect.left()) / rect.width(),
                    (point.y() - rect.top()) / rect.height(),
                )
        return None

    # -- events -------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.read_only or not self.isEnabled() or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        found = self.position_at(event.position())
        if found is not None:
            self.clicked.emit(*found)
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        enabled = self.isEnabled()
        group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
        text = palette.color(group, QPalette.ColorRole.WindowText)
        painter.fillRect(self.rect(), palette.color(group, QPalette.ColorRole.Base))
        em = self.fontMetrics().height()
        for side in SIDES:
            rect = self.figure_rect(side)
            painter.setPen(text)
            painter.setFont(self.font())
            painter.drawText(
                QRectF(rect.center().x() - em * 4, em * 0.2, em * 8, em * 1.3),
                int(Qt.AlignmentFlag.AlignCenter),
                side.capitalize(),
            )
            self._draw_outline(painter, rect, text)
            right, left = ("R", "L") if side == "front" else ("L", "R")
            small = QFont(self.font())
            small.setBold(True)
            painter.setFont(small)
            painter.setPen(text)
            y = rect.top() + rect.height() * 0.3
            painter.drawText(
                QRectF(rect.left() - em * 1.4, y, em * 1.2, em * 1.2),
                int(Qt.AlignmentFlag.AlignCenter),
                right,
            )
            painter.drawText(
                QRectF(rect.right() + em * 0.2, y, em * 1.2, em * 1.2),
                int(Qt.AlignmentFlag.AlignCenter),
                left,
            )
        self._draw_marks(painter, em, enabled)
        painter.end()

    def _draw_outline(self, painter: QPainter, rect: QRectF, text: QColor) -> None:
        painter.save()
        painter.translate(rect.topLeft())
        # The outline is drawn in a box 1 wide and 2 tall; both axes scale alike.
        painter.scale(rect.width(), rect.width())
        pen = QPen(text)
        pen.setCosmetic(True)
        pen.setWidthF(max(1.0, self.fontMetrics().height() / 10))
        painter.setPen(pen)
        fill = QColor(text)
        fill.setAlpha(18)
        painter.setBrush(QBrush(fill))
        painter.drawPath(self._outline)
        painter.restore()

    def _draw_marks(self, painter: QPainter, em: float, enabled: bool) -> None:
        radius = em * 0.55
        marker = QColor("#a40000") if enabled else QColor("#8a8a8a")
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.8)
        painter.setFont(font)
        for number, mark in enumerate(self.marks, 1):
            centre = self.point_of(mark)
            pen = QPen(QColor("white") if number - 1 != self.selected else QColor("black"))
            pen.setWidthF(max(1.0, em / 8) * (2 if number - 1 == self.selected else 1))
            painter.setPen(pen)
            painter.setBrush(marker)
            painter.drawEllipse(centre, radius, radius)
            painter.setPen(QColor("white"))
            painter.drawText(
                QRectF(centre.x() - radius, centre.y() - radius, radius * 2, radius * 2),
                int(Qt.AlignmentFlag.AlignCenter),
                str(number),
            )


class MarksList(QListWidget):
    """The marks in words: a few lines tall, so the drawing keeps the room."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        lines = self.fontMetrics().lineSpacing() * 4 + self.frameWidth() * 2
        return QSize(hint.width(), lines + self.fontMetrics().lineSpacing() // 2)


class BodyMapEditor(QWidget):
    """The canvas, the list of marks in words, and keyboard controls to add and remove."""

    changed = Signal()

    def __init__(self, *, read_only: bool = False) -> None:
        super().__init__()
        self.read_only = read_only
        self._marks: list[BodyMark] = []
        self.canvas = BodyMapCanvas(read_only=read_only)
        self.marks_list = named(MarksList(), "Marks on the body map")
        self.marks_list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas, 1)
        if not read_only:
            layout.addLayout(self._add_controls())
        list_label = QLabel("&Marks:" if not read_only else "Marks:")
        list_label.setBuddy(self.marks_list)
        layout.addWidget(list_label)
        layout.addWidget(self.marks_list)
        self.marks_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if read_only:
            self.marks_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        else:
            layout.addLayout(self._note_controls())
            self.canvas.clicked.connect(self.add_mark)
            self.marks_list.currentRowChanged.connect(self._selection_changed)
        self._selection_changed(-1)

    def _add_controls(self) -> QFormLayout:
        self.side = named(QComboBox(), "Side of the body")
        for side in SIDES:
            self.side.addItem(side.capitalize(), side)
        self.part = named(QComboBox(), "Part of the body")
        self.side.currentIndexChanged.connect(self._fill_parts)
        self._fill_parts()
        self.add_button = button(
            "A&dd mark", "Add mark", "Add a mark on the chosen part of the body"
        )
        self.add_button.clicked.connect(self._add_chosen)
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.side)
        row.addWidget(self.part, 1)
        row.addWidget(self.add_button)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Side and &part:")
        label.setBuddy(self.side)
        form.addRow(label, holder)
        return form

    def _note_controls(self) -> QFormLayout:
        self.note = named(QLineEdit(), "Note for the selected mark")
        self.note.setPlaceholderText("For example: bruise about 2 cm, yellowish")
        self.note.setMaxLength(200)
        self.note.textEdited.connect(self._note_edited)
        self.remove_button = button("Remo&ve mark", "Remove mark", "Remove the selected mark")
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.note, 1)
        row.addWidget(self.remove_button)
        holder = QWidget()
        holder.setLayout(row)
        form = QFormLayout()
        add_row(form, "N&ote:", holder)
        holder.setAccessibleName("Selected mark")
        return form

    def _fill_parts(self) -> None:
        side = self.side.currentData() or "front"
        keep = self.part.currentIndex()
        self.part.clear()
        for name, x, y in parts(side):
            self.part.addItem(name, (x, y))
        self.part.setCurrentIndex(max(0, keep))

    # -- the marks ----------------------------------------------------------------------

    @property
    def marks(self) -> list[BodyMark]:
        return list(self._marks)

    def set_marks(self, marks: list[BodyMark]) -> None:
        self._marks = list(marks)
        self._show(len(self._marks) - 1 if not self.read_only else -1)

    def add_mark(self, side: str, x: float, y: float, note: str = "") -> None:
        self._marks.append(BodyMark(side, min(1.0, max(0.0, x)), min(1.0, max(0.0, y)), note))
        self._show(len(self._marks) - 1)
        self.changed.emit()
        if not self.read_only:
            self.note.setFocus()

    def _add_chosen(self) -> None:
        x, y = self.part.currentData()
        self.add_mark(self.side.currentData(), x, y)

    def remove_selected(self) -> None:
        row = self.marks_list.currentRow()
        if not 0 <= row < len(self._marks):
            return
        del self._marks[row]
        self._show(min(row, len(self._marks) - 1))
        self.changed.emit()

    def _note_edited(self, text: str) -> None:
        row = self.marks_list.currentRow()
        if 0 <= row < len(self._marks):
            self._marks[row] = replace(self._marks[row], note=text)
            item = self.marks_list.item(row)
            item.setText(describe(row + 1, self._marks[row]))
            self.changed.emit()

    def _show(self, selected: int) -> None:
        self.marks_list.blockSignals(True)
        self.marks_list.clear()
        for number, mark in enumerate(self._marks, 1):
            self.marks_list.addItem(QListWidgetItem(describe(number, mark)))
        if not self._marks:
            empty = QListWidgetItem(
                "No marks."
                if self.read_only
                else "No marks yet. Click on an outline, or use Add mark."
            )
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.marks_list.addItem(empty)
        self.marks_list.setCurrentRow(selected if self._marks else -1)
        self.marks_list.blockSignals(False)
        self._selection_changed(self.marks_list.currentRow())

    def _selection_changed(self, row: int) -> None:
        has_mark = 0 <= row < len(self._marks)
        self.canvas.set_marks(self._marks, row if has_mark else -1)
        if self.read_only:
            return
        self.note.setEnabled(has_mark)
        self.remove_button.setEnabled(has_mark)
        self.note.setText(self._marks[row].note if has_mark else "")
