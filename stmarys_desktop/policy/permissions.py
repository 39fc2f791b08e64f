"""Who may do what: one table, role -> permissions (DESIGN.md section 1).

The service layer asks `allows`; a widget may also ask, to decide what to
offer, but hiding a button is never the check.
"""

from collections.abc import Iterable

from stmarys_desktop.domain.roles import Permission as P
from stmarys_desktop.domain.roles import Role

ROLE_PERMISSIONS: dict[Role, frozenset[P]] = {
    Role.FRONT_DESK: frozenset(
        {
            P.VIEW_TODAY,
            P.RUN_REGISTER,
            P.VIEW_FAMILIES,
            P.RECORD_INCIDENT,
            P.VIEW_POLICY,
        }
    ),
    Role.COORDINATOR: frozenset(
        {
            P.VIEW_TODAY,
            P.RUN_REGISTER,
            P.VIEW_FAMILIES,
            P.EDIT_FAMILIES,
            P.REVEAL_CONTACT_DETAILS,
            P.BOOK_SESSIONS,
            P.RECORD_INCIDENT,
            P.MANAGE_CONSENTS,
            P.DISCLOSE,
            P.VIEW_REQUEST_LOG,
            P.VIEW_POLICY,
            P.CORRECT_ATTENDANCE,
        }
    ),
    Role.SAFEGUARDING_LEAD: frozenset(
        {
            P.VIEW_TODAY,
            P.VIEW_FAMILIES,
            P.RECORD_INCIDENT,
            P.VIEW_CONCERN_DETAILS,
            P.CONFIRM_CONCERN,
            P.MANAGE_EXCEPTIONS,
            P.DISCLOSE,
            P.VIEW_REQUEST_LOG,
            P.REVEAL_CONTACT_DETAILS,
            P.VIEW_POLICY,
        }
    ),
    Role.MANAGER: frozenset(
        {
            P.VIEW_TODAY,
            P.VIEW_FAMILIES,
            P.RECORD_INCIDENT,
            P.VIEW_CONCERN_DETAILS,
            # The request log: oversight of what was asked and answered (D311).
            P.VIEW_REQUEST_LOG,
            P.VIEW_VETTING,
            P.MANAGE_STAFF,
            P.VIEW_POLICY,
            P.MANAGE_POLICY,
            P.MANAGE_ACCOUNTS,
            P.MANAGE_SETTINGS,
            P.RETENTION_REVIEW,
            P.BACKUP,
            P.RESTORE,
            P.VERIFY,
            P.REKEY,
            P.VIEW_AUDIT,
        }
    ),
}


# What reaches a family's records, and so what clause vi keeps from a login whose
# member of staff is not cleared (a lapsed re-check, a suspension). The rest (the
# start screen, the policy, staff, accounts, backups) stays: a lapsed manager must
# still be able to run the centre and put things right.
FAMILY_PERMISSIONS: frozenset[P] = frozenset(
    {
        P.RUN_REGISTER,
        P.VIEW_FAMILIES,
        P.EDIT_FAMILIES,
        P.REVEAL_CONTACT_DETAILS,
        P.BOOK_SESSIONS,
        P.RECORD_INCIDENT,
        P.VIEW_CONCERN_DETAILS,
        P.CONFIRM_CONCERN,
        P.MANAGE_EXCEPTIONS,
        P.MANAGE_CONSENTS,
        P.DISCLOSE,
        P.VIEW_REQUEST_LOG,
        P.RETENTION_REVIEW,
        P.CORRECT_ATTENDANCE,
    }
)


def permissions_of(roles: Iterable[Role]) -> frozenset[P]:
    granted: set[P] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS[role]
    return frozenset(granted)


def allows(roles: Iterable[Role], permission: P) -> bool:
    return permission in permissions_of(roles)


_SOMEONE = {
    Role.FRONT_DESK: "front-desk staff",
    Role.COORDINATOR: "a coordinator",
    Role.SAFEGUARDING_LEAD: "a safeguarding lead",
    Role.MANAGER: "a manager",
}


def roles_allowing(permission: P) -> list[Role]:
    """The roles that carry `permission`, in the order of the Role enum."""
    return [role for role in Role if permission in ROLE_PERMISSIONS[role]]


def who_can(permission: P) -> str:
    """The roles that may do it, as a refusal names them: "a coordinator or a safeguarding
    lead" (never "ask a manager" to a manager)."""
    names = [_SOMEONE[role] for role in roles_allowing(permission)]
    if not names:
        return "nobody"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
