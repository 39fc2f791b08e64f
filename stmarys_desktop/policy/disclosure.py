"""The Confidentiality Policy as one decision (DESIGN.md section 2).

`decide(request, facts)` is the only way the product finds out whether
anything may leave the centre. It reads no clock and no database: the date
and every record it rests on are in `facts`. The default is refusal; every
path that allows names its basis (a consent, an exception, an agreement or
the referrer rule) and its clause, and every refusal says what is missing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.decisions import Basis, Decision
from stmarys_desktop.domain.incidents import ExceptionKind


class Action(StrEnum):
    ATTENDANCE_LETTER = "attendance_letter"
    CONTACT_DETAILS = "contact_details"
    SHARE_WITH_AUTHORITIES = "share_with_authorities"
    PROCEEDINGS_REPORT = "proceedings_report"
    ASSESSMENT_ON_PREMISES = "assessment_on_premises"
    INTERNAL_PRINTOUT = "internal_printout"
    EXPORT = "export"

    @property
    def label(self) -> str:
        return {
            Action.ATTENDANCE_LETTER: "Attendance letter for the referrer",
            Action.CONTACT_DETAILS: "Disclose contact details",
            Action.SHARE_WITH_AUTHORITIES: "Share with Children's Services / police",
            Action.PROCEEDINGS_REPORT: "Report for court / proceedings",
            Action.ASSESSMENT_ON_PREMISES: "Book assessment on premises",
            Action.INTERNAL_PRINTOUT: "Print for internal use",
            Action.EXPORT: "Export family data",
        }[self]

    @property
    def doing(self) -> str:
        """The action as the words after "You cannot ..." (one sentence pattern for every
        refusal, D106)."""
        return {
            Action.ATTENDANCE_LETTER: "make an attendance letter for the referrer",
            Action.CONTACT_DETAILS: "disclose a parent's contact details",
            Action.SHARE_WITH_AUTHORITIES: "share a family's details with Children's "
            "Services or the police",
            Action.PROCEEDINGS_REPORT: "answer a request for a report for family proceedings",
            Action.ASSESSMENT_ON_PREMISES: "book an assessment on the premises",
            Action.INTERNAL_PRINTOUT: "print a family's records for use inside the centre",
            Action.EXPORT: "export family data",
        }[self]


class RecipientKind(StrEnum):
    PERSON = "person"
    AGENCY = "agency"
    CHILDRENS_SERVICES = "childrens_services"
    POLICE = "police"

    @property
    def is_authority(self) -> bool:
        return self in (RecipientKind.CHILDRENS_SERVICES, RecipientKind.POLICE)

    @property
    def label(self) -> str:
        return {
            RecipientKind.PERSON: "a person",
            RecipientKind.AGENCY: "an agency",
            RecipientKind.CHILDRENS_SERVICES: "Children's Services",
            RecipientKind.POLICE: "the police",
        }[self]


CONTACT_ITEMS = frozenset({"address", "telephone"})

# What may go out under an exception, by category. The log keeps the category of every
# attempt; what was actually said is kept only when the share was allowed (D104).
SHARE_ITEMS: dict[str, str] = {
    "concern": "the concern: what was seen and heard",
    "address": "a parent's address",
    "telephone": "a parent's telephone number",
    "attendance": "dates and times of attendance",
    "family": "who is in the family",
    "other": "other details",
}


def same_name(a: str, b: str) -> bool:
    """One recipient however it is typed: case, spaces, accents and punctuation ignored."""
    return name_key(a) == name_key(b) and name_key(a) != ""


def name_key(text: str) -> str:
    """What `same_name` compares: case, spaces, accents and punctuation dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[\W_]+", "", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


@dataclass(frozen=True)
class Recipient:
    name: str
    kind: RecipientKind
    authority_id: int | None = None  # chosen from the centre's list of authorities

    def is_named(self, other: str) -> bool:
        return same_name(self.name, other)


@dataclass(frozen=True)
class ConsentFact:
    id: int
    given_by: int  # the adult whose details these are; one person
    recipient: str  # a named person or agency
    items: frozenset[str]
    signed_on: date
    expires_on: date | None = None
    withdrawn_on: date | None = None


@dataclass(frozen=True)
class ExceptionFact:
    id: int
    kind: ExceptionKind
    opened_on: date
    closed_on: date | None = None

    def __post_init__(self) -> None:
        # Only the two kinds clause 4 names; anything else is an error, never "violence".
        object.__setattr__(self, "kind", ExceptionKind(self.kind))

    def open_on(self, day: date) -> bool:
        return self.opened_on <= day and (self.closed_on is None or self.closed_on > day)


@dataclass(frozen=True)
class AuthorityFact:
    """One entry of the manager's list of the authorities the centre deals with: a local
    Children's Services department or police force (clause 4)."""

    id: int
    name: str
    kind: RecipientKind  # CHILDRENS_SERVICES or POLICE


@dataclass(frozen=True)
class AgreementFact:
    id: int
    agency: str
    family_id: int | None  # None: any family
    valid_from: date
    valid_to: date


@dataclass(frozen=True)
class Facts:
    today: date
    family_id: int
    referrer: str | None = None  # the referring agency's name
    adults: dict[int, str] = field(default_factory=dict)
    consents: tuple[ConsentFact, ...] = ()
    exceptions: tuple[ExceptionFact, ...] = ()
    agreements: tuple[AgreementFact, ...] = ()
    authorities: tuple[AuthorityFact, ...] = ()
    members: tuple[str, ...] = ()  # the names of everyone in the family, children too


@dataclass(frozen=True)
class Request:
    action: Action
    recipient: Recipient
    about_person: int | None = None
    items: frozenset[str] = frozenset()


def _refuse(clause: Clause, sentence: str) -> Decision:
    return Decision(False, clause, sentence)


def decide(request: Request, facts: Facts) -> Decision:
    """Allowed or refused, with the clause, the basis and one sentence for the screen."""
    match request.action:
        case Action.PROCEEDINGS_REPORT:
            return _refuse(
                Clause.II,
                "Staff make no verbal or written report in any family "
                "proceedings, whoever asks and whatever consent exists; "
                "the attendance dates can go to the referrer instead.",
            )
        case Action.EXPORT:
            return _refuse(
                Clause.I,
                "Family details do not leave the centre except through "
                "one of the allowed actions; there is no export.",
            )
        case Action.INTERNAL_PRINTOUT:
            return Decision(
                True,
                Clause.I,
                "For use inside the centre only; the printout is "
                'marked "Confidential: not to leave the centre".',
                basis=Basis.INTERNAL_USE,
            )
        case Action.ATTENDANCE_LETTER:
            return _attendance(request, facts)
        case Action.CONTACT_DETAILS:
            return _contact_details(request, facts)
        case Action.SHARE_WITH_AUTHORITIES:
            return _share(request, facts)
        case Action.ASSESSMENT_ON_PREMISES:
            return _assessment(request, facts)
    return _refuse(Clause.I, "This action is not one the policy allows.")


def _attendance(request: Request, facts: Facts) -> Decision:
    if not facts.referrer:
        return _refuse(
            Clause.III,
            "This family has no referring agency on file, so there is "
            "no one to send attendance dates to.",
        )
    if not request.recipient.is_named(facts.referrer):
        return _refuse(
            Clause.III,
            f"Attendance dates go only to the family's referring "
            f"agency ({facts.referrer}), not to {request.recipient.name}.",
        )
    return Decision(
        True,
        Clause.III,
        f"Dates, times and attendance only, to the referring agency ({facts.referrer}).",
        basis=Basis.REFERRER_RULE,
    )


def _open_exception(facts: Facts) -> ExceptionFact | None:
    return next((e for e in facts.exceptions if e.open_on(facts.today)), None)


def _exception_clause(exception: ExceptionFact) -> Clause:
    match exception.kind:
        case ExceptionKind.WELFARE:
            return Clause.EXCEPTION_WELFARE
        case ExceptionKind.VIOLENCE:
            return Clause.EXCEPTION_VIOLENCE


def _share(request: Request, facts: Facts) -> Decision:
    exception = _open_exception(facts)
    if exception is None:
        closed = [e for e in facts.exceptions if e.closed_on is not None]
        if closed:
            last = max(closed, key=lambda e: e.closed_on or e.opened_on)
            return _refuse(
                _exception_clause(last),
                f"Exception {last.id} was closed on {last.closed_on:%d %B %Y}; "
                "there is no open exception on this family.",
            )
        return _refuse(
            Clause.EXCEPTION_WELFARE,
            "There is no open exception on this family: a concern must be "
            "recorded and confirmed by the safeguarding lead first.",
        )
    clause = _exception_clause(exception)
    if not facts.authorities:
        return _refuse(
            clause,
            "The centre's list of authorities is empty: a manager adds the "
            "local Children's Services departments and police forces "
            "(Admin, Authorities).",
        )
    authority = listed_authority(request.recipient, facts)
    if authority is None:
        return _refuse(
            clause,
            f"Under exception {exception.id}, a family's details go only "
            "to Children's Services or a police force on the centre's list "
            f"of authorities; {request.recipient.name or 'that recipient'} "
            "is not on it.",
        )
    unknown = request.items - SHARE_ITEMS.keys()
    if not request.items or unknown:
        return _refuse(clause, "Say what is being shared, from the list.")
    if request.items & CONTACT_ITEMS and request.about_person not in facts.adults:
        return _refuse(clause, "Choose whose contact details are being shared.")
    return Decision(
        True,
        clause,
        f"Allowed to {authority.name} under exception {exception.id} while it is open.",
        basis=Basis.EXCEPTION,
        basis_id=exception.id,
    )


def listed_authority(recipient: Recipient, facts: Facts) -> AuthorityFact | None:
    """The authority on the centre's list that this recipient is, else None. A kind picked
    from a menu or a typed name makes nobody an authority, and nor is anyone in the
    family, whatever the list says."""
    listed = next((a for a in facts.authorities if a.id == recipient.authority_id), None)
    if (
        listed is None
        or not listed.kind.is_authority
        or listed.kind != recipient.kind
        or not same_name(listed.name, recipient.name)
    ):
        return None
    family = (*facts.adults.values(), *facts.members)
    if any(same_name(listed.name, member) for member in family):
        return None
    return listed


def _contact_details(request: Request, facts: Facts) -> Decision:
    person = request.about_person
    if person is None or person not in facts.adults:
        return _refuse(Clause.IV, "Choose whose contact details these are.")
    decision = _by_consent(request, facts, person)
    exception = _open_exception(facts)
    if not decision.allowed and exception is not None and request.recipient.kind.is_authority:
        # One route under an exception (D101): the share, with its permission and record.
        return _refuse(
            _exception_clause(exception),
            f"Under exception {exception.id}, details go to Children's Services "
            "or the police only through \"Share with Children's Services / "
            'police", which the safeguarding lead records.',
        )
    return decision


def _by_consent(request: Request, facts: Facts, person: int) -> Decision:
    items = request.items or CONTACT_ITEMS
    name = facts.adults[person]
    theirs = [c for c in facts.consents if c.given_by == person]
    if not theirs:
        others = [c for c in facts.consents if c.given_by != person]
        if others:
            return _refuse(
                Clause.IV,
                f"The consent on file was given by another adult; one "
                f"parent's consent never covers {name}'s details.",
            )
        return _refuse(
            Clause.IV, f"There is no written consent from {name} to pass on their contact details."
        )
    to_recipient = [c for c in theirs if request.recipient.is_named(c.recipient)]
    if not to_recipient:
        named = ", ".join(sorted({c.recipient for c in theirs}))
        return _refuse(Clause.IV, f"{name}'s consent names {named}, not {request.recipient.name}.")
    problems = []
    for consent in to_recipient:
        if consent.withdrawn_on is not None and consent.withdrawn_on <= facts.today:
            problems.append(
                f"consent {consent.id} was withdrawn on {consent.withdrawn_on:%d %B %Y}"
            )
        elif consent.signed_on > facts.today:
            problems.append(
                f"consent {consent.id} is dated {consent.signed_on:%d %B %Y}, "
                "which has not come yet"
            )
        elif consent.expires_on is not None and consent.expires_on < facts.today:
            # The end date is the last day a consent holds (D105).
            problems.append(
                f"consent {consent.id} has ended: its last day was {consent.expires_on:%d %B %Y}"
            )
        elif not items <= consent.items:
            missing = ", ".join(sorted(items - consent.items))
            problems.append(f"consent {consent.id} does not cover the {missing}")
        else:
            return Decision(
                True,
                Clause.IV,
                f"{name} consented in writing to {consent.recipient} having these details.",
                basis=Basis.CONSENT,
                basis_id=consent.id,
            )
    return _refuse(Clause.IV, f"{name}'s " + "; ".join(problems) + ".")


def _assessment(request: Request, facts: Facts) -> Decision:
    theirs = [
        a
        for a in facts.agreements
        if request.recipient.is_named(a.agency) and a.family_id in (None, facts.family_id)
    ]
    if not theirs:
        return _refuse(
            Clause.V,
            f"There is no agreement allowing {request.recipient.name} to "
            "carry out family assessments on the premises.",
        )
    for agreement in theirs:
        if agreement.valid_from <= facts.today <= agreement.valid_to:
            return Decision(
                True,
                Clause.V,
                f"Agreement {agreement.id} allows {agreement.agency} to assess on the premises.",
                basis=Basis.AGREEMENT,
                basis_id=agreement.id,
            )
    latest = max(theirs, key=lambda a: a.valid_to)
    when = "ended" if latest.valid_to < facts.today else "starts"
    day = latest.valid_to if when == "ended" else latest.valid_from
    return _refuse(
        Clause.V, f"Agreement {latest.id} with {latest.agency} {when} on {day:%d %B %Y}."
    )
