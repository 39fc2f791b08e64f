"""The audit chain: an append-only table where each row's HMAC covers the row
and the HMAC before it, so an edited, removed or reordered row is found.

Triggers refuse UPDATE and DELETE; the newest sequence number and HMAC are
also kept in the sealed keystore (the anchor), so cutting rows off the end is
found too. The HMAC key was derived from the database key when the centre was
made and is kept inside the encrypted database, so rotating the database key
leaves the chain verifiable (docs/decisions.md, D4).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass

from stmarys_desktop.store.database import Connection
from stmarys_desktop.store.rows import column, value

GENESIS = "0" * 64
TRIGGERS = ("audit_refuses_update", "audit_refuses_delete")


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    subject: str
    detail: str
    outcome: str
    prev_hmac: str
    hmac: str


def row_hmac(
    key: bytes,
    seq: int,
    at: str,
    actor: str,
    action: str,
    subject: str,
    detail: str,
    outcome: str,
    prev_hmac: str,
) -> str:
    message = json.dumps(
        [seq, at, actor, action, subject, detail, outcome, prev_hmac],
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def tail(conn: Connection) -> tuple[int, str]:
    last = conn.execute("SELECT seq, hmac FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    if last is None:
        return 0, GENESIS
    seq, mac = last
    return int(seq), str(mac)


def append(
    conn: Connection,
    key: bytes,
    *,
    at: str,
    actor: str,
    action: str,
    subject: str = "",
    detail: str = "",
    outcome: str = "done",
) -> tuple[int, str]:
    """Add one row; call inside the transaction that makes the change it records."""
    last_seq, last_hmac = tail(conn)
    seq = last_seq + 1
    mac = row_hmac(key, seq, at, actor, action, subject, detail, outcome, last_hmac)
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, subject, detail, outcome, prev_hmac, hmac)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action, subject, detail, outcome, last_hmac, mac),
    )
    return seq, mac


def entries(
    conn: Connection, *, newest_first: bool = False, limit: int | None = None
) -> Iterator[AuditEntry]:
    order = "DESC" if newest_first else "ASC"
    sql = (
        "SELECT seq, at, actor, action, subject, detail, outcome, prev_hmac, hmac"
        f" FROM audit ORDER BY seq {order}"
    )
    params: tuple[int, ...] = ()
    if limit is not None:
        sql += " LIMIT ?"
        params = (limit,)
    for row in conn.execute(sql, params):
        yield AuditEntry(*row)


def _missing(first: int, last: int) -> str:
    if first == last:
        return f"Audit row {first} is missing."
    return f"Audit rows {first} to {last} are missing."


def chain_problems(conn: Connection, key: bytes, anchor: tuple[int, str]) -> list[str]:
    """Every way the chain fails to hold, each a sentence naming the row."""
    problems: list[str] = []
    expected_prev = GENESIS
    expected_seq = 1
    last_seq = 0
    macs: dict[int, str] = {}
    anchor_seq, anchor_hmac = anchor
    for entry in entries(conn):
        if entry.seq != expected_seq:
            problems.append(
                _missing(expected_seq, entry.seq - 1)
                if entry.seq > expected_seq
                else f"Audit row {entry.seq} is out of order."
            )
        if entry.prev_hmac != expected_prev:
            problems.append(f"Audit row {entry.seq} does not follow the row before it.")
        recomputed = row_hmac(
            key,
            entry.seq,
            entry.at,
            entry.actor,
            entry.action,
            entry.subject,
            entry.detail,
            entry.outcome,
            entry.prev_hmac,
        )
        if not hmac.compare_digest(recomputed, entry.hmac):
            problems.append(f"Audit row {entry.seq} has been altered.")
        if entry.seq == anchor_seq:
            macs[entry.seq] = entry.hmac
        expected_prev = entry.hmac
        expected_seq = entry.seq + 1
        last_seq = entry.seq
    if anchor_seq > last_seq:
        problems.append(_cut(last_seq, anchor_seq))
    elif anchor_seq and macs.get(anchor_seq) != anchor_hmac:
        problems.append(_differs(anchor_seq))
    return problems


def _cut(last_seq: int, anchor_seq: int) -> str:
    return (
        f"The audit log ends at row {last_seq} but row {anchor_seq} was written: "
        "rows have been cut from the end."
    )


def _differs(anchor_seq: int) -> str:
    return f"Audit row {anchor_seq} does not match the copy kept in the key file."


def hmac_of(conn: Connection, seq: int) -> str | None:
    mac = value(conn, "SELECT hmac FROM audit WHERE seq = ?", (seq,))
    return str(mac) if mac is not None else None


def anchor_problem(conn: Connection, anchor: tuple[int, str]) -> str | None:
    """The cheap check (two indexed reads): is the row the anchor names still there, and
    the same? A sentence when not; None when it holds (or nothing was anchored yet)."""
    anchor_seq, anchor_hmac = anchor
    if not anchor_seq:
        return None
    found = hmac_of(conn, anchor_seq)
    if found is None:
        last_seq, _ = tail(conn)
        return (
            _cut(last_seq, anchor_seq)
            if last_seq < anchor_seq
            else f"Audit row {anchor_seq}, the last the key file recorded, is missing."
        )
    if not hmac.compare_digest(found, anchor_hmac):
        return _differs(anchor_seq)
    return None


def trigger_problems(conn: Connection) -> list[str]:
    present = set(
        column(conn, "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit'")
    )
    return [
        f"The audit log's protection ({name}) has been removed."
        for name in TRIGGERS
        if name not in present
    ]
