"""The Families screen: search as you type, open a family's record, add a family.

The search runs in the database on every keystroke (D17: well under the 30 ms
target on a 50,000-family centre), so there is no delay and no debounce.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QToolButton, QWidget

from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services import families, request_log
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.dialogs.family_record import FamilyRecordDialog
from stmarys_desktop.ui.dialogs.new_family import NewFamilyDialog
from stmarys_desktop.ui.models.families import FamiliesModel, FamilyColumn
from stmarys_desktop.ui.offers import (
    Refusals,
    may,
    selected_row,
    show_decision,
    table,
)
from stmarys_desktop.ui.screens.base import Host, Screen
from stmarys_desktop.ui.widgets import button, line_edit, named, paragraph

SEARCH_LIMIT = 200


def widget_shortcut(widget: QWidget, key: Qt.Key, slot: Callable[[], None]) -> QShortcut:
    """A key that acts only while `widget` has the focus."""
    shortcut = QShortcut(QKeySequence(key), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(slot)
    return shortcut


class FamiliesScreen(Screen):
    title = "Families"
    permission = Permission.VIEW_FAMILIES

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.model = FamiliesModel()
        self.search = line_edit(
            "Search families", placeholder="Reference, any name, or the referrer"
        )
        self.search.setClearButtonEnabled(True)
        for clear_button in self.search.findChildren(QToolButton):
            named(clear_button, "Clear the search")
        label = QLabel("&Search:")
        label.setBuddy(self.search)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.search, 1)
        self.content.addLayout(row)
        self.found = paragraph("", "Families found")
        self.content.addWidget(self.found)

        # The names wrap, so that the agency and the referrer stay in view (issue 18).
        self.table, self.proxy = table(self.model, "Families table", wrap=(FamilyColumn.NAMES,))
        self.table.doubleClicked.connect(lambda _index: self.open_family())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            widget_shortcut(self.table, key, self.open_family)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.content.addWidget(self.table, 1)

        self.open_button = button("O&pen family…", "Open family")
        self.add_button = button("&Add family…", "Add family")
        self.open_button.clicked.connect(self.open_family)
        self.add_button.clicked.connect(self.add_family)
        # The centre's request log, for those who read it (issue 20, D311).
        self.request_log_button = button(
            "Re&quest log…", "Request log", "Every request for information, as it arrived"
        )
        self.request_log_button.clicked.connect(self.open_request_log)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.request_log_button)
        self.content.addLayout(buttons)
        self.refusals = Refusals()
        self.content.addWidget(self.refusals)

        self.search.textChanged.connect(self.run_search)
        # Down from the search box goes to the results, as in a browser's address bar.
        self.search.returnPressed.connect(self._to_results)
        widget_shortcut(self.search, Qt.Key.Key_Down, self._to_results)
        self._selection_changed()

    # -- searching ---------------------------------------------------------------------

    def refresh(self) -> None:
        session = self.session
        if session is None:
            return
        self.refusals.set_reasons(
            [show_decision(self.add_button, may(session, Permission.EDIT_FAMILIES, "add a family"))]
        )
        self.request_log_button.setVisible(request_log.offers(session).read.allowed)
        self.run_search(self.search.text())

    def open_request_log(self) -> None:
        from stmarys_desktop.ui.dialogs.request_log import RequestLogDialog

        session = self.session
        if session is not None:
            RequestLogDialog(self, session).exec()

    def run_search(self, text: str | None = None) -> None:
        session = self.session
        if session is None:
            return
        chosen = self.selected()
        try:
            found = families.search_families(
                session, self.search.text() if text is None else text, SEARCH_LIMIT
            )
        except StMarysError as exc:
            messages.show_error(self, "Families", exc)
            return
        self.model.today = families.today(session)
        self.model.set_rows(found)
        self._say_found(len(found))
        if chosen is not None:
            self.select(chosen.id)
        if not self.selected() and found:
            self.table.selectRow(0)
        self._selection_changed()

    def _say_found(self, count: int) -> None:
        typed = self.search.text().strip()
        if count == 0:
            text = "No family matches." if typed else "No families yet."
        elif not typed:
            text = (
                f"The {count} most recently used famil{'ies' if count != 1 else 'y'}, "
                "active ones first. Type a reference, a name or a referrer to search."
            )
        elif count >= SEARCH_LIMIT:
            text = f"The newest {SEARCH_LIMIT} matches; type more to narrow the search."
        else:
            text = f"{count} famil{'ies' if count != 1 else 'y'} found."
        self.found.setText(text)

    def _to_results(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.selected():
                self.table.selectRow(0)

    def select(self, family_id: int) -> None:
        row = self.model.row_of(family_id)
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def selected(self):
        return selected_row(self.table)

    def _selection_changed(self, *_: object) -> None:
        chosen = self.selected()
        self.open_button.setEnabled(chosen is not None)
        self.open_button.setToolTip(
            f"Open {chosen.reference}" if chosen else "Choose a family in the table first."
        )

    # -- opening and adding ------------------------------------------------------------

    def open_family(self) -> None:
        session, chosen = self.session, self.selected()
        if session is None or chosen is None:
            return
        try:
            family = families.open_family(session, chosen.id)
        except StMarysError as exc:
            messages.show_error(self, "Family not opened", exc)
            self.run_search()
            return
        FamilyRecordDialog(self, session, family).exec()
        if self.session is not None:  # the window may have locked meanwhile
            self.run_search()

    def add_family(self) -> None:
        session = self.session
        if session is None or not self.add_button.isEnabled():
            return
        dialog = NewFamilyDialog(self, session)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.created is None:
            return
        created = dialog.created
        self.search.setText(created.reference)  # runs the search
        self.select(created.id)
        self.host.show_status(f"Added the family {created.reference}.")

    def clear(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.clear()
        self.found.clear()
