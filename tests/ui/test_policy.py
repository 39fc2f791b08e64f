"""The Policy screen and the policy viewer, driven as a person would (issue 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.policy.clauses import WORDS
from stmarys_desktop.ui.dialogs import policy_sheets
from stmarys_desktop.ui.dialogs.policy_forms import (
    AddDataProtectionDialog,
    MapRulesDialog,
    PublishVersionDialog,
    RecordAcknowledgementDialog,
    RecordReviewDialog,
    RuleMapDialog,
)
from stmarys_desktop.ui.dialogs.policy_viewer import PolicyViewer
from stmarys_desktop.ui.main_window import AppWindow
from stmarys_desktop.ui.screens.policy import PolicyScreen
from tests.helpers import MANAGER, PASSWORD, pdf_text
from tests.ui.helpers import activate, click, find, sign_in

CONTROLS = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QAbstractItemView)


def flat(text: str) -> str:
    return " ".join(text.split())


def texts(model, column: int = 0) -> list[str]:
    """What a table shows in one column, top to bottom."""
    return [model.index(row, column).data() for row in range(model.rowCount())]


def viewers() -> list[PolicyViewer]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, PolicyViewer) and w.isVisible()
    ]


def open_policy(
    qtbot, make_window, folder: Path, user: str = MANAGER
) -> tuple[AppWindow, PolicyScreen]:
    window = make_window(folder)
    sign_in(qtbot, window, user, PASSWORD)
    window.workspace.go_to("Policy")
    screen = window.workspace.current
    assert isinstance(screen, PolicyScreen)
    return window, screen


def unnamed_controls(top: QWidget) -> list[str]:
    """Controls a screen reader could not name (the insides of composite controls aside)."""
    missing = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.objectName().startswith("qt_"):
            continue
        parent, inside = widget.parentWidget(), False
        while parent is not None and parent is not top:
            inside = inside or isinstance(parent, QAbstractItemView | QAbstractSpinBox | QComboBox)
            parent = parent.parentWidget()
        if not inside and not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {getattr(widget, 'text', str)()!r}")
    return missing


# -- the viewer -------------------------------------------------------------------------------


def test_shift_f1_opens_the_policy_from_any_screen_for_anyone_signed_in(
    qtbot, make_window, staffed_centre: Path
) -> None:
    window = make_window(staffed_centre)
    assert not window.policy_action.isEnabled()  # nothing to show before signing in
    sign_in(qtbot, window, "frontdesk", PASSWORD)
    assert window.policy_action.isEnabled()
    window.workspace.go_to("Incidents")
    activate(qtbot, window)
    qtbot.keyClick(window.workspace.current, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(viewers()), timeout=3000)
    viewer = viewers()[0]
    text = flat(viewer.text.toPlainText())
    assert text.startswith("St Mary's Test Centre - Confidentiality Policy")
    for clause in Clause:
        assert flat(WORDS[clause]) in text
    assert "version 1" in viewer.details.text()
    assert window.workspace.current.title == "Incidents"  # the work stays where it was
    qtbot.keyClick(window.workspace.current, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    assert len(viewers()) == 1  # Shift+F1 again brings the same viewer forward
    window.lock_by_hand()
    assert viewers() == [] and not window.policy_action.isEnabled()


def test_earlier_versions_stay_readable_in_the_viewer(
    qtbot, make_window, staffed_centre: Path, answer, message_boxes
) -> None:
    window, screen = open_policy(qtbot, make_window, staffed_centre)
    answer(RecordReviewDialog, lambda d: d.no_changes.setChecked(True))
    click(qtbot, screen, "Record review")
    answer(
        PublishVersionDialog,
        lambda d: d.text.setPlainText(d.text.toPlainText() + "\nA sentence added at the review.\n"),
    )
    answer(RuleMapDialog, lambda d: None)  # the suggested passages, confirmed
    click(qtbot, screen, "Publish new version")
    assert message_boxes.titles() == ["New version published"]
    assert viewers() == []
    window.policy_action.trigger()
    viewer = viewers()[0]
    assert viewer.chooser.version.count() == 2
    assert "(current)" in viewer.chooser.version.itemText(0)
    assert "A sentence added at the review." in viewer.text.toPlainText()
    viewer.chooser.version.setCurrentIndex(1)
    assert "A sentence added" not in viewer.text.toPlainText()
    assert "version 1" in viewer.details.text()


# -- the manager's actions --------------------------------------------------------------------


def test_publishing_is_refused_plainly_until_a_review_is_recorded(
    qtbot, make_window, staffed_centre: Path, answer, message_boxes
) -> None:
    _window, screen = open_policy(qtbot, make_window, staffed_centre)
    publish = find(screen, QAbstractButton, "Publish new version")
    assert not publish.isEnabled()
    assert publish.toolTip().startswith("Record a review of version 1 first")
    assert screen.publish_reason.text() == publish.toolTip()

    answer(RecordReviewDialog, lambda d: d.changes.setPlainText("Name the register."))
    click(qtbot, screen, "Record review")
    assert publish.isEnabled()
    assert find(screen, QAbstractItemView, "Reviews").model().rowCount() == 1

    # An empty text: the dialog says so in a sentence and stays open; nothing is published.
    empty = answer(PublishVersionDialog, lambda d: d.text.setPlainText("   "))
    click(qtbot, screen, "Publish new version")
    dialog = empty.dialogs[-1]
    assert dialog.message.text().startswith("The new version has no text.")
    assert not dialog.message.isHidden() and dialog.result() == 0
    assert message_boxes.shown == []
    assert screen.chooser.version.count() == 1


def test_the_data_protection_policy_is_added_from_the_screen(
    qtbot, make_window, staffed_centre: Path, answer
) -> None:
    _window, screen = open_policy(qtbot, make_window, staffed_centre)
    answer(
        AddDataProtectionDialog,
        lambda d: d.text.setPlainText(
            "Test Centre - Data Protection Policy\n\nWe keep personal data only while needed.\n"
        ),
    )
    click(qtbot, screen, "Data Protection Policy")
    assert screen.chooser.kind.label == "Data Protection Policy"
    assert "We keep personal data only while needed." in screen.text.toPlainText()
    assert screen.add_dp_button.isHidden()  # added once


def test_the_front_desk_reads_and_prints_but_manages_nothing(
    qtbot, make_window, staffed_centre: Path
) -> None:
    _window, screen = open_policy(qtbot, make_window, staffed_centre, "frontdesk")
    assert "St Mary's Test Centre" in screen.text.toPlainText()
    for name in ("Record review", "Publish new version", "Data Protection Policy"):
        assert find(screen, QAbstractButton, name).isHidden()
    assert not screen.tabs.isTabVisible(screen.tabs.indexOf(screen.acknowledgements_tab))
    assert not screen.paper.isEnabled()
    # Why, in the words of every roles refusal (D362).
    assert screen.paper.toolTip().startswith("You cannot change the paper size: your roles")
    assert screen.paper.toolTip().endswith("A manager can.")


# -- printing ---------------------------------------------------------------------------------


def test_with_no_printer_print_is_disabled_and_preview_and_pdf_still_work(
    qtbot, make_window, staffed_centre: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(policy_sheets, "printers_installed", lambda: False)
    _window, screen = open_policy(qtbot, make_window, staffed_centre, "frontdesk")
    screen.tabs.setCurrentWidget(screen.sheets_tab)
    printer_button = find(screen, QAbstractButton, "Print")
    assert not printer_button.isEnabled()
    assert printer_button.toolTip() == policy_sheets.NO_PRINTER
    assert screen.no_printer.text() == (
        "No printer is installed; use Print preview or Save as PDF."
    )
    assert not screen.no_printer.isHidden()

    previewed: list[int] = []

    def show_preview(dialog: QPrintPreviewDialog) -> int:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "preview.pdf"))
        dialog.paintRequested.emit(printer)
        previewed.append(1)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", show_preview)
    click(qtbot, screen, "Print preview")
    assert previewed and (tmp_path / "preview.pdf").stat().st_size > 0

    target = tmp_path / "sheet"  # no .pdf: it is added
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    click(qtbot, screen, "Save as PDF")
    saved = tmp_path / "sheet.pdf"
    text = pdf_text(saved)
    assert "St Mary's Test Centre - Confidentiality Policy" in text
    assert "Name Signature Date" in text
    assert str(saved) in screen.sheet_message.text()

    monkeypatch.setattr(policy_sheets, "printers_installed", lambda: True)
    screen.refresh()
    assert printer_button.isEnabled() and screen.no_printer.isHidden()


def test_print_goes_through_the_print_dialog(
    qtbot, make_window, staffed_centre: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(policy_sheets, "printers_installed", lambda: True)
    _window, screen = open_policy(qtbot, make_window, staffed_centre)
    screen.tabs.setCurrentWidget(screen.sheets_tab)
    answers = iter([QDialog.DialogCode.Rejected, QDialog.DialogCode.Accepted])
    printed = tmp_path / "printed.pdf"

    def choose(dialog: QPrintDialog) -> int:
        # Stands in for the person choosing a printer: here, a PDF on disk.
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return next(answers)

    monkeypatch.setattr(QPrintDialog, "exec", choose)
    click(qtbot, screen, "Print")  # cancelled: nothing printed, nothing said
    assert not printed.exists() and screen.sheet_message.isHidden()
    click(qtbot, screen, "Print")
    assert screen.sheet_message.text() == "The sheet was sent to the printer."
    text = pdf_text(printed)
    assert "Name Signature Date" in text and "version 1" in text


def test_a_personal_sheet_needs_a_name(
    qtbot, make_window, staffed_centre: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, screen = open_policy(qtbot, make_window, staffed_centre)
    screen.tabs.setCurrentWidget(screen.sheets_tab)
    screen.variant.setCurrentIndex(1)
    assert screen.sheet_name.isEnabled() and not screen.sheet_rows.isEnabled()
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *args, **kwargs: pytest.fail("no file is asked for without a name")),
    )
    click(qtbot, screen, "Save as PDF")
    assert screen.sheet_message.text() == "Give the name of the person the sheet is for."


# -- the register ----------------------------------------------------------------------------


def test_the_register_shows_who_has_not_acknowledged(
    qtbot, make_window, staffed_centre: Path, answer
) -> None:
    window, screen = open_policy(qtbot, make_window, staffed_centre)
    with window.session.centre.transaction() as conn:
        for name, status in (
            ("Gwoul Thiarrow", "active"),
            ("Dritha Snaelowe", "applicant"),
            ("Trua Clounsby", "left"),
        ):
            conn.execute(
                "INSERT INTO staff (full_name, centre_role, status, last_used_at)"
                " VALUES (?, 'volunteer', ?, '2026-01-01T09:00:00+00:00')",
                (name, status),
            )
    screen.tabs.setCurrentWidget(screen.acknowledgements_tab)
    outstanding = find(screen, QAbstractItemView, "Not yet acknowledged")
    assert texts(screen.outstanding_model) == ["Dritha Snaelowe", "Gwoul Thiarrow"]
    assert "staff and volunteers 0 of 2" in screen.summary.text()
    assert not find(screen, QAbstractButton, "Record acknowledgement").isEnabled()

    outstanding.selectRow(1)
    recorded = answer(
        RecordAcknowledgementDialog, lambda d: d.kept_at.setText("Staff files, cabinet 2")
    )
    click(qtbot, screen, "Record acknowledgement")
    assert recorded.dialogs[-1].result() == 1
    assert texts(screen.outstanding_model) == ["Dritha Snaelowe"]
    assert texts(screen.register_model) == ["Gwoul Thiarrow"]
    register = screen.register_model
    assert [register.index(0, column).data() for column in range(4, register.columnCount())] == [
        "Group sheet",
        "Staff files, cabinet 2",
    ]
    assert "staff and volunteers 1 of 2" in screen.summary.text()

    # A personal sheet for the one still to sign, ready to print.
    outstanding.selectRow(0)
    click(qtbot, screen, "Personal sheet")
    assert screen.tabs.currentWidget() is screen.sheets_tab
    assert (screen.sheet_name.text(), screen.sheet_role.text()) == (
        "Dritha Snaelowe",
        "volunteer (applicant)",
    )

    # Search as you type narrows the list.
    screen.tabs.setCurrentWidget(screen.acknowledgements_tab)
    qtbot.keyClicks(screen.find, "zzz")
    qtbot.waitUntil(lambda: texts(screen.outstanding_model) == [], timeout=3000)


def test_every_policy_control_has_a_name_and_the_screen_fits(
    qtbot, make_window, staffed_centre: Path
) -> None:
    window, screen = open_policy(qtbot, make_window, staffed_centre)
    window.policy_action.trigger()
    version = screen._current
    assert version is not None and window.session is not None
    dialogs = [
        viewers()[0],
        RecordReviewDialog(window, window.session, screen._kind(), version, version.effective_on),
        PublishVersionDialog(window, window.session, screen._kind(), version, version.effective_on),
        AddDataProtectionDialog(window, window.session, version.effective_on),
        RecordAcknowledgementDialog(window, window.session, version, version.effective_on),
        MapRulesDialog(window, window.session, version),
    ]
    for top in [screen, *dialogs]:
        if top is not dialogs[0] and top is not screen:
            qtbot.addWidget(top)
        assert unnamed_controls(top) == [], top.accessibleName()
    for index in range(screen.tabs.count()):
        screen.tabs.setCurrentIndex(index)
        needed = window.minimumSizeHint()
        assert needed.width() <= 1024 and needed.height() <= 768, screen.tabs.tabText(index)


# -- issue 20: the rules of a new version, mapped to its passages ------------------------------


def test_publishing_asks_which_passage_states_each_rule(
    qtbot, make_window, staffed_centre: Path, answer, message_boxes
) -> None:
    """Clause ix: the product suggests each rule's passage, the manager confirms or picks
    another; a rule without one is published only once the centre keeps it in force."""
    realistic = (
        Path(__file__).parent.parent / "unit" / "policy_texts" / "realistic-centre-policy.txt"
    ).read_text(encoding="utf-8")
    _window, screen = open_policy(qtbot, make_window, staffed_centre)
    answer(RecordReviewDialog, lambda d: d.no_changes.setChecked(True))
    click(qtbot, screen, "Record review")
    answer(PublishVersionDialog, lambda d: d.text.setPlainText(realistic))
    seen: list[str] = []

    def confirm(dialog: RuleMapDialog) -> None:
        ii = find(dialog, QComboBox, "Passage for clause ii")
        assert ii.currentText() == "clause 2.3"
        # The chosen passage whole beside its box, wrapped, and in its tooltip (issue 18).
        words = ii.itemData(ii.currentIndex(), Qt.ItemDataRole.ToolTipRole)
        assert words.startswith("The Centre does not provide reports")
        assert ii.toolTip() == words
        assert find(dialog, QLabel, "Passage chosen for clause ii").text() == words
        v = find(dialog, QComboBox, "Passage for clause v")
        assert v.currentText() == RuleMapDialog.NO_PASSAGE
        # The manager picks 3.2 for clause ix instead of the suggested 5.1.
        ix = find(dialog, QComboBox, "Passage for clause ix")
        ix.setCurrentIndex(ix.findText("clause 3.2"))
        assert ix.toolTip() == ix.itemData(ix.currentIndex(), Qt.ItemDataRole.ToolTipRole)
        assert find(dialog, QLabel, "Passage chosen for clause ix").text() == ix.toolTip()
        assert "clause v" in dialog.missing.text() and not dialog.keep.isHidden()
        dialog.accept()  # without recording that the centre keeps clause v: refused
        seen.append(dialog.message.text())
        assert dialog.result() == 0
        dialog.keep.setChecked(True)

    answer(RuleMapDialog, confirm)
    click(qtbot, screen, "Publish new version")
    assert seen and "clause v (assessments on the premises)" in seen[0]
    assert "Nothing was published" in seen[0]
    assert message_boxes.titles() == ["New version published"]
    assert screen.chooser.version.count() == 2

    screen.tabs.setCurrentWidget(screen.rules_tab)
    table = find(screen, QAbstractItemView, "Rules and passages")
    model = table.model()
    shown = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert shown["clause ii: reports in family proceedings"] == "clause 2.3"
    assert shown["clause ix: making the policy known"] == "clause 3.2"
    assert shown["clause v: assessments on the premises"] == (
        "the centre's rule on assessments on the premises"
    )
    v_row = next(
        r for r in range(model.rowCount()) if model.index(r, 0).data().startswith("clause v:")
    )
    assert model.index(v_row, 2).data().startswith("No passage; the centre keeps it in force")
    assert model.index(v_row, 2).data(Qt.ItemDataRole.FontRole).italic()
    assert "1 rule is not stated in its words; the centre keeps it" in screen.rules_note.text()
    # Version 1's map stays readable beside it.
    screen.chooser.version.setCurrentIndex(1)
    assert {model.index(r, 1).data() for r in range(model.rowCount())} >= {
        "clause ii",
        "clause iii",
    }


def test_version_1s_register_stays_viewable_after_version_2_is_in_force(
    qtbot, make_window, staffed_centre: Path, answer, message_boxes
) -> None:
    """Clause ix: a new version asks everyone again, and the old register is kept."""
    window, screen = open_policy(qtbot, make_window, staffed_centre)
    with window.session.centre.transaction() as conn:
        conn.execute(
            "INSERT INTO staff (full_name, centre_role, status, last_used_at)"
            " VALUES ('Gwoul Thiarrow', 'volunteer', 'active',"
            " '2026-01-01T09:00:00+00:00')"
        )
    screen.tabs.setCurrentWidget(screen.acknowledgements_tab)
    find(screen, QAbstractItemView, "Not yet acknowledged").selectRow(0)
    answer(RecordAcknowledgementDialog, lambda d: d.kept_at.setText("Staff files"))
    click(qtbot, screen, "Record acknowledgement")
    answer(RecordReviewDialog, lambda d: d.no_changes.setChecked(True))
    screen.tabs.setCurrentIndex(0)
    click(qtbot, screen, "Record review")
    answer(
        PublishVersionDialog,
        lambda d: d.text.setPlainText(d.text.toPlainText() + "\nA sentence added at the review.\n"),
    )
    answer(RuleMapDialog, lambda d: None)
    click(qtbot, screen, "Publish new version")
    screen.tabs.setCurrentWidget(screen.acknowledgements_tab)
    assert texts(screen.register_model) == []
    assert texts(screen.outstanding_model) == ["Gwoul Thiarrow"]
    assert screen.register_note.text().startswith("0 acknowledgements of version 2")

    screen.chooser.version.setCurrentIndex(1)  # version 1
    assert texts(screen.register_model) == ["Gwoul Thiarrow"]
    assert screen.register_note.text().startswith("1 acknowledgement of version 1 recorded.")
    assert "no longer in force" in screen.register_note.text()
    assert screen.outstanding_table.isHidden() and screen.record_button.isHidden()
    screen.chooser.version.setCurrentIndex(0)
    assert not screen.outstanding_table.isHidden()
    assert texts(screen.register_model) == []
