"""Issue 18: a refusal names the role that can do it, and never tells a manager to ask one."""

from __future__ import annotations

from stmarys_desktop.domain.roles import Permission, Role
from stmarys_desktop.policy.permissions import ROLE_PERMISSIONS, roles_allowing, who_can


def test_who_can_names_every_role_holding_the_permission_and_only_those():
    for permission in Permission:
        holders = [role for role in Role if permission in ROLE_PERMISSIONS[role]]
        assert roles_allowing(permission) == holders
    assert who_can(Permission.MANAGE_CONSENTS) == "a coordinator"
    assert who_can(Permission.RUN_REGISTER) == "front-desk staff or a coordinator"
    assert who_can(Permission.DISCLOSE) == "a coordinator or a safeguarding lead"
    assert who_can(Permission.RECORD_INCIDENT) == (
        "front-desk staff, a coordinator, a safeguarding lead or a manager"
    )


def test_a_manager_refused_a_coordinators_task_is_told_who_can_not_to_ask_a_manager(manager):
    import pytest

    from stmarys_desktop.domain.errors import PermissionRefused

    with pytest.raises(PermissionRefused) as refused:
        manager.require(Permission.MANAGE_CONSENTS, "record a consent")
    text = str(refused.value)
    assert "ask a manager" not in text.casefold()
    assert text == (
        "You cannot record a consent: your roles (Manager) do not allow it. A "
        "coordinator can; you can give your own account that role on the Admin "
        "screen."
    )
