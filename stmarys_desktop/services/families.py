"""Families: search, open, create, change, review, and revealing an adult's contact details.

Clause iv: a parent's address and telephone are masked everywhere. Revealing
them needs the permission, is audited, and shows one adult's own details only.
Every view and change counts as "used" for the retention review (clause viii).
"""

from __future__ import annotations

from datetime import date, timedelta

from stmarys_desktop.domain.errors import InvalidInput, NotFound, RecordChanged
from stmarys_desktop.domain.families import (
    AgencyKind,
    ContactDetails,
    Family,
    FamilySummary,
    NewFamily,
    NewPerson,
    PersonKind,
)
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services import checks
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


def create_family(session: Session, draft: NewFamily) -> Family:
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
    referrer = checks.name(ref.referrer_name, "The referrer's name")
    contact = checks.free_text(ref.referrer_contact, "The referrer's contact", 300)
    referred_on = checks.not_in_future(ref.referred_on, on, "The referral date")
    arrangement = checks.free_text(draft.arrangement, "The contact arrangement")
    centre = session.centre
    with centre.transaction() as conn:
        reference = family_store.next_reference(conn, on.year)
        family_id = family_store.insert_family(
            conn,
            reference=reference,
            arrangement=arrangement,
            created_at=centre.now(),
            next_review_on=on + timedelta(days=REVIEW_EVERY_DAYS),
        )
        referral_id = family_store.insert_referral(
            conn,
            family_id,
            agency_kind=kind,
            agency_name=agency,
            referrer_name=referrer,
            referrer_contact=contact,
            referred_on=referred_on,
            court_order_on_file=ref.court_order_on_file,
        )
        for person in people:
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
            if person.named_on_referral:
                family_store.name_on_referral(conn, referral_id, person_id)
        family_store.refresh_search_entry(conn, family_id)
        session.audit(
            action="family.create",
            subject=reference,
            detail=f"{len(people)} people, referral from {kind.value}",
        )
    created = family_store.get_family(centre.conn, family_id)
    assert created is not None
    return created


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
