"""Make the program's icon files from resources/icons/stmarys.svg.

    python scripts/make_icon.py

Writes stmarys-16.png ... stmarys-256.png (the window and task bar, through QIcon)
and stmarys.ico (the Windows executable, build.spec) beside the SVG. Run it after
changing the drawing, look at the pictures, and commit them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    assert app is not None
    renderer = QSvgRenderer(str(ICONS / "stmarys.svg"))
    if not renderer.isValid():
        raise SystemExit("the SVG could not be read")
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = ICONS / f"stmarys-{size}.png"
        if not image.save(str(target)):
            raise SystemExit(f"could not write {target}")
        if size == 256 and not image.save(str(ICONS / "stmarys.ico"), "ICO"):
            raise SystemExit("could not write stmarys.ico")
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
