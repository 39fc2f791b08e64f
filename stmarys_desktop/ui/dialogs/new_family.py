"""Adding a family (parents, another named adult, children, the referral, the
arrangement), and adding one person to a family later.

The service checks everything typed; what it refuses is shown in the dialog in
its own words, the dialog stays open, and nothing is saved.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.families import (
    AgencyKind,
    Family,
    NewFamily,
    NewPerson,
    NewReferral,
    PersonKind,
)
from stmarys_desktop.services import families
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.dialogs.form import FormDialog
from stmarys_desktop.ui.offers import cited
from stmarys_desktop.ui.widgets import add_row, line_edit, named

MAX_CHILDREN = 4
NOT_GIVEN = "Not given"


def date_edit(name: str, day: date | None, earliest: date) -> QDateEdit:
    """A date field; at its earliest date it reads "Not given" and means no date."""
    edit = named(QDateEdit(), name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
    edit.setSpecialValueText(NOT_GIVEN)
    edit.setDate(QDate(day.year, day.month, day.day) if day else edit.minimumDate())
    return edit


def date_of(edit: QDateEdit) -> date | None:
    if edit.date() == edit.minimumDate():
        return None
    return edit.date().toPython()


def birth_date_edit(name: str, today: date) -> QDateEdit:
    # The earliest date stands for "not given"; the service refuses children over 25.
    return date_edit(name, None, date(today.year - 26, 1, 1))


class AdultFields:
    """Name, address and telephone of one adult, as rows of a form."""

    def __init__(self, form: QFormLayout, who: str, label: str) -> None:
        self.name = line_edit(f"{who}'s name")
        self.address = line_edit(f"{who}'s address")
        self.telephone = line_edit(f"{who}'s telephone")
        add_row(form, label, self.name)
        add_row(form, "Address:", self.address)
        add_row(form, "Telephone:", self.telephone)

    def typed(self) -> bool:
        return any(e.text() for e in (self.name, self.address, self.telephone))


class NewFamilyDialog(FormDialog):
    def __init__(self, parent: QWidget | None, session: Session) -> None:
        super().__init__(
            parent,
            "Add a family",
            "Add family",
            cited(
                session,
                "Everyone named on the referral may attend. "
                "Addresses and telephone numbers are kept hidden once saved "
                "(clause iv).",
            ),
        )
        self._session = session
        self.created: Family | None = None
        today = families.today(session)

        # Two columns, the adults on the left, so the form fits a small screen (issue 18).
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        column, right = QVBoxLayout(), QVBoxLayout()
        # Each column its own width (the children's needs show their example whole).
        columns.addLayout(column)
        columns.addLayout(right)
        self.resident = AdultFields(
            self._group(column, "Resident parent"), "Resident parent", "&Name:"
        )
        self.visiting = AdultFields(
            self._group(column, "Non-resident parent"), "Non-resident parent", "Na&me:"
        )
        other = self._group(column, "Other named adult (optional)")
        self.other = AdultFields(other, "Other named adult", "Nam&e:")
        self.other_relationship = line_edit(
            "Other named adult's relationship", placeholder="Grandmother"
        )
        add_row(other, "Relationship:", self.other_relationship)
        self.other_named = named(
            QCheckBox("Named on the referral: may attend"),
            "Other named adult is named on the referral",
        )
        self.other_named.setChecked(True)
        other.addRow("", self.other_named)
        column.addStretch(1)
        column = right
        column.addWidget(self._children_box(today))
        column.addWidget(self._referral_box(today))
        arrangement_box = named(QGroupBox("Contact arrangement"), "Contact arrangement group")
        self.arrangement = named(QPlainTextEdit(), "Contact arrangement")
        self.arrangement.setTabChangesFocus(True)
        self.arrangement.setPlaceholderText("Fortnightly Saturdays, 10:00-12:00")
        QVBoxLayout(arrangement_box).addWidget(self.arrangement)
        column.addWidget(arrangement_box)

        # No scroll area: the groups are laid out to fit the screen (ui/sizing.py).
        named(body, "Family details")
        self.form.addRow(body)

    def _group(self, column: QVBoxLayout, title: str) -> QFormLayout:
        box = named(QGroupBox(title), title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        column.addWidget(box)
        return form

    def _children_box(self, today: date) -> QGroupBox:
        box = named(QGroupBox("Children"), "Children")
        grid = QGridLayout(box)
        for col, text in enumerate(("Name", "Date of birth", "Needs")):
            grid.addWidget(QLabel(text), 0, col + 1)
        self.children: list[tuple[QLineEdit, QDateEdit, QLineEdit]] = []
        for n in range(1, MAX_CHILDREN + 1):
            name = line_edit(f"Child {n} name")
            born = birth_date_edit(f"Child {n} date of birth", today)
            needs = line_edit(f"Child {n} needs", placeholder="Allergies, access, language…")
            label = QLabel(f"Child &{n}:")
            label.setBuddy(name)
            grid.addWidget(label, n, 0)
            grid.addWidget(name, n, 1)
            grid.addWidget(born, n, 2)
            grid.addWidget(needs, n, 3)
            self.children.append((name, born, needs))
        grid.setColumnStretch(3, 1)  # what is left goes to the needs
        return box

    def _referral_box(self, today: date) -> QGroupBox:
        box = named(QGroupBox("Referral"), "Referral")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.agency_kind = named(QComboBox(), "Kind of referrer")
        for kind in AgencyKind:
            self.agency_kind.addItem(kind.label, kind.value)
        self.agency = line_edit("Referring agency", placeholder="Hartwell Finch LLP")
        self.referrer = line_edit("Referrer's name")
        self.referrer_contact = line_edit("Referrer's contact", placeholder="Telephone or e-mail")
        self.referred_on = date_edit("Referred on", today, date(2000, 1, 1))
        self.court_order = named(QCheckBox("A court order is on file"), "Court order on file")
        add_row(form, "&Kind of referrer:", self.agency_kind)
        add_row(form, "A&gency:", self.agency)
        add_row(form, "Re&ferrer:", self.referrer)
        add_row(form, "Referrer's &contact:", self.referrer_contact)
        add_row(form, "Referred &on:", self.referred_on)
        form.addRow("", self.court_order)
        return box

    def draft(self) -> NewFamily:
        r, v, o = self.resident, self.visiting, self.other
        people = [
            NewPerson(
                PersonKind.RESIDENT_PARENT,
                r.name.text(),
                address=r.address.text(),
                telephone=r.telephone.text(),
            )
        ]
        if v.typed():  # anything typed counts, so a name of spaces is refused, not dropped
            people.append(
                NewPerson(
                    PersonKind.NON_RESIDENT_PARENT,
                    v.name.text(),
                    address=v.address.text(),
                    telephone=v.telephone.text(),
                )
            )
        if o.typed() or self.other_relationship.text():
            people.append(
                NewPerson(
                    PersonKind.OTHER_ADULT,
                    o.name.text(),
                    relationship=self.other_relationship.text(),
                    address=o.address.text(),
                    telephone=o.telephone.text(),
                    named_on_referral=self.other_named.isChecked(),
                )
            )
        for name, born, needs in self.children:
            if name.text() or needs.text() or date_of(born) is not None:
                people.append(
                    NewPerson(
                        PersonKind.CHILD,
                        name.text(),
                        date_of_birth=date_of(born),
                        needs=needs.text(),
                    )
                )
        referred_on = date_of(self.referred_on) or families.today(self._session)
        return NewFamily(
            people=people,
            arrangement=self.arrangement.toPlainText(),
            referral=NewReferral(
                agency_kind=AgencyKind(self.agency_kind.currentData()),
                agency_name=self.agency.text(),
                referrer_name=self.referrer.text(),
                referrer_contact=self.referrer_contact.text(),
                referred_on=referred_on,
                court_order_on_file=self.court_order.isChecked(),
            ),
        )

    def submit(self) -> None:
        self.created = families.create_family(self._session, self.draft())


class AddPersonDialog(FormDialog):
    """One more person in a family. Not named on the referral unless ticked (D20)."""

    def __init__(self, parent: QWidget | None, session: Session, family: Family) -> None:
        super().__init__(
            parent,
            f"Add a person to {family.reference}",
            "Add person",
            "Someone added later may attend only if they are named on the referral.",
        )
        self._session = session
        self._family = family
        self.family: Family | None = None
        self.added_name = ""
        today = families.today(session)
        self.kind = named(QComboBox(), "Role in the family")
        present = {p.kind for p in family.people}
        for kind in (
            PersonKind.CHILD,
            PersonKind.OTHER_ADULT,
            PersonKind.RESIDENT_PARENT,
            PersonKind.NON_RESIDENT_PARENT,
        ):
            if kind.is_adult and kind is not PersonKind.OTHER_ADULT and kind in present:
                continue  # a family has one of each parent at most
            self.kind.addItem(kind.label, kind.value)
        self.full_name = line_edit("Name")
        self.date_of_birth = birth_date_edit("Date of birth", today)
        self.needs = line_edit("Needs")
        self.relationship = line_edit("Relationship", placeholder="Grandmother")
        self.address = line_edit("Address")
        self.telephone = line_edit("Telephone")
        self.named_on_referral = named(
            QCheckBox("Named on the referral: may attend"), "Named on the referral"
        )
        add_row(self.form, "&Role in the family:", self.kind)
        add_row(self.form, "&Name:", self.full_name)
        add_row(self.form, "&Date of birth:", self.date_of_birth)
        add_row(self.form, "N&eeds:", self.needs)
        add_row(self.form, "Re&lationship:", self.relationship)
        add_row(self.form, "&Address:", self.address)
        add_row(self.form, "&Telephone:", self.telephone)
        self.form.addRow("", self.named_on_referral)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self, *_: object) -> None:
        child = self.kind.currentData() == PersonKind.CHILD.value
        self.date_of_birth.setEnabled(child)
        self.needs.setEnabled(True)
        for edit in (self.relationship, self.address, self.telephone):
            edit.setEnabled(not child)

    def submit(self) -> None:
        kind = PersonKind(self.kind.currentData())
        child = kind is PersonKind.CHILD
        person = NewPerson(
            kind,
            self.full_name.text(),
            date_of_birth=date_of(self.date_of_birth) if child else None,
            needs=self.needs.text(),
            relationship="" if child else self.relationship.text(),
            address="" if child else self.address.text(),
            telephone="" if child else self.telephone.text(),
            named_on_referral=self.named_on_referral.isChecked(),
        )
        self.family = families.add_person(
            self._session, self._family.id, self._family.version, person
        )
        self.added_name = " ".join(self.full_name.text().split())
