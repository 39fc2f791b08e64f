"""Pictures of every screen and dialog, and of the printouts, in docs/screens/.

    python scripts/screens.py [--out docs/screens]

Every screen and dialog of tests/layout/catalogue.py is pictured at the size it
opens at, never resized for the picture: on a 1366x768 screen (NAME.png) and at
150 % on a 1920x1080 screen (NAME-150.png), each in its own offscreen process
(tests/layout/run.py), on a throw-away demo centre. The printouts' first pages
are drawn as the printer gets them. Look at every picture after a change.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (screen, QT_SCALE_FACTOR, suffix of the picture's name)
SCREENS = [("1366x768", "", ""), ("1920x1080", "1.5", "-150")]


def window_pictures(out: Path, temp: Path, written: set[str]) -> int:
    """Every catalogue entry at its opening size on each screen; returns the faults."""
    faults = 0
    for screen, scale, suffix in SCREENS:
        report_file = temp / f"layout{suffix}.json"
        env = {
            k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "QT_SCALE_FACTOR")
        }
        command = [
            sys.executable,
            "-m",
            "tests.layout.run",
            "--screen",
            screen,
            "--pictures",
            str(out),
            "--suffix",
            suffix,
            "--json",
            str(report_file),
        ]
        if scale:
            command += ["--scale", scale]
        subprocess.run(command, cwd=ROOT, env=env, check=True, stderr=subprocess.DEVNULL)
        report = json.loads(report_file.read_text(encoding="utf-8"))
        for name, size in report["sizes"].items():
            written.add(f"{name}{suffix}.png")
            print(f"wrote {name}{suffix}.png ({size} on {report['available']})")
        for name, why in report["errors"].items():
            faults += 1
            print(f"NOT PICTURED {name}{suffix}: {why.strip().splitlines()[-1]}")
        for name, found in report["results"].items():
            for fault in found:
                faults += 1
                print(f"LAYOUT FAULT {name}{suffix}: {fault}")
    return faults


def printed_pictures(out: Path, temp: Path, written: set[str]) -> None:
    """The first page of each printout, drawn as the printer gets it."""
    from PySide6.QtWidgets import QApplication

    from stmarys_desktop.domain.policy_documents import SheetVariant
    from stmarys_desktop.printing.acknowledgement import sheet_paper
    from stmarys_desktop.printing.disposal import disposal_certificate_paper
    from stmarys_desktop.printing.document import render
    from stmarys_desktop.printing.letters import attendance_letter_paper, consent_form_paper
    from stmarys_desktop.services import (
        disclosure,
        families,
        printouts,
        retention,
        settings,
    )
    from stmarys_desktop.services import policy_documents as policy
    from stmarys_desktop.services.auth import sign_in
    from stmarys_desktop.services.demo import make_demo_centre
    from stmarys_desktop.store.keystore import KdfParams
    from stmarys_desktop.ui.printouts import page_images
    from tests.layout.catalogue import DEMO_FAMILIES, fullest_family

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert app is not None
    # Open every day, as the catalogue's demo is: today's register has sessions.
    demo = make_demo_centre(
        temp / "printed",
        families=DEMO_FAMILIES,
        kdf=KdfParams(time_cost=1, memory_kib=8, parallelism=1),
        open_weekdays=frozenset(range(7)),
    )

    def save(name: str, paper, dpi: int = 110) -> None:
        if not page_images(render(paper).pdf, dpi, last=0)[0].save(str(out / name)):
            raise SystemExit(f"could not write {out / name}")
        written.add(name)
        print(f"wrote {name}")

    coordinator = sign_in(demo.folder, "coordinator", demo.password)
    on = families.today(coordinator)
    family = families.open_family(
        coordinator, fullest_family(families.search_families(coordinator, "")).id
    )

    def through(name: str, put_out) -> None:
        """A printout as the service decides, lays out and logs it (services/printouts.py)."""
        handed: list = []
        put_out(lambda paper: handed.append(paper) or True)
        save(name, handed[0])

    through("family-record-print.png", lambda d: printouts.family_record(coordinator, family.id, d))
    through("register-print.png", lambda d: printouts.register_sheet(coordinator, on, d))
    referrer = family.referral.agency_name if family.referral else ""
    # The letter as the service makes it; "delivered" here means pictured.
    letter = disclosure.attendance_letter(
        coordinator, family.id, referrer, deliver=lambda _letter: True
    )
    assert letter is not None
    save(
        "attendance-letter.png",
        attendance_letter_paper(letter, *settings.letter_sender(coordinator)),
    )
    form = disclosure.consent_form(
        coordinator,
        family.id,
        given_by=family.adults[1].id,
        recipient=referrer,
        items=frozenset({"address", "telephone"}),
    )
    save("consent-form.png", consent_form_paper(form, settings.letterhead(coordinator)))
    through("accident-book-print.png", lambda d: printouts.accident_book(coordinator, d))
    coordinator.close()

    manager = sign_in(demo.folder, "manager", demo.password)
    sheets = {
        "group": policy.acknowledgement_sheet(manager, SheetVariant.GROUP),
        "personal": policy.acknowledgement_sheet(
            manager, SheetVariant.PERSONAL, name="Plouth Vrenby", role="volunteer"
        ),
        "intake": policy.acknowledgement_sheet(
            manager, SheetVariant.INTAKE, name="Ivy Brackwell", role="Parent"
        ),
    }
    for variant, sheet in sheets.items():
        save(
            f"acknowledgement-sheet-{variant}.png",
            sheet_paper(sheet, policy.paper_size(manager)),
            dpi=100,
        )
    found = retention.review(manager)
    chosen = [r.id for r in found.due if r.category == "family"][:3]
    certificate = retention.dispose(
        manager, as_of=found.as_of, family_ids=chosen, staff_ids=[], manager_password=demo.password
    )
    save("disposal-certificate.png", disposal_certificate_paper(certificate))
    manager.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screens"))
    args = parser.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="stmarys-screens-") as temp:
        os.environ["STMARYS_CONFIG_DIR"] = str(Path(temp) / "config")
        written: set[str] = set()
        faults = window_pictures(out, Path(temp), written)
        printed_pictures(out, Path(temp), written)
    # A picture of a window or a page the program no longer has would mislead a reader.
    for stale in sorted(p for p in out.glob("*.png") if p.name not in written):
        stale.unlink()
        print(f"removed {stale.name}: nothing of that name is pictured any more")
    if faults:
        print(f"{faults} layout fault(s): see above; tests/layout fails on them too.")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
