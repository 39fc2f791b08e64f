"""The program's own icon (resources/icons, drawn for it; scripts/make_icon.py makes the
PNG sizes and the Windows .ico from the SVG)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from stmarys_desktop.paths import resource

SIZES = (16, 24, 32, 48, 64, 128, 256)


@cache
def app_icon() -> QIcon:
    """Every size the window manager and task bar may ask for, from PNG files (no SVG
    plug-in is needed in the frozen build)."""
    icon = QIcon()
    for size in SIZES:
        path = resource("icons", f"stmarys-{size}.png")
        if path.is_file():
            # With its size given, Qt reads a file only when that size is drawn.
            icon.addFile(str(path), QSize(size, size))
    return icon
