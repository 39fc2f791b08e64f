"""The one base of the window's table models (ENGINEERING.md habit 3).

Rows of one dataclass; a header per column (a dict keyed by a column IntEnum,
or a plain sequence); a display text and a sort key per cell; the row itself
under ROW_ROLE; italics (never colour alone) for rows a subclass marks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
# The roles `data` answers (a subclass answering another answers it before calling it).
ANSWERED_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole,
        SORT_ROLE,
        ROW_ROLE,
    }
)
# People in one cell or sentence are kept apart by semicolons, so that a reader sees
# where one full name ends and the next begins ("Zara Thornstead; Stuart Quenhurst").
PEOPLE_SEPARATOR = "; "


def people_text(names: Sequence[str], none: str = "") -> str:
    """Full names as one list a person reads at a glance; `none` when there are none."""
    return PEOPLE_SEPARATOR.join(names) or none


Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    columns: ClassVar[type[IntEnum] | None] = None
    headers: ClassVar[Mapping[int, str] | Sequence[str]] = ()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._rows_changed()
        self.endResetModel()

    def _rows_changed(self) -> None:
        """Anything worked out from all the rows at once."""

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.AccessibleTextRole:  # a two-line header read as one
            return self.headers[section].replace("\n", " ")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # A view asks each cell for a dozen roles as it lays out and paints; the ones no
        # model here answers go back at once (D371).
        if role not in ANSWERED_ROLES:
            return None
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = self.columns(index.column()) if self.columns else index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, column) or None
        if role == SORT_ROLE:
            return self.sort_key(item, column)
        if role == ROW_ROLE:
            return item
        if role == Qt.ItemDataRole.FontRole and self.marked(item):
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def display(self, item: Any, column: Any) -> str:
        raise NotImplementedError

    def tooltip(self, item: Any, column: Any) -> str:
        """The whole text of a cell a narrow column cuts short, unless a subclass says more."""
        return self.display(item, column)

    def sort_key(self, item: Any, column: Any) -> Any:
        return self.display(item, column).casefold()

    def marked(self, item: Any) -> bool:
        return False
