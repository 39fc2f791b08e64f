"""Internal printouts (clause i, issue 6): the day's register and a family's record.

Each is printed or saved from its own screen, marked "Confidential: not to
leave the centre" on every page and logged: the family record in the
disclosure log of that family, the register (many families, nobody outside)
as one audit row. Contact details stay masked on paper. The PDFs are real
files read back with pypdf; the print dialog is patched to print to a PDF.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel

from stmarys_desktop.domain.families import Family
from stmarys_desktop.domain.sessions import (
    AttendanceLine,
    Attendee,
    BookingDraft,
    Handover,
    RegisterEntry,
    SessionStatus,
)
from stmarys_desktop.printing.document import CONFIDENTIAL, write_pdf
from stmarys_desktop.printing.family_record import family_record_paper
from stmarys_desktop.printing.register import register_paper
from stmarys_desktop.services import bookings, disclosure, families, register
from stmarys_desktop.services.auth import sign_in as service_sign_in
from stmarys_desktop.store import audit
from stmarys_desktop.ui.dialogs.family_record import FamilyRecordDialog
from stmarys_desktop.ui.screens.today import TodayScreen
from tests.helpers import PASSWORD
from tests.ui import family_helpers
from tests.ui.family_helpers import WEDNESDAY, at, click
from tests.ui.helpers import find
from tests.unit.family_helpers import two_parent_family

front_desk_centre = family_helpers.front_desk_centre
open_as = family_helpers.open_as

# What the made-up family's adults gave as address and telephone (never on paper).
CONTACT_DETAILS = (
    "Invented Road",
    "Westhaven",
    "Makebelieve Lane",
    "Fernby",
    "07700 900123",
    "07700 900456",
)


def squash(text: str) -> str:
    """Without white space: a table cell wraps its words wherever its width falls."""
    return "".join(text.split())


def pages_of(path: Path) -> list[str]:
    return [squash(page.extract_text()) for page in PdfReader(path).pages]


def marked_on_every_page(path: Path) -> str:
    """The text of every page, each checked for the mark and its page number; squashed."""
    pages = pages_of(path)
    for number, text in enumerate(pages, 1):
        assert squash(CONFIDENTIAL) in text, f"page {number} is not marked"
        assert squash(f"Page {number} of {len(pages)}") in text
    return "".join(pages)


def assert_shows(text: str, *words: str) -> None:
    for each in words:
        assert squash(each) in text, each


def assert_never_shows(text: str, *words: str) -> None:
    for each in words:
        assert squash(each) not in text, each


def save_to(monkeypatch, target: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )


def print_to(monkeypatch, target: Path) -> None:
    def to_pdf(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", to_pdf)


def family_with_a_session(data_dir: Path) -> tuple[Family, int]:
    """Made as a coordinator at another desk: a family (a child with needs) booked today
    10:00-12:00 in the Playroom with Nia Holm; Carys Dunford and Ivy arrived at 09:50."""
    draft = two_parent_family()
    draft.people[2].needs = "Asthma: inhaler in the blue bag"
    coordinator = service_sign_in(data_dir, "coordinator", PASSWORD)
    try:
        coordinator.centre.clock = at(8)
        family = families.create_family(coordinator, draft)
        resident, visiting = family.adults[:2]
        room = next(r.id for r in bookings.rooms(coordinator) if r.name == "Playroom")
        session_id = bookings.book_session(
            coordinator,
            BookingDraft(
                family_id=family.id,
                on_date=WEDNESDAY,
                starts="10:00",
                ends="12:00",
                room_id=room,
                first_arriving_id=resident.id,
                second_arriving_id=visiting.id,
                staff_ids=[1],
            ),
            accept_warnings=True,
        )
        coordinator.centre.clock = at(9, 50)
        for person in (resident, family.children[0]):
            register.check_in(coordinator, session_id, person.id)
    finally:
        coordinator.close()
    return family, session_id


def today_screen(window) -> TodayScreen:
    window.workspace.go_to("Today")
    screen = window.workspace.screens["Today"]
    assert isinstance(screen, TodayScreen)
    screen.refresh()
    return screen


# -- the register ---------------------------------------------------------------------


def test_front_desk_prints_the_register_marked_and_logged_once(
    qtbot, open_as, front_desk_centre: Path, tmp_path: Path, monkeypatch
) -> None:
    family, _ = family_with_a_session(front_desk_centre)
    window = open_as("frontdesk")
    screen = today_screen(window)

    saved = tmp_path / "register.pdf"
    save_to(monkeypatch, saved)
    click(qtbot, screen, "Save register as PDF")
    assert str(saved) in window.statusBar().currentMessage()
    text = marked_on_every_page(saved)
    assert_shows(
        text,
        "Register for Wednesday 2 December 2026",
        "printed by Brelna Quoufenn",
        # time, family and room, arrivals, departures, staff, status
        f"10:00 to 12:00 {family.reference} Playroom",
        "First: 09:45 Carys Dunford (resident parent) "
        "Second: 10:00 Owen Brackley (non-resident parent)",
        "First: 12:00 Owen Brackley (non-resident parent) "
        "Second: 12:15 Carys Dunford (resident parent) Nia Holm Booked: 2 of 4 arrived",
        # the named people, with their times
        "Carys Dunford (resident parent): arrived 09:50, still here",
        "Owen Brackley (non-resident parent): not arrived",
        "Ivy Dunford (child): arrived 09:50, still here",
        "Leo Brackley (child): not arrived",
    )
    assert_never_shows(text, *CONTACT_DETAILS)

    printed = tmp_path / "printed.pdf"
    print_to(monkeypatch, printed)
    click(qtbot, screen, "Print register")
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("The register (1 page) was sent to the printer")
    )
    assert_shows(marked_on_every_page(printed), family.reference, "Carys Dunford")

    # One audit row per printout, for the whole register; nothing in any family's
    # disclosure log, because nothing went outside the centre.
    rows = [
        (e.actor, e.subject, e.detail, e.outcome)
        for e in audit.entries(window.session.centre.conn)
        if e.action == "register.print"
    ]
    assert rows == [("frontdesk", "2026-12-02", "1 session, marked confidential", "done")] * 2
    coordinator = service_sign_in(front_desk_centre, "coordinator", PASSWORD)
    try:
        assert disclosure.disclosure_history(coordinator, family.id) == []
    finally:
        coordinator.close()


def test_a_cancelled_print_or_save_prints_and_logs_nothing(
    qtbot, open_as, front_desk_centre: Path, monkeypatch
) -> None:
    window = open_as("frontdesk")
    screen = today_screen(window)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: ("", ""))
    )
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    click(qtbot, screen, "Save register as PDF")
    click(qtbot, screen, "Print register")
    assert not any(e.action == "register.print" for e in audit.entries(window.session.centre.conn))


# -- the family record -------------------------------------------------------------------


def test_the_family_record_prints_without_contact_details_and_is_logged(
    qtbot, open_as, front_desk_centre: Path, tmp_path: Path, monkeypatch
) -> None:
    family, _ = family_with_a_session(front_desk_centre)
    window = open_as("frontdesk")
    dialog = FamilyRecordDialog(
        window, window.session, families.open_family(window.session, family.id)
    )
    qtbot.addWidget(dialog)

    saved = tmp_path / "record.pdf"
    save_to(monkeypatch, saved)
    click(qtbot, dialog, "Save record as PDF")
    assert str(saved) in find(dialog, QLabel, "Message").text()
    text = marked_on_every_page(saved)
    assert_shows(
        text,
        f"Family record {family.reference}",
        "printed by Brelna Quoufenn",
        f"Reference {family.reference} Status Active",
        "Addresses and telephone numbers are never printed",
        # each person: name, role, date of birth, needs, named on the referral,
        # and only whether contact details are held
        "Carys Dunford Resident parent - - Yes Address and telephone held, not printed",
        "Owen Brackley Non-resident parent - - Yes Address and telephone held, not printed",
        "Ivy Dunford Child 1 May 2019 Asthma: inhaler in the blue bag Yes",
        "Leo Brackley Child 2 May 2019 - Yes",
        "Referring agency Hartwell Finch LLP Referrer Mira Pennock Referred on 1 September 2026",
        "Fortnightly Saturdays, 10:00-12:00",
        "Next review due 2 June 2027",
        "1 session, newest first",
        "Wednesday 2 December 2026 10:00–12:00 Booked (no attendance recorded)",
    )
    # Never an address or telephone: the parents' nor the referrer's (07700 900999).
    assert_never_shows(text, *CONTACT_DETAILS, "07700")

    printed = tmp_path / "printed.pdf"
    print_to(monkeypatch, printed)
    click(qtbot, dialog, "Print record")
    assert (
        find(dialog, QLabel, "Message")
        .text()
        .startswith("The family record (1 page) was sent to the printer")
    )
    printed_text = marked_on_every_page(printed)
    assert_shows(printed_text, family.reference, "Ivy Dunford")
    assert_never_shows(printed_text, *CONTACT_DETAILS, "07700")

    coordinator = service_sign_in(front_desk_centre, "coordinator", PASSWORD)
    try:
        logged = disclosure.disclosure_history(coordinator, family.id)
    finally:
        coordinator.close()
    assert [(e.actor, e.action, e.recipient, e.allowed, e.clause) for e in logged] == [
        ("Brelna Quoufenn", "internal_printout", "internal: family record", True, "clause i")
    ] * 2


# -- many pages: every one is marked -------------------------------------------------------


def test_long_printouts_are_marked_on_every_page(qapp, tmp_path: Path) -> None:
    named = (
        Attendee(1, "Carys Dunford", "resident_parent", "09:50", "12:05"),
        Attendee(3, "Ivy Dunford", "child", None, None),
    )
    entries = [
        RegisterEntry(
            session_id=n,
            family_id=n,
            reference=f"SM-2026-{n:04d}",
            room="Playroom",
            on_date=WEDNESDAY,
            starts="10:00",
            ends="12:00",
            arrivals=(
                Handover(1, "Carys Dunford (resident parent)", "09:45"),
                Handover(2, "Owen Brackley (non-resident parent)", "10:00"),
            ),
            departures=(
                Handover(2, "Owen Brackley (non-resident parent)", "12:00"),
                Handover(1, "Carys Dunford (resident parent)", "12:15"),
            ),
            status=SessionStatus.BOOKED,
            cancelled_by="",
            staff=("Nia Holm", "Alfie Hollow") if n == 1 else ("Nia Holm",),
            named=named,
            version=1,
        )
        for n in range(1, 41)
    ]
    sheet = write_pdf(
        tmp_path / "register.pdf",
        register_paper("St Mary's", WEDNESDAY, entries, "Brelna Quoufenn", "2 December 2026"),
    )
    text = marked_on_every_page(sheet)
    assert len(pages_of(sheet)) >= 3
    assert_shows(text, "SM-2026-0001", "SM-2026-0040", "End of the register")
    assert "NiaHolm;AlfieHollow" in text  # people apart (D353); the text has no spaces

    family = Family(
        id=1,
        reference="SM-2026-0001",
        status="active",
        arrangement="Saturdays",
        created_at="2026-09-01T10:00:00",
        last_reviewed_on=None,
        next_review_on=date(2026, 11, 1),
        version=1,
    )
    lines = [
        AttendanceLine(
            date(2026, 1, 3) + timedelta(days=7 * n), "10:00", "12:00", SessionStatus.ATTENDED, ""
        )
        for n in range(120)
    ]
    record = write_pdf(
        tmp_path / "record.pdf",
        family_record_paper(
            "St Mary's", family, lines, "Brelna Quoufenn", "2 December 2026", WEDNESDAY
        ),
    )
    text = marked_on_every_page(record)
    assert len(pages_of(record)) >= 3
    assert_shows(
        text,
        "Next review due 1 November 2026 (overdue)",
        "120 sessions, newest first",
        "Saturday 3 January 2026",
        "End of the family record",
    )
