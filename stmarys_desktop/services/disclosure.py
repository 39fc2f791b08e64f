"""Everything that leaves the centre goes through here (DESIGN.md section 2).

Each outbound action asks `policy.decide`, writes the attempt to the
disclosure log and the audit log (allowed or refused), and only then returns
what may go out. Buttons ask `decision_for`, which decides without logging,
so that a refused action is shown disabled with its clause and reason.

A document that goes out on paper or as a file (an attendance letter) is
decided first and logged as sent only once `deliver` has printed or saved
it: a cancelled save logs nothing as sent (D103). A refusal, on the policy's
grounds or the person's roles, is logged at once (D102).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TypeVar

from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.disclosures import (
    Agreement,
    AttendanceLetter,
    Consent,
    ConsentForm,
    ConsentSought,
    DisclosureEntry,
    InfoRequest,
    ProceedingsReply,
    RequestField,
    RequestLogPrintout,
    Told,
)
from stmarys_desktop.domain.errors import (
    InvalidInput,
    NotFound,
    PermissionRefused,
    StMarysError,
)
from stmarys_desktop.domain.families import ContactDetails
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.policy import request_log as request_rules
from stmarys_desktop.policy.disclosure import (
    CONTACT_ITEMS,
    SHARE_ITEMS,
    Action,
    AgreementFact,
    AuthorityFact,
    ConsentFact,
    Decision,
    ExceptionFact,
    Facts,
    Recipient,
    RecipientKind,
    Request,
    decide,
)
from stmarys_desktop.services import checks, request_log
from stmarys_desktop.services import policy_documents as policy_in_force
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import authorities as authority_store
from stmarys_desktop.store import disclosures as disclosure_store
from stmarys_desktop.store import families as family_store
from stmarys_desktop.store import incidents as incident_store
from stmarys_desktop.store import sessions as session_store

ACTION_PERMISSION = {
    Action.ATTENDANCE_LETTER: Permission.DISCLOSE,
    Action.CONTACT_DETAILS: Permission.DISCLOSE,
    Action.SHARE_WITH_AUTHORITIES: Permission.MANAGE_EXCEPTIONS,
    Action.PROCEEDINGS_REPORT: Permission.DISCLOSE,
    Action.ASSESSMENT_ON_PREMISES: Permission.BOOK_SESSIONS,
    Action.INTERNAL_PRINTOUT: Permission.VIEW_FAMILIES,
    Action.EXPORT: Permission.VIEW_FAMILIES,
}


class DisclosureRefused(StMarysError):
    """The policy refused; the message names the clause and what is missing."""

    def __init__(self, decision: Decision) -> None:
        super().__init__(decision.reason)
        self.decision = decision


def _day(stamp_text: str) -> date:
    return datetime.fromisoformat(stamp_text).date()


def facts_for(session: Session, family_id: int) -> Facts:
    """Every record the policy rests on for this family, as plain facts."""
    conn = session.centre.conn
    family = family_store.get_family(conn, family_id)
    if family is None:
        raise NotFound("That family is no longer on the system.")
    return Facts(
        today=session.centre.clock().date(),
        family_id=family_id,
        referrer=family.referral.agency_name if family.referral else None,
        adults={p.id: p.full_name for p in family.adults},
        consents=tuple(
            ConsentFact(
                c.id, c.given_by, c.recipient, c.items, c.signed_on, c.expires_on, c.withdrawn_on
            )
            for c in disclosure_store.consents(conn, family_id)
        ),
        exceptions=tuple(
            ExceptionFact(
                e.id, e.kind, _day(e.opened_at), _day(e.closed_at) if e.closed_at else None
            )
            for e in incident_store.exceptions(conn, family_id=family_id)
        ),
        agreements=tuple(
            AgreementFact(a.id, a.agency, a.family_id, a.valid_from, a.valid_to)
            for a in disclosure_store.agreements(conn, family_id)
        ),
        authorities=tuple(
            AuthorityFact(a.id, a.name, RecipientKind(a.kind)) for a in authority_store.listed(conn)
        ),
        members=tuple(p.full_name for p in family.people),
    )


def decision_for(session: Session, family_id: int, request: Request) -> Decision:
    """What the policy says, for showing a button enabled or disabled; nothing is logged."""
    return decisions_for(session, family_id, [request])[0]


def decisions_for(session: Session, family_id: int, requests: Sequence[Request]) -> list[Decision]:
    """`decision_for` for each request, on one reading of the family's facts (a screen
    asks about every button at once)."""
    facts = facts_for(session, family_id)
    labels = policy_in_force.clause_labels(session)
    return [_judged(session, request, facts, labels) for request in requests]


def _judged(
    session: Session, request: Request, facts: Facts, labels: dict[Clause, str]
) -> Decision:
    """The policy's decision, cited as the version in force numbers it (issue 20), or the
    person's roles refusing it in the one sentence pattern every refusal uses ("You
    cannot <do it>: ...", D106)."""
    decision = _cited(decide(request, facts), labels)
    refusal = session.refusal(ACTION_PERMISSION[request.action], request.action.doing)
    if refusal:
        return Decision(False, decision.clause, refusal, cited_as=decision.cited_as)
    return decision


def share_decision(session: Session, family_id: int) -> Decision:
    """Whether "Share with Children's Services / police" may be offered: an open exception,
    an authority on the list and the safeguarding lead's permission. Nothing is logged."""
    recipients = [
        Recipient(a.name, RecipientKind(a.kind), a.id)
        for a in authority_store.listed(session.centre.conn)
    ]
    answers = decisions_for(
        session,
        family_id,
        [
            Request(Action.SHARE_WITH_AUTHORITIES, recipient, items=frozenset({"concern"}))
            for recipient in recipients or [Recipient("", RecipientKind.CHILDRENS_SERVICES)]
        ],
    )
    return next((d for d in answers if d.allowed), answers[0])


@dataclass(frozen=True)
class FamilyOffers:
    """What the disclosures screen may offer this person for one family, and why not: one
    decision per action, and whether they may keep the records the policy rests on or log
    a request. The screen renders these; it asks nothing of the policy itself."""

    actions: dict[Action, Decision]
    keep_records: Decision  # record consents and agreements
    log_requests: Decision
    consents: list[Consent]
    agreements: list[Agreement]


NO_CONSENT = (
    "There is no written consent on file from either parent to pass on their contact details."
)
NO_AGREEMENT = (
    "No agreement on file allows any agency to carry out family assessments on the premises."
)


def offers(session: Session, family_id: int) -> FamilyOffers:
    """Every action of the disclosures screen decided on one reading of the family's
    records; nothing is logged. Contact details are offered when some adult's consent in
    force allows them (one question per consent on file; under an exception, details go
    through the share), an assessment when some agreement does."""
    on_file = consents(session, family_id)
    agreements = agreements_for(session, family_id)
    facts = facts_for(session, family_id)
    labels = policy_in_force.clause_labels(session)

    def judged(requests: list[Request]) -> list[Decision]:
        return [_judged(session, request, facts, labels) for request in requests]

    def first_allowed(decisions: list[Decision], none_asked: Decision) -> Decision:
        """The first that allows, else the first refusal (its reason is the one to
        show), else what to say when there was nothing to ask."""
        return next((d for d in decisions if d.allowed), decisions[0] if decisions else none_asked)

    (letter, report) = judged(
        [
            Request(
                Action.ATTENDANCE_LETTER,
                Recipient(facts.referrer or "(none)", RecipientKind.AGENCY),
            ),
            Request(Action.PROCEEDINGS_REPORT, Recipient("anyone", RecipientKind.AGENCY)),
        ]
    )
    contact = judged(
        [
            Request(
                Action.CONTACT_DETAILS,
                Recipient(c.recipient, RecipientKind(c.recipient_kind)),
                c.given_by,
                frozenset({"address"}),
            )
            for c in on_file
        ]
    )
    assessment = judged(
        [
            Request(Action.ASSESSMENT_ON_PREMISES, Recipient(a.agency, RecipientKind.AGENCY))
            for a in agreements
        ]
    )
    keeps = session.can(Permission.MANAGE_CONSENTS)
    return FamilyOffers(
        actions={
            Action.ATTENDANCE_LETTER: letter,
            Action.CONTACT_DETAILS: first_allowed(
                contact, _cited(Decision(False, Clause.IV, NO_CONSENT), labels)
            ),
            Action.SHARE_WITH_AUTHORITIES: share_decision(session, family_id),
            Action.PROCEEDINGS_REPORT: report,
            Action.ASSESSMENT_ON_PREMISES: first_allowed(
                assessment, _cited(Decision(False, Clause.V, NO_AGREEMENT), labels)
            ),
        },
        keep_records=Decision(
            keeps,
            None,
            "" if keeps else "Your roles do not allow recording consents or agreements.",
        ),
        log_requests=session.may(Permission.DISCLOSE, "record a request"),
        consents=on_file,
        agreements=agreements,
    )


def _cited(decision: Decision, labels: dict[Clause, str]) -> Decision:
    """The decision with its clause named as the version in force numbers it (issue 20)."""
    return replace(decision, cited_as=labels.get(decision.clause, decision.clause.title))


def attempt(
    session: Session,
    family_id: int,
    request: Request,
    *,
    info_request_id: int | None = None,
    details: str = "",
    without_consent_reason: str = "",
) -> Decision:
    """Decide, and write the attempt to the disclosure log and the audit log. A refusal on
    the person's roles is logged too, then raised as PermissionRefused (D102)."""
    _check_answers(session, family_id, info_request_id)
    decision = _judged(
        session, request, facts_for(session, family_id), policy_in_force.clause_labels(session)
    )
    _log(
        session,
        family_id,
        request,
        decision,
        info_request_id=info_request_id,
        details=details,
        without_consent_reason=without_consent_reason,
    )
    _refused_by_roles(session, request)
    return decision


def _refused_by_roles(session: Session, request: Request) -> None:
    refusal = session.refusal(ACTION_PERMISSION[request.action], request.action.doing)
    if refusal:
        raise PermissionRefused(refusal)


def _log(
    session: Session,
    family_id: int,
    request: Request,
    decision: Decision,
    *,
    info_request_id: int | None,
    details: str = "",
    without_consent_reason: str = "",
) -> None:
    """One attempt in the disclosure log and the audit log. A refused attempt keeps the
    request's categories, never what was typed as the details (D104). The request it
    answers takes its decision and basis, and the reason typed for going without consent
    (D314)."""
    items = ",".join(sorted(request.items))
    if decision.allowed and details:
        items = f"{items}; {details}" if items else details
    centre = session.centre
    with centre.transaction() as conn:
        reference = family_store.reference_of(conn, family_id)
        disclosure_store.log_attempt(
            conn,
            at=centre.now(),
            actor=session.user_name,
            action=request.action.value,
            family_id=family_id,
            family_reference=reference,
            about_person_id=request.about_person,
            recipient=request.recipient.name,
            recipient_kind=request.recipient.kind.value,
            items=items,
            allowed=decision.allowed,
            clause=decision.clause.value,
            basis=decision.grounds,
            sentence=decision.sentence,
            info_request_id=info_request_id,
        )
        if info_request_id is not None:
            _settle(session, conn, info_request_id, decision, without_consent_reason)
        if decision.allowed:
            family_store.touch(conn, family_id, centre.now())
        about = f"about person #{request.about_person}; " if request.about_person else ""
        session.audit(
            action=f"disclosure.{request.action.value}",
            subject=reference,
            outcome="done" if decision.allowed else "refused",
            detail=f"{about}to {request.recipient.kind.value}: "
            f"{decision.grounds or decision.label}",
        )


def _check_answers(session: Session, family_id: int, info_request_id: int | None) -> None:
    """The request a disclosure answers is one of this family's (D313), checked before
    anything is decided or logged."""
    if info_request_id is None:
        return
    request = disclosure_store.get_request(session.centre.conn, info_request_id)
    if request is None:
        raise NotFound("That request is not on the system.")
    problem = request_rules.answer_problem(request.family_id, family_id)
    if problem:
        raise InvalidInput(problem)


def _settle(
    session: Session, conn, request_id: int, decision: Decision, without_consent_reason: str
) -> None:
    """The answered request takes the decision and its basis (once given, it stays given);
    a disclosure resting on a written consent shows that consent was obtained, kept as a
    change with its reason."""
    request = disclosure_store.get_request(conn, request_id)
    assert request is not None
    if request_rules.settles(request.decision, decision.allowed):
        disclosure_store.settle_request(
            conn,
            request_id,
            decision="given" if decision.allowed else "refused",
            basis=decision.grounds or decision.label,
            without_consent_reason=without_consent_reason if decision.allowed else "",
        )
    shown = request_rules.consent_shown_by(decision.grounds, request.consent)
    if decision.allowed and shown is not None:
        disclosure_store.change_request(
            conn,
            request_id,
            RequestField.CONSENT,
            (shown.value,),
            was=request.consent.label,
            now=shown.label,
            reason=f"The disclosure answering it rested on {decision.grounds} on file.",
            changed_by=session.user_name,
            changed_at=session.centre.now(),
        )


def _decided_first(
    session: Session, family_id: int, request: Request, *, info_request_id: int | None
) -> Decision:
    """For a document that goes out only once printed or saved: a refusal is logged and
    raised now; an allowed decision is returned unlogged, for `_log` after delivery."""
    _check_answers(session, family_id, info_request_id)
    decision = _judged(
        session, request, facts_for(session, family_id), policy_in_force.clause_labels(session)
    )
    if not decision.allowed:
        _log(session, family_id, request, decision, info_request_id=info_request_id)
        _refused_by_roles(session, request)
        _must(decision)
    return decision


T = TypeVar("T")
# Prints or saves the document; False when the person cancelled and nothing went out.
Deliver = Callable[[T], bool]


def _must(decision: Decision) -> None:
    if not decision.allowed:
        raise DisclosureRefused(decision)


def _recipient(name: str, kind: RecipientKind | str) -> Recipient:
    return Recipient(checks.name(name, "The recipient"), RecipientKind(kind))


# -- the actions -------------------------------------------------------------------------


def attendance_letter(
    session: Session,
    family_id: int,
    recipient: str,
    *,
    deliver: Deliver[AttendanceLetter],
    since: date | None = None,
    info_request_id: int | None = None,
) -> AttendanceLetter | None:
    """Clause iii. Logged as sent once `deliver` printed or saved it; None if cancelled."""
    who = _recipient(recipient, RecipientKind.AGENCY)
    request = Request(Action.ATTENDANCE_LETTER, who)
    decision = _decided_first(session, family_id, request, info_request_id=info_request_id)
    conn = session.centre.conn
    today = session.centre.clock().date()
    lines = [
        line
        for line in session_store.history(conn, family_id)
        if line.on_date <= today and (since is None or line.on_date >= since)
    ]
    letter = AttendanceLetter(
        session.centre_name,
        family_store.reference_of(conn, family_id),
        who.name,
        today,
        tuple(reversed(lines)),
        policy_says=policy_in_force.citation(session, Clause.III).sentence,
    )
    if not deliver(letter):
        return None
    _log(session, family_id, request, decision, info_request_id=info_request_id)
    return letter


def disclose_contact_details(
    session: Session,
    family_id: int,
    person_id: int,
    recipient: str,
    kind: RecipientKind | str,
    items: frozenset[str] = CONTACT_ITEMS,
    *,
    info_request_id: int | None = None,
) -> ContactDetails:
    """Clause iv: only with that adult's written consent naming the recipient. Under an
    exception, details go to the authorities through `share_with_authorities` only."""
    if not items or not items <= CONTACT_ITEMS:
        raise InvalidInput("Choose the address, the telephone, or both.")
    request = Request(Action.CONTACT_DETAILS, _recipient(recipient, kind), person_id, items)
    _must(attempt(session, family_id, request, info_request_id=info_request_id))
    return _contact_details(session, person_id, items)


def _contact_details(session: Session, person_id: int, items: frozenset[str]) -> ContactDetails:
    details = family_store.contact_details(session.centre.conn, person_id)
    assert details is not None
    return ContactDetails(
        details.person_id,
        details.full_name,
        details.address if "address" in items else "",
        details.telephone if "telephone" in items else "",
    )


@dataclass(frozen=True)
class Shared:
    """What a share under an exception allowed, and a parent's contact details when they
    were part of it (for the safeguarding lead to pass on)."""

    decision: Decision
    contact_details: ContactDetails | None


def share_with_authorities(
    session: Session,
    family_id: int,
    authority_id: int,
    items: Iterable[str],
    what_was_shared: str,
    their_reference: str = "",
    *,
    about_person: int | None = None,
    info_request_id: int | None = None,
    without_consent_reason: str = "",
) -> Shared:
    """Clause 4, the one route for everything that goes out under an exception (D101):
    to an authority on the centre's list, with the safeguarding lead's permission, and
    recorded with what was shared and the authority's reference. In answer to a request
    whose consent was not obtained, the reason it goes without consent is typed (D314)."""
    chosen = frozenset(items)
    what = checks.free_text(what_was_shared, "What was shared", 5000)
    if not what:
        raise InvalidInput("Write what was shared.")
    reference = checks.free_text(their_reference, "Their reference", 100)
    reason = checks.free_text(without_consent_reason, "The reason without consent", 2000)
    _check_answers(session, family_id, info_request_id)
    if info_request_id is not None:
        answered = disclosure_store.get_request(session.centre.conn, info_request_id)
        assert answered is not None
        if request_rules.without_consent(answered.consent, under_exception=True) and not reason:
            raise InvalidInput(
                f"Consent for request {info_request_id} is "
                f"{answered.consent.label.lower()}: write the reason this goes without "
                "the person's consent."
            )
    authority = authority_store.get(session.centre.conn, authority_id)
    recipient = (
        Recipient(authority.name, RecipientKind(authority.kind), authority.id)
        if authority
        else Recipient(f"authority #{authority_id}", RecipientKind.CHILDRENS_SERVICES, authority_id)
    )
    request = Request(Action.SHARE_WITH_AUTHORITIES, recipient, about_person, chosen)
    decision = attempt(
        session,
        family_id,
        request,
        info_request_id=info_request_id,
        details=f"what was shared: {what}; their reference: {reference or 'not given yet'}",
        without_consent_reason=reason,
    )
    _must(decision)
    contact = chosen & CONTACT_ITEMS
    return Shared(
        decision,
        _contact_details(session, about_person, contact)
        if contact and about_person is not None
        else None,
    )


def share_items() -> dict[str, str]:
    """What may be shared under an exception, by category, as the form lists it."""
    return dict(SHARE_ITEMS)


# What a request for a report asks for, in the request log.
REPORT_ASKED_FOR = "A verbal or written report for family proceedings"


def request_proceedings_report(
    session: Session,
    family_id: int,
    requester: str,
    kind: RecipientKind | str = RecipientKind.AGENCY,
    *,
    agency: str = "",
    deliver: Deliver[ProceedingsReply] | None = None,
    info_request_id: int | None = None,
) -> ProceedingsReply:
    """Always refused (clause ii); the refusal is logged and a reply is prepared. The
    refusal is logged whatever happens to the reply (the request was made); the reply is
    recorded as sent only once `deliver` printed or saved it (D103). A request for a report
    is a request for information: unless it answers one already in the request log, it is
    recorded there now, by whoever may record requests (D317). `requester` is who asked;
    with their `agency`, the person asked for that agency: the log keeps the two apart,
    the refusal is logged as to the agency and the reply is addressed to both (D393)."""
    their_agency = checks.free_text(agency, "Their agency", 200)
    who = (
        _recipient(their_agency, RecipientKind.AGENCY)
        if their_agency
        else _recipient(requester, kind)
    )
    asked_by = checks.name(requester, "Who asked") if their_agency else who.name
    if info_request_id is None and session.can(Permission.DISCLOSE):
        info_request_id = record_request(
            session,
            requester_name=asked_by,
            requester_agency=their_agency,
            asked_for=REPORT_ASKED_FOR,
            family_id=family_id,
            about_person_id=None,
            consent_sought=ConsentSought.NOT_SOUGHT,
        )
    decision = attempt(
        session, family_id, Request(Action.PROCEEDINGS_REPORT, who), info_request_id=info_request_id
    )
    reference = family_store.reference_of(session.centre.conn, family_id)
    reply = ProceedingsReply(
        session.centre_name,
        reference,
        f"{asked_by}, {their_agency}" if their_agency else who.name,
        session.centre.clock().date(),
        decision.sentence,
        decision.label,
        policy_says=policy_in_force.citation(session, Clause.II).sentence,
        attendance_rule=policy_in_force.citation(session, Clause.III).label,
    )
    if deliver is not None and deliver(reply):
        session.audit(
            action="disclosure.proceedings_reply",
            subject=reference,
            detail=f"reply to {who.kind.value} sent",
        )
    return reply


def book_assessment(
    session: Session, family_id: int, agency: str, *, info_request_id: int | None = None
) -> Decision:
    """Clause v: only with an agreement in force for that agency."""
    decision = attempt(
        session,
        family_id,
        Request(Action.ASSESSMENT_ON_PREMISES, _recipient(agency, RecipientKind.AGENCY)),
        info_request_id=info_request_id,
    )
    _must(decision)
    return decision


def internal_printout(
    session: Session,
    family_id: int,
    what: str,
    *,
    lay_out: Callable[[], T],
    deliver: Deliver[T],
) -> bool:
    """Clause i: a family's records on paper, for use inside the centre (the family record,
    the chronology). Decided first: a refusal is logged and raised, nothing laid out. Then
    laid out, handed to `deliver`, and logged as printed only once it went out (D103); a
    delivery that fails is logged as failed (D290). False if the person cancelled."""
    request = Request(
        Action.INTERNAL_PRINTOUT, Recipient(f"internal: {what}", RecipientKind.PERSON)
    )
    decision = _decided_first(session, family_id, request, info_request_id=None)
    printout = lay_out()
    reference = family_store.reference_of(session.centre.conn, family_id)
    if not delivered(
        session,
        printout,
        deliver,
        action=f"disclosure.{Action.INTERNAL_PRINTOUT.value}",
        subject=reference,
    ):
        return False
    _log(session, family_id, request, decision, info_request_id=None)
    return True


def centre_printout(session: Session, what: str) -> Decision:
    """Clause i for a printout of the centre's records about no one family (the register,
    the accident book, the logs): the policy's answer, cited; a refusal is raised. The
    caller asks the person's roles first and logs the printout once it went out."""
    request = Request(
        Action.INTERNAL_PRINTOUT, Recipient(f"internal: {what}", RecipientKind.PERSON)
    )
    facts = Facts(today=session.centre.clock().date(), family_id=None)
    decision = _cited(decide(request, facts), policy_in_force.clause_labels(session))
    _must(decision)
    return decision


def delivered(
    session: Session, printout: T, deliver: Deliver[T], *, action: str, subject: str = ""
) -> bool:
    """`deliver(printout)`; when the printer or the file fails, one audit row says so (the
    pages may be part printed) and the error goes on to the screen (D290)."""
    try:
        return deliver(printout)
    except Exception:
        session.audit(
            action,
            subject=subject,
            detail="the printer or the file failed: not logged as printed",
            outcome="failed",
        )
        raise


def family_reference(session: Session, family_id: int) -> str:
    session.require(Permission.VIEW_FAMILIES, "see a family")
    if not family_store.family_exists(session.centre.conn, family_id):
        raise NotFound("That family is no longer on the system.")
    return family_store.reference_of(session.centre.conn, family_id)


# -- the records the policy rests on ----------------------------------------------------------


def record_consent(
    session: Session,
    family_id: int,
    *,
    given_by: int,
    recipient: str,
    recipient_kind: RecipientKind | str,
    items: frozenset[str],
    signed_on: date,
    paper_kept_at: str,
    expires_on: date | None = None,
) -> Consent:
    """A written consent: one adult, one named recipient, named items."""
    session.require(Permission.MANAGE_CONSENTS, "record a consent")
    conn = session.centre.conn
    family = family_store.get_family(conn, family_id)
    if family is None:
        raise NotFound("That family is no longer on the system.")
    adult = next((p for p in family.adults if p.id == given_by), None)
    if adult is None:
        raise InvalidInput("Consent is given by one adult of this family; choose who signed.")
    who = _recipient(recipient, recipient_kind)
    chosen = frozenset(checks.name(i, "A consented item").lower() for i in items)
    if not chosen:
        raise InvalidInput("Say what the consent covers (the address, the telephone, ...).")
    today = session.centre.clock().date()
    checks.not_in_future(signed_on, today, "The date signed")
    if expires_on is not None and expires_on < signed_on:
        raise InvalidInput("The consent's last day cannot be before the day it was signed.")
    where = checks.free_text(paper_kept_at, "Where the signed paper is kept", 200)
    if not where:
        raise InvalidInput("Say where the signed paper is kept.")
    centre = session.centre
    with centre.transaction() as conn:
        consent_id = disclosure_store.insert_consent(
            conn,
            family_id=family_id,
            given_by=given_by,
            recipient=who.name,
            recipient_kind=who.kind.value,
            items=chosen,
            signed_on=signed_on,
            paper_kept_at=where,
            expires_on=expires_on,
            recorded_by=session.user_name,
            recorded_at=centre.now(),
        )
        family_store.touch(conn, family_id, centre.now())
        session.audit(
            action="consent.record",
            subject=family.reference,
            detail=f"consent {consent_id} by person {given_by} to {who.kind.value}",
        )
    return next(c for c in disclosure_store.consents(conn, family_id) if c.id == consent_id)


def consent_form(
    session: Session,
    family_id: int,
    *,
    given_by: int,
    recipient: str,
    items: frozenset[str],
    expires_on: date | None = None,
) -> ConsentForm:
    """A form pre-filled with exactly this consent, for the adult to sign."""
    session.require(Permission.MANAGE_CONSENTS, "print a consent form")
    family = family_store.get_family(session.centre.conn, family_id)
    if family is None:
        raise NotFound("That family is no longer on the system.")
    adult = next((p for p in family.adults if p.id == given_by), None)
    if adult is None:
        raise InvalidInput("A consent form is for one adult of this family; choose who.")
    chosen = tuple(sorted(checks.name(i, "A consented item").lower() for i in items))
    if not chosen:
        raise InvalidInput("Say what the consent covers (the address, the telephone, ...).")
    who = checks.name(recipient, "The recipient")
    if expires_on is not None and expires_on < session.centre.clock().date():
        raise InvalidInput("The consent's last day is already past; choose a later one.")
    session.audit(
        action="consent.form",
        subject=family.reference,
        detail=f"form for person {given_by}",
    )
    return ConsentForm(
        session.centre_name,
        family.reference,
        adult.full_name,
        who,
        chosen,
        expires_on,
        policy_says=policy_in_force.citation(session, Clause.IV).sentence,
    )


def withdraw_consent(session: Session, family_id: int, consent_id: int, on: date, how: str) -> None:
    session.require(Permission.MANAGE_CONSENTS, "record a withdrawal of consent")
    if consent_id not in {c.id for c in consents(session, family_id)}:
        raise NotFound("That consent is not on this family's file.")
    checks.not_in_future(on, session.centre.clock().date(), "The withdrawal date")
    text = checks.free_text(how, "How it was withdrawn", 500)
    if not text:
        raise InvalidInput("Say how the consent was withdrawn (in writing, by telephone ...).")
    centre = session.centre
    with centre.transaction() as conn:
        if not disclosure_store.withdraw_consent(conn, consent_id, on, text):
            raise InvalidInput("This consent has already been withdrawn.")
        session.audit(
            action="consent.withdraw",
            subject=family_store.reference_of(conn, family_id),
            detail=f"consent {consent_id}",
        )


def consents(session: Session, family_id: int) -> list[Consent]:
    session.require(Permission.VIEW_FAMILIES, "see a family's consents")
    return disclosure_store.consents(session.centre.conn, family_id)


def record_agreement(
    session: Session,
    *,
    agency: str,
    family_id: int | None,
    valid_from: date,
    valid_to: date,
    paper_kept_at: str,
) -> Agreement:
    """Clause v: an agreement allowing an agency to assess on the premises."""
    session.require(Permission.MANAGE_CONSENTS, "record an assessment agreement")
    name = checks.name(agency, "The agency")
    if valid_to < valid_from:
        raise InvalidInput("The agreement cannot end before it starts.")
    where = checks.free_text(paper_kept_at, "Where the signed agreement is kept", 200)
    if not where:
        raise InvalidInput("Say where the signed agreement is kept.")
    centre = session.centre
    with centre.transaction() as conn:
        if family_id is not None and not family_store.family_exists(conn, family_id):
            raise NotFound("That family is no longer on the system.")
        agreement_id = disclosure_store.insert_agreement(
            conn,
            agency=name,
            family_id=family_id,
            valid_from=valid_from,
            valid_to=valid_to,
            paper_kept_at=where,
            recorded_by=session.user_name,
            recorded_at=centre.now(),
        )
        session.audit(action="agreement.record", detail=f"agreement {agreement_id}")
    return next(a for a in disclosure_store.agreements(centre.conn) if a.id == agreement_id)


def agreements_for(session: Session, family_id: int) -> list[Agreement]:
    """Agreements for this family and general ones."""
    session.require(Permission.VIEW_FAMILIES, "see assessment agreements")
    return disclosure_store.agreements(session.centre.conn, family_id)


def record_request(
    session: Session,
    *,
    requester_name: str,
    requester_agency: str,
    asked_for: str,
    family_id: int | None,
    about_person_id: int | None,
    consent_sought: ConsentSought | str,
    received_on: date | None = None,
) -> int:
    """Every request for information is written down as it arrives: who asked, what, when
    (today unless it arrived earlier), about whom and whether consent was sought."""
    session.require(Permission.DISCLOSE, "record a request for information")
    try:
        consent = ConsentSought(consent_sought)
    except ValueError:
        raise InvalidInput(
            "Say whether consent was sought: "
            + "; ".join(s.label.lower() for s in ConsentSought)
            + "."
        ) from None
    name = checks.name(requester_name, "Who asked") if requester_name.strip() else ""
    asked = checks.free_text(asked_for, "What they asked for", 2000)
    agency = checks.free_text(requester_agency, "Their agency", 200)
    centre = session.centre
    today = centre.clock().date()
    received = received_on or today
    _must_be_right(
        request_rules.Entry(name, asked, received, consent, "", Told.NOT_YET, None, ""), today
    )
    with centre.transaction() as conn:
        if family_id is not None:
            _about_check(conn, family_id, about_person_id)
        now = centre.now()
        request_id = disclosure_store.insert_request(
            conn,
            # The day alone, as the form asks it; the moment is its recorded_at (D394).
            received_at=received.isoformat(),
            requester_name=name,
            requester_agency=agency,
            asked_for=asked,
            family_id=family_id,
            about_person_id=about_person_id,
            consent_sought=consent.value,
            recorded_by=session.user_name,
            recorded_at=now,
        )
        session.audit(
            action="request.record",
            subject=family_store.reference_of(conn, family_id) if family_id else "",
            detail=f"request {request_id}",
        )
    return request_id


def _about_check(conn, family_id: int, about_person_id: int | None) -> None:
    family = family_store.get_family(conn, family_id)
    if family is None:
        raise NotFound("That family is no longer on the system.")
    if about_person_id is not None and about_person_id not in {p.id for p in family.people}:
        raise InvalidInput("Choose whom the request is about from this family.")


def _must_be_right(entry: request_rules.Entry, today: date) -> None:
    found = request_rules.problems(entry, today)
    if found:
        raise InvalidInput(" ".join(found))


def record_subject_told(
    session: Session, request_id: int, *, told: bool, on: date | None = None, reason: str = ""
) -> None:
    """Whether the person it was about was told afterwards, and when or why not. Kept in
    the request's changes like any other (D312)."""
    request_log.change_request(
        session,
        request_id,
        request_log.RequestEdit(
            told=Told.YES if told else Told.NO,
            told_on=on if told else None,
            not_told_reason="" if told else reason,
        ),
        reason="",
        doing="record who was told",
    )


def requests(session: Session, family_id: int | None = None) -> list[InfoRequest]:
    """The request log (every request when no family is given), for those who read it:
    those who record requests, the safeguarding lead and the manager (D311)."""
    session.require(Permission.VIEW_REQUEST_LOG, "see the request log")
    return disclosure_store.requests(session.centre.conn, family_id)


def may_see_disclosure_history(session: Session) -> bool:
    """Who may read the disclosure log: those who disclose, and the manager (audit).
    Asked without a refusal by the chronology, which simply leaves the log out."""
    return session.can(Permission.DISCLOSE) or session.can(Permission.VIEW_AUDIT)


def disclosure_history(
    session: Session, family_id: int | None = None, allowed: bool | None = None
) -> list[DisclosureEntry]:
    if not may_see_disclosure_history(session):
        session.require(Permission.DISCLOSE, "see the disclosure history")
    return clauses_named(
        session,
        disclosure_store.log_entries(session.centre.conn, family_id=family_id, allowed=allowed),
    )


def clauses_named(session: Session, entries: list[DisclosureEntry]) -> list[DisclosureEntry]:
    """Each entry's clause as the version in force names it ("clause iii", "clause 2.4"),
    the one way every screen names a clause; the log itself keeps the rule's code."""
    labels = {c.value: label for c, label in policy_in_force.clause_labels(session).items()}
    return [replace(e, clause=labels.get(e.clause, e.clause)) for e in entries]


def request_log_printout(
    session: Session, family_id: int | None = None, *, deliver: Deliver[RequestLogPrintout]
) -> RequestLogPrintout | None:
    """The request log on paper, for those who read it (D311). A family's is a printout for
    use inside the centre (clause i): decided first, logged in its disclosure history once
    `deliver` printed or saved it; the centre's is audited once delivered. None if
    cancelled, and then nothing is logged."""
    session.require(Permission.VIEW_REQUEST_LOG, "print the request log")
    internal = Request(
        Action.INTERNAL_PRINTOUT, Recipient("internal: request log", RecipientKind.PERSON)
    )
    decision = (
        _decided_first(session, family_id, internal, info_request_id=None)
        if family_id is not None
        else centre_printout(session, "request log")
    )
    conn = session.centre.conn
    entries = tuple(disclosure_store.requests(conn, family_id))
    printout = RequestLogPrintout(
        centre_name=session.centre_name,
        family_reference=family_store.reference_of(conn, family_id) if family_id else "",
        printed_on=session.centre.clock().date(),
        printed_by=session.account.display_name,
        requests=entries,
        changes={r.id: tuple(disclosure_store.request_changes(conn, r.id)) for r in entries},
    )
    if not deliver(printout):
        return None
    if family_id is not None:
        _log(session, family_id, internal, decision, info_request_id=None)
    else:
        session.audit(action="request_log.print", detail=f"{len(entries)} requests")
    return printout
