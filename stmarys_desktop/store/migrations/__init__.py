"""Numbered schema migrations: `NNNN_name.sql`, one version step per file.

Each file runs in one transaction with `PRAGMA user_version` set to its
number, so a failure leaves the database at the previous version.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stmarys_desktop.domain.errors import UpgradeFailed
from stmarys_desktop.store.database import Connection

HERE = Path(__file__).resolve().parent
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    path: Path

    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def available(folder: Path = HERE) -> list[Migration]:
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), path))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return found


def latest_version(folder: Path = HERE) -> int:
    return len(available(folder))


def current_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: Connection, *, before: Callable[[int], None] | None = None, folder: Path = HERE
) -> list[int]:
    """Bring the schema up to date; `before(version)` runs first if anything is due.

    A database at a version above the last migration was written by a newer
    release, whose tables this one does not know: it is refused, untouched.
    """
    version = current_version(conn)
    known = available(folder)
    latest = known[-1].version if known else 0
    if version > latest:
        raise UpgradeFailed(
            f"This centre was written by a newer version of the application (its database "
            f"is at version {version}; this version knows up to {latest}), so it was not "
            "opened and nothing was changed. Please use that version or a later one."
        )
    due = [m for m in known if m.version > version]
    if not due:
        return []
    if before is not None and version > 0:
        before(version)
    applied = []
    for migration in due:
        script = (
            f"BEGIN IMMEDIATE;\n{migration.sql()}\n"
            f"PRAGMA user_version = {migration.version};\nCOMMIT;"
        )
        try:
            conn.executescript(script)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
