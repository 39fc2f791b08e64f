"""The retention review in the window (clause viii): review, tick, confirm, certificate."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts, families, retention
from stmarys_desktop.ui.dialogs.retention import RetentionDialog
from stmarys_desktop.ui.forms import CallbackForm
from tests.helpers import PASSWORD, pdf_text
from tests.ui.helpers import find
from tests.unit.family_helpers import two_parent_family


class RunsAtOnce:
    """The window's run_task, without a thread: the work runs and reports at once."""

    def run_task(self, title, text, work, on_done, on_failed=None, on_cancel=None):
        on_done(work(lambda *args: None))


@pytest.fixture
def old_family(manager, sign_in_as):
    accounts.create_account(
        manager,
        user_name="coord",
        display_name="Made-up Coordinator",
        roles=[Role.COORDINATOR],
        password="coord password long",
    )
    coord = sign_in_as("coord", "coord password long")
    coord.centre.clock = lambda: datetime(2021, 5, 1, 12).astimezone()
    made = families.create_family(coord, two_parent_family(referred_on=date(2021, 5, 1)))
    return made


def test_a_manager_disposes_of_a_ticked_record_and_saves_the_certificate(
    qtbot, manager, old_family, message_boxes, answer, tmp_path
):
    target = tmp_path / "certificate.pdf"
    answer(CallbackForm, lambda form: find(form, QLineEdit, "Your password").setText(PASSWORD))
    dialog = RetentionDialog(None, RunsAtOnce(), manager, save_path=lambda *_: str(target))
    qtbot.addWidget(dialog)
    assert dialog.due.rowCount() == 1
    assert dialog.due.item(0, 1).text() == old_family.reference
    assert "4 people" in dialog.due.item(0, 4).text()
    # Issue 17, item 6: the date as every other table shows one, the kind as a word.
    assert (dialog.due.item(0, 2).text(), dialog.due.item(0, 3).text()) == ("Family", "1 May 2021")
    qtbot.mouseClick(dialog.dispose_button, Qt.MouseButton.LeftButton)
    assert dialog.due.rowCount() == 0
    text = pdf_text(target)
    assert "Certificate of disposal" in text and old_family.reference in text
    assert "Carys" not in text and "Dunford" not in text
    assert [e.reference for e in retention.disposal_register(manager)] == [old_family.reference]


def test_a_wrong_password_disposes_of_nothing(qtbot, manager, old_family, answer):
    forms = answer(
        CallbackForm, lambda form: find(form, QLineEdit, "Your password").setText("not my password")
    ).dialogs
    dialog = RetentionDialog(None, RunsAtOnce(), manager)
    qtbot.addWidget(dialog)
    dialog.dispose()
    assert "password is not right" in forms[0].message.text()
    assert dialog.due.rowCount() == 1


def test_unticked_records_stay(qtbot, manager, old_family, message_boxes):
    dialog = RetentionDialog(None, RunsAtOnce(), manager)
    qtbot.addWidget(dialog)
    dialog.due.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.ticked() == []
    assert message_boxes.shown == []  # nothing asked before Dispose is pressed
    dialog.dispose()
    assert "Tick what to dispose of first" in message_boxes.texts()[-1]
    assert dialog.due.rowCount() == 1


@pytest.fixture
def window_with_old_families(make_window, staffed_centre, sign_in_as, qtbot):
    """The real window, the manager signed in, and two families unused since 2021."""
    from tests.ui.helpers import sign_in as sign_in_window

    coord = sign_in_as("coordinator", PASSWORD)
    coord.centre.clock = lambda: datetime(2021, 5, 1, 12).astimezone()
    made = [
        families.create_family(coord, two_parent_family(referred_on=date(2021, 5, 1))),
        families.create_family(
            coord,
            two_parent_family(
                referred_on=date(2021, 4, 2),
                resident="Wren Ashby",
                visiting="Tal Kelham",
                children=("Rosa Ashby",),
            ),
        ),
    ]
    coord.close()
    window = make_window(staffed_centre)
    sign_in_window(qtbot, window, "manager", PASSWORD)
    return window, made


def test_clause_viii_disposal_shows_progress_and_stopping_it_disposes_of_nothing(
    qtbot, window_with_old_families, answer, message_boxes, monkeypatch
):
    import threading

    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    from stmarys_desktop.store import retention as retention_store

    window, made = window_with_old_families
    reached, go = threading.Event(), threading.Event()
    original = retention_store.dispose_families

    calls = []

    def held_at_the_second(conn, family_ids):  # the disposal, held after its first group
        calls.append(family_ids)
        if len(calls) == 2:
            reached.set()
            go.wait(10)
        original(conn, family_ids)

    # Families go a group at a time (D334); groups of one, so two records make two groups.
    monkeypatch.setattr(retention, "DISPOSAL_GROUP", 1)
    monkeypatch.setattr(retention_store, "dispose_families", held_at_the_second)
    answer(CallbackForm, lambda form: find(form, QLineEdit, "Your password").setText(PASSWORD))
    dialog = RetentionDialog(window, window, window.session)
    qtbot.addWidget(dialog)
    assert dialog.due.rowCount() == 2
    dialog.dispose()
    qtbot.waitUntil(reached.is_set, timeout=10_000)
    progress = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    )
    qtbot.waitUntil(lambda: "1 of 2 records" in progress.labelText(), timeout=5000)
    assert progress.value() == 1 and progress.maximum() == 2
    stop = find(progress, QPushButton, "Stop")
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    assert "Stopping" in progress.labelText() and progress.isVisible()
    go.set()
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=10_000)
    assert message_boxes.shown == [("Disposal", "Disposal was stopped; nothing was deleted.")]
    assert dialog.due.rowCount() == 2
    assert retention.disposal_register(window.session) == []
    assert {r.id for r in retention.review(window.session).due} == {f.id for f in made}
