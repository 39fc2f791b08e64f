"""Families: search, open, create, change, review, and revealing an adult's contact details.

Clause iv: a parent's address and telephone are masked everywhere. Revealing
them needs the permission, is audited, and shows one adult's own details only.
Every view and change counts as "used" for the retention review (clause viii).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.decisions import Decision, allowed, refused
from stmarys_desktop.domain.errors import InvalidInput, NotFound, RecordChanged
from stmarys_desktop.domain.families import (
    AgencyKind,
    ContactDetails,
    Family,
    FamilySummary,
    NewFamily,
    NewPerson,
    Person,
    PersonKind,
    Referral,
)
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services import checks, policy_documents
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import families as family_store

REVIEW_EVERY_DAYS = 182  # "each family is reviewed at least every six months"
CHANGED_ELSEWHERE = (
    "Someone else changed this family after you opened it, so nothing was "
    "saved and their change was kept. Open the family again to see it."
)


def today(session: Session) -> date:
    return session.centre.clock().date()


def search_families(session: Session, text: str, limit: int = 200) -> list[FamilySummary]:
    session.require(Permission.VIEW_FAMILIES, "see the families")
    conn = session.centre.conn
    found = family_store.with_people(conn, family_store.search(conn, text[:200], limit))
    # Active families first, closed ones after, each in the order the search found them.
    return sorted(found, key=lambda summary: summary.status == "closed")


def open_family(session: Session, family_id: int) -> Family:
    """The family as the screen shows it (contact details masked); counts as a use."""
    session.require(Permission.VIEW_FAMILIES, "open a family")
    centre = session.centre
    family = family_store.get_family(centre.conn, family_id)
    if family is None:
        raise NotFound("That family is no longer on the system.")
    with centre.transaction() as conn:
        family_store.touch(conn, family_id, centre.now())
        session.audit(action="family.view", subject=family.reference)
    return family


def _checked_person(person: NewPerson, on: date) -> NewPerson:
    kind = PersonKind(person.kind)
    what = kind.label
    checked = NewPerson(
        kind=kind,
        full_name=checks.name(person.full_name, f"The {what.lower()}'s name"),
        needs=checks.free_text(person.needs, "Needs", 1000),
        relationship=checks.free_text(person.relationship, "Relationship", 100),
        named_on_referral=person.named_on_referral,
    )
    if kind is PersonKind.CHILD:
        if person.date_of_birth is None:
            raise InvalidInput(f"Give {checked.full_name}'s date of birth.")
        checked.date_of_birth = checks.date_of_birth(
            person.date_of_birth, on, f"{checked.full_name}'s date of birth"
        )
    else:
        checked.address = checks.free_text(person.address, f"{checked.full_name}'s address", 500)
        checked.telephone = checks.telephone(
            person.telephone, f"{checked.full_name}'s telephone number"
        )
    return checked


@dataclass(frozen=True)
class CheckedFamily:
    """A new family that has passed every check of `create_family`: what it writes."""

    people: tuple[NewPerson, ...]
    agency_kind: AgencyKind
    agency_name: str
    referrer_name: str
    referrer_contact: str
    referred_on: date
    court_order_on_file: bool
    arrangement: str
    next_review_on: date

    def as_created(
        self,
        *,
        family_id: int,
        reference: str,
        created_at: str,
        referral_id: int,
        person_ids: list[int],
    ) -> Family:
        """The family as `get_family` reads it back once written with these ids: what
        `create_family` returns, and an import's preview stands in for (D341)."""
        people = [
            Person(
                id=person_id,
                kind=person.kind,
                full_name=person.full_name,
                date_of_birth=person.date_of_birth,
                needs=person.needs,
                relationship=person.relationship,
                has_address=bool(person.address),
                has_telephone=bool(person.telephone),
            )
            for person, person_id in zip(self.people, person_ids, strict=True)
        ]
        return Family(
            id=family_id,
            reference=reference,
            status="active",
            arrangement=self.arrangement,
            created_at=created_at,
            last_reviewed_on=None,
            next_review_on=self.next_review_on,
            version=1,
            # As the store orders them: the adults, then the children, each oldest first.
            people=tuple(sorted(people, key=lambda p: (p.kind is PersonKind.CHILD, p.id))),
            referral=Referral(
                id=referral_id,
                agency_kind=self.agency_kind,
                agency_name=self.agency_name,
                referrer_name=self.referrer_name,
                referrer_contact=self.referrer_contact,
                referred_on=self.referred_on,
                court_order_on_file=self.court_order_on_file,
                named_person_ids=frozenset(
                    person_id
                    for person, person_id in zip(self.people, person_ids, strict=True)
                    if person.named_on_referral
                ),
            ),
        )


def check_family(session: Session, draft: NewFamily) -> CheckedFamily:
    """Every check `create_family` makes of a new family, nothing written (an import's
    preview asks this of each family in the file)."""
    session.require(Permission.EDIT_FAMILIES, "add a family")
    on = today(session)
    people = [_checked_person(p, on) for p in draft.people]
    if not any(p.kind is PersonKind.CHILD for p in people):
        raise InvalidInput("A family needs at least one child.")
    if not any(p.kind.is_adult for p in people):
        raise InvalidInput("A family needs at least one adult.")
    for kind in (PersonKind.RESIDENT_PARENT, PersonKind.NON_RESIDENT_PARENT):
        if sum(p.kind is kind for p in people) > 1:
            raise InvalidInput(f"A family has at most one {kind.label.lower()}.")
    ref = draft.referral
    kind = AgencyKind(ref.agency_kind)
    agency = (
        "Self-referral"
        if kind is AgencyKind.SELF and not ref.agency_name.strip()
        else checks.name(ref.agency_name, "The referring agency")
    )
    return CheckedFamily(
        people=tuple(people),
        agency_kind=kind,
        agency_name=agency,
        referrer_name=checks.name(ref.referrer_name, "The referrer's name"),
        referrer_contact=checks.free_text(ref.referrer_contact, "The referrer's contact", 300),
        referred_on=checks.not_in_future(ref.referred_on, on, "The referral date"),
        court_order_on_file=ref.court_order_on_file,
        arrangement=checks.free_text(draft.arrangement, "The contact arrangement"),
        next_review_on=on + timedelta(days=REVIEW_EVERY_DAYS),
    )


def create_family(session: Session, draft: NewFamily) -> Family:
    checked = check_family(session, draft)
    centre = session.centre
    with centre.transaction() as conn:
        reference = family_store.next_reference(conn, today(session).year)
        created_at = centre.now()
        family_id = family_store.insert_family(
            conn,
            reference=reference,
            arrangement=checked.arrangement,
            created_at=created_at,
            next_review_on=checked.next_review_on,
        )
        referral_id = family_store.insert_referral(
            conn,
            family_id,
            agency_kind=checked.agency_kind,
            agency_name=checked.agency_name,
            referrer_name=checked.referrer_name,
            referrer_contact=checked.referrer_contact,
            referred_on=checked.referred_on,
            court_order_on_file=checked.court_order_on_file,
        )
        person_ids = []
        for person in checked.people:
            person_id = family_store.insert_person(
                conn,
                family_id,
                kind=person.kind,
                full_name=person.full_name,
                date_of_birth=person.date_of_birth,
                needs=person.needs,
                relationship=person.relationship,
                address=person.address,
                telephone=person.telephone,
            )
            person_ids.append(person_id)
            if person.named_on_referral:
                family_store.name_on_referral(conn, referral_id, person_id)
        # At once, or in an import once for all its families as it commits (D345).
        centre.at_commit(family_store.refresh_search_entries, family_id)
        session.audit(
            action="family.create",
            subject=reference,
            detail=f"{len(checked.people)} people, referral from {checked.agency_kind.value}",
        )
    # Built from what was written rather than read back (D341).
    return checked.as_created(
        family_id=family_id,
        reference=reference,
        created_at=created_at,
        referral_id=referral_id,
        person_ids=person_ids,
    )


def change_arrangement(
    session: Session, family_id: int, expected_version: int, arrangement: str
) -> Family:
    session.require(Permission.EDIT_FAMILIES, "change a family")
    text = checks.free_text(arrangement, "The contact arrangement")
    centre = session.centre
    with centre.transaction() as conn:
        if not family_store.update_family(conn, family_id, expected_version, arrangement=text):
            raise RecordChanged(CHANGED_ELSEWHERE)
        family_store.touch(conn, family_id, centre.now())
        session.audit(
            action="family.change",
            subject=family_store.reference_of(conn, family_id),
            detail="contact arrangement",
        )
    return _reload(session, family_id)


def set_arrangement_end(
    session: Session, family_id: int, expected_version: int, ends_on: date | None
) -> Family:
    """The last day of the contact arrangement (None: open-ended). Sessions after it are
    refused by the planner (D146)."""
    session.require(Permission.EDIT_FAMILIES, "change a family")
    centre = session.centre
    with centre.transaction() as conn:
        if not family_store.set_arrangement_end(conn, family_id, expected_version, ends_on):
            raise RecordChanged(CHANGED_ELSEWHERE)
        family_store.touch(conn, family_id, centre.now())
        session.audit(
            action="family.change",
            subject=family_store.reference_of(conn, family_id),
            detail="arrangement ends " + (ends_on.isoformat() if ends_on else "open-ended"),
        )
    return _reload(session, family_id)


def add_person(
    session: Session, family_id: int, expected_version: int, person: NewPerson
) -> Family:
    session.require(Permission.EDIT_FAMILIES, "change a family")
    checked = _checked_person(person, today(session))
    centre = session.centre
    family = family_store.get_family(centre.conn, family_id)
    if family is None:
        raise NotFound("That family is no longer on the system.")
    if checked.kind in (PersonKind.RESIDENT_PARENT, PersonKind.NON_RESIDENT_PARENT) and any(
        p.kind is checked.kind for p in family.people
    ):
        raise InvalidInput(f"This family already has a {checked.kind.label.lower()}.")
    with centre.transaction() as conn:
        if not family_store.update_family(
            conn, family_id, expected_version, arrangement=family.arrangement
        ):
            raise RecordChanged(CHANGED_ELSEWHERE)
        person_id = family_store.insert_person(
            conn,
            family_id,
            kind=checked.kind,
            full_name=checked.full_name,
            date_of_birth=checked.date_of_birth,
            needs=checked.needs,
            relationship=checked.relationship,
            address=checked.address,
            telephone=checked.telephone,
        )
        if checked.named_on_referral and family.referral is not None:
            family_store.name_on_referral(conn, family.referral.id, person_id)
        family_store.refresh_search_entry(conn, family_id)
        family_store.touch(conn, family_id, centre.now())
        session.audit(
            action="family.change",
            subject=family.reference,
            detail=f"added person {person_id} ({checked.kind})",
        )
    return _reload(session, family_id)


def record_review(
    session: Session, family_id: int, expected_version: int, on: date | None = None
) -> Family:
    """A review of the family as the reviewer saw it: refused if someone else saved the
    family since, so a review never vouches for changes its reviewer did not see."""
    session.require(Permission.EDIT_FAMILIES, "record a family review")
    day = checks.not_in_future(on or today(session), today(session), "The review date")
    centre = session.centre
    with centre.transaction() as conn:
        if not family_store.family_exists(conn, family_id):
            raise NotFound("That family is no longer on the system.")
        if not family_store.record_review(
            conn, family_id, expected_version, day, day + timedelta(days=REVIEW_EVERY_DAYS)
        ):
            raise RecordChanged(CHANGED_ELSEWHERE)
        family_store.touch(conn, family_id, centre.now())
        session.audit(
            action="family.review",
            subject=family_store.reference_of(conn, family_id),
            detail=f"reviewed {day.isoformat()}",
        )
    return _reload(session, family_id)


@dataclass(frozen=True)
class RevealOffers:
    """Whether the family record offers to reveal a person's address and telephone, and
    why not. `standing` is the person's own (their roles, clause vi; clause iv is the rule
    behind it), the line under the record's buttons; `reveal` is the button's."""

    standing: Decision
    reveal: Decision


def reveal_offers(session: Session, person: Person | None) -> RevealOffers:
    """The Reveal button for `person` (None when nothing is chosen), as
    `reveal_contact_details` would decide it; nothing is read or logged."""
    standing = session.may(
        Permission.REVEAL_CONTACT_DETAILS,
        "reveal a parent's address and telephone",
        Clause.IV,
        policy_documents.clause_labels(session)[Clause.IV],
    )
    if not standing.allowed:
        reveal = standing
    elif person is None or not person.kind.is_adult:
        reveal = refused("Choose an adult in the table first.")
    elif not (person.has_address or person.has_telephone):
        reveal = refused(f"No address or telephone is recorded for {person.full_name}.")
    else:
        reveal = allowed(f"Show {person.full_name}'s own address and telephone; this is recorded.")
    return RevealOffers(standing, reveal)


def reveal_contact_details(session: Session, person_id: int) -> ContactDetails:
    """One adult's own address and telephone, for someone allowed to see them (clause iv)."""
    session.require(Permission.REVEAL_CONTACT_DETAILS, "reveal a parent's address and telephone")
    centre = session.centre
    family_id = family_store.family_of_person(centre.conn, person_id)
    details = family_store.contact_details(centre.conn, person_id)
    if family_id is None or details is None:
        raise NotFound("That person is no longer on the system.")
    family = family_store.get_family(centre.conn, family_id)
    assert family is not None
    person = family.person(person_id)
    assert person is not None
    if not person.kind.is_adult:
        raise InvalidInput("Only adults have contact details here.")
    with centre.transaction() as conn:
        family_store.touch(conn, family_id, centre.now())
        session.audit(
            action="contact.reveal",
            subject=family.reference,
            detail=f"person {person_id} ({person.kind}): address and telephone shown",
        )
    return details


def _reload(session: Session, family_id: int) -> Family:
    family = family_store.get_family(session.centre.conn, family_id)
    if family is None:
        raise NotFound("That family is no longer on the system.")
    return family
