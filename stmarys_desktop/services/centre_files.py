"""Facts about a data folder that the window needs before anyone signs in."""

from __future__ import annotations

import os
from pathlib import Path

from stmarys_desktop.store.files import CentreFiles


def centre_exists(folder: str | os.PathLike[str]) -> bool:
    """Whether the folder holds a centre (or what is left of one): then no set-up wizard."""
    return CentreFiles(Path(folder)).exists()
