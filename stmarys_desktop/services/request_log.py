"""Changing a request after it was recorded, each change with its reason (issue 20).

Every field of the request log may be put right: who asked, their agency, what they
asked for, when it arrived, about whom, consent, the reason for disclosing without
consent, and whether the person was told. Each change keeps what the field said, what it
says now, why, who and when; the audit log gets a row naming the fields, never their
values. The decision and its basis are the disclosure log's and change only through a
disclosure that answers the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from stmarys_desktop.domain.dates import long_date
from stmarys_desktop.domain.decisions import Decision
from stmarys_desktop.domain.disclosures import (
    ConsentSought,
    InfoRequest,
    RequestChange,
    RequestField,
    Told,
)
from stmarys_desktop.domain.errors import InvalidInput, NotFound
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.policy import request_log as rules
from stmarys_desktop.services import checks
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import disclosures as disclosure_store
from stmarys_desktop.store import families as family_store

# "Unchanged", for a field the edit leaves alone (None means "about the family").
KEEP = object()


@dataclass(frozen=True)
class RequestEdit:
    """The fields to change; each left as KEEP stays as it is."""

    received_on: date | object = KEEP
    requester_name: str | object = KEEP
    requester_agency: str | object = KEEP
    asked_for: str | object = KEEP
    about_person_id: int | object | None = KEEP
    consent: ConsentSought | str | object = KEEP
    without_consent_reason: str | object = KEEP
    told: Told | str | object = KEEP
    told_on: date | object | None = KEEP
    not_told_reason: str | object = KEEP


def received_on(request: InfoRequest) -> date:
    return datetime.fromisoformat(request.received_at).date()


def _day_words(day: date | None) -> str:
    return long_date(day)


def _told_words(told: Told, on: date | None, reason: str) -> str:
    if told is Told.YES:
        return f"{told.label} on {_day_words(on)}"
    if told is Told.NO:
        return f"{told.label}: {reason}"
    return told.label


def change_request(
    session: Session,
    request_id: int,
    edit: RequestEdit,
    *,
    reason: str,
    doing: str = "change a request for information",
) -> list[RequestChange]:
    """Change the fields `edit` names; refused, changing nothing, when the result breaks a
    rule of the request log or no reason is given. Returns the changes made."""
    session.require(Permission.DISCLOSE, doing)
    conn = session.centre.conn
    request = disclosure_store.get_request(conn, request_id)
    if request is None:
        raise NotFound("That request is not on the system.")
    today = session.centre.clock().date()

    def pick(value, current):
        return current if value is KEEP else value

    typed_name = pick(edit.requester_name, request.requester_name)
    name = checks.name(typed_name, "Who asked") if typed_name.strip() else ""
    agency = checks.free_text(
        pick(edit.requester_agency, request.requester_agency), "Their agency", 200
    )
    asked = checks.free_text(pick(edit.asked_for, request.asked_for), "What they asked for", 2000)
    received = pick(edit.received_on, received_on(request))
    about = pick(edit.about_person_id, request.about_person_id)
    try:
        consent = ConsentSought(pick(edit.consent, request.consent))
        told = Told(pick(edit.told, request.told))
    except ValueError:
        raise InvalidInput(
            "Choose the consent and whether they were told from the lists."
        ) from None
    without = checks.free_text(
        pick(edit.without_consent_reason, request.without_consent_reason),
        "The reason without consent",
        2000,
    )
    told_on = pick(
        edit.told_on,
        date.fromisoformat(request.subject_told_on) if request.subject_told_on else None,
    )
    not_told = checks.free_text(
        pick(edit.not_told_reason, request.not_told_reason), "Why they were not told", 500
    )
    if told is not Told.YES:
        told_on = None
    if told is not Told.NO:
        not_told = ""
    under_exception = rules.answered_under_exception(
        tuple((a.action, a.allowed) for a in request.answers)
    )
    entry = rules.Entry(
        name, asked, received, consent, without, told, told_on, not_told, under_exception
    )
    found = rules.problems(entry, today)
    if found:
        raise InvalidInput(" ".join(found))
    if about != request.about_person_id and request.family_id is not None:
        family = family_store.get_family(conn, request.family_id)
        people = {p.id: p.full_name for p in family.people} if family else {}
        if about is not None and about not in people:
            raise InvalidInput("Choose whom the request is about from this family.")
    else:
        people = {}
    old_told_on = date.fromisoformat(request.subject_told_on) if request.subject_told_on else None

    # (field, stored values, what it said, what it says now)
    changes: list[tuple[RequestField, tuple[object, ...], str, str]] = []
    if received != received_on(request):
        changes.append(
            (
                RequestField.RECEIVED_ON,
                (received.isoformat(),),
                _day_words(received_on(request)),
                _day_words(received),
            )
        )
    for field, new, old in (
        (RequestField.REQUESTER_NAME, name, request.requester_name),
        (RequestField.REQUESTER_AGENCY, agency, request.requester_agency),
        (RequestField.ASKED_FOR, asked, request.asked_for),
        (RequestField.WITHOUT_CONSENT_REASON, without, request.without_consent_reason),
    ):
        if new != old:
            changes.append((field, (new,), old, new))
    if about != request.about_person_id:
        changes.append(
            (
                RequestField.ABOUT_PERSON,
                (about,),
                request.about_words,
                people.get(about, "") if about is not None else "The family",
            )
        )
    if consent is not request.consent:
        changes.append(
            (RequestField.CONSENT, (consent.value,), request.consent.label, consent.label)
        )
    if (told, told_on, not_told) != (request.told, old_told_on, request.not_told_reason):
        changes.append(
            (
                RequestField.TOLD,
                (told.value, told_on.isoformat() if told_on else None, not_told),
                _told_words(request.told, old_told_on, request.not_told_reason),
                _told_words(told, told_on, not_told),
            )
        )
    why = checks.free_text(reason, "The reason for the change", 500)
    problem = rules.change_problem({c[0] for c in changes}, request.told, why)
    if problem:
        raise InvalidInput(problem)
    if not why:
        why = "Recorded after the request was logged."
    centre = session.centre
    with centre.transaction() as conn:
        now = centre.now()
        for field, values, was, said in changes:
            disclosure_store.change_request(
                conn,
                request_id,
                field,
                values,
                was=was,
                now=said,
                reason=why,
                changed_by=session.user_name,
                changed_at=now,
            )
        session.audit(
            action="request.change",
            subject=family_store.reference_of(conn, request.family_id) if request.family_id else "",
            detail=f"request {request_id}: " + ", ".join(c[0].value for c in changes),
        )
    return disclosure_store.request_changes(centre.conn, request_id)[-len(changes) :]


def request_changes(session: Session, request_id: int) -> list[RequestChange]:
    """The request's changes, oldest first, for those who read the request log."""
    session.require(Permission.VIEW_REQUEST_LOG, "see the request log")
    return disclosure_store.request_changes(session.centre.conn, request_id)


@dataclass(frozen=True)
class Offers:
    """What a screen offers on the request log, and why not: reading it, changing a
    request (and answering one) and printing it."""

    read: Decision
    change: Decision
    print: Decision


def offers(session: Session) -> Offers:
    return Offers(
        read=session.may(Permission.VIEW_REQUEST_LOG, "see the request log"),
        change=session.may(Permission.DISCLOSE, "change a request for information"),
        print=session.may(Permission.VIEW_REQUEST_LOG, "print the request log"),
    )
