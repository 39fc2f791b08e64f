"""Queries on consents, agreements, requests for information and the disclosure log."""

from __future__ import annotations

from datetime import date

from stmarys_desktop.domain.disclosures import (
    Agreement,
    Consent,
    ConsentSought,
    DisclosureEntry,
    InfoRequest,
    RequestAnswer,
    RequestChange,
    RequestField,
)
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
    recorded_at: str = "",
) -> int:
    cursor = conn.execute(
        "INSERT INTO info_request (received_at, requester_name, requester_agency, asked_for,"
        " family_id, about_person_id, consent_sought, recorded_by, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            received_at,
            requester_name,
            requester_agency,
            asked_for,
            family_id,
            about_person_id,
            consent_sought,
            recorded_by,
            recorded_at or received_at,
        ),
    )
    return int(cursor.lastrowid)


def settle_request(
    conn: Connection, request_id: int, *, decision: str, basis: str, without_consent_reason: str
) -> None:
    """The decision and basis of the disclosure that answers it; a reason for going
    without consent is kept once typed (an empty one leaves it)."""
    conn.execute(
        "UPDATE info_request SET decision = ?, basis = ?,"
        " without_consent_reason = CASE WHEN ? = '' THEN without_consent_reason ELSE ? END"
        " WHERE id = ?",
        (decision, basis, without_consent_reason, without_consent_reason, request_id),
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


# The columns each changeable field is kept in (issue 20).
_FIELD_COLUMNS = {
    RequestField.RECEIVED_ON: ("received_at",),
    RequestField.REQUESTER_NAME: ("requester_name",),
    RequestField.REQUESTER_AGENCY: ("requester_agency",),
    RequestField.ASKED_FOR: ("asked_for",),
    RequestField.ABOUT_PERSON: ("about_person_id",),
    RequestField.CONSENT: ("consent_sought",),
    RequestField.WITHOUT_CONSENT_REASON: ("without_consent_reason",),
    RequestField.TOLD: ("subject_told", "subject_told_on", "not_told_reason"),
}


def change_request(
    conn: Connection,
    request_id: int,
    field: RequestField,
    values: tuple[object, ...],
    *,
    was: str,
    now: str,
    reason: str,
    changed_by: str,
    changed_at: str,
) -> None:
    """One field set to `values` (its columns in `_FIELD_COLUMNS` order), and the change
    kept: what it said and says now, in words, why, who and when."""
    columns = _FIELD_COLUMNS[field]
    if len(values) != len(columns):
        raise ValueError(f"{field} takes {len(columns)} values")
    assignments = ", ".join(f"{column} = ?" for column in columns)
    conn.execute(f"UPDATE info_request SET {assignments} WHERE id = ?", (*values, request_id))
    conn.execute(
        "INSERT INTO info_request_change (request_id, field, was, now, reason, changed_by,"
        " changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (request_id, field.value, was, now, reason, changed_by, changed_at),
    )


def _change(
    id: int,
    request_id: int,
    field: str,
    was: str,
    now: str,
    reason: str,
    changed_by: str,
    changed_by_name: str,
    changed_at: str,
) -> RequestChange:
    return RequestChange(
        id,
        request_id,
        RequestField(field),
        was,
        now,
        reason,
        changed_by,
        changed_by_name,
        changed_at,
    )


def request_changes(conn: Connection, request_id: int) -> list[RequestChange]:
    """Every change to the request, oldest first, naming who made it."""
    return [
        _change(*row)
        for row in conn.execute(
            "SELECT c.id, c.request_id, c.field, c.was, c.now, c.reason, c.changed_by,"
            " coalesce((SELECT a.display_name FROM account a WHERE a.user_name = c.changed_by),"
            " c.changed_by), c.changed_at FROM info_request_change c WHERE c.request_id = ?"
            " ORDER BY c.id",
            (request_id,),
        )
    ]


def _answers(conn: Connection, family_id: int | None) -> dict[int, list[RequestAnswer]]:
    sql = (
        "SELECT info_request_id, seq, at, action, recipient, allowed FROM disclosure_log"
        " WHERE info_request_id IS NOT NULL"
    )
    params: tuple = ()
    if family_id is not None:
        sql += " AND family_id = ?"
        params = (family_id,)
    found: dict[int, list[RequestAnswer]] = {}
    for request_id, seq, at, action, recipient, allowed in conn.execute(
        sql + " ORDER BY seq", params
    ):
        found.setdefault(request_id, []).append(
            RequestAnswer(seq, at, action, recipient, bool(allowed))
        )
    return found


def _request(
    answers: dict[int, list[RequestAnswer]],
    id: int,
    received_at: str,
    requester_name: str,
    requester_agency: str,
    asked_for: str,
    family_id: int | None,
    about_person_id: int | None,
    consent_sought: str,
    decision: str,
    basis: str,
    without_consent_reason: str,
    subject_told: str,
    subject_told_on: str | None,
    not_told_reason: str,
    recorded_by: str,
    recorded_by_name: str,
    recorded_at: str,
    family_reference: str | None,
    about_person: str | None,
) -> InfoRequest:
    return InfoRequest(
        id=id,
        received_at=received_at,
        requester_name=requester_name,
        requester_agency=requester_agency,
        asked_for=asked_for,
        family_id=family_id,
        about_person_id=about_person_id,
        consent_sought=ConsentSought(consent_sought),
        decision=decision,
        basis=basis,
        without_consent_reason=without_consent_reason,
        subject_told=subject_told,
        subject_told_on=subject_told_on,
        not_told_reason=not_told_reason,
        recorded_by=recorded_by,
        recorded_by_name=recorded_by_name,
        recorded_at=recorded_at,
        family_reference=family_reference or "",
        about_person=about_person or "",
        answers=tuple(answers.get(id, ())),
    )


def requests(
    conn: Connection, family_id: int | None = None, request_id: int | None = None
) -> list[InfoRequest]:
    """The request log, oldest first: the family's (or one request) when asked, with the
    names of whom it is about and who recorded it, and the disclosures answering each."""
    where: list[str] = []
    params: list[object] = []
    if family_id is not None:
        where.append("r.family_id = ?")
        params.append(family_id)
    if request_id is not None:
        where.append("r.id = ?")
        params.append(request_id)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    answers = _answers(conn, family_id)
    return [
        _request(answers, *row)
        for row in conn.execute(
            "SELECT r.id, r.received_at, r.requester_name, r.requester_agency, r.asked_for,"
            " r.family_id, r.about_person_id, r.consent_sought, r.decision, r.basis,"
            " r.without_consent_reason, r.subject_told, r.subject_told_on, r.not_told_reason,"
            " r.recorded_by, coalesce((SELECT a.display_name FROM account a"
            " WHERE a.user_name = r.recorded_by), r.recorded_by), r.recorded_at, f.reference,"
            " p.full_name FROM info_request r LEFT JOIN family f ON f.id = r.family_id"
            f" LEFT JOIN person p ON p.id = r.about_person_id{clause} ORDER BY r.id",
            params,
        )
    ]


def get_request(conn: Connection, request_id: int) -> InfoRequest | None:
    found = requests(conn, request_id=request_id)
    return found[0] if found else None


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
