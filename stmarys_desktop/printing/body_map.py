"""The body map on paper: the front and back outlines with the numbered marks, and the
marks in words beside them (as on the screen, ui/body_map.py, whose outline this follows).

The outline is the union of a head, a neck, a torso, arms, legs, hands and
feet. Drawing each part's edge thick in black and then its inside in white
leaves only the outer edge of the union, with no line where two parts overlap.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from stmarys_desktop.domain.body_map import SIDES, describe
from stmarys_desktop.domain.incidents import BodyMark
from stmarys_desktop.printing.document import PLAIN_FONT, escape, para, styles

FIGURE_WIDTH = 20 * mm  # the outline's box is one wide and two tall
EDGE = 0.9  # points
_LIMBS = (
    (((0.335, 0.39), (0.24, 0.67), (0.185, 0.96)), 0.085),
    (((0.43, 0.97), (0.415, 1.44), (0.405, 1.86)), 0.115),
)
_ENDS = ((0.332, 1.03, 0.042, 0.06), (0.1, 1.91, 0.052, 0.04))  # hands, feet: off centre


class BodyMapFigure(Flowable):
    """Both outlines side by side, each lettered R and L, with the numbered marks."""

    def __init__(self, marks: Sequence[BodyMark]) -> None:
        super().__init__()
        self.marks = list(marks)
        self.width = 2 * FIGURE_WIDTH + 24 * mm
        self.height = 2 * FIGURE_WIDTH + 8 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _box(self, side: str) -> tuple[float, float]:
        """The bottom left of the side's figure box."""
        left = 5 * mm + (0 if side == "front" else FIGURE_WIDTH + 14 * mm)
        return left, 2 * mm

    def draw(self) -> None:
        canvas: Canvas = self.canv
        for side in SIDES:
            left, bottom = self._box(side)
            top = bottom + 2 * FIGURE_WIDTH
            canvas.setFont("DejaVuSans-Bold", 8)
            canvas.drawCentredString(left + FIGURE_WIDTH / 2, top + 2 * mm, side.capitalize())
            right_side, left_side = ("R", "L") if side == "front" else ("L", "R")
            canvas.drawCentredString(left - 3 * mm, top - 0.7 * FIGURE_WIDTH, right_side)
            canvas.drawCentredString(
                left + FIGURE_WIDTH + 3 * mm, top - 0.7 * FIGURE_WIDTH, left_side
            )
            self._outline(canvas, left, top, edge=True)
            self._outline(canvas, left, top, edge=False)
        for number, mark in enumerate(self.marks, 1):
            left, bottom = self._box(mark.side)
            x = left + mark.x * FIGURE_WIDTH
            y = bottom + (1 - mark.y) * 2 * FIGURE_WIDTH
            canvas.setFillColor(colors.white)
            canvas.setStrokeColor(colors.black)
            canvas.setLineWidth(0.8)
            canvas.circle(x, y, 2.1 * mm, stroke=1, fill=1)
            canvas.setFillColor(colors.black)
            canvas.setFont("DejaVuSans-Bold", 6.5)
            canvas.drawCentredString(x, y - 2.3, str(number))

    @staticmethod
    def _outline(canvas: Canvas, left: float, top: float, *, edge: bool) -> None:
        """One figure: its parts' edges (edge=True), or their insides, over the edges."""
        scale = FIGURE_WIDTH

        def at(x: float, y: float) -> tuple[float, float]:
            return left + x * scale, top - y * scale

        grow = EDGE if edge else 0.0
        canvas.saveState()
        canvas.setFillColor(colors.black if edge else colors.HexColor("#f4f4f4"))
        canvas.setStrokeColor(colors.black if edge else colors.HexColor("#f4f4f4"))
        canvas.setLineWidth(2 * grow)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        draw = {"stroke": 1 if edge else 0, "fill": 1}
        cx, cy = at(0.5, 0.14)
        canvas.ellipse(
            cx - 0.09 * scale, cy - 0.11 * scale, cx + 0.09 * scale, cy + 0.11 * scale, **draw
        )
        x0, y0 = at(0.45, 0.36)
        canvas.roundRect(x0, y0, 0.1 * scale, 0.13 * scale, 0.03 * scale, **draw)
        torso = canvas.beginPath()
        torso.moveTo(*at(0.36, 0.34))
        torso.lineTo(*at(0.64, 0.34))
        torso.curveTo(*at(0.68, 0.3467), *at(0.6933, 0.3733), *at(0.69, 0.42))
        for point in ((0.64, 0.66), (0.66, 1.0), (0.34, 1.0), (0.36, 0.66), (0.31, 0.42)):
            torso.lineTo(*at(*point))
        torso.curveTo(*at(0.3067, 0.3733), *at(0.32, 0.3467), *at(0.36, 0.34))
        torso.close()
        canvas.drawPath(torso, **draw)
        for sign in (-1, 1):
            for points, width in _LIMBS:
                canvas.setLineWidth(width * scale + 2 * grow)
                limb = canvas.beginPath()
                limb.moveTo(*at(0.5 + sign * (points[0][0] - 0.5), points[0][1]))
                for x, y in points[1:]:
                    limb.lineTo(*at(0.5 + sign * (x - 0.5), y))
                canvas.drawPath(limb, stroke=1, fill=0)
            canvas.setLineWidth(2 * grow)
            for off, y, rx, ry in _ENDS:
                ex, ey = at(0.5 + sign * off, y)
                canvas.ellipse(
                    ex - rx * scale, ey - ry * scale, ex + rx * scale, ey + ry * scale, **draw
                )
        canvas.restoreState()


def body_map(marks: Sequence[BodyMark]) -> Table:
    """The figure, and beside it each mark in words, kept together."""
    words = "<br/>".join(escape(describe(number, mark)) for number, mark in enumerate(marks, 1))
    figure = BodyMapFigure(marks)
    return Table(
        [[figure, para(f"<b>Body map</b><br/>{words}", styles().cell)]],
        colWidths=[figure.width + 4 * mm, None],
        hAlign="LEFT",
        style=TableStyle(
            [
                PLAIN_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.5, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
    )
