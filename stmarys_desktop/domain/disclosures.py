"""Consents, agreements, requests for information and the disclosure log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stmarys_desktop.domain.sessions import AttendanceLine


class ConsentSought(StrEnum):
    """Whether the person a request for information is about was asked for consent."""

    NOT_SOUGHT = "not_sought"
    OBTAINED = "obtained"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return {
            ConsentSought.NOT_SOUGHT: "Not sought",
            ConsentSought.OBTAINED: "Obtained",
            ConsentSought.REFUSED: "Refused",
        }[self]


@dataclass(frozen=True)
class Consent:
    id: int
    family_id: int
    given_by: int
    given_by_name: str
    recipient: str
    recipient_kind: str
    items: frozenset[str]
    signed_on: date
    paper_kept_at: str
    expires_on: date | None
    withdrawn_on: date | None
    withdrawn_how: str


@dataclass(frozen=True)
class Agreement:
    id: int
    agency: str
    family_id: int | None
    valid_from: date
    valid_to: date
    paper_kept_at: str


@dataclass(frozen=True)
class Authority:
    """A Children's Services department or police force on the centre's list (clause 4)."""

    id: int
    name: str
    kind: str  # "childrens_services" or "police"
    contact_point: str
    added_by: str
    added_at: str
    removed_at: str | None

    @property
    def kind_label(self) -> str:
        return "Children's Services" if self.kind == "childrens_services" else "Police"


@dataclass(frozen=True)
class DisclosureEntry:
    seq: int
    at: str
    actor: str
    action: str
    family_reference: str
    recipient: str
    items: str
    allowed: bool
    clause: str
    basis: str
    sentence: str
    about_person: str = ""  # whose details, when the attempt was about one person
    recipient_kind: str = ""


@dataclass(frozen=True)
class InfoRequest:
    id: int
    received_at: str
    requester_name: str
    requester_agency: str
    asked_for: str
    family_id: int | None
    about_person_id: int | None
    consent_sought: ConsentSought
    decision: str
    basis: str
    without_consent_reason: str
    subject_told: str
    subject_told_on: str | None
    not_told_reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "consent_sought", ConsentSought(self.consent_sought))


@dataclass(frozen=True)
class AttendanceLetter:
    """Clause iii: dates, times and attended / did not attend / cancelled; nothing else."""

    centre_name: str
    family_reference: str
    recipient: str
    written_on: date
    lines: tuple[AttendanceLine, ...]
    # Clause iii as the version in force states it (issue 20): a quote, or plain words.
    policy_says: str


@dataclass(frozen=True)
class ProceedingsReply:
    """Clause ii: the reply to a request for a report, citing the policy in force.

    It never names the referring agency, nor anything else about the family: it says
    only that attendance dates go to the agency that referred the family (issue 20).
    """

    centre_name: str
    family_reference: str
    requester: str
    written_on: date
    sentence: str
    clause_title: str
    policy_says: str  # clause ii as the version in force states it
    attendance_rule: str  # how the version in force names clause iii


@dataclass(frozen=True)
class ConsentForm:
    """A consent form pre-filled with exactly what the adult is asked to agree to."""

    centre_name: str
    family_reference: str
    given_by: str
    recipient: str
    items: tuple[str, ...]
    expires_on: date | None
    policy_says: str  # clause iv as the version in force states it
