"""The audit log table on Admin > Audit log."""

from __future__ import annotations

from enum import IntEnum
from typing import ClassVar

from stmarys_desktop.domain.audit_rows import AuditRow
from stmarys_desktop.domain.dates import short_stamp
from stmarys_desktop.printing.audit_log import OUTCOMES, what_text
from stmarys_desktop.ui.models.base import RowsModel


class AuditColumn(IntEnum):
    WHEN = 0
    WHO = 1
    WHAT = 2
    OUTCOME = 3
    FAMILY = 4


class AuditLogModel(RowsModel):
    columns = AuditColumn
    headers: ClassVar[dict[int, str]] = {
        AuditColumn.WHEN: "When",
        AuditColumn.WHO: "Who",
        AuditColumn.WHAT: "What",
        AuditColumn.OUTCOME: "Outcome",
        AuditColumn.FAMILY: "Family or record",
    }

    def display(self, item: AuditRow, column: AuditColumn) -> str:
        match column:
            case AuditColumn.WHEN:
                return short_stamp(item.at)
            case AuditColumn.WHO:
                return item.person
            case AuditColumn.WHAT:
                return what_text(item)
            case AuditColumn.OUTCOME:
                return OUTCOMES.get(item.outcome, item.outcome)
            case AuditColumn.FAMILY:
                return item.subject

    def sort_key(self, item: AuditRow, column: AuditColumn) -> object:
        if column == AuditColumn.WHEN:
            return item.seq  # the chain's order is the order things happened
        return self.display(item, column).casefold()

    def marked(self, item: AuditRow) -> bool:
        return item.outcome != "done"
