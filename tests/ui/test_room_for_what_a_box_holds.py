"""A box opens as tall as what it holds when its window has the room (issue 18, D410):
the incident form's "Who was involved" and "Injuries" no longer open two lines tall
behind scroll arrows, and an empty box has room for three lines; a form's fields hold a
path (D413), and the reference asks its question (D414)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit, QStyle

from stmarys_desktop.domain.staff import NewStaff
from stmarys_desktop.services import staff
from stmarys_desktop.store import backup as backup_store
from stmarys_desktop.ui.dialogs.incident import IncidentDialog
from stmarys_desktop.ui.dialogs.restore import RestoreDialog
from stmarys_desktop.ui.dialogs.vetting import ReferenceDialog
from tests.helpers import PASSWORD
from tests.layout import checks
from tests.ui.helpers import find, sign_in

PEOPLE = (
    "Child: Ivy Brackwell (6); child: Tom Brackwell (4)\n"
    "Volunteer: Plouth Vrenby; front desk: Sam Oldacre\n"
    "Resident parent: Natalie Kelford"
)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def lines_shown(box: QPlainTextEdit) -> int:
    margin = 2 * box.document().documentMargin()
    return int((box.viewport().height() - margin) // box.fontMetrics().lineSpacing())


def test_the_incident_form_opens_its_boxes_tall_enough_for_what_they_hold(
    qtbot, make_window, staffed_centre
) -> None:
    window = make_window(staffed_centre)
    sign_in(qtbot, window, "frontdesk", PASSWORD)
    dialog = IncidentDialog(window, window.session)
    qtbot.addWidget(dialog)
    people = find(dialog, QPlainTextEdit, "Who was involved")
    injuries = find(dialog, QPlainTextEdit, "Injuries")
    people.setPlainText(PEOPLE)
    injuries.setPlainText("Graze to the left knee, about 3 cm; red palm, right hand; bruise")
    dialog.show()
    settle()
    room = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() < room.height()  # the window had room to spare
    for box in (people, injuries):
        assert box.verticalScrollBar().maximum() == 0, box.accessibleName()
        assert not box.verticalScrollBar().isVisible(), box.accessibleName()
    assert lines_shown(people) >= 3
    # An empty box (Follow-up) has room for three lines.
    assert lines_shown(find(dialog, QPlainTextEdit, "Follow-up")) >= 3


def test_a_box_asks_for_more_room_as_lines_are_typed(qtbot, make_window, staffed_centre) -> None:
    window = make_window(staffed_centre)
    sign_in(qtbot, window, "frontdesk", PASSWORD)
    dialog = IncidentDialog(window, window.session)
    qtbot.addWidget(dialog)
    people = find(dialog, QPlainTextEdit, "Who was involved")
    width = 400
    empty = people.heightForWidth(width)
    people.setPlainText("\n".join(f"Child: Made-up Name {n}" for n in range(6)))
    assert people.heightForWidth(width) >= empty + 3 * people.fontMetrics().lineSpacing()


def test_a_form_opens_wide_enough_for_a_backup_files_path(qtbot) -> None:
    """Issue 18: the restore dialog's file box held 27 characters (D413)."""
    dialog = RestoreDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    field = find(dialog, QLineEdit, "Backup file")
    path = f"E:/Backups/centre-2026-12-07-0830{backup_store.SUFFIX}"
    field.setText(path)
    room = field.width() - 2 * field.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
    assert field.fontMetrics().horizontalAdvance(path) + 4 <= room


def test_the_reference_asks_whether_it_was_satisfactory(qtbot, make_window, staffed_centre):
    """The label asks the question its choice answers ("Satisfactory: Satisfactory")."""
    window = make_window(staffed_centre)
    sign_in(qtbot, window, "manager", PASSWORD)
    member = staff.add_staff(window.session, NewStaff("Nia Holm", "staff"))
    dialog = ReferenceDialog(window, window.session, member)
    qtbot.addWidget(dialog)
    choice = find(dialog, QComboBox, "Was it satisfactory")
    label = dialog.form.labelForField(choice)
    assert label.text().replace("&", "") == "Was it satisfactory?"
    assert choice.currentText() == "Satisfactory"
    assert checks.mnemonic_problems(dialog) == []
