"""The staff list on the Staff screen: one row per person, for a manager.

The list is read once per visit (one logged view of vetting information) and
searched here as the person types: a centre has tens of staff, not thousands,
and a search in the database would write an audit row per keystroke
(decisions.md D55).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from stmarys_desktop.domain.dates import short_date
from stmarys_desktop.domain.staff import StaffStatus, StaffSummary
from stmarys_desktop.policy.vetting import work_in_a_line
from stmarys_desktop.ui.models.base import ROW_ROLE, SORT_ROLE, RowsModel

SUMMARY_ROLE = ROW_ROLE
Index = QModelIndex | QPersistentModelIndex
NOT_RECORDED = "Not recorded"
CURRENT = "current"  # the list's filter: everyone who has not left


class StaffColumn(IntEnum):
    NAME = 0
    ROLE = 1
    STATUS = 2
    CLEARED = 3
    NEXT_CHECK = 4
    TRAINING = 5
    POLICY = 6


def cleared_text(summary: StaffSummary) -> str:
    return work_in_a_line(summary.member.status, summary.clearance)


class StaffModel(RowsModel):
    columns = StaffColumn
    headers: ClassVar[dict[int, str]] = {
        StaffColumn.NAME: "Name",
        StaffColumn.ROLE: "Role",
        StaffColumn.STATUS: "Status",
        StaffColumn.CLEARED: "Cleared to work",
        StaffColumn.NEXT_CHECK: "Next DBS\ncheck due",
        StaffColumn.TRAINING: "Training\nrenewal due",
        StaffColumn.POLICY: "Policy\nacknowledged",
    }

    def summary_at(self, row: int) -> StaffSummary | None:
        return self.row_at(row)

    def row_of(self, staff_id: int) -> int:
        return next((n for n, s in enumerate(self._rows) if s.member.id == staff_id), -1)

    def display(self, item: StaffSummary, column: StaffColumn) -> str:
        member = item.member
        match column:
            case StaffColumn.NAME:
                return member.full_name
            case StaffColumn.ROLE:
                return member.centre_role.label
            case StaffColumn.STATUS:
                return member.status.label
            case StaffColumn.CLEARED:
                return cleared_text(item)
            case StaffColumn.NEXT_CHECK:
                return short_date(item.next_check_due, NOT_RECORDED)
            case StaffColumn.TRAINING:
                return short_date(item.training_due, NOT_RECORDED)
            case StaffColumn.POLICY:
                return item.policy_acknowledged.text

    def tooltip(self, item: StaffSummary, column: StaffColumn) -> str:
        if column is StaffColumn.CLEARED:
            return item.clearance.summary
        return ""

    def sort_key(self, item: StaffSummary, column: StaffColumn) -> str:
        # Dates sort as ISO text; a missing date sorts first, as the most pressing.
        if column is StaffColumn.NEXT_CHECK:
            return item.next_check_due.isoformat() if item.next_check_due else ""
        if column is StaffColumn.TRAINING:
            return item.training_due.isoformat() if item.training_due else ""
        if column is StaffColumn.POLICY:
            # Not yet first, then by the day it was signed; those who left last.
            policy = item.policy_acknowledged
            if policy.acknowledged_on is not None:
                return "1" + policy.acknowledged_on.isoformat()
            return "0" if policy.expected else "2"
        return self.display(item, column).casefold()


class StaffFilter(QSortFilterProxyModel):
    """Search as you type (every word must begin a word of the name or role) and status."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []
        self._status: StaffStatus | str | None = CURRENT

    def set_text(self, text: str) -> None:
        self._change(lambda: setattr(self, "_words", text.casefold().split()))

    def set_status(self, status: StaffStatus | str | None) -> None:
        """A status, None for everyone, or CURRENT for everyone who has not left."""
        self._change(lambda: setattr(self, "_status", status))

    def _change(self, apply: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            apply()
            self.endFilterChange()
        else:
            apply()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, StaffModel)
        summary = model.summary_at(source_row)
        if summary is None:
            return False
        status = summary.member.status
        if self._status == CURRENT and status is StaffStatus.LEFT:
            return False
        if self._status not in (None, CURRENT) and status != self._status:
            return False
        words = f"{summary.member.full_name} {summary.member.centre_role.label}".casefold().split()
        return all(any(w.startswith(typed) for w in words) for typed in self._words)
