"""Families (issue 4): records, masked contact details (clause iv), search, concurrent edits."""

from __future__ import annotations

import pytest

from stmarys_desktop.domain.errors import InvalidInput, PermissionRefused, RecordChanged
from stmarys_desktop.domain.families import MASK, NewPerson, PersonKind
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts, families
from stmarys_desktop.store import audit
from tests.unit.family_helpers import two_parent_family


@pytest.fixture
def coordinator(manager, sign_in_as):
    accounts.create_account(
        manager,
        user_name="coord",
        display_name="Nerys Calder",
        roles=[Role.COORDINATOR],
        password="coordinator password",
    )
    return sign_in_as("coord", "coordinator password")


@pytest.fixture
def front_desk(manager, sign_in_as):
    accounts.create_account(
        manager,
        user_name="desk",
        display_name="Pella Quorne",
        roles=[Role.FRONT_DESK],
        password="front desk password",
    )
    return sign_in_as("desk", "front desk password")


def test_a_family_with_two_parents_and_two_children(coordinator) -> None:
    family = families.create_family(coordinator, two_parent_family())
    assert family.reference.startswith("SMC-")
    assert [p.kind for p in family.adults] == [
        PersonKind.RESIDENT_PARENT,
        PersonKind.NON_RESIDENT_PARENT,
    ]
    assert [c.full_name for c in family.children] == ["Ivy Dunford", "Leo Brackley"]
    assert family.referral is not None
    assert family.referral.named_person_ids == {p.id for p in family.people}
    assert family.next_review_on is not None


def test_clause_iv_contact_details_are_masked_when_a_family_is_opened(coordinator) -> None:
    made = families.create_family(coordinator, two_parent_family())
    family = families.open_family(coordinator, made.id)
    for adult in family.adults:
        assert adult.address_shown == MASK and adult.telephone_shown == MASK
    assert "Invented Road" not in repr(family) and "900123" not in repr(family)


def test_clause_iv_front_desk_cannot_reveal_and_the_refusal_is_audited(
    coordinator, front_desk
) -> None:
    family = families.create_family(coordinator, two_parent_family())
    with pytest.raises(PermissionRefused, match="reveal a parent's address"):
        families.reveal_contact_details(front_desk, family.adults[0].id)
    last = next(audit.entries(front_desk.centre.conn, newest_first=True, limit=1))
    assert (last.actor, last.outcome) == ("desk", "refused")


def test_clause_iv_a_coordinator_reveals_one_adult_and_the_audit_log_shows_it(coordinator):
    family = families.create_family(coordinator, two_parent_family())
    _resident, visiting = family.adults
    details = families.reveal_contact_details(coordinator, visiting.id)
    assert details.address == "4 Makebelieve Lane, Fernby"
    assert details.telephone == "07700 900456"
    assert "Invented Road" not in repr(details)  # never the other parent's
    last = next(audit.entries(coordinator.centre.conn, newest_first=True, limit=1))
    assert last.action == "contact.reveal" and last.actor == "coord"
    assert last.subject == family.reference and str(visiting.id) in last.detail
    assert "Makebelieve" not in last.detail


def test_children_have_no_contact_details_to_reveal(coordinator) -> None:
    family = families.create_family(coordinator, two_parent_family())
    with pytest.raises(InvalidInput, match="Only adults"):
        families.reveal_contact_details(coordinator, family.children[0].id)


@pytest.mark.parametrize("text", ["SMC", "dunf", "Ivy", "brackley leo", "hartwell", "Pennock"])
def test_search_finds_by_reference_any_name_and_referrer(coordinator, text: str) -> None:
    made = families.create_family(coordinator, two_parent_family())
    families.create_family(
        coordinator,
        two_parent_family(
            resident="Wren Ashby",
            visiting="Tal Kelham",
            children=("Rosa Ashby",),
            agency="Oakminster Family Law",
            referrer="Bram Holloway",
        ),
    )
    found = families.search_families(coordinator, text)
    assert made.id in [f.id for f in found]
    assert all("Ashby" not in f.names for f in found) or text == "SMC"


def test_search_by_full_reference(coordinator) -> None:
    made = families.create_family(coordinator, two_parent_family())
    assert [f.id for f in families.search_families(coordinator, made.reference)] == [made.id]


def test_right_to_left_and_emoji_names_are_kept_and_found(coordinator) -> None:
    made = families.create_family(
        coordinator, two_parent_family(resident="مريم الحداد", children=("Zoë 🌼 Haddad",))
    )
    family = families.open_family(coordinator, made.id)
    assert family.adults[0].full_name == "مريم الحداد"
    assert family.children[0].full_name == "Zoë 🌼 Haddad"
    assert made.id in [f.id for f in families.search_families(coordinator, "مريم")]
    assert made.id in [f.id for f in families.search_families(coordinator, "zoe")]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda f: setattr(
                f.people[2], "date_of_birth", __import__("datetime").date(2099, 1, 1)
            ),
            "in the future",
        ),
        (lambda f: setattr(f.people[0], "full_name", "    "), "empty or only spaces"),
        (lambda f: setattr(f.people[1], "telephone", "07700 CALL ME"), "only hold digits"),
        (lambda f: setattr(f.people[1], "full_name", "x" * 10_000), "10,000 characters"),
        (lambda f: setattr(f, "arrangement", "y" * 10_000), "10,000 characters"),
        (
            lambda f: setattr(f.referral, "referred_on", __import__("datetime").date(2099, 1, 1)),
            "cannot be in the future",
        ),
        (lambda f: f.people.pop(3) and f.people.pop(2), "at least one child"),
    ],
)
def test_bad_input_is_refused_plainly_and_nothing_is_saved(coordinator, change, message):
    draft = two_parent_family()
    change(draft)
    with pytest.raises(InvalidInput, match=message):
        families.create_family(coordinator, draft)
    assert families.search_families(coordinator, "") == []


def test_two_staff_editing_one_family_the_second_save_is_told(
    coordinator, manager, sign_in_as
) -> None:
    made = families.create_family(coordinator, two_parent_family())
    accounts.create_account(
        manager,
        user_name="coord2",
        display_name="Siân Morlow",
        roles=[Role.COORDINATOR],
        password="second coordinator",
    )
    other = sign_in_as("coord2", "second coordinator")
    first_view = families.open_family(coordinator, made.id)
    second_view = families.open_family(other, made.id)
    families.change_arrangement(coordinator, made.id, first_view.version, "Weekly, Saturdays")
    with pytest.raises(RecordChanged, match="Someone else changed this family"):
        families.change_arrangement(other, made.id, second_view.version, "Monthly")
    assert families.open_family(other, made.id).arrangement == "Weekly, Saturdays"
    with pytest.raises(RecordChanged):
        families.add_person(
            other,
            made.id,
            second_view.version,
            NewPerson(PersonKind.OTHER_ADULT, "Dilys Dunford", relationship="Aunt"),
        )


def test_a_family_has_one_resident_parent_at_most(coordinator) -> None:
    made = families.create_family(coordinator, two_parent_family())
    with pytest.raises(InvalidInput, match="already has a resident parent"):
        families.add_person(
            coordinator,
            made.id,
            made.version,
            NewPerson(PersonKind.RESIDENT_PARENT, "Another Parent"),
        )
    grand = families.add_person(
        coordinator,
        made.id,
        made.version,
        NewPerson(PersonKind.OTHER_ADULT, "Dilys Dunford", relationship="Grandmother"),
    )
    assert len(grand.adults) == 3
    assert grand.referral is not None and len(grand.referral.named_person_ids) == 5


def test_every_view_updates_the_last_used_date(coordinator) -> None:
    made = families.create_family(coordinator, two_parent_family())
    conn = coordinator.centre.conn
    conn.execute("UPDATE family SET last_used_at = '2020-01-01T00:00:00' WHERE id = ?", (made.id,))
    families.open_family(coordinator, made.id)
    (used,) = conn.execute("SELECT last_used_at FROM family WHERE id = ?", (made.id,)).fetchone()
    assert used > "2026"


def test_a_review_sets_the_next_one_six_months_on(coordinator) -> None:
    made = families.create_family(coordinator, two_parent_family())
    reviewed = families.record_review(coordinator, made.id, made.version)
    assert reviewed.last_reviewed_on is not None and reviewed.next_review_on is not None
    assert 180 <= (reviewed.next_review_on - reviewed.last_reviewed_on).days <= 184


def test_a_review_of_a_family_someone_else_changed_meanwhile_is_refused(coordinator) -> None:
    """The review vouches for the record its reviewer saw; a change since means look again."""
    seen = families.create_family(coordinator, two_parent_family())
    families.change_arrangement(coordinator, seen.id, seen.version, "Alternate Sundays")
    with pytest.raises(RecordChanged):
        families.record_review(coordinator, seen.id, seen.version)
    assert families.open_family(coordinator, seen.id).last_reviewed_on is None
    fresh = families.open_family(coordinator, seen.id)
    assert families.record_review(coordinator, seen.id, fresh.version).last_reviewed_on


def test_a_reference_can_be_typed_loosely(coordinator) -> None:
    made = families.create_family(coordinator, two_parent_family())
    _, year, number = made.reference.split("-")
    for typed in (made.reference.lower(), f"smc{year}", f"{year} {number}", f"SMC {year}-0"):
        assert made.id in [f.id for f in families.search_families(coordinator, typed)], typed
    assert families.search_families(coordinator, "SMC-1999") == []


def test_a_search_lists_the_newest_families_first_up_to_its_limit(coordinator) -> None:
    made = [
        families.create_family(coordinator, two_parent_family(resident=f"{first} Rosslyn"))
        for first in ("Anwen", "Bethan", "Cerys")
    ]
    found = families.search_families(coordinator, "rossl", limit=2)
    assert [f.id for f in found] == [made[2].id, made[1].id]
    assert [f.id for f in families.search_families(coordinator, "Ross")] == [
        m.id for m in reversed(made)
    ]


def test_a_person_added_later_is_found_by_their_name(coordinator) -> None:
    made = families.create_family(coordinator, two_parent_family())
    assert families.search_families(coordinator, "Penhal") == []
    families.add_person(
        coordinator,
        made.id,
        made.version,
        NewPerson(PersonKind.OTHER_ADULT, "Morwen Penhallow", relationship="Grandmother"),
    )
    assert [f.id for f in families.search_families(coordinator, "Penhal")] == [made.id]
