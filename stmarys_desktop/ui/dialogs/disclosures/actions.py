"""What may go out about a family: one always-visible button per action, enabled only
when the policy allows it, with the clause and what is missing beside it; pressing one asks
the service, which decides again, logs the attempt and produces the output."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.disclosures import Agreement, Consent
from stmarys_desktop.domain.families import ContactDetails, Family
from stmarys_desktop.policy.disclosure import Action, Decision, Recipient, RecipientKind, Request
from stmarys_desktop.printing.letters import attendance_letter_paper
from stmarys_desktop.services import authorities, disclosure, incidents, settings
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.dialogs.disclosures.common import FamilyForms, adult_combo, kind_combo
from stmarys_desktop.ui.dialogs.disclosures.requests import RequestsRow
from stmarys_desktop.ui.widgets import add_row, button, named, paragraph

# Contact details go by consent to a person or an agency; under an exception they go to an
# authority on the centre's list through the share, never by picking a kind here (D101).
CONSENT_ROUTE_KINDS = [RecipientKind.AGENCY, RecipientKind.PERSON]


def details_lines(opening: str, details: ContactDetails) -> str:
    lines = [f"{opening} {details.full_name}:"]
    if details.address:
        lines.append(f"Address: {details.address}")
    if details.telephone:
        lines.append(f"Telephone: {details.telephone}")
    return "\n".join(lines)


class ActionsBox(QGroupBox):
    def __init__(self, forms: FamilyForms, requests: RequestsRow) -> None:
        super().__init__("What may go out")
        self.forms = forms
        self.requests = requests
        self.setAccessibleName("What may go out")
        # Rows of (button, reason), not a grid: a box layout gives a wrapped reason the
        # height it needs, where a grid in a group box cut a long one off.
        rows = QVBoxLayout(self)
        self.buttons: dict[Action, QPushButton] = {}
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
            self.buttons[action] = widget
            self.reasons[action] = reason
        rows.addWidget(requests)
        # The buttons as one column, as wide as the widest.
        widest = max(b.sizeHint().width() for b in self.buttons.values())
        for widget in self.buttons.values():
            widget.setFixedWidth(widest)

    # -- showing the policy's decisions -------------------------------------------------

    def refresh(self, family: Family, consents: list[Consent], agreements: list[Agreement]) -> None:
        session, family_id = self.forms.session, self.forms.family_id
        referrer = family.referral.agency_name if family.referral else "(none)"
        single = {
            Action.ATTENDANCE_LETTER: Request(
                Action.ATTENDANCE_LETTER, Recipient(referrer, RecipientKind.AGENCY)
            ),
            Action.PROCEEDINGS_REPORT: Request(
                Action.PROCEEDINGS_REPORT, Recipient("anyone", RecipientKind.AGENCY)
            ),
        }
        # Allowed when some adult's consent in force allows it: one question per consent
        # on file (under an exception, details go through the share).
        contact = [
            Request(
                Action.CONTACT_DETAILS,
                Recipient(c.recipient, RecipientKind(c.recipient_kind)),
                c.given_by,
                frozenset({"address"}),
            )
            for c in consents
        ]
        assessment = [
            Request(Action.ASSESSMENT_ON_PREMISES, Recipient(a.agency, RecipientKind.AGENCY))
            for a in agreements
        ]
        # Every button's question on one reading of the family's records.
        answers = iter(
            disclosure.decisions_for(session, family_id, [*single.values(), *contact, *assessment])
        )
        for action in single:
            self.show(action, next(answers))
        self.show(Action.SHARE_WITH_AUTHORITIES, disclosure.share_decision(session, family_id))
        self.show(
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
        self.show(
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

    def show(self, action: Action, decision: Decision) -> None:
        widget = self.buttons[action]
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

    @staticmethod
    def _first_allowed(decisions: list[Decision], none_asked: Decision) -> Decision:
        """The first decision that allows the action, else the first refusal (its reason
        is the one to show), else what to say when there was nothing to ask."""
        return next((d for d in decisions if d.allowed), decisions[0] if decisions else none_asked)

    # -- running an action ----------------------------------------------------------------

    def attendance_letter(self) -> None:
        forms = self.forms
        form = forms.form(
            "Attendance letter for the referrer",
            "Make the letter",
            "Dates, times and attended / did not attend / cancelled only (clause iii).",
        )
        referrer = forms.family.referral.agency_name if forms.family.referral else ""
        recipient = add_row(form.form, "&To:", named(QLineEdit(referrer), "Recipient")).buddy()

        def run() -> None:
            assert isinstance(recipient, QLineEdit)
            disclosure.attendance_letter(
                forms.session,
                forms.family_id,
                recipient.text(),
                deliver=lambda letter: forms.save_pdf(
                    "Attendance letter",
                    f"{forms.family.reference}-attendance.pdf",
                    attendance_letter_paper(letter, *settings.letter_sender(forms.session)),
                ),
            )

        form.run = run
        forms.finish(form)

    def contact_details(self) -> None:
        forms = self.forms
        form = forms.form(
            "Disclose contact details",
            "Disclose",
            "Only with the adult's written consent naming this recipient. Under "
            "an open exception, use \"Share with Children's Services / "
            'police" instead.',
        )
        adult = adult_combo(forms.family)
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
                forms.session,
                forms.family_id,
                adult.currentData(),
                recipient.text(),
                kind.currentData(),
                chosen,
            )

        form.run = run
        if forms.finish(form) and "details" in shown:
            messages.inform(
                forms.dialog,
                "Contact details",
                details_lines("Allowed and logged.", shown["details"]),
            )

    def share(self) -> None:
        forms = self.forms
        exceptions = incidents.family_exceptions(forms.session, forms.family_id, open_only=True)
        intro = ("Under " + "; ".join(e.label for e in exceptions) + ". " if exceptions else "") + (
            "Only to an authority on the centre's list; the manager keeps "
            "the list (Admin, Authorities)."
        )
        form = forms.form("Share with Children's Services / police", "Record and share", intro)
        authority = named(QComboBox(), "Authority")
        for listed in authorities.authorities(forms.session):
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
        for adult in forms.family.adults:
            about.addItem(adult.full_name, adult.id)
        add_row(form.form, "Whose &contact details:", about)
        what = named(QPlainTextEdit(), "What was shared")
        add_row(form.form, "&What was shared:", what)
        reference = named(QLineEdit(), "Their reference")
        add_row(form.form, "Their &reference:", reference)
        shared = {}

        def run() -> None:
            shared["it"] = disclosure.share_with_authorities(
                forms.session,
                forms.family_id,
                authority.currentData() or 0,
                [item for item, box in boxes.items() if box.isChecked()],
                what.toPlainText(),
                reference.text(),
                about_person=about.currentData(),
            )

        form.run = run
        if forms.finish(form) and "it" in shared and shared["it"].contact_details:
            messages.inform(
                forms.dialog,
                "Contact details",
                details_lines("Shared and logged.", shared["it"].contact_details),
            )

    def proceedings_report(self) -> None:
        # Never enabled: clause ii. Kept as a method so the button can be wired like the rest.
        self.requests.record_report_request()

    def assessment(self) -> None:
        forms = self.forms
        form = forms.form(
            "Book an assessment on the premises",
            "Check and record",
            "Only with an agreement in force for that agency (clause v).",
        )
        agency = named(QLineEdit(), "Agency")
        add_row(form.form, "&Agency:", agency)
        form.run = lambda: disclosure.book_assessment(forms.session, forms.family_id, agency.text())
        if forms.finish(form):
            messages.inform(
                forms.dialog,
                "Assessment",
                "Allowed by the agreement, and logged. Book the room as usual.",
            )
