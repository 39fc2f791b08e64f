"""The figures of DESIGN.md section 8, measured on a large demo centre.

    python benchmarks/run.py [--families N] [--json FILE]

Builds a demo centre of N families (default 50,000, about ten sessions each)
once and keeps it in benchmarks/.cache/, then measures and prints a table and
JSON. Not part of the test suite: figures are never asserted by timed tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from stmarys_desktop.services import families, register  # noqa: E402
from stmarys_desktop.services.auth import sign_in  # noqa: E402
from stmarys_desktop.services.demo import make_demo_centre  # noqa: E402
from stmarys_desktop.services.maintenance import backup, verify  # noqa: E402
from stmarys_desktop.store.keystore import DEFAULT_KDF, _stretch  # noqa: E402

PASSWORD = "benchmark password"  # noqa: S105 - a throw-away made-up centre
CACHE = HERE / ".cache"
TARGETS = {
    "startup_ratio": ("start to login window / bare window", 1.3, ""),
    "form_startup_ratio": ("  same, plain-PySide6 sign-in form / bare", None, ""),
    "unlock_s": ("unlock to filled start screen, less KDF", 0.150, "s"),
    "search_p50_ms": ("search per keystroke, p50", None, "ms"),
    "search_p95_ms": ("search per keystroke, p95", 30, "ms"),
    "register_ms": ("today's register", 50, "ms"),
    "family_open_ms": ("open a family", 50, "ms"),
    "record_pdf_ms": ("family record laid out as a PDF", None, "ms"),
    "register_pdf_ms": ("today's register laid out as a PDF", None, "ms"),
    "sqlcipher_vs_sqlite_ratio": ("same queries, SQLCipher / plain SQLite", 1.3, ""),
    "workload_s": ("that workload on SQLCipher", None, "s"),
    "rss_mb": ("resident memory, centre open", 250, "MB"),
    "retention_s": ("retention review, whole centre", 2, "s"),
    "backup_s": ("backup (written and checked)", None, "s"),
    "verify_s": ("verify", None, "s"),
    "backup_plus_verify_s": ("backup, then verify", 10, "s"),
    "disposal_s": ("dispose of 1,000 families (on a copy)", 5, "s"),
    "kdf_s": ("password KDF (Argon2id)", None, "s"),
    "calendar_week_ms": ("week calendar filled", 50, "ms"),
    "calendar_week_sessions": ("  sessions in that week", None, ""),
    "series_check_ms": ("26-date series checked", 100, "ms"),
    "import_s": ("import 5,000 families, 10,000 sessions", 15, "s"),
    "import_cpu_s": ("  same, CPU time of the process", None, "s"),
    "import_preview_s": ("preview of that file", 5, "s"),
    "import_preview_cpu_s": ("  same, CPU time of the process", None, "s"),
    "import_read_s": ("  of it, reading the workbook", None, "s"),
}


def centre_folder(families_count: int) -> Path:
    folder = CACHE / f"centre-{families_count}"
    if (folder / "keystore.json").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()

    def progress(done: int, total: int, what: str) -> None:
        print(
            f"  building the demo centre: {done:,} of {total:,} {what} "
            f"({time.perf_counter() - started:.0f} s)",
            flush=True,
        )

    make_demo_centre(folder, families=families_count, seed=8, password=PASSWORD, progress=progress)
    return folder


def resident_mb() -> float:
    """Resident memory now (not the peak, which the password KDF's 128 MiB dominates)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def typing_workload(session, rng: random.Random) -> list[str]:
    """What people type: surnames, first names, references, referrers; one prefix per key."""
    sample = families.search_families(session, "", limit=200)
    words: list[str] = []
    for summary in rng.sample(sample, 40):
        words.append(rng.choice(summary.names.split()))
        words.append(summary.reference)
        words.append(summary.referrer.split()[0])
    prefixes = []
    for word in words:
        prefixes += [word[:n] for n in range(1, len(word) + 1)]
    return prefixes


def measure_search(session, prefixes: list[str]) -> list[float]:
    times = []
    for prefix in prefixes:
        elapsed, _ = timed(families.search_families, session, prefix)
        times.append(elapsed * 1000)
    return times


def plain_copy(folder: Path, session) -> Path:
    """The same database without encryption, for the SQLCipher-versus-SQLite ratio."""
    from sqlcipher3 import dbapi2 as sqlcipher

    target = CACHE / f"plain-{folder.name}.db"
    version = session.centre.conn.execute("PRAGMA user_version").fetchone()[0]
    if target.exists():
        copy = sqlcipher.connect(str(target))
        stale = copy.execute("PRAGMA user_version").fetchone()[0] != version
        copy.close()
        if stale:  # made before a migration: make it again
            target.unlink()
    if not target.exists():
        session.centre.conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
        session.centre.conn.execute("SELECT sqlcipher_export('plain')")
        session.centre.conn.execute("DETACH DATABASE plain")
    return target


def query_workload(conn, prefixes: list[str], family_ids: list[int], day) -> float:
    from stmarys_desktop.store import families as family_store
    from stmarys_desktop.store import sessions as session_store

    started = time.perf_counter()
    for prefix in prefixes:
        family_store.search(conn, prefix)
    for family_id in family_ids:
        family_store.get_family(conn, family_id)
        session_store.history(conn, family_id)
    for _ in range(5):
        session_store.register(conn, day)
    return time.perf_counter() - started


def plain_workload(
    plain_path: Path, prefixes: list[str], family_ids: list[int], day: str
) -> list[float]:
    """The workload on the unencrypted copy, in a fresh interpreter: SQLCipher's memory
    security is process-wide once any connection turns it on, so a plain connection in
    this process would pay for it too and hide its cost."""
    job = json.dumps({"path": str(plain_path), "prefixes": prefixes, "ids": family_ids, "day": day})
    out = subprocess.run(
        [sys.executable, __file__, "--plain-workload"],
        input=job,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(out.stdout)


def run_plain_workload() -> int:
    """Child side of plain_workload: the same SQLite settings, no key, no memory security."""
    from sqlcipher3 import dbapi2 as sqlcipher

    from stmarys_desktop.store.database import CACHE_KIB

    job = json.loads(sys.stdin.read())
    plain = sqlcipher.connect(job["path"], isolation_level=None)
    plain.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # the same cache as the centre's
    day = datetime.fromisoformat(job["day"]).date()
    query_workload(plain, job["prefixes"], job["ids"], day)  # warm the cache
    times = [query_workload(plain, job["prefixes"], job["ids"], day) for _ in range(3)]
    plain.close()
    print(json.dumps(times))
    return 0


def sqlcipher_vs_sqlite(session, folder: Path, prefixes, family_ids) -> tuple[float, float]:
    """(ratio, seconds on SQLCipher): the median of three runs each, caches warm."""
    plain_path = plain_copy(folder, session)
    day = session.centre.clock().date()
    query_workload(session.centre.conn, prefixes, family_ids, day)  # warm the cache
    encrypted = [query_workload(session.centre.conn, prefixes, family_ids, day) for _ in range(3)]
    unencrypted = plain_workload(plain_path, prefixes, family_ids, day.isoformat())
    return statistics.median(encrypted) / statistics.median(unencrypted), statistics.median(
        encrypted
    )


def printouts_ms(session, family_ids: list[int]) -> tuple[float, float]:
    """Laying out the family record (each family's whole attendance history) and today's
    register as PDF bytes (issue 21); medians."""
    from stmarys_desktop.printing.document import render
    from stmarys_desktop.printing.family_record import family_record_paper
    from stmarys_desktop.printing.register import register_paper

    today = families.today(session)
    record_ms = []
    for family_id in family_ids:
        family = families.open_family(session, family_id)
        lines = register.attendance_history(session, family_id)
        paper = family_record_paper(
            session.centre_name, family, lines, "Benchmark", "1 January 2026", today
        )
        record_ms.append(timed(render, paper)[0] * 1000)
    entries = register.todays_register(session)
    day = register_paper(session.centre_name, today, entries, "Benchmark", "1 January 2026")
    return statistics.median(record_ms), timed(render, day)[0] * 1000


def measure_calendar(session) -> dict[str, float]:
    """Issue 19: the Calendar's week (its service and the grid it fills), and a weekly
    series of 26 dates checked date by date as single bookings are."""
    from PySide6.QtWidgets import QApplication

    from stmarys_desktop.domain.sessions import BookingDraft
    from stmarys_desktop.services import bookings, calendar, series
    from stmarys_desktop.ui.screens.calendar import CalendarScreen

    class _Host:
        def __init__(self, session) -> None:
            self.session = session

        def show_status(self, text: str) -> None:
            pass

    results: dict[str, float] = {}
    QApplication.instance() or QApplication([])
    screen = CalendarScreen(_Host(session))
    today = session.centre.clock().date()
    screen.day = today
    screen.refresh()  # warm
    week_ms = [timed(screen.refresh)[0] * 1000 for _ in range(10)]
    results["calendar_week_ms"] = statistics.median(week_ms)
    results["calendar_week_sessions"] = sum(len(d.sessions) for d in calendar.week(session, today))

    found = [f for f in families.search_families(session, "SMC", limit=500) if f.status == "active"]
    family = families.open_family(session, found[len(found) // 2].id)
    resident, visiting = family.adults[:2]
    room = bookings.rooms(session)[0].id
    staff = [c.id for c in bookings.staff_choices(session)[:2]]
    draft = BookingDraft(
        family_id=family.id,
        on_date=bookings.next_open_day(session),
        starts="17:00",
        ends="18:00",
        room_id=room,
        first_arriving_id=resident.id,
        second_arriving_id=visiting.id,
        staff_ids=staff,
    )
    series.preview_series(session, draft, 1, count=26)  # warm
    check_ms = [
        timed(series.preview_series, session, draft, 1, count=26)[0] * 1000 for _ in range(10)
    ]
    results["series_check_ms"] = statistics.median(check_ms)
    return results


def measure(folder: Path) -> dict[str, float]:
    results: dict[str, float] = {}
    rng = random.Random(5)
    kdf_times = [timed(_stretch, b"x", os.urandom(16), DEFAULT_KDF)[0] for _ in range(3)]
    results["kdf_s"] = statistics.median(kdf_times)

    session = sign_in(folder, "coordinator", PASSWORD)
    try:
        prefixes = typing_workload(session, rng)
        measure_search(session, prefixes[:50])  # warm the page cache as a day's use would
        search_ms = measure_search(session, prefixes)
        results["search_p50_ms"] = percentile(search_ms, 0.50)
        results["search_p95_ms"] = percentile(search_ms, 0.95)

        register_ms = [timed(register.todays_register, session)[0] * 1000 for _ in range(20)]
        results["register_ms"] = statistics.median(register_ms)

        all_ids = [f.id for f in families.search_families(session, "SMC", limit=5000)]
        family_ids = rng.sample(all_ids, 50)
        open_ms = [timed(families.open_family, session, fid)[0] * 1000 for fid in family_ids]
        results["family_open_ms"] = statistics.median(open_ms)
        results["record_pdf_ms"], results["register_pdf_ms"] = printouts_ms(
            session, family_ids[:10]
        )

        results["sqlcipher_vs_sqlite_ratio"], results["workload_s"] = sqlcipher_vs_sqlite(
            session, folder, prefixes[:300], family_ids
        )
        results["rss_mb"] = resident_mb()
        results.update(measure_calendar(session))
    finally:
        session.close()

    manager = sign_in(folder, "manager", PASSWORD)
    try:
        from stmarys_desktop.services import retention

        review_times = []
        for _ in range(3):
            elapsed, found = timed(retention.review, manager)
            review_times.append(elapsed)
        results["retention_s"] = statistics.median(review_times)
        results["retention_due"] = len(found.due)
        with tempfile.TemporaryDirectory() as scratch:
            results["backup_s"], _ = timed(backup, manager, Path(scratch) / "b.stmbackup")
        results["verify_s"], report = timed(verify, manager)
        assert report.ok, report.problems
        results["backup_plus_verify_s"] = results["backup_s"] + results["verify_s"]
    finally:
        manager.close()
    results.update(measure_disposal(folder))
    results.update(measure_window(folder))
    from import_figures import measure_import  # a new centre of its own (issue 22)

    results.update(measure_import())
    return results


def measure_disposal(folder: Path, count: int = 1000) -> dict[str, float]:
    """What the manager waits for, password check to cleared space, on a throw-away copy
    of the centre (the cached one keeps its families for the next run)."""
    from stmarys_desktop.services import retention

    with tempfile.TemporaryDirectory(dir=CACHE) as scratch:
        copy = Path(scratch) / folder.name
        shutil.copytree(folder, copy)
        manager = sign_in(copy, "manager", PASSWORD)
        try:
            found = retention.review(manager)
            ids = [r.id for r in found.due if r.category == "family"][:count]
            elapsed, _ = timed(
                retention.dispose,
                manager,
                as_of=found.as_of,
                family_ids=ids,
                staff_ids=[],
                manager_password=PASSWORD,
            )
        finally:
            manager.close()
    return {"disposal_s": elapsed, "disposal_families": len(ids)}


def measure_window(folder: Path) -> dict[str, float]:
    """Start-up ratio and unlock time need the window: measured in child processes."""
    script = HERE / "window_figures.py"
    if not script.exists():
        return {}
    out = subprocess.run(
        [sys.executable, str(script), str(folder), PASSWORD],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        return {}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=50_000)
    parser.add_argument("--json", metavar="FILE")
    parser.add_argument("--plain-workload", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.plain_workload:
        return run_plain_workload()
    CACHE.mkdir(exist_ok=True)
    folder = centre_folder(args.families)
    results = measure(folder)
    print(
        f"\nSt Mary's desktop benchmark, {args.families:,} families, "
        f"{datetime.now():%Y-%m-%d %H:%M}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"{'figure':<44} {'measured':>10} {'target':>8}")
    for key, (label, target, unit) in TARGETS.items():
        if key not in results:
            print(f"{label:<44} {'n/a':>10}")
            continue
        value = results[key]
        mark = "" if target is None else (" ok" if value <= target else " OVER")
        shown = f"{value:.3f}" if value < 10 else f"{value:.1f}"
        print(
            f"{label:<44} {shown + unit:>10} {('' if target is None else str(target) + unit):>8}"
            f"{mark}"
        )
    payload = {k: round(v, 4) for k, v in results.items()}
    payload["families"] = args.families
    if args.json:
        Path(args.json).write_text(json.dumps(payload, indent=2))
    print(json.dumps(payload))
    return 0


if __name__ == "__main__":
    sys.exit(main())
