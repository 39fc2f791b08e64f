"""Requests that arrive about a family: a request for a report for proceedings (refused
under clause ii, answered with a reply that cites the policy) and a request for
information, written down as it arrives whatever the answer."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget

from stmarys_desktop.domain.decisions import Decision
from stmarys_desktop.domain.disclosures import ConsentSought, InfoRequest
from stmarys_desktop.printing.letters import proceedings_reply_paper
from stmarys_desktop.services import disclosure, settings
from stmarys_desktop.ui.dialogs.disclosures.common import FamilyForms
from stmarys_desktop.ui.dialogs.request_log import answer_combo
from stmarys_desktop.ui.offers import cited, show_decision
from stmarys_desktop.ui.widgets import add_row, button, date_edit, named, picked_date

INFO_TIP = "Write down who asked for what, as it arrives, whether or not anything goes out."


class RequestsRow(QWidget):
    def __init__(self, forms: FamilyForms) -> None:
        super().__init__()
        self.forms = forms
        self.report_tip = cited(
            forms.session,
            "Log the request (it is refused under clause ii) and "
            "print a reply that cites the policy.",
        )
        self.report_request = button(
            "Record a request for a report…", "Record a request for a report", self.report_tip
        )
        self.report_request.clicked.connect(lambda: self.record_report_request())
        self.info_request = button(
            "Record a request for information…", "Record a request for information", INFO_TIP
        )
        self.info_request.clicked.connect(self.record_info_request)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.report_request)
        row.addWidget(self.info_request)
        row.addStretch(1)

    def refresh(self, may: Decision) -> None:
        show_decision(self.report_request, may, tip=self.report_tip)
        show_decision(self.info_request, may, tip=INFO_TIP)

    def record_report_request(self, answering: InfoRequest | None = None) -> None:
        """`answering`: the request in the log this reply answers; without one, the
        request for a report is recorded in the log as it is logged as refused (D317)."""
        forms = self.forms
        form = forms.form(
            "A request for a report",
            "Log the request and write the reply",
            "Staff make no report in any family proceedings (clause ii). The "
            "request is logged as refused and a reply citing the policy is "
            "prepared.",
        )
        requester = named(QLineEdit(), "Who asked")
        add_row(form.form, "&Who asked:", requester)
        # As the request for information asks it: the person, and the agency apart.
        agency = named(QLineEdit(), "Their agency")
        add_row(form.form, "Their &agency:", agency)
        if answering is not None:
            requester.setText(answering.requester_name)
            agency.setText(answering.requester_agency)
        answered = answer_combo(
            forms.session, forms.family_id, answering, "A new request: record it in the log"
        )
        add_row(form.form, "In answer t&o:", answered)
        # Printed as "Your reference" on the reply, when they gave one.
        their_reference = named(QLineEdit(), "Their reference (optional)")
        their_reference.setMaxLength(100)
        add_row(form.form, "&Their reference:", their_reference)
        form.run = lambda: disclosure.request_proceedings_report(
            forms.session,
            forms.family_id,
            requester.text(),
            agency=agency.text(),
            info_request_id=answered.currentData(),
            deliver=lambda reply: forms.save_pdf(
                "Reply to a request for a report",
                f"{forms.family.reference}-reply.pdf",
                proceedings_reply_paper(
                    reply,
                    *settings.letter_sender(forms.session),
                    your_reference=their_reference.text(),
                ),
            ),
        )
        forms.finish(form)

    def record_info_request(self) -> None:
        forms = self.forms
        form = forms.form(
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
        for adult in forms.family.adults:
            about.addItem(adult.full_name, adult.id)
        add_row(form.form, "About w&hom:", about)
        consent = named(QComboBox(), "Consent sought")
        for sought in ConsentSought:
            consent.addItem(sought.label, sought)
        add_row(form.form, "&Consent:", consent)
        received = date_edit("Received on", forms.session.centre.clock().date())
        add_row(form.form, "&Received on:", received)
        form.run = lambda: disclosure.record_request(
            forms.session,
            requester_name=who.text(),
            requester_agency=agency.text(),
            asked_for=asked.toPlainText(),
            family_id=forms.family_id,
            about_person_id=about.currentData(),
            consent_sought=consent.currentData(),
            received_on=picked_date(received),
        )
        forms.finish(form)
