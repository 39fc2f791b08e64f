"""The Staff screen (a manager's): staff and volunteers, whether each is cleared to work
with families (clause vi), when their next DBS check and training renewal fall due.

The list is read once each time the screen is shown; that read is a logged view of
vetting information, and the search as you type filters it here (decisions.md D55).
Activate and Give a login stay visible but disabled, with the service's reason as
tooltip and status text, until the person is cleared; Suspend and Left likewise show
the service's answer on whether that change of status is allowed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
)

from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.domain.staff import StaffStatus, StaffSummary
from stmarys_desktop.services import staff
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.dialogs.vetting import (
    LeftDialog,
    RequirementDialog,
    StaffDialog,
    StaffLoginDialog,
    VettingDialog,
)
from stmarys_desktop.ui.models.staff import (
    CURRENT,
    SUMMARY_ROLE,
    StaffColumn,
    StaffFilter,
    StaffModel,
)
from stmarys_desktop.ui.offers import show_decision
from stmarys_desktop.ui.screens.base import Host, Screen
from stmarys_desktop.ui.tables import ListTableView, fit_columns, wrap_rows
from stmarys_desktop.ui.widgets import button, line_edit, named, paragraph

SHOW = [
    ("Current staff", CURRENT),
    ("Everyone", None),
    ("Applicants", StaffStatus.APPLICANT),
    ("Active", StaffStatus.ACTIVE),
    ("Suspended", StaffStatus.SUSPENDED),
    ("Left", StaffStatus.LEFT),
]


class StaffScreen(Screen):
    title = "Staff"
    permission = Permission.VIEW_VETTING

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.model = StaffModel()
        self.proxy = StaffFilter()
        self.proxy.setSourceModel(self.model)

        top = QHBoxLayout()
        self.search = line_edit("Search staff", placeholder="Type a name or a role")
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search)
        self.show_status = named(QComboBox(), "Show")
        for text, status in SHOW:
            self.show_status.addItem(text, status)
        show_label = QLabel("Sho&w:")
        show_label.setBuddy(self.show_status)
        self.requirements_button = button(
            "Checks for each &role…",
            "Checks for each role",
            "The DBS check each role at the centre needs",
        )
        top.addWidget(search_label)
        top.addWidget(self.search, 2)
        top.addWidget(show_label)
        top.addWidget(self.show_status)
        top.addStretch(1)
        top.addWidget(self.requirements_button)
        self.content.addLayout(top)

        self.table = named(ListTableView(), "Staff list")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(StaffColumn.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Why someone is not cleared is never cut: it wraps onto a second line (issue 18).
        fit_columns(self.table, (StaffColumn.CLEARED,))
        wrap_rows(self.table)
        self.content.addWidget(self.table, 1)

        self.activate_note = paragraph("", "Activation status")
        self.content.addWidget(self.activate_note)
        row = QHBoxLayout()
        self.add_button = button("&Add person…", "Add person")
        self.edit_button = button("&Edit…", "Edit person")
        self.vetting_button = button("&Vetting record…", "Vetting record")
        self.activate_button = button("Ac&tivate", "Activate")
        self.suspend_button = button("Sus&pend", "Suspend")
        self.left_button = button("Le&ft…", "Record leaving")
        self.login_button = button("Give a log&in…", "Give a login")
        for widget in (
            self.add_button,
            self.edit_button,
            self.vetting_button,
            self.activate_button,
            self.suspend_button,
            self.left_button,
            self.login_button,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        self.content.addLayout(row)

        self.search.textChanged.connect(self.proxy.set_text)
        self.show_status.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status(self.show_status.currentData())
        )
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_vetting())
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_person)
        self.vetting_button.clicked.connect(self.open_vetting)
        self.activate_button.clicked.connect(self.activate)
        self.suspend_button.clicked.connect(self.suspend)
        self.left_button.clicked.connect(self.record_leaving)
        self.login_button.clicked.connect(self.give_login)
        self.requirements_button.clicked.connect(self.edit_requirements)
        self._selection_changed()

    # -- filling and clearing ----------------------------------------------------------

    def refresh(self) -> None:
        session = self.session
        if session is None:
            return
        selected = self.selected()
        try:
            staff.vetting_upkeep(session, staff.today(session))
            rows = staff.list_staff(session)
        except StMarysError as exc:
            messages.show_error(self, "Staff", exc)
            return
        self.model.set_rows(rows)
        manages = session.can(Permission.MANAGE_STAFF)
        for widget in (
            self.add_button,
            self.edit_button,
            self.activate_button,
            self.suspend_button,
            self.left_button,
            self.requirements_button,
        ):
            widget.setVisible(manages)
        self.login_button.setVisible(manages and session.can(Permission.MANAGE_ACCOUNTS))
        if selected is not None:
            self.select(selected.member.id)
        self._selection_changed()

    def clear(self) -> None:
        self.model.clear()
        self.search.clear()
        self.activate_note.clear()

    def select(self, staff_id: int) -> None:
        row = self.model.row_of(staff_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                self.table.selectRow(index.row())

    def selected(self) -> StaffSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(SUMMARY_ROLE) if rows else None

    def _selection_changed(self, *_: object) -> None:
        summary = self.selected()
        for widget in (self.edit_button, self.vetting_button):
            widget.setEnabled(summary is not None)
        if summary is None:
            show_decision(self.activate_button, staff.NO_ONE_CHOSEN)
            show_decision(self.login_button, staff.NO_ONE_CHOSEN)
            self.activate_note.setText("")
            show_decision(self.suspend_button, staff.NO_ONE_CHOSEN)
            show_decision(self.left_button, staff.NO_ONE_CHOSEN)
            return
        member = summary.member
        show_decision(self.activate_button, summary.activate)
        show_decision(self.login_button, summary.login)
        note = (
            f"{member.full_name}: " + summary.activate.sentence
            if member.status is not StaffStatus.ACTIVE
            else f"{member.full_name} is active. " + summary.clearance.summary + "."
        )
        self.activate_note.setText(note)
        self.activate_note.setAccessibleDescription(note)
        show_decision(self.suspend_button, staff.status_gate(member.status, StaffStatus.SUSPENDED))
        show_decision(self.left_button, staff.status_gate(member.status, StaffStatus.LEFT))

    def _reload(self, staff_id: int | None = None) -> None:
        self.refresh()
        if staff_id is not None:
            self.select(staff_id)

    # -- actions -----------------------------------------------------------------------------

    def add_person(self) -> None:
        if self.session is None:
            return
        dialog = StaffDialog(self, self.session)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self._reload(dialog.saved.id)
            self.host.show_status(f"Added {dialog.saved.full_name} as an applicant.")

    def edit_person(self) -> None:
        summary = self.selected()
        if self.session is None or summary is None:
            return
        dialog = StaffDialog(self, self.session, summary.member)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reload(summary.member.id)

    def open_vetting(self) -> None:
        summary = self.selected()
        if self.session is None or summary is None:
            return
        VettingDialog(self, self.session, summary.member.id).exec()
        self._reload(summary.member.id)

    def activate(self) -> None:
        summary = self.selected()
        if self.session is None or summary is None:
            return
        try:
            staff.activate(self.session, summary.member.id, summary.member.version)
        except StMarysError as exc:
            messages.show_error(self, "Not made active", exc)
            self._reload(summary.member.id)
            return
        self._reload(summary.member.id)
        self.host.show_status(f"{summary.member.full_name} is now active.")

    def suspend(self) -> None:
        summary = self.selected()
        if self.session is None or summary is None:
            return
        if not messages.ask(
            self,
            "Suspend",
            f"Suspend {summary.member.full_name}? They will be taken off every future session.",
            "Suspend",
        ):
            return
        try:
            staff.set_status(
                self.session, summary.member.id, summary.member.version, StaffStatus.SUSPENDED
            )
        except StMarysError as exc:
            messages.show_error(self, "Not suspended", exc)
        self._reload(summary.member.id)

    def record_leaving(self) -> None:
        summary = self.selected()
        if self.session is None or summary is None:
            return
        if LeftDialog(self, self.session, summary.member).exec() == QDialog.DialogCode.Accepted:
            self._reload(summary.member.id)

    def give_login(self) -> None:
        summary = self.selected()
        if self.session is None or summary is None:
            return
        dialog = StaffLoginDialog(self, self.session, summary.member)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None:
            self._reload(summary.member.id)
            self.host.show_status(
                f"{summary.member.full_name} can now sign in as {dialog.created.user_name}."
            )

    def edit_requirements(self) -> None:
        session = self.session
        if session is None:
            return
        try:
            requirements = staff.requirements(session)
        except StMarysError as exc:
            messages.show_error(self, "Checks for each role", exc)
            return
        summary = self.selected()
        role = summary.member.centre_role if summary else requirements[0].centre_role
        dialog = RequirementDialog(self, session, requirements, role)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reload(summary.member.id if summary else None)
