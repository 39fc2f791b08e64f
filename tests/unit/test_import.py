"""Bringing a centre's records in from its spreadsheets (issue 22): real workbooks written
with openpyxl and real CSV files, imported through the services into a real encrypted
centre."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stmarys_desktop.domain.errors import InvalidInput
from stmarys_desktop.domain.staff import StaffStatus
from stmarys_desktop.services import families, imports, maintenance, staff
from stmarys_desktop.services.import_columns import COLUMNS, SheetKind, set_column
from stmarys_desktop.services.import_files import delete_file
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import audit
from tests.helpers import ROOT
from tests.unit.import_helpers import (
    BOOKING_HEADERS,
    FAMILY_HEADERS,
    STAFF_HEADERS,
    booking,
    by_heading,
    cleared_volunteer,
    family_row,
    importer,
    one_family,
    plain_workbook,
    referral,
    workbook,
)


@pytest.fixture
def session(manager: Session, data_dir: Path):
    opened = importer(manager, data_dir)
    yield opened
    opened.close()


def _count(session: Session, table: str) -> int:
    return session.centre.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _preview(session: Session, path: Path) -> imports.Preview:
    return imports.preview_file(session, path)


# -- the template --------------------------------------------------------------------------


def test_the_template_has_a_sheet_each_for_families_staff_and_bookings_with_notes(
    tmp_path: Path,
) -> None:
    from stmarys_desktop.services.import_columns import write_template

    path = tmp_path / "template.xlsx"
    write_template(path)
    book = load_workbook(path)
    assert book.sheetnames == ["Families", "Staff", "Bookings"]
    for title, kind in zip(book.sheetnames, SheetKind, strict=True):
        headers = [c.value for c in book[title][1]]
        notes = [c.value for c in book[title][2]]
        assert headers == [c.header for c in COLUMNS[kind]]
        assert all(notes), f"every column of {title} is explained"
        assert book[title].max_row == 2, "the template holds no one's details"
    families_headers = [c.value for c in book["Families"][1]]
    for needed in ("Role", "Date of birth", "Needs", "Referring agency", "Referrer", "Arrangement"):
        assert needed in families_headers
    staff_headers = [c.value for c in book["Staff"][1]]
    for needed in (
        "DBS certificate number",
        "DBS level",
        "DBS issue date",
        "Update Service",
        "Reference 1 from",
        "Safeguarding training",
    ):
        assert needed in staff_headers


def test_an_empty_template_imports_nothing_and_says_so(session: Session, tmp_path: Path) -> None:
    preview = _preview(session, workbook(tmp_path / "empty.xlsx"))
    assert preview.records == []
    assert preview.problems == [
        "The file has no rows of families, staff or bookings to import (its sheets are "
        "empty, or their headers are not recognised). Start from the template."
    ]


# -- a filled-in template ------------------------------------------------------------------


def test_a_filled_in_template_brings_in_families_staff_and_future_bookings(
    session: Session, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "centre.xlsx",
        families=one_family("F1") + one_family("F2", "Anwen Corley", "Bryn Tallis", "Cai Tallis"),
        staff=[cleared_volunteer()],
        sessions=[
            booking("F1", "09/12/2026", Staff="Dana Vellacott"),
            booking(
                "F2",
                "09/12/2026",
                "13:00",
                "15:00",
                "Green room",
                **{"Arrives first": "Non-resident parent"},
            ),
        ],
    )
    preview = _preview(session, path)
    assert preview.every_problem == []
    assert [r.label for r in preview.records if r.kind is SheetKind.FAMILIES] == [
        "Family F1 (3 people)",
        "Family F2 (3 people)",
    ]
    before = _count(session, "family")
    done = imports.import_records(session, preview, preview.records)
    assert (done.families, done.staff, done.bookings) == (2, 1, 2)
    assert _count(session, "family") == before + 2
    found = families.search_families(session, "Cai Tallis")
    assert len(found) == 1
    family = families.open_family(session, found[0].id)
    assert {p.full_name for p in family.people} == {"Anwen Corley", "Bryn Tallis", "Cai Tallis"}
    assert family.referral is not None and family.referral.referrer_name == "Mira Pennock"
    assert family.children[0].date_of_birth == date(2019, 5, 3)
    (member,) = [s for s in staff.list_staff(session) if s.member.full_name == "Dana Vellacott"]
    assert member.member.status is StaffStatus.ACTIVE and member.clearance.cleared
    rows = session.centre.conn.execute(
        "SELECT on_date, starts_at FROM contact_session ORDER BY starts_at"
    ).fetchall()
    assert rows == [("2026-12-09", "10:00"), ("2026-12-09", "13:00")]
    # One transaction of many audit rows still makes a chain that verifies.
    assert maintenance.verify(session).ok


def test_the_audit_log_records_counts_and_sheets_never_the_contents(
    session: Session, tmp_path: Path
) -> None:
    path = workbook(tmp_path / "centre.xlsx", families=one_family(), staff=[cleared_volunteer()])
    preview = _preview(session, path)
    imports.import_records(session, preview, preview.records)
    entries = list(audit.entries(session.centre.conn))
    (entry,) = [e for e in entries if e.action == "import"]
    assert entry.actor == "importer"
    assert entry.detail == (
        "1 families, 1 staff, 0 bookings; sheets: 'Families', 'Staff', 'Bookings'"
    )
    logged = " ".join(f"{e.subject} {e.detail}" for e in entries)
    for name in (
        "Carys Dunford",
        "Ivy Dunford",
        "Dana Vellacott",
        "Mira Pennock",
        "centre.xlsx",
        "001234567890",
    ):
        assert name not in logged


def test_the_preview_writes_nothing(session: Session, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "centre.xlsx",
        families=one_family(),
        staff=[cleared_volunteer()],
        sessions=[booking("F1", "09/12/2026")],
    )
    counts = [_count(session, t) for t in ("family", "staff", "contact_session", "audit")]
    preview = _preview(session, path)
    assert len(preview.records) == 3
    assert [_count(session, t) for t in ("family", "staff", "contact_session", "audit")] == counts


def test_the_spreadsheet_is_never_copied_and_can_be_deleted_afterwards(
    session: Session, tmp_path: Path, data_dir: Path
) -> None:
    path = workbook(tmp_path / "centre.xlsx", families=one_family(resident="Quellan Ormsby"))
    preview = _preview(session, path)
    imports.import_records(session, preview, preview.records)
    for file in data_dir.rglob("*"):
        if file.is_file():
            assert b"Quellan Ormsby" not in file.read_bytes(), file.name
            assert file.suffix not in (".xlsx", ".csv")
    assert "still holds these people's details in plain text" in imports.PLAIN_TEXT_WARNING
    delete_file(path)
    assert not path.exists()


# -- problems in plain words -----------------------------------------------------------------


def test_every_problem_names_the_row_the_column_and_what_is_wrong(
    session: Session, tmp_path: Path
) -> None:
    rows = one_family(born="31/02/2019")
    rows[1][FAMILY_HEADERS.index("Role")] = "Auntie"
    path = workbook(
        tmp_path / "centre.xlsx",
        families=rows,
        staff=[
            by_heading(
                STAFF_HEADERS,
                Name="Ria Fenn",
                Role="Volunteer",
                **{
                    "DBS certificate number": "001234567891",
                    "DBS level": "Enhanced",
                    "DBS issue date": "next week",
                },
            )
        ],
    )
    preview = _preview(session, path)
    # The template's heading is row 1 and its note row 2: the first family is on rows 3-5.
    assert preview.every_problem == [
        "Families, row 4, Role: Auntie is not one of Resident parent, Non-resident parent, "
        "Other adult or Child",
        "Families, row 5, Date of birth: 31/02/2019 is not a date",
        "Staff, row 3, DBS issue date: next week is not a date",
    ]
    with pytest.raises(InvalidInput, match="Nothing was imported"):
        imports.import_records(session, preview, preview.records)
    assert _count(session, "family") == 0


def test_the_checks_of_entering_by_hand_apply_to_names_and_dates(
    session: Session, tmp_path: Path
) -> None:
    rows = one_family(born="03/05/2027")  # in the future
    rows[0][FAMILY_HEADERS.index("Referral date")] = "01/01/2027"
    path = workbook(
        tmp_path / "centre.xlsx",
        families=[
            *rows,
            family_row("F2", "   ", "Resident parent", **referral()),
            family_row("F2", "Ola Brenn", "Non-resident parent"),
            family_row("F2", "Pip Brenn", "Child", **{"Date of birth": "01/01/2020"}),
        ],
    )
    problems = _preview(session, path).every_problem
    # Each sentence is the one the services give a person typing the same record.
    assert problems == [
        "Families, rows 3-5: Ivy Dunford's date of birth is in the future.",
        "Families, rows 6-8: The resident parent's name cannot be empty or only spaces.",
    ]


def test_clause_vi_no_one_is_imported_as_active_without_dbs_identity_and_references(
    session: Session, tmp_path: Path
) -> None:
    not_checked = by_heading(STAFF_HEADERS, Name="Hal Pennick", Role="Staff", Status="Active")
    path = workbook(
        tmp_path / "staff.xlsx",
        staff=[
            not_checked,
            cleared_volunteer(),
            cleared_volunteer("Nell Corran", status="Applicant", certificate="001234567892"),
        ],
    )
    preview = _preview(session, path)
    assert preview.every_problem == [
        "Staff, row 3: Hal Pennick cannot be made active. Cannot be made active until "
        "cleared (clause vi): no DBS check is recorded (the role needs an enhanced DBS "
        "check); identity has not been seen; 0 of 2 satisfactory references received."
    ]
    clean = [r for r in preview.records if not r.problems]
    imports.import_records(session, preview, clean)
    people = {s.member.full_name: s for s in staff.list_staff(session)}
    assert "Hal Pennick" not in people
    assert people["Dana Vellacott"].member.status is StaffStatus.ACTIVE
    assert people["Nell Corran"].member.status is StaffStatus.APPLICANT


def test_a_dbs_certificate_number_belongs_to_one_person_in_the_file_too(
    session: Session, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "staff.xlsx",
        staff=[cleared_volunteer("Ada Quill"), cleared_volunteer("Bea Quill")],
    )
    problems = _preview(session, path).every_problem
    assert problems == [
        "Staff, row 4: That certificate number is already recorded for "
        "another person; a certificate belongs to one person only. Check "
        "the number on the certificate."
    ]


def test_bookings_meet_the_planners_clashes_and_clause_vi(session: Session, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "centre.xlsx",
        families=one_family("F1") + one_family("F2", "Anwen Corley", "Bryn Tallis", "Cai Tallis"),
        staff=[cleared_volunteer("Nell Corran", status="Applicant")],
        sessions=[
            booking("F1", "09/12/2026"),
            booking("F1", "09/12/2026", "11:00", "13:00", "Green room"),
            booking("F2", "09/12/2026", "10:30", "12:30"),
            booking("F2", "01/12/2026"),
            booking("F2", "10/12/2026", Staff="Nell Corran"),
            booking("F9", "10/12/2026"),
        ],
    )
    preview = _preview(session, path)
    assert preview.every_problem == [
        "Bookings, row 4: This session cannot be booked: This family already has a session "
        "from 10:00 to 12:00 that day: both parents would be at the centre at once.",
        "Bookings, row 6: This session cannot be booked: That time has already passed.",
        "Bookings, row 7: This session cannot be booked: Nell Corran has not been made "
        "active yet; a manager does that on the Staff screen.",
        "Bookings, row 8: Family: F9 is neither on the Families sheet nor a family's "
        "reference on the system.",
    ]
    warned = {r.rows[0]: r.warnings for r in preview.records if r.warnings}
    assert "Blue room is already booked from 10:00 to 12:00" in " ".join(warned[5])


def test_possible_duplicates_of_records_on_the_system_wait_for_a_decision(
    session: Session, tmp_path: Path
) -> None:
    first = workbook(tmp_path / "first.xlsx", families=one_family(), staff=[cleared_volunteer()])
    preview = _preview(session, first)
    imports.import_records(session, preview, preview.records)
    reference = families.search_families(session, "Ivy Dunford")[0].reference
    again = workbook(
        tmp_path / "again.xlsx",
        families=one_family("X7"),
        staff=[cleared_volunteer(certificate="009999999999")],
    )
    preview = _preview(session, again)
    assert preview.every_problem == []
    assert preview.every_warning == [
        "Staff, row 3: Possible duplicate: someone of the same name is already on the staff list.",
        f"Families, rows 3-5: Possible duplicate: {reference} already has a child with the "
        "same name and date of birth.",
    ] or sorted(preview.every_warning) == sorted(
        [
            "Staff, row 3: Possible duplicate: someone of the same name is already on the "
            "staff list.",
            f"Families, rows 3-5: Possible duplicate: {reference} already has a child with "
            "the same name and date of birth.",
        ]
    )
    # Choosing a flagged record is the decision to add it anyway.
    family_record = next(r for r in preview.records if r.kind is SheetKind.FAMILIES)
    imports.import_records(session, preview, [family_record])
    assert len(families.search_families(session, "Ivy Dunford")) == 2


def test_the_import_is_all_or_nothing(session: Session, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "centre.xlsx",
        families=one_family("F1") + one_family("F2", "Anwen Corley", "Bryn Tallis", "Cai Tallis"),
        sessions=[booking("F1", "09/12/2026")],
    )
    preview = _preview(session, path)
    assert preview.every_problem == []
    # Something changes between the preview and the import: the second family's child
    # now has no name. The first family was already added in the transaction.
    second = preview.records[1]
    second.draft.people[2].full_name = ""
    counts = [_count(session, t) for t in ("family", "person", "contact_session", "audit")]
    with pytest.raises(InvalidInput, match="Nothing was imported: 1 of the chosen rows"):
        imports.import_records(session, preview, preview.records)
    assert [_count(session, t) for t in ("family", "person", "contact_session", "audit")] == counts


def test_a_column_can_be_matched_by_hand(session: Session, tmp_path: Path) -> None:
    headers = [
        "Household",
        "Name",
        "Role",
        "Birthday",
        "Referred by",
        "Referring agency",
        "Referrer",
        "Referral date",
    ]
    path = plain_workbook(
        tmp_path / "odd.xlsx",
        "Families",
        [
            headers,
            [
                "H1",
                "Carys Dunford",
                "Resident parent",
                None,
                "Court",
                "Westhaven Family Court",
                "Judge Amsel",
                "01/09/2026",
            ],
            ["H1", "Owen Brackley", "Non-resident parent"],
            ["H1", "Ivy Dunford", "Child", "03/05/2019"],
        ],
    )
    (plan,) = imports.read_plans(path)
    assert plan.kind is SheetKind.FAMILIES
    preview = imports.build_preview(session, [plan])
    assert preview.problems == [
        "Families: no column for Family. Rename the heading in the "
        "file or choose which column holds it."
    ]
    set_column(plan, 0, "family")
    set_column(plan, 3, "date_of_birth")
    preview = imports.build_preview(session, [plan])
    assert preview.every_problem == []
    imports.import_records(session, preview, preview.records)
    found = families.open_family(session, families.search_families(session, "Ivy")[0].id)
    assert found.children[0].date_of_birth == date(2019, 5, 3)


# -- formats found in real spreadsheets --------------------------------------------------------


def test_real_spreadsheet_formats(session: Session, tmp_path: Path) -> None:
    """A title row above the headers, blank rows, trailing spaces, merged family cells,
    dates as dd/mm/yyyy, d.m.yy, Excel serial numbers, date cells and text, Y/N and
    yes/no, names with apostrophes, hyphens and accents."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Our families 2026"
    sheet.append(["St Mary's families list - updated by hand"])
    sheet.append([])
    sheet.append(
        [
            "Family Ref ",
            "Full name",
            "Role",
            "D.O.B.",
            "Named on referral",
            "Referred by",
            "Referring agency",
            "Referrer",
            "Referral date",
            "Court order",
        ]
    )
    sheet.append(
        [
            "A1",
            "Siân O'Connell-Pryce  ",
            "Resident parent",
            None,
            "yes",
            "Cafcass",
            "Cafcass Cymru",
            "Ffion Ap-Rhys",
            "1.9.26",
            "No",
        ]
    )
    sheet.append([None, "Zoë D'Arcy", "NRP", None, "Y"])
    sheet.append([None, "Ëlin O'Connell", "child", "3.5.19", "y"])
    sheet.append([None, "Rhys-Éamon D'Arcy", "Child", 43599, "n"])  # serial: 14/05/2019
    sheet.append([])
    sheet.append(
        [
            "B2",
            "Maëlle Brûlé",
            "Resident parent",
            None,
            "Yes",
            "Self-referral",
            None,
            "Maëlle Brûlé",
            datetime(2026, 8, 3),
            "N",
        ]
    )
    sheet.append(["B2", "Jean-Luc Brûlé", "Non-resident parent", None, "YES"])
    sheet.append(["B2", "Anaïs Brûlé", "Child", "29/02/2020 "])
    sheet.merge_cells("A4:A7")
    sheet.merge_cells("F4:F7")
    path = tmp_path / "real.xlsx"
    book.save(path)
    preview = _preview(session, path)
    assert preview.every_problem == []
    assert [r.label for r in preview.records] == ["Family A1 (4 people)", "Family B2 (3 people)"]
    imports.import_records(session, preview, preview.records)
    a1 = families.open_family(session, families.search_families(session, "Zoë")[0].id)
    people = {p.full_name: p for p in a1.people}
    assert set(people) == {
        "Siân O'Connell-Pryce",
        "Zoë D'Arcy",
        "Ëlin O'Connell",
        "Rhys-Éamon D'Arcy",
    }
    assert people["Ëlin O'Connell"].date_of_birth == date(2019, 5, 3)
    assert people["Rhys-Éamon D'Arcy"].date_of_birth == date(2019, 5, 14)
    assert a1.referral is not None and a1.referral.agency_name == "Cafcass Cymru"
    assert a1.referral.referred_on == date(2026, 9, 1)
    assert people["Rhys-Éamon D'Arcy"].id not in a1.referral.named_person_ids
    b2 = families.open_family(session, families.search_families(session, "Anaïs")[0].id)
    assert b2.referral is not None and b2.referral.referred_on == date(2026, 8, 3)
    assert b2.children[0].date_of_birth == date(2020, 2, 29)


def test_a_yes_no_cell_that_is_neither_is_a_problem(session: Session, tmp_path: Path) -> None:
    rows = one_family()
    rows[1][FAMILY_HEADERS.index("Named on referral")] = "maybe"
    problems = _preview(session, workbook(tmp_path / "f.xlsx", families=rows)).every_problem
    assert problems == ["Families, row 4, Named on referral: maybe is not yes or no (Y/N)"]


def _csv_lines() -> list[list[str]]:
    return [
        FAMILY_HEADERS,
        *[
            [str(c) if c is not None else "" for c in row]
            for row in one_family(resident="Siân Ó Briain", child="Zoë Ó Briain", born="3/5/2019")
        ],
    ]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("utf-8", ";"), ("cp1252", ","), ("utf-16", "\t"), ("latin-1", "|")],
)
def test_csv_files_in_common_encodings_and_delimiters(
    session: Session, tmp_path: Path, encoding: str, delimiter: str
) -> None:
    import csv
    import io

    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(_csv_lines())
    path = tmp_path / "families.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    preview = _preview(session, path)
    assert preview.every_problem == []
    imports.import_records(session, preview, preview.records)
    found = families.search_families(session, "Zoë")
    assert len(found) == 1
    names = {p.full_name for p in families.open_family(session, found[0].id).people}
    assert "Siân Ó Briain" in names


def test_csv_sheets_of_staff_and_bookings_are_told_apart_by_their_headers(
    session: Session, tmp_path: Path
) -> None:
    import csv

    path = tmp_path / "volunteers.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(STAFF_HEADERS)
        writer.writerow(["" if c is None else c for c in cleared_volunteer()])
    (plan,) = imports.read_plans(path)
    assert plan.kind is SheetKind.STAFF
    path = tmp_path / "diary.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(BOOKING_HEADERS)
    (plan,) = imports.read_plans(path)
    assert plan.kind is SheetKind.BOOKINGS


# -- bad files ----------------------------------------------------------------------------


def _refusal(session: Session, path: Path) -> str:
    with pytest.raises(InvalidInput) as caught:
        _preview(session, path)
    return str(caught.value)


def test_a_password_protected_workbook_is_refused_in_one_sentence(
    session: Session, tmp_path: Path
) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = workbook(tmp_path / "plain.xlsx", families=one_family())
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as source, locked.open("wb") as target:
        office = OOXMLFile(source)
        office.encrypt("a made-up password", target)
    assert _refusal(session, locked) == (
        "locked.xlsx is protected by a password. Open it in your spreadsheet program, remove "
        "the password, save it and import it again. Nothing was imported."
    )
    assert _count(session, "family") == 0


def test_a_damaged_workbook_is_refused_in_one_sentence(session: Session, tmp_path: Path) -> None:
    whole = workbook(tmp_path / "whole.xlsx", families=one_family()).read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    assert _refusal(session, cut) == (
        "cut.xlsx is damaged or not a complete Excel workbook. Nothing was imported."
    )


def test_a_file_of_another_type_is_refused_in_one_sentence(
    session: Session, tmp_path: Path
) -> None:
    picture = tmp_path / "scan.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert _refusal(session, picture) == (
        "scan.png is not a spreadsheet this program reads: choose an Excel workbook (.xlsx) "
        "or a CSV file (.csv). Nothing was imported."
    )
    renamed = tmp_path / "notes.csv"
    renamed.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert _refusal(session, renamed).startswith("notes.csv is not a spreadsheet")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert _refusal(session, old).startswith("old.xls is an old Excel (.xls)")


def test_an_empty_sheet_or_file_is_refused_in_one_sentence(
    session: Session, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert _refusal(session, empty) == "empty.csv is empty. Nothing was imported."
    blank = plain_workbook(tmp_path / "blank.xlsx", "Families", [])
    preview = _preview(session, blank)
    assert preview.problems and preview.records == []
    with pytest.raises(InvalidInput, match="Nothing was imported"):
        imports.import_records(session, preview, preview.records)


def test_a_hundred_thousand_rows_are_refused_before_they_are_read(
    session: Session, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    big = tmp_path / "big.csv"
    big.write_text("Family,Name,Role\n" + "F1,Made Up,Child\n" * 100_000, encoding="utf-8")
    assert _refusal(session, big) == (
        "big.csv has more than 20,000 rows; one import takes at most 20,000. Split it into "
        "smaller files. Nothing was imported."
    )
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Families")
    sheet.append(["Family", "Name", "Role"])
    for n in range(100_000):
        sheet.append([f"F{n}", "Made Up", "Child"])
    path = tmp_path / "big.xlsx"
    book.save(path)
    # A streamed workbook states no size: counted while read, and stopped at the limit.
    assert _refusal(session, path) == (
        "big.xlsx has more than 20,000 rows on the sheet 'Families'; one import takes at "
        "most 20,000. Split it into smaller files. Nothing was imported."
    )
    # Excel states the size of a sheet: refused before a row is read.
    stated = Workbook()
    stated.active.title = "Families"
    stated.active.append(["Family", "Name", "Role"])
    stated.active.cell(100_001, 1, "F1")
    path = tmp_path / "stated.xlsx"
    stated.save(path)
    assert _refusal(session, path) == (
        "stated.xlsx has 100,001 rows on the sheet 'Families'; one import takes at most "
        "20,000. Split it into smaller files. Nothing was imported."
    )
    assert _count(session, "family") == 0


# -- the code --------------------------------------------------------------------------------


def test_openpyxl_is_not_imported_when_the_application_starts() -> None:
    """Issue 23 keeps start-up fast: the workbook library loads only for an import."""
    code = (
        "import sys; import stmarys_desktop.cli, stmarys_desktop.ui.main_window, "
        "stmarys_desktop.services.imports; print('openpyxl' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert result.stdout.strip() == "False"


def test_a_csv_files_name_never_reaches_the_audit_log(session: Session, tmp_path: Path) -> None:
    import csv

    path = tmp_path / "Quellan Ormsby family.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(_csv_lines())
    preview = _preview(session, path)
    imports.import_records(session, preview, preview.records)
    (entry,) = [e for e in audit.entries(session.centre.conn) if e.action == "import"]
    assert entry.detail == "1 families, 0 staff, 0 bookings; sheets: (a CSV file)"


def test_staff_already_on_the_system_are_found_by_name_hyphens_and_all(
    session: Session, tmp_path: Path
) -> None:
    first = workbook(tmp_path / "staff.xlsx", staff=[cleared_volunteer("Rhian Lloyd-Jones")])
    preview = _preview(session, first)
    imports.import_records(session, preview, preview.records)
    later = workbook(
        tmp_path / "later.xlsx",
        families=one_family(),
        staff=[cleared_volunteer("Rhian Lloyd-Jones", certificate="008888888888")],
        sessions=[booking("F1", "09/12/2026", Staff="Rhian Lloyd-Jones")],
    )
    preview = _preview(session, later)
    assert preview.every_problem == []
    assert preview.every_warning == [
        "Staff, row 3: Possible duplicate: someone of the same name is already on the staff list."
    ]
