"""A body map's words: the parts of the body, where they are on each outline, a mark in
words. No drawing here: the screen (ui/body_map.py) and the printed accident book
(printing/accident_book.py) each draw the outline their own way.

On the front outline the child's right is on the viewer's left; on the back
outline it is on the viewer's right.
"""

from __future__ import annotations

import math

from stmarys_desktop.domain.incidents import BodyMark

SIDES = ("front", "back")
# Figures are twice as tall as they are wide.
FIGURE_ASPECT = 2.0

# Parts of the body and where they are on the FRONT outline (the child's right on the
# viewer's left). On the back outline the same part is mirrored across.
_PARTS: list[tuple[str, float, float]] = [
    ("Head", 0.5, 0.07),
    ("Neck", 0.5, 0.145),
    ("Right shoulder", 0.35, 0.18),
    ("Left shoulder", 0.65, 0.18),
    ("Chest", 0.5, 0.25),
    ("Tummy", 0.5, 0.37),
    ("Hips", 0.5, 0.47),
    ("Right upper arm", 0.27, 0.27),
    ("Left upper arm", 0.73, 0.27),
    ("Right forearm", 0.205, 0.4),
    ("Left forearm", 0.795, 0.4),
    ("Right hand", 0.165, 0.52),
    ("Left hand", 0.835, 0.52),
    ("Right thigh", 0.42, 0.6),
    ("Left thigh", 0.58, 0.6),
    ("Right knee", 0.415, 0.71),
    ("Left knee", 0.585, 0.71),
    ("Right lower leg", 0.41, 0.82),
    ("Left lower leg", 0.59, 0.82),
    ("Right foot", 0.395, 0.955),
    ("Left foot", 0.605, 0.955),
]
_BACK_NAMES = {"Chest": "Upper back", "Tummy": "Lower back", "Hips": "Bottom"}


def parts(side: str) -> list[tuple[str, float, float]]:
    """(name, x, y) of each part of the body on this outline."""
    if side == "front":
        return list(_PARTS)
    return [(_BACK_NAMES.get(name, name), 1 - x, y) for name, x, y in _PARTS]


def nearest_part(side: str, x: float, y: float) -> str:
    # Distances in the figure's own proportions, so 'across' and 'down' weigh the same.
    return min(parts(side), key=lambda p: math.hypot((p[1] - x), (p[2] - y) * FIGURE_ASPECT))[0]


def describe(number: int, mark: BodyMark) -> str:
    where = nearest_part(mark.side, mark.x, mark.y).lower()
    return f"{number}. {mark.side.capitalize()}, {where}: {mark.note or '(no note yet)'}"
