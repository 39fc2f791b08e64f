"""Staff and volunteers, and their vetting (clause vi).

The gates live here, not in a widget: no one is made active, put on a
session's staff or given a login with access to families until
policy.vetting says they are cleared. Only a manager sees vetting
information, and every view of it is written to the audit log (who, when).
Contact details are masked like a parent's; revealing them is audited.
The audit log names a person as "staff #id", never by name: it is kept for
ever, while a person's record is disposed of under clause viii.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from weakref import WeakKeyDictionary

from stmarys_desktop.domain import decisions
from stmarys_desktop.domain.alerts import INFO, STAFF_RECORD, URGENT, WARNING, Alert
from stmarys_desktop.domain.errors import InvalidInput, NotFound, RecordChanged
from stmarys_desktop.domain.policy_documents import StaffAcknowledgement
from stmarys_desktop.domain.roles import Permission, Role
from stmarys_desktop.domain.staff import (
    CentreRole,
    DbsCheck,
    DbsCheckDraft,
    DbsLevel,
    DbsOutcome,
    Decision,
    IdentityDraft,
    NewStaff,
    ReferenceDraft,
    Requirement,
    StaffContact,
    StaffMember,
    StaffStatus,
    StaffSummary,
    StatusResult,
    Vetting,
    VettingRecord,
)
from stmarys_desktop.domain.words import plural
from stmarys_desktop.policy import vetting as rules
from stmarys_desktop.policy.permissions import allows
from stmarys_desktop.services import checks, policy_documents
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import accounts as account_store
from stmarys_desktop.store import staff as staff_store
from stmarys_desktop.store.centre import Centre

CHANGED_ELSEWHERE = (
    "Someone else changed this person's record after you opened it, so "
    "nothing was saved and their change was kept. Open it again to see it."
)
NOTES_MAX = 1000


def today(session: Session) -> date:
    return session.centre.clock().date()


def subject(staff_id: int) -> str:
    return f"staff #{staff_id}"


def _member(session: Session, staff_id: int) -> StaffMember:
    found = staff_store.member(session.centre.conn, staff_id)
    if found is None:
        raise NotFound("That person is no longer on the staff list.")
    return found


def _vetting(session: Session, staff_id: int) -> Vetting:
    return staff_store.vetting(session.centre.conn, [staff_id])[staff_id]


def _next_due(vetting: Vetting, on: date) -> date | None:
    check = rules.current_check(vetting, on)
    return rules.next_check_due(check) if check else None


# -- reading (a manager's; every view logged) ----------------------------------------------


def _cited(session: Session, gate: decisions.Decision) -> decisions.Decision:
    """A refusal's sentence with clause vi named as the policy in force names it."""
    if gate.allowed:
        return gate
    return replace(
        gate,
        sentence=policy_documents.in_force_words(session, gate.sentence),
        cited_as=policy_documents.clause_labels(session)[gate.clause] if gate.clause else "",
    )


def _summary(
    session: Session,
    member: StaffMember,
    vetting: Vetting,
    on: date,
    acknowledged: StaffAcknowledgement,
) -> StaffSummary:
    cleared = rules.clearance(vetting, on)
    return StaffSummary(
        member=member,
        clearance=cleared,
        next_check_due=_next_due(vetting, on),
        training_due=vetting.training.renewal_due_on if vetting.training else None,
        activate=_cited(session, rules.activation_gate(member.status, cleared)),
        login=_cited(session, rules.login_gate(member.status, cleared, bool(member.login))),
        policy_acknowledged=acknowledged,
    )


def _check_offer(session: Session, doing: str, problem: str | None) -> decisions.Decision:
    """The vetting record's buttons on its latest check, as the services decide them."""
    managing = session.may(Permission.MANAGE_STAFF, doing)
    if not managing.allowed:
        return managing
    return decisions.refused(problem) if problem else decisions.allowed()


def list_staff(session: Session) -> list[StaffSummary]:
    """Everyone, with whether they are cleared, when their next check is due and whether
    they have acknowledged the current policy (logged)."""
    session.require(Permission.VIEW_VETTING, "see staff vetting")
    centre = session.centre
    on = today(session)
    people = staff_store.members(centre.conn)
    facts = staff_store.vetting(centre.conn)
    acknowledged = policy_documents.staff_acknowledgements(session, people)
    session.audit(
        action="vetting.view",
        subject="staff list",
        detail=f"{len(people)} people",
    )
    return [_summary(session, m, facts[m.id], on, acknowledged[m.id]) for m in people]


def open_vetting(session: Session, staff_id: int) -> VettingRecord:
    """One person's whole vetting record; the view is written to the audit log."""
    session.require(Permission.VIEW_VETTING, "see a vetting record")
    centre = session.centre
    member = _member(session, staff_id)
    facts = _vetting(session, staff_id)
    on = today(session)
    cleared = rules.clearance(facts, on)
    check = rules.current_check(facts, on)
    acknowledged = policy_documents.staff_acknowledgements(session, [member])[staff_id]
    with centre.transaction() as conn:
        staff_store.touch(conn, staff_id, centre.now())
        session.audit(
            action="vetting.view",
            subject=subject(staff_id),
            detail="vetting record opened",
        )
    return VettingRecord(
        member=member,
        vetting=facts,
        clearance=cleared,
        next_check_due=rules.next_check_due(check) if check else None,
        notes_clear_on=rules.notes_clear_on(check) if check else None,
        activate=_cited(session, rules.activation_gate(member.status, cleared)),
        login=_cited(session, rules.login_gate(member.status, cleared, bool(member.login))),
        policy_acknowledged=acknowledged,
        record_decision=_check_offer(
            session, "record a recruitment decision", rules.decision_problem(facts.latest_check)
        ),
        record_status_check=_check_offer(
            session,
            "record an Update Service status check",
            rules.online_status_problem(facts.latest_check),
        ),
    )


def requirements(session: Session) -> list[Requirement]:
    session.require(Permission.VIEW_VETTING, "see the checks each role needs")
    return list(staff_store.requirements(session.centre.conn).values())


def reveal_contact(session: Session, staff_id: int) -> StaffContact:
    """A person's address, telephone and emergency contact, for a manager; audited."""
    session.require(Permission.MANAGE_STAFF, "reveal a member of staff's contact details")
    centre = session.centre
    details = staff_store.contact(centre.conn, staff_id)
    if details is None:
        raise NotFound("That person is no longer on the staff list.")
    with centre.transaction() as conn:
        staff_store.touch(conn, staff_id, centre.now())
        session.audit(
            action="staff.contact.reveal",
            subject=subject(staff_id),
            detail="address, telephone and emergency contact shown",
        )
    return details


# -- people ---------------------------------------------------------------------------------


def _role(value: CentreRole | str) -> CentreRole:
    try:
        return CentreRole(value)
    except ValueError:
        raise InvalidInput("Choose the person's role at the centre.") from None


def add_staff(session: Session, draft: NewStaff) -> StaffMember:
    """A new person starts as an applicant: nobody starts active (clause vi)."""
    session.require(Permission.MANAGE_STAFF, "add a member of staff")
    name = checks.name(draft.full_name, "The person's name")
    role = _role(draft.centre_role)
    address = checks.free_text(draft.address, "The address", 500)
    telephone = checks.telephone(draft.telephone)
    emergency = checks.free_text(draft.emergency_contact, "The emergency contact", 300)
    centre = session.centre
    with centre.transaction() as conn:
        staff_id = staff_store.insert_staff(
            conn,
            full_name=name,
            centre_role=role,
            start_on=draft.start_on,
            address=address,
            telephone=telephone,
            emergency_contact=emergency,
            at=centre.now(),
        )
        session.audit(
            action="staff.add",
            subject=subject(staff_id),
            detail=f"{role.label}, applicant",
        )
    return _member(session, staff_id)


def change_staff(
    session: Session,
    staff_id: int,
    expected_version: int,
    *,
    full_name: str,
    centre_role: CentreRole | str,
    start_on: date | None = None,
    end_on: date | None = None,
    address: str | None = None,
    telephone: str | None = None,
    emergency_contact: str | None = None,
) -> StaffMember:
    """Change a person. Contact details given as None keep their saved (masked) values."""
    session.require(Permission.MANAGE_STAFF, "change a member of staff")
    name = checks.name(full_name, "The person's name")
    role = _role(centre_role)
    if start_on and end_on and end_on < start_on:
        raise InvalidInput("The end date is before the start date.")
    new_address = None if address is None else checks.free_text(address, "The address", 500)
    new_telephone = None if telephone is None else checks.telephone(telephone)
    new_emergency = (
        None
        if emergency_contact is None
        else checks.free_text(emergency_contact, "The emergency contact", 300)
    )
    centre = session.centre
    current = _member(session, staff_id)
    with centre.transaction() as conn:
        if not staff_store.update_staff(
            conn,
            staff_id,
            expected_version,
            full_name=name,
            centre_role=role,
            start_on=start_on,
            end_on=end_on,
            address=new_address,
            telephone=new_telephone,
            emergency_contact=new_emergency,
        ):
            raise RecordChanged(CHANGED_ELSEWHERE)
        staff_store.touch(conn, staff_id, centre.now())
        what = ["details"]
        if role is not current.centre_role:
            what.append(f"role {current.centre_role.value} -> {role.value}")
        if any(v is not None for v in (new_address, new_telephone, new_emergency)):
            what.append("contact details")
        session.audit(
            action="staff.change",
            subject=subject(staff_id),
            detail=", ".join(what),
        )
    return _member(session, staff_id)


def set_status(
    session: Session,
    staff_id: int,
    expected_version: int,
    status: StaffStatus | str,
    on: date | None = None,
) -> StaffMember:
    """Make a person active (only once cleared), suspend them, or record that they left.

    Only the changes policy.vetting.status_change_problem allows are made. Any status
    but active takes the person off every future session.
    """
    session.require(Permission.MANAGE_STAFF, "change a member of staff's status")
    try:
        new = StaffStatus(status)
    except ValueError:
        raise InvalidInput("Choose applicant, active, suspended or left.") from None
    centre = session.centre
    day = today(session)
    member = _member(session, staff_id)
    start_on, end_on = member.start_on, member.end_on
    problem = rules.status_change_problem(member.status, new)
    if problem:
        session.audit(
            action="staff.status",
            subject=subject(staff_id),
            detail=f"{member.status.value} -> {new.value}: not allowed",
            outcome="refused",
        )
        raise InvalidInput(
            f"{member.full_name}'s status stays {member.status.label.lower()}. {problem}"
        )
    if new is StaffStatus.ACTIVE:
        gate = rules.activation_gate(
            member.status, rules.clearance(_vetting(session, staff_id), day)
        )
        if not gate.allowed:
            reason = _cited(session, gate).sentence
            session.audit(
                action="staff.activate",
                subject=subject(staff_id),
                detail="not cleared (clause vi)",
                outcome="refused",
            )
            raise InvalidInput(f"{member.full_name} cannot be made active. {reason}")
        start_on = start_on or day
        end_on = None
    elif new is StaffStatus.LEFT:
        end_on = checks.not_in_future(on or day, day, "The date they left")
        if start_on and end_on < start_on:
            raise InvalidInput("The date they left is before their start date.")
        managers = account_store.managers_of_staff(centre.conn, staff_id)
        if managers and managers >= account_store.enabled_managers(centre.conn):
            raise InvalidInput(
                f"{member.full_name}'s login is the only enabled manager "
                "account, and a leaver's login is disabled. Give another "
                "account the manager role first."
            )
    with centre.transaction() as conn:
        if not staff_store.set_status(conn, staff_id, expected_version, new, start_on, end_on):
            raise RecordChanged(CHANGED_ELSEWHERE)
        removed = 0
        if new is not StaffStatus.ACTIVE:
            removed = staff_store.remove_from_future_sessions(conn, staff_id, day)
        # A leaver's login is shut at once, not at their next sign-in (D121).
        disabled = (
            account_store.disable_for_staff(conn, staff_id) if new is StaffStatus.LEFT else []
        )
        staff_store.touch(conn, staff_id, centre.now())
        detail = f"{member.status.value} -> {new.value}"
        if removed:
            detail += f"; taken off {plural(removed, 'future session')}"
        if disabled:
            detail += f"; login {', '.join(disabled)} disabled"
        session.audit(action="staff.status", subject=subject(staff_id), detail=detail)
    return _member(session, staff_id)


def activate(session: Session, staff_id: int, expected_version: int) -> StaffMember:
    return set_status(session, staff_id, expected_version, StaffStatus.ACTIVE)


# The Staff screen's answer for its buttons while no one is chosen.
NO_ONE_CHOSEN = decisions.refused("Choose a person in the list first.")


def status_gate(current: StaffStatus, new: StaffStatus | str) -> decisions.Decision:
    """May a person whose status is `current` be suspended or recorded as left? The
    Staff screen's buttons show this; set_status enforces the same rule."""
    return rules.status_change_gate(current, StaffStatus(new))


# -- the check each role needs ------------------------------------------------------------


def set_requirement(
    session: Session,
    centre_role: CentreRole | str,
    *,
    level: DbsLevel | str,
    regulated_activity: bool,
    barred_list: bool,
    justification: str,
) -> Requirement:
    session.require(Permission.MANAGE_STAFF, "set the check a role needs")
    role = _role(centre_role)
    try:
        chosen = DbsLevel(level)
    except ValueError:
        raise InvalidInput("Choose basic, standard or enhanced.") from None
    why = checks.free_text(justification, "The justification", 500)
    problem = rules.requirement_problem(chosen, regulated_activity, barred_list, why)
    if problem:
        raise InvalidInput(problem)
    centre = session.centre
    requirement = Requirement(
        role, chosen, regulated_activity, barred_list, why, session.user_name, centre.now()
    )
    with centre.transaction() as conn:
        staff_store.put_requirement(conn, requirement)
        session.audit(
            action="vetting.requirement",
            subject=role.value,
            detail=requirement.label + ("; regulated activity" if regulated_activity else ""),
        )
    return requirement


# -- recording each part of vetting -------------------------------------------------------


def _seen_by(session: Session, text: str, what: str) -> str:
    return checks.name(text or session.account.display_name, what)


def record_dbs_check(session: Session, staff_id: int, draft: DbsCheckDraft) -> DbsCheck:
    """Record a certificate seen. A clear check is the recruitment decision to proceed;
    information disclosed waits for the manager's decision."""
    session.require(Permission.MANAGE_STAFF, "record a DBS check")
    member = _member(session, staff_id)
    day = today(session)
    number = rules.normalise_certificate_number(draft.certificate_number)
    problem = rules.certificate_number_problem(number) or rules.check_dates_problem(
        draft.issued_on, draft.seen_on, day
    )
    if problem:
        raise InvalidInput(problem)
    try:
        level, outcome = DbsLevel(draft.level), DbsOutcome(draft.outcome)
    except ValueError:
        raise InvalidInput("Choose the level of the check and its outcome.") from None
    if draft.barred_list and level is not DbsLevel.ENHANCED:
        raise InvalidInput("The children's barred list is only checked with an enhanced DBS check.")
    status_on = draft.last_status_check_on if draft.update_service else None
    if status_on is not None and (status_on > day or status_on < draft.issued_on):
        raise InvalidInput(
            "The Update Service status check must be between the issue date and today."
        )
    seen_by = _seen_by(session, draft.seen_by, "Who saw the certificate")
    notes = checks.free_text(draft.notes, "The notes", NOTES_MAX)
    centre = session.centre
    holder = staff_store.certificate_holder(centre.conn, number)
    if holder is not None:
        session.audit(
            action="vetting.dbs_check",
            subject=subject(staff_id),
            outcome="refused",
            detail="certificate number already recorded"
            + ("" if holder == staff_id else f" for {subject(holder)}"),
        )
        raise InvalidInput(
            "That certificate number is already recorded for this person."
            if holder == staff_id
            else "That certificate number is already recorded for another person; a "
            "certificate belongs to one person only. Check the number on the certificate."
        )
    clear = outcome is DbsOutcome.CLEAR
    with centre.transaction() as conn:
        check_id = staff_store.insert_check(
            conn,
            staff_id,
            level=level,
            barred_list=draft.barred_list,
            certificate_number=number,
            issued_on=draft.issued_on,
            seen_on=draft.seen_on,
            seen_by=seen_by,
            outcome=outcome,
            decision=Decision.PROCEED if clear else Decision.PENDING,
            decided_by=session.user_name if clear else "",
            decided_on=day if clear else None,
            update_service=draft.update_service,
            last_status_check_on=status_on,
            notes=notes,
            recorded_by=session.user_name,
            at=centre.now(),
        )
        staff_store.touch(conn, staff_id, centre.now())
        session.audit(
            action="vetting.dbs_check",
            subject=subject(staff_id),
            detail=f"{level.value} check, {outcome.value}, issued "
            f"{draft.issued_on.isoformat()}" + ("; Update Service" if draft.update_service else ""),
        )
    found = staff_store.check(centre.conn, check_id)
    assert found is not None and found.staff_id == member.id
    return found


def _check_of(session: Session, check_id: int) -> DbsCheck:
    found = staff_store.check(session.centre.conn, check_id)
    if found is None:
        raise NotFound("That DBS check is no longer on the system.")
    return found


def record_decision(
    session: Session, check_id: int, *, proceed: bool, notes: str | None = None
) -> DbsCheck:
    """The manager's recruitment decision on a check that disclosed information."""
    session.require(Permission.MANAGE_STAFF, "record a recruitment decision")
    check = _check_of(session, check_id)
    problem = rules.decision_problem(check)
    if problem:
        raise InvalidInput(problem)
    text = None if notes is None else checks.free_text(notes, "The notes", NOTES_MAX)
    decision = Decision.PROCEED if proceed else Decision.DO_NOT_PROCEED
    centre = session.centre
    with centre.transaction() as conn:
        staff_store.record_decision(
            conn, check_id, decision, session.user_name, today(session), text
        )
        staff_store.touch(conn, check.staff_id, centre.now())
        session.audit(
            action="vetting.decision",
            subject=subject(check.staff_id),
            detail=decision.value,
        )
    return _check_of(session, check_id)


def record_status_check(
    session: Session, check_id: int, on: date, *, new_information: bool
) -> DbsCheck:
    """An online Update Service status check of a certificate already recorded."""
    session.require(Permission.MANAGE_STAFF, "record an Update Service status check")
    check = _check_of(session, check_id)
    problem = rules.status_check_problem(check, on, today(session))
    if problem:
        raise InvalidInput(problem)
    result = StatusResult.NEW_INFORMATION if new_information else StatusResult.NO_CHANGE
    centre = session.centre
    with centre.transaction() as conn:
        staff_store.record_status_check(conn, check_id, on, result)
        staff_store.touch(conn, check.staff_id, centre.now())
        session.audit(
            action="vetting.status_check",
            subject=subject(check.staff_id),
            detail=f"{on.isoformat()}: {result.value}",
        )
    return _check_of(session, check_id)


def record_identity(session: Session, staff_id: int, draft: IdentityDraft) -> None:
    session.require(Permission.MANAGE_STAFF, "record identity seen")
    _member(session, staff_id)
    documents = [checks.name(d, "A document's name") for d in draft.documents if d.strip()]
    if not documents:
        raise InvalidInput(
            "Name the documents that were seen (for example passport and a "
            "utility bill); their numbers are not kept."
        )
    text = checks.free_text("; ".join(documents), "The documents", 300)
    day = today(session)
    if draft.seen_on is None:
        raise InvalidInput("Give the date the documents were seen.")
    seen_on = checks.not_in_future(draft.seen_on, day, "The date the documents were seen")
    seen_by = _seen_by(session, draft.seen_by, "Who saw the documents")
    centre = session.centre
    with centre.transaction() as conn:
        staff_store.insert_identity(
            conn,
            staff_id,
            documents=text,
            seen_by=seen_by,
            seen_on=seen_on,
            recorded_by=session.user_name,
            at=centre.now(),
        )
        staff_store.touch(conn, staff_id, centre.now())
        session.audit(
            action="vetting.identity",
            subject=subject(staff_id),
            detail=f"{plural(len(documents), 'document')} seen",
        )


def record_reference(session: Session, staff_id: int, draft: ReferenceDraft) -> None:
    session.require(Permission.MANAGE_STAFF, "record a reference")
    _member(session, staff_id)
    referee = checks.name(draft.referee, "The referee's name")
    received = checks.not_in_future(
        draft.received_on, today(session), "The date the reference was received"
    )
    centre = session.centre
    with centre.transaction() as conn:
        staff_store.insert_reference(
            conn,
            staff_id,
            referee=referee,
            received_on=received,
            satisfactory=draft.satisfactory,
            recorded_by=session.user_name,
            at=centre.now(),
        )
        staff_store.touch(conn, staff_id, centre.now())
        session.audit(
            action="vetting.reference",
            subject=subject(staff_id),
            detail="satisfactory" if draft.satisfactory else "not satisfactory",
        )


def record_training(
    session: Session,
    staff_id: int,
    completed_on: date,
    renewal_due_on: date | None = None,
    course: str = "",
) -> None:
    session.require(Permission.MANAGE_STAFF, "record safeguarding training")
    _member(session, staff_id)
    done = checks.not_in_future(completed_on, today(session), "The training date")
    renewal = renewal_due_on or rules.training_renewal(done)
    if renewal <= done:
        raise InvalidInput("The renewal date must be after the training date.")
    text = checks.free_text(course, "The course", 200)
    centre = session.centre
    with centre.transaction() as conn:
        staff_store.insert_training(
            conn,
            staff_id,
            completed_on=done,
            renewal_due_on=renewal,
            course=text,
            recorded_by=session.user_name,
            at=centre.now(),
        )
        staff_store.touch(conn, staff_id, centre.now())
        session.audit(
            action="vetting.training",
            subject=subject(staff_id),
            detail=f"renewal due {renewal.isoformat()}",
        )


# -- the gates other services ask ------------------------------------------------------------


def rota_gates(
    session: Session, staff_ids: Sequence[int], on: date
) -> dict[int, decisions.Decision]:
    """May each person be put on a session's staff on `on`?

    For whoever books (the caller checks its own permission). The answer says
    whether, never the vetting detail, so it is not a view of vetting information.
    """
    return RotaGates(session, staff_ids).on(staff_ids, on)


class RotaGates:
    """rota_gates for many bookings (an import): the staff and their vetting are read
    once, and each person's gate on a day is worked out the first time it is asked."""

    def __init__(self, session: Session, staff_ids: Sequence[int]) -> None:
        conn = session.centre.conn
        self._session = session
        self._people = {p.id: p for p in staff_store.members(conn, list(staff_ids))}
        self._facts = staff_store.vetting(conn, list(self._people))
        self._gates: dict[tuple[int, date], decisions.Decision] = {}

    def on(self, staff_ids: Sequence[int], day: date) -> dict[int, decisions.Decision]:
        """The gate of each of `staff_ids` known to it (read at the start) on `day`, in
        the order of their names."""
        wanted = set(staff_ids)
        found = {}
        for staff_id, person in self._people.items():
            if staff_id not in wanted:
                continue
            gate = self._gates.get((staff_id, day))
            if gate is None:
                gate = _cited(
                    self._session,
                    rules.rota_gate(
                        person.full_name,
                        person.status,
                        rules.clearance(self._facts[staff_id], day),
                        day,
                    ),
                )
                self._gates[(staff_id, day)] = gate
            found[staff_id] = gate
        return found


def rota_gates_on(
    session: Session, staff_ids: Sequence[int], days: Sequence[date]
) -> dict[date, dict[int, decisions.Decision]]:
    """rota_gates for several days at once (a repeating series), reading vetting once."""
    conn = session.centre.conn
    people = staff_store.members(conn, list(staff_ids))
    facts = staff_store.vetting(conn, [p.id for p in people])
    return {
        day: {
            p.id: rules.rota_gate(p.full_name, p.status, rules.clearance(facts[p.id], day), day)
            for p in people
        }
        for day in days
    }


def require_login_allowed(session: Session, staff_id: int, roles: Iterable[Role]) -> None:
    """Refuse a login with access to families for someone not cleared (clause vi)."""
    member = _member(session, staff_id)
    if not allows(frozenset(roles), Permission.VIEW_FAMILIES):
        return
    gate = rules.login_gate(
        member.status,
        rules.clearance(_vetting(session, staff_id), today(session)),
        bool(member.login),
    )
    if not gate.allowed:
        reason = _cited(session, gate).sentence
        session.audit(
            action="account.create",
            subject=subject(staff_id),
            detail="not cleared (clause vi)",
            outcome="refused",
        )
        raise InvalidInput(f"{member.full_name} cannot be given a login. {reason}")


STAFF_RECORD_DISPOSED = (
    "This login belonged to a member of staff whose record has been disposed of "
    "(clause viii), so it reaches no family's records (clause vi). Make a new login for "
    "anyone who needs one."
)


def withheld_family_access(centre: Centre, account_id: int) -> str:
    """Why a login that belongs to a member of staff may not reach families' records
    today (clause vi); "" when it may, or when it belongs to no one on the staff list
    (the manager made at set-up). Asked at every sign-in."""
    staff_id = account_store.staff_of(centre.conn, account_id)
    if staff_id is None and account_store.staff_disposed(centre.conn, account_id):
        return STAFF_RECORD_DISPOSED
    member = staff_store.member(centre.conn, staff_id) if staff_id is not None else None
    if member is None:
        return ""
    on = centre.clock().date()
    facts = staff_store.vetting(centre.conn, [member.id])[member.id]
    gate = rules.family_access(member.status, rules.clearance(facts, on))
    return "" if gate.allowed else gate.sentence


def own_access_alerts(session: Session, on: date) -> list[Alert]:
    """The signed-in person is told, first thing, why families' records are closed to them."""
    if not session.family_access_withheld:
        return []
    # Issue 18: a manager is not told to ask a manager; they record the check themselves.
    then = (
        " Record the check on your vetting record (Staff screen)."
        if Role.MANAGER in session.account.roles
        else " Ask the manager."
    )
    return [Alert(URGENT, f"{session.family_access_withheld}{then}")]


# -- upkeep: run with the start screen's alerts (decisions.md D53) ----------------------------


def clear_expired_vetting_notes(session: Session, on: date) -> int:
    """Clear free-text notes six months after the recruitment decision, each audited."""
    centre = session.centre
    due = [
        c for c in staff_store.checks_with_notes(centre.conn) if rules.notes_due_for_clearing(c, on)
    ]
    if not due:
        return 0
    with centre.transaction() as conn:
        for check in due:
            staff_store.clear_notes(conn, check.id, on)
            session.audit(
                action="vetting.notes_cleared",
                subject=subject(check.staff_id),
                detail=f"DBS check {check.id}: notes cleared six months after the "
                "recruitment decision (automatic)",
            )
    return len(due)


def take_lapsed_off_sessions(session: Session, on: date) -> int:
    """Whoever's re-check lapsed comes off every future session, with an alert.

    Done once, when the lapse is first seen (the booking gate keeps the person off
    after that); a lapse is closed once the person is cleared again.
    """
    centre = session.centre
    conn = centre.conn
    lapses = {staff_id: lapse_id for lapse_id, staff_id, _, _ in staff_store.open_lapses(conn)}
    current = [m.id for m in staff_store.members(conn) if m.status is not StaffStatus.LEFT]
    facts = staff_store.vetting(conn, sorted(set(current) | set(lapses)))
    lapsed = [s for s in current if s not in lapses and rules.lapsed(facts[s], on)]
    # Closed once cleared again, or once the person has left (or their record went).
    recovered = [s for s in lapses if s not in current or rules.clearance(facts[s], on).cleared]
    if not lapsed and not recovered:
        return 0
    removed_total = 0
    with centre.transaction() as write:
        for staff_id in lapsed:
            removed = staff_store.remove_from_future_sessions(write, staff_id, on)
            removed_total += removed
            staff_store.insert_lapse(write, staff_id, on, removed)
            session.audit(
                action="vetting.lapse",
                subject=subject(staff_id),
                detail="re-check lapsed: taken off "
                f"{plural(removed, 'future session')} (automatic)",
            )
        for staff_id in recovered:
            staff_store.resolve_lapse(write, lapses[staff_id], on)
            session.audit(
                action="vetting.lapse_resolved",
                subject=subject(staff_id),
                detail="cleared again" if staff_id in current else "has left",
            )
    return removed_total


# The day and the database's state at the last look, per open centre: vetting changes only
# by a write (here, or another desk's), so until one, or the next day, it need not be
# looked at again (8 ms at each refresh of the calendar at 50,000 families; D371).
_ROTA_LOOKED_AT: WeakKeyDictionary[Centre, tuple[date, int, int]] = WeakKeyDictionary()


def rota_as_it_stands(session: Session) -> None:
    """Before anyone reads who is on duty (the calendar, a register, its printout): a
    lapse not yet seen today takes the person off their future sessions now, as the
    start screen's alert then says (clause vi, D365). Nothing is written when no one
    has lapsed since the last look."""
    centre = session.centre
    on = today(session)
    if _ROTA_LOOKED_AT.get(centre) == (on, *centre.writes_seen()):
        return
    take_lapsed_off_sessions(session, on)
    _ROTA_LOOKED_AT[centre] = (on, *centre.writes_seen())


def vetting_upkeep(session: Session, on: date) -> None:
    clear_expired_vetting_notes(session, on)
    if on == today(session):
        rota_as_it_stands(session)  # not looked at again if the rota has just been
    else:
        take_lapsed_off_sessions(session, on)


# -- alerts on the start screen --------------------------------------------------------------

_DUE_SEVERITY = {
    rules.Due.OVERDUE: URGENT,
    rules.Due.WITHIN_7: WARNING,
    rules.Due.WITHIN_30: WARNING,
    rules.Due.WITHIN_60: INFO,
}


def _due_text(what: str, due: date, window: rules.Due, on: date) -> str:
    if window is rules.Due.OVERDUE:
        return f"{what} is overdue: it was due on {rules.long_date(due)}."
    days = (due - on).days
    when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
    return f"{what} is due {when} ({rules.long_date(due)})."


def vetting_alerts(session: Session, on: date) -> list[Alert]:
    """Re-checks due in 60, 30 and 7 days or overdue, training renewals, applicants
    waiting (managers); people taken off sessions by a lapse (managers and bookers)."""
    vetting_upkeep(session, on)
    conn = session.centre.conn
    found: list[Alert] = []
    lapses = [lapse for lapse in staff_store.open_lapses(conn) if lapse[3] > 0]
    if lapses and (session.can(Permission.BOOK_SESSIONS) or session.can(Permission.VIEW_VETTING)):
        names = {m.id: m.full_name for m in staff_store.members(conn, [s for _, s, _, _ in lapses])}
        for _, staff_id, noticed, removed in lapses:
            found.append(
                Alert(
                    WARNING,
                    (
                        f"{names.get(staff_id, subject(staff_id))} is no longer cleared to work "
                        f"with families (clause vi) and was taken off {removed} future "
                        f"session{'' if removed == 1 else 's'} on {rules.long_date(noticed)}. "
                        "Check those sessions have staff."
                    ),
                    STAFF_RECORD if session.can(Permission.VIEW_VETTING) else "",
                    staff_id,
                )
            )
    if not session.can(Permission.VIEW_VETTING):
        return found
    people = [m for m in staff_store.members(conn) if m.status is not StaffStatus.LEFT]
    facts = staff_store.vetting(conn, [m.id for m in people])
    personal: list[Alert] = []
    for member in people:
        personal += _person_alerts(member, facts[member.id], on)
    if personal:
        session.audit(
            action="vetting.view",
            subject="start screen alerts",
            detail=f"{plural(len(personal), 'vetting alert')}",
        )
    return found + personal


def _person_alerts(member: StaffMember, facts: Vetting, on: date) -> list[Alert]:
    name = member.full_name
    cleared = rules.clearance(facts, on)
    if member.status is StaffStatus.APPLICANT:
        text = "ready to be made active" if cleared.cleared else "; ".join(cleared.reasons)
        return [Alert(INFO, f"{name} has applied and is waiting: {text}.", STAFF_RECORD, member.id)]
    if member.status is not StaffStatus.ACTIVE:
        return []
    alerts: list[Alert] = []
    due = _next_due(facts, on)
    window = rules.due_window(due, on) if due else None
    if due and window:
        alerts.append(
            Alert(
                _DUE_SEVERITY[window],
                _due_text(f"{name}'s DBS re-check", due, window, on),
                STAFF_RECORD,
                member.id,
            )
        )
    elif not cleared.cleared:
        alerts.append(
            Alert(
                WARNING,
                f"{name} is active but not cleared to work with families "
                f"(clause vi): {'; '.join(cleared.reasons)}.",
                STAFF_RECORD,
                member.id,
            )
        )
    if facts.training:
        renewal = facts.training.renewal_due_on
        window = rules.due_window(renewal, on)
        if window:
            alerts.append(
                Alert(
                    _DUE_SEVERITY[window],
                    _due_text(f"{name}'s safeguarding training renewal", renewal, window, on),
                    STAFF_RECORD,
                    member.id,
                )
            )
    return alerts
