"""The Policy screen (clause ix and the annual review).

Everyone reads the policy here as it is printed, earlier versions too, and
prints acknowledgement sheets. A manager also records the annual review,
publishes a new version, adds the Data Protection Policy, and keeps the
register of who acknowledged which version, with who has not, per group.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.dates import long_date
from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.domain.policy_documents import (
    AcknowledgementSheet,
    DocumentKind,
    Group,
    GroupOutstanding,
    Outstanding,
    PolicyVersion,
    ReviewStatus,
    SheetVariant,
)
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services import policy_documents as policy
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.dialogs import policy_sheets
from stmarys_desktop.ui.dialogs.policy_forms import (
    AddDataProtectionDialog,
    MapRulesDialog,
    PublishVersionDialog,
    RecordAcknowledgementDialog,
    RecordReviewDialog,
)
from stmarys_desktop.ui.dialogs.policy_viewer import PolicyText, VersionChooser, version_details
from stmarys_desktop.ui.models.policy import (
    AcknowledgementsModel,
    OutstandingModel,
    ReviewsModel,
    RuleMapModel,
)
from stmarys_desktop.ui.offers import cited, may, selected_row, show_decision, table
from stmarys_desktop.ui.screens.base import Host, Screen
from stmarys_desktop.ui.widgets import MessageLabel, add_row, button, line_edit, named, paragraph

ABOUT = (
    "The centre's policies as they are printed. Staff, parents and referrers are made "
    "aware of the Confidentiality Policy and may see it on request (clause ix). Press F1 "
    "on any screen to read it."
)


def review_sentence(status: ReviewStatus | None) -> str:
    if status is None:
        return ""
    version = status.version
    start = (
        f"Version {version.number} is in effect from {long_date(version.effective_on)}. "
        f"Its annual review is due on {long_date(status.due_on)}"
    )
    if status.overdue:
        return start + " and is overdue: record it with Record review."
    if status.due_soon:
        days = status.days_left
        return start + (", today." if days == 0 else f", in {days} day{'s' if days != 1 else ''}.")
    return start + "."


class PolicyScreen(Screen):
    title = "Policy"
    permission = Permission.VIEW_POLICY

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.about = paragraph(ABOUT, "About the Policy screen")
        self.content.addWidget(self.about)
        self.chooser = VersionChooser()
        self.status = paragraph("", "Review status")
        self.content.addWidget(self.chooser)
        self.content.addWidget(self.status)
        self.tabs = named(QTabWidget(), "Policy sections")
        self.tabs.addTab(self._text_tab(), "The &text")
        self.rules_tab = self._rules_tab()
        self.tabs.addTab(self.rules_tab, "R&ules and passages")
        self.tabs.addTab(self._reviews_tab(), "&Reviews")
        self.sheets_tab = self._sheets_tab()
        self.tabs.addTab(self.sheets_tab, "Acknowledgement &sheets")
        self.acknowledgements_tab = self._acknowledgements_tab()
        self.tabs.addTab(self.acknowledgements_tab, "Ac&knowledgements")
        self.content.addWidget(self.tabs, 1)
        self.message = MessageLabel()
        self.content.addWidget(self.message)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.load_outstanding)
        self.chooser.document.currentIndexChanged.connect(self._document_chosen)
        self.chooser.version.currentIndexChanged.connect(self._version_chosen)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._current: PolicyVersion | None = None
        self._outstanding: dict[Group, GroupOutstanding] = {}

    # -- building ----------------------------------------------------------------------

    def _text_tab(self) -> QWidget:
        tab = QWidget()
        self.text = PolicyText()
        self.details = paragraph("", "About this version")
        self.review_button = button(
            "Record rev&iew…", "Record review", "Record this year's review of the policy"
        )
        self.publish_button = button("&Publish new version…", "Publish new version")
        self.add_dp_button = button(
            "&Add the Data Protection Policy…",
            "Data Protection Policy",
            "Add the Data Protection Policy that clause 3 refers to",
        )
        self.publish_reason = paragraph("", "Why a new version cannot be published yet")
        self.review_button.clicked.connect(self.record_review)
        self.publish_button.clicked.connect(self.publish_version)
        self.add_dp_button.clicked.connect(self.add_data_protection)
        row = QHBoxLayout()
        for widget in (self.review_button, self.publish_button, self.add_dp_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.details)
        layout.addLayout(row)
        layout.addWidget(self.publish_reason)
        return tab

    def _rules_tab(self) -> QWidget:
        tab = QWidget()
        self.rules_model = RuleMapModel()
        self.rules_table, _ = table(self.rules_model, "Rules and passages", sortable=False)
        self.rules_note = paragraph("", "About the rules and passages")
        self.map_button = button(
            "&Map the rules…",
            "Map the rules",
            "Choose the passage of the version in force that states each rule",
        )
        self.map_button.clicked.connect(self.map_rules)
        row = QHBoxLayout()
        row.addWidget(self.map_button)
        row.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.rules_note)
        layout.addWidget(self.rules_table, 1)
        layout.addLayout(row)
        return tab

    def _reviews_tab(self) -> QWidget:
        tab = QWidget()
        self.reviews_model = ReviewsModel()
        self.reviews_table, _ = table(self.reviews_model, "Reviews", sortable=False)
        layout = QVBoxLayout(tab)
        layout.addWidget(
            paragraph(
                "The policy is reviewed every year; each review is kept here, newest first.",
                "About the reviews",
            )
        )
        layout.addWidget(self.reviews_table, 1)
        return tab

    def _sheets_tab(self) -> QWidget:
        tab = QWidget()
        self.variant = named(QComboBox(), "Sheet")
        for variant in SheetVariant:
            self.variant.addItem(variant.label, variant)
        self.sheet_name = line_edit("Name on the sheet", placeholder="for a personal sheet")
        self.sheet_role = line_edit(
            "Role on the sheet", placeholder="for example, volunteer, or parent"
        )
        self.sheet_rows = named(QSpinBox(), "Rows to sign")
        self.sheet_rows.setRange(1, policy.MAX_SHEET_ROWS)
        self.sheet_rows.setValue(policy.GROUP_SHEET_ROWS)
        self.paper = named(QComboBox(), "Paper size")
        for size in policy.PAPER_SIZES:
            self.paper.addItem(size, size)
        self.paper.activated.connect(self.save_paper_size)
        form = QFormLayout()
        add_row(form, "Sh&eet:", self.variant)
        add_row(form, "&Name:", self.sheet_name)
        add_row(form, "Role:", self.sheet_role)
        add_row(form, "Ro&ws to sign:", self.sheet_rows)
        add_row(form, "P&aper:", self.paper)
        self.print_button = button("&Print…", "Print")
        self.preview_button = button("Print prev&iew…", "Print preview")
        self.pdf_button = button("Save as PD&F…", "Save as PDF")
        self.print_button.clicked.connect(self.print_sheet)
        self.preview_button.clicked.connect(self.preview_sheet)
        self.pdf_button.clicked.connect(self.save_sheet_pdf)
        self.no_printer = paragraph("", "Printer")
        self.sheet_message = MessageLabel("Sheet message")
        row = QHBoxLayout()
        for widget in (self.print_button, self.preview_button, self.pdf_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(
            paragraph(
                "Each sheet is the current version of the Confidentiality Policy followed by "
                "rows for Name, Signature and Date: a blank sheet for a group (a staff meeting), "
                "a personal sheet with one person's name and role printed, or the short form a "
                "parent signs at intake.",
                "About the sheets",
            )
        )
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.no_printer)
        layout.addWidget(self.sheet_message)
        layout.addStretch(1)
        self.variant.currentIndexChanged.connect(self._variant_chosen)
        self._variant_chosen()
        return tab

    def _acknowledgements_tab(self) -> QWidget:
        tab = QWidget()
        self.summary = paragraph("", "Acknowledgement summary")
        self.group = named(QComboBox(), "Group")
        for group in Group:
            self.group.addItem(group.label, group)
        self.find = named(QLineEdit(), "Find by name")
        self.find.setPlaceholderText("Find by name or agency")
        self.find.setClearButtonEnabled(True)
        for clear in self.find.findChildren(QToolButton):
            clear.setAccessibleName("Clear the search")
        top = QHBoxLayout()
        for text, field in (("&Not yet acknowledged:", self.group), ("&Find:", self.find)):
            label = QLabel(text)
            label.setBuddy(field)
            top.addWidget(label)
            top.addWidget(field, 1 if field is self.find else 0)
        self.outstanding_model = OutstandingModel()
        self.outstanding_table, _ = table(
            self.outstanding_model, "Not yet acknowledged", sortable=False
        )
        self.outstanding_note = paragraph("", "How many are listed")
        self.record_button = button(
            "Record ackno&wledgement…",
            "Record acknowledgement",
            "Record the signed sheet of the person chosen above",
        )
        self.other_referrer_button = button(
            "&Another referrer…", "Another referrer", "Record a referrer who is not in the list"
        )
        self.personal_button = button(
            "&Personal sheet…", "Personal sheet", "Prepare a sheet with this person's name and role"
        )
        self.record_button.clicked.connect(self.record_acknowledgement)
        self.other_referrer_button.clicked.connect(self.record_other_referrer)
        self.personal_button.clicked.connect(self.personal_sheet)
        actions = QHBoxLayout()
        for widget in (self.record_button, self.other_referrer_button, self.personal_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        self.register_model = AcknowledgementsModel()
        self.register_table, _ = table(
            self.register_model, "Acknowledgement register", sortable=False
        )
        register_box = named(QGroupBox("Register"), "Register")
        self.register_note = paragraph("", "Register count")
        box_layout = QVBoxLayout(register_box)
        box_layout.addWidget(self.register_note)
        box_layout.addWidget(self.register_table)
        self._outstanding_widgets = [
            self.summary,
            self.group,
            self.find,
            self.outstanding_table,
            self.outstanding_note,
            self.record_button,
            self.personal_button,
            *[
                top.itemAt(i).widget()
                for i in range(top.count())
                if isinstance(top.itemAt(i).widget(), QLabel)
            ],
        ]
        layout = QVBoxLayout(tab)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.outstanding_table, 1)
        layout.addWidget(self.outstanding_note)
        layout.addLayout(actions)
        layout.addWidget(register_box, 1)
        self.group.currentIndexChanged.connect(lambda _i: self._show_outstanding())
        self.find.textChanged.connect(lambda _t: self._search_timer.start())
        self.outstanding_table.selectionModel().selectionChanged.connect(
            lambda *_: self._selection_changed()
        )
        return tab

    # -- filling -----------------------------------------------------------------------

    @property
    def managing(self) -> bool:
        return self.session is not None and self.session.can(Permission.MANAGE_POLICY)

    def refresh(self) -> None:
        session = self.session
        if session is None:
            return
        self.message.clear_message()
        try:
            self.about.setText(cited(session, ABOUT))
            kinds = policy.documents(session)
            self.chooser.set_documents(kinds)
            self._load_document()
            self.paper.setCurrentIndex(max(self.paper.findData(policy.paper_size(session)), 0))
        except StMarysError as exc:
            self.message.show_error(messages.plain_text(exc))
            return
        show_decision(self.paper, may(session, Permission.MANAGE_SETTINGS, "change the paper size"))
        self.tabs.setTabVisible(self.tabs.indexOf(self.acknowledgements_tab), self.managing)
        for widget in (self.review_button, self.publish_button, self.publish_reason):
            widget.setVisible(self.managing)
        self.add_dp_button.setVisible(self.managing and DocumentKind.DATA_PROTECTION not in kinds)
        self._printer_state()
        if self.tabs.currentWidget() is self.acknowledgements_tab and self.managing:
            self.load_acknowledgements()

    def _load_document(self) -> None:
        session, kind = self.session, self.chooser.kind
        if session is None or kind is None:
            return
        self.chooser.set_versions(policy.versions(session, kind))
        self._current = self.chooser.versions[0] if self.chooser.versions else None
        self.status.setText(review_sentence(policy.review_status(session, kind)))
        self.reviews_model.set_rows(policy.reviews(session, kind))
        self._version_chosen()
        self._publish_state()

    def _document_chosen(self, *_: object) -> None:
        try:
            self._load_document()
        except StMarysError as exc:
            self.message.show_error(messages.plain_text(exc))

    def _version_chosen(self, *_: object) -> None:
        version = self.chooser.chosen
        self.text.show_version(version)
        words = version_details(version) if version else ""
        if (
            version is not None
            and self._current is not None
            and version.number != self._current.number
        ):
            words = f"An earlier version, replaced by version {self._current.number}. " + words
        self.details.setText(words)
        self._show_rules(version)
        if self.tabs.currentWidget() is self.acknowledgements_tab and self.managing:
            self.load_acknowledgements()

    def _show_rules(self, version: PolicyVersion | None) -> None:
        session = self.session
        confidentiality = self.chooser.kind in (None, DocumentKind.CONFIDENTIALITY)
        self.tabs.setTabVisible(self.tabs.indexOf(self.rules_tab), confidentiality)
        if session is None or version is None or not confidentiality:
            self.rules_model.clear()
            self.map_button.setVisible(False)
            return
        cited = policy.citations(session, version.number)
        self.rules_model.set_rows(cited)
        kept = [c for c in cited if not c.quoted]
        in_force = self._current is not None and version.number == self._current.number
        unmapped = in_force and policy.needs_rule_map(session)
        self.map_button.setVisible(unmapped and self.managing)
        self.rules_note.setText(
            f"How letters, refusals and screens cite each rule the product enforces under "
            f"version {version.number}"
            + (" (the version in force)" if in_force else "")
            + ". "
            + (
                "Its rules have not been mapped to its passages yet, so every rule is cited "
                "in the product's plain words; a manager can map them. "
                if unmapped
                else ""
            )
            + (
                (
                    f"{len(kept)} rules are not stated in its words; the centre keeps them in "
                    "force and the product enforces them, cited in plain words (in italics here)."
                    if len(kept) != 1
                    else "1 rule is not stated in its words; the centre keeps it in force and the "
                    "product enforces it, cited in plain words (in italics here)."
                )
                if kept and not unmapped
                else ""
            )
        )

    def _publish_state(self) -> None:
        session = self.session
        if session is None or not self.managing:
            return
        offered = policy.publish_offer(session, self.chooser.kind or DocumentKind.CONFIDENTIALITY)
        reason = show_decision(
            self.publish_button, offered, tip="Publish an edited text as the next version"
        )
        self.publish_reason.setText(reason or "")
        self.publish_reason.setVisible(bool(reason))

    def _printer_state(self) -> None:
        installed = policy_sheets.printers_installed()
        self.print_button.setEnabled(installed)
        reason = "" if installed else policy_sheets.NO_PRINTER
        self.print_button.setToolTip(reason or "Print the sheet")
        self.print_button.setAccessibleDescription(reason)
        self.no_printer.setText(reason + ("." if reason else ""))
        self.no_printer.setVisible(not installed)

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.acknowledgements_tab and self.managing:
            self.load_acknowledgements()

    def clear(self) -> None:
        self._search_timer.stop()
        self.text.clear()
        self.details.clear()
        self.status.clear()
        self.chooser.set_versions([])
        self.chooser.document.clear()
        for model in (
            self.reviews_model,
            self.outstanding_model,
            self.register_model,
            self.rules_model,
        ):
            model.clear()
        self.summary.clear()
        self.register_note.clear()
        self.outstanding_note.clear()
        self.sheet_name.clear()
        self.sheet_role.clear()
        self._outstanding = {}
        self._current = None

    # -- acknowledgements ----------------------------------------------------------------

    def load_acknowledgements(self) -> None:
        session = self.session
        if session is None:
            return
        chosen = self.chooser.chosen
        current = self._current.number if self._current else 1
        version = (
            chosen.number
            if chosen is not None and self.chooser.kind in (None, DocumentKind.CONFIDENTIALITY)
            else current
        )
        try:
            count, rows = policy.register(session, version_number=version)
        except StMarysError as exc:
            self.message.show_error(messages.plain_text(exc))
            return
        self.register_model.set_rows(rows)
        shown = f" (the newest {len(rows):,} shown)" if len(rows) < count else ""
        earlier = version != current
        self.register_note.setText(
            f"{count:,} acknowledgement{'s' if count != 1 else ''} of version {version} "
            f"recorded{shown}."
            + (
                f" Version {version} is no longer in force; its register is kept as it was. "
                f"Choose version {current} above to record acknowledgements."
                if earlier
                else ""
            )
        )
        for widget in self._outstanding_widgets:
            widget.setVisible(not earlier)
        if earlier:
            self.other_referrer_button.setVisible(False)
        else:
            self.load_outstanding()

    def load_outstanding(self) -> None:
        session = self.session
        if session is None or not self.managing:
            return
        try:
            self._outstanding = policy.not_acknowledged(session, name_contains=self.find.text())
        except StMarysError as exc:
            self.message.show_error(messages.plain_text(exc))
            return
        parts = [
            f"{g.label.lower()} {o.acknowledged:,} of {o.total:,}"
            for g, o in self._outstanding.items()
        ]
        version = self._current.number if self._current else 1
        self.summary.setText(f"Acknowledged version {version} so far: " + ", ".join(parts) + ".")
        self._show_outstanding()

    def _show_outstanding(self) -> None:
        group = Group(self.group.currentData())
        found = self._outstanding.get(group)
        self.outstanding_model.set_rows(found.listed if found else [])
        if found is None:
            self.outstanding_note.clear()
        else:
            searching = (
                f" matching \u201c{self.find.text().strip()}\u201d"
                if self.find.text().strip()
                else ""
            )
            self.outstanding_note.setText(
                f"{found.outstanding:,} {group.label.lower()} have not acknowledged this "
                f"version; {len(found.listed):,} listed{searching}."
            )
        self.other_referrer_button.setVisible(group is Group.REFERRER)
        self._selection_changed()

    def _selection_changed(self) -> None:
        chosen = self.selected_outstanding() is not None
        self.record_button.setEnabled(chosen)
        self.personal_button.setEnabled(chosen)

    def selected_outstanding(self) -> Outstanding | None:
        return selected_row(self.outstanding_table)

    def _today(self) -> date:
        assert self.session is not None
        return self.session.centre.clock().date()

    def record_acknowledgement(self, who: Outstanding | None = None) -> None:
        who = who or self.selected_outstanding()
        if self.session is None or self._current is None or who is None:
            return
        self._record(who)

    def record_other_referrer(self) -> None:
        if self.session is None or self._current is None:
            return
        self._record(None)

    def _record(self, who: Outstanding | None) -> None:
        assert self.session is not None and self._current is not None
        version = policy.current_version(self.session)
        assert version is not None
        dialog = RecordAcknowledgementDialog(self, self.session, version, self._today(), who)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load_acknowledgements()
            self.host.show_status("The acknowledgement was recorded.")

    def personal_sheet(self) -> None:
        who = self.selected_outstanding()
        if who is None:
            return
        variant = SheetVariant.INTAKE if who.group is Group.PARENT else SheetVariant.PERSONAL
        self.variant.setCurrentIndex(self.variant.findData(variant))
        self.sheet_name.setText(who.name)
        self.sheet_role.setText(who.group.singular if who.group is Group.PARENT else who.detail)
        self.tabs.setCurrentWidget(self.sheets_tab)
        self.preview_button.setFocus()

    # -- the manager's actions -----------------------------------------------------------

    def _kind(self) -> DocumentKind:
        return self.chooser.kind or DocumentKind.CONFIDENTIALITY

    def record_review(self) -> None:
        if self.session is None or self._current is None:
            return
        dialog = RecordReviewDialog(self, self.session, self._kind(), self._current, self._today())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.host.show_status(f"The review of the {self._kind().label} was recorded.")

    def publish_version(self) -> None:
        if self.session is None or self._current is None:
            return
        dialog = PublishVersionDialog(
            self, self.session, self._kind(), self._current, self._today()
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.published is not None:
            self.refresh()
            messages.inform(
                self,
                "New version published",
                f"Version {dialog.published.number} of the {self._kind().label} "
                f"is in effect from {long_date(dialog.published.effective_on)}. "
                "Everyone is asked to acknowledge it: print the sheets on the "
                "Acknowledgement sheets tab.",
            )

    def map_rules(self) -> None:
        if self.session is None or self._current is None:
            return
        dialog = MapRulesDialog(self, self.session, self._current)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.host.show_status(
                f"The rules of version {self._current.number} were mapped to its passages."
            )

    def add_data_protection(self) -> None:
        if self.session is None:
            return
        dialog = AddDataProtectionDialog(self, self.session, self._today())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.chooser.document.setCurrentIndex(
                self.chooser.document.findData(DocumentKind.DATA_PROTECTION)
            )
            self.host.show_status("The Data Protection Policy was added.")

    def save_paper_size(self, _index: int) -> None:
        if self.session is None:
            return
        size = self.paper.currentData()
        try:
            policy.set_paper_size(self.session, size)
        except StMarysError as exc:
            self.sheet_message.show_error(messages.plain_text(exc))
            return
        self.host.show_status(f"Sheets are now printed on {size} paper.")

    # -- sheets --------------------------------------------------------------------------

    def _variant_chosen(self, *_: object) -> None:
        variant = SheetVariant(self.variant.currentData())
        for field in (self.sheet_name, self.sheet_role):
            field.setEnabled(variant is not SheetVariant.GROUP)
        self.sheet_rows.setEnabled(variant is SheetVariant.GROUP)

    def current_sheet(self) -> AcknowledgementSheet:
        assert self.session is not None
        variant = SheetVariant(self.variant.currentData())
        return policy.acknowledgement_sheet(
            self.session,
            variant,
            name=self.sheet_name.text(),
            role=self.sheet_role.text(),
            rows=self.sheet_rows.value() if variant is SheetVariant.GROUP else None,
        )

    def _sheet_action(self, action: Callable[[AcknowledgementSheet, str], object]) -> None:
        if self.session is None:
            return
        self.sheet_message.clear_message()
        try:
            sheet = self.current_sheet()
            result = action(sheet, policy.paper_size(self.session))
        except StMarysError as exc:
            self.sheet_message.show_error(messages.plain_text(exc))
            return
        if isinstance(result, str) and result:
            self.sheet_message.show_note(result)
            self.host.show_status(result)

    def print_sheet(self) -> None:
        def send(sheet: AcknowledgementSheet, paper: str) -> str:
            if not policy_sheets.printers_installed():
                return policy_sheets.NO_PRINTER + "."
            sent = policy_sheets.print_with_dialog(self, sheet, paper)
            return "The sheet was sent to the printer." if sent else ""

        self._sheet_action(send)

    def preview_sheet(self) -> None:
        self._sheet_action(lambda sheet, paper: policy_sheets.preview(self, sheet, paper))

    def save_sheet_pdf(self) -> None:
        def save(sheet: AcknowledgementSheet, paper: str) -> str:
            path = policy_sheets.save_pdf(self, sheet, paper)
            return f"The sheet was saved as {path}." if path else ""

        self._sheet_action(save)
