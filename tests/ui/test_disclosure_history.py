"""The centre's disclosure history: filterable, printable only by a manager (issue 6)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit

from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts, families
from stmarys_desktop.services import disclosure as out
from stmarys_desktop.services.disclosure import DisclosureRefused
from stmarys_desktop.store import audit
from stmarys_desktop.ui.dialogs.disclosure_history import DisclosureHistoryDialog
from tests.helpers import pdf_text
from tests.ui.helpers import find
from tests.unit.family_helpers import two_parent_family


@pytest.fixture
def history(manager, sign_in_as):
    accounts.create_account(
        manager,
        user_name="coord",
        display_name="Made-up Coordinator",
        roles=[Role.COORDINATOR],
        password="coord password long",
    )
    coord = sign_in_as("coord", "coord password long")
    family = families.create_family(coord, two_parent_family())
    out.attendance_letter(coord, family.id, "Hartwell Finch LLP", deliver=lambda _letter: True)
    with pytest.raises(DisclosureRefused):
        out.attendance_letter(coord, family.id, "Somebody Else Ltd", deliver=lambda _letter: True)
    out.record_request(
        coord,
        requester_name="Mira Pennock",
        requester_agency="Hartwell Finch",
        asked_for="Attendance dates",
        family_id=family.id,
        about_person_id=None,
        consent_sought="not_sought",
    )
    return coord, family


def test_filters_and_requests_are_shown(qtbot, history):
    coord, _family = history
    dialog = DisclosureHistoryDialog(None, coord)
    qtbot.addWidget(dialog)
    assert dialog.entries_table.rowCount() == 2
    find(dialog, QComboBox, "Outcome filter").setCurrentText("Refused")
    assert dialog.entries_table.rowCount() == 1
    assert dialog.entries_table.item(0, 5).text() == "Somebody Else Ltd"
    assert dialog.entries_table.item(0, 6).text() == "An agency"
    find(dialog, QLineEdit, "Family reference filter").setText("SMC-1999")
    assert dialog.entries_table.rowCount() == 0
    assert dialog.requests_table.rowCount() == 1
    assert not dialog.print_button.isEnabled()
    # The refusal in the words of every roles refusal, as tooltip and status text (D362).
    refusal = (
        "You cannot print the disclosure history: your roles (Coordinator) do not allow it. "
        "A manager can."
    )
    assert dialog.print_button.toolTip() == dialog.print_button.statusTip() == refusal


def save_to(monkeypatch, target) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )


def test_a_manager_prints_it_marked_confidential_with_about_and_kind(
    qtbot, history, manager, tmp_path, message_boxes, monkeypatch
):
    target = tmp_path / "history.pdf"
    save_to(monkeypatch, target)
    dialog = DisclosureHistoryDialog(None, manager)
    qtbot.addWidget(dialog)
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    dialog.save_button.click()
    text = " ".join(pdf_text(target).split())
    assert "Confidential: not to leave the centre" in text
    assert "Somebody Else Ltd" in text and "referrer rule" in text
    # Whose details and the kind of recipient, as the screen shows them (D291).
    assert "About" in text and "Kind" in text
    assert "The family" in text and "An agency" in text
    (logged,) = [e for e in audit.entries(manager.centre.conn) if e.action.endswith(".print")]
    assert (logged.action, logged.detail, logged.outcome) == (
        "disclosure_history.print",
        "2 entries",
        "done",
    )


def test_clause_i_a_cancelled_save_of_the_history_logs_no_printout(
    qtbot, history, manager, monkeypatch
):
    save_to(monkeypatch, "")
    dialog = DisclosureHistoryDialog(None, manager)
    qtbot.addWidget(dialog)
    dialog.save_button.click()
    assert "disclosure_history.print" not in {e.action for e in audit.entries(manager.centre.conn)}


def test_whether_the_person_was_told_is_recorded(qtbot, history, answer):
    from stmarys_desktop.ui.dialogs.request_log import COLUMNS
    from stmarys_desktop.ui.forms import CallbackForm

    coord, family = history
    dialog = DisclosureHistoryDialog(None, coord)
    qtbot.addWidget(dialog)
    dialog.requests_table.selectRow(0)

    def not_told(form):
        find(form, QComboBox, "Told").setCurrentText("Not told")
        find(form, QLineEdit, "Why not").setText("Telling them would put the child at risk")

    answer(CallbackForm, not_told)
    dialog.record_told()
    (saved,) = out.requests(coord, family.id)
    assert (saved.subject_told, saved.not_told_reason) == (
        "no",
        "Telling them would put the child at risk",
    )
    assert "Not told" in dialog.requests_table.item(0, COLUMNS.index("Told afterwards")).text()


def test_request_log_the_manager_reads_the_requests_on_the_disclosure_history(
    qtbot, history, manager
):
    """Issue 20: the manager was shown no requests; the manager reads the log (D311)."""
    dialog = DisclosureHistoryDialog(None, manager)
    qtbot.addWidget(dialog)
    assert dialog.requests_table.rowCount() == 1
    assert dialog.requests_table.item(0, 2).text() == "Mira Pennock"
