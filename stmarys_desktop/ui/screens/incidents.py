"""The Incidents screen: records, concerns and their exceptions, and the accident book.

Anyone on duty records; the safeguarding lead confirms concerns and closes
exceptions. What a person's roles do not allow stays on the screen, disabled,
with the reason as its tooltip and status text and written under the buttons;
the service makes the real check and its refusal is shown in its own words.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.domain.incidents import FamilyException, IncidentKind, IncidentSummary
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services import incidents
from stmarys_desktop.services import printouts as printed
from stmarys_desktop.ui import messages, printouts
from stmarys_desktop.ui.dialogs.chronology import ChronologyDialog
from stmarys_desktop.ui.dialogs.concern_decisions import (
    CloseExceptionDialog,
    ConfirmConcernDialog,
    DeclineConcernDialog,
)
from stmarys_desktop.ui.dialogs.incident import IncidentDialog
from stmarys_desktop.ui.dialogs.incident_details import IncidentDetailsDialog
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.models.base import ROW_ROLE, SORT_ROLE
from stmarys_desktop.ui.models.incidents import (
    AccidentBookModel,
    AccidentColumn,
    ExceptionsModel,
    IncidentColumn,
    IncidentsModel,
)
from stmarys_desktop.ui.offers import cited, show_decision
from stmarys_desktop.ui.screens.base import Host, Screen
from stmarys_desktop.ui.tables import ListTableView, keep_names_whole
from stmarys_desktop.ui.widgets import MessageLabel, button, named, paragraph, row

T = TypeVar("T")


EXCEPTION_ALLOWS = (
    "While an exception is open, the family's details may go to Children's "
    "Services and the police, and to no one else (Confidentiality Policy, "
    "clause 4)."
)


def _table(
    name: str, model: IncidentsModel | ExceptionsModel | AccidentBookModel, owner: QWidget
) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(owner)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = named(ListTableView(), name)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table, proxy


def _selected(table: QTableView) -> object | None:
    rows = table.selectionModel().selectedRows()
    return rows[0].data(ROW_ROLE) if rows else None


def _select(table: QTableView, proxy: QSortFilterProxyModel, source_row: int) -> None:
    if source_row >= 0:
        index = proxy.mapFromSource(proxy.sourceModel().index(source_row, 0))
        table.selectRow(index.row())
        table.scrollTo(index)


class IncidentsScreen(Screen):
    title = "Incidents"
    permission = Permission.RECORD_INCIDENT

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.records = IncidentsModel()
        self.awaiting = IncidentsModel()
        self.exceptions = ExceptionsModel()
        self.book = AccidentBookModel()
        self.tabs = named(QTabWidget(), "Incidents sections")
        self.tabs.addTab(self._records_page(), "&Records")
        self.tabs.addTab(self._concerns_page(), "Concern&s and exceptions")
        self.tabs.addTab(self._book_page(), "&Accident book")
        self.content.addWidget(self.tabs, 1)
        self._update_actions()

    # -- building ----------------------------------------------------------------------

    def _records_page(self) -> QWidget:
        page = named(QWidget(), "Records")
        self.records_table, self.records_proxy = _table("Incidents table", self.records, self)
        self.records_table.sortByColumn(IncidentColumn.WHEN, Qt.SortOrder.DescendingOrder)
        self.records_table.selectionModel().selectionChanged.connect(self._update_actions)
        self.records_table.doubleClicked.connect(lambda _index: self.open_selected())
        self.record_button = button(
            "R&ecord incident…", "Record incident", "Record an incident, a concern or an accident"
        )
        self.open_button = button("O&pen…", "Open", "See the whole record")
        self.correct_button = button(
            "Record a correc&tion…",
            "Record a correction",
            "A new record that supersedes the chosen one",
        )
        self.chronology_button = button(
            "Chro&nology…", "Chronology", "The chosen record's family, everything in time order"
        )
        self.record_button.clicked.connect(self.record_incident)
        self.open_button.clicked.connect(self.open_selected)
        self.correct_button.clicked.connect(self.record_correction)
        self.chronology_button.clicked.connect(self.show_chronology)
        self.records_note = paragraph("", "Why some record actions are not available")
        layout = QVBoxLayout(page)
        layout.addWidget(
            paragraph(
                "Every incident, concern and accident, newest first. A record is never changed: "
                "a correction is a new record, and the one it supersedes stays here, marked.",
                "About the records",
            )
        )
        layout.addWidget(self.records_table, 1)
        layout.addLayout(
            row(self.record_button, self.open_button, self.correct_button, self.chronology_button)
        )
        layout.addWidget(self.records_note)
        return page

    def _concerns_page(self) -> QWidget:
        page = named(QWidget(), "Concerns and exceptions")
        awaiting_box = named(
            QGroupBox("Concerns awaiting confirmation"), "Concerns awaiting confirmation"
        )
        self.awaiting_table, self.awaiting_proxy = _table(
            "Concerns awaiting confirmation table", self.awaiting, self
        )
        self.awaiting_table.sortByColumn(IncidentColumn.WHEN, Qt.SortOrder.AscendingOrder)
        self.awaiting_table.selectionModel().selectionChanged.connect(self._update_actions)
        self.awaiting_table.doubleClicked.connect(lambda _index: self.open_awaiting())
        self.awaiting_open_button = button(
            "O&pen concern…", "Open concern", "Read the whole concern before deciding"
        )
        self.confirm_button = button(
            "Con&firm…", "Confirm", "Confirm the concern: an exception opens on the family"
        )
        self.decline_button = button(
            "&Not confirmed…", "Not confirmed", "Record that the concern is not confirmed, and why"
        )
        self.awaiting_open_button.clicked.connect(self.open_awaiting)
        self.confirm_button.clicked.connect(self.confirm_concern)
        self.decline_button.clicked.connect(self.decline_concern)
        self.awaiting_note = paragraph("", "About concerns awaiting confirmation")
        box_layout = QVBoxLayout(awaiting_box)
        box_layout.addWidget(self.awaiting_table, 1)
        box_layout.addLayout(
            row(self.awaiting_open_button, self.confirm_button, self.decline_button)
        )
        box_layout.addWidget(self.awaiting_note)

        exceptions_box = named(QGroupBox("Open exceptions"), "Open exceptions")
        self.exceptions_table, self.exceptions_proxy = _table(
            "Open exceptions table", self.exceptions, self
        )
        self.exceptions_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.exceptions_table.selectionModel().selectionChanged.connect(self._update_actions)
        self.close_exception_button = button(
            "Clos&e exception…", "Close exception", "Close the chosen exception, with the reason"
        )
        self.close_exception_button.clicked.connect(self.close_exception)
        self.exceptions_note = paragraph("", "About open exceptions")
        ex_layout = QVBoxLayout(exceptions_box)
        self.exception_allows = paragraph(EXCEPTION_ALLOWS, "What an exception allows")
        ex_layout.addWidget(self.exception_allows)
        ex_layout.addWidget(self.exceptions_table, 1)
        ex_layout.addLayout(row(self.close_exception_button))
        ex_layout.addWidget(self.exceptions_note)

        layout = QVBoxLayout(page)
        layout.addWidget(awaiting_box, 1)
        layout.addWidget(exceptions_box, 1)
        return page

    def _book_page(self) -> QWidget:
        page = named(QWidget(), "Accident book")
        self.book_table, self.book_proxy = _table("Accident book table", self.book, self)
        self.book_table.sortByColumn(AccidentColumn.NUMBER, Qt.SortOrder.AscendingOrder)
        keep_names_whole(self.book_table)
        # The free text shares the width and wraps; rows grow to show all of it.
        header = self.book_table.horizontalHeader()
        header.setStretchLastSection(False)
        for text_column in (
            AccidentColumn.PEOPLE,
            AccidentColumn.WHAT_HAPPENED,
            AccidentColumn.INJURIES,
            AccidentColumn.ACTION,
        ):
            header.setSectionResizeMode(text_column, QHeaderView.ResizeMode.Stretch)
        self.book_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.book_message = MessageLabel("Accident book message")
        # Clause i: the service reads the book, decides and logs the printout.
        self.book_printout = printouts.PrintoutButtons(
            "accident book",
            self._put_out_book,
            file_name=lambda: "accident-book.pdf",
            parent=self,
            message=self.book_message,
            description="The whole book",
            print_label=("&Print accident book…", "Print accident book"),
            save_label=("Save accident book as P&DF…", "Save accident book as PDF"),
        )
        self.print_book_button = self.book_printout.print_button
        self.save_book_button = self.book_printout.save_button
        layout = QVBoxLayout(page)
        layout.addWidget(
            paragraph(
                "Every accident, numbered in the order it was written, with the names as they "
                "were written at the time. The book is kept for ever; a mistake is put right by a "
                "later entry that says which entry it corrects.",
                "About the accident book",
            )
        )
        layout.addWidget(self.book_table, 1)
        layout.addLayout(row(self.print_book_button, self.save_book_button))
        layout.addWidget(self.book_message)
        return page

    # -- filling and clearing ----------------------------------------------------------

    def refresh(self) -> None:
        session = self.session
        if session is None:
            return
        keep = (self.selected_record(), self.selected_awaiting(), self.selected_exception())
        self.exception_allows.setText(cited(session, EXCEPTION_ALLOWS))
        try:
            self.records.set_rows(incidents.incident_list(session))
            waiting = (
                [s for s in incidents.awaiting_confirmation(session) if s.superseded_by_id is None]
                if session.can(Permission.CONFIRM_CONCERN)
                else []
            )
            self.awaiting.set_rows(waiting)
            self.exceptions.set_rows(
                incidents.open_exceptions(session) if session.can(Permission.VIEW_FAMILIES) else []
            )
            self.book.set_rows(incidents.accident_book(session))
        except StMarysError as exc:
            messages.show_error(self, "Incidents", exc)
            return
        self.book_table.scrollToBottom()
        self.tabs.setTabText(
            1,
            f"Concern&s and exceptions ({len(waiting)} awaiting)"
            if waiting
            else "Concern&s and exceptions",
        )
        if keep[0] is not None:
            self.select_record(keep[0].id)
        if keep[1] is not None:
            _select(self.awaiting_table, self.awaiting_proxy, self.awaiting.row_of(keep[1].id))
        if keep[2] is not None:
            self.select_exception(keep[2].id)
        self._update_actions()

    def clear(self) -> None:
        for model in (self.records, self.awaiting, self.exceptions, self.book):
            model.clear()
        self.book_message.clear_message()

    def show_section(self, title: str) -> None:
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index).replace("&", "").startswith(title):
                self.tabs.setCurrentIndex(index)

    # -- selection ---------------------------------------------------------------------

    def selected_record(self) -> IncidentSummary | None:
        return _typed(_selected(self.records_table), IncidentSummary)

    def selected_awaiting(self) -> IncidentSummary | None:
        return _typed(_selected(self.awaiting_table), IncidentSummary)

    def selected_exception(self) -> FamilyException | None:
        return _typed(_selected(self.exceptions_table), FamilyException)

    def select_record(self, incident_id: int) -> None:
        _select(self.records_table, self.records_proxy, self.records.row_of(incident_id))

    def select_awaiting(self, incident_id: int) -> None:
        _select(self.awaiting_table, self.awaiting_proxy, self.awaiting.row_of(incident_id))

    def select_exception(self, exception_id: int) -> None:
        _select(self.exceptions_table, self.exceptions_proxy, self.exceptions.row_of(exception_id))

    def _update_actions(self, *_: object) -> None:
        """Render the incidents service's answers for what is chosen in each list."""
        session = self.session
        if session is None:
            return
        record = self.selected_record()
        offered = incidents.record_offers(session, record)
        show_decision(self.open_button, offered.open, tip="See the whole record")
        show_decision(
            self.correct_button, offered.correct, tip="A new record that supersedes the chosen one"
        )
        show_decision(
            self.chronology_button,
            offered.chronology,
            tip="The chosen record's family, everything in time order",
        )
        reasons = (
            [d.sentence for d in (offered.open, offered.correct) if not d.allowed] if record else []
        )
        _say(self.records_note, sorted(set(reasons), key=reasons.index))

        queue = incidents.queue_offers(session, self.selected_awaiting(), self.selected_exception())
        show_decision(
            self.confirm_button,
            queue.decide,
            tip="Confirm the concern: an exception opens on the family",
        )
        show_decision(
            self.decline_button,
            queue.decide,
            tip="Record that the concern is not confirmed, and why",
        )
        show_decision(
            self.awaiting_open_button, queue.decide, tip="Read the whole concern before deciding"
        )
        _say(
            self.awaiting_note,
            [queue.confirming.sentence]
            if not queue.confirming.allowed
            else []
            if self.awaiting.rowCount()
            else ["No concern is waiting for confirmation."],
        )
        show_decision(
            self.close_exception_button,
            queue.close,
            tip="Close the chosen exception, with the reason",
        )
        _say(
            self.exceptions_note,
            [queue.closing.sentence]
            if not queue.closing.allowed
            else []
            if self.exceptions.rowCount()
            else ["No exception is open."],
        )

    # -- records -----------------------------------------------------------------------

    def record_incident(self) -> None:
        if self.session is None:
            return
        dialog = IncidentDialog(self, self.session)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_id is not None:
            self._saved(dialog, f"Saved record {dialog.saved_id}.")

    def _saved(self, dialog: IncidentDialog, said: str) -> None:
        self.refresh()
        self.select_record(dialog.saved_id or 0)
        kind = dialog.chosen_kind()
        if kind is not None and kind.is_concern and dialog.correcting is None:
            said += " It has gone to the safeguarding lead to confirm."
        elif kind is IncidentKind.ACCIDENT:
            said += " It is in the accident book."
        self.host.show_status(said)

    def _details(self, summary: IncidentSummary) -> None:
        if self.session is None:
            return
        try:
            incident = incidents.incident_details(self.session, summary.id)
        except StMarysError as exc:
            messages.warn(self, "Record not shown", plain_text(exc))
            return
        IncidentDetailsDialog(self, incident).exec()

    def open_selected(self) -> None:
        summary = self.selected_record()
        if summary is not None:
            self._details(summary)

    def record_correction(self) -> None:
        summary = self.selected_record()
        if self.session is None or summary is None:
            return
        try:
            old = incidents.incident_details(self.session, summary.id)
        except StMarysError as exc:
            messages.warn(self, "No correction", plain_text(exc))
            return
        dialog = IncidentDialog(self, self.session, correcting=old)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_id is not None:
            self._saved(
                dialog,
                f"Saved record {dialog.saved_id}, which corrects record "
                f"{old.id}; both stay in the chronology.",
            )

    def show_chronology(self) -> None:
        summary = self.selected_record()
        if self.session is None or summary is None or summary.family_id is None:
            return
        try:
            items = incidents.chronology(self.session, summary.family_id)
        except StMarysError as exc:
            messages.show_error(self, "Chronology not shown", exc)
            return
        ChronologyDialog(
            self, self.session, summary.family_id, summary.family_reference, items
        ).exec()

    # -- concerns and exceptions -------------------------------------------------------

    def open_awaiting(self) -> None:
        summary = self.selected_awaiting()
        if summary is not None:
            self._details(summary)

    def confirm_concern(self) -> None:
        concern = self.selected_awaiting()
        if self.session is None or concern is None:
            return
        dialog = ConfirmConcernDialog(self, self.session, concern)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.opened is not None:
            self.refresh()
            self.select_exception(dialog.opened.id)
            self.host.show_status(
                f"Confirmed the concern (record {concern.id}). Exception "
                f"{dialog.opened.id} is open on family "
                f"{dialog.opened.family_reference}."
            )

    def decline_concern(self) -> None:
        concern = self.selected_awaiting()
        if self.session is None or concern is None:
            return
        if DeclineConcernDialog(self, self.session, concern).exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.host.show_status(
                f"Recorded that the concern (record {concern.id}) is not "
                "confirmed. No exception was opened."
            )

    def close_exception(self) -> None:
        exception = self.selected_exception()
        if self.session is None or exception is None:
            return
        if (
            CloseExceptionDialog(self, self.session, exception).exec()
            == QDialog.DialogCode.Accepted
        ):
            self.refresh()
            self.host.show_status(
                f"Closed exception {exception.id} on family {exception.family_reference}."
            )

    # -- the accident book -------------------------------------------------------------

    def _put_out_book(self, deliver: printouts.Deliver) -> bool:
        session = self.session
        return session is not None and printed.accident_book(session, deliver)


def _say(label: QLabel, lines: list[str]) -> None:
    text = " ".join(lines)
    label.setText(text)
    label.setAccessibleDescription(text)
    label.setVisible(bool(text))


def _typed(item: object, kind: type[T]) -> T | None:
    return item if isinstance(item, kind) else None
