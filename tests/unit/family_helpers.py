"""Made-up families for the tests."""

from __future__ import annotations

from datetime import date

from stmarys_desktop.domain.families import (
    AgencyKind,
    NewFamily,
    NewPerson,
    NewReferral,
    PersonKind,
)


def two_parent_family(
    *,
    resident: str = "Carys Dunford",
    visiting: str = "Owen Brackley",
    children: tuple[str, ...] = ("Ivy Dunford", "Leo Brackley"),
    agency: str = "Hartwell Finch LLP",
    referrer: str = "Mira Pennock",
    referred_on: date = date(2026, 9, 1),
    kind: AgencyKind = AgencyKind.SOLICITOR,
) -> NewFamily:
    people = [
        NewPerson(
            PersonKind.RESIDENT_PARENT,
            resident,
            address="12 Invented Road, Westhaven",
            telephone="07700 900123",
        ),
        NewPerson(
            PersonKind.NON_RESIDENT_PARENT,
            visiting,
            address="4 Makebelieve Lane, Fernby",
            telephone="07700 900456",
        ),
    ]
    people += [
        NewPerson(PersonKind.CHILD, name, date_of_birth=date(2019, 5, 1 + n))
        for n, name in enumerate(children)
    ]
    return NewFamily(
        people=people,
        referral=NewReferral(
            agency_kind=kind,
            agency_name=agency,
            referrer_name=referrer,
            referrer_contact="07700 900999",
            referred_on=referred_on,
        ),
        arrangement="Fortnightly Saturdays, 10:00-12:00",
    )
