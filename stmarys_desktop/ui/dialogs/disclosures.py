"""Everything that may leave the centre about one family (DESIGN.md section 2).

Each action is a button that is always visible. The button is enabled only
when the policy allows the action (`disclosure.decision_for`). Otherwise it is
disabled, and its tooltip and the line beside it give the clause and what is
missing. Pressing a button asks the service, which decides again, logs the
attempt and produces the output. The records the policy rests on (written
consents, assessment agreements) are kept here as well, together with the
family's disclosure history.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.dates import add_years
from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.domain.families import Family
from stmarys_desktop.domain.incidents import FamilyException
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.policy.clauses import Clause
from stmarys_desktop.policy.disclosure import Action, Decision, Recipient, RecipientKind, Request
from stmarys_desktop.printing.document import Paper, write_pdf
from stmarys_desktop.printing.letters import (
    attendance_letter_paper,
    consent_form_paper,
    proceedings_reply_paper,
)
from stmarys_desktop.services import authorities, disclosure, families, incidents, settings
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.dialogs.form import FormDialog
from stmarys_desktop.ui.offers import fit_to_screen
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.widgets import (
    add_row,
    button,
    date_edit,
    heading,
    named,
    paragraph,
    picked_date,
    readonly_table,
)

KIND_LABELS = {
    RecipientKind.AGENCY: "An agency",
    RecipientKind.PERSON: "A person",
    RecipientKind.CHILDRENS_SERVICES: "Children's Services",
    RecipientKind.POLICE: "The police",
}
# Contact details go by consent to a person or an agency; under an exception they go to an
# authority on the centre's list through the share, never by picking a kind here (D101).
CONSENT_ROUTE_KINDS = [RecipientKind.AGENCY, RecipientKind.PERSON]

SavePath = Callable[[QWidget, str, str], str]


def ask_save_path(parent: QWidget, title: str, suggested: str) -> str:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, suggested, "PDF files (*.pdf)")
    return chosen


def kind_words(kind: str) -> str:
    """A stored recipient kind as the history shows it."""
    try:
        return KIND_LABELS[RecipientKind(kind)]
    except ValueError:
        return kind


def kind_combo(kinds: list[RecipientKind]) -> QComboBox:
    combo = named(QComboBox(), "Kind of recipient")
    for kind in kinds:
        combo.addItem(KIND_LABELS[kind], kind)
    return combo


def adult_combo(family: Family) -> QComboBox:
    combo = named(QComboBox(), "Adult")
    for adult in family.adults:
        combo.addItem(f"{adult.full_name} ({adult.kind.label.lower()})", adult.id)
    return combo


class CallbackForm(FormDialog):
    """A form whose OK runs one function; a refusal stays in the dialog."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        ok_text: str,
        intro: str = "",
        run: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent, title, ok_text, intro)
        self.run = run

    def submit(self) -> None:
        assert self.run is not None
        self.run()


class DisclosuresDialog(Dialog):
    def __init__(
        self,
        parent: QWidget | None,
        session: Session,
        family_id: int,
        *,
        save_path: SavePath = ask_save_path,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.family_id = family_id
        self.save_path = save_path
        self.family = families.open_family(session, family_id)
        title = f"Disclosures: {self.family.reference}"
        self.setWindowTitle(title)
        self.setAccessibleName("Disclosures")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 1.2))
        layout.addWidget(
            paragraph(
                "Nothing about a family leaves the centre except through these actions. An "
                "action the Confidentiality Policy does not allow stays disabled, and the line "
                "beside it says which clause and what is missing."
            )
        )

        actions = QGroupBox("What may go out")
        actions.setAccessibleName("What may go out")
        # Rows of (button, reason), not a grid: a box layout gives a wrapped reason the
        # height it needs, where a grid in a group box cut a long one off.
        rows = QVBoxLayout(actions)
        self.action_buttons: dict[Action, QPushButton] = {}
        self.reasons: dict[Action, QLabel] = {}
        for action, handler in (
            (Action.ATTENDANCE_LETTER, self.attendance_letter),
            (Action.CONTACT_DETAILS, self.contact_details),
            (Action.SHARE_WITH_AUTHORITIES, self.share),
            (Action.PROCEEDINGS_REPORT, self.proceedings_report),
            (Action.ASSESSMENT_ON_PREMISES, self.assessment),
        ):
            widget = button(
                action.label + ("" if action is Action.PROCEEDINGS_REPORT else "…"), action.label
            )
            widget.clicked.connect(handler)
            reason = paragraph("", f"Why: {action.label}")
            line = QHBoxLayout()
            line.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(reason, 1)
            rows.addLayout(line)
            self.action_buttons[action] = widget
            self.reasons[action] = reason
        self.report_request = button(
            "Record a request for a report…",
            "Record a request for a report",
            "Log the request (it is refused under clause ii) and "
            "print a reply that cites the policy.",
        )
        self.report_request.clicked.connect(self.record_report_request)
        self.info_request = button(
            "Record a request for information…",
            "Record a request for information",
            "Write down who asked for what, as it arrives, whether or not anything goes out.",
        )
        self.info_request.clicked.connect(self.record_info_request)
        requests = QHBoxLayout()
        requests.addWidget(self.report_request)
        requests.addWidget(self.info_request)
        requests.addStretch(1)
        rows.addLayout(requests)
        # The buttons as one column, as wide as the widest.
        widest = max(b.sizeHint().width() for b in self.action_buttons.values())
        for widget in self.action_buttons.values():
            widget.setFixedWidth(widest)
        layout.addWidget(actions)

        # The three lists on tabs, so that every action's reason has room beside its
        # button even on a 768-pixel screen at 150 % (issue 18); when the screen is short,
        # the tables give way first, not the reasons.
        self.lists = named(QTabWidget(), "Consents, agreements and history")
        self.lists.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.lists.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.lists.addTab(self._consents_box(), "Written &consents")
        self.lists.addTab(self._agreements_box(), "Assessment a&greements")
        self.lists.addTab(self._history_box(), "Disclosure &history")
        layout.addWidget(self.lists, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        named(close.button(QDialogButtonBox.StandardButton.Close), "Close")
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.refresh(self.family)
        # Wide enough for each action's reason on a line or two beside its button (sized
        # once the reasons are in, so their wrapped height counts).
        fit_to_screen(self, 160, 46)

    # -- building ---------------------------------------------------------------------

    def _consents_box(self) -> QGroupBox:
        box = QGroupBox()  # its tab says what it is
        box.setAccessibleName("Written consents")
        self.consents = readonly_table(
            "Consents",
            ["No.", "Given by", "To", "Covers", "Signed", "Last day", "Withdrawn", "Paper kept at"],
        )
        self.record_consent_button = button("Record consent…", "Record consent")
        self.withdraw_button = button("Withdraw…", "Withdraw consent")
        self.consent_form_button = button("Print consent form…", "Print consent form")
        self.record_consent_button.clicked.connect(self.record_consent)
        self.withdraw_button.clicked.connect(self.withdraw_consent)
        self.consent_form_button.clicked.connect(self.print_consent_form)
        row = QHBoxLayout()
        for widget in (self.record_consent_button, self.withdraw_button, self.consent_form_button):
            row.addWidget(widget)
        row.addStretch(1)
        inner = QVBoxLayout(box)
        inner.addWidget(self.consents)
        inner.addLayout(row)
        return box

    def _agreements_box(self) -> QGroupBox:
        box = QGroupBox()
        box.setAccessibleName("Assessment agreements")
        self.agreements = readonly_table(
            "Agreements", ["No.", "Agency", "For", "From", "To", "Kept at"]
        )
        self.record_agreement_button = button("Record agreement…", "Record agreement")
        self.record_agreement_button.clicked.connect(self.record_agreement)
        inner = QVBoxLayout(box)
        inner.addWidget(self.agreements)
        row = QHBoxLayout()
        row.addWidget(self.record_agreement_button)
        row.addStretch(1)
        inner.addLayout(row)
        return box

    def _history_box(self) -> QGroupBox:
        box = QGroupBox()
        box.setAccessibleName("Disclosure history")
        self.history = readonly_table(
            "Disclosure history table",
            [
                "When",
                "Who",
                "Action",
                "About",
                "To",
                "Kind",
                "Outcome",
                "Clause",
                "Basis or reason",
            ],
            wrap=True,  # the reason whole, on more lines (issue 18)
        )
        QVBoxLayout(box).addWidget(self.history)
        return box

    # -- showing the policy's decisions -------------------------------------------------

    def refresh(self, family: Family | None = None) -> None:
        """Everything on the dialog read again, once each (the family just opened may be
        passed in: opening it counts as a use, so it is not opened twice)."""
        self.family = family or families.open_family(self.session, self.family_id)
        self._consent_rows = disclosure.consents(self.session, self.family_id)
        self._agreement_rows = disclosure.agreements_for(self.session, self.family_id)
        referrer = self.family.referral.agency_name if self.family.referral else "(none)"
        single = {
            Action.ATTENDANCE_LETTER: Request(
                Action.ATTENDANCE_LETTER, Recipient(referrer, RecipientKind.AGENCY)
            ),
            Action.PROCEEDINGS_REPORT: Request(
                Action.PROCEEDINGS_REPORT, Recipient("anyone", RecipientKind.AGENCY)
            ),
        }
        contact = self._contact_details_requests()
        assessment = self._assessment_requests()
        # Every button's question on one reading of the family's records.
        answers = iter(
            disclosure.decisions_for(
                self.session, self.family_id, [*single.values(), *contact, *assessment]
            )
        )
        for action in single:
            self._show(action, next(answers))
        self._show(
            Action.SHARE_WITH_AUTHORITIES, disclosure.share_decision(self.session, self.family_id)
        )
        self._show(
            Action.CONTACT_DETAILS,
            self._first_allowed(
                [next(answers) for _ in contact],
                Decision(
                    False,
                    Clause.IV,
                    "There is no written consent on file from either "
                    "parent to pass on their contact details.",
                ),
            ),
        )
        self._show(
            Action.ASSESSMENT_ON_PREMISES,
            self._first_allowed(
                [next(answers) for _ in assessment],
                Decision(
                    False,
                    Clause.V,
                    "No agreement on file allows any agency to carry out "
                    "family assessments on the premises.",
                ),
            ),
        )
        can_consent = self.session.can(Permission.MANAGE_CONSENTS)
        for widget in (
            self.record_consent_button,
            self.withdraw_button,
            self.consent_form_button,
            self.record_agreement_button,
        ):
            widget.setEnabled(can_consent)
            widget.setToolTip(
                "" if can_consent else "Your roles do not allow recording consents or agreements."
            )
        self.report_request.setEnabled(self.session.can(Permission.DISCLOSE))
        self.info_request.setEnabled(self.session.can(Permission.DISCLOSE))
        self._fill_consents()
        self._fill_agreements()
        self._fill_history()

    def _show(self, action: Action, decision: Decision) -> None:
        widget = self.action_buttons[action]
        widget.setEnabled(decision.allowed)
        text = (
            f"Allowed ({decision.label}): {decision.sentence}"
            if decision.allowed
            else f"Not allowed ({decision.label}): {decision.sentence}"
        )
        widget.setToolTip(text)
        widget.setAccessibleDescription(text)
        self.reasons[action].setText(text)
        self.reasons[action].setAccessibleDescription(text)

    def _contact_details_requests(self) -> list[Request]:
        """Allowed when some adult's consent in force allows it: one question per consent
        on file (under an exception, details go through the share)."""
        candidates = [
            (c.given_by, Recipient(c.recipient, RecipientKind(c.recipient_kind)))
            for c in self._consent_rows
        ]
        return [
            Request(Action.CONTACT_DETAILS, recipient, person_id, frozenset({"address"}))
            for person_id, recipient in candidates
        ]

    def _assessment_requests(self) -> list[Request]:
        return [
            Request(Action.ASSESSMENT_ON_PREMISES, Recipient(a.agency, RecipientKind.AGENCY))
            for a in self._agreement_rows
        ]

    @staticmethod
    def _first_allowed(decisions: list[Decision], none_asked: Decision) -> Decision:
        """The first decision that allows the action, else the first refusal (its reason
        is the one to show), else what to say when there was nothing to ask."""
        return next((d for d in decisions if d.allowed), decisions[0] if decisions else none_asked)

    def _fill(self, table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(value))

    def _fill_consents(self) -> None:
        self._fill(
            self.consents,
            [
                [
                    str(c.id),
                    c.given_by_name,
                    c.recipient,
                    ", ".join(sorted(c.items)),
                    f"{c.signed_on:%d %b %Y}",
                    f"{c.expires_on:%d %b %Y}" if c.expires_on else "",
                    f"{c.withdrawn_on:%d %b %Y} ({c.withdrawn_how})" if c.withdrawn_on else "",
                    c.paper_kept_at,
                ]
                for c in self._consent_rows
            ],
        )

    def _fill_agreements(self) -> None:
        self._fill(
            self.agreements,
            [
                [
                    str(a.id),
                    a.agency,
                    "This family" if a.family_id else "Any family",
                    f"{a.valid_from:%d %b %Y}",
                    f"{a.valid_to:%d %b %Y}",
                    a.paper_kept_at,
                ]
                for a in self._agreement_rows
            ],
        )

    def _fill_history(self) -> None:
        if not disclosure.may_see_disclosure_history(self.session):
            self.history.setRowCount(0)
            return
        self._fill(
            self.history,
            [
                [
                    e.at[:16].replace("T", " "),
                    e.actor,
                    Action(e.action).label,
                    e.about_person or "The family",
                    e.recipient,
                    kind_words(e.recipient_kind),
                    "Allowed" if e.allowed else "Refused",
                    e.clause,
                    e.basis or e.sentence,
                ]
                for e in disclosure.disclosure_history(self.session, self.family_id)
            ],
        )

    # -- running an action ----------------------------------------------------------------

    def _form(self, title: str, ok_text: str, intro: str = "") -> CallbackForm:
        return CallbackForm(self, title, ok_text, intro)

    def _finish(self, form: CallbackForm) -> bool:
        done = form.exec() == QDialog.DialogCode.Accepted
        self.refresh()
        return done

    def _save_pdf(self, title: str, suggested: str, paper: Paper) -> bool:
        """Saved where the person chose: True. Cancelled or failed: False, and the service
        logs nothing as sent (D103)."""
        path = self.save_path(self, title, suggested)
        if not path:
            return False
        try:
            written = write_pdf(path, paper)
        except (StMarysError, OSError) as exc:
            messages.show_error(self, title, exc)
            return False
        if not written.is_file() or written.stat().st_size == 0:
            messages.warn(
                self,
                title,
                f"{path} could not be written (check the folder and the disk). Nothing was sent.",
            )
            return False
        messages.inform(self, title, f"Saved as {path}.")
        return True

    def attendance_letter(self) -> None:
        form = self._form(
            "Attendance letter for the referrer",
            "Make the letter",
            "Dates, times and attended / did not attend / cancelled only (clause iii).",
        )
        referrer = self.family.referral.agency_name if self.family.referral else ""
        recipient = add_row(form.form, "&To:", named(QLineEdit(referrer), "Recipient")).buddy()

        def run() -> None:
            assert isinstance(recipient, QLineEdit)
            disclosure.attendance_letter(
                self.session,
                self.family_id,
                recipient.text(),
                deliver=lambda letter: self._save_pdf(
                    "Attendance letter",
                    f"{self.family.reference}-attendance.pdf",
                    attendance_letter_paper(letter, *settings.letter_sender(self.session)),
                ),
            )

        form.run = run
        self._finish(form)

    def contact_details(self) -> None:
        form = self._form(
            "Disclose contact details",
            "Disclose",
            "Only with the adult's written consent naming this recipient. Under "
            "an open exception, use \"Share with Children's Services / "
            'police" instead.',
        )
        adult = adult_combo(self.family)
        add_row(form.form, "&Whose details:", adult)
        recipient = named(QLineEdit(), "Recipient")
        add_row(form.form, "&To:", recipient)
        kind = kind_combo(CONSENT_ROUTE_KINDS)
        add_row(form.form, "&Kind:", kind)
        address = named(QCheckBox("Address"), "Address")
        telephone = named(QCheckBox("Telephone"), "Telephone")
        address.setChecked(True)
        items = QHBoxLayout()
        items.addWidget(address)
        items.addWidget(telephone)
        holder = QWidget()
        holder.setLayout(items)
        add_row(form.form, "Items:", holder)
        shown = {}

        def run() -> None:
            chosen = frozenset(
                name
                for name, box in (("address", address), ("telephone", telephone))
                if box.isChecked()
            )
            shown["details"] = disclosure.disclose_contact_details(
                self.session,
                self.family_id,
                adult.currentData(),
                recipient.text(),
                kind.currentData(),
                chosen,
            )

        form.run = run
        if self._finish(form) and "details" in shown:
            details = shown["details"]
            lines = [f"Allowed and logged. {details.full_name}:"]
            if details.address:
                lines.append(f"Address: {details.address}")
            if details.telephone:
                lines.append(f"Telephone: {details.telephone}")
            messages.inform(self, "Contact details", "\n".join(lines))

    def share(self) -> None:
        exceptions = self._open_exceptions()
        intro = ("Under " + "; ".join(e.label for e in exceptions) + ". " if exceptions else "") + (
            "Only to an authority on the centre's list; the manager keeps "
            "the list (Admin, Authorities)."
        )
        form = self._form("Share with Children's Services / police", "Record and share", intro)
        authority = named(QComboBox(), "Authority")
        for listed in authorities.authorities(self.session):
            authority.addItem(
                f"{listed.name} ({listed.kind_label}; {listed.contact_point})", listed.id
            )
        add_row(form.form, "&To:", authority)
        boxes: dict[str, QCheckBox] = {}
        items = QVBoxLayout()
        for item, words in disclosure.share_items().items():
            boxes[item] = named(QCheckBox(words[0].upper() + words[1:]), f"Shared: {words}")
            items.addWidget(boxes[item])
        holder = QWidget()
        holder.setLayout(items)
        add_row(form.form, "What goes:", holder)
        about = named(QComboBox(), "Whose contact details")
        about.addItem("Nobody's", None)
        for adult in self.family.adults:
            about.addItem(adult.full_name, adult.id)
        add_row(form.form, "Whose &contact details:", about)
        what = named(QPlainTextEdit(), "What was shared")
        add_row(form.form, "&What was shared:", what)
        reference = named(QLineEdit(), "Their reference")
        add_row(form.form, "Their &reference:", reference)
        shared = {}

        def run() -> None:
            shared["it"] = disclosure.share_with_authorities(
                self.session,
                self.family_id,
                authority.currentData() or 0,
                [item for item, box in boxes.items() if box.isChecked()],
                what.toPlainText(),
                reference.text(),
                about_person=about.currentData(),
            )

        form.run = run
        if self._finish(form) and "it" in shared and shared["it"].contact_details:
            details = shared["it"].contact_details
            lines = [f"Shared and logged. {details.full_name}:"]
            if details.address:
                lines.append(f"Address: {details.address}")
            if details.telephone:
                lines.append(f"Telephone: {details.telephone}")
            messages.inform(self, "Contact details", "\n".join(lines))

    def _open_exceptions(self) -> list[FamilyException]:
        return incidents.family_exceptions(self.session, self.family_id, open_only=True)

    def proceedings_report(self) -> None:
        # Never enabled: clause ii. Kept as a method so the button can be wired like the rest.
        self.record_report_request()

    def record_report_request(self) -> None:
        form = self._form(
            "A request for a report",
            "Log the request and write the reply",
            "Staff make no report in any family proceedings (clause ii). The "
            "request is logged as refused and a reply citing the policy is "
            "prepared.",
        )
        requester = named(QLineEdit(), "Who asked")
        add_row(form.form, "&Who asked:", requester)
        # Printed as "Your reference" on the reply, when they gave one.
        their_reference = named(QLineEdit(), "Their reference (optional)")
        their_reference.setMaxLength(100)
        add_row(form.form, "&Their reference:", their_reference)
        form.run = lambda: disclosure.request_proceedings_report(
            self.session,
            self.family_id,
            requester.text(),
            deliver=lambda reply: self._save_pdf(
                "Reply to a request for a report",
                f"{self.family.reference}-reply.pdf",
                proceedings_reply_paper(
                    reply,
                    *settings.letter_sender(self.session),
                    your_reference=their_reference.text(),
                ),
            ),
        )
        self._finish(form)

    def record_info_request(self) -> None:
        form = self._form(
            "A request for information",
            "Record the request",
            "Recorded as it arrives, whatever the answer will be.",
        )
        who = named(QLineEdit(), "Who asked")
        add_row(form.form, "&Who asked:", who)
        agency = named(QLineEdit(), "Their agency")
        add_row(form.form, "Their &agency:", agency)
        asked = named(QPlainTextEdit(), "What they asked for")
        add_row(form.form, "What they asked &for:", asked)
        about = named(QComboBox(), "About whom")
        about.addItem("The family", None)
        for adult in self.family.adults:
            about.addItem(adult.full_name, adult.id)
        add_row(form.form, "About &whom:", about)
        consent = named(QComboBox(), "Consent sought")
        for value, label in (
            ("not_sought", "Not sought"),
            ("obtained", "Obtained"),
            ("refused", "Refused"),
        ):
            consent.addItem(label, value)
        add_row(form.form, "&Consent:", consent)
        form.run = lambda: disclosure.record_request(
            self.session,
            requester_name=who.text(),
            requester_agency=agency.text(),
            asked_for=asked.toPlainText(),
            family_id=self.family_id,
            about_person_id=about.currentData(),
            consent_sought=consent.currentData(),
        )
        self._finish(form)

    def assessment(self) -> None:
        form = self._form(
            "Book an assessment on the premises",
            "Check and record",
            "Only with an agreement in force for that agency (clause v).",
        )
        agency = named(QLineEdit(), "Agency")
        add_row(form.form, "&Agency:", agency)
        form.run = lambda: disclosure.book_assessment(self.session, self.family_id, agency.text())
        if self._finish(form):
            messages.inform(
                self, "Assessment", "Allowed by the agreement, and logged. Book the room as usual."
            )

    # -- the records the policy rests on --------------------------------------------------

    def _consent_fields(
        self, form: CallbackForm
    ) -> tuple[QComboBox, QLineEdit, QComboBox, QCheckBox, QCheckBox]:
        adult = adult_combo(self.family)
        add_row(form.form, "&Given by:", adult)
        recipient = named(QLineEdit(), "Recipient")
        add_row(form.form, "&To:", recipient)
        kind = kind_combo(list(RecipientKind))
        add_row(form.form, "&Kind:", kind)
        address = named(QCheckBox("Address"), "Covers the address")
        telephone = named(QCheckBox("Telephone"), "Covers the telephone")
        address.setChecked(True)
        row = QHBoxLayout()
        row.addWidget(address)
        row.addWidget(telephone)
        holder = QWidget()
        holder.setLayout(row)
        add_row(form.form, "Covers:", holder)
        return adult, recipient, kind, address, telephone

    @staticmethod
    def _last_day_fields(form: CallbackForm, today: date) -> tuple[QCheckBox, QDateEdit]:
        """The end date, as the last day the consent holds (D105)."""
        ends = named(QCheckBox("Holds up to and including"), "Has a last day")
        ends_on = date_edit("Last day it holds", add_years(today, 1))
        row = QHBoxLayout()
        row.addWidget(ends)
        row.addWidget(ends_on)
        holder = QWidget()
        holder.setLayout(row)
        add_row(form.form, "Last day:", holder)
        return ends, ends_on

    @staticmethod
    def _items(address: QCheckBox, telephone: QCheckBox) -> frozenset[str]:
        return frozenset(
            name
            for name, box in (("address", address), ("telephone", telephone))
            if box.isChecked()
        )

    def record_consent(self) -> None:
        form = self._form(
            "Record a written consent",
            "Record",
            "One adult's signed consent, naming one recipient and what it "
            "covers. One parent's consent never covers the other parent.",
        )
        adult, recipient, kind, address, telephone = self._consent_fields(form)
        today = self.session.centre.clock().date()
        signed = date_edit("Date signed", today)
        add_row(form.form, "&Signed on:", signed)
        kept = named(QLineEdit(), "Where the signed paper is kept")
        add_row(form.form, "&Paper kept at:", kept)
        ends, ends_on = self._last_day_fields(form, today)
        form.run = lambda: disclosure.record_consent(
            self.session,
            self.family_id,
            given_by=adult.currentData(),
            recipient=recipient.text(),
            recipient_kind=kind.currentData(),
            items=self._items(address, telephone),
            signed_on=picked_date(signed),
            paper_kept_at=kept.text(),
            expires_on=picked_date(ends_on) if ends.isChecked() else None,
        )
        self._finish(form)

    def withdraw_consent(self) -> None:
        row = self.consents.currentRow()
        if row < 0:
            messages.inform(self, "Withdraw consent", "Choose a consent in the list first.")
            return
        consent = self._consent_rows[row]
        form = self._form(
            "Withdraw consent",
            "Record the withdrawal",
            f"Consent {consent.id}: {consent.given_by_name} to {consent.recipient}.",
        )
        when = date_edit("Date withdrawn", self.session.centre.clock().date())
        add_row(form.form, "&Withdrawn on:", when)
        how = named(QLineEdit(), "How it was withdrawn")
        add_row(form.form, "&How:", how)
        form.run = lambda: disclosure.withdraw_consent(
            self.session, self.family_id, consent.id, picked_date(when), how.text()
        )
        self._finish(form)

    def print_consent_form(self) -> None:
        form = self._form(
            "Consent form",
            "Make the form",
            "A form pre-filled with exactly this consent, for the adult to sign.",
        )
        adult, recipient, _kind, address, telephone = self._consent_fields(form)
        ends, ends_on = self._last_day_fields(form, self.session.centre.clock().date())
        made = {}

        def run() -> None:
            made["form"] = disclosure.consent_form(
                self.session,
                self.family_id,
                given_by=adult.currentData(),
                recipient=recipient.text(),
                items=self._items(address, telephone),
                expires_on=picked_date(ends_on) if ends.isChecked() else None,
            )

        form.run = run
        if self._finish(form) and "form" in made:
            self._save_pdf(
                "Consent form",
                f"{self.family.reference}-consent.pdf",
                consent_form_paper(made["form"], settings.letterhead(self.session)),
            )

    def record_agreement(self) -> None:
        form = self._form(
            "Record an assessment agreement",
            "Record",
            "Which agency may carry out family assessments on the premises, and when (clause v).",
        )
        agency = named(QLineEdit(), "Agency")
        add_row(form.form, "&Agency:", agency)
        this_family = named(QCheckBox(f"Only for {self.family.reference}"), "Only for this family")
        this_family.setChecked(True)
        add_row(form.form, "For:", this_family)
        today = self.session.centre.clock().date()
        valid_from = date_edit("From", today)
        valid_to = date_edit("To", add_years(today, 1))
        add_row(form.form, "F&rom:", valid_from)
        add_row(form.form, "T&o:", valid_to)
        kept = named(QLineEdit(), "Where the signed agreement is kept")
        add_row(form.form, "&Kept at:", kept)
        form.run = lambda: disclosure.record_agreement(
            self.session,
            agency=agency.text(),
            family_id=self.family_id if this_family.isChecked() else None,
            valid_from=picked_date(valid_from),
            valid_to=picked_date(valid_to),
            paper_kept_at=kept.text(),
        )
        self._finish(form)
