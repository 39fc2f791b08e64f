"""The window's own settings file: geometry and the last user name, nothing else.

JSON in the config folder (paths.config_dir). Qt's geometry blob is kept as
hex text, never pickled; an unreadable file is ignored, never fatal. It is read with
Qt's own JSON reader, as Python's `json` is 2 ms of the sign-in window's start (D370),
and written with `json`, when the window closes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import NamedTuple

from stmarys_desktop import paths

FILE_NAME = "window.json"


class WindowSettings(NamedTuple):
    """What the window keeps between starts. Changed with `_replace`; a NamedTuple, as
    `dataclasses` would be 3 ms of the sign-in window's start (D370)."""

    geometry: bytes = b""
    last_user_name: str = ""
    # A throw-away demo centre leaves nothing behind, not even this file.
    keep: bool = True

    @staticmethod
    def path() -> Path:
        return paths.config_dir() / FILE_NAME

    @classmethod
    def load(cls) -> WindowSettings:
        from PySide6.QtCore import QByteArray, QJsonDocument

        try:
            document = QJsonDocument.fromJson(QByteArray(cls.path().read_bytes()))
            if not document.isObject():
                return cls()
            data = document.object()
            geometry = bytes.fromhex(str(data.get("geometry", "")))
            user = str(data.get("last_user_name", ""))[:64]
        except (OSError, ValueError, AttributeError):
            return cls()
        return cls(geometry, user)

    def save(self) -> None:
        """Write atomically; a settings file that cannot be written is not worth an error."""
        if not self.keep:
            return
        import json

        target = self.path()
        data = json.dumps(
            {"geometry": self.geometry.hex(), "last_user_name": self.last_user_name}, indent=1
        )
        with contextlib.suppress(OSError):
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".window-", dir=target.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(data)
                os.replace(temp, target)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
