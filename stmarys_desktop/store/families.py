"""Queries on families, people and referrals, in one place.

Contact details are read by one function only, `contact_details`, for one
person at a time; everything else returns whether they exist, never what
they are.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from stmarys_desktop.domain.families import (
    AgencyKind,
    ContactDetails,
    Family,
    FamilySummary,
    Person,
    PersonKind,
    Referral,
)
from stmarys_desktop.store.database import Connection

_WORD = re.compile(r"\w+", re.UNICODE)


def search_key(family_id: int) -> int:
    """The family's row in the search index: its id negated, so that the index's
    forward (cheap) order is newest first (migration 0008)."""
    return -family_id


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def next_reference(conn: Connection, year: int) -> str:
    (last,) = conn.execute("SELECT coalesce(max(id), 0) FROM family").fetchone()
    return f"SMC-{year}-{last + 1:05d}"


def insert_family(
    conn: Connection, *, reference: str, arrangement: str, created_at: str, next_review_on: date
) -> int:
    cursor = conn.execute(
        "INSERT INTO family (reference, arrangement, created_at, next_review_on, last_used_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (reference, arrangement, created_at, next_review_on.isoformat(), created_at),
    )
    return int(cursor.lastrowid)


def insert_person(
    conn: Connection,
    family_id: int,
    *,
    kind: PersonKind,
    full_name: str,
    date_of_birth: date | None,
    needs: str,
    relationship: str,
    address: str,
    telephone: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO person (family_id, kind, full_name, date_of_birth, needs, relationship,"
        " address, telephone) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            family_id,
            kind.value,
            full_name,
            date_of_birth.isoformat() if date_of_birth else None,
            needs,
            relationship,
            address,
            telephone,
        ),
    )
    return int(cursor.lastrowid)


def insert_referral(
    conn: Connection,
    family_id: int,
    *,
    agency_kind: AgencyKind,
    agency_name: str,
    referrer_name: str,
    referrer_contact: str,
    referred_on: date,
    court_order_on_file: bool,
) -> int:
    cursor = conn.execute(
        "INSERT INTO referral (family_id, agency_kind, agency_name, referrer_name,"
        " referrer_contact, referred_on, court_order_on_file) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            family_id,
            agency_kind.value,
            agency_name,
            referrer_name,
            referrer_contact,
            referred_on.isoformat(),
            int(court_order_on_file),
        ),
    )
    return int(cursor.lastrowid)


def name_on_referral(conn: Connection, referral_id: int, person_id: int) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO referral_named_person (referral_id, person_id) VALUES (?, ?)",
        (referral_id, person_id),
    )


def reference_of(conn: Connection, family_id: int) -> str:
    row = conn.execute("SELECT reference FROM family WHERE id = ?", (family_id,)).fetchone()
    return str(row[0]) if row else f"family {family_id}"


def family_exists(conn: Connection, family_id: int) -> bool:
    return conn.execute("SELECT 1 FROM family WHERE id = ?", (family_id,)).fetchone() is not None


def get_family(conn: Connection, family_id: int) -> Family | None:
    row = conn.execute(
        "SELECT id, reference, status, arrangement, created_at, last_reviewed_on,"
        " next_review_on, version, arrangement_ends_on FROM family WHERE id = ?",
        (family_id,),
    ).fetchone()
    if row is None:
        return None
    people = tuple(
        Person(
            id=r[0],
            kind=PersonKind(r[1]),
            full_name=r[2],
            date_of_birth=_date(r[3]),
            needs=r[4],
            relationship=r[5],
            has_address=bool(r[6]),
            has_telephone=bool(r[7]),
            version=r[8],
        )
        for r in conn.execute(
            "SELECT id, kind, full_name, date_of_birth, needs, relationship,"
            " address != '', telephone != '', version FROM person WHERE family_id = ?"
            " ORDER BY kind = 'child', id",
            (family_id,),
        )
    )
    referral = None
    ref = conn.execute(
        "SELECT id, agency_kind, agency_name, referrer_name, referrer_contact, referred_on,"
        " court_order_on_file FROM referral WHERE family_id = ? ORDER BY referred_on DESC,"
        " id DESC LIMIT 1",
        (family_id,),
    ).fetchone()
    if ref is not None:
        named = frozenset(
            r[0]
            for r in conn.execute(
                "SELECT person_id FROM referral_named_person WHERE referral_id = ?", (ref[0],)
            )
        )
        referral = Referral(
            id=ref[0],
            agency_kind=AgencyKind(ref[1]),
            agency_name=ref[2],
            referrer_name=ref[3],
            referrer_contact=ref[4],
            referred_on=date.fromisoformat(ref[5]),
            court_order_on_file=bool(ref[6]),
            named_person_ids=named,
        )
    return Family(
        id=row[0],
        reference=row[1],
        status=row[2],
        arrangement=row[3],
        created_at=row[4],
        last_reviewed_on=_date(row[5]),
        next_review_on=_date(row[6]),
        version=row[7],
        people=people,
        referral=referral,
        arrangement_ends_on=_date(row[8]),
    )


def contact_details(conn: Connection, person_id: int) -> ContactDetails | None:
    row = conn.execute(
        "SELECT id, full_name, address, telephone FROM person WHERE id = ?", (person_id,)
    ).fetchone()
    return ContactDetails(*row) if row else None


def family_of_person(conn: Connection, person_id: int) -> int | None:
    row = conn.execute("SELECT family_id FROM person WHERE id = ?", (person_id,)).fetchone()
    return int(row[0]) if row else None


def update_family(
    conn: Connection, family_id: int, expected_version: int, *, arrangement: str
) -> bool:
    """False when someone else saved the family since it was read."""
    cursor = conn.execute(
        "UPDATE family SET arrangement = ?, version = version + 1 WHERE id = ? AND version = ?",
        (arrangement, family_id, expected_version),
    )
    return cursor.rowcount == 1


def set_arrangement_end(
    conn: Connection, family_id: int, expected_version: int, ends_on: date | None
) -> bool:
    cursor = conn.execute(
        "UPDATE family SET arrangement_ends_on = ?, version = version + 1"
        " WHERE id = ? AND version = ?",
        (ends_on.isoformat() if ends_on else None, family_id, expected_version),
    )
    return cursor.rowcount == 1


def record_review(
    conn: Connection, family_id: int, expected_version: int, on: date, next_on: date
) -> bool:
    """False when someone else saved the family since it was read."""
    cursor = conn.execute(
        "UPDATE family SET last_reviewed_on = ?, next_review_on = ?,"
        " version = version + 1 WHERE id = ? AND version = ?",
        (on.isoformat(), next_on.isoformat(), family_id, expected_version),
    )
    return cursor.rowcount == 1


def touch(conn: Connection, family_id: int, at: str) -> None:
    """The family was used now (viewed, changed, attended): retention counts from here."""
    conn.execute(
        "UPDATE family SET last_used_at = max(last_used_at, ?) WHERE id = ?", (at, family_id)
    )


def refresh_search_entry(conn: Connection, family_id: int) -> None:
    names = " ".join(
        r[0]
        for r in conn.execute(
            "SELECT full_name FROM person WHERE family_id = ? ORDER BY id", (family_id,)
        )
    )
    ref = conn.execute(
        "SELECT coalesce(agency_name || ' ' || referrer_name, '') FROM referral"
        " WHERE family_id = ? ORDER BY referred_on DESC, id DESC LIMIT 1",
        (family_id,),
    ).fetchone()
    conn.execute("DELETE FROM family_search WHERE rowid = ?", (search_key(family_id),))
    conn.execute(
        "INSERT INTO family_search (rowid, names, referrer) VALUES (?, ?, ?)",
        (search_key(family_id), names, ref[0] if ref else ""),
    )


def fts_query(text: str) -> str | None:
    """Every word typed must begin a word of the reference, a name or the referrer."""
    words = _WORD.findall(text)
    if not words:
        return None
    return " AND ".join(f'"{w}"*' for w in words[:8])


_REFERENCE = re.compile(r"^\s*(SMC|\d)", re.IGNORECASE)


def reference_prefix(text: str) -> str | None:
    """'smc-2024-12', '2024 0001' or '2024': the start of a reference, else None."""
    if not _REFERENCE.match(text):
        return None
    upper = text.strip().upper()
    rest = upper[3:] if upper.startswith("SMC") else upper
    return "-".join(["SMC", *_WORD.findall(rest)])


def _summaries(rows) -> list[FamilySummary]:
    return [
        FamilySummary(
            id=r[0],
            reference=r[1],
            status=r[2],
            names=r[3],
            referrer=r[4],
            next_review_on=_date(r[5]),
        )
        for r in rows
    ]


def with_people(conn: Connection, found: list[FamilySummary]) -> list[FamilySummary]:
    """The rows as the list shows them: each person's full name apart, and the newest
    referral's agency and person apart (two indexed look-ups for the few rows found)."""
    if not found:
        return found
    ids = [f.id for f in found]
    marks = ",".join("?" * len(ids))
    people: dict[int, list[str]] = {}
    for family_id, name in conn.execute(
        f"SELECT family_id, full_name FROM person WHERE family_id IN ({marks})"
        " ORDER BY family_id, id",
        ids,
    ):
        people.setdefault(family_id, []).append(name)
    referrers: dict[int, tuple[str, str]] = {}
    for family_id, agency, person in conn.execute(
        f"SELECT family_id, agency_name, referrer_name FROM referral"
        f" WHERE family_id IN ({marks}) ORDER BY referred_on, id",
        ids,
    ):
        referrers[family_id] = (agency, person)  # the newest comes last
    return [
        replace(
            f,
            people="; ".join(people.get(f.id, [])),
            agency=referrers.get(f.id, ("", ""))[0],
            referrer_name=referrers.get(f.id, ("", ""))[1],
        )
        for f in found
    ]


def search(conn: Connection, text: str, limit: int = 200) -> list[FamilySummary]:
    prefix = reference_prefix(text)
    query = fts_query(text)
    columns = (
        "SELECT f.id, f.reference, f.status, s.names, s.referrer, f.next_review_on"
        " FROM family f JOIN family_search s ON s.rowid = -f.id"
    )
    if prefix is not None:
        # Through the reference's own index, newest first.
        return _summaries(
            conn.execute(
                f"{columns} WHERE f.reference >= ? AND f.reference < ? ORDER BY f.reference DESC"
                " LIMIT ?",
                (prefix, prefix + "\uffff", limit),
            )
        )
    if query is None:
        return _summaries(conn.execute(f"{columns} ORDER BY f.last_used_at DESC LIMIT ?", (limit,)))
    # Newest families first, straight from the index in its own order (rowids are ids
    # negated): no sort of every match, so a one-letter search stays as quick as a full
    # reference. The few rows found are put in order here rather than by SQLite's
    # sorter, which allocates for every row (D78).
    found = _summaries(
        conn.execute(
            "SELECT f.id, f.reference, f.status, s.names, s.referrer, f.next_review_on"
            " FROM (SELECT rowid, names, referrer FROM family_search"
            "       WHERE family_search MATCH ? ORDER BY rowid LIMIT ?) s"
            " JOIN family f ON f.id = -s.rowid",
            (query, limit),
        )
    )
    return sorted(found, key=lambda summary: summary.id, reverse=True)
