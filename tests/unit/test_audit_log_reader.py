"""The manager reads and filters the audit log (issue 15, item 8; D107)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from stmarys_desktop.domain.errors import InvalidInput, PermissionRefused
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts, families, printouts
from stmarys_desktop.services import disclosure as out
from stmarys_desktop.services.audit_log import (
    PRINTED,
    AuditFilter,
    audit_entries,
    open_audit_log,
)
from stmarys_desktop.store import audit
from tests.unit.family_helpers import two_parent_family


@pytest.fixture
def centre(manager, sign_in_as):
    accounts.create_account(
        manager,
        user_name="coord",
        display_name="Nerys Calder",
        roles=[Role.COORDINATOR],
        password="coordinator password",
    )
    coord = sign_in_as("coord", "coordinator password")
    family = families.create_family(coord, two_parent_family())
    other = families.create_family(coord, two_parent_family(resident="Wren Ashby"))
    out.attendance_letter(coord, family.id, "Hartwell Finch LLP", deliver=lambda _l: True)
    return coord, family, other


def test_clause_vii_the_manager_reads_who_did_what_when_on_which_family(centre, manager):
    _coord, family, other = centre
    rows = audit_entries(manager)
    assert [r.seq for r in rows] == sorted((r.seq for r in rows), reverse=True)
    letter = next(r for r in rows if r.action == "disclosure.attendance_letter")
    assert (letter.actor, letter.subject, letter.outcome) == ("coord", family.reference, "done")
    assert letter.at[:10] == date.today().isoformat()
    mine = audit_entries(manager, AuditFilter(who="coord", family=family.reference))
    assert mine and all(r.actor == "coord" and r.subject == family.reference for r in mine)
    assert other.reference not in {r.subject for r in mine}
    letters = audit_entries(manager, AuditFilter(what="attendance_letter"))
    assert [r.seq for r in letters] == [letter.seq]
    assert audit_entries(manager, AuditFilter(who="100%_")) == []  # no wildcards typed
    tomorrow = date.today() + timedelta(days=1)
    assert audit_entries(manager, AuditFilter(since=tomorrow)) == []
    assert audit_entries(manager, AuditFilter(since=date.today(), until=date.today()))
    with pytest.raises(InvalidInput, match="last day is before the first day"):
        audit_entries(manager, AuditFilter(since=tomorrow, until=date.today()))


def test_the_log_names_who_did_it_by_full_name_and_finds_them_by_either_name(centre, manager):
    """Issue 18, item 5: full names, not login names, wherever a person is shown."""
    _coord, family, _ = centre
    letter = next(r for r in audit_entries(manager) if r.action == "disclosure.attendance_letter")
    assert (letter.actor, letter.person) == ("coord", "Nerys Calder")
    by_name = audit_entries(manager, AuditFilter(who="nerys cal", family=family.reference))
    assert by_name == audit_entries(manager, AuditFilter(who="coord", family=family.reference))
    assert by_name and {r.person for r in by_name} == {"Nerys Calder"}
    mine = audit_entries(manager, AuditFilter(who=manager.user_name))
    assert mine and {r.person for r in mine} == {manager.account.display_name}


def test_clause_vii_only_the_manager_reads_it_and_reading_and_printing_are_audited(centre, manager):
    coord, family, _ = centre
    with pytest.raises(PermissionRefused, match="You cannot read the audit log"):
        audit_entries(coord)
    open_audit_log(manager)
    chosen = AuditFilter(family=family.reference)
    printed = audit_entries(manager, chosen, PRINTED)
    assert printed and all(r.subject == family.reference for r in printed)
    assert printouts.audit_log(manager, chosen, deliver=lambda _paper: True)
    last, opened = list(audit.entries(manager.centre.conn, newest_first=True, limit=2))
    assert (opened.action, opened.actor) == ("audit_log.view", "manager")
    assert last.action == "audit_log.print"
    assert f"{len(printed)} entries" in last.detail and family.reference in last.detail
