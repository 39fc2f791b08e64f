"""A box opens as tall as what it holds when its window has the room (issue 18, D410):
the incident form's "Who was involved" and "Injuries" no longer open two lines tall
behind scroll arrows, and an empty box has room for three lines."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPlainTextEdit

from stmarys_desktop.ui.dialogs.incident import IncidentDialog
from tests.helpers import PASSWORD
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
