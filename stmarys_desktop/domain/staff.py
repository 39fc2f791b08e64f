"""Staff and volunteers, and their vetting (clause vi).

A vetting record holds only what DESIGN.md section 2 allows: the level, the
justification, the certificate number, dates, who saw it, the outcome and the
recruitment decision, the Update Service flag and status check. There is no
field for a copy of a certificate or for conviction details.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from stmarys_desktop.domain import decisions
from stmarys_desktop.domain.policy_documents import StaffAcknowledgement


class StaffStatus(StrEnum):
    APPLICANT = "applicant"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    LEFT = "left"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class CentreRole(StrEnum):
    """What a person does at the centre (not the roles of a login account)."""

    COORDINATOR = "coordinator"
    STAFF = "staff"
    VOLUNTEER = "volunteer"
    SAFEGUARDING_LEAD = "safeguarding_lead"
    MANAGER = "manager"

    @property
    def label(self) -> str:
        return {
            CentreRole.COORDINATOR: "Coordinator",
            CentreRole.STAFF: "Staff",
            CentreRole.VOLUNTEER: "Volunteer",
            CentreRole.SAFEGUARDING_LEAD: "Safeguarding lead",
            CentreRole.MANAGER: "Manager",
        }[self]


class DbsLevel(StrEnum):
    BASIC = "basic"
    STANDARD = "standard"
    ENHANCED = "enhanced"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def rank(self) -> int:
        return list(DbsLevel).index(self)


class DbsOutcome(StrEnum):
    CLEAR = "clear"
    INFORMATION_DISCLOSED = "information_disclosed"

    @property
    def label(self) -> str:
        return "Clear" if self is DbsOutcome.CLEAR else "Information disclosed"


class Decision(StrEnum):
    """The recruitment decision on a check."""

    PENDING = ""
    PROCEED = "proceed"
    DO_NOT_PROCEED = "do_not_proceed"

    @property
    def label(self) -> str:
        return {
            Decision.PENDING: "Awaiting the manager's decision",
            Decision.PROCEED: "Proceed",
            Decision.DO_NOT_PROCEED: "Do not proceed",
        }[self]


class StatusResult(StrEnum):
    """What an Update Service status check said."""

    NONE = ""
    NO_CHANGE = "no_change"
    NEW_INFORMATION = "new_information"

    @property
    def label(self) -> str:
        return {
            StatusResult.NONE: "Not checked yet",
            StatusResult.NO_CHANGE: "No change",
            StatusResult.NEW_INFORMATION: "New information: a new check is needed",
        }[self]


DEFAULT_JUSTIFICATION = (
    "Default until a manager sets it: everyone at the centre works with children and families."
)


@dataclass(frozen=True)
class Requirement:
    """The check a role needs. Without a manager's setting: enhanced, no barred list."""

    centre_role: CentreRole
    level: DbsLevel = DbsLevel.ENHANCED
    regulated_activity: bool = False
    barred_list: bool = False
    justification: str = DEFAULT_JUSTIFICATION
    set_by: str = ""
    set_at: str = ""

    @property
    def label(self) -> str:
        text = f"{self.level.label} DBS check"
        return text + (" with the children's barred list" if self.barred_list else "")


@dataclass(frozen=True)
class DbsCheck:
    id: int
    staff_id: int
    level: DbsLevel
    barred_list: bool
    certificate_number: str
    issued_on: date
    seen_on: date
    seen_by: str
    outcome: DbsOutcome
    decision: Decision = Decision.PENDING
    decided_by: str = ""
    decided_on: date | None = None
    update_service: bool = False
    last_status_check_on: date | None = None
    status_result: StatusResult = StatusResult.NONE
    notes: str = ""
    notes_cleared_on: date | None = None

    @property
    def level_label(self) -> str:
        return self.level.label + (" with barred list" if self.barred_list else "")


@dataclass(frozen=True)
class IdentitySeen:
    documents: str
    seen_by: str
    seen_on: date


@dataclass(frozen=True)
class Reference:
    id: int
    referee: str
    received_on: date
    satisfactory: bool


@dataclass(frozen=True)
class Training:
    completed_on: date
    renewal_due_on: date
    course: str = ""


@dataclass(frozen=True)
class Vetting:
    """Everything recorded about one person's vetting, as the rules see it."""

    requirement: Requirement
    checks: tuple[DbsCheck, ...] = ()  # newest first
    identity: IdentitySeen | None = None
    references: tuple[Reference, ...] = ()
    training: Training | None = None

    @property
    def latest_check(self) -> DbsCheck | None:
        return self.checks[0] if self.checks else None


@dataclass(frozen=True)
class Clearance:
    """Whether a person may take up post (work with families) on a day, and why not."""

    cleared: bool
    reasons: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        return "Cleared" if self.cleared else "Not cleared: " + "; ".join(self.reasons)


@dataclass(frozen=True)
class StaffMember:
    """A person as the screens show them: contact details masked."""

    id: int
    full_name: str
    centre_role: CentreRole
    status: StaffStatus
    start_on: date | None
    end_on: date | None
    has_address: bool
    has_telephone: bool
    has_emergency_contact: bool
    version: int
    login: str = ""  # the user name of the linked account, if any


@dataclass(frozen=True)
class StaffContact:
    staff_id: int
    full_name: str
    address: str
    telephone: str
    emergency_contact: str


@dataclass(frozen=True)
class StaffSummary:
    """One line of the staff list (for a manager)."""

    member: StaffMember
    clearance: Clearance
    next_check_due: date | None
    training_due: date | None
    activate: decisions.Decision
    login: decisions.Decision
    policy_acknowledged: StaffAcknowledgement  # of the current Confidentiality Policy


@dataclass(frozen=True)
class VettingRecord:
    """One person's whole vetting record (a manager's view, logged)."""

    member: StaffMember
    vetting: Vetting
    clearance: Clearance
    next_check_due: date | None
    notes_clear_on: date | None
    activate: decisions.Decision
    login: decisions.Decision
    policy_acknowledged: StaffAcknowledgement  # of the current Confidentiality Policy
    # The buttons on the latest check, as `record_decision` and `record_status_check` decide.
    record_decision: decisions.Decision
    record_status_check: decisions.Decision


@dataclass
class NewStaff:
    full_name: str
    centre_role: CentreRole | str
    start_on: date | None = None
    address: str = ""
    telephone: str = ""
    emergency_contact: str = ""


@dataclass
class DbsCheckDraft:
    certificate_number: str
    issued_on: date
    seen_on: date
    outcome: DbsOutcome | str = DbsOutcome.CLEAR
    level: DbsLevel | str = DbsLevel.ENHANCED
    barred_list: bool = False
    seen_by: str = ""  # blank: the manager recording it
    update_service: bool = False
    last_status_check_on: date | None = None
    notes: str = ""


@dataclass
class ReferenceDraft:
    referee: str
    received_on: date
    satisfactory: bool


@dataclass
class IdentityDraft:
    documents: list[str] = field(default_factory=list)
    seen_on: date | None = None
    seen_by: str = ""
