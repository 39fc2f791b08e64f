"""The roles people hold at the centre and the permissions the service layer checks."""

from enum import StrEnum


class Role(StrEnum):
    FRONT_DESK = "front_desk"
    COORDINATOR = "coordinator"
    SAFEGUARDING_LEAD = "safeguarding_lead"
    MANAGER = "manager"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.FRONT_DESK: "Front desk",
    Role.COORDINATOR: "Coordinator",
    Role.SAFEGUARDING_LEAD: "Safeguarding lead",
    Role.MANAGER: "Manager",
}


class Permission(StrEnum):
    VIEW_TODAY = "view_today"
    RUN_REGISTER = "run_register"
    VIEW_FAMILIES = "view_families"
    EDIT_FAMILIES = "edit_families"
    REVEAL_CONTACT_DETAILS = "reveal_contact_details"
    BOOK_SESSIONS = "book_sessions"
    RECORD_INCIDENT = "record_incident"
    VIEW_CONCERN_DETAILS = "view_concern_details"
    CONFIRM_CONCERN = "confirm_concern"
    MANAGE_EXCEPTIONS = "manage_exceptions"
    MANAGE_CONSENTS = "manage_consents"
    DISCLOSE = "disclose"
    VIEW_REQUEST_LOG = "view_request_log"
    VIEW_VETTING = "view_vetting"
    MANAGE_STAFF = "manage_staff"
    VIEW_POLICY = "view_policy"
    MANAGE_POLICY = "manage_policy"
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_SETTINGS = "manage_settings"
    RETENTION_REVIEW = "retention_review"
    BACKUP = "backup"
    RESTORE = "restore"
    VERIFY = "verify"
    REKEY = "rekey"
    VIEW_AUDIT = "view_audit"
    CORRECT_ATTENDANCE = "correct_attendance"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")
