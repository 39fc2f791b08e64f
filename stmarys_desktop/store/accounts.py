"""Queries on the account tables, in one place."""

from __future__ import annotations

from collections.abc import Iterable

from stmarys_desktop.domain.accounts import Account
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.store.database import Connection
from stmarys_desktop.store.rows import column, value

# In the order of _account's parameters.
_COLUMNS = (
    "id, user_name, display_name, disabled, created_at, password_set_at, version,"
    " (SELECT group_concat(role) FROM account_role r WHERE r.account_id = a.id)"
)


def _account(
    account_id: int,
    user_name: str,
    display_name: str,
    disabled: int,
    created_at: str,
    password_set_at: str,
    version: int,
    roles: str | None,
) -> Account:
    return Account(
        id=account_id,
        user_name=user_name,
        display_name=display_name,
        roles=frozenset(Role(role) for role in (roles or "").split(",") if role),
        disabled=bool(disabled),
        created_at=created_at,
        password_set_at=password_set_at,
        version=version,
    )


def all_accounts(conn: Connection) -> list[Account]:
    rows = conn.execute(f"SELECT {_COLUMNS} FROM account a ORDER BY user_name").fetchall()
    return [_account(*columns) for columns in rows]


def by_user_name(conn: Connection, user_name: str) -> Account | None:
    found = conn.execute(
        f"SELECT {_COLUMNS} FROM account a WHERE user_name = ?", (user_name.strip(),)
    ).fetchone()
    return _account(*found) if found else None


def by_slot_tag(conn: Connection, tag: str) -> Account | None:
    found = conn.execute(f"SELECT {_COLUMNS} FROM account a WHERE slot_tag = ?", (tag,)).fetchone()
    return _account(*found) if found else None


def staff_of(conn: Connection, account_id: int) -> int | None:
    """The member of staff a login belongs to, if it was made for one."""
    return value(conn, "SELECT staff_id FROM account WHERE id = ?", (account_id,))


def staff_disposed(conn: Connection, account_id: int) -> bool:
    """Was this login made for a member of staff whose record has since been disposed of?"""
    return bool(value(conn, "SELECT staff_disposed_at FROM account WHERE id = ?", (account_id,)))


def disable_for_staff(conn: Connection, staff_id: int) -> list[str]:
    """Disable every enabled login of a member of staff; the user names disabled."""
    names = [
        str(name)
        for name in column(
            conn, "SELECT user_name FROM account WHERE staff_id = ? AND disabled = 0", (staff_id,)
        )
    ]
    conn.execute(
        "UPDATE account SET disabled = 1, version = version + 1"
        " WHERE staff_id = ? AND disabled = 0",
        (staff_id,),
    )
    return names


def managers_of_staff(conn: Connection, staff_id: int) -> int:
    """Enabled manager logins belonging to this member of staff."""
    return int(
        value(
            conn,
            "SELECT count(*) FROM account a JOIN account_role r ON r.account_id = a.id"
            " WHERE r.role = 'manager' AND a.disabled = 0 AND a.staff_id = ?",
            (staff_id,),
        )
    )


def retire_for_disposed_staff(
    conn: Connection, staff_id: int, *, display_name: str, at: str
) -> int:
    """Before a staff record is disposed of: its logins are disabled, their display name
    scrubbed, and marked so that they never reach families again (never freed)."""
    cursor = conn.execute(
        "UPDATE account SET disabled = 1, display_name = ?, staff_disposed_at = ?,"
        " version = version + 1 WHERE staff_id = ?",
        (display_name, at, staff_id),
    )
    return cursor.rowcount


def slot_tag_of(conn: Connection, account_id: int) -> str:
    return str(value(conn, "SELECT slot_tag FROM account WHERE id = ?", (account_id,)))


def insert(
    conn: Connection,
    *,
    user_name: str,
    display_name: str,
    slot_tag: str,
    roles: Iterable[Role],
    at: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO account (user_name, display_name, slot_tag, created_at, password_set_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (user_name, display_name, slot_tag, at, at),
    )
    account_id = int(cursor.lastrowid)
    set_roles(conn, account_id, roles)
    return account_id


def set_roles(conn: Connection, account_id: int, roles: Iterable[Role]) -> None:
    conn.execute("DELETE FROM account_role WHERE account_id = ?", (account_id,))
    conn.executemany(
        "INSERT INTO account_role (account_id, role) VALUES (?, ?)",
        [(account_id, Role(r).value) for r in roles],
    )
    _bump(conn, account_id)


def set_disabled(conn: Connection, account_id: int, disabled: bool) -> None:
    conn.execute("UPDATE account SET disabled = ? WHERE id = ?", (int(disabled), account_id))
    _bump(conn, account_id)


def password_set(conn: Connection, account_id: int, at: str) -> None:
    conn.execute("UPDATE account SET password_set_at = ? WHERE id = ?", (at, account_id))
    _bump(conn, account_id)


def delete(conn: Connection, account_id: int) -> None:
    conn.execute("DELETE FROM account WHERE id = ?", (account_id,))


def enabled_managers(conn: Connection) -> int:
    return int(
        value(
            conn,
            "SELECT count(*) FROM account a JOIN account_role r ON r.account_id = a.id"
            " WHERE r.role = 'manager' AND a.disabled = 0",
        )
    )


def _bump(conn: Connection, account_id: int) -> None:
    conn.execute("UPDATE account SET version = version + 1 WHERE id = ?", (account_id,))
