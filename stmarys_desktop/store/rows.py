"""Reading query results by name, never by counting columns (issue 17, item 1).

A query of several columns is unpacked into names, handed to a constructor whose
parameters name the columns in order, or built into a dataclass whose fields are its
columns in order (`build`); `value` and `column` cover the one-column queries."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from stmarys_desktop.store.database import Connection

T = TypeVar("T")


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


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


def build(cls: type[T], columns: Sequence[Any], **convert: Callable[[Any], Any]) -> T:
    """A dataclass from a query whose columns are its fields in order (any left over take
    their defaults), each field named in `convert` passed through its function first."""
    names = _field_names(cls)
    if len(columns) > len(names):
        raise ValueError(f"{len(columns)} columns for the {len(names)} fields of {cls.__name__}")
    values = dict(zip(names, columns, strict=False))
    for name, change in convert.items():
        values[name] = change(values[name])
    return cls(**values)
