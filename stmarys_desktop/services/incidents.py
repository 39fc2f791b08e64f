"""Incidents, concerns and the accident book (clause 4 and clause viii).

Anyone on duty records; a concern goes to the safeguarding lead, who confirms
it or not; a confirmed concern about a child's welfare or about physical
violence opens an exception on the family, which the policy layer reads.
Records are never edited or deleted: a correction is a new record that
supersedes the old one, and both stay in the chronology. The accident book
keeps a complete copy of every accident, numbered, for ever.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.clock import stamp
from stmarys_desktop.domain.decisions import Decision, allowed, refused
from stmarys_desktop.domain.errors import InvalidInput, NotFound
from stmarys_desktop.domain.incidents import (
    REFERRED_TO,
    AccidentEntry,
    BodyMark,
    ChronologyItem,
    FamilyException,
    Incident,
    IncidentDraft,
    IncidentKind,
    IncidentStatus,
    IncidentSummary,
)
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.policy.disclosure import Action
from stmarys_desktop.services import checks
from stmarys_desktop.services.disclosure import may_see_disclosure_history
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import accounts as account_store
from stmarys_desktop.store import disclosures as disclosure_store
from stmarys_desktop.store import families as family_store
from stmarys_desktop.store import incidents as incident_store
from stmarys_desktop.store import sessions as session_store


def _checked(session: Session, draft: IncidentDraft) -> IncidentDraft:
    kind = IncidentKind(draft.kind)
    seen = checks.free_text(draft.seen_and_heard, "What was seen and heard", 20_000)
    if not seen:
        raise InvalidInput("Describe what was seen and heard before saving.")
    now = session.centre.clock()
    try:
        when = draft.occurred_at if draft.occurred_at.tzinfo else draft.occurred_at.astimezone()
    except (ValueError, OverflowError, OSError):  # a date at the edge of the calendar
        raise InvalidInput("An incident cannot be recorded for a time in the future.") from None
    if when > now + timedelta(minutes=1):
        raise InvalidInput("An incident cannot be recorded for a time in the future.")
    if draft.referred_to not in REFERRED_TO:
        raise InvalidInput("Choose who it was referred to, or 'Not referred'.")
    marks = list(draft.body_map)
    if marks and not kind.has_body_map:
        raise InvalidInput("The body map is for concerns and accidents.")
    for mark in marks:
        if mark.side not in ("front", "back") or not (0 <= mark.x <= 1 and 0 <= mark.y <= 1):
            raise InvalidInput("A mark on the body map is outside the outline.")
    people = checks.free_text(draft.people_involved, "Who was involved", 2000)
    if kind is IncidentKind.ACCIDENT and not people:
        raise InvalidInput(
            "Write who was involved, with names as they are now: the accident "
            "book keeps them as written."
        )
    if draft.family_id is not None and not family_store.family_exists(
        session.centre.conn, draft.family_id
    ):
        raise InvalidInput("That family is no longer on the system.")
    return IncidentDraft(
        kind=kind,
        occurred_at=when,
        seen_and_heard=seen,
        family_id=draft.family_id,
        place=checks.free_text(draft.place, "Where it happened", 200),
        people_involved=people,
        injuries=checks.free_text(draft.injuries, "Injuries"),
        body_map=[
            BodyMark(m.side, m.x, m.y, checks.free_text(m.note, "A body map note", 200))
            for m in marks
        ],
        action_taken=checks.free_text(draft.action_taken, "Immediate action"),
        who_was_told=checks.free_text(draft.who_was_told, "Who was told, and when", 1000),
        referred_to=draft.referred_to,
        referral_reference=checks.free_text(draft.referral_reference, "The reference", 100),
        follow_up=checks.free_text(draft.follow_up, "Follow-up"),
    )


def _insert(
    session: Session,
    draft: IncidentDraft,
    *,
    status: IncidentStatus,
    supersedes: Incident | None = None,
) -> int:
    centre = session.centre
    conn = centre.conn
    incident_id = incident_store.insert_incident(
        conn,
        kind=draft.kind.value,
        family_id=draft.family_id,
        occurred_at=stamp(draft.occurred_at),
        place=draft.place,
        people_involved=draft.people_involved,
        seen_and_heard=draft.seen_and_heard,
        injuries=draft.injuries,
        body_map=draft.body_map,
        action_taken=draft.action_taken,
        who_was_told=draft.who_was_told,
        referred_to=draft.referred_to,
        referral_reference=draft.referral_reference,
        follow_up=draft.follow_up,
        recorded_by=session.user_name,
        recorded_at=centre.now(),
        status=status.value,
        supersedes_id=supersedes.id if supersedes else None,
        decided_by=supersedes.decided_by if supersedes else "",
        decided_at=supersedes.decided_at if supersedes else "",
        decision_note=supersedes.decision_note if supersedes else "",
    )
    if draft.kind is IncidentKind.ACCIDENT:
        incident_store.add_accident(
            conn,
            incident_id=incident_id,
            occurred_at=stamp(draft.occurred_at),
            place=draft.place,
            people=draft.people_involved,
            what_happened=draft.seen_and_heard,
            injuries=draft.injuries,
            action_taken=draft.action_taken,
            recorded_by=session.account.display_name,
            recorded_at=centre.now(),
            corrects_number=incident_store.accident_number_of(conn, supersedes.id)
            if supersedes
            else None,
        )
    if draft.family_id is not None:
        family_store.touch(conn, draft.family_id, centre.now())
    return incident_id


def record_incident(session: Session, draft: IncidentDraft) -> int:
    """Anyone on duty records; a concern is routed to the safeguarding lead."""
    session.require(Permission.RECORD_INCIDENT, "record an incident")
    checked = _checked(session, draft)
    status = (
        IncidentStatus.AWAITING_CONFIRMATION if checked.kind.is_concern else IncidentStatus.RECORDED
    )
    centre = session.centre
    with centre.transaction() as conn:
        incident_id = _insert(session, checked, status=status)
        session.audit(
            action="incident.record",
            subject=_reference(conn, checked.family_id),
            detail=f"incident {incident_id} ({checked.kind})"
            + ("; routed to the safeguarding lead" if checked.kind.is_concern else ""),
        )
    return incident_id


CONCERN_DETAILS_ONLY = (
    "Only the safeguarding lead and the manager see a concern's details; "
    "you can see that it exists and its status."
)
CONCERN_CORRECTION_ONLY = "Only the safeguarding lead and the manager correct a concern."


def _already_corrected(record: IncidentSummary | Incident) -> str:
    if record.superseded_by_id is None:
        return ""
    return (
        f"Record {record.id} has already been corrected by record "
        f"{record.superseded_by_id}; correct that one instead."
    )


@dataclass(frozen=True)
class RecordOffers:
    """What the incidents screen may offer this person for one record, and why not."""

    open: Decision
    correct: Decision
    chronology: Decision


CHOOSE_RECORD = "Choose a record in the list first."


def record_offers(session: Session, record: IncidentSummary | None) -> RecordOffers:
    """The record's buttons decided as `incident_details`, `correct_incident` and
    `chronology` would decide them (None: no record chosen); nothing is read or logged."""
    if record is None:
        choose = refused(CHOOSE_RECORD)
        return RecordOffers(choose, choose, choose)
    hidden = record.kind.is_concern and not session.can(Permission.VIEW_CONCERN_DETAILS)
    corrected = _already_corrected(record)
    return RecordOffers(
        open=refused(CONCERN_DETAILS_ONLY) if hidden else allowed(),
        correct=refused(CONCERN_CORRECTION_ONLY)
        if hidden
        else refused(corrected)
        if corrected
        else allowed(),
        chronology=refused("This record is not linked to a family.")
        if record.family_id is None
        else allowed(),
    )


@dataclass(frozen=True)
class QueueOffers:
    """What the concerns waiting for confirmation and the open exceptions offer this
    person, and why not, as `confirm_concern`, `decline_concern` and `close_exception`
    would decide it. `confirming` and `closing` are the person's standing (the lead's
    role), the lines under each list."""

    confirming: Decision
    closing: Decision
    # Confirm, decline and read the chosen concern: one answer for the three buttons.
    decide: Decision
    close: Decision


def _lead_only(decided: Decision, sentence: str) -> Decision:
    """A refusal on the person's roles in the lead's own words; one on their vetting as
    clause vi says it (they hold the role, so "only the lead" would not be why)."""
    if decided.allowed or decided.clause is Clause.VI:
        return decided
    return refused(sentence)


def queue_offers(
    session: Session, concern: IncidentSummary | None, exception: FamilyException | None
) -> QueueOffers:
    """The concerns' and exceptions' buttons for the chosen `concern` and `exception` (None
    when nothing is chosen); nothing is read or logged."""
    roles = session.account.roles_label or "none"
    confirming = _lead_only(
        session.may(Permission.CONFIRM_CONCERN, "confirm a concern"),
        f"Only the safeguarding lead confirms a concern (your roles: {roles}). "
        "Concerns waiting for them are listed here for them.",
    )
    closing = _lead_only(
        session.may(Permission.MANAGE_EXCEPTIONS, "close an exception"),
        f"Only the safeguarding lead closes an exception (your roles: {roles}).",
    )
    return QueueOffers(
        confirming=confirming,
        closing=closing,
        decide=confirming
        if not confirming.allowed
        else allowed()
        if concern is not None
        else refused("Choose a concern in the list first."),
        close=closing
        if not closing.allowed
        else allowed()
        if exception is not None
        else refused("Choose an exception in the list first."),
    )


def correct_incident(session: Session, incident_id: int, draft: IncidentDraft) -> int:
    """A new record that supersedes the old one; the old one stays in the chronology."""
    session.require(Permission.RECORD_INCIDENT, "correct an incident")
    old = _get(session, incident_id)
    corrected = _already_corrected(old)
    if corrected:
        raise InvalidInput(corrected)
    if old.kind.is_concern:
        session.require(Permission.VIEW_CONCERN_DETAILS, "correct a concern")
    checked = _checked(session, draft)
    if checked.kind is not old.kind:
        raise InvalidInput(
            "A correction keeps the kind of record; record a new incident "
            "if it was a different kind."
        )
    problem = correction_family_problem(old.family_id, checked.family_id)
    if problem:
        raise InvalidInput(problem)
    centre = session.centre
    with centre.transaction() as conn:
        new_id = _insert(session, checked, status=old.status, supersedes=old)
        linked = old.family_id is None and checked.family_id is not None
        session.audit(
            action="incident.correct",
            subject=_reference(conn, checked.family_id),
            detail=f"incident {new_id} supersedes incident {old.id}"
            + ("; now linked to the family" if linked else ""),
        )
    return new_id


def correction_family_problem(old_family_id: int | None, new_family_id: int | None) -> str | None:
    """Why a correction may not have this family, else None. A record made with no
    family may be linked to one (a concern must be, before it can be confirmed); a
    record never moves from one family to another, nor loses its family."""
    if old_family_id is None or new_family_id == old_family_id:
        return None
    return (
        "A correction stays with the same family. If the record was made against the "
        "wrong family, record a new incident for the right one and say so in a "
        "correction of this one."
    )


def _get(session: Session, incident_id: int) -> Incident:
    incident = incident_store.get_incident(session.centre.conn, incident_id)
    if incident is None:
        raise NotFound("That record is no longer on the system.")
    return incident


def _reference(conn, family_id: int | None) -> str:
    return family_store.reference_of(conn, family_id) if family_id is not None else ""


def incident_details(session: Session, incident_id: int) -> Incident:
    """The whole record. A concern's details only for the safeguarding lead and manager."""
    session.require(Permission.RECORD_INCIDENT, "see incidents")
    incident = _get(session, incident_id)
    if incident.kind.is_concern:
        session.require(Permission.VIEW_CONCERN_DETAILS, "see the details of a concern")
        session.audit(
            action="concern.view",
            subject=incident.family_reference,
            detail=f"incident {incident.id}",
        )
    return incident


def incident_list(session: Session, family_id: int | None = None) -> list[IncidentSummary]:
    session.require(Permission.RECORD_INCIDENT, "see incidents")
    return incident_store.summaries(session.centre.conn, family_id=family_id)


def awaiting_confirmation(session: Session) -> list[IncidentSummary]:
    session.require(Permission.CONFIRM_CONCERN, "see concerns awaiting confirmation")
    # A correction carries its concern's status; only the current record awaits a decision.
    return [
        s
        for s in incident_store.summaries(
            session.centre.conn, status=IncidentStatus.AWAITING_CONFIRMATION.value
        )
        if s.superseded_by_id is None
    ]


def confirm_concern(session: Session, incident_id: int, note: str = "") -> FamilyException:
    """The safeguarding lead confirms: an exception opens on the family (clause 4)."""
    session.require(Permission.CONFIRM_CONCERN, "confirm a concern")
    concern = _awaiting(session, incident_id)
    if concern.family_id is None:
        raise InvalidInput(
            "Link the concern to a family (record a correction) before "
            "confirming it: an exception belongs to a family."
        )
    centre = session.centre
    with centre.transaction() as conn:
        if not incident_store.decide(
            conn,
            concern.id,
            status="confirmed",
            decided_by=session.user_name,
            decided_at=centre.now(),
            note=checks.free_text(note, "The note", 2000),
        ):
            raise InvalidInput("This concern has already been decided.")
        exception_id = incident_store.open_exception(
            conn,
            family_id=concern.family_id,
            kind=concern.kind.exception_kind,
            incident_id=concern.id,
            confirmed_by=session.user_name,
            opened_at=centre.now(),
        )
        family_store.touch(conn, concern.family_id, centre.now())
        session.audit(
            action="concern.confirm",
            subject=concern.family_reference,
            detail=f"incident {concern.id}",
        )
        session.audit(
            action="exception.open",
            subject=concern.family_reference,
            detail=f"exception {exception_id} ({concern.kind.exception_kind}) "
            f"on incident {concern.id}",
        )
    return next(
        e
        for e in incident_store.exceptions(centre.conn, family_id=concern.family_id)
        if e.id == exception_id
    )


def decline_concern(session: Session, incident_id: int, note: str) -> None:
    session.require(Permission.CONFIRM_CONCERN, "decide on a concern")
    concern = _awaiting(session, incident_id)
    reason = checks.free_text(note, "The reason", 2000)
    if not reason:
        raise InvalidInput("Say why the concern is not confirmed.")
    centre = session.centre
    with centre.transaction() as conn:
        if not incident_store.decide(
            conn,
            concern.id,
            status="not_confirmed",
            decided_by=session.user_name,
            decided_at=centre.now(),
            note=reason,
        ):
            raise InvalidInput("This concern has already been decided.")
        session.audit(
            action="concern.not_confirmed",
            subject=concern.family_reference,
            detail=f"incident {concern.id}",
        )


def _awaiting(session: Session, incident_id: int) -> Incident:
    concern = _get(session, incident_id)
    if not concern.kind.is_concern:
        raise InvalidInput("Only concerns are confirmed by the safeguarding lead.")
    if concern.superseded_by_id is not None:
        raise InvalidInput(
            f"Record {concern.id} has been corrected; decide on record "
            f"{concern.superseded_by_id} instead."
        )
    if concern.status is not IncidentStatus.AWAITING_CONFIRMATION:
        raise InvalidInput("This concern has already been decided.")
    return concern


def close_exception(session: Session, exception_id: int, reason: str) -> None:
    """Closing an exception is a separate, recorded act."""
    session.require(Permission.MANAGE_EXCEPTIONS, "close an exception")
    text = checks.free_text(reason, "The reason", 2000)
    if not text:
        raise InvalidInput("Say why the exception is being closed.")
    centre = session.centre
    found = [e for e in incident_store.exceptions(centre.conn) if e.id == exception_id]
    if not found:
        raise NotFound("That exception is no longer on the system.")
    with centre.transaction() as conn:
        if not incident_store.close_exception(
            conn, exception_id, closed_by=session.user_name, closed_at=centre.now(), reason=text
        ):
            raise InvalidInput("This exception is already closed.")
        session.audit(
            action="exception.close",
            subject=found[0].family_reference,
            detail=f"exception {exception_id}",
        )


def family_exceptions(
    session: Session, family_id: int, open_only: bool = False
) -> list[FamilyException]:
    session.require(Permission.VIEW_FAMILIES, "see a family's exceptions")
    return incident_store.exceptions(session.centre.conn, family_id=family_id, open_only=open_only)


def open_exceptions(session: Session) -> list[FamilyException]:
    session.require(Permission.VIEW_FAMILIES, "see open exceptions")
    return incident_store.exceptions(session.centre.conn, open_only=True)


def accident_book(session: Session) -> list[AccidentEntry]:
    session.require(Permission.RECORD_INCIDENT, "read the accident book")
    return incident_store.accident_book(session.centre.conn)


ATTENDANCE_CHANGES = {
    "check_in": "check-in",
    "check_out": "check-out",
    "undo_check_in": "check-in undone",
    "undo_check_out": "check-out undone",
    "correction": "corrected",
}


def chronology(session: Session, family_id: int) -> list[ChronologyItem]:
    """Sessions, incidents, concerns, exceptions, consents and disclosures of one family,
    in time order. The disclosure log shows only to those who may see the disclosure
    history, and why an exception closed only to those who may see the concern behind it;
    anyone else sees that it closed."""
    session.require(Permission.VIEW_FAMILIES, "see a family's chronology")
    conn = session.centre.conn
    if not family_store.family_exists(conn, family_id):
        raise NotFound("That family is no longer on the system.")
    items = [
        ChronologyItem(
            f"{line.on_date.isoformat()}T{line.starts}",
            "session",
            f"Session {line.starts}-{line.ends}: {line.what_happened}",
        )
        for line in session_store.history(conn, family_id)
    ]
    items += [
        ChronologyItem(
            change.made_at,
            "attendance",
            f"Register, session of {change.on_date} {change.starts}: "
            f"{ATTENDANCE_CHANGES[change.action]}, {change.detail}, by "
            f"{change.made_by}" + (f". Reason: {change.reason}" if change.reason else ""),
        )
        for change in session_store.changes_of_family(conn, family_id)
    ]
    see_concerns = session.can(Permission.VIEW_CONCERN_DETAILS)
    people = {
        account.user_name: account.display_name for account in account_store.all_accounts(conn)
    }

    def named(user_name: str) -> str:
        return people.get(user_name, user_name)

    for summary in reversed(incident_store.summaries(conn, family_id=family_id, limit=10_000)):
        text = f"{summary.kind.label} (record {summary.id}): {summary.status.label}"
        if summary.supersedes_id:
            text += f"; corrects record {summary.supersedes_id}"
        if see_concerns or not summary.kind.is_concern:
            detail = incident_store.get_incident(conn, summary.id)
            if detail is not None:
                text += f". {detail.seen_and_heard[:200]}"
        items.append(
            ChronologyItem(
                summary.occurred_at,
                "concern" if summary.kind.is_concern else "incident",
                text,
                summary.superseded_by_id is not None,
            )
        )
    for exception in incident_store.exceptions(conn, family_id=family_id):
        items.append(
            ChronologyItem(
                exception.opened_at,
                "exception",
                f"{exception.label} by {named(exception.confirmed_by)}",
            )
        )
        if exception.closed_at:
            # The reason speaks of the concern behind the exception.
            closed = f"Exception {exception.id} closed by {named(exception.closed_by)}"
            if see_concerns:
                closed += f": {exception.close_reason}"
            items.append(ChronologyItem(exception.closed_at, "exception", closed))
    for consent in disclosure_store.consents(conn, family_id):
        covers = ", ".join(sorted(consent.items))
        items.append(
            ChronologyItem(
                consent.signed_on.isoformat(),
                "consent",
                f"Consent {consent.id}: {consent.given_by_name} to {consent.recipient} ({covers})",
            )
        )
        if consent.withdrawn_on:
            items.append(
                ChronologyItem(
                    consent.withdrawn_on.isoformat(),
                    "consent",
                    f"Consent {consent.id} withdrawn ({consent.withdrawn_how})",
                )
            )
    # The request log's entries and their changes, for those who read it (D316).
    if session.can(Permission.VIEW_REQUEST_LOG):
        items += _request_items(conn, family_id, named)
    # Who was told what, and on what basis, only for those who may read the log.
    entries = (
        disclosure_store.log_entries(conn, family_id=family_id, limit=10_000)
        if may_see_disclosure_history(session)
        else []
    )
    for entry in entries:
        outcome = "allowed" if entry.allowed else "refused"
        if entry.action == Action.INTERNAL_PRINTOUT.value:
            what = entry.recipient.removeprefix("internal: ")
            items.append(
                ChronologyItem(
                    entry.at,
                    "disclosure",
                    f"Printed for use inside the centre only: {what}, by "
                    f"{named(entry.actor)} (clause {entry.clause})",
                )
            )
            continue
        items.append(
            ChronologyItem(
                entry.at,
                "disclosure",
                f"Disclosure {outcome}: {Action(entry.action).label} to "
                f"{entry.recipient} (clause {entry.clause}; "
                f"{entry.basis or 'refused'})",
            )
        )
    return sorted(items, key=lambda item: item.at)


def _request_items(conn, family_id: int, named) -> list[ChronologyItem]:
    items = []
    for request in disclosure_store.requests(conn, family_id):
        who = request.requester_name + (
            f" ({request.requester_agency})" if request.requester_agency else ""
        )
        items.append(
            ChronologyItem(
                request.received_at,
                "request",
                f"Request {request.id} for information from {who}: {request.asked_for}. About: "
                f"{request.about_words}. Consent: {request.consent.label.lower()}. Told "
                f"afterwards: {request.told_words.lower()}. Recorded by "
                f"{request.recorded_by_name}",
            )
        )
        for change in disclosure_store.request_changes(conn, request.id):
            items.append(
                ChronologyItem(
                    change.changed_at,
                    "request",
                    f"Request {request.id} changed by {named(change.changed_by)}: "
                    f"{change.field.label} was {change.was or '(blank)'}, now "
                    f"{change.now or '(blank)'}. Reason: {change.reason}",
                )
            )
    return items


def working_days_after(day: date, count: int) -> date:
    moved = day
    while count:
        moved += timedelta(days=1)
        if moved.weekday() < 5:
            count -= 1
    return moved


def overdue_references(session: Session, today: date) -> list[IncidentSummary]:
    """Referred to Children's Services or the police, no reference after two working days."""
    return [
        s
        for s in incident_store.referred_without_reference(session.centre.conn)
        if working_days_after(datetime.fromisoformat(s.occurred_at).date(), 2) < today
    ]
