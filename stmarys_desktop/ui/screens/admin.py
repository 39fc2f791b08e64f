"""The manager's screen: accounts, the idle time, backups, restore and verify.

Each action asks a service; what the service refuses comes back as its own
sentence. Buttons for actions a role may not take are not offered at all.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from stmarys_desktop.domain.accounts import Account
from stmarys_desktop.domain.dates import long_stamp
from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services import accounts, bookings, integrity, maintenance, settings
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.dialogs.accounts import (
    AddAccountDialog,
    ResetPasswordDialog,
    SetRolesDialog,
)
from stmarys_desktop.ui.dialogs.audit_log import AuditLogDialog
from stmarys_desktop.ui.dialogs.authorities import AuthoritiesDialog
from stmarys_desktop.ui.dialogs.disclosure_history import DisclosureHistoryDialog
from stmarys_desktop.ui.dialogs.import_records import ImportDialog
from stmarys_desktop.ui.dialogs.retention import RetentionDialog
from stmarys_desktop.ui.forms import CallbackForm
from stmarys_desktop.ui.models.accounts import ACCOUNT_ROLE, SORT_ROLE, AccountsModel
from stmarys_desktop.ui.offers import cited
from stmarys_desktop.ui.screens.base import Host, Screen
from stmarys_desktop.ui.tables import ListTableView
from stmarys_desktop.ui.widgets import add_row, button, line_edit, named, paragraph

ROTATE_OFFER = (
    "The account has been removed. Rotate the database key now? Then the removed "
    "password opens nothing, even from an old copy of the key file. Everyone else keeps "
    "their password. On a large centre this takes a little while."
)


RETENTION_TIP = "Records not used for three years (clause viii)"
KEEP_BACKUPS_TIP = (
    "When a backup is made into a folder, only the newest this many stay "
    "there; older ones still hold records that have since been disposed of "
    "(clause viii)"
)


class AdminScreen(Screen):
    title = "Admin"
    permission = Permission.MANAGE_ACCOUNTS

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.model = AccountsModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.content.addWidget(self._accounts_box(), 1)
        lower = QHBoxLayout()
        lower.addWidget(self._idle_box())
        lower.addWidget(self._data_box(), 1)
        self.content.addLayout(lower)
        self._selection_changed()

    # -- building ----------------------------------------------------------------------

    def _accounts_box(self) -> QGroupBox:
        box = named(QGroupBox("Accounts"), "Accounts")
        self.table = named(ListTableView(), "Accounts table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.set_roles())

        self.add_button = button("&Add account…", "Add account")
        self.roles_button = button("Set &roles…", "Set roles")
        self.reset_button = button("Reset &password…", "Reset password")
        self.disable_button = button("&Disable", "Disable account")
        self.remove_button = button("Re&move…", "Remove account")
        self.add_button.clicked.connect(self.add_account)
        self.roles_button.clicked.connect(self.set_roles)
        self.reset_button.clicked.connect(self.reset_password)
        self.disable_button.clicked.connect(self.toggle_disabled)
        self.remove_button.clicked.connect(self.remove_account)
        row = QHBoxLayout()
        for widget in (
            self.add_button,
            self.roles_button,
            self.reset_button,
            self.disable_button,
            self.remove_button,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.table)
        layout.addLayout(row)
        return box

    def _idle_box(self) -> QGroupBox:
        box = named(QGroupBox("Locking"), "Locking")
        self.idle_minutes = named(QSpinBox(), "Minutes without use before the window locks")
        self.idle_minutes.setRange(settings.MIN_IDLE_MINUTES, settings.MAX_IDLE_MINUTES)
        self.idle_minutes.setSuffix(" minutes")
        label = QLabel("Lock the &window after:")
        label.setBuddy(self.idle_minutes)
        self.save_idle_button = button("Save idle time", "Save idle time")
        self.save_idle_button.clicked.connect(self.save_idle_minutes)
        layout = QVBoxLayout(box)
        layout.addWidget(label)
        layout.addWidget(self.idle_minutes)
        layout.addWidget(self.save_idle_button)
        self._clipboard_rows(layout)
        layout.addStretch(1)
        return box

    def _clipboard_rows(self, layout: QVBoxLayout) -> None:
        """How long text copied from the window stays on the clipboard (issue 16)."""
        self.clipboard_seconds = named(
            QSpinBox(), "Seconds before copied text is cleared from the clipboard"
        )
        self.clipboard_seconds.setRange(
            settings.MIN_CLIPBOARD_SECONDS, settings.MAX_CLIPBOARD_SECONDS
        )
        self.clipboard_seconds.setSuffix(" seconds")
        label = QLabel("Clear copied te&xt after:")
        label.setBuddy(self.clipboard_seconds)
        self.save_clipboard_button = button("Save clipboard time", "Save clipboard time")
        self.save_clipboard_button.clicked.connect(self.save_clipboard_seconds)
        for widget in (label, self.clipboard_seconds, self.save_clipboard_button):
            layout.addWidget(widget)

    def _data_box(self) -> QGroupBox:
        box = named(QGroupBox("Backups and checks"), "Backups and checks")
        self.last_backup = paragraph("", "Last backup")
        self.backup_button = button(
            "Back up &now…", "Backup now", "Write an encrypted backup and check it"
        )
        self.restore_button = button(
            "Res&tore from backup…",
            "Restore from backup",
            "Replace the centre's data with a checked backup",
        )
        self.verify_button = button(
            "&Verify the database", "Verify", "Check the database, its encryption and the audit log"
        )
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.host.restore_from_backup)
        self.verify_button.clicked.connect(self.verify)
        self.retention_button = button("Retent&ion review…", "Retention review", RETENTION_TIP)
        self.history_button = button(
            "Disclosure histor&y…",
            "Disclosure history",
            "Every attempt to pass information out of the centre",
        )
        self.rooms_button = button("Rooms…", "Rooms", "The rooms sessions are booked in")
        self.audit_log_button = button(
            "A&udit log…", "Audit log", "Who did what, when, on which family"
        )
        self.authorities_button = button(
            "Authorities…",
            "Authorities",
            "The Children's Services departments and police forces the centre deals with",
        )
        self.audit_log_button.clicked.connect(self.open_audit_log)
        self.authorities_button.clicked.connect(self.open_authorities)
        self.retention_button.clicked.connect(self.open_retention)
        self.history_button.clicked.connect(self.open_history)
        self.rooms_button.clicked.connect(self.add_room)
        self.break_button = button(
            "Audit log break…", "Audit log break", "Record what happened to the broken audit log"
        )
        self.break_button.clicked.connect(self.explain_audit_break)
        self.letterhead_button = button(
            "Letterhead…", "Letterhead", "The centre's address and telephone on its letters"
        )
        self.letterhead_button.clicked.connect(self.edit_letterhead)
        self.closures_button = button(
            "Closure dates…",
            "Closure dates",
            "Days the centre is closed, and the late check-in time",
        )
        self.closures_button.clicked.connect(self.open_closures)
        self.import_button = button(
            "Import record&s…",
            "Import records",
            "Bring families, staff and future bookings in from a spreadsheet; save the template",
        )
        self.import_button.clicked.connect(self.open_import)
        self.support_log_button = button(
            "Support log…", "Support log", "Errors the program did not expect, to send on"
        )
        self.support_log_button.clicked.connect(self.open_support_log)
        row = QHBoxLayout()
        for widget in (self.backup_button, self.restore_button, self.verify_button):
            row.addWidget(widget)
        row.addStretch(1)
        second = QHBoxLayout()
        for widget in (
            self.retention_button,
            self.history_button,
            self.rooms_button,
            self.letterhead_button,
            self.break_button,
            self.closures_button,
        ):
            second.addWidget(widget)
        second.addStretch(1)
        # The records' readers and lists on a row of their own, so the screen fits 1024.
        third = QHBoxLayout()
        for widget in (
            self.audit_log_button,
            self.authorities_button,
            self.import_button,
            self.support_log_button,
        ):
            third.addWidget(widget)
        third.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.last_backup)
        layout.addLayout(row)
        layout.addLayout(self._keep_row())
        layout.addLayout(second)
        layout.addLayout(third)
        layout.addStretch(1)
        return box

    def _keep_row(self) -> QHBoxLayout:
        """How many dated backups a folder keeps: older ones still hold disposed records."""
        self.keep_backups = named(QSpinBox(), "Backups to keep in a folder", KEEP_BACKUPS_TIP)
        self.keep_backups.setRange(maintenance.MIN_KEEP_BACKUPS, maintenance.MAX_KEEP_BACKUPS)
        label = QLabel("Backups to &keep in a folder:")
        label.setBuddy(self.keep_backups)
        self.save_keep_button = button(
            "Save", "Save backups to keep", "Save how many backups a folder keeps"
        )
        self.save_keep_button.clicked.connect(self.save_keep_backups)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.keep_backups)
        row.addWidget(self.save_keep_button)
        row.addStretch(1)
        return row

    # -- filling and clearing ----------------------------------------------------------

    def refresh(self) -> None:
        session = self.session
        if session is None:
            return
        for widget, words in (
            (self.retention_button, RETENTION_TIP),
            (self.keep_backups, KEEP_BACKUPS_TIP),
        ):
            named(widget, widget.accessibleName(), cited(session, words))
        try:
            self.model.set_rows(accounts.list_accounts(session))
            self.idle_minutes.setValue(settings.idle_minutes(session))
            self.clipboard_seconds.setValue(settings.clipboard_seconds(session))
            self.keep_backups.setValue(maintenance.keep_backups(session))
            last = maintenance.last_backup_at(session)
            broken = session.can(Permission.VERIFY) and bool(integrity.open_breaks(session))
        except StMarysError as exc:
            messages.show_error(self, "Admin", exc)
            return
        self.last_backup.setText(
            f"Last backup: {long_stamp(last)}." if last else "No backup has been made yet."
        )
        self.save_idle_button.setVisible(session.can(Permission.MANAGE_SETTINGS))
        self.idle_minutes.setEnabled(session.can(Permission.MANAGE_SETTINGS))
        self.save_clipboard_button.setVisible(session.can(Permission.MANAGE_SETTINGS))
        self.clipboard_seconds.setEnabled(session.can(Permission.MANAGE_SETTINGS))
        self.save_keep_button.setVisible(session.can(Permission.MANAGE_SETTINGS))
        self.keep_backups.setEnabled(session.can(Permission.MANAGE_SETTINGS))
        self.backup_button.setVisible(session.can(Permission.BACKUP))
        self.restore_button.setVisible(session.can(Permission.RESTORE))
        self.verify_button.setVisible(session.can(Permission.VERIFY))
        self.retention_button.setVisible(session.can(Permission.RETENTION_REVIEW))
        self.history_button.setVisible(session.can(Permission.VIEW_AUDIT))
        self.rooms_button.setVisible(session.can(Permission.MANAGE_SETTINGS))
        self.break_button.setVisible(broken)
        self.letterhead_button.setVisible(session.can(Permission.MANAGE_SETTINGS))
        self.audit_log_button.setVisible(session.can(Permission.VIEW_AUDIT))
        self.authorities_button.setVisible(session.can(Permission.MANAGE_SETTINGS))
        self.closures_button.setVisible(session.can(Permission.MANAGE_SETTINGS))
        self.import_button.setVisible(
            any(
                session.can(p)
                for p in (
                    Permission.EDIT_FAMILIES,
                    Permission.MANAGE_STAFF,
                    Permission.BOOK_SESSIONS,
                )
            )
        )
        self.support_log_button.setVisible(session.can(Permission.VERIFY))
        self._selection_changed()

    def open_retention(self) -> None:
        session = self.session
        if session is not None:
            RetentionDialog(self, self.host, session).exec()

    def open_support_log(self) -> None:
        from stmarys_desktop.ui.dialogs.support_log import SupportLogDialog

        session = self.session
        if session is not None:
            SupportLogDialog(self, session).exec()

    def open_history(self) -> None:
        session = self.session
        if session is not None:
            DisclosureHistoryDialog(self, session).exec()

    def open_audit_log(self) -> None:
        session = self.session
        if session is not None:
            AuditLogDialog(self, session).exec()

    def open_authorities(self) -> None:
        session = self.session
        if session is not None:
            AuthoritiesDialog(self, session).exec()

    def open_import(self) -> None:
        session = self.session
        if session is not None:
            ImportDialog(self, self.host, session).exec()
            self.refresh()

    def add_room(self) -> None:
        session = self.session
        if session is None:
            return
        names = ", ".join(room.name for room in bookings.rooms(session)) or "none yet"
        form = CallbackForm(self, "Rooms", "Add the room", f"The centre's rooms: {names}.")
        name = line_edit("New room")
        add_row(form.form, "&New room:", name)
        form.run = lambda: bookings.add_room(session, name.text())
        form.exec()

    def edit_letterhead(self) -> None:
        """The address and telephone printed under the centre's name on its letters."""
        session = self.session
        if session is None:
            return
        current = settings.letterhead(session)
        form = CallbackForm(
            self,
            "Letterhead",
            "Save the letterhead",
            f"Letters and forms from {session.centre_name} print this address "
            "and telephone under the centre's name.",
        )
        address = named(QPlainTextEdit(current.address), "Postal address, one line each")
        address.setTabChangesFocus(True)
        address.setFixedHeight(address.fontMetrics().lineSpacing() * 7)
        telephone = line_edit("Telephone")
        telephone.setText(current.telephone)
        add_row(form.form, "Postal &address:", address)
        add_row(form.form, "&Telephone:", telephone)
        form.run = lambda: settings.set_letterhead(session, address.toPlainText(), telephone.text())
        if form.exec() == QDialog.DialogCode.Accepted:
            self.host.show_status("The letterhead was saved; letters print it from now on.")

    def open_closures(self) -> None:
        session = self.session
        if session is not None:
            from stmarys_desktop.ui.dialogs.closures import ClosuresDialog  # opened rarely

            ClosuresDialog(self, session, session.centre.clock().date()).exec()

    def clear(self) -> None:
        self.model.clear()
        self.last_backup.clear()

    def select(self, user_name: str) -> None:
        row = self.model.row_of(user_name)
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def selected(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ACCOUNT_ROLE) if rows else None

    def _selection_changed(self, *_: object) -> None:
        account = self.selected()
        for widget in (
            self.roles_button,
            self.reset_button,
            self.disable_button,
            self.remove_button,
        ):
            widget.setEnabled(account is not None)
        enabling = account is not None and account.disabled
        self.disable_button.setText("&Enable" if enabling else "&Disable")
        self.disable_button.setAccessibleName("Enable account" if enabling else "Disable account")

    def _reload(self, select: str | None = None) -> None:
        self.refresh()
        if select:
            self.select(select)

    # -- accounts ----------------------------------------------------------------------

    def add_account(self) -> None:
        if self.session is None:
            return
        dialog = AddAccountDialog(self, self.session)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created is not None:
            self._reload(dialog.created.user_name)
            self.host.show_status(f"Added the account {dialog.created.user_name}.")

    def set_roles(self) -> None:
        account = self.selected()
        if self.session is None or account is None:
            return
        if SetRolesDialog(self, self.session, account).exec() == QDialog.DialogCode.Accepted:
            if account.user_name == self.session.user_name:
                self.host.own_account_changed()
                return
            self._reload(account.user_name)
            self.host.show_status(f"Saved the roles of {account.user_name}.")

    def reset_password(self) -> None:
        account = self.selected()
        if self.session is None or account is None:
            return
        dialog = ResetPasswordDialog(self, self.session, account)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reload(account.user_name)
            messages.inform(
                self,
                "Password reset",
                f"The password of {account.user_name} has been reset. Tell them "
                "in person, and ask them to change it.",
            )

    def toggle_disabled(self) -> None:
        account = self.selected()
        if self.session is None or account is None:
            return
        try:
            accounts.set_disabled(self.session, account.user_name, not account.disabled)
        except StMarysError as exc:
            messages.show_error(self, "Account not changed", exc)
            return
        self._reload(account.user_name)
        self.host.show_status(
            f"{'Enabled' if account.disabled else 'Disabled'} the account {account.user_name}."
        )

    def remove_account(self) -> None:
        account = self.selected()
        if self.session is None or account is None:
            return
        if not messages.ask(
            self,
            "Remove the account",
            f"Remove the account {account.user_name} ({account.display_name})? "
            "They will no longer be able to sign in. The audit log keeps "
            "what they did.",
            "Remove",
        ):
            return
        try:
            accounts.remove_account(self.session, account.user_name)
        except StMarysError as exc:
            messages.show_error(self, "Account not removed", exc)
            return
        self._reload()
        if self.session.can(Permission.REKEY) and messages.ask(
            self, "Rotate the database key", ROTATE_OFFER, "Rotate the key now", "Not now"
        ):
            self.rotate_key()

    def rotate_key(self) -> None:
        session = self.session
        if session is None:
            return
        self.host.run_task(
            "Rotating the key",
            "Re-encrypting the database with a new key…",
            lambda _progress: maintenance.rotate_key(session),
            lambda _result: messages.inform(
                self,
                "Key rotated",
                "The database key has been rotated and re-wrapped for "
                "every account and the recovery key. Make a new backup now; older "
                "backups still open with the passwords they were made with.",
            ),
        )

    # -- settings and data -------------------------------------------------------------

    def save_idle_minutes(self) -> None:
        if self.session is None:
            return
        minutes = self.idle_minutes.value()
        try:
            settings.set_idle_minutes(self.session, minutes)
        except StMarysError as exc:
            messages.show_error(self, "Idle time not saved", exc)
            return
        self.host.apply_idle_minutes(minutes)
        self.host.show_status(f"The window now locks after {minutes} minutes without use.")

    def save_clipboard_seconds(self) -> None:
        if self.session is None:
            return
        seconds = self.clipboard_seconds.value()
        try:
            settings.set_clipboard_seconds(self.session, seconds)
        except StMarysError as exc:
            messages.show_error(self, "Clipboard time not saved", exc)
            return
        self.host.apply_clipboard_seconds(seconds)
        self.host.show_status(
            f"Copied text is now cleared from the clipboard after {seconds} seconds."
        )

    def save_keep_backups(self) -> None:
        if self.session is None:
            return
        count = self.keep_backups.value()
        try:
            maintenance.set_keep_backups(self.session, count)
        except StMarysError as exc:
            messages.show_error(self, "Backups to keep not saved", exc)
            return
        self.host.show_status(
            f"A backup folder now keeps the newest {count} backup{'s' if count != 1 else ''}."
        )

    def backup_now(self) -> None:
        session = self.session
        if session is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, "Choose where to save the backup (for example a USB stick)", str(Path.home())
        )
        if not folder or self.session is None:
            return
        self.host.run_task(
            "Backing up",
            "Writing the encrypted backup and checking it…",
            lambda _progress: maintenance.backup(session, Path(folder)),
            self._backed_up,
        )

    def _backed_up(self, result: maintenance.BackupResult) -> None:
        self.refresh()
        removed = len(result.removed_old)
        kept = (
            f" {removed} older backup{'s were' if removed != 1 else ' was'} removed from "
            "that folder, which keeps the newest "
            f"{self.keep_backups.value()}."
            if removed
            else ""
        )
        messages.inform(
            self,
            "Backup made",
            f"The backup was written and checked: {result.path} "
            f"({result.size:,} bytes). Keep it somewhere safe, away from this PC." + kept,
        )

    def explain_audit_break(self) -> None:
        from stmarys_desktop.ui.dialogs.audit_break import AuditBreakDialog

        if self.session is None:
            return
        if AuditBreakDialog(self, self.session).exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.host.show_status(
                "What happened to the audit log is recorded; the break stays on file."
            )

    def verify(self) -> None:
        session = self.session
        if session is None:
            return
        self.host.run_task(
            "Verifying",
            "Checking the database, its encryption and the audit log…",
            lambda _progress: maintenance.verify(session),
            self._verified,
        )

    def _verified(self, report: maintenance.VerifyReport) -> None:
        if report.ok:
            messages.inform(self, "Verify", report.summary())
        else:
            messages.warn(self, "Verify", report.summary())
