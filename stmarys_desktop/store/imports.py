"""What an import looks up before it adds anything: records already on the system that a
row may name (a family's reference, a member of staff) or may duplicate."""

from __future__ import annotations

from stmarys_desktop.store.database import Connection


def family_ids_by_reference(conn: Connection) -> dict[str, int]:
    """Every family's reference (upper case) and its id."""
    return {ref.upper(): fid for fid, ref in conn.execute("SELECT id, reference FROM family")}


def children(conn: Connection) -> dict[tuple[str, str], str]:
    """(child's name folded, date of birth as ISO) -> the reference of their family."""
    return {
        (" ".join(name.split()).casefold(), born): ref
        for name, born, ref in conn.execute(
            "SELECT p.full_name, p.date_of_birth, f.reference FROM person p"
            " JOIN family f ON f.id = p.family_id WHERE p.kind = 'child'"
            " AND p.date_of_birth IS NOT NULL"
        )
    }


def staff_by_name(conn: Connection) -> dict[str, int]:
    """Staff who have not left, by name folded (the newest record of a name wins)."""
    return {
        " ".join(name.split()).casefold(): sid
        for sid, name in conn.execute(
            "SELECT id, full_name FROM staff WHERE status != 'left' ORDER BY id"
        )
    }


def next_ids(conn: Connection) -> tuple[int, int, int]:
    """The ids the next family, referral and person added will get (an import's preview
    stands its families in with them)."""
    family, referral, person = conn.execute(
        "SELECT (SELECT coalesce(max(id), 0) FROM family), (SELECT coalesce(max(id), 0) FROM"
        " referral), (SELECT coalesce(max(id), 0) FROM person)"
    ).fetchone()
    return int(family) + 1, int(referral) + 1, int(person) + 1
