"""Queries on staff and their vetting, in one place.

Contact details are read by one function only, `contact`, for one person at
a time; everything else says whether they exist, never what they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from stmarys_desktop.domain.staff import (
    CentreRole,
    DbsCheck,
    DbsLevel,
    DbsOutcome,
    Decision,
    IdentitySeen,
    Reference,
    Requirement,
    StaffContact,
    StaffMember,
    StaffStatus,
    StatusResult,
    Training,
    Vetting,
)
from stmarys_desktop.store.database import Connection
from stmarys_desktop.store.rows import build, value


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _in(values: Sequence[int]) -> str:
    return ",".join("?" * len(values))


# -- people --------------------------------------------------------------------------------

_MEMBER = (
    "s.id, s.full_name, s.centre_role, s.status, s.start_on, s.end_on,"
    " s.address != '', s.telephone != '', s.emergency_contact != '', s.version,"
    " coalesce((SELECT a.user_name FROM account a WHERE a.staff_id = s.id), '')"
)


def _member(columns: tuple) -> StaffMember:
    """_MEMBER's columns are StaffMember's fields in order."""
    return build(
        StaffMember,
        columns,
        centre_role=CentreRole,
        status=StaffStatus,
        start_on=_date,
        end_on=_date,
        has_address=bool,
        has_telephone=bool,
        has_emergency_contact=bool,
    )


def insert_staff(
    conn: Connection,
    *,
    full_name: str,
    centre_role: CentreRole,
    start_on: date | None,
    address: str,
    telephone: str,
    emergency_contact: str,
    at: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO staff (full_name, centre_role, status, start_on, address, telephone,"
        " emergency_contact, last_used_at) VALUES (?, ?, 'applicant', ?, ?, ?, ?, ?)",
        (full_name, centre_role.value, _iso(start_on), address, telephone, emergency_contact, at),
    )
    return int(cursor.lastrowid)


def member(conn: Connection, staff_id: int) -> StaffMember | None:
    row = conn.execute(f"SELECT {_MEMBER} FROM staff s WHERE s.id = ?", (staff_id,)).fetchone()
    return _member(row) if row else None


def members(conn: Connection, staff_ids: Sequence[int] | None = None) -> list[StaffMember]:
    if staff_ids is None:
        rows = conn.execute(f"SELECT {_MEMBER} FROM staff s ORDER BY s.full_name, s.id")
    elif not staff_ids:
        return []
    else:
        ids = list(staff_ids)
        rows = conn.execute(
            f"SELECT {_MEMBER} FROM staff s WHERE s.id IN ({_in(ids)}) ORDER BY s.full_name, s.id",
            ids,
        )
    return [_member(r) for r in rows]


def update_staff(
    conn: Connection,
    staff_id: int,
    expected_version: int,
    *,
    full_name: str,
    centre_role: CentreRole,
    start_on: date | None,
    end_on: date | None,
    address: str | None,
    telephone: str | None,
    emergency_contact: str | None,
) -> bool:
    """False when someone else saved the person since they were read. None keeps a value."""
    cursor = conn.execute(
        "UPDATE staff SET full_name = ?, centre_role = ?, start_on = ?, end_on = ?,"
        " address = coalesce(?, address), telephone = coalesce(?, telephone),"
        " emergency_contact = coalesce(?, emergency_contact), version = version + 1"
        " WHERE id = ? AND version = ?",
        (
            full_name,
            centre_role.value,
            _iso(start_on),
            _iso(end_on),
            address,
            telephone,
            emergency_contact,
            staff_id,
            expected_version,
        ),
    )
    return cursor.rowcount == 1


def set_status(
    conn: Connection,
    staff_id: int,
    expected_version: int,
    status: StaffStatus,
    start_on: date | None,
    end_on: date | None,
) -> bool:
    cursor = conn.execute(
        "UPDATE staff SET status = ?, start_on = ?, end_on = ?, version = version + 1"
        " WHERE id = ? AND version = ?",
        (status.value, _iso(start_on), _iso(end_on), staff_id, expected_version),
    )
    return cursor.rowcount == 1


def contact(conn: Connection, staff_id: int) -> StaffContact | None:
    row = conn.execute(
        "SELECT id, full_name, address, telephone, emergency_contact FROM staff WHERE id = ?",
        (staff_id,),
    ).fetchone()
    return StaffContact(*row) if row else None


def touch(conn: Connection, staff_id: int, at: str) -> None:
    """Used now: the retention review counts from here (clause viii)."""
    conn.execute(
        "UPDATE staff SET last_used_at = max(last_used_at, ?) WHERE id = ?", (at, staff_id)
    )


# -- the check each role needs --------------------------------------------------------------


def requirements(conn: Connection) -> dict[CentreRole, Requirement]:
    """Every role's requirement; a role no manager has set gets the default."""
    found = {role: Requirement(role) for role in CentreRole}
    for columns in conn.execute(
        "SELECT centre_role, dbs_level, regulated_activity, barred_list,"
        " justification, set_by, set_at FROM role_requirement"
    ):
        requirement = build(
            Requirement,
            columns,
            centre_role=CentreRole,
            level=DbsLevel,
            regulated_activity=bool,
            barred_list=bool,
        )
        found[requirement.centre_role] = requirement
    return found


def put_requirement(conn: Connection, requirement: Requirement) -> None:
    conn.execute(
        "INSERT INTO role_requirement (centre_role, dbs_level, regulated_activity, barred_list,"
        " justification, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (centre_role) DO UPDATE SET dbs_level = excluded.dbs_level,"
        " regulated_activity = excluded.regulated_activity,"
        " barred_list = excluded.barred_list, justification = excluded.justification,"
        " set_by = excluded.set_by, set_at = excluded.set_at",
        (
            requirement.centre_role.value,
            requirement.level.value,
            int(requirement.regulated_activity),
            int(requirement.barred_list),
            requirement.justification,
            requirement.set_by,
            requirement.set_at,
        ),
    )


# -- DBS checks ---------------------------------------------------------------------------

# Who decided is shown by their full name, not their login (issue 18).
_CHECK = (
    "id, staff_id, dbs_level, barred_list, certificate_number, issued_on, seen_on,"
    " seen_by, outcome, decision,"
    " coalesce((SELECT a.display_name FROM account a WHERE a.user_name = decided_by),"
    " decided_by), decided_on, update_service,"
    " last_status_check_on, status_check_result, notes, notes_cleared_on"
)


def _check(columns: tuple) -> DbsCheck:
    """_CHECK's columns are DbsCheck's fields in order."""
    return build(
        DbsCheck,
        columns,
        level=DbsLevel,
        barred_list=bool,
        issued_on=date.fromisoformat,
        seen_on=date.fromisoformat,
        outcome=DbsOutcome,
        decision=Decision,
        decided_on=_date,
        update_service=bool,
        last_status_check_on=_date,
        status_result=StatusResult,
        notes_cleared_on=_date,
    )


def insert_check(
    conn: Connection,
    staff_id: int,
    *,
    level: DbsLevel,
    barred_list: bool,
    certificate_number: str,
    issued_on: date,
    seen_on: date,
    seen_by: str,
    outcome: DbsOutcome,
    decision: Decision,
    decided_by: str,
    decided_on: date | None,
    update_service: bool,
    last_status_check_on: date | None,
    notes: str,
    recorded_by: str,
    at: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO dbs_check (staff_id, dbs_level, barred_list, certificate_number,"
        " issued_on, seen_on, seen_by, outcome, decision, decided_by, decided_on,"
        " update_service, last_status_check_on, status_check_result, notes, recorded_by,"
        " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            staff_id,
            level.value,
            int(barred_list),
            certificate_number,
            issued_on.isoformat(),
            seen_on.isoformat(),
            seen_by,
            outcome.value,
            decision.value,
            decided_by,
            _iso(decided_on),
            int(update_service),
            _iso(last_status_check_on),
            StatusResult.NO_CHANGE.value if last_status_check_on else "",
            notes,
            recorded_by,
            at,
        ),
    )
    return int(cursor.lastrowid)


def certificate_holder(conn: Connection, certificate_number: str) -> int | None:
    holder = value(
        conn, "SELECT staff_id FROM dbs_check WHERE certificate_number = ?", (certificate_number,)
    )
    return int(holder) if holder is not None else None


def check(conn: Connection, check_id: int) -> DbsCheck | None:
    found = conn.execute(f"SELECT {_CHECK} FROM dbs_check WHERE id = ?", (check_id,)).fetchone()
    return _check(found) if found else None


def record_decision(
    conn: Connection,
    check_id: int,
    decision: Decision,
    decided_by: str,
    decided_on: date,
    notes: str | None,
) -> None:
    conn.execute(
        "UPDATE dbs_check SET decision = ?, decided_by = ?, decided_on = ?,"
        " notes = coalesce(?, notes) WHERE id = ?",
        (decision.value, decided_by, decided_on.isoformat(), notes, check_id),
    )


def record_status_check(conn: Connection, check_id: int, on: date, result: StatusResult) -> None:
    conn.execute(
        "UPDATE dbs_check SET last_status_check_on = ?, status_check_result = ? WHERE id = ?",
        (on.isoformat(), result.value, check_id),
    )


def checks_with_notes(conn: Connection) -> list[DbsCheck]:
    """Checks still holding notes after a recruitment decision (few: notes go in months)."""
    return [
        _check(r)
        for r in conn.execute(
            f"SELECT {_CHECK} FROM dbs_check WHERE notes != '' AND decided_on IS NOT NULL"
            " ORDER BY decided_on"
        )
    ]


def clear_notes(conn: Connection, check_id: int, on: date) -> None:
    conn.execute(
        "UPDATE dbs_check SET notes = '', notes_cleared_on = ? WHERE id = ?",
        (on.isoformat(), check_id),
    )


# -- identity, references, training ---------------------------------------------------------


def insert_identity(
    conn: Connection,
    staff_id: int,
    *,
    documents: str,
    seen_by: str,
    seen_on: date,
    recorded_by: str,
    at: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO identity_check (staff_id, documents, seen_by, seen_on, recorded_by,"
        " recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        (staff_id, documents, seen_by, seen_on.isoformat(), recorded_by, at),
    )
    return int(cursor.lastrowid)


def insert_reference(
    conn: Connection,
    staff_id: int,
    *,
    referee: str,
    received_on: date,
    satisfactory: bool,
    recorded_by: str,
    at: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO staff_reference (staff_id, referee, received_on, satisfactory,"
        " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        (staff_id, referee, received_on.isoformat(), int(satisfactory), recorded_by, at),
    )
    return int(cursor.lastrowid)


def insert_training(
    conn: Connection,
    staff_id: int,
    *,
    completed_on: date,
    renewal_due_on: date,
    course: str,
    recorded_by: str,
    at: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO safeguarding_training (staff_id, completed_on, renewal_due_on, course,"
        " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        (staff_id, completed_on.isoformat(), renewal_due_on.isoformat(), course, recorded_by, at),
    )
    return int(cursor.lastrowid)


def vetting(conn: Connection, staff_ids: Sequence[int] | None = None) -> dict[int, Vetting]:
    """Each person's vetting facts, read set-wise: a handful of queries for the whole list."""
    if staff_ids is not None and not staff_ids:
        return {}
    params: list[int] = [] if staff_ids is None else list(staff_ids)
    where = "" if staff_ids is None else f" WHERE staff_id IN ({_in(params)})"
    roles = {
        staff_id: CentreRole(role)
        for staff_id, role in conn.execute(
            "SELECT id, centre_role FROM staff"
            + ("" if staff_ids is None else f" WHERE id IN ({_in(params)})"),
            params,
        )
    }
    needs = requirements(conn)
    checks: dict[int, list[DbsCheck]] = {}
    for columns in conn.execute(
        f"SELECT {_CHECK} FROM dbs_check{where} ORDER BY issued_on DESC, id DESC", params
    ):
        found = _check(columns)
        checks.setdefault(found.staff_id, []).append(found)
    identity: dict[int, IdentitySeen] = {}
    for staff_id, documents, seen_by, seen_on in conn.execute(
        "SELECT staff_id, documents, seen_by, seen_on FROM identity_check"
        f"{where} ORDER BY seen_on, id",
        params,
    ):
        identity[staff_id] = IdentitySeen(documents, seen_by, date.fromisoformat(seen_on))
    references: dict[int, list[Reference]] = {}
    for staff_id, reference_id, referee, received_on, satisfactory in conn.execute(
        "SELECT staff_id, id, referee, received_on, satisfactory"
        f" FROM staff_reference{where} ORDER BY received_on, id",
        params,
    ):
        references.setdefault(staff_id, []).append(
            Reference(reference_id, referee, date.fromisoformat(received_on), bool(satisfactory))
        )
    training: dict[int, Training] = {}
    for staff_id, completed_on, renewal_due_on, course in conn.execute(
        "SELECT staff_id, completed_on, renewal_due_on, course"
        f" FROM safeguarding_training{where} ORDER BY completed_on, id",
        params,
    ):
        training[staff_id] = Training(
            date.fromisoformat(completed_on), date.fromisoformat(renewal_due_on), course
        )
    return {
        staff_id: Vetting(
            needs[role],
            tuple(checks.get(staff_id, ())),
            identity.get(staff_id),
            tuple(references.get(staff_id, ())),
            training.get(staff_id),
        )
        for staff_id, role in roles.items()
    }


# -- sessions and lapses ------------------------------------------------------------------


def remove_from_future_sessions(conn: Connection, staff_id: int, from_day: date) -> int:
    cursor = conn.execute(
        "DELETE FROM session_staff WHERE staff_id = ? AND session_id IN"
        " (SELECT id FROM contact_session WHERE on_date >= ? AND status = 'booked')",
        (staff_id, from_day.isoformat()),
    )
    return cursor.rowcount


def open_lapses(conn: Connection) -> list[tuple[int, int, date, int]]:
    """(lapse id, staff id, noticed on, sessions removed) not yet resolved."""
    return [
        (lapse_id, staff_id, date.fromisoformat(noticed_on), removed)
        for lapse_id, staff_id, noticed_on, removed in conn.execute(
            "SELECT id, staff_id, noticed_on, sessions_removed FROM staff_lapse"
            " WHERE resolved_on IS NULL ORDER BY noticed_on, id"
        )
    ]


def insert_lapse(conn: Connection, staff_id: int, noticed_on: date, sessions_removed: int) -> int:
    cursor = conn.execute(
        "INSERT INTO staff_lapse (staff_id, noticed_on, sessions_removed) VALUES (?, ?, ?)",
        (staff_id, noticed_on.isoformat(), sessions_removed),
    )
    return int(cursor.lastrowid)


def resolve_lapse(conn: Connection, lapse_id: int, on: date) -> None:
    conn.execute("UPDATE staff_lapse SET resolved_on = ? WHERE id = ?", (on.isoformat(), lapse_id))


# -- logins ---------------------------------------------------------------------------------


def link_account(conn: Connection, account_id: int, staff_id: int) -> None:
    conn.execute(
        "UPDATE account SET staff_id = ?, version = version + 1 WHERE id = ?",
        (staff_id, account_id),
    )


# -- the demo centre --------------------------------------------------------------------------

Row = Sequence[object]


def bulk_vetting(
    conn: Connection,
    *,
    checks: Iterable[Row],
    identities: Iterable[Row],
    references: Iterable[Row],
    trainings: Iterable[Row],
) -> None:
    """Many records at once for the demo. checks: (staff_id, dbs_level, barred_list,
    certificate_number, issued_on, seen_on, seen_by, outcome, decision, decided_by,
    decided_on, update_service, last_status_check_on, status_check_result, notes,
    recorded_by, recorded_at); identities: (staff_id, documents, seen_by, seen_on,
    recorded_by, recorded_at); references: (staff_id, referee, received_on, satisfactory,
    recorded_by, recorded_at); trainings: (staff_id, completed_on, renewal_due_on, course,
    recorded_by, recorded_at)."""
    conn.executemany(
        "INSERT INTO dbs_check (staff_id, dbs_level, barred_list, certificate_number,"
        " issued_on, seen_on, seen_by, outcome, decision, decided_by, decided_on,"
        " update_service, last_status_check_on, status_check_result, notes, recorded_by,"
        " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        checks,
    )
    conn.executemany(
        "INSERT INTO identity_check (staff_id, documents, seen_by, seen_on, recorded_by,"
        " recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        identities,
    )
    conn.executemany(
        "INSERT INTO staff_reference (staff_id, referee, received_on, satisfactory,"
        " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        references,
    )
    conn.executemany(
        "INSERT INTO safeguarding_training (staff_id, completed_on, renewal_due_on, course,"
        " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        trainings,
    )
