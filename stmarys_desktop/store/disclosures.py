"""Queries on consents, agreements, requests for information and the disclosure log."""

from __future__ import annotations

from datetime import date

from stmarys_desktop.domain.disclosures import Agreement, Consent, DisclosureEntry, InfoRequest
from stmarys_desktop.store.database import Connection


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def insert_consent(
    conn: Connection,
    *,
    family_id: int,
    given_by: int,
    recipient: str,
    recipient_kind: str,
    items: frozenset[str],
    signed_on: date,
    paper_kept_at: str,
    expires_on: date | None,
    recorded_by: str,
    recorded_at: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO consent (family_id, given_by, recipient, recipient_kind, items, signed_on,"
        " paper_kept_at, expires_on, recorded_by, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            family_id,
            given_by,
            recipient,
            recipient_kind,
            ",".join(sorted(items)),
            signed_on.isoformat(),
            paper_kept_at,
            expires_on.isoformat() if expires_on else None,
            recorded_by,
            recorded_at,
        ),
    )
    return int(cursor.lastrowid)


def withdraw_consent(conn: Connection, consent_id: int, on: date, how: str) -> bool:
    cursor = conn.execute(
        "UPDATE consent SET withdrawn_on = ?, withdrawn_how = ? WHERE id = ?"
        " AND withdrawn_on IS NULL",
        (on.isoformat(), how, consent_id),
    )
    return cursor.rowcount == 1


def consents(conn: Connection, family_id: int) -> list[Consent]:
    return [
        Consent(
            id=consent_id,
            family_id=family,
            given_by=given_by,
            given_by_name=given_by_name,
            recipient=recipient,
            recipient_kind=recipient_kind,
            items=frozenset(filter(None, items.split(","))),
            signed_on=date.fromisoformat(signed_on),
            paper_kept_at=paper_kept_at,
            expires_on=_day(expires_on),
            withdrawn_on=_day(withdrawn_on),
            withdrawn_how=withdrawn_how,
        )
        for (
            consent_id,
            family,
            given_by,
            given_by_name,
            recipient,
            recipient_kind,
            items,
            signed_on,
            paper_kept_at,
            expires_on,
            withdrawn_on,
            withdrawn_how,
        ) in conn.execute(
            "SELECT c.id, c.family_id, c.given_by, p.full_name, c.recipient,"
            " c.recipient_kind, c.items, c.signed_on, c.paper_kept_at, c.expires_on,"
            " c.withdrawn_on, c.withdrawn_how FROM consent c"
            " JOIN person p ON p.id = c.given_by WHERE c.family_id = ? ORDER BY c.id",
            (family_id,),
        )
    ]


def insert_agreement(
    conn: Connection,
    *,
    agency: str,
    family_id: int | None,
    valid_from: date,
    valid_to: date,
    paper_kept_at: str,
    recorded_by: str,
    recorded_at: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO agreement (agency, family_id, valid_from, valid_to, paper_kept_at,"
        " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            agency,
            family_id,
            valid_from.isoformat(),
            valid_to.isoformat(),
            paper_kept_at,
            recorded_by,
            recorded_at,
        ),
    )
    return int(cursor.lastrowid)


def agreements(conn: Connection, family_id: int | None = None) -> list[Agreement]:
    """Agreements for this family and general ones (all of them when family_id is None)."""
    sql = "SELECT id, agency, family_id, valid_from, valid_to, paper_kept_at FROM agreement"
    params: tuple = ()
    if family_id is not None:
        sql += " WHERE family_id IS NULL OR family_id = ?"
        params = (family_id,)
    return [
        Agreement(
            agreement_id,
            agency,
            family,
            date.fromisoformat(valid_from),
            date.fromisoformat(valid_to),
            paper_kept_at,
        )
        for agreement_id, agency, family, valid_from, valid_to, paper_kept_at in conn.execute(
            sql + " ORDER BY id", params
        )
    ]


def insert_request(
    conn: Connection,
    *,
    received_at: str,
    requester_name: str,
    requester_agency: str,
    asked_for: str,
    family_id: int | None,
    about_person_id: int | None,
    consent_sought: str,
    recorded_by: str,
) -> int:
    cursor = conn.execute(
        "INSERT INTO info_request (received_at, requester_name, requester_agency, asked_for,"
        " family_id, about_person_id, consent_sought, recorded_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            received_at,
            requester_name,
            requester_agency,
            asked_for,
            family_id,
            about_person_id,
            consent_sought,
            recorded_by,
        ),
    )
    return int(cursor.lastrowid)


def settle_request(
    conn: Connection, request_id: int, *, decision: str, basis: str, without_consent_reason: str
) -> None:
    conn.execute(
        "UPDATE info_request SET decision = ?, basis = ?, without_consent_reason = ? WHERE id = ?",
        (decision, basis, without_consent_reason, request_id),
    )


def subject_told(
    conn: Connection, request_id: int, *, told: str, on: date | None, reason: str
) -> bool:
    cursor = conn.execute(
        "UPDATE info_request SET subject_told = ?, subject_told_on = ?, not_told_reason = ?"
        " WHERE id = ?",
        (told, on.isoformat() if on else None, reason, request_id),
    )
    return cursor.rowcount == 1


def requests(conn: Connection, family_id: int | None = None) -> list[InfoRequest]:
    sql = (
        "SELECT id, received_at, requester_name, requester_agency, asked_for, family_id,"
        " about_person_id, consent_sought, decision, basis, without_consent_reason,"
        " subject_told, subject_told_on, not_told_reason FROM info_request"
    )
    params: tuple = ()
    if family_id is not None:
        sql += " WHERE family_id = ?"
        params = (family_id,)
    return [InfoRequest(*r) for r in conn.execute(sql + " ORDER BY id", params)]


def log_attempt(
    conn: Connection,
    *,
    at: str,
    actor: str,
    action: str,
    family_id: int | None,
    family_reference: str,
    about_person_id: int | None,
    recipient: str,
    recipient_kind: str,
    items: str,
    allowed: bool,
    clause: str,
    basis: str,
    sentence: str,
    info_request_id: int | None,
) -> int:
    cursor = conn.execute(
        "INSERT INTO disclosure_log (at, actor, action, family_id, family_reference,"
        " about_person_id, recipient, recipient_kind, items, allowed, clause, basis, sentence,"
        " info_request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            at,
            actor,
            action,
            family_id,
            family_reference,
            about_person_id,
            recipient,
            recipient_kind,
            items,
            int(allowed),
            clause,
            basis,
            sentence,
            info_request_id,
        ),
    )
    return int(cursor.lastrowid)


def log_entries(
    conn: Connection,
    *,
    family_id: int | None = None,
    allowed: bool | None = None,
    limit: int = 1000,
) -> list[DisclosureEntry]:
    where: list[str] = []
    params: list[object] = []
    if family_id is not None:
        where.append("d.family_id = ?")
        params.append(family_id)
    if allowed is not None:
        where.append("d.allowed = ?")
        params.append(int(allowed))
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    return [
        DisclosureEntry(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            family_reference=family_reference,
            recipient=recipient,
            items=items,
            allowed=bool(allowed),
            clause=clause_value,
            basis=basis,
            sentence=sentence,
            about_person=about_person or "",
            recipient_kind=recipient_kind,
        )
        for (
            seq,
            at,
            actor,
            action,
            family_reference,
            recipient,
            items,
            allowed,
            clause_value,
            basis,
            sentence,
            about_person,
            recipient_kind,
        ) in conn.execute(
            # Who acted, by full name rather than login (issue 18); a removed account's login.
            "SELECT d.seq, d.at, coalesce((SELECT a.display_name FROM account a"
            " WHERE a.user_name = d.actor), d.actor), d.action, d.family_reference, d.recipient,"
            " d.items, d.allowed, d.clause, d.basis, d.sentence, p.full_name, d.recipient_kind"
            " FROM disclosure_log d LEFT JOIN person p ON p.id = d.about_person_id"
            f"{clause} ORDER BY d.seq DESC LIMIT ?",
            (*params, limit),
        )
    ]
