"""Consents, agreements, requests for information and the disclosure log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stmarys_desktop.domain.dates import short_date
from stmarys_desktop.domain.sessions import AttendanceLine


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


class ConsentSought(StrEnum):
    """Whether the person a request for information is about was asked for consent, and
    what they said."""

    NOT_SOUGHT = "not_sought"
    SOUGHT = "sought"  # asked, awaiting an answer
    OBTAINED = "obtained"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return {
            ConsentSought.NOT_SOUGHT: "Not sought",
            ConsentSought.SOUGHT: "Sought, awaiting an answer",
            ConsentSought.OBTAINED: "Obtained",
            ConsentSought.REFUSED: "Refused",
        }[self]


class Told(StrEnum):
    """Whether the person a request was about was told afterwards."""

    NOT_YET = "not_yet"
    YES = "yes"
    NO = "no"

    @property
    def label(self) -> str:
        return {Told.NOT_YET: "Not yet", Told.YES: "Told", Told.NO: "Not told"}[self]


class RequestField(StrEnum):
    """The fields of a request that may be changed after it was recorded, each change with
    its reason (issue 20). The decision and its basis are the disclosure log's, not typed."""

    RECEIVED_ON = "received_on"
    REQUESTER_NAME = "requester_name"
    REQUESTER_AGENCY = "requester_agency"
    ASKED_FOR = "asked_for"
    ABOUT_PERSON = "about_person"
    CONSENT = "consent"
    WITHOUT_CONSENT_REASON = "without_consent_reason"
    TOLD = "told"

    @property
    def label(self) -> str:
        return {
            RequestField.RECEIVED_ON: "Received on",
            RequestField.REQUESTER_NAME: "Who asked",
            RequestField.REQUESTER_AGENCY: "Their agency",
            RequestField.ASKED_FOR: "What they asked for",
            RequestField.ABOUT_PERSON: "About whom",
            RequestField.CONSENT: "Consent",
            RequestField.WITHOUT_CONSENT_REASON: "Reason for disclosing without consent",
            RequestField.TOLD: "Told afterwards",
        }[self]


@dataclass(frozen=True)
class RequestAnswer:
    """A disclosure-log entry that answers a request: what was done and how it went."""

    seq: int
    at: str
    action: str
    recipient: str
    allowed: bool


@dataclass(frozen=True)
class RequestChange:
    """One change to a request after it was recorded: never edited, kept with it."""

    id: int
    request_id: int
    field: RequestField
    was: str
    now: str
    reason: str
    changed_by: str  # the login
    changed_by_name: str  # that person's name, as screens and printouts show it
    changed_at: str


@dataclass(frozen=True)
class InfoRequest:
    """One entry of the request log: every field published centre policies prescribe."""

    id: int
    received_at: str
    requester_name: str
    requester_agency: str
    asked_for: str
    family_id: int | None
    about_person_id: int | None
    consent_sought: ConsentSought
    decision: str  # "given" / "refused" / "": from the disclosure that answers it
    basis: str
    without_consent_reason: str
    subject_told: str  # a Told value
    subject_told_on: str | None
    not_told_reason: str
    recorded_by: str = ""  # the login that recorded it
    recorded_by_name: str = ""
    recorded_at: str = ""
    family_reference: str = ""
    about_person: str = ""  # that person's name; "" when it is about the family
    answers: tuple[RequestAnswer, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "consent_sought", ConsentSought(self.consent_sought))

    @property
    def consent(self) -> ConsentSought:
        return self.consent_sought

    @property
    def received_on(self) -> date:
        """The day it arrived: what the log shows for every request (D394), including
        those recorded before the day alone was kept."""
        return date.fromisoformat(self.received_at[:10])

    @property
    def told(self) -> Told:
        return Told(self.subject_told)

    @property
    def about_words(self) -> str:
        return self.about_person or ("The family" if self.family_id else "No family")

    @property
    def told_words(self) -> str:
        told = self.told
        if told is Told.YES and self.subject_told_on:
            return f"{told.label} on {short_date(date.fromisoformat(self.subject_told_on))}"
        if told is Told.NO and self.not_told_reason:
            return f"{told.label}: {self.not_told_reason}"
        return told.label


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


@dataclass(frozen=True)
class RequestLogPrintout:
    """The request log on paper (issue 20): the centre's, or one family's, with each
    request's changes. For use inside the centre only."""

    centre_name: str
    family_reference: str  # "" for the whole centre's log
    printed_on: date
    printed_by: str
    requests: tuple[InfoRequest, ...]
    changes: dict[int, tuple[RequestChange, ...]]
