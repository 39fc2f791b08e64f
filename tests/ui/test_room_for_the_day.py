"""The start screen gives its room to the day's sessions (issue 18): the alerts take the
height of what they say, up to four, and the named people that of the day's largest
family; another day's register asks room for a usual day's sessions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from stmarys_desktop.domain.alerts import WARNING, Alert
from stmarys_desktop.ui.lists import FittedList
from stmarys_desktop.ui.models.register import people_in_sight
from tests.helpers import PASSWORD
from tests.ui.helpers import sign_in


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def items_height(alerts: FittedList, count: int) -> int:
    return sum(alerts.visualItemRect(alerts.item(row)).height() for row in range(count))


def test_the_alerts_take_the_height_of_what_they_say(qtbot, make_window, staffed_centre: Path):
    window = make_window(staffed_centre)
    window.resize(1200, 740)
    sign_in(qtbot, window, "frontdesk", PASSWORD)
    today = window.workspace.screens["Today"]
    settle()
    alerts = today.alerts
    assert today.alert_texts() == ["No alerts today."]
    # One line: the list is no taller than its one item (it was 192 px for it).
    assert alerts.viewport().height() == items_height(alerts, 1)
    sessions_before = today.sessions.height()

    today.show_alerts([Alert(WARNING, f"Made-up alert number {n}.") for n in range(1, 7)])
    settle()
    # Four in sight, whole; the other two scroll, as in a list.
    assert alerts.viewport().height() == items_height(alerts, 4)
    assert alerts.verticalScrollBar().maximum() > 0
    # The sessions gave the room up; with one alert again, they have it back.
    assert today.sessions.height() < sessions_before
    today.show_alerts([])
    settle()
    assert today.sessions.height() == sessions_before


def test_the_named_people_take_the_room_of_the_days_largest_family() -> None:
    class Entry:
        def __init__(self, people: int) -> None:
            self.named = tuple(range(people))

    assert people_in_sight([]) == 3
    assert people_in_sight([Entry(2), Entry(4)]) == 4
    assert people_in_sight([Entry(4), Entry(9)]) == 5  # more than five scroll


def test_a_table_hints_its_rows_at_the_height_they_are_shown(qtbot) -> None:
    """A table that does not wrap shows each row at the header's default height, not its
    text's: it hinted five rows of its text's height and, given that, showed three."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    from stmarys_desktop.ui.tables import ListTableView

    model = QStandardItemModel(5, 1)
    for row in range(5):
        model.setItem(row, 0, QStandardItem(f"Made-up person {row}"))
    view = ListTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(view.sizeHint())
    view.show()
    qtbot.waitExposed(view)
    assert view.rowAt(view.viewport().height() - 1) in (4, -1)  # the fifth row is in sight
    assert view.rowViewportPosition(4) + view.rowHeight(4) <= view.viewport().height()
