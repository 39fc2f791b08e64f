"""The Incidents tables and the body map, without a window around them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from stmarys_desktop.domain.incidents import (
    AccidentEntry,
    BodyMark,
    ChronologyItem,
    IncidentKind,
    IncidentStatus,
    IncidentSummary,
)
from stmarys_desktop.ui.body_map import BodyMapEditor, describe, nearest_part, parts
from stmarys_desktop.ui.models.base import SORT_ROLE
from stmarys_desktop.ui.models.incidents import (
    AccidentBookModel,
    ChronologyModel,
    IncidentColumn,
    IncidentsModel,
)
from tests.ui.helpers import activate


def summary(
    incident_id: int,
    at: str,
    *,
    supersedes: int | None = None,
    superseded_by: int | None = None,
    reference: str = "SMC-2026-00001",
    status: IncidentStatus = IncidentStatus.RECORDED,
) -> IncidentSummary:
    return IncidentSummary(
        incident_id,
        IncidentKind.OTHER,
        1 if reference else None,
        reference,
        at,
        status,
        "frontdesk",
        supersedes,
        superseded_by,
    )


def entry(number: int, corrects: int | None = None) -> AccidentEntry:
    return AccidentEntry(
        number,
        "2026-03-04T10:15:00+00:00",
        "Garden",
        "Child: Ivy Dunford",
        "Tripped.",
        "Graze",
        "Plaster",
        "Brelna Quoufenn",
        "2026-03-04T10:20:00+00:00",
        corrects,
    )


def test_the_records_say_which_is_corrected_and_sort_by_time() -> None:
    model = IncidentsModel()
    model.set_rows(
        [
            summary(2, "2026-03-04T10:00:00+00:00", supersedes=1),
            summary(1, "2026-03-04T10:00:00+00:00", superseded_by=2),
            summary(3, "2026-03-05T09:00:00+00:00", reference=""),
        ]
    )
    status = [model.index(row, IncidentColumn.STATUS).data() for row in range(3)]
    assert status == ["Recorded; corrects record 1", "Superseded by record 2", "Recorded"]
    assert model.index(2, IncidentColumn.FAMILY).data() == "No family"
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None
    keys = [model.index(row, IncidentColumn.WHEN).data(SORT_ROLE) for row in range(3)]
    assert sorted(keys) == [keys[1], keys[0], keys[2]]
    assert model.row_of(3) == 2 and model.row_of(99) == -1
    model.clear()
    assert model.rowCount() == 0


def test_the_accident_book_names_corrections_both_ways() -> None:
    model = AccidentBookModel()
    model.set_rows([entry(1), entry(2), entry(3, corrects=1)])
    assert [model.index(row, 0).data() for row in range(3)] == [
        "1 (corrected by 3)",
        "2",
        "3 (corrects 1)",
    ]
    assert [model.index(row, 0).data(SORT_ROLE) for row in range(3)] == [1, 2, 3]
    assert model.index(0, 3).data() == "Child: Ivy Dunford"


def test_the_chronology_marks_superseded_entries_in_words() -> None:
    model = ChronologyModel()
    model.set_rows(
        [
            ChronologyItem("2026-03-04T10:00", "incident", "Late.", True),
            ChronologyItem("2026-03-04T10:00", "incident", "Twenty minutes late."),
        ]
    )
    assert model.index(0, 2).data() == "Superseded by a correction: Late."
    assert model.index(1, 2).data() == "Twenty minutes late."
    assert model.index(0, 1).data() == "Incident"


@pytest.mark.parametrize(
    ("side", "x", "expected"),
    [
        ("front", 0.2, "Right forearm"),
        ("front", 0.8, "Left forearm"),
        ("back", 0.2, "Left forearm"),
        ("back", 0.8, "Right forearm"),
    ],
)
def test_the_front_shows_the_childs_right_on_the_left_and_the_back_the_other_way(
    side, x, expected
) -> None:
    assert nearest_part(side, x, 0.4) == expected


def test_every_part_can_be_chosen_and_is_named_back_again() -> None:
    for side in ("front", "back"):
        for name, x, y in parts(side):
            assert nearest_part(side, x, y) == name


def test_click_on_the_outline_adds_a_mark_there_and_the_keyboard_can_too(qtbot) -> None:
    editor = BodyMapEditor()
    qtbot.addWidget(editor)
    editor.resize(editor.sizeHint())
    editor.show()
    qtbot.waitExposed(editor)
    activate(qtbot, editor)  # focus moves only in the active window
    canvas = editor.canvas
    back = canvas.figure_rect("back")
    spot = QPoint(round(back.left() + 0.5 * back.width()), round(back.top() + 0.37 * back.height()))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=spot)
    (mark,) = editor.marks
    assert mark.side == "back" and mark.x == pytest.approx(0.5, abs=0.02)
    assert mark.y == pytest.approx(0.37, abs=0.02)
    assert editor.note.hasFocus()
    qtbot.keyClicks(editor.note, "red mark")
    assert editor.marks[0].note == "red mark"
    assert editor.marks_list.item(0).text() == "1. Back, lower back: red mark"

    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(1, 1))  # not on a figure
    assert len(editor.marks) == 1

    editor.side.setCurrentIndex(editor.side.findData("front"))
    editor.part.setCurrentText("Head")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert [m.side for m in editor.marks] == ["back", "front"]
    assert editor.marks_list.currentRow() == 1
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.marks == [BodyMark("back", mark.x, mark.y, "red mark")]


def test_a_mark_is_described_in_words() -> None:
    assert describe(2, BodyMark("front", 0.5, 0.07, "")) == "2. Front, head: (no note yet)"
