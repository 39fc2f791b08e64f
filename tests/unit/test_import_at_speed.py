"""An import's preview checks every row in memory, from what it read once (issue 22,
item 7; decisions.md D340-D343). These tests hold what that must not change: the same
checks as entering by hand, clashes with bookings already on the system and between rows
of the file, references the import will really give, and reads that do not grow with the
rows. No figure is timed here; benchmarks/run.py measures the speed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

import pytest

from stmarys_desktop.domain.families import AgencyKind, NewFamily, NewPerson, NewReferral
from stmarys_desktop.domain.families import PersonKind as Kind
from stmarys_desktop.services import families, imports
from stmarys_desktop.services.import_columns import SheetKind
from stmarys_desktop.services.session import Session
from tests.unit.import_helpers import booking, cleared_volunteer, importer, one_family, workbook

T = TypeVar("T")


@pytest.fixture
def session(manager: Session, data_dir: Path):
    opened = importer(manager, data_dir)
    yield opened
    opened.close()


def _count(session: Session, table: str) -> int:
    return session.centre.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _families_with_bookings(path: Path, count: int) -> Path:
    """`count` families of the file, each booked on two days of its own, with the cleared
    volunteer of the file on duty."""
    rows, sessions = [], []
    first = date(2026, 12, 7)  # a Monday after the importer's Wednesday 2 December
    for n in range(count):
        rows += one_family(f"F{n}", f"Carys Dunford{n}", f"Owen Brackley{n}", f"Ivy Dunford{n}")
        for week in (0, 1):
            day = first + timedelta(days=n % 6 + 7 * week + 14 * (n // 6))
            sessions.append(booking(f"F{n}", day.strftime("%d/%m/%Y"), Staff="Dana Vellacott"))
    return workbook(path, families=rows, staff=[cleared_volunteer()], sessions=sessions)


def _statements(session: Session, run: Callable[[], T]) -> tuple[T, list[str]]:
    """What `run` returns, and every statement it had SQLite run."""
    seen: list[str] = []
    session.centre.conn.set_trace_callback(seen.append)
    try:
        return run(), seen
    finally:
        session.centre.conn.set_trace_callback(None)


def test_the_preview_reads_the_database_as_often_for_twice_the_rows(
    session: Session, tmp_path: Path
) -> None:
    """What the checks need (the day's sessions, the staff and their vetting, the rooms,
    the names already on the system) is read once, not once a row (D342)."""
    small = imports.read_plans(_families_with_bookings(tmp_path / "small.xlsx", 3))
    large = imports.read_plans(_families_with_bookings(tmp_path / "large.xlsx", 6))
    found = {}
    for name, plans in (("small", small), ("large", large)):
        preview, found[name] = _statements(
            session, lambda plans=plans: imports.build_preview(session, plans)
        )
        assert preview.every_problem == [] and preview.every_warning == []
    assert len(found["large"]) == len(found["small"])


def test_the_import_reads_no_day_staff_or_setting_again_for_each_booking(
    session: Session, tmp_path: Path
) -> None:
    """Each booking is still written through book_session (its row, its staff, its audit
    row), but what its checks read was read once for the whole import (D342)."""

    def reads(path: Path) -> list[str]:
        preview = imports.preview_file(session, path)
        assert preview.every_problem == []
        _, seen = _statements(
            session, lambda: imports.import_records(session, preview, preview.records)
        )
        return [
            s
            for s in seen
            if s.startswith("SELECT")
            and any(t in s for t in ("contact_session", "setting", "dbs_check", " room", "staff"))
        ]

    small = reads(_families_with_bookings(tmp_path / "small.xlsx", 3))
    # The next file's staff member is already on the system: a new name for this one.
    large_file = _families_with_bookings(tmp_path / "large.xlsx", 6)
    from openpyxl import load_workbook

    book = load_workbook(large_file)
    book["Staff"].delete_rows(3, 1)
    book.save(large_file)
    large = reads(large_file)
    assert len(large) <= len(small)
    assert _count(session, "contact_session") == 18


def test_a_clash_with_a_booking_already_on_the_system_is_found_in_the_preview(
    session: Session, tmp_path: Path
) -> None:
    first = workbook(
        tmp_path / "first.xlsx",
        families=one_family("F1"),
        sessions=[booking("F1", "09/12/2026")],
    )
    preview = imports.preview_file(session, first)
    imports.import_records(session, preview, preview.records)
    reference = families.search_families(session, "Ivy Dunford")[0].reference
    then = workbook(
        tmp_path / "then.xlsx",
        families=one_family("F2", "Anwen Corley", "Bryn Tallis", "Cai Tallis"),
        sessions=[
            booking("F2", "09/12/2026"),
            booking(reference, "09/12/2026", "11:00", "13:00", "Green room"),
        ],
    )
    preview = imports.preview_file(session, then)
    assert preview.every_problem == [
        "Bookings, row 4: This session cannot be booked: This family already has a session "
        "from 10:00 to 12:00 that day: both parents would be at the centre at once."
    ]
    assert preview.every_warning == [
        f"Bookings, row 3: Blue room is already booked from 10:00 to 12:00 ({reference}).",
        "Bookings, row 3: No member of staff is on duty for this session yet.",
    ]


def test_the_preview_names_a_family_of_the_file_by_the_reference_the_import_gives_it(
    session: Session, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "centre.xlsx",
        families=one_family("F1") + one_family("F2", "Anwen Corley", "Bryn Tallis", "Cai Tallis"),
        sessions=[booking("F1", "09/12/2026"), booking("F2", "09/12/2026")],
    )
    preview = imports.preview_file(session, path)
    (warning,) = [w for w in preview.every_warning if "already booked" in w]
    assert warning.startswith("Bookings, row 4: Blue room is already booked from 10:00 to 12:00")
    counts = [_count(session, t) for t in ("family", "person", "referral", "contact_session")]
    imports.import_records(session, preview, preview.records)
    reference = families.search_families(session, "Ivy Dunford")[0].reference
    assert warning.endswith(f"({reference}).")
    # And the preview wrote nothing of its own before the import.
    assert counts == [0, 0, 0, 0]


def test_the_preview_still_refuses_what_entering_the_family_by_hand_refuses(
    session: Session, tmp_path: Path
) -> None:
    """The families are checked by families.check_family, the checks of create_family,
    without being written: a family with no child, two resident parents and a child born
    in the future are still refused, and a booking of such a family waits for it."""
    path = workbook(
        tmp_path / "centre.xlsx",
        families=one_family("F1", born="03/05/2027")
        + one_family("F2", "Anwen Corley", "Bryn Tallis", "Cai Tallis")[:2],
        sessions=[booking("F1", "09/12/2026")],
    )
    preview = imports.preview_file(session, path)
    assert preview.every_problem == [
        "Families, rows 3-5: Ivy Dunford's date of birth is in the future.",
        "Families, rows 6-7: A family needs at least one child.",
        "Bookings, row 3: Family: F1 cannot be booked until its own rows on the Families "
        "sheet can be imported.",
    ]
    assert [r.kind for r in preview.records if r.problems] == [
        SheetKind.FAMILIES,
        SheetKind.FAMILIES,
        SheetKind.BOOKINGS,
    ]


def test_a_new_family_is_returned_exactly_as_it_is_read_back(session: Session) -> None:
    """create_family builds the family it returns from what it wrote (D341); the import's
    preview stands families in the same way, so both must match what is stored."""
    made = families.create_family(
        session,
        NewFamily(
            people=[
                NewPerson(
                    Kind.CHILD, "Ivy Dunford", date_of_birth=date(2019, 5, 3), needs="Asthma"
                ),
                NewPerson(
                    Kind.RESIDENT_PARENT,
                    "Carys Dunford",
                    address="12 Invented Road",
                    telephone="07700 900123",
                ),
                NewPerson(Kind.NON_RESIDENT_PARENT, "Owen Brackley", relationship="Father"),
                NewPerson(Kind.OTHER_ADULT, "Gwen Brackley", named_on_referral=False),
                NewPerson(Kind.CHILD, "Rhys Dunford", date_of_birth=date(2021, 1, 9)),
            ],
            referral=NewReferral(
                AgencyKind.CAFCASS,
                "Cafcass Cymru",
                "Mira Pennock",
                "07700 900999",
                date(2026, 9, 1),
                court_order_on_file=True,
            ),
            arrangement="Fortnightly Saturdays",
        ),
    )
    assert made == families.open_family(session, made.id)


def test_every_imported_family_is_found_by_its_names_and_referrer_newest_first(
    session: Session, tmp_path: Path
) -> None:
    """An import writes its families' search entries together as it commits (D345): each
    is found by every name in it and by its referrer, newest first, as a family added by
    hand is."""
    by_hand = families.create_family(
        session,
        NewFamily(
            people=[
                NewPerson(Kind.CHILD, "Ivy Dunford", date_of_birth=date(2018, 2, 1)),
                NewPerson(Kind.RESIDENT_PARENT, "Lowri Dunford"),
            ],
            referral=NewReferral(
                AgencyKind.SOLICITOR, "Hartwell Finch LLP", "Mira Pennock", "", date(2026, 9, 1)
            ),
        ),
    )
    path = _families_with_bookings(tmp_path / "centre.xlsx", 3)
    preview = imports.preview_file(session, path)
    imports.import_records(session, preview, preview.records)
    for n in range(3):
        for name in (f"Carys Dunford{n}", f"Owen Brackley{n}", f"Ivy Dunford{n}"):
            (found,) = families.search_families(session, name)
            assert found.names.split(" ")[0:2] == f"Carys Dunford{n}".split(" ")
    newest_first = families.search_families(session, "Pennock")
    assert [f.id for f in newest_first] == sorted((f.id for f in newest_first), reverse=True)
    assert len(newest_first) == 4 and newest_first[-1].id == by_hand.id
    # Inside the transaction of a hand-made change the entry is written at once.
    assert [f.id for f in families.search_families(session, "Lowri")] == [by_hand.id]
