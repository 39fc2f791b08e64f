"""Every copy of personal data goes through the one clipboard guard, which clears it on
lock, blank screen, sign-out, quit and after a set time (issue 16, item 3; clause vii)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QTableView

from stmarys_desktop.domain.errors import InvalidInput
from stmarys_desktop.services import families, settings
from stmarys_desktop.ui.clipboard import DEFAULT_CLEAR_SECONDS
from stmarys_desktop.ui.dialogs.family_record import FamilyRecordDialog
from stmarys_desktop.ui.models.families import PersonColumn
from tests.helpers import MANAGER, PASSWORD
from tests.ui import family_helpers
from tests.ui.family_helpers import select_row_where
from tests.ui.helpers import activate, click, find, sign_in
from tests.unit.family_helpers import two_parent_family

front_desk_centre = family_helpers.front_desk_centre
open_as = family_helpers.open_as
VISITING_ADDRESS = "4 Makebelieve Lane, Fernby"


def clipboard() -> str:
    return QGuiApplication.clipboard().text()


@pytest.fixture
def revealed(qtbot, open_as):
    """A coordinator's window, the visiting adult's address revealed in the family record."""
    window = open_as("coordinator")
    made = families.create_family(window.session, two_parent_family())
    dialog = FamilyRecordDialog(
        window, window.session, families.open_family(window.session, made.id)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    people = find(dialog, QTableView, "People in the family")
    select_row_where(people, PersonColumn.NAME, "Owen Brackley")
    click(qtbot, dialog, "Reveal address and telephone")
    return window, dialog, people


def test_ctrl_c_on_a_revealed_address_is_cleared_by_the_lock(qtbot, revealed) -> None:
    window, _dialog, people = revealed
    row = people.currentIndex().row()
    people.setCurrentIndex(people.model().index(row, PersonColumn.ADDRESS))
    qtbot.keyClick(people, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard() == VISITING_ADDRESS
    window.lock_by_hand()
    assert clipboard() == ""


def test_a_selectable_label_and_its_context_menu_copy_through_the_guard(qtbot, revealed) -> None:
    window, dialog, _people = revealed
    referrer = find(dialog, QLabel, "Referring agency")
    assert referrer.text()
    referrer.setSelection(0, len(referrer.text()))
    qtbot.keyClick(referrer, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard() == referrer.text() and window.clipboard.holds_ours()
    QGuiApplication.clipboard().clear()

    assert window._copy_filter is not None
    menu = window._copy_filter.context_menu(referrer)
    (copy,) = [a for a in menu.actions() if a.objectName() == "edit-copy"]
    copy.trigger()
    assert clipboard() == referrer.text() and window.clipboard.holds_ours()
    window.sign_out()
    assert clipboard() == ""


def test_text_fields_copy_and_cut_through_the_guard(qtbot, revealed) -> None:
    window, dialog, _people = revealed
    arrangement = find(dialog, QPlainTextEdit, "Contact arrangement")
    arrangement.setReadOnly(False)
    arrangement.setPlainText("Saturdays, the second floor room")
    arrangement.selectAll()
    assert window._copy_filter is not None
    menu = window._copy_filter.context_menu(arrangement)
    (cut,) = [a for a in menu.actions() if a.objectName() == "edit-cut"]
    cut.trigger()
    assert clipboard() == "Saturdays, the second floor room"
    assert arrangement.toPlainText() == "" and window.clipboard.holds_ours()
    activate(qtbot, dialog)
    qtbot.keyClick(arrangement, Qt.Key.Key_F12)  # the blank-screen key, from the record
    assert window.locked and clipboard() == ""


def test_copied_text_is_cleared_after_the_set_time(
    qtbot, make_window, staffed_centre: Path
) -> None:
    window = make_window(staffed_centre, clipboard_ms=150)
    sign_in(qtbot, window, MANAGER, PASSWORD)
    window.workspace.go_to("Families")
    search = find(window.workspace.screens["Families"], QLineEdit, "Search families")
    search.setText("Brackley")
    search.selectAll()
    qtbot.keyClick(search, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard() == "Brackley"
    qtbot.waitUntil(lambda: clipboard() == "", timeout=3000)
    assert not window.locked  # only the copy went


def test_quitting_clears_what_was_copied(qtbot, make_window, staffed_centre: Path) -> None:
    window = make_window(staffed_centre)
    sign_in(qtbot, window, MANAGER, PASSWORD)
    window.clipboard.copy("FAM-0001")
    window.close()
    assert clipboard() == ""


def test_the_time_is_a_setting_the_manager_changes(qtbot, admin_window, admin) -> None:
    assert admin_window.clipboard.clear_after_ms == DEFAULT_CLEAR_SECONDS * 1000
    find(admin, QSpinBox, "Seconds before copied text is cleared from the clipboard").setValue(12)
    click(qtbot, admin, "Save clipboard time")
    assert admin_window.clipboard.clear_after_ms == 12_000
    admin_window.lock_by_hand()
    sign_in(qtbot, admin_window, MANAGER, PASSWORD)
    assert admin_window.clipboard.clear_after_ms == 12_000
    with pytest.raises(InvalidInput, match="5 to 300 seconds"):
        settings.set_clipboard_seconds(admin_window.session, 0)


def test_the_sign_in_page_copies_through_the_guard_once_shown(
    qtbot, make_window, staffed_centre: Path
) -> None:
    """The application-wide filters are installed just after the window shows (D330), not
    at its first sign-in: what is copied on the sign-in page (a recovery key typed into its
    recovery form, say) is the guard's too, and goes when the program quits."""
    window = make_window(staffed_centre)
    field = window.login.user_name
    field.setText("Recovery key ABCD-EFGH")
    field.selectAll()
    field.setFocus()

    def copied_through_the_guard() -> bool:
        qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        return window.clipboard.holds_ours()

    qtbot.waitUntil(copied_through_the_guard, timeout=3000)
    assert clipboard() == "Recovery key ABCD-EFGH"
    window.close()
    assert clipboard() == ""
