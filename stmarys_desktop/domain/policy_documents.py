"""The centre's policies as documents: versions, reviews, acknowledgements, printed sheets.

Clause ix (everyone is made aware of the policy and can see it) and the
annual review. Plain data only; the rules about publishing live in
services/policy_documents.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stmarys_desktop.domain.dates import add_years, long_date

# The name the shipped text uses for the centre; the centre's own name goes in its place.
SHIPPED_CENTRE_NAME = "St Mary's Contact Centre"
REVIEW_WARNING_DAYS = 30
# The shipped text ends with a plain-text stand-in for the signature table; the
# printed sheet draws a real one, so the stand-in is not part of the policy (D41).
_SIGNATURE_STAND_IN = re.compile(r"\n\s*Name\s+Signature\s+Date\s*\n[-\s]*\Z")


class DocumentKind(StrEnum):
    CONFIDENTIALITY = "confidentiality"
    DATA_PROTECTION = "data_protection"

    @property
    def label(self) -> str:
        return {
            DocumentKind.CONFIDENTIALITY: "Confidentiality Policy",
            DocumentKind.DATA_PROTECTION: "Data Protection Policy",
        }[self]


class Group(StrEnum):
    """Who clause ix names: staff, users (the parents) and referrers."""

    STAFF = "staff"
    PARENT = "parent"
    REFERRER = "referrer"

    @property
    def label(self) -> str:
        return {
            Group.STAFF: "Staff and volunteers",
            Group.PARENT: "Parents",
            Group.REFERRER: "Referrers",
        }[self]

    @property
    def singular(self) -> str:
        return {Group.STAFF: "Member of staff", Group.PARENT: "Parent", Group.REFERRER: "Referrer"}[
            self
        ]


class HowAcknowledged(StrEnum):
    """Every acknowledgement is a signed paper; this says which one."""

    GROUP_SHEET = "group_sheet"
    PERSONAL_SHEET = "personal_sheet"
    INTAKE_FORM = "intake_form"

    @property
    def label(self) -> str:
        return {
            HowAcknowledged.GROUP_SHEET: "Group sheet",
            HowAcknowledged.PERSONAL_SHEET: "Personal sheet",
            HowAcknowledged.INTAKE_FORM: "Short form at intake",
        }[self]


class SheetVariant(StrEnum):
    GROUP = "group"
    PERSONAL = "personal"
    INTAKE = "intake"

    @property
    def label(self) -> str:
        return {
            SheetVariant.GROUP: "Blank group sheet",
            SheetVariant.PERSONAL: "Personal sheet for one person",
            SheetVariant.INTAKE: "Short form for parents at intake",
        }[self]


@dataclass(frozen=True)
class PolicyVersion:
    id: int
    document: DocumentKind
    number: int
    text: str
    effective_on: date
    review_due_on: date
    published_by: str
    published_at: str
    note: str = ""

    @property
    def title(self) -> str:
        return f"{self.document.label}, version {self.number}"


@dataclass(frozen=True)
class RuleMapRow:
    """One stored line of a version's rule map (policy/rule_map.py reads it)."""

    rule: str  # a clause's value: "4a", "ii", "review"
    passage_index: int | None  # None: no passage; the centre keeps the rule in force
    label: str
    passage: str


@dataclass(frozen=True)
class PolicyReview:
    id: int
    document: DocumentKind
    version_number: int
    reviewed_on: date
    reviewed_by: str
    changes: str  # empty: reviewed, no changes needed
    recorded_by: str
    recorded_at: str

    @property
    def outcome(self) -> str:
        return self.changes or "No changes needed."


@dataclass(frozen=True)
class ReviewStatus:
    """Where the current version stands against its annual review, on a given day."""

    version: PolicyVersion
    last_review_on: date | None
    due_on: date
    today: date

    @property
    def days_left(self) -> int:
        return (self.due_on - self.today).days

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def due_soon(self) -> bool:
        return 0 <= self.days_left <= REVIEW_WARNING_DAYS


@dataclass(frozen=True)
class Acknowledgement:
    id: int
    version_number: int
    group: Group
    name: str
    detail: str  # role, family reference or agency
    acknowledged_on: date
    how: HowAcknowledged
    kept_at: str
    recorded_by: str
    recorded_at: str


@dataclass(frozen=True)
class StaffAcknowledgement:
    """Whether one member of staff has acknowledged the current version, and on which day.

    `expected` is False for someone who has left: clause ix asks it of staff in post
    (or about to be), so nobody chases them for a version published after they went.
    """

    version_number: int
    acknowledged_on: date | None = None
    expected: bool = True

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_on is not None

    @property
    def text(self) -> str:
        """ "Version 2, 3 March 2026", "Not yet (version 2)" or "Not needed (has left)"."""
        if self.acknowledged_on is not None:
            return f"Version {self.version_number}, {long_date(self.acknowledged_on)}"
        if not self.expected:
            return "Not needed (has left)"
        return f"Not yet (version {self.version_number})"


@dataclass(frozen=True)
class Outstanding:
    """Someone who has not acknowledged the current version yet."""

    group: Group
    name: str
    detail: str
    staff_id: int | None = None
    person_id: int | None = None
    agency: str = ""


@dataclass(frozen=True)
class GroupOutstanding:
    """One group's count, and the first of those still to acknowledge (capped)."""

    group: Group
    total: int
    outstanding: int
    listed: tuple[Outstanding, ...]

    @property
    def acknowledged(self) -> int:
        return self.total - self.outstanding


@dataclass(frozen=True)
class AcknowledgementSheet:
    """Everything a printed sheet shows: the policy text, then the rows to sign."""

    centre_name: str
    document: DocumentKind
    text: str
    variant: SheetVariant
    version_number: int | None  # None: the text shipped with the application
    effective_on: date | None
    printed_on: date
    signatory: str = ""
    signatory_role: str = ""
    rows: int = 12

    @property
    def version_words(self) -> str:
        if self.version_number is None:
            return "the text shipped with the application"
        effective = f", effective {long_date(self.effective_on)}" if self.effective_on else ""
        return f"version {self.version_number}{effective}"


def a_year_after(day: date) -> date:
    return add_years(day, 1)


def policy_text_for_centre(shipped_text: str, centre_name: str) -> str:
    """Version 1 of a centre's policy: the shipped text with the centre's own name in it."""
    text = shipped_text.replace("\r\n", "\n")
    text = _SIGNATURE_STAND_IN.sub("\n", text).strip() + "\n"
    name = " ".join(centre_name.split())
    return text.replace(SHIPPED_CENTRE_NAME, name) if name else text
