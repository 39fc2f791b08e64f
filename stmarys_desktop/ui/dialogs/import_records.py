"""Admin > Import: bring a centre's families, staff and future bookings in from its
spreadsheets (issue 22).

The person picks a file; each sheet's columns are matched by their headings and
can be changed; the preview lists every record with what the services' checks
found; the ticked records go in together, or none does. Everything is decided
in services/imports.py: this dialog shows the answers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.services import imports
from stmarys_desktop.services.import_columns import SheetPlan, set_column, write_template
from stmarys_desktop.services.import_files import delete_file
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.models.import_preview import PreviewColumn, PreviewModel
from stmarys_desktop.ui.offers import fit_to_screen
from stmarys_desktop.ui.screens.base import Host
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.tables import keep_names_whole
from stmarys_desktop.ui.widgets import button, close_buttons, heading, named, paragraph

TITLE = "Import records"
NOT_IMPORTED = "(not imported)"
ChoosePath = Callable[[QWidget, str], str]


def ask_open_path(parent: QWidget, title: str) -> str:
    chosen, _ = QFileDialog.getOpenFileName(
        parent, title, "", "Spreadsheets (*.xlsx *.csv);;All files (*)"
    )
    return chosen


def ask_template_path(parent: QWidget, title: str) -> str:
    chosen, _ = QFileDialog.getSaveFileName(
        parent, title, "import-template.xlsx", "Excel workbooks (*.xlsx)"
    )
    return chosen


class ImportDialog(Dialog):
    def __init__(
        self,
        parent: QWidget | None,
        host: Host,
        session: Session,
        *,
        open_path: ChoosePath = ask_open_path,
        template_path: ChoosePath = ask_template_path,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.session = session
        self.open_path = open_path
        self.template_path = template_path
        self.path: Path | None = None
        self.plans: list[SheetPlan] = []
        self.preview: imports.Preview | None = None
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(TITLE, 1.2))
        layout.addWidget(
            paragraph(
                "Bring in the families, staff and future bookings the centre keeps in "
                "spreadsheets (.xlsx or .csv). The template has one sheet for each, with a note "
                "under every heading. Every row is checked as if it were typed in by hand; "
                "nothing goes in until you import, and then everything ticked goes in together, "
                "or nothing does."
            )
        )
        files = QHBoxLayout()
        self.choose_button = button(
            "&Choose file…", "Choose file", "Pick the spreadsheet to import from"
        )
        self.template_button = button(
            "Save &template…", "Save template", "Write an empty workbook to fill in"
        )
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button.clicked.connect(self.save_template)
        self.file_label = paragraph("No file chosen yet.", "Chosen file")
        files.addWidget(self.choose_button)
        files.addWidget(self.template_button)
        files.addWidget(self.file_label, 1)
        layout.addLayout(files)
        self.summary = paragraph("", "Preview summary")
        self.model = PreviewModel()
        self.table = named(QTableView(), "Rows of the file")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        keep_names_whole(self.table)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.model.dataChanged.connect(lambda *_: self._show_summary())
        # The preview gets the room; the column matching can be dragged taller.
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self._columns_box())
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(self.table, 1)
        split.addWidget(lower)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        layout.addWidget(split, 1)
        self.notices = paragraph("", "Notes about the file")
        self.notices.hide()
        layout.addWidget(self.notices)
        actions = QHBoxLayout()
        self.import_button = button(
            "&Import the ticked rows",
            "Import the ticked rows",
            "All of them go in together, or none does",
        )
        self.import_button.clicked.connect(self.run_import)
        self.import_button.setEnabled(False)
        actions.addWidget(self.import_button)
        actions.addStretch(1)
        actions.addWidget(close_buttons(self))
        layout.addLayout(actions)
        fit_to_screen(self, 160, 48)

    def _columns_box(self) -> QGroupBox:
        box = named(QGroupBox("Columns"), "Columns")
        self.sheet_combo = named(QComboBox(), "Sheet of the file")
        self.sheet_combo.currentIndexChanged.connect(self._show_columns)
        label = QLabel("&Sheet:")
        label.setBuddy(self.sheet_combo)
        self.recheck_button = button(
            "Check &again", "Check again", "Check every row again with the columns as chosen"
        )
        self.recheck_button.clicked.connect(self.check)
        self.recheck_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.sheet_combo, 1)
        top.addWidget(self.recheck_button)
        self.columns = named(QTableWidget(0, 2), "Columns of the sheet")
        self.columns.setHorizontalHeaderLabels(["Heading in the file", "Imported as"])
        self.columns.horizontalHeader().setStretchLastSection(True)
        self.columns.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.columns.verticalHeader().hide()
        self.columns.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        layout = QVBoxLayout(box)
        layout.addLayout(top)
        layout.addWidget(self.columns)
        return box

    # -- the file ---------------------------------------------------------------------------

    def save_template(self) -> None:
        chosen = self.template_path(self, "Save the import template")
        if not chosen:
            return
        try:
            write_template(Path(chosen))
        except (StMarysError, OSError) as exc:
            messages.show_error(self, TITLE, exc)
            return
        messages.inform(
            self,
            TITLE,
            f"The template was saved as {Path(chosen).name}. Fill "
            "in a row for each person, member of staff or session "
            "under the notes, then choose it here.",
        )

    def choose_file(self) -> None:
        chosen = self.open_path(self, "Choose the spreadsheet to import")
        if not chosen:
            return
        self.path = Path(chosen)
        self.file_label.setText(f"File: {self.path.name}")
        try:
            self.plans = imports.read_plans(self.path)
        except (StMarysError, OSError) as exc:
            self.plans = []
            self._clear_preview(messages.plain_text(exc))
            self._fill_sheets()
            return
        self._fill_sheets()
        self.check()

    def _fill_sheets(self) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for plan in self.plans:
            what = f"read as {plan.kind.label.lower()}" if plan.kind else "not recognised, left out"
            self.sheet_combo.addItem(f"{plan.sheet.name}: {what}")
        self.sheet_combo.blockSignals(False)
        self.recheck_button.setEnabled(bool(self.plans))
        self._show_columns()

    def _show_columns(self) -> None:
        index = self.sheet_combo.currentIndex()
        plan = self.plans[index] if 0 <= index < len(self.plans) else None
        self.columns.setRowCount(0)
        if plan is None or plan.kind is None:
            return
        fields = imports.columns_of(plan.kind)
        self.columns.setRowCount(len(plan.headers))
        for row, title in enumerate(plan.headers):
            shown = QTableWidgetItem(title or f"(column {row + 1}, no heading)")
            self.columns.setItem(row, 0, shown)
            combo = named(QComboBox(), f"Imported as, for the column {title or row + 1}")
            combo.addItem(NOT_IMPORTED, None)
            for key, heading_text in fields:
                combo.addItem(heading_text, key)
            current = plan.mapping.get(row)
            combo.setCurrentIndex(combo.findData(current) if current else 0)
            combo.currentIndexChanged.connect(
                lambda _i, p=plan, c=row, box=combo: self._column_chosen(p, c, box)
            )
            self.columns.setCellWidget(row, 1, combo)

    def _column_chosen(self, plan: SheetPlan, column: int, combo: QComboBox) -> None:
        set_column(plan, column, combo.currentData())
        self._show_columns()
        self.summary.setText(
            "Columns changed: press Check again to see every row checked with them."
        )
        self.import_button.setEnabled(False)

    # -- the preview and the import -------------------------------------------------------

    def check(self) -> None:
        if not self.plans:
            return
        plans = self.plans
        self.host.run_task(
            TITLE,
            "Checking every row…",
            lambda progress: imports.build_preview(self.session, plans, progress),
            self._show_preview,
            lambda exc: self._clear_preview(messages.plain_text(exc)),
        )

    def _clear_preview(self, text: str) -> None:
        self.preview = None
        self.model.clear()
        self.summary.setText(text)
        self.notices.setText("")
        self.notices.hide()
        self.import_button.setEnabled(False)

    def _show_preview(self, preview: imports.Preview) -> None:
        self.preview = preview
        self.model.set_rows(preview.records)
        self.notices.setText("\n".join(preview.problems + preview.notices))
        self.notices.setVisible(bool(self.notices.text()))
        self.table.resizeColumnsToContents()
        width = self.fontMetrics().averageCharWidth()
        for column, chars in ((PreviewColumn.WHERE, 24), (PreviewColumn.RECORD, 36)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), width * chars))
        self._show_summary()

    def _show_summary(self) -> None:
        preview = self.preview
        if preview is None:
            return
        records = preview.records
        blocked = sum(bool(r.problems) for r in records)
        waiting = sum(bool(r.warnings) and not r.problems for r in records)
        chosen = len(self.model.chosen_records())
        self.summary.setText(
            f"{preview.counts_text().capitalize()}: {len(records) - blocked - waiting} ready, "
            f"{waiting} need your decision (tick them to import them anyway), {blocked} "
            f"cannot be imported until the file is put right. {chosen} ticked."
        )
        self.import_button.setEnabled(chosen > 0 and not preview.problems)

    def run_import(self) -> None:
        preview = self.preview
        chosen = self.model.chosen_records()
        if preview is None or not chosen:
            return
        self.host.run_task(
            TITLE,
            f"Importing {len(chosen)} records…",
            lambda progress: imports.import_records(self.session, preview, chosen, progress),
            self._imported,
            lambda exc: messages.show_error(self, TITLE, exc),
        )

    def _imported(self, done: imports.Imported) -> None:
        self._clear_preview(
            f"Imported {done.families} families, {done.staff} staff and "
            f"{done.bookings} future bookings."
        )
        path = self.path
        if path is None:
            return
        if messages.ask(
            self,
            TITLE,
            f"Imported {done.families} families, {done.staff} staff "
            f"and {done.bookings} future bookings.\n\n"
            f"{imports.PLAIN_TEXT_WARNING}\n\nDelete {path.name} now?",
            f"Delete {path.name}",
            "Keep it",
        ):
            try:
                delete_file(path)
            except (StMarysError, OSError) as exc:
                messages.show_error(self, TITLE, exc)
                return
            self.file_label.setText(f"{path.name} was deleted.")
