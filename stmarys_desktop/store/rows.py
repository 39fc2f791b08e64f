"""Reading query results by name, never by counting columns (issue 17, item 1).

A query of several columns is unpacked into names, or handed to a constructor whose
parameters name the columns in order; these two cover the one-column queries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stmarys_desktop.store.database import Connection


def value(conn: Connection, sql: str, parameters: Sequence[Any] = ()) -> Any | None:
    """The single column of the first row, or None when there is no row."""
    found = conn.execute(sql, parameters).fetchone()
    if found is None:
        return None
    (single,) = found
    return single


def column(conn: Connection, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
    """The single column of every row, in the query's order."""
    return [single for (single,) in conn.execute(sql, parameters)]
