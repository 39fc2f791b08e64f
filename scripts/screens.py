"""Render the window's screens to PNG files in docs/screens/ (offscreen, no display needed).

    python scripts/screens.py [--out docs/screens] [--size 1024x768]

Runs on a throw-away demo centre with cheap key stretching, so it takes
seconds. Look at every picture after a change to a screen. To check
scaling, run it again with QT_SCALE_FACTOR=1.5 and another --out folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from stmarys_desktop.services.demo import make_demo_centre  # noqa: E402
from stmarys_desktop.store.keystore import KdfParams  # noqa: E402
from stmarys_desktop.ui.main_window import AppWindow  # noqa: E402
from stmarys_desktop.ui.settings_file import WindowSettings  # noqa: E402
from stmarys_desktop.ui.wizard import SetupWizard  # noqa: E402

CHEAP_KDF = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
# Families 25, 50, ... 300 of the demo have a session today (the register's picture).
DEMO_FAMILIES = 300


def sign_in(app: QApplication, window: AppWindow) -> None:
    """Press Sign in and wait for the worker thread's answer, as a person would."""
    answered = QEventLoop()
    window.login.checked.connect(answered.quit)
    window.login.try_sign_in()
    if window.login.busy:
        answered.exec()
    window.login.checked.disconnect(answered.quit)

def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def save(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def save_first_page(paper, path: Path, dpi: int = 110) -> None:
    """A printed document's first page, drawn from its PDF as the printer gets it."""
    from stmarys_desktop.printing.document import render
    from stmarys_desktop.ui.printouts import page_images

    if not page_images(render(paper).pdf, dpi, last=0)[0].save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def wizard_pictures(app: QApplication, folder: Path, out: Path, width: int, height: int) -> None:
    wizard = SetupWizard(folder / "new-centre", kdf=CHEAP_KDF)
    wizard.resize(min(width, 800), min(height, 620))
    wizard.show()
    wizard.centre_page.centre_name.setText("St Mary's Contact Centre")
    save(app, wizard, out / "wizard-1-centre.png")
    wizard.next()
    page = wizard.manager_page
    page.user_name.setText("mtestwick")
    page.full_name.setText("Morwenna Testwick")
    page.password.setText("Tea-and-biscuits 1984")
    page.repeat.setText("Tea-and-biscuits 1984")
    save(app, wizard, out / "wizard-2-manager.png")
    wizard.next()
    save(app, wizard, out / "wizard.png")
    if wizard.session is not None:
        wizard.session.close()
    wizard.recovery_page.kept.setChecked(True)
    wizard.accept()


def incident_pictures(app: QApplication, window: AppWindow, out: Path, width: int,
                      height: int) -> None:
    """The incident form with marks on the body map, a chronology, the accident book."""
    from datetime import datetime

    from PySide6.QtCore import QTime

    from stmarys_desktop.domain.incidents import BodyMark, IncidentDraft, IncidentKind
    from stmarys_desktop.printing.accident_book import accident_book_paper
    from stmarys_desktop.printing.document import day_text
    from stmarys_desktop.services import incidents
    from stmarys_desktop.ui.dialogs.chronology import ChronologyDialog
    from stmarys_desktop.ui.dialogs.incident import IncidentDialog

    session = window.session
    assert session is not None and window.workspace is not None
    summaries = incidents.incident_list(session)
    family = next(s for s in summaries if s.family_id is not None
                  and s.kind is IncidentKind.WELFARE_CONCERN)
    dialog = IncidentDialog(window, session)
    dialog.set_kind(IncidentKind.ACCIDENT)
    yesterday = dialog.when.dateTime().addDays(-1)
    yesterday.setTime(QTime(11, 20))
    dialog.when.setDateTime(yesterday)
    dialog.place.setText("Garden Room")
    dialog.family.search.setText(family.family_reference)
    dialog.family.find()
    dialog.people.setPlainText("Child: Ivy Brackwell (6); volunteer: Plouth Vrenby")
    dialog.seen.setPlainText("Ivy was running to the slide, tripped on the edge of the mat and "
                             "fell onto her left knee and right hand. She said: \"I fell on "
                             "the mat, it hurts.\"")
    dialog.injuries.setPlainText("Graze to the left knee, about 3 cm; red palm, right hand.")
    dialog.body_map.set_marks([BodyMark("front", 0.585, 0.71, "graze, about 3 cm"),
                               BodyMark("front", 0.165, 0.52, "red palm")])
    dialog.action.setPlainText("Cleaned with water, plaster applied; ice pack for the hand.")
    dialog.told.setPlainText("Mother (resident parent) at collection, 12:05")
    dialog.resize(min(width, 1024), height)
    dialog.show()
    save(app, dialog, out / "incident-form.png")
    dialog.reject()

    # A correction, so the chronology shows an entry superseded and the one that replaces it,
    # beside the confirmed concern and the exception it opened.
    concern = next(s for s in summaries if s.kind is IncidentKind.VIOLENCE_CONCERN
                   and s.family_id)
    old = incidents.incident_details(session, concern.id)
    incidents.correct_incident(session, old.id, IncidentDraft(
        kind=old.kind, occurred_at=datetime.fromisoformat(old.occurred_at),
        seen_and_heard=old.seen_and_heard + " The volunteer was not hurt.",
        family_id=old.family_id, place=old.place, people_involved=old.people_involved,
        action_taken=old.action_taken, who_was_told="Safeguarding lead, by phone, the "
        "same afternoon"))
    chronology = ChronologyDialog(window, session, old.family_id, old.family_reference,
                                  incidents.chronology(session, old.family_id))
    chronology.resize(min(width, 1024), min(height, 620))
    chronology.show()
    save(app, chronology, out / "chronology.png")
    chronology.reject()

    window.workspace.go_to("Incidents")
    screen = window.workspace.screens["Incidents"]
    screen.show_section("Accident book")  # type: ignore[attr-defined]
    save(app, window, out / "accident-book.png")
    book = accident_book_paper(session.centre_name, incidents.accident_book(session),
                               session.account.display_name, day_text(datetime.now().date()))
    # The printed book's first page, drawn as the printer gets it.
    save_first_page(book, out / "accident-book-print.png")


def front_desk_pictures(app: QApplication, window: AppWindow, password: str, out: Path,
                        width: int, height: int) -> None:
    """Families, a family's record, the booking dialog and today's register, as the
    coordinator sees them (the manager's roles do not run the register)."""
    from datetime import timedelta

    from PySide6.QtCore import QDate

    from stmarys_desktop.printing import family_record
    from stmarys_desktop.printing import register as register_sheet
    from stmarys_desktop.printing.document import day_text
    from stmarys_desktop.services import families, register
    from stmarys_desktop.ui.dialogs.booking import BookingDialog
    from stmarys_desktop.ui.dialogs.family_record import FamilyRecordDialog

    window.sign_out()
    window.login.user_name.setText("coordinator")
    window.login.password.setText(password)
    sign_in(app, window)
    session = window.session
    if window.workspace is None or session is None:
        raise SystemExit("could not sign in as the coordinator: "
                         + window.login.message.text())
    window.workspace.go_to("Families")
    save(app, window, out / "families.png")

    screen = window.workspace.screens["Families"]
    summary = next(f for f in screen.model.rows() if f.status == "active")
    family = families.open_family(session, summary.id)
    record = FamilyRecordDialog(window, session, family)
    record.resize(min(width, 980), min(height, 640))
    record.show()
    record.select_person(family.adults[0].id)
    save(app, record, out / "family-record.png")
    record.reject()
    # The printed record's first page, as the printer would get it (no contact details).
    on = families.today(session)
    printed_on = day_text(on)
    sheets = {"family-record-print.png": family_record.family_record_paper(
        session.centre_name, family, register.attendance_history(session, family.id),
        session.account.display_name, printed_on, on)}

    day = families.today(session) + timedelta(days=1)
    while day.weekday() == 6:  # the demo centre is closed on Sundays
        day += timedelta(days=1)
    booking = BookingDialog(window, session, family, on_date=day)
    booking.on_date.setDate(QDate(day.year, day.month, day.day))
    if booking.staff.count():
        booking.choose_staff(booking.staff.item(0).text())
    booking.resize(min(width, 720), min(height, 700))
    booking.show()
    save(app, booking, out / "booking.png")
    booking.reject()

    window.workspace.go_to("Today")
    today = window.workspace.screens["Today"]
    if today.register_model.rowCount() > 1:
        today.sessions.selectRow(1)
        today.people.selectRow(0)
    save(app, window, out / "register.png")
    sheets["register-print.png"] = register_sheet.register_paper(
        session.centre_name, on, register.todays_register(session), session.account.display_name,
        printed_on)
    for name, paper in sheets.items():
        save_first_page(paper, out / name)


def staff_pictures(app: QApplication, window: AppWindow, out: Path, width: int,
                   height: int) -> None:
    """The staff list (an applicant selected: Activate disabled, with the reason) and the
    vetting record of the demo's person with information disclosed and a decision."""
    from stmarys_desktop.ui.dialogs.vetting import VettingDialog
    from stmarys_desktop.ui.models.staff import SUMMARY_ROLE

    session = window.session
    assert session is not None and window.workspace is not None
    window.workspace.go_to("Staff")
    screen = window.workspace.screens["Staff"]
    rows = [screen.proxy.index(row, 0).data(SUMMARY_ROLE)
            for row in range(screen.proxy.rowCount())]
    waiting = next(n for n, s in enumerate(rows)
                   if s.member.status == "applicant" and not s.clearance.cleared)
    screen.table.selectRow(waiting)
    save(app, window, out / "staff.png")
    record = VettingDialog(window, session, 3)  # services/demo.py: disclosed, decision made
    record.resize(min(width, 940), min(height, 640))
    record.show()
    save(app, record, out / "vetting-record.png")
    record.reject()


def policy_pictures(app: QApplication, window: AppWindow, out: Path, width: int,
                    height: int) -> None:
    """The Policy screen and its register, the viewer (F1), and each printed sheet's first
    page, painted as the printer gets it."""
    from stmarys_desktop.domain.policy_documents import Group, HowAcknowledged, SheetVariant
    from stmarys_desktop.printing.acknowledgement import sheet_paper
    from stmarys_desktop.services import policy_documents as policy
    from stmarys_desktop.ui.dialogs.policy_viewer import open_policy_viewer

    session = window.session
    assert session is not None and window.workspace is not None
    today = session.centre.clock().date()
    # A few signed sheets, so the register has rows beside those still to sign.
    outstanding = policy.not_acknowledged(session, limit=3)
    for group in (Group.STAFF, Group.PARENT):
        for who in outstanding[group].listed[:2]:
            policy.record_acknowledgement(
                session, group, acknowledged_on=today, how=HowAcknowledged.GROUP_SHEET
                if group is Group.STAFF else HowAcknowledged.INTAKE_FORM,
                kept_at="Policy folder, office cabinet" if group is Group.STAFF
                else "Family file", staff_id=who.staff_id, person_id=who.person_id)
    window.workspace.go_to("Policy")
    screen = window.workspace.screens["Policy"]
    save(app, window, out / "policy.png")
    screen.tabs.setCurrentWidget(screen.acknowledgements_tab)  # type: ignore[attr-defined]
    save(app, window, out / "policy-acknowledgements.png")
    screen.tabs.setCurrentWidget(screen.rules_tab)  # type: ignore[attr-defined]
    save(app, window, out / "policy-rules.png")
    screen.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    # The map a manager confirms when publishing (issue 20), on the current text.
    from stmarys_desktop.ui.dialogs.policy_forms import RuleMapDialog

    current = policy.current_version(session)
    assert current is not None
    suggested = policy.suggest_rule_map(session, current.text)
    mapping = RuleMapDialog(window, suggested.passages, suggested.suggested,
                            f"version {current.number + 1}", lambda _c, _k: None)
    mapping.show()
    save(app, mapping, out / "policy-rule-map.png")
    mapping.close()

    viewer = open_policy_viewer(window)
    assert viewer is not None
    viewer.resize(min(width, 860), min(height, 680))
    save(app, viewer, out / "policy-viewer.png")
    viewer.close()

    staff = policy.not_acknowledged(session, (Group.STAFF,), limit=1)[Group.STAFF].listed
    parent = policy.not_acknowledged(session, (Group.PARENT,), limit=1)[Group.PARENT].listed
    sheets = {
        "group": policy.acknowledgement_sheet(session, SheetVariant.GROUP),
        "personal": policy.acknowledgement_sheet(
            session, SheetVariant.PERSONAL, name=staff[0].name if staff else "Plouth Vrenby",
            role=staff[0].detail if staff else "volunteer"),
        "intake": policy.acknowledgement_sheet(
            session, SheetVariant.INTAKE, name=parent[0].name if parent else "Ivy Brackwell",
            role="Parent"),
    }
    for variant, sheet in sheets.items():
        save_first_page(sheet_paper(sheet, policy.paper_size(session)),
                        out / f"acknowledgement-sheet-{variant}.png", dpi=100)


def disclosure_pictures(app: QApplication, window: AppWindow, out: Path, width: int,
                        height: int) -> None:
    """A family's disclosures as the coordinator sees them, the letters that can leave the
    centre, and the centre's disclosure history (issue 6)."""
    from stmarys_desktop.printing.letters import attendance_letter_paper, consent_form_paper
    from stmarys_desktop.services import disclosure, families, settings
    from stmarys_desktop.ui.dialogs.disclosure_history import DisclosureHistoryDialog
    from stmarys_desktop.ui.dialogs.disclosures import DisclosuresDialog

    session = window.session
    assert session is not None
    summary = next(f for f in families.search_families(session, "") if f.status == "active")
    family = families.open_family(session, summary.id)
    referrer = family.referral.agency_name if family.referral else ""
    today = families.today(session)
    disclosure.record_consent(session, family.id, given_by=family.adults[1].id,
                              recipient=referrer, recipient_kind="agency",
                              items=frozenset({"address"}), signed_on=today,
                              paper_kept_at="Consent folder, drawer 2")
    letter = disclosure.attendance_letter(session, family.id, referrer,
                                          deliver=lambda _letter: True)
    dialog = DisclosuresDialog(window, session, family.id)
    dialog.resize(min(width, 1000), min(height, 760))
    dialog.show()
    save(app, dialog, out / "disclosures.png")
    dialog.reject()
    history = DisclosureHistoryDialog(window, session)
    history.resize(min(width, 1000), min(height, 600))
    history.show()
    save(app, history, out / "disclosure-history.png")
    history.reject()
    save_first_page(attendance_letter_paper(letter, *settings.letter_sender(session)),
                    out / "attendance-letter.png")
    form = disclosure.consent_form(session, family.id, given_by=family.adults[1].id,
                                   recipient=referrer, items=frozenset({"address", "telephone"}))
    save_first_page(consent_form_paper(form, settings.letterhead(session)),
                    out / "consent-form.png")


def retention_pictures(app: QApplication, window: AppWindow, password: str, out: Path,
                       width: int, height: int) -> None:
    """The retention review and a disposal certificate, as the manager sees them (issue 9)."""
    from stmarys_desktop.printing.disposal import disposal_certificate_paper
    from stmarys_desktop.services import retention
    from stmarys_desktop.ui.dialogs.retention import RetentionDialog

    window.sign_out()
    window.login.user_name.setText("manager")
    window.login.password.setText(password)
    sign_in(app, window)
    session = window.session
    if session is None:
        raise SystemExit("could not sign in as the manager")
    dialog = RetentionDialog(window, window, session)
    dialog.resize(min(width, 1000), min(height, 700))
    dialog.show()
    save(app, dialog, out / "retention-review.png")
    dialog.reject()
    found = retention.review(session)
    chosen = [r.id for r in found.due if r.category == "family"][:3]
    certificate = retention.dispose(session, as_of=found.as_of, family_ids=chosen,
                                    staff_ids=[], manager_password=password)
    save_first_page(disposal_certificate_paper(certificate), out / "disposal-certificate.png")


def audit_pictures(app: QApplication, window: AppWindow, out: Path) -> None:
    """Admin > Audit log and Admin > Authorities, as the manager sees them (issue 15), at
    the size they open at."""
    from stmarys_desktop.ui.dialogs.audit_log import AuditLogDialog
    from stmarys_desktop.ui.dialogs.authorities import AuthoritiesDialog

    session = window.session
    if session is None:
        raise SystemExit("the manager is not signed in")
    for name, dialog in (("audit-log.png", AuditLogDialog(window, session)),
                         ("authorities.png", AuthoritiesDialog(window, session))):
        dialog.show()
        save(app, dialog, out / name)
        dialog.reject()


def window_pictures(app: QApplication, folder: Path, out: Path, width: int, height: int) -> None:
    demo = make_demo_centre(folder / "demo", families=DEMO_FAMILIES, kdf=CHEAP_KDF)
    window = AppWindow(demo.folder, settings=WindowSettings(last_user_name="manager",
                                                            keep=False))
    window.resize(width, height)
    window.show()
    save(app, window, out / "login.png")
    window.login.password.setText(demo.password)
    sign_in(app, window)
    if window.workspace is None:
        raise SystemExit("could not sign in to the demo centre: "
                         + window.login.message.text())
    save(app, window, out / "main-window.png")
    window.workspace.go_to("Admin")
    save(app, window, out / "admin.png")
    policy_pictures(app, window, out, width, height)
    staff_pictures(app, window, out, width, height)
    incident_pictures(app, window, out, width, height)
    front_desk_pictures(app, window, demo.password, out, width, height)
    disclosure_pictures(app, window, out, width, height)
    retention_pictures(app, window, demo.password, out, width, height)
    audit_pictures(app, window, out)
    window.lock_by_hand()
    save(app, window, out / "locked.png")
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screens"))
    parser.add_argument("--size", default="1024x768", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.lower().split("x"))
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="stmarys-screens-") as temp:
        # Keep the real settings file out of it.
        os.environ["STMARYS_CONFIG_DIR"] = str(Path(temp) / "config")
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        wizard_pictures(app, Path(temp), out, width, height)
        window_pictures(app, Path(temp), out, width, height)
    return 0


if __name__ == "__main__":
    sys.exit(main())
