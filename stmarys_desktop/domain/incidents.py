"""Incidents, concerns, the exceptions they open (clause 4), and the accident book."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ExceptionKind(StrEnum):
    """What an exception to confidentiality is about (clause 4, exception a or b)."""

    WELFARE = "welfare"
    VIOLENCE = "violence"

    @property
    def concern(self) -> str:
        """As in "concern about ..."."""
        return {
            ExceptionKind.WELFARE: "a child's welfare",
            ExceptionKind.VIOLENCE: "physical violence",
        }[self]


class IncidentKind(StrEnum):
    WELFARE_CONCERN = "welfare_concern"
    VIOLENCE_CONCERN = "violence_concern"
    ACCIDENT = "accident"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            IncidentKind.WELFARE_CONCERN: "Concern about a child's welfare",
            IncidentKind.VIOLENCE_CONCERN: "Concern about physical violence",
            IncidentKind.ACCIDENT: "Accident",
            IncidentKind.OTHER: "Other incident",
        }[self]

    @property
    def is_concern(self) -> bool:
        return self in (IncidentKind.WELFARE_CONCERN, IncidentKind.VIOLENCE_CONCERN)

    @property
    def has_body_map(self) -> bool:
        return self is not IncidentKind.OTHER

    @property
    def exception_kind(self) -> ExceptionKind:
        return {
            IncidentKind.WELFARE_CONCERN: ExceptionKind.WELFARE,
            IncidentKind.VIOLENCE_CONCERN: ExceptionKind.VIOLENCE,
        }[self]


class IncidentStatus(StrEnum):
    RECORDED = "recorded"
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    CONFIRMED = "confirmed"
    NOT_CONFIRMED = "not_confirmed"

    @property
    def label(self) -> str:
        return {
            IncidentStatus.RECORDED: "Recorded",
            IncidentStatus.AWAITING_CONFIRMATION: "Awaiting the safeguarding lead",
            IncidentStatus.CONFIRMED: "Confirmed by the safeguarding lead",
            IncidentStatus.NOT_CONFIRMED: "Not confirmed",
        }[self]


REFERRED_TO = {
    "": "Not referred",
    "childrens_services": "Children's Services",
    "police": "Police",
    "both": "Children's Services and the police",
}


@dataclass(frozen=True)
class BodyMark:
    """A mark on the body map: which outline, where (0-1 across and down), and what."""

    side: str
    x: float
    y: float
    note: str = ""


@dataclass
class IncidentDraft:
    kind: IncidentKind
    occurred_at: datetime
    seen_and_heard: str
    family_id: int | None = None
    place: str = ""
    people_involved: str = ""
    injuries: str = ""
    body_map: list[BodyMark] = field(default_factory=list)
    action_taken: str = ""
    who_was_told: str = ""
    referred_to: str = ""
    referral_reference: str = ""
    follow_up: str = ""


@dataclass(frozen=True)
class Incident:
    id: int
    kind: IncidentKind
    family_id: int | None
    family_reference: str
    occurred_at: str
    place: str
    people_involved: str
    seen_and_heard: str
    injuries: str
    body_map: tuple[BodyMark, ...]
    action_taken: str
    who_was_told: str
    referred_to: str
    referral_reference: str
    follow_up: str
    recorded_by: str
    recorded_at: str
    status: IncidentStatus
    decided_by: str
    decided_at: str
    decision_note: str
    supersedes_id: int | None
    superseded_by_id: int | None
    decided_by_name: str = ""  # who decided, by full name (decided_by stays the login)


@dataclass(frozen=True)
class IncidentSummary:
    """What anyone on duty may see of a record: that it exists and its status."""

    id: int
    kind: IncidentKind
    family_id: int | None
    family_reference: str
    occurred_at: str
    status: IncidentStatus
    recorded_by: str
    supersedes_id: int | None
    superseded_by_id: int | None


@dataclass(frozen=True)
class FamilyException:
    """Clause 4: while open, the family's details may go to Children's Services / police."""

    id: int
    family_id: int
    family_reference: str
    kind: ExceptionKind
    incident_id: int
    confirmed_by: str
    opened_at: str
    closed_at: str | None
    closed_by: str
    close_reason: str

    def __post_init__(self) -> None:
        # A kind the product does not know is an error, never taken for the other kind.
        object.__setattr__(self, "kind", ExceptionKind(self.kind))

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def label(self) -> str:
        return (
            f"Exception {self.id}: concern about {self.kind.concern}, opened {self.opened_at[:10]}"
        )


@dataclass(frozen=True)
class AccidentEntry:
    number: int
    occurred_at: str
    place: str
    people: str
    what_happened: str
    injuries: str
    action_taken: str
    recorded_by: str
    recorded_at: str
    corrects_number: int | None
    # From the incident while it is kept (the book itself has no such columns).
    who_was_told: str = ""
    body_map: tuple[BodyMark, ...] = ()


@dataclass(frozen=True)
class ChronologyItem:
    at: str
    kind: str
    text: str
    superseded: bool = False
