"""Every screen and dialog of the program, opened on a demo centre as a person opens it.

ONE LIST for the layout suite (tests/layout) and for the pictures in docs/screens
(scripts/screens.py). A new dialog or screen gets one `Entry` here: a name (its
picture's file name), the demo account that opens it, and a function that opens it
the way the program does, mostly by calling the method behind its button.
`QDialog.exec` is replaced while the catalogue runs: it shows the dialog and
returns at once, so `ctx.opened(...)` hands back the dialog the call opened.
tests/layout/test_layout.py fails when a dialog class of the program has no entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from stmarys_desktop.ui.main_window import AppWindow

DEMO_FAMILIES = 150  # families 25, 50, ... have a session today (the register)


@dataclass
class Context:
    window: AppWindow
    password: str
    folder: Path
    shown: list[QDialog] = field(default_factory=list)
    user: str = ""
    answer_yes: bool = False  # what message boxes answer while an entry opens

    @property
    def session(self):
        assert self.window.session is not None
        return self.window.session

    def sign_in(self, user: str) -> None:
        if self.user == user and self.window.session is not None:
            return
        self.close_dialogs()
        self.window.sign_out()
        self.window.login.user_name.setText(user)
        self.window.login.password.setText(self.password)
        answered = QEventLoop()
        self.window.login.checked.connect(answered.quit)
        self.window.login.try_sign_in()
        if self.window.login.busy:
            answered.exec()
        self.window.login.checked.disconnect(answered.quit)
        if self.window.workspace is None:
            raise RuntimeError(f"could not sign in as {user}: " + self.window.login.message.text())
        self.user = user

    def screen(self, title: str) -> Any:
        assert self.window.workspace is not None
        self.window.workspace.go_to(title)
        return self.window.workspace.screens[title]

    def opened(self, action: Callable[[], object]) -> QDialog:
        """Run `action` (a button's method) and return the dialog it opened."""
        before = len(self.shown)
        action()
        if len(self.shown) == before:
            raise RuntimeError(f"{action} opened no dialog")
        return self.shown[-1]

    def close_dialogs(self) -> None:
        for dialog in reversed(self.shown):
            dialog.hide()
            dialog.deleteLater()
        self.shown.clear()
        QApplication.processEvents()

    def capture_exec(self) -> None:
        """Dialogs show and return at once; message boxes answer No (nothing is done)."""
        shown = self.shown

        def exec_(dialog: QDialog) -> int:
            shown.append(dialog)
            dialog.show()
            return int(QDialog.DialogCode.Rejected)

        QDialog.exec = exec_  # type: ignore[method-assign]
        QMessageBox.exec = lambda box: int(  # type: ignore[method-assign]
            QMessageBox.StandardButton.Yes if self.answer_yes else QMessageBox.StandardButton.No
        )


def fullest_family(summaries) -> Any:
    """The first active family referred by an agency (not a self-referral): the one the
    pictures open, send an attendance letter for and record a consent on, so the letter
    and the consent name an agency, as the referrer is (D399)."""
    return next(
        f for f in summaries if f.status == "active" and f.agency and f.agency != "Self-referral"
    )


def prepare(ctx: Context) -> None:
    """What the pictures should show beyond the demo's own data: a consent on the
    disclosures, signed acknowledgement sheets, a correction in a chronology."""
    from datetime import datetime

    from stmarys_desktop.domain.incidents import IncidentDraft, IncidentKind
    from stmarys_desktop.domain.policy_documents import Group, HowAcknowledged
    from stmarys_desktop.services import disclosure, families, incidents
    from stmarys_desktop.services import policy_documents as policy

    ctx.sign_in("manager")
    session = ctx.session
    today = session.centre.clock().date()
    outstanding = policy.not_acknowledged(session, limit=3)
    for group in (Group.STAFF, Group.PARENT):
        for who in outstanding[group].listed[:2]:
            policy.record_acknowledgement(
                session,
                group,
                acknowledged_on=today,
                how=HowAcknowledged.GROUP_SHEET
                if group is Group.STAFF
                else HowAcknowledged.INTAKE_FORM,
                kept_at="Policy folder, office cabinet" if group is Group.STAFF else "Family file",
                staff_id=who.staff_id,
                person_id=who.person_id,
            )
    ctx.sign_in("coordinator")
    session = ctx.session
    family = families.open_family(session, fullest_family(families.search_families(session, "")).id)
    if family.referral is not None:
        disclosure.record_consent(
            session,
            family.id,
            given_by=family.adults[1].id,
            recipient=family.referral.agency_name,
            recipient_kind="agency",
            items=frozenset({"address"}),
            signed_on=today,
            paper_kept_at="Consent folder, drawer 2",
        )
        # The disclosure log with a letter sent (clause iii) and a request refused (ii).
        disclosure.attendance_letter(
            session, family.id, family.referral.agency_name, deliver=lambda _letter: True
        )
        # A solicitor asking for a report: the person, and the agency apart (D393).
        disclosure.request_proceedings_report(
            session, family.id, "Tamsin Rowe", agency="Brackley & Rowe Solicitors"
        )
    ctx.sign_in("safeguarding")
    session = ctx.session
    concern = next(
        s
        for s in incidents.incident_list(session)
        if s.kind is IncidentKind.VIOLENCE_CONCERN and s.family_id
    )
    old = incidents.incident_details(session, concern.id)
    incidents.correct_incident(
        session,
        old.id,
        IncidentDraft(
            kind=old.kind,
            occurred_at=datetime.fromisoformat(old.occurred_at),
            seen_and_heard=old.seen_and_heard + " The volunteer was not hurt.",
            family_id=old.family_id,
            place=old.place,
            people_involved=old.people_involved,
            action_taken=old.action_taken,
            who_was_told="Safeguarding lead, by phone, the same day",
        ),
    )


@dataclass(frozen=True)
class Entry:
    name: str
    account: str
    open: Callable[[Context], QWidget]
    classes: tuple[str, ...] = ()  # the dialog classes this entry shows


# -- how each thing is reached ---------------------------------------------------------------


def _window_on(title: str, then: Callable[[Any], object] | None = None):
    def open_(ctx: Context) -> QWidget:
        screen = ctx.screen(title)
        if then is not None:
            then(screen)
        return ctx.window

    return open_


def _family_record(ctx: Context):
    screen = ctx.screen("Families")
    # A family with a referring agency and two adults: the fullest record.
    screen.select(fullest_family(screen.model.rows()).id)
    return ctx.opened(screen.open_family)


def _from_record(method: str):
    def open_(ctx: Context) -> QWidget:
        record = _family_record(ctx)
        return ctx.opened(getattr(record, method))

    return open_


def _from_disclosures(method: str):
    """`method` as a dotted path on the dialog: "consents.record_consent"."""

    def open_(ctx: Context) -> QWidget:
        record = _family_record(ctx)
        dialog = ctx.opened(record.open_disclosures)
        return ctx.opened(attrgetter(method)(dialog))

    return open_


def _disclosures_requests(ctx: Context) -> QWidget:
    """The family's request log on its Disclosures (issue 20)."""
    record = _family_record(ctx)
    dialog = ctx.opened(record.open_disclosures)
    dialog.lists.setCurrentWidget(dialog.request_log)
    return dialog


def _request_change(ctx: Context) -> QWidget:
    """Changing a request of the centre's log, with its reason (issue 20)."""
    dialog = ctx.opened(ctx.screen("Families").open_request_log)
    dialog.panel.table.selectRow(0)
    return ctx.opened(dialog.panel.change)


def _staff(ctx: Context, status: str = "active"):
    screen = ctx.screen("Staff")
    for row in range(screen.proxy.rowCount()):
        screen.table.selectRow(row)
        summary = screen.selected()
        if summary is not None and summary.member.status == status:
            return screen
    raise RuntimeError(f"no {status} member of staff in the demo")


def _vetting(ctx: Context):
    screen = _staff(ctx)
    from stmarys_desktop.ui.dialogs.vetting import VettingDialog

    dialog = VettingDialog(screen, ctx.session, 3)  # services/demo.py: disclosed, decided
    ctx.shown.append(dialog)
    dialog.show()
    return dialog


def _from_vetting(method: str):
    def open_(ctx: Context) -> QWidget:
        return ctx.opened(getattr(_vetting(ctx), method))

    return open_


def _staff_action(method: str, status: str = "active"):
    def open_(ctx: Context) -> QWidget:
        return ctx.opened(getattr(_staff(ctx, status), method))

    return open_


def _admin_action(method: str, select: str | None = "coordinator"):
    def open_(ctx: Context) -> QWidget:
        screen = ctx.screen("Admin")
        if select:
            screen.select(select)
        return ctx.opened(getattr(screen, method))

    return open_


def _policy_action(method: str, select_first: bool = False):
    def open_(ctx: Context) -> QWidget:
        screen = ctx.screen("Policy")
        if select_first:
            screen.tabs.setCurrentWidget(screen.acknowledgements_tab)
            screen.load_outstanding()
            screen.outstanding_table.selectRow(0)
        return ctx.opened(getattr(screen, method))

    return open_


def _policy_viewer(ctx: Context) -> QWidget:
    from stmarys_desktop.ui.dialogs.policy_viewer import open_policy_viewer

    viewer = open_policy_viewer(ctx.window)
    assert viewer is not None
    ctx.shown.append(viewer)
    return viewer


def _help(ctx: Context) -> QWidget:
    from stmarys_desktop.ui.dialogs.help import HelpDialog

    ctx.screen("Today")
    ctx.window.open_help()
    found = [w for w in ctx.window.findChildren(HelpDialog) if w.isVisible()]
    ctx.shown.extend(found)
    return found[0]


def _shortcuts(ctx: Context) -> QWidget:
    from stmarys_desktop.ui.dialogs.help import ShortcutsDialog

    ctx.window.show_shortcuts()
    found = [w for w in ctx.window.findChildren(ShortcutsDialog) if w.isVisible()]
    ctx.shown.extend(found)
    return found[0]


def _incidents(ctx: Context, section: str, kind: str | None = None):
    screen = ctx.screen("Incidents")
    screen.show_section("Records" if section == "Records" else "Concerns")
    table = {
        "Records": screen.records_table,
        "Awaiting": screen.awaiting_table,
        "Exceptions": screen.exceptions_table,
    }[section]
    if table.model().rowCount():
        chosen = 0
        for row in range(table.model().rowCount()):
            item = table.model().index(row, 0).data(ROW_ROLE)
            if kind is None or (
                getattr(item, "kind", None) is not None
                and item.kind.value == kind
                and item.family_id
            ):
                chosen = row
                break
        table.selectRow(chosen)
    return screen


def _incident_action(section: str, method: str, kind: str | None = None):
    def open_(ctx: Context) -> QWidget:
        return ctx.opened(getattr(_incidents(ctx, section, kind), method))

    return open_


def _today_action(method: str, answer_yes: bool = False):
    def open_(ctx: Context) -> QWidget:
        screen = ctx.screen("Today")
        screen.sessions.selectRow(0)
        ctx.answer_yes = answer_yes  # "Not admitted: record it?" is answered Yes
        try:
            return ctx.opened(getattr(screen, method))
        finally:
            ctx.answer_yes = False

    return open_


def _login(ctx: Context) -> QWidget:
    ctx.close_dialogs()
    ctx.window.sign_out()
    ctx.user = ""
    return ctx.window


def _locked(ctx: Context) -> QWidget:
    ctx.close_dialogs()
    ctx.window.lock_by_hand()
    ctx.user = ""
    return ctx.window


def _restore(ctx: Context) -> QWidget:
    _login(ctx)
    return ctx.opened(ctx.window.restore_from_backup)


def _recover(ctx: Context) -> QWidget:
    _login(ctx)
    return ctx.opened(ctx.window.recover_account)


def _wizard(pages: int):
    def open_(ctx: Context) -> QWidget:
        from stmarys_desktop.store.keystore import KdfParams
        from stmarys_desktop.ui.wizard import SetupWizard

        folder = ctx.folder / f"new-centre-{pages}"
        wizard = SetupWizard(folder, kdf=KdfParams(time_cost=1, memory_kib=8, parallelism=1))
        wizard.centre_page.centre_name.setText("St Mary's Contact Centre")
        ctx.shown.append(wizard)
        wizard.show()
        if pages > 1:
            wizard.next()
            page = wizard.manager_page
            page.user_name.setText("mtestwick")
            page.full_name.setText("Morwenna Testwick")
            page.password.setText("Tea-and-biscuits 1984")
            page.repeat.setText("Tea-and-biscuits 1984")
        if pages > 2:
            wizard.next()
            if wizard.session is not None:
                wizard.session.close()
        return wizard

    return open_


def _incident_form(ctx: Context) -> QWidget:
    """The form filled in as a volunteer would after a fall, marks on the body map."""
    from PySide6.QtCore import QTime

    from stmarys_desktop.domain.incidents import BodyMark, IncidentKind

    dialog = ctx.opened(_incidents(ctx, "Records").record_incident)
    dialog.set_kind(IncidentKind.ACCIDENT)
    yesterday = dialog.when.dateTime().addDays(-1)
    yesterday.setTime(QTime(11, 20))
    dialog.when.setDateTime(yesterday)
    dialog.place.setText("Garden Room")
    dialog.people.setPlainText("Child: Ivy Brackwell (6); volunteer: Plouth Vrenby")
    dialog.seen.setPlainText(
        "Ivy was running to the slide, tripped on the edge of the mat "
        'and fell onto her left knee and right hand. She said: "I fell '
        'on the mat, it hurts."'
    )
    dialog.injuries.setPlainText("Graze to the left knee, about 3 cm; red palm, right hand.")
    dialog.body_map.set_marks(
        [
            BodyMark("front", 0.585, 0.71, "graze, about 3 cm"),
            BodyMark("front", 0.165, 0.52, "red palm"),
        ]
    )
    dialog.action.setPlainText("Cleaned with water, plaster applied; ice pack for the hand.")
    dialog.told.setPlainText("Mother (resident parent) at collection, 12:05")
    return dialog


def _register(ctx: Context) -> QWidget:
    screen = ctx.screen("Today")
    if screen.register_model.rowCount() > 1:
        screen.sessions.selectRow(1)
        screen.people.selectRow(0)
    return ctx.window


def _staff_waiting(screen: Any) -> None:
    """An applicant selected: Activate disabled, with the reason."""
    for row in range(screen.proxy.rowCount()):
        screen.table.selectRow(row)
        chosen = screen.selected()
        if chosen.member.status == "applicant" and not chosen.clearance.cleared:
            return


def _revealed_record(ctx: Context) -> QWidget:
    record = _family_record(ctx)
    record.select_person(record.family.adults[0].id)
    record.toggle_reveal()
    return record


def _day_register(ctx: Context):
    """Today's register opened as another day's, its first session and person chosen."""
    from stmarys_desktop.ui.dialogs.attendance import DayRegisterDialog

    screen = ctx.screen("Today")
    dialog = DayRegisterDialog(screen, ctx.session, ctx.session.centre.clock().date())
    ctx.shown.append(dialog)
    dialog.show()
    dialog.sessions.selectRow(0)
    dialog.people.selectRow(0)
    return dialog


def _from_day_register(method: str):
    def open_(ctx: Context) -> QWidget:
        return ctx.opened(getattr(_day_register(ctx), method))

    return open_


def _late_check_in(ctx: Context) -> QWidget:
    """Checking in long after the time: what Today asks when the service wants a reason."""
    from stmarys_desktop.services import register
    from stmarys_desktop.ui.dialogs.attendance import LateCheckInDialog

    screen = ctx.screen("Today")
    screen.sessions.selectRow(0)
    entry = screen.selected_entry()
    person = entry.named[0]
    question = register.late_check_in(ctx.session, entry, person) or (
        f"{person.full_name} was due at {entry.starts} and is checking in 45 minutes "
        "later. Say why, for the register."
    )
    dialog = LateCheckInDialog(screen, ctx.session, entry, person, question)
    ctx.shown.append(dialog)
    dialog.show()
    return dialog


def _family_picker(ctx: Context) -> QWidget:
    """An empty slot of the calendar clicked: which family the session is for."""
    screen = ctx.screen("Calendar")
    day = ctx.session.centre.clock().date()
    picker = ctx.opened(lambda: screen.start_booking(day, "10:00", None))
    picker.search.setText("Thorn")  # part of a name, as a coordinator types it
    return picker


from stmarys_desktop.ui.models.base import ROW_ROLE  # noqa: E402

CATALOGUE: list[Entry] = [
    # Before anyone signs in.
    Entry("login", "", _login),
    Entry("restore", "", _restore, ("RestoreDialog",)),
    Entry("recover", "", _recover, ("RecoverDialog",)),
    Entry("wizard-1-centre", "", _wizard(1), ("SetupWizard",)),
    Entry("wizard-2-manager", "", _wizard(2)),
    Entry("wizard", "", _wizard(3)),
    # The manager.
    Entry("main-window", "manager", _window_on("Today")),
    Entry("admin", "manager", _window_on("Admin")),
    Entry("add-account", "manager", _admin_action("add_account", None), ("AddAccountDialog",)),
    Entry("set-roles", "manager", _admin_action("set_roles"), ("SetRolesDialog",)),
    Entry("reset-password", "manager", _admin_action("reset_password"), ("ResetPasswordDialog",)),
    Entry(
        "retention-review", "manager", _admin_action("open_retention", None), ("RetentionDialog",)
    ),
    Entry(
        "disclosure-history",
        "manager",
        _admin_action("open_history", None),
        ("DisclosureHistoryDialog",),
    ),
    Entry(
        "audit-break", "manager", _admin_action("explain_audit_break", None), ("AuditBreakDialog",)
    ),
    Entry("audit-log", "manager", _admin_action("open_audit_log", None), ("AuditLogDialog",)),
    Entry(
        "authorities", "manager", _admin_action("open_authorities", None), ("AuthoritiesDialog",)
    ),
    Entry("import-records", "manager", _admin_action("open_import", None), ("ImportDialog",)),
    Entry("support-log", "manager", _admin_action("open_support_log", None), ("SupportLogDialog",)),
    Entry("closures", "manager", _admin_action("open_closures", None), ("ClosuresDialog",)),
    Entry("policy", "manager", _window_on("Policy")),
    Entry(
        "policy-acknowledgements",
        "manager",
        _window_on("Policy", lambda s: s.tabs.setCurrentWidget(s.acknowledgements_tab)),
    ),
    Entry("policy-viewer", "manager", _policy_viewer, ("PolicyViewer",)),
    Entry("help", "manager", _help, ("HelpDialog",)),
    Entry("keyboard-shortcuts", "manager", _shortcuts, ("ShortcutsDialog",)),
    Entry("policy-review", "manager", _policy_action("record_review"), ("RecordReviewDialog",)),
    Entry(
        "policy-publish", "manager", _policy_action("publish_version"), ("PublishVersionDialog",)
    ),
    Entry(
        "policy-data-protection",
        "manager",
        _policy_action("add_data_protection"),
        ("AddDataProtectionDialog",),
    ),
    Entry(
        "policy-acknowledgement",
        "manager",
        _policy_action("record_acknowledgement", True),
        ("RecordAcknowledgementDialog",),
    ),
    # The rule map of a version published before rules were mapped; publishing a new
    # Confidentiality Policy opens the same RuleMapDialog it derives from.
    Entry(
        "policy-map-rules",
        "manager",
        _policy_action("map_rules"),
        ("MapRulesDialog", "RuleMapDialog"),
    ),
    Entry("staff", "manager", _window_on("Staff", _staff_waiting)),
    Entry("staff-add", "manager", _staff_action("add_person"), ("StaffDialog",)),
    Entry("staff-left", "manager", _staff_action("record_leaving"), ("LeftDialog",)),
    Entry(
        "staff-requirements", "manager", _staff_action("edit_requirements"), ("RequirementDialog",)
    ),
    Entry("vetting-record", "manager", _vetting, ("VettingDialog",)),
    Entry("vetting-dbs-check", "manager", _from_vetting("record_check"), ("DbsCheckDialog",)),
    Entry("vetting-decision", "manager", _from_vetting("record_decision"), ("DecisionDialog",)),
    Entry(
        "vetting-status-check",
        "manager",
        _from_vetting("record_status_check"),
        ("StatusCheckDialog",),
    ),
    Entry("vetting-identity", "manager", _from_vetting("record_identity"), ("IdentityDialog",)),
    Entry("vetting-reference", "manager", _from_vetting("record_reference"), ("ReferenceDialog",)),
    Entry("vetting-training", "manager", _from_vetting("record_training"), ("TrainingDialog",)),
    Entry(
        "staff-login", "manager", _staff_action("give_login", "applicant"), ("StaffLoginDialog",)
    ),
    # The coordinator.
    Entry("families", "coordinator", _window_on("Families")),
    Entry(
        "new-family",
        "coordinator",
        lambda ctx: ctx.opened(ctx.screen("Families").add_family),
        ("NewFamilyDialog",),
    ),
    Entry(
        "request-log",
        "coordinator",
        lambda ctx: ctx.opened(ctx.screen("Families").open_request_log),
        ("RequestLogDialog",),
    ),
    Entry("request-change", "coordinator", _request_change),
    Entry("family-record", "coordinator", _family_record, ("FamilyRecordDialog",)),
    Entry("family-record-revealed", "coordinator", _revealed_record),
    Entry("add-person", "coordinator", _from_record("add_person"), ("AddPersonDialog",)),
    Entry("booking", "coordinator", _from_record("book_session"), ("BookingDialog",)),
    Entry("disclosures", "coordinator", _from_record("open_disclosures"), ("DisclosuresDialog",)),
    Entry("disclosures-requests", "coordinator", _disclosures_requests),
    Entry("attendance-letter-form", "coordinator", _from_disclosures("actions.attendance_letter")),
    # A request written down as it arrives, and a request for a report (clause ii).
    Entry(
        "request-for-information", "coordinator", _from_disclosures("requests.record_info_request")
    ),
    Entry(
        "request-for-a-report", "coordinator", _from_disclosures("requests.record_report_request")
    ),
    Entry(
        "consent", "coordinator", _from_disclosures("consents.record_consent"), ("CallbackForm",)
    ),
    Entry("register", "coordinator", _register),
    Entry(
        "cancel-session", "coordinator", _today_action("cancel_session"), ("CancelSessionDialog",)
    ),
    Entry("calendar", "coordinator", _window_on("Calendar")),
    Entry("calendar-family-picker", "coordinator", _family_picker, ("FamilyPicker",)),
    Entry("day-register", "coordinator", _today_action("open_other_day"), ("DayRegisterDialog",)),
    Entry(
        "correct-attendance",
        "coordinator",
        _from_day_register("correct"),
        ("CorrectAttendanceDialog",),
    ),
    Entry(
        "move-sessions", "coordinator", _from_day_register("move_sessions"), ("MoveSessionsDialog",)
    ),
    Entry(
        "cancel-sessions", "coordinator", _from_day_register("cancel"), ("CancelSessionsDialog",)
    ),
    # The front desk.
    Entry("front-desk", "frontdesk", _window_on("Today")),
    Entry(
        "unnamed-at-door",
        "frontdesk",
        _today_action("unnamed_at_door", True),
        ("DoorIncidentDialog",),
    ),
    Entry("late-check-in", "frontdesk", _late_check_in, ("LateCheckInDialog",)),
    Entry("incidents", "frontdesk", _window_on("Incidents")),
    Entry("incident-form", "frontdesk", _incident_form, ("IncidentDialog",)),
    Entry(
        "accident-book",
        "frontdesk",
        _window_on("Incidents", lambda s: s.show_section("Accident book")),
    ),
    # The safeguarding lead.
    Entry(
        "incident-details",
        "safeguarding",
        _incident_action("Records", "open_selected"),
        ("IncidentDetailsDialog",),
    ),
    Entry(
        "chronology",
        "safeguarding",
        _incident_action("Records", "show_chronology", "violence_concern"),
        ("ChronologyDialog",),
    ),
    Entry(
        "confirm-concern",
        "safeguarding",
        _incident_action("Awaiting", "confirm_concern"),
        ("ConfirmConcernDialog",),
    ),
    Entry(
        "decline-concern",
        "safeguarding",
        _incident_action("Awaiting", "decline_concern"),
        ("DeclineConcernDialog",),
    ),
    Entry(
        "close-exception",
        "safeguarding",
        _incident_action("Exceptions", "close_exception"),
        ("CloseExceptionDialog",),
    ),
    Entry("locked", "safeguarding", _locked),
]


def every_screen(ctx: Context):
    """(name, window) for each screen of the navigation as each demo account sees it: the
    main window's Alt+letters are checked on all of them (issue 18, D390)."""
    from stmarys_desktop.services.demo import DEMO_ACCOUNTS

    for account, _name, _roles in DEMO_ACCOUNTS:
        ctx.sign_in(account)
        assert ctx.window.workspace is not None
        for title in ctx.window.workspace.titles:
            ctx.screen(title)
            yield f"{title} as {account}", ctx.window


# Bases that are never shown themselves.
NOT_SHOWN_ALONE = ("FormDialog",)


def covered_classes() -> set[str]:
    return {name for entry in CATALOGUE for name in entry.classes} | set(NOT_SHOWN_ALONE)
