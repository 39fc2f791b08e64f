"""Managing sign-in accounts: add, roles, passwords, disable, remove."""

from __future__ import annotations

from collections.abc import Iterable

from stmarys_desktop.domain.accounts import Account
from stmarys_desktop.domain.errors import InvalidInput, NotFound
from stmarys_desktop.domain.roles import Permission, Role
from stmarys_desktop.services.auth import (
    check_display_name,
    check_new_password,
    check_roles,
    check_user_name,
)
from stmarys_desktop.services.session import Session
from stmarys_desktop.services.staff import require_login_allowed
from stmarys_desktop.store import accounts as account_store
from stmarys_desktop.store import staff as staff_store
from stmarys_desktop.store.keystore import normalise_secret

LAST_MANAGER = "The centre must keep at least one enabled manager account."


def list_accounts(session: Session) -> list[Account]:
    session.require(Permission.MANAGE_ACCOUNTS, "see the accounts")
    return account_store.all_accounts(session.centre.conn)


def _account(session: Session, user_name: str) -> Account:
    account = account_store.by_user_name(session.centre.conn, user_name)
    if account is None:
        raise NotFound(f"There is no account with the user name {user_name!r}.")
    return account


def create_account(
    session: Session,
    *,
    user_name: str,
    display_name: str,
    roles: Iterable[Role | str],
    password: str,
    staff_id: int | None = None,
) -> Account:
    """A new login. With `staff_id` it belongs to that member of staff, and is refused
    until they are cleared (clause vi; decisions.md D57)."""
    session.require(Permission.MANAGE_ACCOUNTS, "add an account")
    user_name = check_user_name(user_name)
    display_name = check_display_name(display_name)
    chosen = check_roles(roles)
    check_new_password(password)
    centre = session.centre
    if account_store.by_user_name(centre.conn, user_name) is not None:
        raise InvalidInput("That user name is already taken; choose another.")
    if staff_id is not None:
        require_login_allowed(session, staff_id, chosen)
    tag = centre.keystore.account_tag(user_name)
    with centre.transaction() as conn:
        account_id = account_store.insert(
            conn,
            user_name=user_name,
            display_name=display_name,
            slot_tag=tag,
            roles=chosen,
            at=centre.now(),
        )
        if staff_id is not None:
            staff_store.link_account(conn, account_id, staff_id)
        session.audit(
            action="account.create",
            subject=user_name,
            detail="roles: "
            + ",".join(sorted(chosen))
            + (f"; staff #{staff_id}" if staff_id is not None else ""),
        )
        # Written inside the transaction: if the key file cannot be saved, the
        # account row is rolled back too.
        centre.update_keystore(
            lambda ks: ks.put_slot(tag, "account", normalise_secret(password), centre.db_key)
        )
    return _account(session, user_name)


def set_roles(session: Session, user_name: str, roles: Iterable[Role | str]) -> Account:
    session.require(Permission.MANAGE_ACCOUNTS, "change an account's roles")
    chosen = check_roles(roles)
    account = _account(session, user_name)
    with session.centre.transaction() as conn:
        account_store.set_roles(conn, account.id, chosen)
        if account_store.enabled_managers(conn) == 0:
            raise InvalidInput(LAST_MANAGER)
        session.audit(
            action="account.roles",
            subject=account.user_name,
            detail="roles: " + ",".join(sorted(chosen)),
        )
    session.refresh_account()
    return _account(session, user_name)


def set_disabled(session: Session, user_name: str, disabled: bool) -> Account:
    session.require(Permission.MANAGE_ACCOUNTS, "disable or enable an account")
    account = _account(session, user_name)
    if disabled and account.id == session.account.id:
        raise InvalidInput("You cannot disable your own account while signed in with it.")
    with session.centre.transaction() as conn:
        account_store.set_disabled(conn, account.id, disabled)
        if account_store.enabled_managers(conn) == 0:
            raise InvalidInput(LAST_MANAGER)
        session.audit(
            action="account.disable" if disabled else "account.enable",
            subject=account.user_name,
        )
    return _account(session, user_name)


def reset_password(
    session: Session,
    *,
    manager_password: str,
    user_name: str,
    new_password: str,
    confirm: str | None = None,
) -> None:
    session.require(Permission.MANAGE_ACCOUNTS, "reset another person's password")
    check_new_password(new_password, confirm)
    account = _account(session, user_name)
    session.confirm_password(manager_password)
    _set_password(session, account, new_password, "password reset by a manager")


def _set_password(session: Session, account: Account, password: str, why: str) -> None:
    centre = session.centre
    tag = account_store.slot_tag_of(centre.conn, account.id)
    with centre.transaction() as conn:
        account_store.password_set(conn, account.id, centre.now())
        session.audit(
            action="account.password",
            subject=account.user_name,
            detail=why,
        )
        centre.update_keystore(
            lambda ks: ks.put_slot(tag, "account", normalise_secret(password), centre.db_key)
        )


def remove_account(session: Session, user_name: str) -> None:
    """Remove the account and its key slot. Offer a key rotation afterwards (rekey)."""
    session.require(Permission.MANAGE_ACCOUNTS, "remove an account")
    account = _account(session, user_name)
    if account.id == session.account.id:
        raise InvalidInput("You cannot remove your own account while signed in with it.")
    centre = session.centre
    tag = account_store.slot_tag_of(centre.conn, account.id)
    with centre.transaction() as conn:
        account_store.delete(conn, account.id)
        if account_store.enabled_managers(conn) == 0:
            raise InvalidInput(LAST_MANAGER)
        session.audit(
            action="account.remove",
            subject=account.user_name,
            detail="account and its key slot removed",
        )
        centre.update_keystore(lambda ks: ks.remove_slot(tag))


def names_by_login(session: Session) -> dict[str, str]:
    """Each sign-in name's person, so that printouts name people, never logins."""
    return {
        account.user_name: account.display_name
        for account in account_store.all_accounts(session.centre.conn)
    }
