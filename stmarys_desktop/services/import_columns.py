"""The three sheets an import reads (families, staff, future bookings), their columns,
how a file's headers are matched to them, and the template that shows them.

Headless: no Qt. The template is written with openpyxl, imported only when needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from stmarys_desktop.domain.errors import InvalidInput
from stmarys_desktop.services.import_files import Sheet, text


class SheetKind(StrEnum):
    FAMILIES = "families"
    STAFF = "staff"
    BOOKINGS = "bookings"

    @property
    def label(self) -> str:
        return {
            SheetKind.FAMILIES: "Families",
            SheetKind.STAFF: "Staff",
            SheetKind.BOOKINGS: "Future bookings",
        }[self]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    note: str
    aliases: tuple[str, ...] = ()
    required: bool = False


_F = SheetKind.FAMILIES
_S = SheetKind.STAFF
_B = SheetKind.BOOKINGS

COLUMNS: dict[SheetKind, tuple[Column, ...]] = {
    _F: (
        Column(
            "family",
            "Family",
            "Your own reference for the family (any text). Every row "
            "of one family has the same; a booking names it too.",
            (
                "family ref",
                "family reference",
                "family id",
                "family no",
                "case",
                "case ref",
                "ref",
                "reference",
            ),
            required=True,
        ),
        Column(
            "name",
            "Name",
            "The person's full name.",
            ("full name", "person", "person's name", "client", "client name"),
            required=True,
        ),
        Column(
            "role",
            "Role",
            "Resident parent, Non-resident parent, Other adult or Child. One row per person.",
            ("person role", "relationship to child", "type", "who"),
            required=True,
        ),
        Column(
            "date_of_birth",
            "Date of birth",
            "Children only: a date such as 03/05/2019.",
            ("dob", "d.o.b", "d o b", "birth date", "born"),
        ),
        Column(
            "needs",
            "Needs",
            "Children only: anything staff should know (allergies, needs). Optional.",
            ("special needs", "additional needs", "notes"),
        ),
        Column(
            "relationship",
            "Relationship",
            "Optional, for other adults: for example grandmother.",
            ("relation",),
        ),
        Column(
            "address",
            "Address",
            "Adults only. Kept masked; optional.",
            ("home address", "postal address"),
        ),
        Column(
            "telephone",
            "Telephone",
            "Adults only. Kept masked; optional.",
            ("phone", "tel", "telephone number", "mobile", "phone number", "contact number"),
        ),
        Column(
            "named_on_referral",
            "Named on referral",
            "Y or N: may this person attend? Blank means Y.",
            ("named", "on referral", "attends", "admitted"),
        ),
        Column(
            "agency_kind",
            "Referred by",
            "Solicitor, Cafcass, Children's Services, Court, "
            "Self-referral or Other. On the family's first row.",
            ("referral type", "agency type", "referrer type", "referred by type"),
        ),
        Column(
            "agency",
            "Referring agency",
            "The firm or agency's name (blank for a self-referral).",
            ("agency", "agency name", "referring organisation"),
        ),
        Column(
            "referrer",
            "Referrer",
            "The person who made the referral.",
            ("referrer name", "referring person", "referred by (person)", "contact name"),
        ),
        Column(
            "referrer_contact",
            "Referrer contact",
            "Their telephone or e-mail.",
            ("referrer telephone", "referrer phone", "referrer email"),
        ),
        Column(
            "referred_on",
            "Referral date",
            "The date of the referral.",
            ("date referred", "referred on", "date of referral", "referral received"),
        ),
        Column("court_order", "Court order on file", "Y or N.", ("court order", "order on file")),
        Column(
            "arrangement",
            "Arrangement",
            "The contact arrangement, for example fortnightly Saturdays 10:00-12:00.",
            ("contact arrangement", "arrangements", "contact"),
        ),
    ),
    _S: (
        Column(
            "name",
            "Name",
            "The person's full name.",
            ("full name", "staff name", "volunteer", "volunteer name"),
            required=True,
        ),
        Column(
            "role",
            "Role",
            "Coordinator, Staff, Volunteer, Safeguarding lead or Manager.",
            ("centre role", "position", "job", "job title"),
            required=True,
        ),
        Column(
            "status",
            "Status",
            "Applicant or Active. Active only once DBS, identity and "
            "two references are recorded (clause vi). Blank means applicant.",
            ("state",),
        ),
        Column("start_date", "Start date", "Optional.", ("started", "start", "date started")),
        Column("telephone", "Telephone", "Optional; kept masked.", ("phone", "tel", "mobile")),
        Column("address", "Address", "Optional; kept masked.", ()),
        Column(
            "emergency_contact",
            "Emergency contact",
            "Optional; kept masked.",
            ("next of kin", "emergency"),
        ),
        Column(
            "dbs_number",
            "DBS certificate number",
            "The 12-digit number on the certificate.",
            (
                "dbs number",
                "dbs no",
                "dbs certificate",
                "certificate number",
                "dbs cert no",
                "disclosure number",
            ),
        ),
        Column(
            "dbs_level",
            "DBS level",
            "Basic, Standard or Enhanced.",
            ("level", "dbs type", "check level"),
        ),
        Column(
            "barred_list",
            "Barred list checked",
            "Y or N: was the children's barred list checked (enhanced only)?",
            ("barred list", "barred", "childrens barred list"),
        ),
        Column(
            "dbs_issued",
            "DBS issue date",
            "The date on the certificate.",
            ("issue date", "dbs date", "date of issue", "dbs issued on", "certificate date"),
        ),
        Column(
            "dbs_seen",
            "DBS seen on",
            "When the certificate was seen; blank means the issue date.",
            ("date seen", "seen on", "certificate seen"),
        ),
        Column(
            "dbs_outcome",
            "DBS outcome",
            "Clear or Information disclosed. Blank means clear.",
            ("outcome", "result", "dbs result"),
        ),
        Column(
            "update_service",
            "Update Service",
            "Y or N: subscribed to the DBS Update Service?",
            ("update service subscribed", "on update service", "dbs update"),
        ),
        Column(
            "status_checked",
            "Update Service checked on",
            "The last online status check.",
            ("last status check", "status check date"),
        ),
        Column(
            "id_documents",
            "ID documents seen",
            "For example passport; utility bill (their numbers are not kept).",
            ("id seen", "identity documents", "id"),
        ),
        Column(
            "id_seen_on",
            "ID seen on",
            "The date the documents were seen.",
            ("id date", "identity seen on"),
        ),
        Column(
            "reference_1",
            "Reference 1 from",
            "The first referee's name.",
            ("referee 1", "reference 1", "first referee"),
        ),
        Column(
            "reference_1_on",
            "Reference 1 received",
            "Date received.",
            ("reference 1 date", "referee 1 date"),
        ),
        Column(
            "reference_1_ok",
            "Reference 1 satisfactory",
            "Y or N; blank means Y.",
            ("reference 1 ok", "referee 1 satisfactory"),
        ),
        Column(
            "reference_2",
            "Reference 2 from",
            "The second referee's name.",
            ("referee 2", "reference 2", "second referee"),
        ),
        Column(
            "reference_2_on",
            "Reference 2 received",
            "Date received.",
            ("reference 2 date", "referee 2 date"),
        ),
        Column(
            "reference_2_ok",
            "Reference 2 satisfactory",
            "Y or N; blank means Y.",
            ("reference 2 ok", "referee 2 satisfactory"),
        ),
        Column(
            "training_on",
            "Safeguarding training",
            "The date the training was done.",
            ("training date", "training", "safeguarding training date", "safeguarding trained"),
        ),
        Column("training_course", "Training course", "Optional: the course's name.", ("course",)),
    ),
    _B: (
        Column(
            "family",
            "Family",
            "The family's reference: the one on the Families sheet, or "
            "the reference of a family already on the system.",
            ("family ref", "family reference", "family id", "case", "ref", "reference"),
            required=True,
        ),
        Column(
            "date",
            "Date",
            "The day of the session, for example 14/03/2027.",
            ("session date", "on", "day", "booking date"),
            required=True,
        ),
        Column(
            "starts",
            "Starts",
            "The time contact starts, for example 10:00.",
            ("start", "start time", "from", "time"),
            required=True,
        ),
        Column(
            "ends",
            "Ends",
            "The time contact ends, for example 12:00.",
            ("end", "end time", "to", "until", "finish"),
            required=True,
        ),
        Column(
            "room",
            "Room",
            "One of the centre's rooms (Admin > Rooms).",
            ("room name", "where"),
            required=True,
        ),
        Column(
            "first_arriving",
            "Arrives first",
            "Resident parent or Non-resident parent. "
            "Blank means the resident parent (who brings the children).",
            ("first to arrive", "arriving first", "first arrival"),
        ),
        Column(
            "staff",
            "Staff",
            "Optional: the staff on duty, by name, separated by ';'.",
            ("staff on duty", "supervisor", "volunteers", "staff names"),
        ),
    ),
}

_SHEET_NAMES = {
    _F: ("families", "family", "clients", "referrals", "cases"),
    _S: ("staff", "volunteers", "staff and volunteers", "dbs", "vetting", "team"),
    _B: ("bookings", "future bookings", "sessions", "future sessions", "diary", "rota"),
}


def _norm(value: object) -> str:
    return re.sub(r"[^0-9a-z]+", " ", text(value).casefold().replace("'", "")).strip()


def _match_table(kind: SheetKind) -> dict[str, str]:
    table = {}
    for column in COLUMNS[kind]:
        for name in (column.header, *column.aliases):
            table.setdefault(_norm(name), column.key)
    return table


_MATCHES = {kind: _match_table(kind) for kind in SheetKind}


def column(kind: SheetKind, key: str) -> Column:
    return next(c for c in COLUMNS[kind] if c.key == key)


@dataclass
class SheetPlan:
    """How one sheet of the file is read: what it holds, which row has the headers, and
    which column of the file is which field (the person may change the last)."""

    sheet: Sheet
    kind: SheetKind | None
    header_row: int  # index into sheet.rows
    headers: list[str]
    mapping: dict[int, str]  # file column index -> Column.key

    @property
    def data_rows(self) -> list[tuple[int, list[object]]]:
        rows = self.sheet.rows[self.header_row + 1 :]
        if rows and self.kind is not None and self._is_note_row(rows[0][1]):
            rows = rows[1:]
        return rows

    def _is_note_row(self, cells: list[object]) -> bool:
        """The template's explanation row under the headers is not a record."""
        assert self.kind is not None
        notes = {c.key: c.note for c in COLUMNS[self.kind]}
        hits = [
            text(cells[i]) == notes[key]
            for i, key in self.mapping.items()
            if i < len(cells) and text(cells[i])
        ]
        return bool(hits) and sum(hits) * 2 >= len(hits)

    def missing(self) -> list[str]:
        if self.kind is None:
            return []
        have = set(self.mapping.values())
        return [c.header for c in COLUMNS[self.kind] if c.required and c.key not in have]


def _matches(cells: list[object], kind: SheetKind) -> dict[int, str]:
    table = _MATCHES[kind]
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        key = table.get(_norm(cell))
        if key and key not in found.values():
            found[index] = key
    return found


def plan_sheet(sheet: Sheet) -> SheetPlan:
    """Guess what a sheet holds: by its name, else by its headers. The header row is the
    one among the first ten that matches most columns (a title row above is skipped)."""
    by_name = next((k for k, names in _SHEET_NAMES.items() if _norm(sheet.name) in names), None)
    kinds = [by_name] if by_name else list(SheetKind)
    best: tuple[int, int, SheetKind | None, dict[int, str]] = (0, 0, None, {})
    for index, (_, cells) in enumerate(sheet.rows[:10]):
        for kind in kinds:
            found = _matches(cells, kind)
            if len(found) > best[0]:
                best = (len(found), index, kind, found)
    count, index, kind, found = best
    if count < 2:
        return SheetPlan(sheet, by_name, 0, _headers(sheet, 0), {})
    return SheetPlan(sheet, kind, index, _headers(sheet, index), found)


def _headers(sheet: Sheet, index: int) -> list[str]:
    if not sheet.rows:
        return []
    return [text(c) for c in sheet.rows[index][1]]


def set_column(plan: SheetPlan, index: int, key: str | None) -> None:
    """The person's choice of what one column of the file holds (None: leave it out)."""
    plan.mapping = {i: k for i, k in plan.mapping.items() if i != index and k != key}
    if key is not None:
        if plan.kind is None or key not in {c.key for c in COLUMNS[plan.kind]}:
            raise InvalidInput("Choose one of the fields this sheet can hold.")
        plan.mapping[index] = key


# -- the template ----------------------------------------------------------------------------


def write_template(path: Path) -> None:
    """A workbook with one sheet for each kind: headers, and a note row explaining each
    column. It holds no one's details."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    for kind in SheetKind:
        sheet = book.create_sheet(kind.label if kind is not _B else "Bookings")
        columns = COLUMNS[kind]
        sheet.append([c.header for c in columns])
        sheet.append([c.note for c in columns])
        for index, col in enumerate(columns, start=1):
            sheet.cell(1, index).font = Font(bold=True)
            note = sheet.cell(2, index)
            note.font = Font(italic=True, color="555555")
            note.alignment = Alignment(wrap_text=True, vertical="top")
            letter = note.column_letter
            sheet.column_dimensions[letter].width = max(14, min(40, len(col.header) + 6))
        sheet.row_dimensions[2].height = 75
        sheet.freeze_panes = "A3"
    try:
        book.save(path)
    except OSError as exc:
        raise InvalidInput(
            f"The template could not be written to {path} "
            f"({exc.strerror or 'the folder cannot be written'})."
        ) from None
