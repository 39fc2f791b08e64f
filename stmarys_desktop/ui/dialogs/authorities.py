"""Admin > Authorities: the Children's Services departments and police forces the centre
deals with (clause 4, D100). A share under an exception goes only to one of these,
chosen from this list; the manager keeps it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.dates import short_stamp
from stmarys_desktop.domain.disclosures import Authority
from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services import authorities
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.dialogs.disclosures.common import KIND_LABELS
from stmarys_desktop.ui.forms import CallbackForm
from stmarys_desktop.ui.offers import fit_to_screen
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.widgets import (
    add_row,
    button,
    close_buttons,
    heading,
    line_edit,
    named,
    paragraph,
    readonly_table,
)

TITLE = "Authorities"


class AuthoritiesDialog(Dialog):
    def __init__(self, parent: QWidget | None, session: Session) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.table = readonly_table(
            "Authorities table", ["Name", "Kind", "Contact point", "Added by", "Added"]
        )
        self.add_button = button("&Add an authority…", "Add an authority")
        self.remove_button = button("&Take off the list…", "Take off the list")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        may_change = session.can(Permission.MANAGE_SETTINGS)
        for widget in (self.add_button, self.remove_button):
            widget.setEnabled(may_change)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(close_buttons(self))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(TITLE, 1.2))
        layout.addWidget(
            paragraph(
                "Under an exception (clause 4), a family's details go to Children's Services "
                "and/or the police, and no one else. These are the departments and forces the "
                "centre deals with; the safeguarding lead chooses one of them when sharing. A "
                "person's name is never an authority.",
                "About the authorities",
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._rows: list[Authority] = []
        fit_to_screen(self, 120, 20)
        self.refresh()

    def refresh(self) -> None:
        self._rows = authorities.authorities(self.session)
        self.table.setRowCount(len(self._rows))
        for r, entry in enumerate(self._rows):
            for c, value in enumerate(
                [
                    entry.name,
                    entry.kind_label,
                    entry.contact_point,
                    entry.added_by,
                    short_stamp(entry.added_at),
                ]
            ):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def add(self) -> None:
        form = CallbackForm(
            self,
            "Add an authority",
            "Add to the list",
            "A local Children's Services department or police force, with "
            "the contact point a share goes to.",
        )
        name = line_edit("Name of the authority", placeholder="e.g. Westshire Police")
        add_row(form.form, "&Name:", name)
        kind = named(QComboBox(), "Kind of authority")
        for value in authorities.KINDS:
            kind.addItem(KIND_LABELS[value], value)
        add_row(form.form, "&Kind:", kind)
        contact = line_edit("Contact point", placeholder="Team, desk or telephone line")
        add_row(form.form, "&Contact point:", contact)
        form.run = lambda: authorities.add_authority(
            self.session, name=name.text(), kind=kind.currentData(), contact_point=contact.text()
        )
        if form.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def remove(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._rows):
            messages.inform(self, TITLE, "Choose an authority in the list first.")
            return
        entry = self._rows[row]
        if not messages.ask(
            self,
            "Take off the list",
            f"Take {entry.name} off the list? Nothing can be shared with it "
            "from now on; past shares stay in the disclosure log.",
            "Take it off",
        ):
            return
        try:
            authorities.remove_authority(self.session, entry.id)
        except StMarysError as exc:
            messages.show_error(self, TITLE, exc)
            return
        self.refresh()
