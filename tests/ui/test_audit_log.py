"""Admin > Audit log and Admin > Authorities (issue 15, items 8 and 1)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QLineEdit, QMessageBox

from stmarys_desktop.printing.document import CONFIDENTIAL
from stmarys_desktop.services import authorities
from stmarys_desktop.store import audit
from stmarys_desktop.ui.dialogs.audit_log import AuditLogDialog
from stmarys_desktop.ui.dialogs.authorities import AuthoritiesDialog
from stmarys_desktop.ui.forms import CallbackForm
from stmarys_desktop.ui.models.audit_log import AuditColumn
from stmarys_desktop.ui.screens.admin import AdminScreen
from tests.ui.helpers import click, find


def shown(dialog: AuditLogDialog, column: AuditColumn) -> list[str]:
    return [dialog.proxy.index(r, column).data() for r in range(dialog.proxy.rowCount())]


def test_clause_vii_admin_audit_log_lists_filters_and_prints_as_an_internal_printout(
    qtbot, admin: AdminScreen, monkeypatch, tmp_path: Path
) -> None:
    dialogs: list[AuditLogDialog] = []

    def look(dialog: AuditLogDialog) -> int:
        dialogs.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AuditLogDialog, "exec", look)
    click(qtbot, admin, "Audit log")
    (dialog,) = dialogs
    qtbot.addWidget(dialog)
    session = admin.session
    # Who did it, by full name, not by login (issue 18, item 5).
    assert session.account.display_name in shown(dialog, AuditColumn.WHO)
    assert session.user_name not in shown(dialog, AuditColumn.WHO)
    assert shown(dialog, AuditColumn.WHAT)[0] == "audit_log.view"  # opening it is logged
    find(dialog, QLineEdit, "What filter").setText("account.create")
    whats = shown(dialog, AuditColumn.WHAT)
    assert whats and all(w.startswith("account.create") for w in whats)
    assert "entr" in dialog.count.text()
    find(dialog, QLineEdit, "Who filter").setText("nobody-of-that-name")
    assert shown(dialog, AuditColumn.WHO) == []
    assert dialog.count.text() == "No entry matches the filter."
    find(dialog, QLineEdit, "Who filter").clear()

    target = tmp_path / "audit.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), ""))
    )
    click(qtbot, dialog, "Save as PDF for internal use")
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(target).pages]
    assert all(CONFIDENTIAL in page for page in pages)
    assert "account.create" in pages[0] and 'what contains "account.create"' in pages[0]
    assert session.account.display_name in pages[0]
    last = next(audit.entries(session.centre.conn, newest_first=True, limit=1))
    assert last.action == "audit_log.print"


def test_clause_4_admin_authorities_are_added_from_the_screen_and_a_person_is_refused(
    qtbot, admin: AdminScreen, monkeypatch, answer
) -> None:
    dialogs: list[AuthoritiesDialog] = []
    monkeypatch.setattr(
        AuthoritiesDialog,
        "exec",
        lambda dialog: dialogs.append(dialog) or QDialog.DialogCode.Accepted,
    )
    click(qtbot, admin, "Authorities")
    (dialog,) = dialogs
    qtbot.addWidget(dialog)
    forms: list[CallbackForm] = []

    def fill(name: str):
        def typed(form: CallbackForm) -> None:
            forms.append(form)
            find(form, QLineEdit, "Name of the authority").setText(name)
            kinds = find(form, QComboBox, "Kind of authority")
            kinds.setCurrentIndex(kinds.findText("The police"))
            find(form, QLineEdit, "Contact point").setText("Public protection unit")

        return typed

    answer(CallbackForm, fill("Westshire Police"))
    click(qtbot, dialog, "Add an authority")
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "Police"
    # Who added it, by full name (issue 18, item 5).
    assert dialog.table.item(0, 3).text() == admin.session.account.display_name
    answer(CallbackForm, fill("dritha  SNAELOWE"))  # the coordinator's own name
    click(qtbot, dialog, "Add an authority")
    assert "name of a person on the centre's records" in forms[-1].message.text()
    assert [a.name for a in authorities.authorities(admin.session)] == ["Westshire Police"]
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    dialog.table.selectRow(0)
    click(qtbot, dialog, "Take off the list")
    assert dialog.table.rowCount() == 0
    assert authorities.authorities(admin.session) == []


def test_the_audit_log_model_sorts_by_the_chain_and_marks_refusals(qapp) -> None:
    from PySide6.QtCore import Qt

    from stmarys_desktop.domain.audit_rows import AuditRow
    from stmarys_desktop.ui.models.audit_log import AuditLogModel
    from stmarys_desktop.ui.models.base import SORT_ROLE

    model = AuditLogModel()
    model.set_rows(
        [
            AuditRow(
                9,
                "2026-12-02T10:00:00+00:00",
                "desk",
                "disclosure.contact_details",
                "SMC-2026-00001",
                "about person #4; to agency: clause iv",
                "refused",
            ),
            AuditRow(10, "2026-12-02T10:00:00+00:00", "manager", "audit_log.view", "", "", "done"),
        ]
    )
    first = model.index(0, AuditColumn.WHAT)
    assert first.data() == "disclosure.contact_details: about person #4; to agency: clause iv"
    assert model.index(0, AuditColumn.OUTCOME).data() == "Refused"
    assert first.data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(1, AuditColumn.WHAT).data(Qt.ItemDataRole.FontRole) is None
    # Two rows in the same second still sort in the order they happened.
    assert [model.index(r, AuditColumn.WHEN).data(SORT_ROLE) for r in (0, 1)] == [9, 10]
