"""Admin > Audit log and Admin > Authorities (issue 15, items 8 and 1)."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
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
    assert shown(dialog, AuditColumn.WHAT)[0] == "Audit log opened"  # opening it is logged
    find(dialog, QLineEdit, "What filter").setText("account added")  # as the screen says it
    whats = shown(dialog, AuditColumn.WHAT)
    assert whats and all(w.startswith("Account added") for w in whats)
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
    assert "Account added" in pages[0] and 'what contains "account added"' in pages[0]
    assert "account.create" not in pages[0]
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
    from stmarys_desktop.services.audit_words import what_words
    from stmarys_desktop.ui.models.audit_log import AuditLogModel
    from stmarys_desktop.ui.models.base import SORT_ROLE

    refused = ("disclosure.contact_details", "SMC-2026-00001", "about person #4; to agency")
    model = AuditLogModel()
    model.set_rows(
        [
            AuditRow(
                9,
                "2026-12-02T10:00:00+00:00",
                "desk",
                *refused,
                "refused",
                what=what_words(*refused, "refused"),
            ),
            AuditRow(10, "2026-12-02T10:00:00+00:00", "manager", "audit_log.view", "", "", "done"),
        ]
    )
    first = model.index(0, AuditColumn.WHAT)
    assert first.data() == "Disclose contact details: about person #4; to agency"
    assert model.index(0, AuditColumn.OUTCOME).data() == "Refused"
    assert first.data(Qt.ItemDataRole.FontRole).italic()
    assert model.index(1, AuditColumn.WHAT).data(Qt.ItemDataRole.FontRole) is None
    # Two rows in the same second still sort in the order they happened.
    assert [model.index(r, AuditColumn.WHEN).data(SORT_ROLE) for r in (0, 1)] == [9, 10]


CODE = re.compile(r"\b[a-z]+[._][a-z_]+\b|\d{4}-\d{2}-\d{2}")


def test_the_audit_log_says_each_event_in_plain_words_and_opens_a_page_tall(
    qtbot, admin: AdminScreen, monkeypatch
) -> None:
    """Issue 18: the What column showed "audit_log.view", "sign-in", ISO dates and the
    permission a refusal was stored under; a coordinator reads what happened, and the
    dates as the rest of the program shows them. The stored rows stay as they were."""
    session = admin.session
    # Rows as the services store them: a family opened, a session cancelled (its day and
    # time in the detail), a refusal stored under the permission refused.
    session.audit(action="family.view", subject="SMC-2026-00012")
    session.audit(
        action="register.cancel", subject="SMC-2026-00012", detail="2026-12-07 10:00, by the family"
    )
    session.audit(
        action="view_concern_details",
        subject="read the concern",
        detail="roles: coordinator,front_desk",
        outcome="refused",
    )
    for _ in range(30):
        session.audit(action="family.view", subject="SMC-2026-00013")
    dialogs: list[AuditLogDialog] = []
    monkeypatch.setattr(
        AuditLogDialog, "exec", lambda d: dialogs.append(d) or QDialog.DialogCode.Accepted
    )
    click(qtbot, admin, "Audit log")
    (dialog,) = dialogs
    qtbot.addWidget(dialog)
    whats = shown(dialog, AuditColumn.WHAT)
    assert whats[0] == "Audit log opened"
    for said in (
        "Family SMC-2026-00012 opened",
        "Session cancelled: 7 Dec 2026, 10:00, by the family",
        "Tried to read the concern: roles: Coordinator, Front desk",
        "Signed in",
        "Account added: roles: Coordinator",
    ):
        assert said in whats, said
    assert [w for w in whats if CODE.search(w)] == []
    # The day and time as the other tables show them.
    assert all(
        re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}", w)
        for w in shown(dialog, AuditColumn.WHEN)
    )
    # The stored rows keep the program's codes (the chain is never rewritten).
    stored = [e.action for e in audit.entries(session.centre.conn, newest_first=True, limit=40)]
    assert "family.view" in stored and "view_concern_details" in stored
    # It opens a page of entries tall (it opened ten rows high), each What whole.
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    qtbot.waitUntil(lambda: table.rowAt(table.viewport().height() - 1) >= 15)
    metrics = table.fontMetrics()
    for row in range(table.rowAt(table.viewport().height() - 1)):
        index = dialog.proxy.index(row, AuditColumn.WHAT)
        need = metrics.boundingRect(
            0,
            0,
            table.columnWidth(AuditColumn.WHAT) - 8,
            10_000,
            int(Qt.TextFlag.TextWordWrap),
            index.data(),
        )
        assert need.height() <= table.rowHeight(row), index.data()


def test_the_audit_log_names_the_people_it_numbers_while_the_record_has_them(
    qtbot, admin: AdminScreen, monkeypatch, staffed_centre: Path
) -> None:
    """The log keeps a family member or a member of staff by number ("person 581", "staff
    #3"), so that a family disposed of leaves no name in it; the screen says the name
    while the record still has one, and says when it no longer does (issue 18)."""
    from stmarys_desktop.domain.staff import NewStaff
    from stmarys_desktop.services import families, staff
    from stmarys_desktop.services.auth import sign_in as service_sign_in
    from tests.helpers import PASSWORD
    from tests.unit.family_helpers import two_parent_family

    session = admin.session
    coordinator = service_sign_in(staffed_centre, "coordinator", PASSWORD)
    try:
        family = families.create_family(coordinator, two_parent_family())
    finally:
        coordinator.close()
    carys = next(p for p in family.people if p.full_name == "Carys Dunford")
    member = staff.add_staff(session, NewStaff("Wenna Harrowby", "volunteer"))
    session.audit(
        action="consent.record",
        subject=family.reference,
        detail=f"consent 1 by person {carys.id} to agency",
    )
    session.audit(action="staff.suspend", subject=f"staff #{member.id}")
    session.audit(
        action="consent.record",
        subject=family.reference,
        detail="consent 2 by person 99999 to agency",
    )
    dialogs: list[AuditLogDialog] = []
    monkeypatch.setattr(
        AuditLogDialog, "exec", lambda d: dialogs.append(d) or QDialog.DialogCode.Accepted
    )
    click(qtbot, admin, "Audit log")
    (dialog,) = dialogs
    qtbot.addWidget(dialog)
    whats, records = shown(dialog, AuditColumn.WHAT), shown(dialog, AuditColumn.FAMILY)
    assert any("consent 1 by Carys Dunford to agency" in w for w in whats), whats
    assert any("person 99999, since removed" in w for w in whats), whats
    assert "Wenna Harrowby (staff)" in records
    # The chain keeps the numbers.
    stored = [e.detail for e in audit.entries(session.centre.conn, newest_first=True, limit=10)]
    assert f"consent 1 by person {carys.id} to agency" in stored
