"""The request log on screen (issue 20): every field of every request, the changes made to
the one chosen, and what may be done with it (change it with a reason, record whether the
person was told, answer it with a disclosure, print the log).

The centre's log opens from the Families screen and the disclosure history; a family's
sits in its disclosures dialog, where a request can be answered. The services decide who
may read, change and print; the buttons show their answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.dates import short_date, short_stamp
from stmarys_desktop.domain.disclosures import ConsentSought, InfoRequest, RequestChange, Told
from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.policy.disclosure import Action
from stmarys_desktop.printing.request_log import answer_words
from stmarys_desktop.services import disclosure, families, request_log
from stmarys_desktop.services import printouts as printed
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.forms import CallbackForm, SavePath, ask_save_path, save_pdf
from stmarys_desktop.ui.offers import fit_to_screen, show_decision
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.widgets import (
    add_row,
    button,
    close_buttons,
    date_edit,
    heading,
    named,
    paragraph,
    picked_date,
    readonly_table,
)

COLUMNS = [
    "No.",
    "Received",
    "Who asked",
    "Agency",
    "Asked for",
    "Family",
    "About",
    "Consent",
    "Answered by",
    "Without consent because",
    "Told afterwards",
    "Recorded by",
]
CHANGE_COLUMNS = ["When", "Field", "Said", "Says now", "By", "Why"]
# The columns of long text, which wrap and share the width (the number, the day it came
# and the family's reference stay on one line).
SHARED = tuple(COLUMNS.index(c) for c in COLUMNS if c not in ("No.", "Received", "Family"))
CHANGES_SHARED = (2, 3, 4, 5)
# What a request can be answered with, from the family's disclosures dialog.
ANSWERS = [
    Action.ATTENDANCE_LETTER,
    Action.CONTACT_DETAILS,
    Action.SHARE_WITH_AUTHORITIES,
    Action.PROCEEDINGS_REPORT,
    Action.ASSESSMENT_ON_PREMISES,
]
# (the request, the action chosen): opens that action's form, answering the request.
Answer = Callable[[InfoRequest, Action], None]


def request_cells(request: InfoRequest) -> list[str]:
    return [
        str(request.id),
        short_date(request.received_on),
        request.requester_name,
        request.requester_agency,
        request.asked_for,
        request.family_reference or "-",
        request.about_words,
        request.consent.label,
        answer_words(request),
        request.without_consent_reason or "-",
        request.told_words,
        request.recorded_by_name or request.recorded_by,
    ]


def change_cells(change: RequestChange) -> list[str]:
    return [
        short_stamp(change.changed_at),
        change.field.label,
        change.was or "-",
        change.now or "-",
        change.changed_by_name,
        change.reason,
    ]


def request_label(request: InfoRequest) -> str:
    """A request as a list of choices names it."""
    return (
        f"No. {request.id}, {short_date(request.received_on)}: {request.requester_name}, "
        f"{request.asked_for[:60]}"
    )


class RequestLogPanel(QWidget):
    """The log's table, the chosen request's changes and the buttons. `family_id` None:
    the whole centre's log."""

    def __init__(
        self,
        session: Session,
        family_id: int | None = None,
        *,
        save_path: SavePath = ask_save_path,
        answer: Answer | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.family_id = family_id
        self.save_path = save_path
        self.answer = answer
        self.setAccessibleName("Request log")
        self.offers = request_log.offers(session)
        self.table = readonly_table("Requests for information", COLUMNS, share=SHARED)
        if family_id is not None:
            self.table.setColumnHidden(COLUMNS.index("Family"), True)
        self.changes_title = QLabel("Changes after recording: choose a request.")
        self.changes = readonly_table(
            "Changes to the request", CHANGE_COLUMNS, share=CHANGES_SHARED
        )
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.changes_title)
        lower_layout.addWidget(self.changes)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        self.change_button = button(
            "Chang&e…", "Change the request", "Put a field right; the reason is kept with it"
        )
        self.told_button = button(
            "&Told afterwards…",
            "Record whether the person was told",
            "Whether the person it was about was told afterwards, and when or why not",
        )
        self.answer_with = named(QComboBox(), "Answer with")
        for action in ANSWERS:
            self.answer_with.addItem(action.label, action)
        self.answer_button = button(
            "&Answer…", "Answer the request", "Open the chosen action, answering this request"
        )
        self.print_button = button("Print the &log…", "Print the request log")
        self.change_button.clicked.connect(self.change)
        self.told_button.clicked.connect(self.record_told)
        self.answer_button.clicked.connect(self.answer_chosen)
        self.print_button.clicked.connect(self.print_log)
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addWidget(self.told_button)
        if answer is not None:
            label = QLabel("Answer &with:")
            label.setBuddy(self.answer_with)
            row.addWidget(label)
            row.addWidget(self.answer_with)
            row.addWidget(self.answer_button)
        else:
            self.answer_with.hide()
            self.answer_button.hide()
        row.addStretch(1)
        row.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        for widget, decision in (
            (self.change_button, self.offers.change),
            (self.told_button, self.offers.change),
            (self.answer_button, self.offers.change),
            (self.print_button, self.offers.print),
        ):
            show_decision(widget, decision, tip=widget.accessibleDescription())
        self.table.itemSelectionChanged.connect(self.show_changes)
        self.rows: list[InfoRequest] = []
        self.load()

    def load(self) -> None:
        """Read the log again (nothing for someone who may not read it: the tooltip of
        the table says why)."""
        chosen = self.chosen()
        if not self.offers.read.allowed:
            self.rows = []
            self.table.setToolTip(self.offers.read.sentence)
        else:
            self.rows = disclosure.requests(self.session, self.family_id)
        self.table.setRowCount(len(self.rows))
        for r, request in enumerate(self.rows):
            for c, value in enumerate(request_cells(request)):
                item = self.table.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(r, c, item)
                item.setText(value)
        if chosen is not None:
            self.choose(chosen.id)
        self.show_changes()

    def clear(self) -> None:
        """Nothing of the log left on screen (the window is locking)."""
        self.rows = []
        self.table.setRowCount(0)
        self.changes.setRowCount(0)

    def chosen(self) -> InfoRequest | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def choose(self, request_id: int) -> None:
        for row, request in enumerate(self.rows):
            if request.id == request_id:
                self.table.selectRow(row)
                return

    def show_changes(self) -> None:
        request = self.chosen()
        found = request_log.request_changes(self.session, request.id) if request else []
        if request is None:
            self.changes_title.setText("Changes after recording: choose a request.")
        elif not found:
            self.changes_title.setText(f"Request {request.id} has not been changed.")
        else:
            self.changes_title.setText(f"Changes to request {request.id} after recording:")
        self.changes.setRowCount(len(found))
        for r, change in enumerate(found):
            for c, value in enumerate(change_cells(change)):
                self.changes.setItem(r, c, QTableWidgetItem(value))

    def _need_choice(self, title: str) -> InfoRequest | None:
        request = self.chosen()
        if request is None:
            messages.inform(self, title, "Choose a request in the list first.")
        return request

    # -- changing --------------------------------------------------------------------

    def change(self) -> None:
        request = self._need_choice("Change the request")
        if request is None:
            return
        form = CallbackForm(
            self,
            f"Change request {request.id}",
            "Save the change",
            "Change what needs putting right. The reason is kept with the change, with "
            "what each field said before.",
        )
        received = date_edit("Received on", datetime.fromisoformat(request.received_at).date())
        add_row(form.form, "&Received on:", received)
        who = named(QLineEdit(request.requester_name), "Who asked")
        add_row(form.form, "&Who asked:", who)
        agency = named(QLineEdit(request.requester_agency), "Their agency")
        add_row(form.form, "Their a&gency:", agency)
        asked = named(QPlainTextEdit(request.asked_for), "What they asked for")
        add_row(form.form, "What they asked &for:", asked)
        about = named(QComboBox(), "About whom")
        if request.family_id is not None:
            about.addItem("The family", None)
            for person in families.open_family(self.session, request.family_id).people:
                about.addItem(person.full_name, person.id)
            about.setCurrentIndex(max(0, about.findData(request.about_person_id)))
        else:
            about.addItem(request.about_words, request.about_person_id)
            about.setEnabled(False)
        add_row(form.form, "About w&hom:", about)
        consent = consent_combo(request.consent)
        add_row(form.form, "&Consent:", consent)
        without = named(QPlainTextEdit(request.without_consent_reason), "Without consent because")
        add_row(form.form, "Without consent &because:", without)
        reason = named(QLineEdit(), "Why it is changed")
        add_row(form.form, "Reaso&n for the change:", reason)
        form.run = lambda: request_log.change_request(
            self.session,
            request.id,
            request_log.RequestEdit(
                received_on=picked_date(received),
                requester_name=who.text(),
                requester_agency=agency.text(),
                asked_for=asked.toPlainText(),
                about_person_id=about.currentData(),
                consent=consent.currentData(),
                without_consent_reason=without.toPlainText(),
            ),
            reason=reason.text(),
        )
        if form.exec():
            self.load()

    def record_told(self) -> None:
        request = self._need_choice("Told afterwards")
        if request is None:
            return
        form = CallbackForm(
            self,
            "Was the person told?",
            "Record",
            f"Request {request.id} from {request.requester_name}: {request.asked_for}",
        )
        told = named(QComboBox(), "Told")
        for value in (Told.YES, Told.NO, Told.NOT_YET):
            told.addItem({Told.YES: "Yes, they were told"}.get(value, value.label), value)
        if request.told is not Told.NOT_YET:
            told.setCurrentIndex(told.findData(request.told))
        add_row(form.form, "&Told:", told)
        on = request.subject_told_on
        when = date_edit(
            "Date told", date.fromisoformat(on) if on else self.session.centre.clock().date()
        )
        add_row(form.form, "&On:", when)
        why_not = named(QLineEdit(request.not_told_reason), "Why not")
        add_row(form.form, "&Why not:", why_not)
        reason = named(QLineEdit(), "Why it is changed")
        reason_label = add_row(form.form, "Reaso&n for the change:", reason)
        # A first answer completes the entry; changing one says why (D312).
        first = request.told is Told.NOT_YET
        reason.setVisible(not first)
        reason_label.setVisible(not first)
        form.run = lambda: request_log.change_request(
            self.session,
            request.id,
            request_log.RequestEdit(
                told=told.currentData(),
                told_on=picked_date(when) if told.currentData() is Told.YES else None,
                not_told_reason=why_not.text(),
            ),
            reason=reason.text(),
            doing="record who was told",
        )
        if form.exec():
            self.load()

    def answer_chosen(self) -> None:
        request = self._need_choice("Answer the request")
        if request is None or self.answer is None:
            return
        self.answer(request, self.answer_with.currentData())
        self.load()

    # -- printing --------------------------------------------------------------------

    def print_log(self) -> None:
        whose = f"{self.rows[0].family_reference}-" if self.family_id and self.rows else ""
        try:
            printed.request_log(
                self.session,
                self.family_id,
                lambda paper: save_pdf(
                    self, self.save_path, "Request log", f"{whose}request-log.pdf", paper
                ),
            )
        except StMarysError as exc:
            messages.show_error(self, "Request log", exc)


def consent_combo(current: ConsentSought = ConsentSought.NOT_SOUGHT) -> QComboBox:
    combo = named(QComboBox(), "Consent")
    for answer in ConsentSought:
        combo.addItem(answer.label, answer)
    combo.setCurrentIndex(combo.findData(current))
    return combo


class RequestLogDialog(Dialog):
    """The centre's request log, for those who read it (D311)."""

    def __init__(
        self, parent: QWidget | None, session: Session, *, save_path: SavePath = ask_save_path
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Request log")
        self.setAccessibleName("Request log")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Request log", 1.2))
        layout.addWidget(
            paragraph(
                "Every request for information, as it arrived: who asked, what, about whom, "
                "consent, the answer, the reason for any disclosure without consent and "
                "whether the person was told. A request is recorded and answered from the "
                "family's Disclosures."
            )
        )
        self.panel = RequestLogPanel(session, save_path=save_path)
        layout.addWidget(self.panel, 1)
        layout.addWidget(close_buttons(self))
        # Wide for the log's twelve columns; tall enough for a screenful of requests.
        fit_to_screen(self, 170, 36)


def answer_combo(
    session: Session,
    family_id: int,
    chosen: InfoRequest | None,
    none_label: str = "Not in answer to a request in the log",
) -> QComboBox:
    """Which of the family's requests an action answers, newest first (D313)."""
    combo = named(QComboBox(), "In answer to")
    combo.addItem(none_label, None)
    if request_log.offers(session).read.allowed:
        for request in reversed(disclosure.requests(session, family_id)):
            combo.addItem(request_label(request), request.id)
    if chosen is not None:
        combo.setCurrentIndex(max(0, combo.findData(chosen.id)))
    return combo
