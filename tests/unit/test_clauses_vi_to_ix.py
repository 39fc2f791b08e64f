"""Clauses vi to ix of the policy, each with its allowed path and its refused path at the
service layer. (Clauses 4a, 4b and i to v: test_disclosure_services.py and
test_policy_decide.py; each area's own tests go further.)"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.errors import InvalidInput, PermissionRefused, SignInRefused
from stmarys_desktop.domain.incidents import IncidentDraft, IncidentKind
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.domain.staff import NewStaff
from stmarys_desktop.services import accounts, families, incidents, policy_documents, retention
from stmarys_desktop.services import staff as staff_service
from stmarys_desktop.services.auth import sign_in
from tests.helpers import MANAGER, PASSWORD
from tests.unit.family_helpers import two_parent_family
from tests.unit.vetting_helpers import record_clear_vetting


@pytest.fixture
def desk(manager, sign_in_as):
    accounts.create_account(
        manager,
        user_name="desk",
        display_name="Made-up Desk",
        roles=[Role.FRONT_DESK],
        password="desk password long",
    )
    return sign_in_as("desk", "desk password long")


def test_clause_vi_no_one_takes_up_post_before_their_checks(manager):
    member = staff_service.add_staff(manager, NewStaff("Ottoline Brackwell", "volunteer"))
    with pytest.raises(InvalidInput, match="clause vi"):
        staff_service.activate(manager, member.id, member.version)
    record_clear_vetting(manager, member.id)
    refreshed = next(
        s.member for s in staff_service.list_staff(manager) if s.member.id == member.id
    )
    assert staff_service.activate(manager, member.id, refreshed.version).status == "active"


def test_clause_vii_the_centre_opens_only_with_a_password_and_is_unreadable_without(
    manager, data_dir
):
    files = manager.centre.files
    manager.close()
    with pytest.raises(SignInRefused):
        sign_in(data_dir, MANAGER, "a guessed password")
    plain = sqlite3.connect(files.database)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            plain.execute("SELECT * FROM family").fetchall()
    finally:
        plain.close()
    sign_in(data_dir, MANAGER, PASSWORD, monotonic=lambda: 1e12).close()


def test_clause_viii_unused_records_are_due_and_the_accident_book_is_never(
    manager, desk, sign_in_as
):
    accounts.create_account(
        manager,
        user_name="coord",
        display_name="Made-up Coordinator",
        roles=[Role.COORDINATOR],
        password="coord password long",
    )
    coord = sign_in_as("coord", "coord password long")
    long_ago = lambda: datetime(2022, 6, 1, 12).astimezone()  # noqa: E731
    coord.centre.clock = long_ago
    desk.centre.clock = long_ago
    old = families.create_family(coord, two_parent_family(referred_on=date(2022, 6, 1)))
    incidents.record_incident(
        desk,
        IncidentDraft(
            kind=IncidentKind.ACCIDENT,
            occurred_at=long_ago(),
            seen_and_heard="A fall.",
            family_id=old.id,
            people_involved="Child: Ivy Dunford",
        ),
    )
    found = retention.review(manager, date(2026, 11, 28))
    assert [r.reference for r in found.due] == [old.reference]
    retention.dispose(
        manager, as_of=found.as_of, family_ids=[old.id], staff_ids=[], manager_password=PASSWORD
    )
    assert retention.review(manager, date(2026, 11, 28)).due == []
    assert [e.people for e in incidents.accident_book(desk)] == ["Child: Ivy Dunford"]
    with pytest.raises(PermissionRefused):
        retention.review(desk, date(2026, 11, 28))


def test_clause_ix_everyone_can_read_the_policy_and_acknowledgements_are_kept(manager, desk):
    current = policy_documents.current_version(desk)
    assert current is not None and " ".join(Clause.IX.words.split()) in " ".join(
        current.text.split()
    )
    member = staff_service.add_staff(manager, NewStaff("Ottoline Brackwell", "volunteer"))
    acknowledged = policy_documents.record_acknowledgement(
        manager,
        "staff",
        acknowledged_on=date.today(),
        how="group_sheet",
        kept_at="Policy folder",
        staff_id=member.id,
    )
    assert acknowledged.version_number == current.number
    with pytest.raises(PermissionRefused):
        policy_documents.publish_version(desk, text="A shorter policy.", effective_on=date.today())
