"""The sign-in page: refusals, the growing delay, disabled accounts, damaged centres."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from stmarys_desktop.services import accounts, maintenance
from stmarys_desktop.services.auth import SIGN_IN_REFUSED, NewCentre
from stmarys_desktop.ui.dialogs.recover import RecoverDialog
from stmarys_desktop.ui.dialogs.restore import RestoreDialog
from stmarys_desktop.ui.settings_file import WindowSettings
from tests.helpers import MANAGER, PASSWORD, FakeClock
from tests.ui.helpers import click, find, sign_in


def message(window) -> str:
    return find(window.login, QLabel, "Sign-in message").text()


def test_signing_in_opens_the_window_and_remembers_the_user_name(
    qtbot, make_window, closed_centre: Path
) -> None:
    window = make_window(closed_centre)
    assert window.locked and window.workspace is None
    sign_in(qtbot, window, MANAGER, PASSWORD)
    assert not window.locked
    person = find(window, QLabel, "Signed in as").text()
    assert person == "Signed in as Morwenna Testwick (Manager)"
    assert window.login.password.text() == ""  # the password does not linger in a field
    window.close()
    assert WindowSettings.load().last_user_name == MANAGER
    assert WindowSettings.load().geometry  # kept as hex in JSON, read back as bytes


def test_a_wrong_password_and_an_unknown_user_get_the_same_message(
    qtbot, make_window, closed_centre: Path, clock: FakeClock
) -> None:
    window = make_window(closed_centre)
    sign_in(qtbot, window, MANAGER, "not the password")
    wrong_password = message(window)
    clock.advance(60)
    sign_in(qtbot, window, "nobody-here", "not the password")
    assert message(window) == wrong_password == SIGN_IN_REFUSED
    assert window.locked


def test_five_wrong_passwords_make_a_growing_wait_and_the_window_stays_usable(
    qtbot, make_window, closed_centre: Path, clock: FakeClock
) -> None:
    window = make_window(closed_centre)
    button = find(window.login, QPushButton, "Sign in")
    waits = []
    for _ in range(5):
        sign_in(qtbot, window, MANAGER, "not the password")
        assert message(window) == SIGN_IN_REFUSED
        sign_in(qtbot, window, MANAGER, "not the password")  # too soon
        assert not button.isEnabled()
        assert "Too many failed sign-ins in a row" in message(window)
        waits.append(window.login.waiting_seconds)
        # The rest of the window still answers while the button waits.
        user_field = find(window.login, QLineEdit, "User name")
        qtbot.keyClicks(user_field, "x")
        assert user_field.text() == MANAGER + "x"
        user_field.setText(MANAGER)
        assert find(window.login, QPushButton, "Use the recovery key").isEnabled()
        clock.advance(waits[-1])
        qtbot.waitUntil(button.isEnabled, timeout=2000)
    assert waits == [1, 2, 4, 8, 16]
    sign_in(qtbot, window, MANAGER, PASSWORD)
    assert not window.locked


def test_a_disabled_account_is_told_plainly(
    qtbot, make_window, new_centre: NewCentre, data_dir: Path
) -> None:
    session = new_centre.session
    accounts.create_account(
        session,
        user_name="frontdesk",
        display_name="Brelna Quoufenn",
        roles=["front_desk"],
        password=PASSWORD,
    )
    accounts.set_disabled(session, "frontdesk", True)
    session.close()
    window = make_window(data_dir)
    sign_in(qtbot, window, "frontdesk", PASSWORD)
    assert window.locked
    assert message(window) == "This account has been disabled. Ask a manager to enable it again."
    assert not find(window.login, QPushButton, "Restore from backup").isVisible()


def replace_with_plain_sqlite(folder: Path) -> None:
    for name in ("centre.db", "centre.db-wal", "centre.db-shm"):
        (folder / name).unlink(missing_ok=True)
    plain = sqlite3.connect(folder / "centre.db")
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()


@pytest.mark.parametrize("damage", ["plain database", "keystore deleted"])
def test_a_centre_that_cannot_be_opened_shows_the_way_to_restore(
    qtbot, make_window, closed_centre: Path, damage: str
) -> None:
    if damage == "plain database":
        replace_with_plain_sqlite(closed_centre)
    else:
        (closed_centre / "keystore.json").unlink()
    window = make_window(closed_centre)
    sign_in(qtbot, window, MANAGER, PASSWORD)
    text = message(window)
    assert window.locked
    assert "Restore the latest backup" in text
    assert "Traceback" not in text and "Error" not in text
    assert find(window.login, QPushButton, "Restore from backup").isVisible()


def test_restoring_from_the_sign_in_page_repairs_a_damaged_centre(
    qtbot, make_window, new_centre: NewCentre, data_dir: Path, tmp_path: Path, answer
) -> None:
    backup_file = tmp_path / "good.stmbackup"
    maintenance.backup(new_centre.session, backup_file)
    new_centre.session.close()
    replace_with_plain_sqlite(data_dir)
    window = make_window(data_dir)
    sign_in(qtbot, window, MANAGER, PASSWORD)

    def fill(dialog: RestoreDialog) -> None:
        dialog.file.setText(str(backup_file))
        dialog.user_name.setText(MANAGER)
        dialog.password.setText(PASSWORD)

    answer(RestoreDialog, fill)
    click(qtbot, window.login, "Restore from backup")
    qtbot.waitUntil(lambda: "restored" in message(window), timeout=10_000)
    sign_in(qtbot, window, MANAGER, PASSWORD)
    assert not window.locked


def test_the_restore_dialog_wants_a_file_and_a_password(qtbot) -> None:
    dialog = RestoreDialog(None, MANAGER)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != RestoreDialog.DialogCode.Accepted
    assert find(dialog, QLabel, "Message").text() == "Choose the backup file to restore."


def test_the_recovery_key_sets_a_new_password_and_signs_in(
    qtbot, make_window, new_centre: NewCentre, data_dir: Path, answer, message_boxes
) -> None:
    key = new_centre.recovery_key
    new_centre.session.close()
    window = make_window(data_dir)
    new_password = "a brand new password"

    def fill(dialog: RecoverDialog) -> None:
        find(dialog, QLineEdit, "Recovery key").setText(key.lower())
        find(dialog, QLineEdit, "User name").setText(MANAGER)
        find(dialog, QLineEdit, "New password").setText(new_password)
        find(dialog, QLineEdit, "Repeat the new password").setText(new_password)

    answer(RecoverDialog, fill)
    click(qtbot, window.login, "Use the recovery key")
    assert not window.locked
    assert message_boxes.titles() == ["Password set"]
    window.lock_by_hand()
    sign_in(qtbot, window, MANAGER, new_password)
    assert not window.locked


def test_a_wrong_recovery_key_keeps_the_dialog_open(qtbot, closed_centre: Path) -> None:
    dialog = RecoverDialog(None, closed_centre, MANAGER)
    qtbot.addWidget(dialog)
    find(dialog, QLineEdit, "Recovery key").setText("AAAA-BBBB")
    find(dialog, QLineEdit, "New password").setText("a brand new password")
    find(dialog, QLineEdit, "Repeat the new password").setText("a brand new password")
    dialog.accept()
    assert dialog.session is None
    assert find(dialog, QLabel, "Message").text() == "That recovery key does not open this centre."


@pytest.fixture
def slow_password_check(monkeypatch: pytest.MonkeyPatch):
    """The real sign-in, held until the test lets it finish: as a slow PC's half second
    of key stretching would hold it."""
    import threading

    from stmarys_desktop.services import auth

    gate = threading.Event()
    opened = []
    real_sign_in = auth.sign_in

    def held_sign_in(*args, **kwargs):
        assert gate.wait(10), "the test never let the check finish"
        session = real_sign_in(*args, **kwargs)
        opened.append(session)
        return session

    monkeypatch.setattr(auth, "sign_in", held_sign_in)
    return gate, opened


def test_the_window_keeps_answering_while_the_password_is_checked(
    qtbot, make_window, closed_centre: Path, slow_password_check
) -> None:
    gate, _ = slow_password_check
    window = make_window(closed_centre)
    window.login.user_name.setText(MANAGER)
    window.login.password.setText(PASSWORD)
    qtbot.mouseClick(window.login.sign_in_button, Qt.MouseButton.LeftButton)
    assert window.login.busy and message(window) == "Checking the password…"
    form = (window.login.user_name, window.login.password, window.login.sign_in_button)
    assert not any(widget.isEnabled() for widget in form)  # nothing to press twice
    ticks = []
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: ticks.append("the window answered"))
    qtbot.waitUntil(lambda: bool(ticks), timeout=2000)
    assert window.locked
    with qtbot.waitSignal(window.login.checked, timeout=10_000):
        gate.set()
    assert not window.locked and window.workspace is not None
    assert all(widget.isEnabled() for widget in form)


def test_closing_the_window_during_the_check_closes_what_it_opened(
    qtbot, make_window, closed_centre: Path, slow_password_check
) -> None:
    import threading

    gate, opened = slow_password_check
    window = make_window(closed_centre)
    window.login.user_name.setText(MANAGER)
    window.login.password.setText(PASSWORD)
    qtbot.mouseClick(window.login.sign_in_button, Qt.MouseButton.LeftButton)
    threading.Timer(0.2, gate.set).start()
    window.close()  # waits for the check, then closes the session it made
    assert len(opened) == 1 and opened[0].centre.db_key == b""
    assert window.workspace is None and window.locked


def test_labels_show_text_as_typed_never_as_html(qtbot) -> None:
    """D370: headings, paragraphs and messages are plain text, set by value so that the
    sign-in window does without the `Qt` namespace; the values are the ones Qt names, and
    a name with angle brackets shows them."""
    from PySide6.QtCore import Qt

    from stmarys_desktop.ui.widgets import MessageLabel, heading, paragraph

    message = MessageLabel()
    qtbot.addWidget(message)
    message.show_error("<b>Sam</b> O'Neill-Åberg")
    labels = [heading("<i>Title</i>"), paragraph("<u>Words</u>"), message]
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert message.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    assert message.text() == "<b>Sam</b> O'Neill-Åberg"
    # Laid out as plain text, the brackets take room: wider than the bold name alone.
    assert message.sizeHint().width() > message.fontMetrics().horizontalAdvance("Sam O'Neill")
