"""Bulk inserts for the demo centre and the benchmarks: many rows, one transaction.

The everyday screens write through their own repositories one record at a
time; this module exists so that a 50,000-family demo takes seconds, not hours.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from stmarys_desktop.store.database import Connection
from stmarys_desktop.store.families import search_key
from stmarys_desktop.store.rows import value

Row = Sequence[object]


def rooms(conn: Connection, names: Iterable[str]) -> dict[str, int]:
    conn.executemany("INSERT OR IGNORE INTO room (name) VALUES (?)", [(n,) for n in names])
    return {name: rid for rid, name in conn.execute("SELECT id, name FROM room")}


def families(conn: Connection, rows: Iterable[Row]) -> None:
    """(id, reference, status, arrangement, created_at, last_reviewed_on,
    next_review_on, last_used_at)"""
    conn.executemany(
        "INSERT INTO family (id, reference, status, arrangement, created_at, last_reviewed_on,"
        " next_review_on, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def people(conn: Connection, rows: Iterable[Row]) -> None:
    """(id, family_id, kind, full_name, date_of_birth, needs, relationship, address,
    telephone)"""
    conn.executemany(
        "INSERT INTO person (id, family_id, kind, full_name, date_of_birth, needs, relationship,"
        " address, telephone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def referrals(conn: Connection, rows: Iterable[Row]) -> None:
    """(id, family_id, agency_kind, agency_name, referrer_name, referrer_contact,
    referred_on, court_order_on_file)"""
    conn.executemany(
        "INSERT INTO referral (id, family_id, agency_kind, agency_name, referrer_name,"
        " referrer_contact, referred_on, court_order_on_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def named_people(conn: Connection, rows: Iterable[Row]) -> None:
    conn.executemany(
        "INSERT INTO referral_named_person (referral_id, person_id) VALUES (?, ?)", rows
    )


def search_entries(conn: Connection, rows: Iterable[Row]) -> None:
    """(family_id, names, referrer)"""
    conn.executemany(
        "INSERT INTO family_search (rowid, names, referrer) VALUES (?, ?, ?)",
        ((search_key(family_id), names, referrer) for family_id, names, referrer in rows),
    )


def sessions(conn: Connection, rows: Iterable[Row]) -> None:
    """(id, family_id, room_id, on_date, starts_at, ends_at, first_arriving_id,
    first_arrives_at, second_arriving_id, second_arrives_at, first_leaving_id,
    first_leaves_at, second_leaving_id, second_leaves_at, status, cancelled_by, created_at)"""
    conn.executemany(
        "INSERT INTO contact_session (id, family_id, room_id, on_date, starts_at, ends_at,"
        " first_arriving_id, first_arrives_at, second_arriving_id, second_arrives_at,"
        " first_leaving_id, first_leaves_at, second_leaving_id, second_leaves_at, status,"
        " cancelled_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def sessions_with_outcomes(conn: Connection, rows: Iterable[Row]) -> None:
    """As `sessions`, each row followed by did_not_come and outcome_known_at."""
    conn.executemany(
        "INSERT INTO contact_session (id, family_id, room_id, on_date, starts_at, ends_at,"
        " first_arriving_id, first_arrives_at, second_arriving_id, second_arrives_at,"
        " first_leaving_id, first_leaves_at, second_leaving_id, second_leaves_at, status,"
        " cancelled_by, created_at, did_not_come, outcome_known_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def attendance(conn: Connection, rows: Iterable[Row]) -> None:
    """(session_id, person_id, arrived_at, left_at)"""
    conn.executemany(
        "INSERT INTO attendance (session_id, person_id, arrived_at, left_at) VALUES (?, ?, ?, ?)",
        rows,
    )


def staff(conn: Connection, rows: Iterable[Row]) -> None:
    """(id, full_name, centre_role, status, start_on, end_on, address, telephone,
    emergency_contact, last_used_at)"""
    conn.executemany(
        "INSERT INTO staff (id, full_name, centre_role, status, start_on, end_on, address,"
        " telephone, emergency_contact, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def session_staff(conn: Connection, rows: Iterable[Row]) -> None:
    conn.executemany("INSERT INTO session_staff (session_id, staff_id) VALUES (?, ?)", rows)


def incidents(conn: Connection, rows: Iterable[Row]) -> None:
    """(id, kind, family_id, occurred_at, place, people_involved, seen_and_heard,
    injuries, action_taken, who_was_told, recorded_by, recorded_at, status, decided_by,
    decided_at)"""
    conn.executemany(
        "INSERT INTO incident (id, kind, family_id, occurred_at, place, people_involved,"
        " seen_and_heard, injuries, action_taken, who_was_told, recorded_by, recorded_at,"
        " status, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def exceptions(conn: Connection, rows: Iterable[Row]) -> None:
    """(family_id, kind, incident_id, confirmed_by, opened_at)"""
    conn.executemany(
        "INSERT INTO exception (family_id, kind, incident_id, confirmed_by, opened_at)"
        " VALUES (?, ?, ?, ?, ?)",
        rows,
    )


def accident_book(conn: Connection, rows: Iterable[Row]) -> None:
    """(incident_id, occurred_at, place, people, what_happened, injuries, action_taken,
    recorded_by, recorded_at)"""
    conn.executemany(
        "INSERT INTO accident_book (incident_id, occurred_at, place, people, what_happened,"
        " injuries, action_taken, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def counts(conn: Connection) -> dict[str, int]:
    tables = [
        "family",
        "person",
        "referral",
        "contact_session",
        "attendance",
        "staff",
        "incident",
        "exception",
        "accident_book",
    ]
    return {t: int(value(conn, f"SELECT count(*) FROM {t}")) for t in tables}
