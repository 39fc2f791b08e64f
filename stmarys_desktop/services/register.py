"""Today's register (DESIGN.md section 5): check-in of the people named on the
referral only, check-out, no-shows and cancellations, attendance history."""

from __future__ import annotations

from datetime import date

from stmarys_desktop.domain.errors import InvalidInput, NotAdmitted, NotFound, RecordChanged
from stmarys_desktop.domain.incidents import IncidentDraft, IncidentKind
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.domain.sessions import (
    CANCELLED_BY,
    AttendanceLine,
    RegisterEntry,
    SessionStatus,
)
from stmarys_desktop.services import incidents
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import families as family_store
from stmarys_desktop.store import sessions as session_store

CHANGED = ("This session was changed at another desk after you opened the register; nothing "
           "was saved. The register has been refreshed.")


def _require_register(session: Session, doing: str) -> None:
    """The register names families and the people on their referrals: the start
    screen's permission and the families' (which clause vi withholds from a login whose
    member of staff is not cleared)."""
    session.require(Permission.VIEW_TODAY, doing)
    session.require(Permission.VIEW_FAMILIES, doing)


def todays_register(session: Session, day: date | None = None) -> list[RegisterEntry]:
    _require_register(session, "see today's sessions")
    return session_store.register(session.centre.conn, day or session.centre.clock().date())


def register_printout(session: Session, day: date | None = None) -> list[RegisterEntry]:
    """The day's register for printing: an internal printout (clause i), so it is logged.

    Those who may see the register may print it. It covers many families and goes to
    nobody outside the centre, so it is one audit row, not a disclosure per family."""
    _require_register(session, "print the register")
    on = day or session.centre.clock().date()
    entries = session_store.register(session.centre.conn, on)
    count = len(entries)
    session.centre.record(actor=session.user_name, action="register.print",
                          subject=on.isoformat(),
                          detail=f"{count} session{'s' if count != 1 else ''}, "
                                 "marked confidential")
    return entries


def _entry(session: Session, session_id: int) -> RegisterEntry:
    row = session_store.session_row(session.centre.conn, session_id)
    if row is None:
        raise NotFound("That session is no longer on the system.")
    day = date.fromisoformat(row[4])
    entry = next((e for e in session_store.register(session.centre.conn, day)
                  if e.session_id == session_id), None)
    assert entry is not None
    return entry


def _now_hhmm(session: Session) -> str:
    return session.centre.clock().strftime("%H:%M")


def check_in(session: Session, session_id: int, person_id: int) -> RegisterEntry:
    """Admit one person. Only the people the referral names can be checked in."""
    session.require(Permission.RUN_REGISTER, "check people in")
    entry = _entry(session, session_id)
    centre = session.centre
    if entry.on_date != centre.clock().date():
        raise InvalidInput("Only today's sessions can be checked in.")
    if entry.status in (SessionStatus.CANCELLED, SessionStatus.NO_SHOW):
        raise InvalidInput(f"This session is recorded as {entry.status.label.lower()}.")
    person = next((a for a in entry.named if a.person_id == person_id), None)
    if person is None:
        centre.record(actor=session.user_name, action="register.check_in",
                      subject=entry.reference, detail=f"person {person_id} not named on the "
                      "referral: not admitted", outcome="refused")
        raise NotAdmitted("This person is not named on the family's referral, so they cannot "
                          "be admitted. If they are at the door, record an incident.")
    if person.here:
        raise InvalidInput(f"{person.full_name} is already checked in.")
    with centre.transaction() as conn:
        session_store.arrived(conn, session_id, person_id, _now_hhmm(session))
        if entry.status is SessionStatus.BOOKED and not session_store.set_status(
                conn, session_id, entry.version, SessionStatus.ATTENDED):
            raise RecordChanged(CHANGED)
        family_store.touch(conn, entry.family_id, centre.now())
        centre.audit(actor=session.user_name, action="register.check_in",
                     subject=entry.reference, detail=f"person {person_id}")
    return _entry(session, session_id)


def check_out(session: Session, session_id: int, person_id: int) -> RegisterEntry:
    session.require(Permission.RUN_REGISTER, "check people out")
    entry = _entry(session, session_id)
    centre = session.centre
    with centre.transaction() as conn:
        if not session_store.left(conn, session_id, person_id, _now_hhmm(session)):
            raise InvalidInput("Only someone who is checked in can be checked out.")
        family_store.touch(conn, entry.family_id, centre.now())
        centre.audit(actor=session.user_name, action="register.check_out",
                     subject=entry.reference, detail=f"person {person_id}")
    return _entry(session, session_id)


def record_no_show(session: Session, session_id: int, expected_version: int) -> RegisterEntry:
    session.require(Permission.RUN_REGISTER, "record a missed session")
    entry = _entry(session, session_id)
    if entry.status is not SessionStatus.BOOKED:
        raise InvalidInput(f"This session is already recorded as {entry.status.label.lower()}.")
    if entry.on_date > session.centre.clock().date():
        raise InvalidInput("A session in the future cannot be missed yet; cancel it instead.")
    return _set_status(session, entry, expected_version, SessionStatus.NO_SHOW, "",
                       "register.no_show")


def cancel_session(session: Session, session_id: int, expected_version: int,
                   cancelled_by: str) -> RegisterEntry:
    session.require(Permission.RUN_REGISTER, "cancel a session")
    if cancelled_by not in CANCELLED_BY:
        raise InvalidInput("Say who cancelled: " + ", ".join(CANCELLED_BY) + ".")
    entry = _entry(session, session_id)
    if entry.status is not SessionStatus.BOOKED or any(a.arrived_at for a in entry.named):
        raise InvalidInput("Only a session nobody has arrived for can be cancelled.")
    return _set_status(session, entry, expected_version, SessionStatus.CANCELLED, cancelled_by,
                       "register.cancel")


def _set_status(session: Session, entry: RegisterEntry, expected_version: int,
                status: SessionStatus, cancelled_by: str, action: str) -> RegisterEntry:
    centre = session.centre
    with centre.transaction() as conn:
        if not session_store.set_status(conn, entry.session_id, expected_version, status,
                                        cancelled_by):
            raise RecordChanged(CHANGED)
        family_store.touch(conn, entry.family_id, centre.now())
        centre.audit(actor=session.user_name, action=action, subject=entry.reference,
                     detail=f"{entry.on_date.isoformat()} {entry.starts}"
                            + (f", by the {cancelled_by}" if cancelled_by else ""))
    return _entry(session, entry.session_id)


def refuse_unnamed(session: Session, session_id: int) -> None:
    """Someone not named on the referral was turned away at the door: audited, whether or
    not an incident is recorded about it."""
    session.require(Permission.RUN_REGISTER, "run the register")
    entry = _entry(session, session_id)
    session.centre.record(actor=session.user_name, action="register.check_in",
                          subject=entry.reference, outcome="refused",
                          detail="an adult not named on the referral came to the door: "
                                 "not admitted")


def refuse_at_door(session: Session, session_id: int, description: str) -> int:
    """Someone not named on the referral came to the door: record it as an incident."""
    entry = _entry(session, session_id)
    return incidents.record_incident(session, IncidentDraft(
        kind=IncidentKind.OTHER, occurred_at=session.centre.clock(), family_id=entry.family_id,
        place="Entrance",
        seen_and_heard=description or "An adult not named on the referral asked to come in "
                                      "and was not admitted.",
        action_taken="Not admitted; the named people were told."))


def attendance_history(session: Session, family_id: int) -> list[AttendanceLine]:
    session.require(Permission.VIEW_FAMILIES, "see a family's attendance")
    if not family_store.family_exists(session.centre.conn, family_id):
        raise NotFound("That family is no longer on the system.")
    return session_store.history(session.centre.conn, family_id)
