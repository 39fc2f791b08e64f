"""Families, the people in them, and their referral."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class PersonKind(StrEnum):
    CHILD = "child"
    RESIDENT_PARENT = "resident_parent"
    NON_RESIDENT_PARENT = "non_resident_parent"
    OTHER_ADULT = "other_adult"

    @property
    def label(self) -> str:
        return {
            PersonKind.CHILD: "Child",
            PersonKind.RESIDENT_PARENT: "Resident parent",
            PersonKind.NON_RESIDENT_PARENT: "Non-resident parent",
            PersonKind.OTHER_ADULT: "Other named adult",
        }[self]

    @property
    def is_adult(self) -> bool:
        return self is not PersonKind.CHILD


class AgencyKind(StrEnum):
    SOLICITOR = "solicitor"
    CAFCASS = "cafcass"
    CHILDRENS_SERVICES = "childrens_services"
    COURT = "court"
    SELF = "self"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            AgencyKind.SOLICITOR: "Solicitor",
            AgencyKind.CAFCASS: "Cafcass",
            AgencyKind.CHILDRENS_SERVICES: "Children's Services",
            AgencyKind.COURT: "Court",
            AgencyKind.SELF: "Self-referral",
            AgencyKind.OTHER: "Other agency",
        }[self]


MASK = "••••••"


@dataclass(frozen=True)
class Person:
    """One member of a family. An adult's address and telephone are masked
    unless they were revealed, one person at a time (clause iv)."""

    id: int
    kind: PersonKind
    full_name: str
    date_of_birth: date | None = None
    needs: str = ""
    relationship: str = ""
    has_address: bool = False
    has_telephone: bool = False
    version: int = 1

    @property
    def address_shown(self) -> str:
        return MASK if self.has_address else ""

    @property
    def telephone_shown(self) -> str:
        return MASK if self.has_telephone else ""


@dataclass(frozen=True)
class ContactDetails:
    """What a reveal returns: one adult's own details, never anyone else's."""

    person_id: int
    full_name: str
    address: str
    telephone: str


@dataclass(frozen=True)
class Referral:
    id: int
    agency_kind: AgencyKind
    agency_name: str
    referrer_name: str
    referrer_contact: str
    referred_on: date
    court_order_on_file: bool
    named_person_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Family:
    id: int
    reference: str
    status: str
    arrangement: str
    created_at: str
    last_reviewed_on: date | None
    next_review_on: date | None
    version: int
    people: tuple[Person, ...] = ()
    referral: Referral | None = None
    arrangement_ends_on: date | None = None  # the last day contact is arranged for

    @property
    def children(self) -> list[Person]:
        return [p for p in self.people if p.kind is PersonKind.CHILD]

    @property
    def adults(self) -> list[Person]:
        return [p for p in self.people if p.kind.is_adult]

    def person(self, person_id: int) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)


@dataclass(frozen=True)
class FamilySummary:
    """A row of the families list: the names a person searches by (everyone in the
    family, children included), never contact details."""

    id: int
    reference: str
    status: str
    names: str
    referrer: str
    next_review_on: date | None
    # Shown apart in the list (issue 18): everyone "; "-separated, the agency, its person.
    people: str = ""
    agency: str = ""
    referrer_name: str = ""

    @property
    def names_apart(self) -> str:
        """Everyone in the family as a person reads them ("Zara Thornstead; Stuart
        Quenhurst"), or the search's words where the people were not read."""
        return self.people or self.names


@dataclass
class NewPerson:
    kind: PersonKind
    full_name: str
    date_of_birth: date | None = None
    needs: str = ""
    relationship: str = ""
    address: str = ""
    telephone: str = ""
    named_on_referral: bool = True


@dataclass
class NewReferral:
    agency_kind: AgencyKind
    agency_name: str
    referrer_name: str
    referrer_contact: str
    referred_on: date
    court_order_on_file: bool = False


@dataclass
class NewFamily:
    people: list[NewPerson]
    referral: NewReferral
    arrangement: str = ""
    extra: dict[str, str] = field(default_factory=dict)
