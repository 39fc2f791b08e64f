"""A person's record and vetting (clause vi): the record itself, and one small dialog per
part of it (DBS check, decision, status check, identity, references, training, the
check a role needs, a login).

Every rule is the service's: a dialog hands over what was typed and shows the
service's refusal in its own words; Activate and Give a login are disabled with
the reason the service gives. Opening the record is a logged view.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.dates import long_date, short_date
from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.domain.roles import Permission, Role
from stmarys_desktop.domain.staff import (
    CentreRole,
    DbsCheck,
    DbsCheckDraft,
    DbsLevel,
    DbsOutcome,
    Decision,
    IdentityDraft,
    NewStaff,
    ReferenceDraft,
    Requirement,
    StaffMember,
    StaffStatus,
    VettingRecord,
)
from stmarys_desktop.policy.vetting import next_check_due, training_renewal, work_summary
from stmarys_desktop.services import accounts, staff
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.dialogs.accounts import AddAccountDialog
from stmarys_desktop.ui.dialogs.form import FormDialog
from stmarys_desktop.ui.offers import cited, show_decision
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.tables import ListTableWidget
from stmarys_desktop.ui.text_box import TextBox
from stmarys_desktop.ui.widgets import (
    MessageLabel,
    add_row,
    button,
    close_buttons,
    date_edit,
    heading,
    line_edit,
    named,
    paragraph,
    picked_date,
)

HIDDEN = "Hidden; type here to replace, or press Show contact details"
NOTES_WARNING = (
    "Notes are cleared six months after the recruitment decision. Never write "
    "conviction details here; they are not kept."
)
IDENTITY_DOCUMENTS = [
    "Passport",
    "Driving licence",
    "Birth certificate",
    "Utility bill or bank statement",
    "Biometric residence permit",
]


# -- small parts ----------------------------------------------------------------------------


def long_day(day: date | None, empty: str = "not recorded") -> str:
    return long_date(day, empty)


def notes_edit(name: str) -> TextBox:
    """Tab moves on, so the form stays keyboard reachable; as tall as the notes, to five
    lines."""
    edit = TextBox(name, most=5)
    named(edit, name, NOTES_WARNING)
    return edit


class OptionalDate(QWidget):
    """A date that may be left out: a tick box and the date."""

    def __init__(self, text: str, name: str, day: date) -> None:
        super().__init__()
        self.given = named(QCheckBox(text), name)
        self.day = date_edit(f"{name}: date", day)
        self.day.setEnabled(False)
        self.given.toggled.connect(self.day.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.given)
        layout.addWidget(self.day, 1)

    def value(self) -> date | None:
        return picked_date(self.day) if self.given.isChecked() else None

    def set_value(self, day: date | None) -> None:
        self.given.setChecked(day is not None)
        if day is not None:
            self.day.setDate(day)


def choice(name: str, options: list[tuple[str, object]]) -> QComboBox:
    box = named(QComboBox(), name)
    for text, value in options:
        box.addItem(text, value)
    return box


# -- the person --------------------------------------------------------------------------------


class StaffDialog(FormDialog):
    """Add a person (an applicant), or change one. Contact details stay hidden until a
    manager presses Show contact details, which is audited."""

    def __init__(
        self, parent: QWidget | None, session: Session, member: StaffMember | None = None
    ) -> None:
        editing = member is not None
        super().__init__(
            parent,
            f"Change {member.full_name}" if member else "Add a member of staff",
            "Save" if editing else "Add person",
            cited(
                session,
                "A new person starts as an applicant. They can be made active, put "
                "on sessions or given a login only once their vetting is complete "
                "(clause vi).",
            ),
        )
        self._session = session
        self._member = member
        self.saved: StaffMember | None = None
        self._revealed = False
        today = staff.today(session)
        self.full_name = line_edit("Full name")
        self.role = choice("Role at the centre", [(r.label, r) for r in CentreRole])
        self.start = OptionalDate("Starts on", "Start date", today)
        add_row(self.form, "Full &name:", self.full_name)
        add_row(self.form, "&Role at the centre:", self.role)
        add_row(self.form, "&Start date:", self.start)
        self.end: OptionalDate | None = None
        if member is not None:
            self.end = OptionalDate("Ended on", "End date", today)
            add_row(self.form, "&End date:", self.end)
        self.address = line_edit("Address")
        self.telephone = line_edit("Telephone")
        self.emergency = line_edit(
            "Emergency contact", placeholder="Name and telephone of someone to call"
        )
        add_row(self.form, "&Address:", self.address)
        add_row(self.form, "&Telephone:", self.telephone)
        add_row(self.form, "E&mergency contact:", self.emergency)
        if member is not None:
            self.full_name.setText(member.full_name)
            self.role.setCurrentIndex(list(CentreRole).index(member.centre_role))
            self.start.set_value(member.start_on)
            assert self.end is not None
            self.end.set_value(member.end_on)
            for edit, has in (
                (self.address, member.has_address),
                (self.telephone, member.has_telephone),
                (self.emergency, member.has_emergency_contact),
            ):
                edit.setPlaceholderText(HIDDEN if has else "Not given")
            self.show_contact = button(
                "Show &contact details",
                "Show contact details",
                "Shows this person's contact details; the audit log records that you looked",
            )
            self.show_contact.clicked.connect(self.reveal)
            self.form.addRow("", self.show_contact)

    def reveal(self) -> None:
        assert self._member is not None
        try:
            details = staff.reveal_contact(self._session, self._member.id)
        except StMarysError as exc:
            self.message.show_error(messages.plain_text(exc))
            return
        self.address.setText(details.address)
        self.telephone.setText(details.telephone)
        self.emergency.setText(details.emergency_contact)
        self._revealed = True
        self.show_contact.setEnabled(False)

    def _kept_or_typed(self, edit) -> str | None:
        # A hidden detail left blank stays as it is.
        return edit.text() if (self._revealed or edit.text().strip()) else None

    def submit(self) -> None:
        role = self.role.currentData()
        if self._member is None:
            self.saved = staff.add_staff(
                self._session,
                NewStaff(
                    full_name=self.full_name.text(),
                    centre_role=role,
                    start_on=self.start.value(),
                    address=self.address.text(),
                    telephone=self.telephone.text(),
                    emergency_contact=self.emergency.text(),
                ),
            )
            return
        assert self.end is not None
        self.saved = staff.change_staff(
            self._session,
            self._member.id,
            self._member.version,
            full_name=self.full_name.text(),
            centre_role=role,
            start_on=self.start.value(),
            end_on=self.end.value(),
            address=self._kept_or_typed(self.address),
            telephone=self._kept_or_typed(self.telephone),
            emergency_contact=self._kept_or_typed(self.emergency),
        )


class LeftDialog(FormDialog):
    def __init__(self, parent: QWidget | None, session: Session, member: StaffMember) -> None:
        super().__init__(
            parent,
            f"{member.full_name} has left",
            "Record leaving",
            cited(
                session,
                "They will be taken off every future session. Their "
                "record is kept until the retention review (clause viii).",
            ),
        )
        self._session, self._member = session, member
        self.left_on = date_edit("Date they left", staff.today(session))
        add_row(self.form, "&Left on:", self.left_on)

    def submit(self) -> None:
        staff.set_status(
            self._session,
            self._member.id,
            self._member.version,
            StaffStatus.LEFT,
            picked_date(self.left_on),
        )


class StaffLoginDialog(AddAccountDialog):
    """A login that belongs to a member of staff: refused until they are cleared."""

    def __init__(self, parent: QWidget | None, session: Session, member: StaffMember) -> None:
        super().__init__(parent, session)
        self.setWindowTitle(f"A login for {member.full_name}")
        self.setAccessibleName(self.windowTitle())
        self.full_name.setText(member.full_name)
        self._staff_id = member.id
        if member.centre_role is CentreRole.COORDINATOR:
            self.roles.boxes[Role.COORDINATOR].setChecked(True)
        elif member.centre_role is CentreRole.MANAGER:
            self.roles.boxes[Role.MANAGER].setChecked(True)
        elif member.centre_role is CentreRole.SAFEGUARDING_LEAD:
            self.roles.boxes[Role.SAFEGUARDING_LEAD].setChecked(True)
        else:
            self.roles.boxes[Role.FRONT_DESK].setChecked(True)

    def submit(self) -> None:
        password = self.passwords.checked()
        self.created = accounts.create_account(
            self._session,
            user_name=self.user_name.text(),
            display_name=self.full_name.text(),
            roles=self.roles.chosen(),
            password=password,
            staff_id=self._staff_id,
        )


# -- the parts of vetting --------------------------------------------------------------------


class DbsCheckDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        session: Session,
        member: StaffMember,
        requirement: Requirement,
    ) -> None:
        super().__init__(
            parent,
            f"DBS check for {member.full_name}",
            "Record check",
            f"The role needs: {requirement.label}. Record what the certificate shows; no "
            "copy of it and no conviction details are kept.",
        )
        self._session, self._member = session, member
        today = staff.today(session)
        self.number = line_edit("Certificate number", placeholder="12 digits")
        self.level = choice(
            "Level of the check", [(lv.label, lv) for lv in reversed(list(DbsLevel))]
        )
        self.level.setCurrentIndex(
            0
            if requirement.level is DbsLevel.ENHANCED
            else list(reversed(list(DbsLevel))).index(requirement.level)
        )
        self.barred_list = named(
            QCheckBox("Includes the children's ba&rred list"), "Includes the children's barred list"
        )
        self.barred_list.setChecked(requirement.barred_list)
        self.issued = date_edit("Issue date", today)
        self.seen = date_edit("Date seen", today)
        self.seen_by = line_edit("Seen by")
        self.seen_by.setText(session.account.display_name)
        self.outcome = choice("Outcome", [(o.label, o) for o in DbsOutcome])
        self.update_service = named(QCheckBox("On the &Update Service"), "On the Update Service")
        self.status_check = OptionalDate("Status checked online", "Last status check", today)
        self.notes = notes_edit("Notes")
        add_row(self.form, "Certificate &number:", self.number)
        add_row(self.form, "&Level:", self.level)
        self.form.addRow("", self.barred_list)
        add_row(self.form, "&Issued on:", self.issued)
        add_row(self.form, "&Seen on:", self.seen)
        add_row(self.form, "Seen &by:", self.seen_by)
        add_row(self.form, "&Outcome:", self.outcome)
        self.form.addRow("", self.update_service)
        add_row(self.form, "Last status &check:", self.status_check)
        add_row(self.form, "No&tes:", self.notes)
        self.form.addRow("", paragraph(NOTES_WARNING, "About the notes"))
        self.recorded: DbsCheck | None = None

    def submit(self) -> None:
        self.recorded = staff.record_dbs_check(
            self._session,
            self._member.id,
            DbsCheckDraft(
                certificate_number=self.number.text(),
                issued_on=picked_date(self.issued),
                seen_on=picked_date(self.seen),
                outcome=self.outcome.currentData(),
                level=self.level.currentData(),
                barred_list=self.barred_list.isChecked(),
                seen_by=self.seen_by.text(),
                update_service=self.update_service.isChecked(),
                last_status_check_on=self.status_check.value(),
                notes=self.notes.toPlainText(),
            ),
        )


class DecisionDialog(FormDialog):
    def __init__(self, parent: QWidget | None, session: Session, check: DbsCheck) -> None:
        super().__init__(
            parent,
            "Recruitment decision",
            "Record decision",
            "Information was disclosed on this certificate. Record your decision; the "
            "reasons may go in the notes, which are cleared six months from today.",
        )
        self._session, self._check = session, check
        self.decision = choice(
            "Decision", [(Decision.PROCEED.label, True), (Decision.DO_NOT_PROCEED.label, False)]
        )
        self.notes = notes_edit("Notes")
        self.notes.setPlainText(check.notes)
        add_row(self.form, "&Decision:", self.decision)
        add_row(self.form, "No&tes:", self.notes)

    def submit(self) -> None:
        staff.record_decision(
            self._session,
            self._check.id,
            proceed=bool(self.decision.currentData()),
            notes=self.notes.toPlainText(),
        )


class StatusCheckDialog(FormDialog):
    def __init__(self, parent: QWidget | None, session: Session, check: DbsCheck) -> None:
        super().__init__(
            parent,
            "Update Service status check",
            "Record status check",
            f"Certificate {check.certificate_number}, issued {long_day(check.issued_on)}.",
        )
        self._session, self._check = session, check
        self.checked_on = date_edit("Date checked", staff.today(session))
        self.result = choice(
            "Result", [("No change", False), ("New information: a new check is needed", True)]
        )
        add_row(self.form, "&Checked on:", self.checked_on)
        add_row(self.form, "&Result:", self.result)

    def submit(self) -> None:
        staff.record_status_check(
            self._session,
            self._check.id,
            picked_date(self.checked_on),
            new_information=bool(self.result.currentData()),
        )


class IdentityDialog(FormDialog):
    def __init__(self, parent: QWidget | None, session: Session, member: StaffMember) -> None:
        super().__init__(
            parent,
            f"Identity of {member.full_name}",
            "Record identity",
            "Tick the documents seen. Only their names are kept, never their numbers or copies.",
        )
        self._session, self._member = session, member
        box = named(QGroupBox("Documents seen"), "Documents seen")
        layout = QVBoxLayout(box)
        self.documents: list[QCheckBox] = []
        for name in IDENTITY_DOCUMENTS:
            check = named(QCheckBox(name), name)
            layout.addWidget(check)
            self.documents.append(check)
        self.form.addRow(box)
        self.other = line_edit("Other documents")
        self.seen_on = date_edit("Date seen", staff.today(session))
        self.seen_by = line_edit("Seen by")
        self.seen_by.setText(session.account.display_name)
        add_row(self.form, "&Other documents:", self.other)
        add_row(self.form, "&Seen on:", self.seen_on)
        add_row(self.form, "Seen &by:", self.seen_by)

    def submit(self) -> None:
        documents = [c.text() for c in self.documents if c.isChecked()]
        documents += [d for d in self.other.text().split(";") if d.strip()]
        staff.record_identity(
            self._session,
            self._member.id,
            IdentityDraft(documents, picked_date(self.seen_on), self.seen_by.text()),
        )


class ReferenceDialog(FormDialog):
    def __init__(self, parent: QWidget | None, session: Session, member: StaffMember) -> None:
        super().__init__(
            parent,
            f"Reference for {member.full_name}",
            "Record reference",
            "Who gave it, when it came, and whether it was satisfactory. The "
            "reference itself is not kept here.",
        )
        self._session, self._member = session, member
        self.referee = line_edit("From")
        self.received = date_edit("Received on", staff.today(session))
        self.satisfactory = choice(
            "Was it satisfactory", [("Satisfactory", True), ("Not satisfactory", False)]
        )
        add_row(self.form, "&From:", self.referee)
        add_row(self.form, "&Received on:", self.received)
        add_row(self.form, "Was it &satisfactory?", self.satisfactory)

    def submit(self) -> None:
        staff.record_reference(
            self._session,
            self._member.id,
            ReferenceDraft(
                self.referee.text(),
                picked_date(self.received),
                bool(self.satisfactory.currentData()),
            ),
        )


class TrainingDialog(FormDialog):
    def __init__(self, parent: QWidget | None, session: Session, member: StaffMember) -> None:
        super().__init__(parent, f"Safeguarding training of {member.full_name}", "Record training")
        self._session, self._member = session, member
        today = staff.today(session)
        self.completed = date_edit("Completed on", today)
        self.renewal = date_edit("Renewal due", training_renewal(today))
        self.course = line_edit("Course", placeholder="for example Safeguarding children, level 2")
        self.completed.dateChanged.connect(
            lambda d: self.renewal.setDate(training_renewal(d.toPython()))
        )
        add_row(self.form, "&Completed on:", self.completed)
        add_row(self.form, "&Renewal due:", self.renewal)
        add_row(self.form, "C&ourse:", self.course)

    def submit(self) -> None:
        staff.record_training(
            self._session,
            self._member.id,
            picked_date(self.completed),
            picked_date(self.renewal),
            self.course.text(),
        )


class RequirementDialog(FormDialog):
    """The DBS check a role at the centre needs, with the reason (set by a manager)."""

    def __init__(
        self,
        parent: QWidget | None,
        session: Session,
        requirements: list[Requirement],
        role: CentreRole,
    ) -> None:
        super().__init__(
            parent,
            "The check each role needs",
            "Save",
            "The children's barred list can be checked only where the role is regulated "
            "activity with children. Give the reason for the level chosen.",
        )
        self._session = session
        self._requirements = {r.centre_role: r for r in requirements}
        self.role = choice("Role at the centre", [(r.label, r) for r in CentreRole])
        self._levels = list(reversed(list(DbsLevel)))
        self.level = choice("Level", [(lv.label, lv) for lv in self._levels])
        self.regulated = named(
            QCheckBox("The role is r&egulated activity with children"), "Regulated activity"
        )
        self.barred_list = named(
            QCheckBox("Check the children's &barred list"), "Children's barred list"
        )
        self.justification = named(
            TextBox("Justification", most=5),
            "Justification",
            "Why the role needs this level of check",
        )
        add_row(self.form, "&Role:", self.role)
        add_row(self.form, "&Level:", self.level)
        self.form.addRow("", self.regulated)
        self.form.addRow("", self.barred_list)
        add_row(self.form, "&Justification:", self.justification)
        self.role.currentIndexChanged.connect(lambda _i: self._show(self.role.currentData()))
        self.role.setCurrentIndex(list(CentreRole).index(role))
        self._show(role)

    def _show(self, role: CentreRole) -> None:
        requirement = self._requirements.get(role, Requirement(role))
        self.level.setCurrentIndex(self._levels.index(requirement.level))
        self.regulated.setChecked(requirement.regulated_activity)
        self.barred_list.setChecked(requirement.barred_list)
        self.justification.setPlainText(requirement.justification)

    def submit(self) -> None:
        staff.set_requirement(
            self._session,
            self.role.currentData(),
            level=self.level.currentData(),
            regulated_activity=self.regulated.isChecked(),
            barred_list=self.barred_list.isChecked(),
            justification=self.justification.toPlainText(),
        )


# -- the whole record ------------------------------------------------------------------------


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = named(ListTableWidget(0, len(headers)), name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            table.setItem(r, c, item)


def notes_text(check: DbsCheck | None, record: VettingRecord) -> str:
    if check is None:
        return "No DBS check recorded yet."
    parts = []
    if check.decided_on is not None:
        parts.append(
            f"Recruitment decision: {check.decision.label.lower()}, by "
            f"{check.decided_by} on {long_day(check.decided_on)}."
        )
    if check.notes:
        parts.append(
            # "Cleared" here would read as cleared to work: the notes are deleted.
            f"Notes: {check.notes} (kept until {long_day(record.notes_clear_on)}, six "
            "months after the decision, then deleted)"
        )
    elif check.notes_cleared_on:
        parts.append(
            f"Notes were deleted on {long_day(check.notes_cleared_on)}, six months "
            "after the recruitment decision."
        )
    return " ".join(parts) or "No notes on the current check."


def check_row(check: DbsCheck) -> list[str]:
    decision = "" if check.outcome is DbsOutcome.CLEAR else check.decision.label
    update = "No"
    if check.update_service:
        update = (
            "Yes, status not checked yet"
            if check.last_status_check_on is None
            else f"Yes, checked {short_date(check.last_status_check_on)}: "
            f"{check.status_result.label.lower()}"
        )
    return [
        check.certificate_number,
        check.level_label,
        short_date(check.issued_on),
        f"{short_date(check.seen_on)} by {check.seen_by}",
        check.outcome.label + (f": {decision.lower()}" if decision else ""),
        update,
        short_date(next_check_due(check)),
    ]


class VettingDialog(Dialog):
    """One person's vetting record for a manager. Opening (and each reload) is logged."""

    def __init__(self, parent: QWidget | None, session: Session, staff_id: int) -> None:
        super().__init__(parent)
        self._session = session
        self._staff_id = staff_id
        self.record: VettingRecord | None = None
        self.setModal(True)
        outer = QVBoxLayout(self)
        self.title = heading("", 1.3)
        outer.addWidget(self.title)
        self.message = MessageLabel()
        outer.addWidget(self.message)
        # No scroll area: the record is laid out to fit (ui/sizing.py), lists scroll alone.
        body = named(QWidget(), "Vetting record")
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(body, 1)
        self._summary_box()
        self._checks_box()
        lower = QHBoxLayout()
        self.body.addLayout(lower)
        left, right = QVBoxLayout(), QVBoxLayout()
        lower.addLayout(left, 1)
        lower.addLayout(right, 1)
        self._references_box(left)
        self._identity_box(right)
        self._training_box(right)
        self.body.addStretch(1)
        self.buttons = close_buttons(self)
        outer.addWidget(self.buttons)
        self.reload()

    # -- building ----------------------------------------------------------------------

    def _box(self, title: str, parent: QVBoxLayout | None = None) -> QVBoxLayout:
        box = named(QGroupBox(title), title)
        (parent or self.body).addWidget(box)
        return QVBoxLayout(box)

    def _summary_box(self) -> None:
        layout = self._box("Cleared to work")
        self.cleared = paragraph("", "Cleared to work")
        font = self.cleared.font()
        font.setBold(True)
        self.cleared.setFont(font)
        self.next_due = paragraph("", "Next DBS check due")
        self.policy = paragraph("", "Policy acknowledged")
        self.requirement = paragraph("", "Check needed for the role")
        self.activate_button = button("&Activate", "Activate")
        self.login_button = button("Give a lo&gin…", "Give a login")
        self.requirement_button = button(
            "Set the check for the &role…", "Set the check for the role"
        )
        self.activate_note = paragraph("", "Activation status")
        self.activate_button.clicked.connect(self.activate)
        self.login_button.clicked.connect(self.give_login)
        self.requirement_button.clicked.connect(self.set_requirement)
        row = QHBoxLayout()
        row.addWidget(self.activate_button)
        row.addWidget(self.login_button)
        row.addStretch(1)
        row.addWidget(self.requirement_button)
        for widget in (self.cleared, self.requirement, self.next_due, self.policy):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.activate_note)

    def _checks_box(self) -> None:
        layout = self._box("DBS checks")
        self.checks = _table(
            "DBS checks",
            ["Certificate", "Level", "Issued", "Seen", "Outcome", "Update Service", "Next due"],
        )
        self.notes = paragraph("", "Decision and notes on the current check")
        self.record_check_button = button("Record a &DBS check…", "Record a DBS check")
        self.decision_button = button("Record the d&ecision…", "Record the decision")
        self.status_button = button("Record a &status check…", "Record a status check")
        self.record_check_button.clicked.connect(self.record_check)
        self.decision_button.clicked.connect(self.record_decision)
        self.status_button.clicked.connect(self.record_status_check)
        row = QHBoxLayout()
        for widget in (self.record_check_button, self.decision_button, self.status_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addWidget(self.checks)
        layout.addWidget(self.notes)
        layout.addLayout(row)

    def _identity_box(self, parent: QVBoxLayout) -> None:
        layout = self._box("Identity", parent)
        self.identity = paragraph("", "Identity seen")
        self.identity_button = button("Record &identity seen…", "Record identity seen")
        self.identity_button.clicked.connect(self.record_identity)
        layout.addWidget(self.identity)
        layout.addWidget(self.identity_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _references_box(self, parent: QVBoxLayout) -> None:
        layout = self._box("References", parent)
        self.references = _table("References", ["From", "Received", "Satisfactory"])
        self.reference_button = button("Record a re&ference…", "Record a reference")
        self.reference_button.clicked.connect(self.record_reference)
        # The list takes the box's height (beside identity and training), not a stretch
        # under its button: at 150 % it showed one and a half references.
        layout.addWidget(self.references, 1)
        layout.addWidget(self.reference_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _training_box(self, parent: QVBoxLayout) -> None:
        layout = self._box("Safeguarding training", parent)
        self.training = paragraph("", "Safeguarding training")
        self.training_button = button("Record &training…", "Record training")
        self.training_button.clicked.connect(self.record_training)
        layout.addWidget(self.training)
        layout.addWidget(self.training_button, 0, Qt.AlignmentFlag.AlignLeft)

    # -- filling ---------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            self.record = staff.open_vetting(self._session, self._staff_id)
        except StMarysError as exc:
            self.message.show_error(messages.plain_text(exc))
            return
        record = self.record
        member, vetting = record.member, record.vetting
        title = f"Vetting record of {member.full_name}"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.title.setText(
            f"{member.full_name}: {member.centre_role.label}, {member.status.label.lower()}"
        )
        self.cleared.setText(work_summary(member.status, record.clearance))
        self.cleared.setAccessibleDescription(self.cleared.text())
        self.next_due.setText(
            f"Next DBS check due: {long_day(record.next_check_due)}."
            + (
                " Through the Update Service."
                if vetting.latest_check and vetting.latest_check.update_service
                else ""
            )
        )
        self.policy.setText(
            f"Confidentiality Policy acknowledged: {record.policy_acknowledged.text}."
        )
        show_decision(self.activate_button, record.activate, self.activate_note)
        show_decision(self.login_button, record.login)
        can_manage = self._session.can(Permission.MANAGE_STAFF)
        req = vetting.requirement
        self.requirement.setText(
            f"The role ({member.centre_role.label.lower()}) needs: {req.label}"
            f"{' (regulated activity)' if req.regulated_activity else ''}. "
            f"Why: {req.justification}" + (f" Set by {req.set_by}." if req.set_by else "")
        )
        _fill(self.checks, [check_row(c) for c in vetting.checks])
        current = vetting.latest_check
        self.notes.setText(notes_text(current, record))
        show_decision(self.decision_button, record.record_decision)
        show_decision(self.status_button, record.record_status_check)
        identity = vetting.identity
        self.identity.setText(
            f"{identity.documents}; seen by {identity.seen_by} on {long_day(identity.seen_on)}."
            if identity
            else "Identity not seen yet."
        )
        _fill(
            self.references,
            [
                [r.referee, short_date(r.received_on), "Yes" if r.satisfactory else "No"]
                for r in vetting.references
            ],
        )
        training = vetting.training
        self.training.setText(
            f"Completed {long_day(training.completed_on)}; renewal due "
            f"{long_day(training.renewal_due_on)}"
            + (f" ({training.course})." if training.course else ".")
            if training
            else "No safeguarding training recorded yet."
        )
        for widget in (
            self.record_check_button,
            self.identity_button,
            self.reference_button,
            self.training_button,
            self.requirement_button,
        ):
            widget.setVisible(can_manage)

    # -- actions ---------------------------------------------------------------------------

    def _run(self, dialog: QDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def record_check(self) -> None:
        if self.record is not None:
            self._run(
                DbsCheckDialog(
                    self, self._session, self.record.member, self.record.vetting.requirement
                )
            )

    def record_decision(self) -> None:
        if self.record is not None and self.record.vetting.latest_check is not None:
            self._run(DecisionDialog(self, self._session, self.record.vetting.latest_check))

    def record_status_check(self) -> None:
        if self.record is not None and self.record.vetting.latest_check is not None:
            self._run(StatusCheckDialog(self, self._session, self.record.vetting.latest_check))

    def record_identity(self) -> None:
        if self.record is not None:
            self._run(IdentityDialog(self, self._session, self.record.member))

    def record_reference(self) -> None:
        if self.record is not None:
            self._run(ReferenceDialog(self, self._session, self.record.member))

    def record_training(self) -> None:
        if self.record is not None:
            self._run(TrainingDialog(self, self._session, self.record.member))

    def set_requirement(self) -> None:
        if self.record is None:
            return
        try:
            requirements = staff.requirements(self._session)
        except StMarysError as exc:
            self.message.show_error(messages.plain_text(exc))
            return
        self._run(
            RequirementDialog(self, self._session, requirements, self.record.member.centre_role)
        )

    def give_login(self) -> None:
        if self.record is not None:
            self._run(StaffLoginDialog(self, self._session, self.record.member))

    def activate(self) -> None:
        if self.record is None:
            return
        try:
            staff.activate(self._session, self._staff_id, self.record.member.version)
        except StMarysError as exc:
            self.message.show_error(messages.plain_text(exc))
            return
        self.reload()
