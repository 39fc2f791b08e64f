"""The manager's forms for the policy: a review, a new version, the Data Protection
Policy, and an acknowledgement received. Each hands its fields to the service and
shows what the service refuses, in its own words, without closing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.dates import long_date
from stmarys_desktop.domain.errors import InvalidInput
from stmarys_desktop.domain.policy_documents import (
    DocumentKind,
    Group,
    HowAcknowledged,
    Outstanding,
    PolicyReview,
    PolicyVersion,
)
from stmarys_desktop.policy.rule_map import RULES, RuleMap
from stmarys_desktop.services import policy_documents as policy
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.dialogs.form import FormDialog
from stmarys_desktop.ui.sizing import want
from stmarys_desktop.ui.text_box import TextBox
from stmarys_desktop.ui.widgets import (
    add_row,
    date_edit,
    line_edit,
    named,
    paragraph,
    picked_date,
)

# A policy's text box asks for a page of lines: the screen's height, on most screens.
PAGE_LINES = 60


def document_edit(name: str, text: str = "") -> QPlainTextEdit:
    """A whole policy's text: the box takes the height the screen leaves the dialog (D412),
    at least twelve lines; Tab leaves the box, as in every other field."""
    edit = named(QPlainTextEdit(text), name)
    edit.setTabChangesFocus(True)
    edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 12)
    return edit


class RecordReviewDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        session: Session,
        kind: DocumentKind,
        current: PolicyVersion,
        today: date,
    ) -> None:
        super().__init__(
            parent,
            f"Record a review of the {kind.label}",
            "Record review",
            f"The {kind.label} is reviewed every year. Record this review of "
            f"version {current.number}, and what it changed (or that it "
            "changed nothing).",
        )
        self._session, self._kind = session, kind
        self.reviewed_on = date_edit("Reviewed on", today)
        self.reviewed_by = line_edit(
            "Reviewed by", placeholder="for example, the manager and the trustees"
        )
        self.reviewed_by.setText(session.account.display_name)
        self.no_changes = named(QCheckBox("&No changes needed"), "No changes needed")
        self.changes = TextBox("Changes")
        self.changes.setPlaceholderText("What should change in the next version")
        add_row(self.form, "Reviewed &on:", self.reviewed_on)
        add_row(self.form, "Reviewed &by:", self.reviewed_by)
        self.form.addRow("", self.no_changes)
        add_row(self.form, "&Changes:", self.changes)
        self.no_changes.toggled.connect(lambda on: self.changes.setEnabled(not on))
        self.review: PolicyReview | None = None

    def submit(self) -> None:
        self.review = policy.record_review(
            self._session,
            reviewed_on=picked_date(self.reviewed_on),
            reviewed_by=self.reviewed_by.text(),
            changes="" if self.no_changes.isChecked() else self.changes.toPlainText(),
            kind=self._kind,
        )


class PublishVersionDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        session: Session,
        kind: DocumentKind,
        current: PolicyVersion,
        today: date,
    ) -> None:
        super().__init__(
            parent,
            f"Publish a new version of the {kind.label}",
            "Publish version",
            f"Edit the text of version {current.number}. The new version is "
            "kept alongside the earlier ones, which stay readable, and everyone "
            "is asked to acknowledge it.",
        )
        self._session, self._kind = session, kind
        self._current_number = current.number
        self.rule_dialog: RuleMapDialog | None = None
        self.text = document_edit("Policy text", current.text)
        self.effective_on = date_edit("Takes effect on", today)
        self.note = line_edit("What changed")
        add_row(self.form, "Policy &text:", self.text)
        add_row(self.form, "Takes &effect on:", self.effective_on)
        add_row(self.form, "What c&hanged:", self.note)
        self.published: PolicyVersion | None = None
        want(self, 100, PAGE_LINES)

    def submit(self) -> None:
        text, on, note = self.text.toPlainText(), picked_date(self.effective_on), self.note.text()
        if self._kind is not DocumentKind.CONFIDENTIALITY:
            self.published = policy.publish_version(
                self._session, text=text, effective_on=on, note=note, kind=self._kind
            )
            return
        # The Confidentiality Policy: the manager confirms which passage states each rule.
        suggestions = policy.suggest_rule_map(self._session, text)
        self.rule_dialog = RuleMapDialog(
            self,
            suggestions.passages,
            suggestions.suggested,
            f"version {self._current_number + 1}",
            lambda choices, kept: policy.publish_version(
                self._session,
                text=suggestions.text,
                effective_on=on,
                note=note,
                rule_map=choices,
                kept_in_force=kept,
            ),
        )
        if self.rule_dialog.exec() != QDialog.DialogCode.Accepted:
            raise InvalidInput(
                "Nothing was published: confirm the passage that states each rule, then publish."
            )
        self.published = self.rule_dialog.result_value


TOOLTIP = Qt.ItemDataRole.ToolTipRole


class RuleMapDialog(FormDialog):
    """Which passage of the new text states each rule the product enforces.

    The product suggests a passage by matching words; the manager confirms it or picks
    another, or none. Rules with no passage are listed, and the manager records that the
    centre keeps them in force before anything is saved (the product enforces them all).
    """

    NO_PASSAGE = "No passage: the centre keeps this rule in force"
    NO_PASSAGE_WORDS = "Letters and screens cite this rule in the product's own plain words."

    def __init__(
        self,
        parent: QWidget | None,
        passages: tuple,
        suggested: dict,
        version_words: str,
        save: Callable[[dict[Clause, int | None], bool], object],
    ) -> None:
        super().__init__(
            parent,
            "Which passage states each rule",
            "Publish version" if version_words.startswith("version") else "Save the map",
            f"For each rule the product enforces, choose the passage of "
            f"{version_words} that states it. The product suggested one by "
            "matching words; check each. Letters and screens will quote and "
            "number the passage you choose.",
        )
        self._save = save
        self.result_value: object = None
        self.choosers: dict[Clause, QComboBox] = {}
        self.passages: dict[Clause, QLabel] = {}
        by_index = {p.index: p for p in passages}
        rows = QWidget()
        # Three columns: the rule, the box that names its passage, and the passage whole,
        # wrapped, beside it (issue 18: a box would cut a passage to one line).
        grid = QGridLayout(rows)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(2, 1)
        width = self.fontMetrics().averageCharWidth()
        for row, about in enumerate(RULES):
            chooser = named(QComboBox(), f"Passage for {about.clause.title}")
            chooser.addItem(self.NO_PASSAGE, None)
            chooser.setItemData(0, self.NO_PASSAGE_WORDS, TOOLTIP)
            for found in passages:
                chooser.addItem(found.label, found.index)
                chooser.setItemData(chooser.count() - 1, found.words, TOOLTIP)
            chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            chosen = suggested.get(about.clause)
            chooser.setCurrentIndex(max(chooser.findData(chosen), 0) if chosen in by_index else 0)
            passage = paragraph("", f"Passage chosen for {about.clause.title}")
            passage.setMinimumWidth(width * 30)
            passage.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.passages[about.clause] = passage
            chooser.currentIndexChanged.connect(lambda _i: self._missing_changed())
            chooser.currentIndexChanged.connect(
                lambda _i, clause=about.clause: self._show_passage(clause)
            )
            self.choosers[about.clause] = chooser
            self._show_passage(about.clause)
            title = about.clause.title[:1].upper() + about.clause.title[1:]
            label = QLabel(
                f"{title}:" if about.topic == about.clause.title else f"{title} ({about.topic}):"
            )
            label.setBuddy(chooser)
            label.setWordWrap(True)
            label.setMinimumWidth(width * 26)
            label.setMaximumWidth(width * 40)
            label.setToolTip(about.plain)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(chooser, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(passage, row, 2, Qt.AlignmentFlag.AlignTop)
        # Every rule on the window at once (issue 18: a form never scrolls); the window
        # is sized from these rows by ui/sizing.py.
        rows.setAccessibleName("Rules and their passages")
        self.form.addRow(rows)
        self.missing = paragraph("", "Rules without a passage")
        self.keep = named(
            QCheckBox("The centre &keeps these rules in force"),
            "The centre keeps these rules in force",
        )
        self.form.addRow(self.missing)
        self.form.addRow(self.keep)
        self._missing_changed()
        want(self, 180)

    def _show_passage(self, clause: Clause) -> None:
        """The chosen passage whole beside its box, and in the box's tooltip."""
        chooser = self.choosers[clause]
        words = str(chooser.currentData(TOOLTIP) or "")
        chooser.setToolTip(words)
        self.passages[clause].setText(words)

    def choices(self) -> dict[Clause, int | None]:
        return {clause: chooser.currentData() for clause, chooser in self.choosers.items()}

    def _missing_changed(self) -> None:
        missing = [c for c, index in self.choices().items() if index is None]
        self.keep.setVisible(bool(missing))
        self.missing.setVisible(bool(missing))
        if not missing:
            self.keep.setChecked(False)
        names = "; ".join(c.title for c in missing)
        them = "them" if len(missing) != 1 else "it"
        self.missing.setText(
            f"No passage for {len(missing)} rule{'s' if len(missing) != 1 else ''}: {names}. "
            f"The product still enforces {them}; letters cite {them} in the product's own "
            f"plain words, never as a quote. Tick the box to record that the centre keeps "
            f"{them} in force."
            if missing
            else ""
        )

    def submit(self) -> None:
        self.result_value = self._save(self.choices(), self.keep.isChecked())


class MapRulesDialog(RuleMapDialog):
    """For a version in force published before rules were mapped."""

    def __init__(self, parent: QWidget | None, session: Session, version: PolicyVersion) -> None:
        suggestions = policy.suggest_rule_map(session, version.text)
        super().__init__(
            parent,
            suggestions.passages,
            suggestions.suggested,
            f"the version in force (version {version.number})",
            lambda choices, kept: policy.map_rules_of_current(session, choices, kept_in_force=kept),
        )
        self.mapped: RuleMap | None = None

    def submit(self) -> None:
        super().submit()
        assert isinstance(self.result_value, RuleMap)
        self.mapped = self.result_value


class AddDataProtectionDialog(FormDialog):
    def __init__(self, parent: QWidget | None, session: Session, today: date) -> None:
        super().__init__(
            parent,
            "Add the Data Protection Policy",
            "Add policy",
            "Clause 3 of the Confidentiality Policy says it is read with the "
            "Data Protection Policy. Paste the centre's Data Protection Policy "
            "here; it becomes its version 1.",
        )
        self._session = session
        self.text = document_edit("Policy text")
        self.effective_on = date_edit("In effect from", today)
        add_row(self.form, "Policy &text:", self.text)
        add_row(self.form, "In &effect from:", self.effective_on)
        self.added: PolicyVersion | None = None
        want(self, 100, PAGE_LINES)

    def submit(self) -> None:
        self.added = policy.add_data_protection_policy(
            self._session, text=self.text.toPlainText(), effective_on=picked_date(self.effective_on)
        )


class RecordAcknowledgementDialog(FormDialog):
    """A signed sheet came back: for the person chosen in the list, or a referrer typed in."""

    def __init__(
        self,
        parent: QWidget | None,
        session: Session,
        version: PolicyVersion,
        today: date,
        who: Outstanding | None = None,
    ) -> None:
        super().__init__(
            parent,
            "Record an acknowledgement",
            "Record acknowledgement",
            f"Someone signed a sheet for version {version.number} of the "
            f"Confidentiality Policy (in effect from "
            f"{long_date(version.effective_on)}).",
        )
        self._session, self._who = session, who
        self.who = QLabel(f"{who.name} ({who.group.singular.lower()}, {who.detail})" if who else "")
        self.who.setAccessibleName("Who signed")
        self.referrer_name = line_edit("Referrer's name")
        self.agency = line_edit("Referrer's agency")
        if who is None or who.group is Group.REFERRER:
            self.referrer_name.setText(who.name if who else "")
            self.agency.setText(who.agency if who else "")
            add_row(self.form, "Referrer's &name:", self.referrer_name)
            add_row(self.form, "Referrer's a&gency:", self.agency)
        else:
            self.form.addRow("Who signed:", self.who)
        self.signed_on = date_edit("Signed on", today)
        self.how = named(QComboBox(), "Which sheet")
        for how in HowAcknowledged:
            self.how.addItem(how.label, how)
        if who is not None and who.group is Group.PARENT:
            self.how.setCurrentIndex(self.how.findData(HowAcknowledged.INTAKE_FORM))
        self.kept_at = line_edit(
            "Where the signed sheet is kept", placeholder="for example, staff files, cabinet 2"
        )
        add_row(self.form, "&Signed on:", self.signed_on)
        add_row(self.form, "&Which sheet:", self.how)
        add_row(self.form, "&Kept at:", self.kept_at)

    def submit(self) -> None:
        who = self._who
        group = who.group if who else Group.REFERRER
        policy.record_acknowledgement(
            self._session,
            group,
            acknowledged_on=picked_date(self.signed_on),
            how=self.how.currentData(),
            kept_at=self.kept_at.text(),
            staff_id=who.staff_id if who else None,
            person_id=who.person_id if who else None,
            referrer_name=self.referrer_name.text(),
            agency=self.agency.text(),
        )
