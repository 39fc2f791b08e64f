"""Queries on policy documents, their versions and reviews, and the acknowledgement register.

Who has not acknowledged a version is answered with counts plus the first
few names, each group in one indexed pass, so it stays quick on a centre of
50,000 families.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from stmarys_desktop.domain.families import PersonKind
from stmarys_desktop.domain.policy_documents import (
    Acknowledgement,
    DocumentKind,
    Group,
    HowAcknowledged,
    Outstanding,
    PolicyReview,
    PolicyVersion,
    RuleMapRow,
)
from stmarys_desktop.store.database import Connection
from stmarys_desktop.store.rows import build, column, value

# Staff who still work at the centre, or are about to (clause ix names staff).
STAFF_STATUSES = ("active", "applicant", "suspended")
_STAFF_IN = "('active', 'applicant', 'suspended')"

_VERSION_COLUMNS = (
    "v.id, d.kind, v.number, v.body, v.effective_on, v.review_due_on,"
    # Who published it by the account's full name, not the login (issue 18, item 5).
    " coalesce((SELECT a.display_name FROM account a WHERE a.user_name = v.published_by),"
    " v.published_by), v.published_at, v.note"
)


def _detail(group: Group, text: str) -> str:
    """A staff role, "SMC-2026-00012, resident parent", or an agency, in plain words."""
    if group is Group.PARENT and ", " in text:
        reference, kind = text.rsplit(", ", 1)
        return f"{reference}, {PersonKind(kind).label.lower()}"
    return text.replace("_", " ") if group is Group.STAFF else text


def _version(columns: tuple) -> PolicyVersion:
    """_VERSION_COLUMNS are PolicyVersion's fields in order."""
    return build(
        PolicyVersion,
        columns,
        document=DocumentKind,
        effective_on=date.fromisoformat,
        review_due_on=date.fromisoformat,
    )


# -- documents and versions -----------------------------------------------------------------


def document_id(conn: Connection, kind: DocumentKind) -> int | None:
    found = value(conn, "SELECT id FROM policy_document WHERE kind = ?", (kind.value,))
    return int(found) if found is not None else None


def kinds(conn: Connection) -> list[DocumentKind]:
    return [
        DocumentKind(kind)
        for kind in column(
            conn, "SELECT kind FROM policy_document ORDER BY kind != 'confidentiality', id"
        )
    ]


def insert_document(conn: Connection, kind: DocumentKind, created_at: str) -> int:
    cursor = conn.execute(
        "INSERT INTO policy_document (kind, created_at) VALUES (?, ?)", (kind.value, created_at)
    )
    return int(cursor.lastrowid)


def insert_version(
    conn: Connection,
    document_id: int,
    *,
    number: int,
    text: str,
    effective_on: date,
    review_due_on: date,
    published_by: str,
    published_at: str,
    note: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO policy_version (document_id, number, body, effective_on, review_due_on,"
        " published_by, published_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            document_id,
            number,
            text,
            effective_on.isoformat(),
            review_due_on.isoformat(),
            published_by,
            published_at,
            note,
        ),
    )
    return int(cursor.lastrowid)


def latest_version(conn: Connection, kind: DocumentKind) -> PolicyVersion | None:
    found = conn.execute(
        f"SELECT {_VERSION_COLUMNS} FROM policy_version v"
        " JOIN policy_document d ON d.id = v.document_id WHERE d.kind = ?"
        " ORDER BY v.number DESC LIMIT 1",
        (kind.value,),
    ).fetchone()
    return _version(found) if found else None


def versions(conn: Connection, kind: DocumentKind) -> list[PolicyVersion]:
    """Newest first."""
    return [
        _version(columns)
        for columns in conn.execute(
            f"SELECT {_VERSION_COLUMNS} FROM policy_version v"
            " JOIN policy_document d ON d.id = v.document_id WHERE d.kind = ?"
            " ORDER BY v.number DESC",
            (kind.value,),
        )
    ]


def version_by_number(conn: Connection, kind: DocumentKind, number: int) -> PolicyVersion | None:
    found = conn.execute(
        f"SELECT {_VERSION_COLUMNS} FROM policy_version v"
        " JOIN policy_document d ON d.id = v.document_id WHERE d.kind = ? AND v.number = ?",
        (kind.value, number),
    ).fetchone()
    return _version(found) if found else None


# -- the rule map (issue 20) ----------------------------------------------------------------


def insert_rule_map(
    conn: Connection, version_id: int, rows: list[RuleMapRow], *, mapped_by: str, mapped_at: str
) -> None:
    conn.executemany(
        "INSERT INTO policy_rule_map (version_id, rule, passage_index, label, passage,"
        " mapped_by, mapped_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (version_id, row.rule, row.passage_index, row.label, row.passage, mapped_by, mapped_at)
            for row in rows
        ],
    )


def rule_map_rows(conn: Connection, version_id: int) -> list[RuleMapRow]:
    """The stored map of a version; empty for a version published before maps."""
    return [
        RuleMapRow(*columns)
        for columns in conn.execute(
            "SELECT rule, passage_index, label, passage FROM policy_rule_map WHERE version_id = ?",
            (version_id,),
        )
    ]


def rule_map_recorded(conn: Connection, version_id: int) -> tuple[str, str] | None:
    """(who mapped the rules, when), or None."""
    found = conn.execute(
        "SELECT mapped_by, mapped_at FROM policy_rule_map WHERE version_id = ? LIMIT 1",
        (version_id,),
    ).fetchone()
    if found is None:
        return None
    mapped_by, mapped_at = found
    return mapped_by, mapped_at


# -- reviews ----------------------------------------------------------------------------


def insert_review(
    conn: Connection,
    version_id: int,
    *,
    reviewed_on: date,
    reviewed_by: str,
    changes: str,
    recorded_by: str,
    recorded_at: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO policy_review (version_id, reviewed_on, reviewed_by, changes, recorded_by,"
        " recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        (version_id, reviewed_on.isoformat(), reviewed_by, changes, recorded_by, recorded_at),
    )
    return int(cursor.lastrowid)


def reviews(conn: Connection, kind: DocumentKind) -> list[PolicyReview]:
    """Every review of every version of the document, newest first."""
    return [
        PolicyReview(
            id=review_id,
            document=kind,
            version_number=number,
            reviewed_on=date.fromisoformat(reviewed_on),
            reviewed_by=reviewed_by,
            changes=changes,
            recorded_by=recorded_by,
            recorded_at=recorded_at,
        )
        for (
            review_id,
            number,
            reviewed_on,
            reviewed_by,
            changes,
            recorded_by,
            recorded_at,
        ) in conn.execute(
            "SELECT r.id, v.number, r.reviewed_on, r.reviewed_by, r.changes, r.recorded_by,"
            " r.recorded_at FROM policy_review r"
            " JOIN policy_version v ON v.id = r.version_id"
            " JOIN policy_document d ON d.id = v.document_id WHERE d.kind = ?"
            " ORDER BY r.reviewed_on DESC, r.id DESC",
            (kind.value,),
        )
    ]


def last_review_on(conn: Connection, version_id: int) -> date | None:
    last = value(
        conn, "SELECT max(reviewed_on) FROM policy_review WHERE version_id = ?", (version_id,)
    )
    return date.fromisoformat(last) if last else None


# -- who is who ---------------------------------------------------------------------------


class StaffWho(NamedTuple):
    full_name: str
    centre_role: str
    status: str


class AdultWho(NamedTuple):
    full_name: str
    kind: str
    family_id: int
    family_reference: str


def staff_member(conn: Connection, staff_id: int) -> StaffWho | None:
    found = conn.execute(
        "SELECT full_name, centre_role, status FROM staff WHERE id = ?", (staff_id,)
    ).fetchone()
    return StaffWho(*found) if found else None


def adult(conn: Connection, person_id: int) -> AdultWho | None:
    """An adult of a family and which family; None for a child."""
    found = conn.execute(
        "SELECT p.full_name, p.kind, p.family_id, f.reference FROM person p"
        " JOIN family f ON f.id = p.family_id WHERE p.id = ? AND p.kind != 'child'",
        (person_id,),
    ).fetchone()
    return AdultWho(*found) if found else None


# -- acknowledgements -------------------------------------------------------------------


def insert_acknowledgement(
    conn: Connection,
    version_id: int,
    group: Group,
    *,
    staff_id: int | None,
    person_id: int | None,
    referrer_name: str,
    agency: str,
    acknowledged_on: date,
    how: HowAcknowledged,
    kept_at: str,
    recorded_by: str,
    recorded_at: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO policy_acknowledgement (version_id, grp, staff_id, person_id,"
        " referrer_name, agency, acknowledged_on, how, kept_at, recorded_by, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            version_id,
            group.value,
            staff_id,
            person_id,
            referrer_name,
            agency,
            acknowledged_on.isoformat(),
            how.value,
            kept_at,
            recorded_by,
            recorded_at,
        ),
    )
    return int(cursor.lastrowid)


def already_acknowledged(
    conn: Connection,
    version_id: int,
    group: Group,
    *,
    staff_id: int | None = None,
    person_id: int | None = None,
    referrer_name: str = "",
    agency: str = "",
) -> bool:
    if group is Group.STAFF:
        sql, args = "staff_id = ?", (staff_id,)
    elif group is Group.PARENT:
        sql, args = "person_id = ?", (person_id,)
    else:
        sql = "grp = 'referrer' AND referrer_name = ? COLLATE NOCASE AND agency = ? COLLATE NOCASE"
        args = (referrer_name, agency)
    row = conn.execute(
        f"SELECT 1 FROM policy_acknowledgement WHERE version_id = ? AND {sql}", (version_id, *args)
    ).fetchone()
    return row is not None


def acknowledgements(
    conn: Connection, version_id: int, limit: int, ack_id: int | None = None
) -> list[Acknowledgement]:
    """The register for one version, newest first (or the one row `ack_id`)."""
    rows = conn.execute(
        "SELECT a.id, v.number, a.grp, coalesce(s.full_name, p.full_name, a.referrer_name),"
        " CASE a.grp WHEN 'staff' THEN s.centre_role"
        " WHEN 'parent' THEN f.reference || ', ' || p.kind"
        " ELSE a.agency END, a.acknowledged_on, a.how, a.kept_at, a.recorded_by, a.recorded_at"
        " FROM policy_acknowledgement a JOIN policy_version v ON v.id = a.version_id"
        " LEFT JOIN staff s ON s.id = a.staff_id"
        " LEFT JOIN person p ON p.id = a.person_id LEFT JOIN family f ON f.id = p.family_id"
        " WHERE a.version_id = ? AND (? IS NULL OR a.id = ?)"
        " ORDER BY a.acknowledged_on DESC, a.id DESC LIMIT ?",
        (version_id, ack_id, ack_id, limit),
    )
    return [
        Acknowledgement(
            id=ack,
            version_number=number,
            group=Group(group),
            name=name or "",
            detail=_detail(Group(group), detail or ""),
            acknowledged_on=date.fromisoformat(acknowledged_on),
            how=HowAcknowledged(how),
            kept_at=kept_at,
            recorded_by=recorded_by,
            recorded_at=recorded_at,
        )
        for (
            ack,
            number,
            group,
            name,
            detail,
            acknowledged_on,
            how,
            kept_at,
            recorded_by,
            recorded_at,
        ) in rows
    ]


def staff_acknowledged_on(conn: Connection, version_id: int) -> dict[int, date]:
    """When each member of staff acknowledged a version: one query for the whole staff list,
    on the (version, staff) index, however many people are asked about."""
    return {
        int(staff_id): date.fromisoformat(acknowledged_on)
        for staff_id, acknowledged_on in conn.execute(
            "SELECT staff_id, acknowledged_on FROM policy_acknowledgement"
            " WHERE version_id = ? AND staff_id IS NOT NULL",
            (version_id,),
        )
    }


def acknowledgement_count(conn: Connection, version_id: int) -> int:
    (count,) = conn.execute(
        "SELECT count(*) FROM policy_acknowledgement WHERE version_id = ?", (version_id,)
    ).fetchone()
    return int(count)


# -- who has not acknowledged -------------------------------------------------------------


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def staff_outstanding(
    conn: Connection, version_id: int, limit: int, name_contains: str = ""
) -> tuple[int, int, list[Outstanding]]:
    """(staff in post, how many of them have not acknowledged, the first `limit` of those)."""
    (total,) = conn.execute(f"SELECT count(*) FROM staff WHERE status IN {_STAFF_IN}").fetchone()
    where = (
        f" FROM staff s WHERE s.status IN {_STAFF_IN} AND NOT EXISTS (SELECT 1 FROM"
        " policy_acknowledgement a WHERE a.version_id = ? AND a.staff_id = s.id)"
    )
    (outstanding,) = conn.execute("SELECT count(*)" + where, (version_id,)).fetchone()
    args: tuple = (version_id,)
    if name_contains:
        where += " AND s.full_name LIKE ? ESCAPE '\\'"
        args += (_like(name_contains),)
    rows = conn.execute(
        "SELECT s.id, s.full_name, s.centre_role, s.status"
        + where
        + " ORDER BY s.full_name LIMIT ?",
        (*args, limit),
    )
    listed = [
        Outstanding(
            Group.STAFF,
            name,
            role.replace("_", " ") + ("" if status == "active" else f" ({status})"),
            staff_id=staff_id,
        )
        for staff_id, name, role, status in rows
    ]
    return int(total), int(outstanding), listed


_ADULTS = (
    " FROM person p JOIN family f ON f.id = p.family_id"
    " WHERE f.status = 'active' AND p.kind != 'child'"
)


def parents_outstanding(
    conn: Connection, version_id: int, limit: int, name_contains: str = ""
) -> tuple[int, int, list[Outstanding]]:
    """Adults of active families; the newest families are listed first."""
    (total,) = conn.execute("SELECT count(*)" + _ADULTS).fetchone()
    (done,) = conn.execute(
        "SELECT count(*) FROM policy_acknowledgement a JOIN person p ON p.id = a.person_id"
        " JOIN family f ON f.id = p.family_id"
        " WHERE a.version_id = ? AND a.person_id IS NOT NULL AND f.status = 'active'",
        (version_id,),
    ).fetchone()
    where = _ADULTS + (
        " AND NOT EXISTS (SELECT 1 FROM policy_acknowledgement a"
        " WHERE a.version_id = ? AND a.person_id = p.id)"
    )
    args: tuple = (version_id,)
    if name_contains:
        where += " AND p.full_name LIKE ? ESCAPE '\\'"
        args += (_like(name_contains),)
    rows = conn.execute(
        "SELECT p.id, p.full_name, p.kind, f.reference" + where + " ORDER BY p.id DESC LIMIT ?",
        (*args, limit),
    )
    listed = [
        Outstanding(
            Group.PARENT,
            name,
            f"{reference}, {PersonKind(kind).label.lower()}",
            person_id=person_id,
        )
        for person_id, name, kind, reference in rows
    ]
    return int(total), int(total) - int(done), listed


_REFERRERS = (
    " FROM referral r JOIN family f ON f.id = r.family_id"
    " WHERE f.status = 'active' AND r.agency_kind != 'self'"
)


def referrers_outstanding(
    conn: Connection, version_id: int, limit: int, name_contains: str = ""
) -> tuple[int, int, list[Outstanding]]:
    """Each referrer (name and agency, as on the referrals of active families) once.

    The referrals are read in one pass and matched against the (few)
    acknowledgements here, rather than by a subquery per referrer.
    """
    signed = {
        (name.casefold(), agency.casefold())
        for name, agency in conn.execute(
            "SELECT referrer_name, agency FROM policy_acknowledgement"
            " WHERE version_id = ? AND grp = 'referrer'",
            (version_id,),
        )
    }
    # Deduplicated here, whatever the case it was typed in: quicker than DISTINCT.
    referrers: dict[tuple[str, str], tuple[str, str]] = {}
    for agency, name in conn.execute("SELECT r.agency_name, r.referrer_name" + _REFERRERS):
        referrers.setdefault((name.casefold(), agency.casefold()), (agency, name))
    everyone = sorted(referrers.values(), key=lambda pair: (pair[0].casefold(), pair[1].casefold()))
    pending = [
        (agency, name)
        for agency, name in everyone
        if (name.casefold(), agency.casefold()) not in signed
    ]
    wanted = name_contains.casefold()
    listed = [
        Outstanding(Group.REFERRER, name, agency, agency=agency)
        for agency, name in pending
        if not wanted or wanted in name.casefold() or wanted in agency.casefold()
    ]
    return len(everyone), len(pending), listed[:limit]


def staff_outstanding_count(conn: Connection, version_id: int) -> tuple[int, int]:
    """(staff in post, not yet acknowledged): cheap enough for the start screen."""
    in_post, outstanding = conn.execute(
        f"SELECT count(*), sum(NOT EXISTS (SELECT 1 FROM policy_acknowledgement a"
        " WHERE a.version_id = ? AND a.staff_id = s.id))"
        f" FROM staff s WHERE s.status IN {_STAFF_IN}",
        (version_id,),
    ).fetchone()
    return int(in_post), int(outstanding or 0)
