"""The tables of the Incidents screen: records, open exceptions, the accident book, a chronology.

A record a correction has superseded stays in the list, marked in words (and
in italics, never by colour alone).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from stmarys_desktop.domain.incidents import (
    AccidentEntry,
    ChronologyItem,
    FamilyException,
    IncidentSummary,
)
from stmarys_desktop.printing.accident_book import corrections
from stmarys_desktop.printing.chronology import SUPERSEDED, kind_word
from stmarys_desktop.ui.models.base import RowsModel
from stmarys_desktop.ui.models.dates import short_date_time


def family_text(reference: str) -> str:
    return reference or "No family"


def status_text(summary: IncidentSummary) -> str:
    if summary.superseded_by_id is not None:
        return f"Superseded by record {summary.superseded_by_id}"
    text = summary.status.label
    if summary.supersedes_id is not None:
        text += f"; corrects record {summary.supersedes_id}"
    return text


class IncidentColumn(IntEnum):
    RECORD = 0
    WHEN = 1
    KIND = 2
    FAMILY = 3
    STATUS = 4
    RECORDED_BY = 5


class IncidentsModel(RowsModel):
    headers = ("Record", "When", "Kind", "Family", "Status", "Recorded by")

    def row_of(self, incident_id: int) -> int:
        return next((row for row, s in enumerate(self._rows) if s.id == incident_id), -1)

    def display(self, item: IncidentSummary, column: int) -> str:
        match IncidentColumn(column):
            case IncidentColumn.RECORD:
                return str(item.id)
            case IncidentColumn.WHEN:
                return short_date_time(item.occurred_at)
            case IncidentColumn.KIND:
                return item.kind.label
            case IncidentColumn.FAMILY:
                return family_text(item.family_reference)
            case IncidentColumn.STATUS:
                return status_text(item)
            case IncidentColumn.RECORDED_BY:
                return item.recorded_by

    def sort_key(self, item: IncidentSummary, column: int) -> Any:
        match IncidentColumn(column):
            case IncidentColumn.RECORD:
                return item.id
            case IncidentColumn.WHEN:
                # ISO timestamps sort as text; the record number breaks ties.
                return f"{item.occurred_at} {item.id:012d}"
        return super().sort_key(item, column)

    def marked(self, item: IncidentSummary) -> bool:
        return item.superseded_by_id is not None


class ExceptionColumn(IntEnum):
    EXCEPTION = 0
    FAMILY = 1
    CONCERN = 2
    CONFIRMED_BY = 3
    OPENED = 4


class ExceptionsModel(RowsModel):
    headers = ("Exception", "Family", "Concern", "Confirmed by", "Opened")

    def row_of(self, exception_id: int) -> int:
        return next((row for row, e in enumerate(self._rows) if e.id == exception_id), -1)

    def display(self, item: FamilyException, column: int) -> str:
        match ExceptionColumn(column):
            case ExceptionColumn.EXCEPTION:
                return f"{item.id}: concern about {item.kind.concern}"
            case ExceptionColumn.FAMILY:
                return family_text(item.family_reference)
            case ExceptionColumn.CONCERN:
                return f"Record {item.incident_id}"
            case ExceptionColumn.CONFIRMED_BY:
                return item.confirmed_by
            case ExceptionColumn.OPENED:
                return short_date_time(item.opened_at)

    def sort_key(self, item: FamilyException, column: int) -> Any:
        match ExceptionColumn(column):
            case ExceptionColumn.EXCEPTION:
                return item.id
            case ExceptionColumn.CONCERN:
                return item.incident_id
            case ExceptionColumn.OPENED:
                return item.opened_at
        return super().sort_key(item, column)


class AccidentColumn(IntEnum):
    NUMBER = 0
    WHEN = 1
    WHERE = 2
    PEOPLE = 3
    WHAT_HAPPENED = 4
    INJURIES = 5
    ACTION = 6
    RECORDED_BY = 7


class AccidentBookModel(RowsModel):
    headers = (
        "Entry",
        "When",
        "Where",
        "Who was involved",
        "What happened",
        "Injuries",
        "Action taken",
        "Recorded by",
    )

    def __init__(self) -> None:
        super().__init__()
        self._corrected_by: dict[int, int] = {}

    def _rows_changed(self) -> None:
        self._corrected_by = corrections(self._rows)

    def display(self, item: AccidentEntry, column: int) -> str:
        match AccidentColumn(column):
            case AccidentColumn.NUMBER:
                text = str(item.number)
                if item.corrects_number is not None:
                    text += f" (corrects {item.corrects_number})"
                if item.number in self._corrected_by:
                    text += f" (corrected by {self._corrected_by[item.number]})"
                return text
            case AccidentColumn.WHEN:
                return short_date_time(item.occurred_at)
            case AccidentColumn.WHERE:
                return item.place
            case AccidentColumn.PEOPLE:
                return item.people
            case AccidentColumn.WHAT_HAPPENED:
                return item.what_happened
            case AccidentColumn.INJURIES:
                return item.injuries
            case AccidentColumn.ACTION:
                return item.action_taken
            case AccidentColumn.RECORDED_BY:
                return item.recorded_by

    def sort_key(self, item: AccidentEntry, column: int) -> Any:
        match AccidentColumn(column):
            case AccidentColumn.NUMBER:
                return item.number
            case AccidentColumn.WHEN:
                return f"{item.occurred_at} {item.number:012d}"
        return super().sort_key(item, column)

    def marked(self, item: AccidentEntry) -> bool:
        return item.number in self._corrected_by


class ChronologyColumn(IntEnum):
    WHEN = 0
    WHAT = 1
    DETAILS = 2


class ChronologyModel(RowsModel):
    headers = ("When", "What", "Details")

    def display(self, item: ChronologyItem, column: int) -> str:
        match ChronologyColumn(column):
            case ChronologyColumn.WHEN:
                return short_date_time(item.at)
            case ChronologyColumn.WHAT:
                return kind_word(item)
            case ChronologyColumn.DETAILS:
                return f"{SUPERSEDED}: {item.text}" if item.superseded else item.text

    def sort_key(self, item: ChronologyItem, column: int) -> Any:
        if column == ChronologyColumn.WHEN:
            return item.at
        return super().sort_key(item, column)

    def marked(self, item: ChronologyItem) -> bool:
        return item.superseded
