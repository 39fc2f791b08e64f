"""Recording an incident, a concern or an accident, and recording a correction to one.

A correction is the same form, filled in from the record it corrects; saving
it makes a new record that supersedes the old one (nothing is edited in
place). Whatever the service refuses is shown in the form and nothing is saved.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.errors import InvalidInput, StMarysError
from stmarys_desktop.domain.incidents import REFERRED_TO, Incident, IncidentDraft, IncidentKind
from stmarys_desktop.services import families, incidents
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.body_map import BodyMapEditor
from stmarys_desktop.ui.dialogs.form import FormDialog
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.text_box import TextBox
from stmarys_desktop.ui.widgets import add_row, button, named, paragraph

SEEN_AND_HEARD_HINT = (
    "Write what you saw and heard, not what you think it means. Keep a child's own words "
    "exactly as they said them, in quotation marks."
)
PEOPLE_HINT = "Names as they are written now, and who each is: Child: Ivy Dunford (6); ..."
BODY_MAP_ONLY = "The body map is for concerns and accidents."
KIND_NOTES = {
    IncidentKind.WELFARE_CONCERN: "A concern goes to the safeguarding lead, who confirms it "
    "or not. Tell the safeguarding lead today as well.",
    IncidentKind.VIOLENCE_CONCERN: "A concern goes to the safeguarding lead, who confirms it "
    "or not. Tell the safeguarding lead today as well.",
    IncidentKind.ACCIDENT: "An accident also goes into the accident book, which is kept for "
    "ever, with the names as you write them here.",
    IncidentKind.OTHER: "For example an adult nobody knows at check-in, or a parent arriving "
    "outside their time.",
}
DATE_TIME_FORMAT = "d MMM yyyy HH:mm"


def local_moment(moment: datetime) -> QDateTime:
    """An aware moment as the local wall-clock date and time for a QDateTimeEdit."""
    local = moment.astimezone() if moment.tzinfo else moment
    # Seconds are kept though not shown, so a correction left alone keeps the time exactly.
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )


class SearchEdit(QLineEdit):
    """Enter looks the family up; in a dialog it would otherwise press Save as well."""

    search_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.search_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class FamilyChooser(QWidget):
    """Look a family up by reference (or a name) and choose it, or choose no family."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.search = named(
            SearchEdit(),
            "Find a family",
            "Type the family's reference (or part of a name) and press Find",
        )
        self.search.setPlaceholderText("Family reference")
        self.find_button = button("&Find", "Find family")
        self.choice = named(QComboBox(), "Family")
        self.choice.addItem("No family", None)
        self.result = paragraph("", "Family search result")
        self.result.hide()
        self.search.search_requested.connect(self.find)
        self.find_button.clicked.connect(self.find)
        self.find_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 1)
        row.addWidget(self.find_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.choice)
        layout.addWidget(self.result)
        self.setAccessibleName("Family of the record")

    @property
    def family_id(self) -> int | None:
        return self.choice.currentData()

    def find(self) -> None:
        text = self.search.text().strip()
        if not text:
            self.say("Type a family reference, or part of a name, then press Find.")
            return
        try:
            found = families.search_families(self.session, text)
        except StMarysError as exc:
            self.say(plain_text(exc))
            return
        self.choice.clear()
        self.choice.addItem("No family", None)
        for family in found:
            self.choice.addItem(f"{family.reference}: {family.names_apart}", family.id)
        if found:
            self.choice.setCurrentIndex(1)
            self.say(
                "One family found."
                if len(found) == 1
                else f"{len(found)} families found; choose one from the list."
            )
            self.choice.setFocus()
        else:
            self.say(f"No family matches \u201c{text}\u201d.")

    def lock_to(self, family_id: int | None, reference: str, reason: str) -> None:
        self.choice.clear()
        self.choice.addItem(reference or "No family", family_id)
        for widget in (self.search, self.find_button, self.choice):
            widget.setEnabled(False)
            widget.setToolTip(reason)
            widget.setStatusTip(reason)
        self.say(reason)

    def say(self, text: str) -> None:
        self.result.setText(text)
        self.result.setAccessibleDescription(text)
        self.result.show()


class IncidentDialog(FormDialog):
    """A new record, or (with `correcting`) a correction that supersedes a record."""

    def __init__(
        self, parent: QWidget | None, session: Session, correcting: Incident | None = None
    ) -> None:
        if correcting is None:
            title, ok_text, intro = (
                "Record an incident",
                "Save the record",
                "Anyone on duty records what happened, as soon as they "
                "can. A record is never changed afterwards: a mistake is "
                "put right by recording a correction.",
            )
        else:
            title, ok_text, intro = (
                f"Record a correction to record {correcting.id}",
                "Save the correction",
                f"The correction is a new record that supersedes record {correcting.id}. "
                "Both stay in the family's chronology. Change what was wrong or missing.",
            )
        super().__init__(parent, title, ok_text, intro)
        self.session = session
        self.correcting = correcting
        self.saved_id: int | None = None
        self._build()
        self._kind_changed()
        if correcting is not None:
            self._fill_from(correcting)
        else:
            self.when.setDateTime(local_moment(session.centre.clock()))

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.kind = named(QComboBox(), "Kind")
        self.kind.setPlaceholderText("Choose what kind of record…")
        for kind in IncidentKind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setCurrentIndex(-1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind_note = paragraph("", "About this kind of record")
        self.when = named(QDateTimeEdit(), "When it happened")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(DATE_TIME_FORMAT)
        self.place = named(QLineEdit(), "Where")
        self.place.setMaxLength(200)
        self.place.setPlaceholderText("For example: Playroom, car park, front desk")
        self.family = FamilyChooser(self.session)
        self.people = TextBox("Who was involved", 2, PEOPLE_HINT)
        self.seen = TextBox("What was seen and heard", 6, SEEN_AND_HEARD_HINT)
        self.seen.setAccessibleDescription(SEEN_AND_HEARD_HINT)
        self.seen_hint = paragraph(SEEN_AND_HEARD_HINT, "Hint for what was seen and heard")
        self.action = TextBox("Immediate action", 3)

        self.injuries = TextBox("Injuries", 2, "What you could see; none seen, if none")
        self.body_map = BodyMapEditor()
        self.body_box = named(QGroupBox("Body map"), "Body map")
        body_layout = QVBoxLayout(self.body_box)
        body_layout.addWidget(self.body_map)
        self.told = TextBox(
            "Who was told, and when",
            2,
            "For example: safeguarding lead (Gwoul Thiarrow) by phone, 14:20",
        )
        self.referred_to = named(QComboBox(), "Referred to")
        for key, label in REFERRED_TO.items():
            self.referred_to.addItem(label, key)
        self.referred_to.currentIndexChanged.connect(self._referral_changed)
        self.reference = named(
            QLineEdit(),
            "Their reference",
            "The reference Children's Services or the police gave. If "
            "none yet, leave it empty: the start screen reminds after two "
            "working days.",
        )
        self.reference.setMaxLength(100)
        self.follow_up = TextBox("Follow-up", 2)

        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        add_row(left, "&Kind:", self.kind)
        left.addRow("", self.kind_note)
        add_row(left, "W&hen:", self.when)
        add_row(left, "Wh&ere:", self.place)
        add_row(left, "Famil&y:", self.family)
        add_row(left, "Who was &involved:", self.people)
        add_row(left, "What was &seen and heard:", self.seen)
        left.addRow("", self.seen_hint)
        add_row(left, "Immediate &action:", self.action)

        right = QFormLayout()
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        add_row(right, "In&juries:", self.injuries)
        right.addRow(self.body_box)
        add_row(right, "Who was &told, when:", self.told)
        add_row(right, "&Referred to:", self.referred_to)
        add_row(right, "Their refere&nce:", self.reference)
        add_row(right, "Fo&llow-up:", self.follow_up)

        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        # No scroll area: the two columns are laid out to fit the screen (ui/sizing.py).
        holder = named(QWidget(), "Incident record")
        holder.setLayout(columns)
        columns.setContentsMargins(0, 0, 0, 0)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.insertWidget(outer.indexOf(self.message), holder, 1)
        self._referral_changed()

    def _fill_from(self, old: Incident) -> None:
        self.kind.setCurrentIndex(self.kind.findData(old.kind.value))
        self.kind.setEnabled(False)
        keep_kind = (
            "A correction keeps the kind of record; record a new incident if it was "
            "a different kind."
        )
        self.kind.setToolTip(keep_kind)
        self.kind.setStatusTip(keep_kind)
        self.when.setDateTime(local_moment(datetime.fromisoformat(old.occurred_at)))
        self.place.setText(old.place)
        if old.family_id is None:  # the service lets a correction link one (D83)
            self.family.say(
                "This record has no family yet: find one to link it. A concern "
                "must be linked before it can be confirmed."
            )
        else:
            self.family.lock_to(
                old.family_id, old.family_reference, "A correction stays with the same family."
            )
        self.people.setPlainText(old.people_involved)
        self.seen.setPlainText(old.seen_and_heard)
        self.injuries.setPlainText(old.injuries)
        self.body_map.set_marks(list(old.body_map))
        self.action.setPlainText(old.action_taken)
        self.told.setPlainText(old.who_was_told)
        self.referred_to.setCurrentIndex(max(0, self.referred_to.findData(old.referred_to)))
        self.reference.setText(old.referral_reference)
        self.follow_up.setPlainText(old.follow_up)

    # -- reacting ----------------------------------------------------------------------

    def chosen_kind(self) -> IncidentKind | None:
        value = self.kind.currentData()
        return IncidentKind(value) if value else None

    def set_kind(self, kind: IncidentKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))

    def _kind_changed(self) -> None:
        kind = self.chosen_kind()
        self.kind_note.setText(
            KIND_NOTES[kind]
            if kind
            else "Choose the kind first: a concern, an accident or another incident."
        )
        allowed = kind is None or kind.has_body_map
        self.body_box.setEnabled(allowed)
        reason = "" if allowed else BODY_MAP_ONLY
        self.body_box.setToolTip(reason)
        self.body_box.setStatusTip(reason)
        self.body_box.setTitle("Body map" if allowed else f"Body map ({BODY_MAP_ONLY.lower()})")

    def _referral_changed(self) -> None:
        referred = bool(self.referred_to.currentData())
        self.reference.setEnabled(referred)
        if not referred:
            self.reference.clear()

    # -- saving ------------------------------------------------------------------------

    def draft(self) -> IncidentDraft:
        kind = self.chosen_kind()
        if kind is None:
            raise InvalidInput("Choose what kind of record this is.")
        when = self.when.dateTime().toPython()
        assert isinstance(when, datetime)
        return IncidentDraft(
            kind=kind,
            occurred_at=when.astimezone(),
            seen_and_heard=self.seen.text(),
            family_id=self.family.family_id,
            place=self.place.text(),
            people_involved=self.people.text(),
            injuries=self.injuries.text(),
            body_map=self.body_map.marks,
            action_taken=self.action.text(),
            who_was_told=self.told.text(),
            referred_to=self.referred_to.currentData() or "",
            referral_reference=self.reference.text(),
            follow_up=self.follow_up.text(),
        )

    def submit(self) -> None:
        draft = self.draft()
        if self.correcting is None:
            self.saved_id = incidents.record_incident(self.session, draft)
        else:
            self.saved_id = incidents.correct_incident(self.session, self.correcting.id, draft)
