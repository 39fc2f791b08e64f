"""What every part of the disclosures dialog shares: the family it is about, how its
forms run, and the words for a kind of recipient."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QTableWidget, QTableWidgetItem, QWidget

from stmarys_desktop.domain.families import Family
from stmarys_desktop.policy.disclosure import RecipientKind
from stmarys_desktop.printing.document import Paper
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.forms import CallbackForm, SavePath, save_pdf
from stmarys_desktop.ui.offers import cited
from stmarys_desktop.ui.widgets import named

KIND_LABELS = {
    RecipientKind.AGENCY: "An agency",
    RecipientKind.PERSON: "A person",
    RecipientKind.CHILDRENS_SERVICES: "Children's Services",
    RecipientKind.POLICE: "The police",
}


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


def fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))


class FamilyForms:
    """The family the dialog is about, and how each of its forms runs: over the dialog,
    and followed by a refresh of the whole dialog (a consent recorded in one tab changes
    what may go out in another)."""

    def __init__(
        self,
        dialog: QWidget,
        session: Session,
        family: Family,
        save_path: SavePath,
        refresh: Callable[[], None],
    ) -> None:
        self.dialog = dialog
        self.session = session
        self.family = family
        self.save_path = save_path
        self._refresh = refresh

    @property
    def family_id(self) -> int:
        return self.family.id

    def form(self, title: str, ok_text: str, intro: str = "") -> CallbackForm:
        """A form over the dialog; the clauses its introduction names are named as the
        version in force names them."""
        return CallbackForm(self.dialog, title, ok_text, cited(self.session, intro))

    def finish(self, form: CallbackForm) -> bool:
        """Run the form; True when its OK went through. The dialog is read again either
        way."""
        done = form.exec() == QDialog.DialogCode.Accepted
        self._refresh()
        return done

    def save_pdf(self, title: str, suggested: str, paper: Paper) -> bool:
        return save_pdf(self.dialog, self.save_path, title, suggested, paper)
