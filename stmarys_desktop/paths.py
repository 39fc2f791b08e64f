"""Every folder the application uses, decided in one place.

Data folder, in order: the `--data-dir` option, `STMARYS_DATA_DIR`, a
`portable.txt` beside a frozen executable (data kept in `data/` beside it),
then platformdirs' user data folder. Settings live in the config folder
(`STMARYS_CONFIG_DIR` overrides it, which the tests use).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "stmarys-desktop"
APP_AUTHOR = "StMarys"

DATA_DIR_ENV = "STMARYS_DATA_DIR"
CONFIG_DIR_ENV = "STMARYS_CONFIG_DIR"
PORTABLE_MARKER = "portable.txt"


def executable_dir() -> Path | None:
    """The folder of a frozen (PyInstaller) executable, else None."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    exe_dir = executable_dir()
    if exe_dir is not None and (exe_dir / PORTABLE_MARKER).is_file():
        return exe_dir / "data"
    import platformdirs  # only when no folder is given: 10 ms of start-up (D210)

    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR)


def config_dir() -> Path:
    from_env = os.environ.get(CONFIG_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    exe_dir = executable_dir()
    if exe_dir is not None and (exe_dir / PORTABLE_MARKER).is_file():
        return exe_dir / "data" / "config"
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, APP_AUTHOR)


def resources_dir() -> Path:
    """Bundled resources: frozen bundle, installed wheel, or source checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    if (installed / "policy").is_dir():
        return installed
    return package.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
