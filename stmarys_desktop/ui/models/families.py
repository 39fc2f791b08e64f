"""Tables about families: the search results, the people of one family, its attendance.

An adult's address and telephone are shown masked unless that one adult's
details were revealed (clause iv); the model holds at most one revealed adult.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import IntEnum
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from stmarys_desktop.domain.dates import short_date, short_weekday
from stmarys_desktop.domain.families import ContactDetails, FamilySummary, Person
from stmarys_desktop.domain.sessions import AttendanceLine
from stmarys_desktop.ui.models.base import Index, RowsModel

# -- the families list -----------------------------------------------------------------


class FamilyColumn(IntEnum):
    # The short columns first, so status and review show on a small screen (issue 18).
    REFERENCE = 0
    STATUS = 1
    NEXT_REVIEW = 2
    NAMES = 3
    AGENCY = 4
    REFERRER = 5


class FamiliesModel(RowsModel):
    """The families list; a review that is overdue reads "(overdue)" and is bold."""

    columns = FamilyColumn
    headers: ClassVar[dict[int, str]] = {
        FamilyColumn.REFERENCE: "Reference",
        FamilyColumn.STATUS: "Status",
        FamilyColumn.NEXT_REVIEW: "Next review",
        FamilyColumn.NAMES: "Names",
        FamilyColumn.AGENCY: "Referring agency",
        FamilyColumn.REFERRER: "Referrer",
    }

    def __init__(self) -> None:
        super().__init__()
        self.today: date | None = None

    def row_of(self, family_id: int) -> int:
        return next((row for row, f in enumerate(self._rows) if f.id == family_id), -1)

    def overdue(self, item: FamilySummary) -> bool:
        return (
            item.status == "active"
            and self.today is not None
            and item.next_review_on is not None
            and item.next_review_on < self.today
        )

    def display(self, item: FamilySummary, column: FamilyColumn) -> str:
        match column:
            case FamilyColumn.REFERENCE:
                return item.reference
            case FamilyColumn.NAMES:
                return item.names_apart
            case FamilyColumn.AGENCY:
                return item.agency or item.referrer
            case FamilyColumn.REFERRER:
                return item.referrer_name
            case FamilyColumn.STATUS:
                return item.status.capitalize()
            case FamilyColumn.NEXT_REVIEW:
                due = short_date(item.next_review_on)
                return f"{due} (overdue)" if self.overdue(item) else due

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (
            role == Qt.ItemDataRole.FontRole
            and index.isValid()
            and index.column() == FamilyColumn.NEXT_REVIEW
            and self.overdue(self.row_at(index.row()))
        ):
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)

    def sort_key(self, item: FamilySummary, column: FamilyColumn) -> str:
        if column == FamilyColumn.NEXT_REVIEW:  # ISO dates sort as text; none last
            return item.next_review_on.isoformat() if item.next_review_on else "9999"
        return self.display(item, column).casefold()


# -- the people of one family ----------------------------------------------------------


class PersonColumn(IntEnum):
    NAME = 0
    KIND = 1
    DATE_OF_BIRTH = 2
    NEEDS = 3
    NAMED = 4
    ADDRESS = 5
    TELEPHONE = 6


class PeopleModel(RowsModel):
    columns = PersonColumn
    headers: ClassVar[dict[int, str]] = {
        PersonColumn.NAME: "Name",
        PersonColumn.KIND: "Role in the family",
        PersonColumn.DATE_OF_BIRTH: "Date of birth",
        PersonColumn.NEEDS: "Needs",
        PersonColumn.NAMED: "Named on the referral",
        PersonColumn.ADDRESS: "Address",
        PersonColumn.TELEPHONE: "Telephone",
    }

    def __init__(self) -> None:
        super().__init__()
        self._named: frozenset[int] = frozenset()
        self._revealed: ContactDetails | None = None

    def set_people(self, people: Sequence[Person], named: frozenset[int]) -> None:
        self._named = named
        self._revealed = None
        self.set_rows(people)

    def row_of(self, person_id: int) -> int:
        return next((row for row, p in enumerate(self._rows) if p.id == person_id), -1)

    @property
    def revealed(self) -> ContactDetails | None:
        return self._revealed

    def reveal(self, details: ContactDetails | None) -> None:
        """Show one adult's own details; whoever was shown before is masked again."""
        self._revealed = details
        if self._rows:
            self.dataChanged.emit(
                self.index(0, PersonColumn.ADDRESS),
                self.index(len(self._rows) - 1, PersonColumn.TELEPHONE),
            )

    def clear(self) -> None:
        self._revealed = None
        self._named = frozenset()
        super().clear()

    def display(self, item: Person, column: PersonColumn) -> str:
        shown = self._revealed if self._revealed and self._revealed.person_id == item.id else None
        match column:
            case PersonColumn.NAME:
                return item.full_name
            case PersonColumn.KIND:
                return item.kind.label + (f" ({item.relationship})" if item.relationship else "")
            case PersonColumn.DATE_OF_BIRTH:
                return short_date(item.date_of_birth)
            case PersonColumn.NEEDS:
                return item.needs
            case PersonColumn.NAMED:
                return "Yes" if item.id in self._named else "No"
            case PersonColumn.ADDRESS:
                return shown.address if shown else item.address_shown
            case PersonColumn.TELEPHONE:
                return shown.telephone if shown else item.telephone_shown

    def sort_key(self, item: Person, column: PersonColumn) -> str:
        if column == PersonColumn.DATE_OF_BIRTH:
            return item.date_of_birth.isoformat() if item.date_of_birth else ""
        return self.display(item, column).casefold()


# -- a family's attendance -------------------------------------------------------------


class AttendanceColumn(IntEnum):
    DATE = 0
    TIME = 1
    STATUS = 2
    CANCELLED_BY = 3


class AttendanceModel(RowsModel):
    columns = AttendanceColumn
    headers: ClassVar[dict[int, str]] = {
        AttendanceColumn.DATE: "Date",
        AttendanceColumn.TIME: "Time",
        AttendanceColumn.STATUS: "Attendance",
        AttendanceColumn.CANCELLED_BY: "Cancelled by",
    }

    def display(self, item: AttendanceLine, column: AttendanceColumn) -> str:
        match column:
            case AttendanceColumn.DATE:
                return short_weekday(item.on_date)
            case AttendanceColumn.TIME:
                return f"{item.starts}–{item.ends}"
            case AttendanceColumn.STATUS:
                return item.what_happened
            case AttendanceColumn.CANCELLED_BY:
                return item.cancelled_by.capitalize()

    def sort_key(self, item: AttendanceLine, column: AttendanceColumn) -> str:
        if column in (AttendanceColumn.DATE, AttendanceColumn.TIME):
            return f"{item.on_date.isoformat()} {item.starts}"
        return self.display(item, column).casefold()
