"""One family's record: people, referral, arrangement, reviews, attendance and bookings.

Clause iv: each adult's address and telephone are masked. A person whose roles
allow it reveals one adult at a time; the service audits it, and the details
stay in this window only until it closes. Actions the roles do not allow stay
visible, disabled, with the reason as tooltip and as status text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.dates import long_date, short_date
from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.domain.families import Family, Person
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services import families, incidents, policy_documents, register
from stmarys_desktop.services import printouts as printed
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import printouts, sizing
from stmarys_desktop.ui.dialogs.booking import BookingDialog
from stmarys_desktop.ui.dialogs.chronology import ChronologyDialog
from stmarys_desktop.ui.dialogs.disclosures import DisclosuresDialog
from stmarys_desktop.ui.dialogs.new_family import AddPersonDialog
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.models.families import AttendanceModel, PeopleModel, PersonColumn
from stmarys_desktop.ui.offers import (
    Refusals,
    cited,
    may,
    selected_row,
    show_decision,
    table,
)
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.widgets import (
    MessageLabel,
    button,
    close_buttons,
    date_edit,
    heading,
    named,
    paragraph,
    picked_date,
)

REVEAL = "Reveal address and telephone"
HIDE = "Hide address and telephone"


# -- the dialog ------------------------------------------------------------------------


class FamilyRecordDialog(Dialog):
    def __init__(self, parent: QWidget | None, session: Session, family: Family) -> None:
        super().__init__(parent)
        self.session = session
        self.family = family
        title = f"Family {family.reference}"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self.people_model = PeopleModel()
        self.attendance_model = AttendanceModel()
        # The text the arrangement editor was loaded with, and the version it belongs to.
        self._loaded_arrangement = family.arrangement
        self._arrangement_version = family.version

        layout = QVBoxLayout(self)
        self.title = heading(family.reference, 1.3)
        self.title.setAccessibleName("Family reference")
        self.summary = paragraph("", "Family summary")
        top = QHBoxLayout()
        words = QVBoxLayout()
        words.addWidget(self.title)
        words.addWidget(self.summary)
        # Clause 4: an open exception is said in words on the record itself.
        self.exceptions = paragraph("", "Open exceptions")
        bold = self.exceptions.font()
        bold.setBold(True)
        self.exceptions.setFont(bold)
        words.addWidget(self.exceptions)
        top.addLayout(words, 1)
        self.book_button = button("&Book a session…", "Book a session")
        self.review_button = button("Record re&view", "Record review")
        self.disclosures_button = button(
            "D&isclosures…",
            "Disclosures",
            "Letters, consents and anything else that may leave "
            "the centre, each as the policy allows",
        )
        self.chronology_button = button("C&hronology…", "Chronology")
        self.book_button.clicked.connect(self.book_session)
        self.review_button.clicked.connect(self.record_review)
        self.disclosures_button.clicked.connect(self.open_disclosures)
        self.chronology_button.clicked.connect(self.open_chronology)
        for widget in (
            self.book_button,
            self.review_button,
            self.disclosures_button,
            self.chronology_button,
        ):
            top.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        self.tabs = named(QTabWidget(), "Parts of the family record")
        self.tabs.addTab(self._people_tab(), "&People")
        self.tabs.addTab(self._referral_tab(), "Re&ferral")
        self.tabs.addTab(self._arrangement_tab(), "Contact &arrangement")
        self.tabs.addTab(self._attendance_tab(), "A&ttendance")
        layout.addWidget(self.tabs, 1)

        self.refusals = Refusals()
        layout.addWidget(self.refusals)
        self.message = MessageLabel()
        layout.addWidget(self.message)
        # Clause i: an internal printout, marked on every page and logged by the service.
        self.printout = printouts.PrintoutButtons(
            "family record",
            lambda deliver: printed.family_record(self.session, self.family.id, deliver),
            file_name=lambda: f"family-record-{self.family.reference}.pdf",
            parent=self,
            message=self.message,
            description="The family record without addresses or telephones",
            print_label=("P&rint record…", "Print record"),
            save_label=("Save r&ecord as PDF…", "Save record as PDF"),
        )
        self.print_record_button = self.printout.print_button
        self.save_record_button = self.printout.save_button
        bottom = QHBoxLayout()
        bottom.addWidget(self.print_record_button)
        bottom.addWidget(self.save_record_button)
        bottom.addStretch(1)
        bottom.addWidget(close_buttons(self))
        layout.addLayout(bottom)

        self._show_family(family)
        self.load_attendance()
        self._offer()
        self.people.setFocus()

    # -- building ----------------------------------------------------------------------

    def _people_tab(self) -> QWidget:
        page = QWidget()
        self.people, self.people_proxy = table(
            self.people_model, "People in the family", sortable=False, stretch=(PersonColumn.NEEDS,)
        )
        self.people.selectionModel().selectionChanged.connect(self._person_chosen)
        self.reveal_button = button(REVEAL)
        self.reveal_button.clicked.connect(self.toggle_reveal)
        self.add_person_button = button("A&dd person…", "Add person")
        self.add_person_button.clicked.connect(self.add_person)
        self.revealed_note = paragraph("", "Revealed contact details")
        self.revealed_note.hide()
        row = QHBoxLayout()
        row.addWidget(self.reveal_button)
        row.addWidget(self.add_person_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(
            paragraph(
                cited(
                    self.session,
                    "Addresses and telephone numbers are "
                    "hidden. Choose an adult to reveal their own "
                    "details; each reveal is recorded (clause iv).",
                ),
                "About contact details",
            )
        )
        layout.addWidget(self.people, 1)
        layout.addLayout(row)
        layout.addWidget(self.revealed_note)
        return page

    def _referral_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        # The wrapped values take the whole width, so "Westhaven Legal Centre" shows whole.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.referral_fields: dict[str, QLabel] = {}
        for key, label in (
            ("kind", "Kind of referrer"),
            ("agency", "Referring agency"),
            ("referrer", "Referrer"),
            ("contact", "Referrer's contact"),
            ("date", "Referred on"),
            ("court", "Court order on file"),
            ("named", "Named on the referral"),
        ):
            field = paragraph("", label)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.referral_fields[key] = field
            form.addRow(f"{label}:", field)
        return page

    def _arrangement_tab(self) -> QWidget:
        page = QWidget()
        self.arrangement = named(QPlainTextEdit(self._loaded_arrangement), "Contact arrangement")
        self.arrangement.setTabChangesFocus(True)
        self.save_arrangement_button = button("&Save arrangement", "Save arrangement")
        self.save_arrangement_button.clicked.connect(self.save_arrangement)
        label = QLabel("The agreed contact arrangement:")
        label.setBuddy(self.arrangement)
        row = QHBoxLayout()
        row.addWidget(self.save_arrangement_button)
        row.addStretch(1)
        # The arrangement's last day: the planner refuses sessions after it (D146).
        ends = self.family.arrangement_ends_on
        self.ends = named(QCheckBox("The arrangement e&nds on:"), "The arrangement ends")
        self.ends_on = date_edit(
            "Last day of the arrangement", ends or families.today(self.session)
        )
        self.ends.setChecked(ends is not None)
        self.ends_on.setEnabled(ends is not None)
        self.ends.toggled.connect(self.ends_on.setEnabled)
        self.save_end_button = button("Save the end &date", "Save the end date")
        self.save_end_button.clicked.connect(self.save_arrangement_end)
        end_row = QHBoxLayout()
        end_row.addWidget(self.ends)
        end_row.addWidget(self.ends_on)
        end_row.addWidget(self.save_end_button)
        end_row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(label)
        layout.addWidget(self.arrangement, 1)
        layout.addLayout(row)
        layout.addLayout(end_row)
        return page

    def _attendance_tab(self) -> QWidget:
        page = QWidget()
        self.attendance, _ = table(self.attendance_model, "Attendance history")
        layout = QVBoxLayout(page)
        layout.addWidget(
            paragraph(
                "Every session of this family, newest first: booked, "
                "attended, did not attend or cancelled.",
                "About the attendance history",
            )
        )
        layout.addWidget(self.attendance, 1)
        return page

    # -- filling -----------------------------------------------------------------------

    def _show_family(self, family: Family) -> None:
        revealed = self.people_model.revealed
        chosen = self.selected_person()
        self.family = family
        on = families.today(self.session)
        review = (
            f"Next review due {short_date(family.next_review_on)}"
            if family.next_review_on
            else "No review is due"
        )
        if family.next_review_on and family.next_review_on < on:
            review += " (overdue)"
        last = short_date(family.last_reviewed_on, "not yet")
        self.summary.setText(
            f"{family.status.capitalize()} · {len(family.children)} "
            f"child{'ren' if len(family.children) != 1 else ''}, "
            f"{len(family.adults)} adult{'s' if len(family.adults) != 1 else ''}"
            f" · Last review: {last} · {review}."
        )
        self.summary.setAccessibleDescription(self.summary.text())
        named_ids = family.referral.named_person_ids if family.referral else frozenset()
        self.people_model.set_people(family.people, frozenset(named_ids))
        if revealed is not None and family.person(revealed.person_id) is not None:
            self.people_model.reveal(revealed)
        if chosen is not None:
            self.select_person(chosen.id)
        self._take_arrangement(family)
        self._show_referral(family)
        self._show_exceptions(family)

    def _show_exceptions(self, family: Family) -> None:
        open_ones = incidents.family_exceptions(self.session, family.id, open_only=True)
        labels = policy_documents.clause_labels(self.session)
        text = " ".join(
            f"{e.label} ({labels[e.kind.clause]}): the family's details may go to "
            "Children's Services or the police."
            for e in open_ones
        )
        self.exceptions.setText(text)
        self.exceptions.setAccessibleDescription(text)
        self.exceptions.setVisible(bool(open_ones))

    def _take_arrangement(self, family: Family) -> None:
        """Follow the saved arrangement without losing what is being typed (D21).

        A review or a new person moves the family's version on; if nobody changed the
        arrangement, the editor moves on with it. If someone else did and nothing is
        being typed, their text is shown; if something is being typed, the old version
        stays, so saving it is refused rather than overwriting their change."""
        typed = self.arrangement.toPlainText()
        if family.arrangement == self._loaded_arrangement:
            self._arrangement_version = family.version
        elif typed == self._loaded_arrangement:
            self.arrangement.setPlainText(family.arrangement)
            self._loaded_arrangement = family.arrangement
            self._arrangement_version = family.version

    def _show_referral(self, family: Family) -> None:
        ref = family.referral
        fields = self.referral_fields
        if ref is None:
            for field in fields.values():
                field.setText("")
            fields["kind"].setText("No referral is recorded.")
            return
        fields["kind"].setText(ref.agency_kind.label)
        fields["agency"].setText(ref.agency_name)
        fields["referrer"].setText(ref.referrer_name)
        fields["contact"].setText(ref.referrer_contact or "None given")
        fields["date"].setText(short_date(ref.referred_on))
        fields["court"].setText("Yes" if ref.court_order_on_file else "No")
        names = [
            f"{p.full_name} ({p.kind.label.lower()})"
            for p in family.people
            if p.id in ref.named_person_ids
        ]
        fields["named"].setText("\n".join(names) or "Nobody")
        for field in fields.values():
            field.setAccessibleDescription(field.text())

    def load_attendance(self) -> None:
        try:
            self.attendance_model.set_rows(
                register.attendance_history(self.session, self.family.id)
            )
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))

    def _offer(self) -> None:
        session = self.session
        change = may(session, Permission.EDIT_FAMILIES, "change a family")
        reasons = [
            show_decision(
                self.book_button, may(session, Permission.BOOK_SESSIONS, "book sessions")
            ),
            show_decision(
                self.review_button,
                may(session, Permission.EDIT_FAMILIES, "record a family review"),
            ),
            show_decision(self.add_person_button, change),
            show_decision(self.save_arrangement_button, change),
            show_decision(self.save_end_button, change),
        ]
        self.arrangement.setReadOnly(not change.allowed)
        reasons.append(self._offer_reveal())
        self.refusals.set_reasons(reasons)

    def _offer_reveal(self) -> str | None:
        person = self.selected_person()
        revealed = self.people_model.revealed
        showing = person is not None and revealed is not None and revealed.person_id == person.id
        self.reveal_button.setText(HIDE if showing else REVEAL)
        self.reveal_button.setAccessibleName(HIDE if showing else REVEAL)
        offered = families.reveal_offers(self.session, person)
        show_decision(self.reveal_button, offered.reveal)
        return offered.standing.sentence or None

    # -- people ------------------------------------------------------------------------

    def selected_person(self) -> Person | None:
        return selected_row(self.people) if hasattr(self, "people") else None

    def select_person(self, person_id: int) -> None:
        row = self.people_model.row_of(person_id)
        if row >= 0:
            self.people.selectRow(
                self.people_proxy.mapFromSource(self.people_model.index(row, 0)).row()
            )

    def _person_chosen(self, *_: object) -> None:
        self.refusals.set_reasons(
            [self._offer_reveal()]
            + [
                self._reason_of(b)
                for b in (
                    self.book_button,
                    self.review_button,
                    self.add_person_button,
                    self.save_arrangement_button,
                )
            ]
        )

    @staticmethod
    def _reason_of(widget: QWidget) -> str | None:
        return None if widget.isEnabled() else widget.toolTip()

    def toggle_reveal(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        self.message.clear_message()
        revealed = self.people_model.revealed
        if revealed is not None and revealed.person_id == person.id:
            self.hide_revealed()
        else:
            try:
                details = families.reveal_contact_details(self.session, person.id)
            except StMarysError as exc:
                self.message.show_error(plain_text(exc))
                return
            # One adult at a time: whoever was shown before is masked again.
            self.people_model.reveal(details)
            self.revealed_note.setText(
                f"Showing the address and telephone of {details.full_name} only. This was "
                "recorded in the audit log; they are hidden again when this window closes."
            )
            self.revealed_note.show()
            # The address and telephone in full, not scrolled out of sight (issue 18).
            sizing.grow_to_content(self)
        self._person_chosen()

    def hide_revealed(self) -> None:
        self.people_model.reveal(None)
        self.revealed_note.clear()
        self.revealed_note.hide()

    def add_person(self) -> None:
        dialog = AddPersonDialog(self, self.session, self.family)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.family is not None:
            self._show_family(dialog.family)
            self.message.show_note(f"Added {dialog.added_name} to {self.family.reference}.")

    # -- arrangement, review, booking ---------------------------------------------------

    def save_arrangement(self) -> None:
        self.message.clear_message()
        try:
            changed = families.change_arrangement(
                self.session,
                self.family.id,
                self._arrangement_version,
                self.arrangement.toPlainText(),
            )
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            return
        self._loaded_arrangement = changed.arrangement
        self.arrangement.setPlainText(changed.arrangement)
        self._show_family(changed)
        self.message.show_note("The contact arrangement was saved.")

    def save_arrangement_end(self) -> None:
        self.message.clear_message()
        ends = picked_date(self.ends_on) if self.ends.isChecked() else None
        try:
            changed = families.set_arrangement_end(
                self.session, self.family.id, self.family.version, ends
            )
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            return
        self._show_family(changed)
        self.message.show_note(
            f"The arrangement now ends on {long_date(ends)}."
            if ends
            else "The arrangement now has no end date."
        )

    def record_review(self) -> None:
        self.message.clear_message()
        try:
            reviewed = families.record_review(self.session, self.family.id, self.family.version)
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            return
        self._show_family(reviewed)
        self.message.show_note(
            f"The review was recorded; the next is due {long_date(reviewed.next_review_on)}."
        )

    def book_session(self) -> None:
        self.message.clear_message()
        dialog = BookingDialog(self, self.session, self.family)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.booked is not None:
            self.load_attendance()
            self.tabs.setCurrentIndex(3)
            self.message.show_note(f"Booked: {dialog.booked}.")

    def open_disclosures(self) -> None:
        DisclosuresDialog(self, self.session, self.family.id).exec()
        self.load_attendance()

    def open_chronology(self) -> None:
        ChronologyDialog(
            self,
            self.session,
            self.family.id,
            self.family.reference,
            incidents.chronology(self.session, self.family.id),
        ).exec()

    # -- closing -----------------------------------------------------------------------

    def done(self, result: int) -> None:
        self.hide_revealed()  # revealed details live only while the window is open
        super().done(result)
