"""The import figures of DESIGN.md section 8: 5,000 families with 10,000 future sessions.

    python benchmarks/import_figures.py [--families N]

A new centre (the usual case: a centre's first day) with four rooms and four cleared
staff, and a workbook in the template's layout written with openpyxl: each family two
parents and one or two children, each family two future sessions. Measured: the
preview of that file (read, matched, every row checked by the services, nothing
written) and the import of every row (one transaction). Everything is made up.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from stmarys_desktop.services import accounts, bookings, imports  # noqa: E402
from stmarys_desktop.services.auth import create_centre, sign_in  # noqa: E402
from stmarys_desktop.services.import_columns import COLUMNS, SheetKind  # noqa: E402
from stmarys_desktop.store.keystore import KdfParams  # noqa: E402

PASSWORD = "benchmark password"  # noqa: S105 - a throw-away made-up centre
QUICK_KDF = KdfParams(time_cost=1, memory_kib=8, parallelism=1)  # the KDF is not measured
ROOMS = ["Blue room", "Green room", "Garden room", "Playroom"]
SLOTS = [("09:30", "11:00"), ("11:45", "13:15"), ("14:00", "15:30"), ("16:15", "17:45")]
STAFF = ["Ama Brisket", "Bel Corran", "Cato Dunmere", "Dil Esterby"]


def _row(kind: SheetKind, **values: object) -> list[object]:
    headers = [c.header for c in COLUMNS[kind]]
    row: list[object] = [None] * len(headers)
    for heading, value in values.items():
        row[headers.index(heading)] = value
    return row


def write_workbook(path: Path, families: int, sessions_each: int = 2) -> tuple[int, int]:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    fam = book.create_sheet("Families")
    fam.append([c.header for c in COLUMNS[SheetKind.FAMILIES]])
    people = 0
    for n in range(families):
        key = f"F{n:05d}"
        fam.append(
            _row(
                SheetKind.FAMILIES,
                Family=key,
                Name=f"Resa Madeup{n}",
                Role="Resident parent",
                Telephone="07700 900123",
                **{
                    "Referred by": "Solicitor",
                    "Referring agency": "Invented LLP",
                    "Referrer": "Pella Notreal",
                    "Referral date": "01/09/2026",
                    "Arrangement": "Fortnightly",
                },
            )
        )
        fam.append(
            _row(SheetKind.FAMILIES, Family=key, Name=f"Visi Madeup{n}", Role="Non-resident parent")
        )
        for c in range(1 + n % 2):
            fam.append(
                _row(
                    SheetKind.FAMILIES,
                    Family=key,
                    Name=f"Kid{c} Madeup{n}",
                    Role="Child",
                    **{"Date of birth": f"{1 + c:02d}/05/2019"},
                )
            )
        people += 3 + n % 2
    staff = book.create_sheet("Staff")
    staff.append([c.header for c in COLUMNS[SheetKind.STAFF]])
    for i, name in enumerate(STAFF):
        staff.append(
            _row(
                SheetKind.STAFF,
                Name=name,
                Role="Staff",
                Status="Active",
                **{
                    "DBS certificate number": f"00123456789{i}",
                    "DBS level": "Enhanced",
                    "Barred list checked": "Y",
                    "DBS issue date": "01/06/2026",
                    "ID documents seen": "passport",
                    "ID seen on": "02/06/2026",
                    "Reference 1 from": "Ref One",
                    "Reference 1 received": "03/06/2026",
                    "Reference 2 from": "Ref Two",
                    "Reference 2 received": "04/06/2026",
                },
            )
        )
    sheet = book.create_sheet("Bookings")
    sheet.append([c.header for c in COLUMNS[SheetKind.BOOKINGS]])
    day, slot = date.today() + timedelta(days=1), 0
    per_day = len(ROOMS) * len(SLOTS)
    total = families * sessions_each
    order = [n for _ in range(sessions_each) for n in range(families)]
    for number, n in enumerate(order):
        if number and number % per_day == 0:
            day += timedelta(days=1)
        while day.weekday() == 6:  # the centre is closed on Sundays
            day += timedelta(days=1)
        slot = number % per_day
        room, (starts, ends) = slot % len(ROOMS), SLOTS[slot // len(ROOMS)]
        sheet.append(
            _row(
                SheetKind.BOOKINGS,
                Family=f"F{n:05d}",
                Date=day.strftime("%d/%m/%Y"),
                Starts=starts,
                Ends=ends,
                Room=ROOMS[room],
                Staff=STAFF[room],
            )
        )
    book.save(path)
    return people, total


def measure_import(families: int = 5_000) -> dict[str, float]:
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "centre"
        made = create_centre(
            folder,
            centre_name="Benchmark Import Centre",
            admin_user_name="manager",
            admin_display_name="Bench Manager",
            password=PASSWORD,
            kdf=QUICK_KDF,
        )
        accounts.create_account(
            made.session,
            user_name="importer",
            display_name="Bench Importer",
            roles=["manager", "coordinator"],
            password=PASSWORD,
        )
        for room in ROOMS:
            bookings.add_room(made.session, room)
        made.session.close()
        path = Path(scratch) / "centre.xlsx"
        people, sessions = write_workbook(path, families)
        session = sign_in(folder, "importer", PASSWORD)
        try:
            # Wall time, and this process's own CPU time: on a shared machine the second
            # says what the benchmark machine would see when the first is inflated.
            started = time.perf_counter()
            imports.read_plans(path)  # of that: reading the workbook and matching columns
            results["import_read_s"] = time.perf_counter() - started
            started, cpu = time.perf_counter(), time.process_time()
            preview = imports.preview_file(session, path)
            results["import_preview_s"] = time.perf_counter() - started
            results["import_preview_cpu_s"] = time.process_time() - cpu
            problems = preview.every_problem + preview.every_warning
            if problems:
                raise SystemExit(f"benchmark file not clean: {problems[:3]}")
            started, cpu = time.perf_counter(), time.process_time()
            done = imports.import_records(session, preview, preview.records)
            results["import_s"] = time.perf_counter() - started
            results["import_cpu_s"] = time.process_time() - cpu
        finally:
            session.close()
    results["import_families"] = done.families
    results["import_people"] = people
    results["import_bookings"] = done.bookings
    assert done.bookings == sessions
    return results


if __name__ == "__main__":
    count = int(sys.argv[sys.argv.index("--families") + 1]) if "--families" in sys.argv else 5_000
    print(json.dumps({k: round(v, 3) for k, v in measure_import(count).items()}))
