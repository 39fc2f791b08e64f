"""Accounts, roles and the permission table; refusals are audited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stmarys_desktop.domain.errors import InvalidInput, PermissionRefused, SignInRefused
from stmarys_desktop.domain.roles import Permission, Role
from stmarys_desktop.policy.permissions import ROLE_PERMISSIONS, allows
from stmarys_desktop.services import accounts
from stmarys_desktop.services.auth import sign_in
from stmarys_desktop.store import audit
from tests.helpers import MANAGER, PASSWORD

FRONT_DESK_PASSWORD = "front desk password"


@pytest.fixture
def front_desk(manager, sign_in_as):
    accounts.create_account(
        manager,
        user_name="frontdesk",
        display_name="Pella Quorne",
        roles=[Role.FRONT_DESK],
        password=FRONT_DESK_PASSWORD,
    )
    return sign_in_as("frontdesk", FRONT_DESK_PASSWORD)


def slots(data_dir: Path) -> dict[str, dict]:
    return {s["tag"]: s for s in json.loads((data_dir / "keystore.json").read_text())["slots"]}


def test_every_role_has_permissions_and_only_managers_manage_accounts() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert [r for r in Role if allows([r], Permission.MANAGE_ACCOUNTS)] == [Role.MANAGER]
    assert not allows([Role.FRONT_DESK], Permission.REVEAL_CONTACT_DETAILS)
    assert allows([Role.FRONT_DESK, Role.COORDINATOR], Permission.REVEAL_CONTACT_DETAILS)


def test_a_person_may_hold_several_roles(manager, sign_in_as) -> None:
    accounts.create_account(
        manager,
        user_name="both",
        display_name="Tresa Vellow",
        roles=[Role.COORDINATOR, Role.SAFEGUARDING_LEAD],
        password="two roles password",
    )
    session = sign_in_as("both", "two roles password")
    assert session.can(Permission.CONFIRM_CONCERN) and session.can(Permission.BOOK_SESSIONS)
    assert not session.can(Permission.MANAGE_ACCOUNTS)


def test_a_refused_action_raises_a_clear_error_and_is_audited(front_desk, manager) -> None:
    with pytest.raises(PermissionRefused, match="add an account.*Front desk"):
        accounts.create_account(
            front_desk,
            user_name="sneaky",
            display_name="Orla Brisk",
            roles=[Role.MANAGER],
            password="sneaky password",
        )
    last = next(iter(audit.entries(front_desk.centre.conn, newest_first=True, limit=1)))
    assert (last.actor, last.action, last.outcome) == ("frontdesk", "manage_accounts", "refused")
    assert "sneaky" not in [a.user_name for a in accounts.list_accounts(manager)]


def test_changing_a_password_rewrites_one_slot(manager, front_desk, data_dir: Path) -> None:
    before = slots(data_dir)
    accounts.reset_password(
        manager,
        manager_password=PASSWORD,
        user_name="frontdesk",
        new_password="a newer front password",
    )
    after = slots(data_dir)
    changed = [tag for tag in before if before[tag] != after[tag]]
    assert len(changed) == 1 and set(after) == set(before)
    sign_in(data_dir, "frontdesk", "a newer front password").close()
    with pytest.raises(SignInRefused):
        sign_in(data_dir, "frontdesk", FRONT_DESK_PASSWORD)


def test_a_manager_resets_a_password_with_their_own(manager, front_desk, data_dir) -> None:
    with pytest.raises(SignInRefused):
        accounts.reset_password(
            manager,
            manager_password="wrong",
            user_name="frontdesk",
            new_password="reset by the manager",
        )
    accounts.reset_password(
        manager,
        manager_password=PASSWORD,
        user_name="frontdesk",
        new_password="reset by the manager",
    )
    sign_in(data_dir, "frontdesk", "reset by the manager").close()


def test_removing_an_account_removes_its_slot(manager, front_desk, data_dir: Path) -> None:
    assert len(slots(data_dir)) == 3  # manager, front desk, recovery
    accounts.remove_account(manager, "frontdesk")
    assert len(slots(data_dir)) == 2
    with pytest.raises(SignInRefused):
        sign_in(data_dir, "frontdesk", FRONT_DESK_PASSWORD)


def test_the_last_manager_cannot_be_removed_demoted_or_disabled(manager) -> None:
    with pytest.raises(InvalidInput, match="one enabled manager"):
        accounts.set_roles(manager, MANAGER, [Role.FRONT_DESK])
    with pytest.raises(InvalidInput, match="own account"):
        accounts.set_disabled(manager, MANAGER, True)
    with pytest.raises(InvalidInput, match="own account"):
        accounts.remove_account(manager, MANAGER)
    assert accounts.list_accounts(manager)[0].roles == {Role.MANAGER}


@pytest.mark.parametrize(
    ("user_name", "display_name", "roles", "password", "problem"),
    [
        ("x", "Fenna Drosk", [Role.FRONT_DESK], "long enough password", "user name"),
        ("has space", "Fenna Drosk", [Role.FRONT_DESK], "long enough password", "user name"),
        ("fenna", "   ", [Role.FRONT_DESK], "long enough password", "cannot be empty"),
        ("fenna", "Fenna Drosk", [], "long enough password", "at least one role"),
        ("fenna", "Fenna Drosk", ["janitor"], "long enough password", "roles"),
        ("fenna", "Fenna Drosk", [Role.FRONT_DESK], "short", "at least 10"),
        ("fenna", "Fenna Drosk", [Role.FRONT_DESK], " " * 12, "empty"),
        (MANAGER.upper(), "Fenna Drosk", [Role.FRONT_DESK], "long enough password", "taken"),
    ],
)
def test_bad_account_details_are_refused_and_nothing_is_saved(
    manager, data_dir, user_name, display_name, roles, password, problem
) -> None:
    before = slots(data_dir)
    with pytest.raises(InvalidInput, match=problem):
        accounts.create_account(
            manager, user_name=user_name, display_name=display_name, roles=roles, password=password
        )
    assert [a.user_name for a in accounts.list_accounts(manager)] == [MANAGER]
    assert slots(data_dir).keys() == before.keys()


def test_right_to_left_and_emoji_display_names_are_kept(manager) -> None:
    made = accounts.create_account(
        manager,
        user_name="rtl",
        display_name="مريم  نور 🌼",
        roles=[Role.FRONT_DESK],
        password="long enough password",
    )
    assert made.display_name == "مريم نور 🌼"
