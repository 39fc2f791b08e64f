"""Admin > Import records, driven as a person would (issue 22)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox, QPushButton

from stmarys_desktop.services import families, staff
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.dialogs.import_records import ImportDialog
from stmarys_desktop.ui.models.import_preview import PreviewColumn
from tests.ui.helpers import click, find
from tests.unit.import_helpers import (
    booking,
    cleared_volunteer,
    importer,
    one_family,
    plain_workbook,
    workbook,
)


class RunsAtOnce:
    """The window's run_task, without a thread; the progress calls are kept."""

    def __init__(self) -> None:
        self.progress: list[tuple[int, int]] = []

    def run_task(self, title, text, work, on_done, on_failed=None):
        try:
            result = work(lambda done, total, what: self.progress.append((done, total)))
        except Exception as exc:
            if on_failed is None:
                raise
            on_failed(exc)
            return
        on_done(result)


@pytest.fixture
def session(manager: Session, data_dir: Path):
    opened = importer(manager, data_dir)
    yield opened
    opened.close()


def _dialog(
    qtbot, session: Session, path: Path, host: RunsAtOnce | None = None, **more
) -> ImportDialog:
    dialog = ImportDialog(
        None, host or RunsAtOnce(), session, open_path=lambda *_: str(path), **more
    )
    qtbot.addWidget(dialog)
    click(qtbot, dialog, "Choose file")
    return dialog


def _column_texts(dialog: ImportDialog, column: PreviewColumn) -> list[str]:
    model = dialog.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_pick_a_file_see_every_row_checked_and_import_the_ticked_ones(
    qtbot, session, tmp_path, message_boxes
) -> None:
    rows = one_family("F1") + one_family(
        "F2", "Anwen Corley", "Bryn Tallis", "Cai Tallis", born="31/02/2019"
    )
    path = workbook(
        tmp_path / "centre.xlsx",
        families=rows,
        staff=[cleared_volunteer()],
        sessions=[booking("F1", "09/12/2026", Staff="Dana Vellacott")],
    )
    host = RunsAtOnce()
    dialog = _dialog(qtbot, session, path, host)
    assert _column_texts(dialog, PreviewColumn.WHERE) == [
        "Families, rows 3-5",
        "Families, rows 6-8",
        "Staff, row 3",
        "Bookings, row 3",
    ]
    assert _column_texts(dialog, PreviewColumn.CHECK) == [
        "Ready",
        "row 8, Date of birth: 31/02/2019 is not a date",
        "Ready",
        "Ready",
    ]
    assert "1 cannot be imported until the file is put right. 3 ticked." in dialog.summary.text()
    # The row with a problem cannot be ticked; the others are ticked already.
    blocked = dialog.model.index(1, PreviewColumn.IMPORT)
    assert not dialog.model.flags(blocked) & Qt.ItemFlag.ItemIsUserCheckable
    assert (
        dialog.model.index(0, PreviewColumn.IMPORT).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    )
    message_boxes.answer = QMessageBox.StandardButton.Yes
    click(qtbot, dialog, "Import the ticked rows")
    assert host.progress and host.progress[-1] == (3, 3)
    assert [f.names for f in families.search_families(session, "Dunford")]
    assert families.search_families(session, "Cai Tallis") == []
    assert any(s.member.full_name == "Dana Vellacott" for s in staff.list_staff(session))
    text = message_boxes.texts()[-1]
    assert "Imported 1 families, 1 staff and 1 future bookings." in text
    assert "still holds these people's details in plain text" in text
    assert not path.exists(), "the person chose to delete the spreadsheet"
    assert dialog.file_label.text() == "centre.xlsx was deleted."


def test_a_row_that_needs_a_decision_waits_until_it_is_ticked(
    qtbot, session, tmp_path, message_boxes
) -> None:
    first = workbook(tmp_path / "first.xlsx", families=one_family())
    dialog = _dialog(qtbot, session, first)
    message_boxes.answer = QMessageBox.StandardButton.No  # keep the file
    click(qtbot, dialog, "Import the ticked rows")
    assert first.exists()
    again = workbook(tmp_path / "again.xlsx", families=one_family("X2"))
    dialog = _dialog(qtbot, session, again)
    assert _column_texts(dialog, PreviewColumn.CHECK)[0].startswith(
        "Needs your decision: Possible duplicate:"
    )
    tick = dialog.model.index(0, PreviewColumn.IMPORT)
    assert tick.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert not find(dialog, QPushButton, "Import the ticked rows").isEnabled()
    dialog.model.setData(tick, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert "1 ticked" in dialog.summary.text()
    click(qtbot, dialog, "Import the ticked rows")
    assert len(families.search_families(session, "Ivy Dunford")) == 2


def test_a_column_is_matched_by_hand_and_checked_again(
    qtbot, session, tmp_path, message_boxes
) -> None:
    path = plain_workbook(
        tmp_path / "odd.xlsx",
        "Families",
        [
            ["Household", "Name", "Role", "Referred by", "Referrer", "Referral date"],
            ["H1", "Carys Dunford", "Resident parent", "Court", "Judge Amsel", "01/09/2026"],
            ["H1", "Owen Brackley", "Non-resident parent"],
            ["H1", "Ivy Dunford", "Child"],
        ],
    )
    dialog = _dialog(qtbot, session, path)
    assert "no column for Family" in dialog.notices.text()
    assert not dialog.import_button.isEnabled()
    combo = find(dialog, QComboBox, "Imported as, for the column Household")
    combo.setCurrentIndex(combo.findText("Family"))
    click(qtbot, dialog, "Check again")
    assert _column_texts(dialog, PreviewColumn.CHECK) == ["Give Ivy Dunford's date of birth."]


def test_a_bad_file_is_one_plain_sentence_and_nothing_is_imported(qtbot, session, tmp_path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4 made up")
    dialog = _dialog(qtbot, session, path)
    assert dialog.summary.text() == (
        "scan.pdf is not a spreadsheet this program reads: choose an Excel workbook (.xlsx) "
        "or a CSV file (.csv). Nothing was imported."
    )
    assert dialog.model.rowCount() == 0
    assert not dialog.import_button.isEnabled()


def test_the_template_is_saved_from_the_dialog(qtbot, session, tmp_path, message_boxes) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "template.xlsx"
    dialog = ImportDialog(None, RunsAtOnce(), session, template_path=lambda *_: str(target))
    qtbot.addWidget(dialog)
    click(qtbot, dialog, "Save template")
    assert load_workbook(target).sheetnames == ["Families", "Staff", "Bookings"]
    assert "template.xlsx" in message_boxes.texts()[-1]


def test_admin_offers_the_import(admin, admin_window) -> None:
    assert not find(admin, QPushButton, "Import records").isHidden()
    for control in ImportDialog(admin, admin_window, admin_window.session).findChildren(
        QPushButton
    ):
        assert control.accessibleName(), control.text()
