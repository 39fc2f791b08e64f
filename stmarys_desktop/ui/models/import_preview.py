"""The import's preview: one row per record the file would add, ticked to be imported."""

from __future__ import annotations

from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import Qt

from stmarys_desktop.services.imports import Record
from stmarys_desktop.ui.models.base import Index, RowsModel


class PreviewColumn(IntEnum):
    IMPORT = 0
    WHERE = 1
    RECORD = 2
    CHECK = 3


class PreviewModel(RowsModel):
    columns = PreviewColumn
    headers: ClassVar[dict[int, str]] = {
        PreviewColumn.IMPORT: "Import",
        PreviewColumn.WHERE: "Where in the file",
        PreviewColumn.RECORD: "Record",
        PreviewColumn.CHECK: "What the check found",
    }

    def __init__(self) -> None:
        super().__init__()
        self.chosen: set[int] = set()  # id() of the chosen records

    def _rows_changed(self) -> None:
        # Clean records are ticked; one that needs a decision waits for the person.
        self.chosen = {id(r) for r in self._rows if r.clean}

    def chosen_records(self) -> list[Record]:
        return [r for r in self._rows if id(r) in self.chosen]

    def display(self, item: Record, column: Any) -> str:
        if column is PreviewColumn.IMPORT:
            return "" if item.problems else ("yes" if id(item) in self.chosen else "no")
        if column is PreviewColumn.WHERE:
            return item.where
        if column is PreviewColumn.RECORD:
            return item.label
        if item.problems:
            return " ".join(_without_sheet(item, p) for p in item.problems)
        if item.warnings:
            return "Needs your decision: " + " ".join(item.warnings)
        return "Ready"

    def marked(self, item: Record) -> bool:
        return bool(item.problems)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        item = self.row_at(index.row())
        if index.column() == PreviewColumn.IMPORT and item is not None and not item.problems:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.row_at(index.row()) if index.isValid() else None
        if item is not None and index.column() == PreviewColumn.IMPORT:
            if role == Qt.ItemDataRole.CheckStateRole and not item.problems:
                return Qt.CheckState.Checked if id(item) in self.chosen else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.DisplayRole:
                return None
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"Import {item.label}: " + (
                    "cannot be imported"
                    if item.problems
                    else "chosen"
                    if id(item) in self.chosen
                    else "not chosen"
                )
        return super().data(index, role)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None or item.problems or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        (self.chosen.add if checked else self.chosen.discard)(id(item))
        self.dataChanged.emit(index, index)
        return True


def _without_sheet(item: Record, problem: str) -> str:
    """The problem as the row shows it: the Where column already names the sheet."""
    if problem.startswith(item.where + ": "):
        return problem[len(item.where) + 2 :]
    return problem.removeprefix(item.sheet + ", ")
