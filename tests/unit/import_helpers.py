"""Real spreadsheets for the import tests, written with openpyxl and the csv module.
Every name in them is made up."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook

from stmarys_desktop.services import accounts, bookings
from stmarys_desktop.services.auth import sign_in
from stmarys_desktop.services.import_columns import COLUMNS, SheetKind, write_template
from stmarys_desktop.services.session import Session
from tests.helpers import PASSWORD, at

IMPORTER = "importer"

FAMILY_HEADERS = [c.header for c in COLUMNS[SheetKind.FAMILIES]]
STAFF_HEADERS = [c.header for c in COLUMNS[SheetKind.STAFF]]
BOOKING_HEADERS = [c.header for c in COLUMNS[SheetKind.BOOKINGS]]


def importer(manager: Session, data_dir: Path, hour: int = 10) -> Session:
    """A coordinator who is also a manager (families, staff and bookings), on Wednesday
    2 December 2026, in a centre with a Blue room and a Green room."""
    accounts.create_account(
        manager,
        user_name=IMPORTER,
        display_name="Imogen Portwell",
        roles=["manager", "coordinator"],
        password=PASSWORD,
    )
    bookings.add_room(manager, "Blue room")
    bookings.add_room(manager, "Green room")
    return sign_in(data_dir, IMPORTER, PASSWORD, clock=at(hour))


def family_row(key: str, name: str, role: str, **values: object) -> list[object]:
    """A Families row by heading; the rest blank."""
    cells: dict[str, object] = {
        "Family": key,
        "Name": name,
        "Role": role,
        **{k.replace("_", " "): v for k, v in values.items()},
    }
    lookup = {h.casefold(): h for h in FAMILY_HEADERS}
    row: list[object] = [None] * len(FAMILY_HEADERS)
    for heading, value in cells.items():
        row[FAMILY_HEADERS.index(lookup[heading.casefold()])] = value
    return row


def by_heading(headers: Sequence[str], **values: object) -> list[object]:
    lookup = {h.casefold(): i for i, h in enumerate(headers)}
    row: list[object] = [None] * len(headers)
    for heading, value in values.items():
        row[lookup[heading.replace("_", " ").casefold()]] = value
    return row


def referral(**more: object) -> dict[str, object]:
    return {
        "Referred by": "Solicitor",
        "Referring agency": "Hartwell Finch LLP",
        "Referrer": "Mira Pennock",
        "Referrer contact": "07700 900999",
        "Referral date": "01/09/2026",
        "Arrangement": "Fortnightly Saturdays",
        **more,
    }


def one_family(
    key: str = "F1",
    resident: str = "Carys Dunford",
    visiting: str = "Owen Brackley",
    child: str = "Ivy Dunford",
    born: object = "03/05/2019",
) -> list[list[object]]:
    first = family_row(
        key,
        resident,
        "Resident parent",
        Telephone="07700 900123",
        Address="12 Invented Road, Westhaven",
    )
    for heading, value in referral().items():
        first[FAMILY_HEADERS.index(heading)] = value
    return [
        first,
        family_row(key, visiting, "Non-resident parent"),
        family_row(key, child, "Child", **{"Date of birth": born}),
    ]


def cleared_volunteer(
    name: str = "Dana Vellacott", status: str = "Active", certificate: str = "001234567890"
) -> list[object]:
    return by_heading(
        STAFF_HEADERS,
        Name=name,
        Role="Volunteer",
        Status=status,
        **{
            "DBS certificate number": certificate,
            "DBS level": "Enhanced",
            "Barred list checked": "Y",
            "DBS issue date": "01/06/2026",
            "DBS outcome": "Clear",
            "Update Service": "N",
            "ID documents seen": "passport; utility bill",
            "ID seen on": "02/06/2026",
            "Reference 1 from": "Pella Cardew",
            "Reference 1 received": "05/06/2026",
            "Reference 2 from": "Tobin Marle",
            "Reference 2 received": "07/06/2026",
            "Safeguarding training": "10/06/2026",
        },
    )


def booking(
    family: str,
    on: str,
    starts: str = "10:00",
    ends: str = "12:00",
    room: str = "Blue room",
    **more: object,
) -> list[object]:
    return by_heading(
        BOOKING_HEADERS, Family=family, Date=on, Starts=starts, Ends=ends, Room=room, **more
    )


def workbook(
    path: Path,
    *,
    families: Sequence[Sequence[object]] = (),
    staff: Sequence[Sequence[object]] = (),
    sessions: Sequence[Sequence[object]] = (),
) -> Path:
    """The template, filled in under its note rows."""
    write_template(path)
    book = load_workbook(path)
    for title, rows in (("Families", families), ("Staff", staff), ("Bookings", sessions)):
        for row in rows:
            book[title].append(list(row))
    book.save(path)
    return path


def plain_workbook(path: Path, title: str, rows: Sequence[Sequence[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path
