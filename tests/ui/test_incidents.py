"""The Incidents screen (issue 5): recording, confirming, correcting, the accident book.

Driven as a person would, by accessible name; dialogs are answered by patching
their exec, and printouts are read back out of real PDFs.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextBrowser,
)

from stmarys_desktop.domain.families import Family
from stmarys_desktop.domain.incidents import BodyMark, IncidentDraft, IncidentKind
from stmarys_desktop.printing.document import CONFIDENTIAL
from stmarys_desktop.services import disclosure, families, incidents
from stmarys_desktop.services.auth import sign_in as service_sign_in
from stmarys_desktop.services.incidents import CONCERN_DETAILS_ONLY
from stmarys_desktop.ui.body_map import parts
from stmarys_desktop.ui.dialogs.chronology import ChronologyDialog
from stmarys_desktop.ui.dialogs.concern_decisions import (
    CloseExceptionDialog,
    ConfirmConcernDialog,
)
from stmarys_desktop.ui.dialogs.incident import IncidentDialog
from stmarys_desktop.ui.dialogs.incident_details import IncidentDetailsDialog, status_words
from stmarys_desktop.ui.main_window import AppWindow
from stmarys_desktop.ui.models.base import ROW_ROLE
from stmarys_desktop.ui.screens.incidents import IncidentsScreen
from tests.helpers import MANAGER, PASSWORD, pdf_text
from tests.ui.helpers import all_text, click, find, sign_in
from tests.unit.family_helpers import two_parent_family

CHILDS_WORDS = 'Ivy said: "I don\'t want to go home tonight."'


@pytest.fixture
def two_families(staffed_centre: Path) -> tuple[Family, Family]:
    session = service_sign_in(staffed_centre, "coordinator", PASSWORD)
    try:
        return (
            families.create_family(session, two_parent_family()),
            families.create_family(
                session,
                two_parent_family(
                    resident="Wren Ashby", visiting="Tal Kelham", children=("Rosa Ashby",)
                ),
            ),
        )
    finally:
        session.close()


@pytest.fixture
def open_as(qtbot, make_window, staffed_centre: Path, two_families):
    def open_(user: str, window: AppWindow | None = None) -> tuple[AppWindow, IncidentsScreen]:
        window = window or make_window(staffed_centre)
        sign_in(qtbot, window, user, PASSWORD)
        assert window.workspace is not None, window.login.message.text()
        window.workspace.go_to("Incidents")
        screen = window.workspace.screens["Incidents"]
        assert isinstance(screen, IncidentsScreen)
        return window, screen

    return open_


def column(view: QTableView, header: str) -> list[str]:
    model = view.model()
    col = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == header
    )
    return [model.index(row, col).data() for row in range(model.rowCount())]


def choose_family(dialog: IncidentDialog, reference: str) -> None:
    find(dialog, QLineEdit, "Find a family").setText(reference)
    find(dialog, QPushButton, "Find family").click()
    assert find(dialog, QComboBox, "Family").currentText().startswith(reference)


def fill_record(
    dialog: IncidentDialog,
    kind: IncidentKind,
    *,
    family: Family | None = None,
    people: str = "",
    seen: str = "",
) -> None:
    kinds = find(dialog, QComboBox, "Kind")
    kinds.setCurrentIndex(kinds.findText(kind.label))
    if family is not None:
        choose_family(dialog, family.reference)
    find(dialog, QPlainTextEdit, "Who was involved").setPlainText(people)
    find(dialog, QPlainTextEdit, "What was seen and heard").setPlainText(seen)


def other_incident(family_id: int | None, words: str) -> IncidentDraft:
    return IncidentDraft(
        kind=IncidentKind.OTHER,
        occurred_at=datetime.now().astimezone(),
        seen_and_heard=words,
        family_id=family_id,
        place="Front desk",
    )


def welfare_concern(family_id: int) -> IncidentDraft:
    return IncidentDraft(
        kind=IncidentKind.WELFARE_CONCERN,
        occurred_at=datetime.now().astimezone(),
        seen_and_heard=CHILDS_WORDS,
        family_id=family_id,
        people_involved="Child: Ivy Dunford",
    )


def accident(family_id: int | None, people: str, words: str) -> IncidentDraft:
    return IncidentDraft(
        kind=IncidentKind.ACCIDENT,
        occurred_at=datetime.now().astimezone(),
        seen_and_heard=words,
        family_id=family_id,
        place="Garden",
        people_involved=people,
        injuries="Graze to the left knee",
        action_taken="Cleaned; plaster applied.",
    )


def shown_text(dialog: QDialog) -> str:
    """The labels, text and list entries a dialog shows."""
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    labels += [view.toPlainText() for view in dialog.findChildren(QTextBrowser)]
    lists = [
        view.item(row).text()
        for view in dialog.findChildren(QListWidget)
        for row in range(view.count())
    ]
    return "\n".join(labels + lists)


def test_front_desk_records_an_accident_and_it_is_in_the_accident_book(
    qtbot, open_as, two_families, answer
) -> None:
    family, _ = two_families
    window, screen = open_as("frontdesk")
    people = "Child: Ivy Dunford (6); volunteer: Plouth Vrenby"

    def fill(dialog: IncidentDialog) -> None:
        fill_record(
            dialog,
            IncidentKind.ACCIDENT,
            family=family,
            people=people,
            seen="Ivy tripped on the garden step and grazed her knee.",
        )
        find(dialog, QLineEdit, "Where").setText("Garden")
        find(dialog, QPlainTextEdit, "Injuries").setPlainText("Graze to the left knee")
        # The body map without a mouse: side, part, Add mark, then the note.
        find(dialog, QComboBox, "Part of the body").setCurrentText("Left knee")
        find(dialog, QPushButton, "Add mark").click()
        find(dialog, QLineEdit, "Note for the selected mark").textEdited.emit("graze, 3 cm")

    answer(IncidentDialog, fill)
    click(qtbot, screen, "Record incident")

    (record,) = incidents.incident_list(window.session)
    assert column(screen.records_table, "Kind") == ["Accident"]
    assert column(screen.records_table, "Family") == [family.reference]
    assert column(screen.records_table, "Status") == ["Recorded"]
    # Issue 18: the full name of the person, not their login.
    assert column(screen.records_table, "Recorded by") == ["Brelna Quoufenn"]
    assert screen.selected_record().id == record.id
    assert "accident book" in window.statusBar().currentMessage()
    _, knee_x, knee_y = next(p for p in parts("front") if p[0] == "Left knee")
    assert incidents.incident_details(window.session, record.id).body_map == (
        BodyMark("front", knee_x, knee_y, "graze, 3 cm"),
    )

    screen.show_section("Accident book")
    assert column(screen.book_table, "Entry") == ["1"]
    assert column(screen.book_table, "Who was involved") == [people]
    assert column(screen.book_table, "Recorded by") == ["Brelna Quoufenn"]


def test_a_concern_from_the_front_desk_is_confirmed_by_the_safeguarding_lead(
    qtbot, open_as, two_families, answer
) -> None:
    family, other = two_families
    window, screen = open_as("frontdesk")
    answer(
        IncidentDialog,
        lambda dialog: fill_record(
            dialog,
            IncidentKind.WELFARE_CONCERN,
            family=family,
            people="Child: Ivy Dunford",
            seen=CHILDS_WORDS,
        ),
    )
    click(qtbot, screen, "Record incident")
    assert column(screen.records_table, "Status") == ["Awaiting the safeguarding lead"]
    assert "safeguarding lead to confirm" in window.statusBar().currentMessage()

    # The front desk sees the lead's actions, disabled, with the reason.
    screen.show_section("Concerns and exceptions")
    confirm = find(screen, QPushButton, "Confirm")
    assert not confirm.isEnabled()
    assert confirm.toolTip().startswith("Only the safeguarding lead confirms a concern")
    assert not find(screen, QPushButton, "Close exception").isEnabled()
    assert (
        "Only the safeguarding lead closes an exception"
        in find(screen, QLabel, "About open exceptions").text()
    )

    window.sign_out()
    window, screen = open_as("safeguarding", window)
    screen.show_section("Concerns and exceptions")
    assert screen.tabs.tabText(1) == "Concern&s and exceptions (1 awaiting)"
    (waiting,) = incidents.awaiting_confirmation(window.session)
    screen.select_awaiting(waiting.id)
    confirmed = answer(
        ConfirmConcernDialog,
        lambda dialog: find(dialog, QPlainTextEdit, "Note").setPlainText("Spoke to Ivy's school."),
    )
    click(qtbot, screen, "Confirm")

    assert confirmed.dialogs[0].result() == QDialog.DialogCode.Accepted
    assert screen.awaiting.rowCount() == 0
    assert column(screen.exceptions_table, "Family") == [family.reference]
    assert column(screen.exceptions_table, "Concern") == [f"Record {waiting.id}"]
    assert screen.selected_exception() is not None
    assert find(screen, QPushButton, "Close exception").isEnabled()
    (opened,) = incidents.family_exceptions(window.session, family.id, open_only=True)
    # Who confirmed it, by full name, in the list and on the record (issue 18, item 5).
    assert opened.incident_id == waiting.id and opened.confirmed_by == "Gwoul Thiarrow"
    assert column(screen.exceptions_table, "Confirmed by") == ["Gwoul Thiarrow"]
    details = incidents.incident_details(window.session, waiting.id)
    assert "(Gwoul Thiarrow, " in status_words(details)
    assert incidents.family_exceptions(window.session, other.id) == []
    screen.show_section("Records")
    assert column(screen.records_table, "Status") == ["Confirmed by the safeguarding lead"]


def test_front_desk_opening_a_concern_is_refused_plainly(
    qtbot, open_as, two_families, message_boxes
) -> None:
    family, _ = two_families
    window, screen = open_as("frontdesk")
    concern_id = incidents.record_incident(window.session, welfare_concern(family.id))
    screen.refresh()
    screen.select_record(concern_id)
    open_button = find(screen, QPushButton, "Open")
    assert not open_button.isEnabled() and open_button.toolTip() == CONCERN_DETAILS_ONLY
    assert (
        find(screen, QLabel, "Why some record actions are not available")
        .text()
        .startswith(CONCERN_DETAILS_ONLY)
    )

    table = screen.records_table
    cell = table.visualRect(table.model().index(0, 0)).center()
    # QTest's double click on an item view needs the first click to have happened.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert message_boxes.shown == [
        (
            "Record not shown",
            "You cannot see the details of a concern: your roles (Front desk) "
            "do not allow it. A safeguarding lead or a manager can.",
        )
    ]
    assert "go home" not in all_text(screen)


def test_a_correction_shows_both_records(qtbot, open_as, two_families, answer) -> None:
    family, _ = two_families
    window, screen = open_as("frontdesk")
    first = incidents.record_incident(
        window.session, other_incident(family.id, "A parent arived early.")
    )
    screen.refresh()
    screen.select_record(first)
    seen_before: list[str] = []

    def fill(dialog: IncidentDialog) -> None:
        seen = find(dialog, QPlainTextEdit, "What was seen and heard")
        seen_before.append(seen.toPlainText())
        assert not find(dialog, QComboBox, "Kind").isEnabled()
        assert not find(dialog, QComboBox, "Family").isEnabled()
        seen.setPlainText("A parent arrived twenty minutes early, at 09:40.")

    answer(IncidentDialog, fill)
    click(qtbot, screen, "Record a correction")
    assert seen_before == ["A parent arived early."]
    second = screen.selected_record().id
    by_record = dict(
        zip(
            column(screen.records_table, "Record"),
            column(screen.records_table, "Status"),
            strict=True,
        )
    )
    assert by_record == {
        str(first): f"Superseded by record {second}",
        str(second): f"Recorded; corrects record {first}",
    }
    assert (
        incidents.incident_details(window.session, first).seen_and_heard == "A parent arived early."
    )

    screen.select_record(first)
    assert not find(screen, QPushButton, "Record a correction").isEnabled()
    shown: list[list[str]] = []
    answer(
        ChronologyDialog,
        lambda dialog: shown.append(
            column(find(dialog, QTableView, "Chronology table"), "Details")
        ),
    )
    click(qtbot, screen, "Chronology")
    (details,) = shown
    assert len(details) == 2
    assert details[0].startswith(f"Superseded by a correction: Other incident (record {first})")
    assert details[1].startswith(f"Other incident (record {second})")


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("no kind", "Choose what kind of record this is."),
        ("no description", "Describe what was seen and heard before saving."),
        ("in the future", "An incident cannot be recorded for a time in the future."),
    ],
)
def test_bad_input_keeps_the_form_open_and_saves_nothing(
    qtbot, open_as, two_families, answer, fault, message
) -> None:
    family, _ = two_families
    window, screen = open_as("frontdesk")

    def fill(dialog: IncidentDialog) -> None:
        dialog.show()
        if fault != "no kind":
            fill_record(
                dialog,
                IncidentKind.OTHER,
                family=family,
                seen="" if fault == "no description" else "A parent arrived early.",
            )
        if fault == "in the future":
            find(dialog, QDateTimeEdit, "When it happened").setDateTime(
                QDateTime.currentDateTime().addSecs(2 * 3600)
            )

    answers = answer(IncidentDialog, fill)
    click(qtbot, screen, "Record incident")
    (dialog,) = answers.dialogs
    assert find(dialog, QLabel, "Message").text() == message
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    dialog.reject()
    assert incidents.incident_list(window.session) == []
    assert screen.records.rowCount() == 0


def test_the_accident_book_prints_numbered_complete_entries(
    qtbot, open_as, two_families, tmp_path: Path, monkeypatch
) -> None:
    family, _ = two_families
    window, screen = open_as("frontdesk")
    first = incidents.record_incident(
        window.session, accident(family.id, "Child: Ivy Dunford (6)", "Tripped on the step.")
    )
    incidents.record_incident(
        window.session,
        accident(None, "Volunteer: Plouth Vrenby", "Caught a finger in the stair gate."),
    )
    incidents.correct_incident(
        window.session,
        first,
        accident(
            family.id, "Child: Ivy Dunford (6)", "Tripped on the garden step, not the stairs."
        ),
    )
    screen.refresh()
    screen.show_section("Accident book")
    assert column(screen.book_table, "Entry") == ["1 (corrected by 3)", "2", "3 (corrects 1)"]

    target = tmp_path / "book.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    click(qtbot, screen, "Save accident book as PDF")
    assert str(target) in find(screen, QLabel, "Accident book message").text()
    text = pdf_text(target)
    entries = [text.index(f"Entry {n}") for n in (1, 2, 3)]
    assert entries == sorted(entries)
    for words in (
        "Entry 1 (corrected by entry 3)",
        "Entry 3 (corrects entry 1)",
        "Child: Ivy Dunford (6)",
        "Volunteer: Plouth Vrenby",
        "Caught a finger in the stair gate.",
        "Recorded by Brelna Quoufenn",
        CONFIDENTIAL,
        "Page 1 of",
    ):
        assert words in text, words

    printed = tmp_path / "printed.pdf"

    def to_pdf(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", to_pdf)
    click(qtbot, screen, "Print accident book")
    assert "Entry 3 (corrects entry 1)" in pdf_text(printed)


def test_the_chronology_prints_for_internal_use_and_the_printout_is_logged(
    qtbot, open_as, two_families, staffed_centre: Path, tmp_path: Path, answer, monkeypatch
) -> None:
    family, _ = two_families
    window, screen = open_as("frontdesk")
    incidents.record_incident(window.session, welfare_concern(family.id))
    late = incidents.record_incident(
        window.session,
        other_incident(family.id, "Mr Brackley arrived forty minutes before his time."),
    )
    screen.refresh()
    screen.select_record(late)
    printed = tmp_path / "chronology.pdf"

    def to_pdf(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", to_pdf)
    notes: list[str] = []

    def print_it(dialog: ChronologyDialog) -> None:
        find(dialog, QPushButton, "Print for internal use").click()
        notes.append(find(dialog, QLabel, "Message").text())

    answer(ChronologyDialog, print_it)
    click(qtbot, screen, "Chronology")
    assert notes[0].startswith("The chronology (1 page) was sent to the printer")
    text = pdf_text(printed)
    for words in (
        f"Chronology of family {family.reference}",
        CONFIDENTIAL,
        "Concern about a child's welfare",
        "Awaiting the safeguarding lead",
        "Mr Brackley arrived forty minutes before his time.",
    ):
        assert words in text, words
    assert "go home" not in text  # the front desk's printout has no concern details

    manager = service_sign_in(staffed_centre, MANAGER, PASSWORD)
    try:
        logged = disclosure.disclosure_history(manager, family.id)
    finally:
        manager.close()
    assert [(e.actor, e.recipient, e.allowed) for e in logged] == [
        ("Brelna Quoufenn", "internal: chronology", True)
    ]  # by full name (issue 18)


def test_the_lead_sees_the_whole_concern(qtbot, open_as, two_families, answer) -> None:
    family, _ = two_families
    window, screen = open_as("safeguarding")
    draft = welfare_concern(family.id)
    draft.body_map = [BodyMark("back", 0.5, 0.37, "red mark")]
    concern_id = incidents.record_incident(window.session, draft)
    screen.refresh()
    screen.select_record(concern_id)
    seen: list[str] = []
    opened = answer(IncidentDetailsDialog, lambda dialog: seen.append(shown_text(dialog)))
    click(qtbot, screen, "Open")
    (text,) = seen
    assert CHILDS_WORDS in text
    assert "1. Back, lower back: red mark" in text
    assert (
        opened.dialogs[0].windowTitle() == f"Record {concern_id}: Concern about a child's welfare"
    )
    assert screen.records_table.selectionModel().selectedRows()[0].data(ROW_ROLE).id == concern_id


def test_the_form_starts_at_the_present_time_and_saves_at_once(
    qtbot, open_as, two_families
) -> None:
    family, _ = two_families
    window, screen = open_as("frontdesk")
    dialog = IncidentDialog(screen, window.session)
    fill_record(
        dialog,
        IncidentKind.ACCIDENT,
        family=family,
        people="Child: Leo Brackley",
        seen="Bumped his head on the table.",
    )
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    (entry,) = incidents.accident_book(window.session)
    assert entry.people == "Child: Leo Brackley"
    moment = datetime.fromisoformat(entry.occurred_at)
    assert abs(moment - datetime.now().astimezone()) < timedelta(minutes=2)


def test_every_control_is_named_reachable_and_fits_the_screen(qtbot, open_as, two_families) -> None:
    from tests.ui.test_main_window import unnamed_controls

    family, _ = two_families
    window, screen = open_as("safeguarding")
    concern_id = incidents.record_incident(window.session, welfare_concern(family.id))
    exception = incidents.confirm_concern(window.session, concern_id)
    waiting_id = incidents.record_incident(window.session, welfare_concern(family.id))
    (waiting,) = [s for s in incidents.awaiting_confirmation(window.session) if s.id == waiting_id]
    screen.refresh()
    for section in ("Records", "Concerns and exceptions", "Accident book"):
        screen.show_section(section)
        assert unnamed_controls(screen) == [], section
    session = window.session
    dialogs = [
        IncidentDialog(window, session),
        IncidentDialog(window, session, incidents.incident_details(session, concern_id)),
        IncidentDetailsDialog(window, incidents.incident_details(session, concern_id)),
        ChronologyDialog(
            window, session, family.id, family.reference, incidents.chronology(session, family.id)
        ),
        ConfirmConcernDialog(window, session, waiting),
        CloseExceptionDialog(window, session, exception),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert unnamed_controls(dialog) == [], dialog.windowTitle()
        needed = dialog.minimumSizeHint()
        assert needed.width() <= 1024 and needed.height() <= 768, dialog.windowTitle()
    form = dialogs[0]
    for name in ("Kind", "Side of the body", "Part of the body"):
        assert find(form, QComboBox, name).focusPolicy() & Qt.FocusPolicy.TabFocus, name
    for name in ("Add mark", "Remove mark", "Find family"):
        assert find(form, QPushButton, name).focusPolicy() & Qt.FocusPolicy.TabFocus, name
    assert find(form, QListWidget, "Marks on the body map").focusPolicy() & Qt.FocusPolicy.TabFocus
    assert find(form, QPlainTextEdit, "What was seen and heard").tabChangesFocus()


def test_a_concern_with_no_family_is_linked_by_a_correction_then_confirmed(
    qtbot, open_as, two_families, answer
) -> None:
    """D83: the correction form lets a record made with no family be linked to one."""
    family, _ = two_families
    window, screen = open_as("frontdesk")
    draft = welfare_concern(family.id)
    first = incidents.record_incident(
        window.session,
        IncidentDraft(
            kind=draft.kind,
            occurred_at=draft.occurred_at,
            seen_and_heard=draft.seen_and_heard,
            family_id=None,
            people_involved=draft.people_involved,
        ),
    )
    window.close()
    window, screen = open_as("safeguarding")
    screen.select_record(first)

    def link(dialog: IncidentDialog) -> None:
        assert find(dialog, QComboBox, "Family").isEnabled()
        assert "no family yet" in find(dialog, QLabel, "Family search result").text()
        choose_family(dialog, family.reference)

    answer(IncidentDialog, link)
    click(qtbot, screen, "Record a correction")
    second = screen.selected_record().id
    incidents.confirm_concern(window.session, second)
    assert [e.family_id for e in incidents.open_exceptions(window.session)] == [family.id]
