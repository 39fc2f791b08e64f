"""`stmarys-desktop import-template` and `import` (issue 22), run as a separate process."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stmarys_desktop.services import families
from stmarys_desktop.services.auth import sign_in
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import audit
from tests.helpers import PASSWORD, run_cli
from tests.unit.import_helpers import (
    IMPORTER,
    booking,
    cleared_volunteer,
    importer,
    one_family,
    workbook,
)


@pytest.fixture
def centre(manager: Session, data_dir: Path) -> Path:
    importer(manager, data_dir).close()
    manager.close()
    return data_dir


def _next_weekday() -> str:
    day = date.today() + timedelta(days=7)
    while day.weekday() == 6:
        day += timedelta(days=1)
    return day.strftime("%d/%m/%Y")


def _families(data_dir: Path) -> int:
    session = sign_in(data_dir, IMPORTER, PASSWORD)
    try:
        return session.centre.conn.execute("SELECT count(*) FROM family").fetchone()[0]
    finally:
        session.close()


def test_import_template_writes_the_workbook(tmp_path: Path) -> None:
    target = tmp_path / "template.xlsx"
    result = run_cli("import-template", "--to", str(target))
    assert result.returncode == 0, result.stderr
    assert load_workbook(target).sheetnames == ["Families", "Staff", "Bookings"]
    assert "one sheet each for families, staff and future bookings" in result.stdout


def test_a_dry_run_prints_counts_and_every_problem_and_imports_nothing(
    centre: Path, tmp_path: Path
) -> None:
    rows = one_family("F1") + one_family(
        "F2", "Anwen Corley", "Bryn Tallis", "Cai Tallis", born="31/02/2019"
    )
    path = workbook(
        tmp_path / "centre.xlsx",
        families=rows,
        sessions=[booking("F1", _next_weekday(), Staff="Nobody Known")],
    )
    for extra in (["--dry-run"], []):
        result = run_cli(
            "import",
            "--data-dir",
            str(centre),
            "--user",
            IMPORTER,
            "--from",
            str(path),
            *extra,
            password=PASSWORD,
        )
        assert result.returncode == 1
        assert "centre.xlsx: 2 families, 0 staff, 1 future bookings." in result.stdout
        assert "problem: Families, row 8, Date of birth: 31/02/2019 is not a date" in result.stdout
        assert (
            "problem: Bookings, row 3: Staff: Nobody Known is not on the staff list."
            in result.stdout
        )
        assert result.stderr.strip() == "2 problems; nothing was imported."
        assert _families(centre) == 0, "one bad row keeps every row out"


def test_a_clean_file_is_imported_and_the_person_is_told_it_still_holds_personal_data(
    centre: Path, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "centre.xlsx",
        families=one_family(),
        staff=[cleared_volunteer()],
        sessions=[booking("F1", _next_weekday(), Staff="Dana Vellacott")],
    )
    dry = run_cli(
        "import",
        "--data-dir",
        str(centre),
        "--user",
        IMPORTER,
        "--from",
        str(path),
        "--dry-run",
        password=PASSWORD,
    )
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "Every row is clean; nothing was imported (--dry-run)." in dry.stdout
    assert _families(centre) == 0
    done = run_cli(
        "import",
        "--data-dir",
        str(centre),
        "--user",
        IMPORTER,
        "--from",
        str(path),
        password=PASSWORD,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Imported 1 families, 1 staff and 1 future bookings." in done.stdout
    assert "still holds these people's details in plain text" in done.stdout
    assert path.exists(), "the command line never deletes the file itself"
    session = sign_in(centre, IMPORTER, PASSWORD)
    try:
        assert len(families.search_families(session, "Ivy Dunford")) == 1
        (entry,) = [e for e in audit.entries(session.centre.conn) if e.action == "import"]
        assert entry.actor == IMPORTER and entry.detail.startswith(
            "1 families, 1 staff, 1 bookings; sheets:"
        )
    finally:
        session.close()


def test_a_bad_file_is_one_line_and_a_non_zero_exit(centre: Path, tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    result = run_cli(
        "import",
        "--data-dir",
        str(centre),
        "--user",
        IMPORTER,
        "--from",
        str(path),
        password=PASSWORD,
    )
    assert result.returncode == 1
    assert result.stderr == (
        "stmarys-desktop: cut.xlsx is damaged or not a complete Excel "
        "workbook. Nothing was imported.\n"
    )
