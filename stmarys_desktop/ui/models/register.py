"""Today's register: the day's sessions, and the people named for the chosen one."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import ClassVar

from stmarys_desktop.domain.families import PersonKind
from stmarys_desktop.domain.sessions import Attendee, Handover, RegisterEntry
from stmarys_desktop.ui.models.base import RowsModel, people_text


def handover_text(handover: Handover) -> str:
    # The time first, so that it stays in view when a narrow column elides the rest.
    return f"{handover.at} {handover.who}"


def status_text(entry: RegisterEntry) -> str:
    return entry.register_status


def kind_label(kind: str) -> str:
    try:
        return PersonKind(kind).label
    except ValueError:
        return kind


class SessionColumn(IntEnum):
    TIME = 0
    FAMILY = 1
    ROOM = 2
    ARRIVES_FIRST = 3
    LEAVES_FIRST = 4
    STAFF = 5
    STATUS = 6


class RegisterModel(RowsModel):
    columns = SessionColumn
    headers: ClassVar[dict[int, str]] = {
        SessionColumn.TIME: "Time",
        SessionColumn.FAMILY: "Family",
        SessionColumn.ROOM: "Room",
        SessionColumn.ARRIVES_FIRST: "Arrives first",
        SessionColumn.LEAVES_FIRST: "Leaves first",
        SessionColumn.STAFF: "Staff on duty",
        SessionColumn.STATUS: "Status",
    }

    def row_of(self, session_id: int) -> int:
        return next((row for row, e in enumerate(self._rows) if e.session_id == session_id), -1)

    def display(self, item: RegisterEntry, column: SessionColumn) -> str:
        match column:
            case SessionColumn.TIME:
                return f"{item.starts}–{item.ends}"
            case SessionColumn.FAMILY:
                return item.reference
            case SessionColumn.ROOM:
                return item.room
            case SessionColumn.ARRIVES_FIRST:
                return handover_text(item.arrivals[0])
            case SessionColumn.LEAVES_FIRST:
                return handover_text(item.departures[0])
            case SessionColumn.STAFF:
                return people_text(item.staff, "None yet")
            case SessionColumn.STATUS:
                return status_text(item)

    def sort_key(self, item: RegisterEntry, column: SessionColumn) -> str:
        if column == SessionColumn.TIME:
            return f"{item.arrivals[0].at} {item.starts} {item.session_id:09d}"
        return self.display(item, column).casefold()


class AttendeeColumn(IntEnum):
    NAME = 0
    KIND = 1
    ARRIVED = 2
    LEFT = 3


class AttendeesModel(RowsModel):
    columns = AttendeeColumn
    headers: ClassVar[dict[int, str]] = {
        AttendeeColumn.NAME: "Name",
        AttendeeColumn.KIND: "Role in the family",
        AttendeeColumn.ARRIVED: "Arrived",
        AttendeeColumn.LEFT: "Left",
    }

    def row_of(self, person_id: int) -> int:
        return next((row for row, a in enumerate(self._rows) if a.person_id == person_id), -1)

    def display(self, item: Attendee, column: AttendeeColumn) -> str:
        match column:
            case AttendeeColumn.NAME:
                return item.full_name
            case AttendeeColumn.KIND:
                return kind_label(item.kind)
            case AttendeeColumn.ARRIVED:
                return item.arrived_at or "Not yet"
            case AttendeeColumn.LEFT:
                return item.left_at or ("Here" if item.arrived_at else "")


# The named people a register shows without scrolling, at the fewest and the most.
PEOPLE_IN_SIGHT = (3, 5)


def people_in_sight(entries: Sequence[RegisterEntry]) -> int:
    """The rows the named people take: the day's largest family, three to five (more
    scroll), the same whichever session is chosen, so nothing moves as one is chosen."""
    most = max((len(entry.named) for entry in entries), default=0)
    return min(max(most, PEOPLE_IN_SIGHT[0]), PEOPLE_IN_SIGHT[1])
