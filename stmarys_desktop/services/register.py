"""Today's register (DESIGN.md section 5): check-in of the people named on the
referral only, check-out, no-shows and cancellations, attendance history.

What the register means is policy/attendance.py's: "attended" only when the visiting
parent and every child arrived; otherwise who did not come, with when it was known.
Every check-in, check-out, undo and correction is also kept in attendance_change, so
the chronology shows what was recorded first as well as what stands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stmarys_desktop.domain.decisions import Decision, allowed, refused
from stmarys_desktop.domain.errors import (
    InvalidInput,
    NotAdmitted,
    NotFound,
    ReasonNeeded,
    RecordChanged,
)
from stmarys_desktop.domain.incidents import IncidentDraft, IncidentKind
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.domain.sessions import (
    CANCELLED_BY,
    AttendanceLine,
    Attendee,
    DidNotCome,
    RegisterEntry,
    SessionStatus,
)
from stmarys_desktop.policy import attendance
from stmarys_desktop.policy.planner import minutes
from stmarys_desktop.services import checks, incidents, staff
from stmarys_desktop.services.bookings import clock_time
from stmarys_desktop.services.session import Session
from stmarys_desktop.services.settings import WholeNumberSetting
from stmarys_desktop.store import families as family_store
from stmarys_desktop.store import sessions as session_store

CHANGED = (
    "This session was changed at another desk after you opened the register; nothing "
    "was saved. The register has been refreshed."
)


def require_register(session: Session, doing: str) -> None:
    """The register names families and the people on their referrals: the start
    screen's permission and the families' (which clause vi withholds from a login whose
    member of staff is not cleared)."""
    session.require(Permission.VIEW_TODAY, doing)
    session.require(Permission.VIEW_FAMILIES, doing)


def todays_register(session: Session, day: date | None = None) -> list[RegisterEntry]:
    require_register(session, "see today's sessions")
    staff.rota_as_it_stands(session)
    return session_store.register(session.centre.conn, day or session.centre.clock().date())


def _entry(session: Session, session_id: int) -> RegisterEntry:
    record = session_store.session_record(session.centre.conn, session_id)
    if record is None:
        raise NotFound("That session is no longer on the system.")
    entry = next(
        (
            e
            for e in session_store.register(session.centre.conn, record.on_date)
            if e.session_id == session_id
        ),
        None,
    )
    assert entry is not None
    return entry


def _now_hhmm(session: Session) -> str:
    return session.centre.clock().strftime("%H:%M")


LATE_SETTING = "late_check_in_minutes"
LATE_CHECK_IN = WholeNumberSetting(
    LATE_SETTING,
    attendance.DEFAULT_LATE_MINUTES,
    0,
    240,
    doing="change the late check-in setting",
    out_of_range="The late check-in time must be between 0 and 240 minutes.",
    action="setting.late_check_in",
    detail="{value} minutes",
)


def late_minutes(session: Session) -> int:
    """How long after their time someone may check in without giving a reason (D143)."""
    return LATE_CHECK_IN.read(session)


def set_late_minutes(session: Session, value: int) -> None:
    LATE_CHECK_IN.change(session, value)


def expected(entry: RegisterEntry) -> attendance.Expected:
    return attendance.Expected(
        entry.visiting_parent_id, frozenset(a.person_id for a in entry.named if a.kind == "child")
    )


def _arrived(entry: RegisterEntry) -> set[int]:
    return {a.person_id for a in entry.named if a.arrived_at}


def who_did_not_come(entry: RegisterEntry) -> DidNotCome | None:
    """What "did not attend" would record now, from who has checked in."""
    return attendance.missing(expected(entry), _arrived(entry))


def _due_at(entry: RegisterEntry, person: Attendee) -> str:
    """When this person is due at the door: the children come with the first to arrive."""
    if person.kind == "child" or person.person_id == entry.arrivals[0].person_id:
        return entry.arrivals[0].at
    return entry.starts


def late_check_in(session: Session, entry: RegisterEntry, person: Attendee) -> str | None:
    """The question to ask when checking this person in now is long after their time."""
    due = _due_at(entry, person)
    now = session.centre.clock()
    if entry.on_date != now.date() or not attendance.needs_late_reason(
        minutes(due), now.hour * 60 + now.minute, late_minutes(session)
    ):
        return None
    late = attendance.late_by(minutes(due), now.hour * 60 + now.minute)
    return (
        f"{person.full_name} was due at {due} and is checking in {late} minutes later. "
        "Say why, for the register."
    )


def _settle(conn, session: Session, before: RegisterEntry, arrived: set[int]) -> None:
    """Bring the session's status in line with who has arrived (D141): attended only when
    the visiting parent and every child did; a past session someone missed says who."""
    centre = session.centre
    who = attendance.missing(expected(before), arrived)
    status, did_not_come, known = before.status, before.did_not_come, before.known_at
    if before.status is SessionStatus.CANCELLED:
        return
    if who is None:
        status, did_not_come, known = SessionStatus.ATTENDED, "", None
    elif before.on_date < centre.clock().date():
        if before.status is not SessionStatus.NO_SHOW or before.did_not_come != who.value:
            status, did_not_come, known = SessionStatus.NO_SHOW, who.value, centre.now()
    elif before.status is SessionStatus.ATTENDED:
        status, did_not_come, known = SessionStatus.BOOKED, "", None
    elif before.status is SessionStatus.NO_SHOW:
        did_not_come = who.value
    if (status, did_not_come, known) == (before.status, before.did_not_come, before.known_at):
        return
    if not session_store.set_status(
        conn,
        before.session_id,
        before.version,
        status,
        before.cancelled_by,
        did_not_come=did_not_come,
        known_at=known,
    ):
        raise RecordChanged(CHANGED)


def _named(entry: RegisterEntry, person_id: int) -> Attendee:
    person = next((a for a in entry.named if a.person_id == person_id), None)
    if person is None:
        raise InvalidInput("That person is not named on this family's referral.")
    return person


def check_in(
    session: Session, session_id: int, person_id: int, late_reason: str = ""
) -> RegisterEntry:
    """Admit one person. Only the people the referral names can be checked in; the
    session becomes "attended" once the visiting parent and every child have arrived."""
    session.require(Permission.RUN_REGISTER, "check people in")
    entry = _entry(session, session_id)
    centre = session.centre
    if entry.on_date != centre.clock().date():
        raise InvalidInput(
            "Only today's sessions can be checked in. A coordinator can "
            "correct another day's register, with a reason."
        )
    if entry.status in (SessionStatus.CANCELLED, SessionStatus.NO_SHOW):
        raise InvalidInput(f"This session is recorded as {entry.status.label.lower()}.")
    person = next((a for a in entry.named if a.person_id == person_id), None)
    if person is None:
        session.audit(
            action="register.check_in",
            subject=entry.reference,
            detail=f"person {person_id} not named on the referral: not admitted",
            outcome="refused",
        )
        raise NotAdmitted(
            "This person is not named on the family's referral, so they cannot "
            "be admitted. If they are at the door, record an incident."
        )
    if person.here:
        raise InvalidInput(f"{person.full_name} is already checked in.")
    reason = checks.free_text(late_reason, "The reason for the late check-in", 500)
    question = late_check_in(session, entry, person)
    if question and not reason:
        raise ReasonNeeded(question)
    at = _now_hhmm(session)
    with centre.transaction() as conn:
        session_store.arrived(
            conn, session_id, person_id, at, session.user_name, reason if question else ""
        )
        session_store.log_change(
            conn,
            session_id=session_id,
            person_id=person_id,
            made_at=centre.now(),
            made_by=session.user_name,
            action="check_in",
            detail=f"{person.full_name} arrived at {at}",
            reason=reason if question else "",
        )
        _settle(conn, session, entry, _arrived(entry) | {person_id})
        family_store.touch(conn, entry.family_id, centre.now())
        session.audit(
            action="register.check_in",
            subject=entry.reference,
            detail=f"person {person_id}" + ("; late, reason given" if question else ""),
        )
    return _entry(session, session_id)


def check_out(session: Session, session_id: int, person_id: int) -> RegisterEntry:
    session.require(Permission.RUN_REGISTER, "check people out")
    entry = _entry(session, session_id)
    person = _named(entry, person_id)
    centre = session.centre
    at = _now_hhmm(session)
    with centre.transaction() as conn:
        if not session_store.left(conn, session_id, person_id, at, session.user_name):
            raise InvalidInput("Only someone who is checked in can be checked out.")
        session_store.log_change(
            conn,
            session_id=session_id,
            person_id=person_id,
            made_at=centre.now(),
            made_by=session.user_name,
            action="check_out",
            detail=f"{person.full_name} left at {at}",
        )
        family_store.touch(conn, entry.family_id, centre.now())
        session.audit(
            action="register.check_out",
            subject=entry.reference,
            detail=f"person {person_id}",
        )
    return _entry(session, session_id)


def undo_refusal(session: Session, entry: RegisterEntry, person: Attendee) -> str | None:
    """Why the person's latest check-in or check-out cannot be undone by this user now,
    or None when it can (the screen offers Undo on this answer)."""
    if person.arrived_at is None:
        return "Choose someone who is checked in or out."
    made_by = person.left_by if person.left_at else person.arrived_by
    return attendance.may_undo(
        made_by, session.user_name, entry.on_date == session.centre.clock().date()
    )


def undo_latest(session: Session, session_id: int, person_id: int) -> RegisterEntry:
    """Undo the person's check-out if they have left, else their check-in: a mistake,
    undone the same day by whoever made it (D144)."""
    entry = _entry(session, session_id)
    person = _named(entry, person_id)
    departure = person.left_at is not None
    what = "check-out" if departure else "check-in"
    session.require(Permission.RUN_REGISTER, f"undo a {what}")
    if person.arrived_at is None:
        raise InvalidInput(f"{person.full_name} is not checked in.")
    at = person.left_at if departure else person.arrived_at
    refused = attendance.may_undo(
        person.left_by if departure else person.arrived_by,
        session.user_name,
        entry.on_date == session.centre.clock().date(),
    )
    if refused:
        raise InvalidInput(refused)
    action = "undo_check_out" if departure else "undo_check_in"
    # Undoing a check-out leaves who came as it was, so the outcome settles where it stood
    # (D262); undoing a check-in takes the person off the list of who came.
    came = _arrived(entry) if departure else _arrived(entry) - {person_id}
    centre = session.centre
    with centre.transaction() as conn:
        if departure:
            session_store.clear_departure(conn, session_id, person_id)
        else:
            session_store.remove_arrival(conn, session_id, person_id)
        session_store.log_change(
            conn,
            session_id=session_id,
            person_id=person_id,
            made_at=centre.now(),
            made_by=session.user_name,
            action=action,
            detail=f"{what} of {person.full_name} at {at} undone",
        )
        _settle(conn, session, entry, came)
        session.audit(
            action=f"register.{action}",
            subject=entry.reference,
            detail=f"person {person_id}",
        )
    return _entry(session, session_id)


# The sessions whose people can still be checked in or out on the day.
OPEN = (SessionStatus.BOOKED, SessionStatus.ATTENDED)


@dataclass(frozen=True)
class RegisterOffers:
    """What Today offers for the chosen session and person, and why not, as `check_in`,
    `check_out`, `undo_latest`, `record_no_show`, `cancel_session`, `refuse_unnamed` (the
    door) and the register's printout would decide it. `running` is the person's standing
    on the register itself (their roles, clause vi), the line under the screen's buttons."""

    running: Decision
    check_in: Decision
    check_out: Decision
    no_show: Decision
    cancel: Decision
    undo: Decision
    door: Decision
    print: Decision


def register_offers(
    session: Session, entry: RegisterEntry | None, person: Attendee | None
) -> RegisterOffers:
    """Today's buttons for `entry` and `person` (None when nothing is chosen); nothing is
    read or logged."""
    running = session.may(Permission.RUN_REGISTER, "run the register")

    def offered(possible: bool, hint: str) -> Decision:
        if not running.allowed:
            return running
        return allowed() if possible else refused(hint)

    is_open = entry is not None and entry.status in OPEN
    booked = entry is not None and entry.status is SessionStatus.BOOKED
    if entry is not None and person is not None:
        undo_refused = undo_refusal(session, entry, person)
        undo = offered(undo_refused is None, undo_refused or "")
    else:
        undo = offered(False, "Choose a named person who is checked in or out.")
    return RegisterOffers(
        running=running,
        check_in=offered(
            is_open and person is not None and not person.here,
            "Choose a named person who is not checked in.",
        ),
        check_out=offered(
            is_open and person is not None and person.here,
            "Choose a named person who is checked in.",
        ),
        no_show=offered(booked, "Choose a booked session that nobody has come to."),
        cancel=offered(
            booked and entry is not None and not any(a.arrived_at for a in entry.named),
            "Choose a booked session that nobody has arrived for.",
        ),
        undo=undo,
        door=offered(entry is not None, "Choose the session they came to."),
        print=session.may(Permission.VIEW_FAMILIES, "print the register"),
    )


@dataclass(frozen=True)
class DayOffers:
    """What the register of another day offers for the chosen session and person, and why
    not, as `correct_attendance` and the series' move and cancel would decide it.
    `correcting` and `booking` are the person's standing (their roles), the lines under the
    dialog's buttons."""

    correcting: Decision
    booking: Decision
    correct: Decision
    move: Decision
    cancel: Decision


def day_offers(session: Session, entry: RegisterEntry | None, person: Attendee | None) -> DayOffers:
    """The buttons of another day's register for `entry` and `person` (None when nothing is
    chosen); nothing is read or logged."""
    correcting = session.may(Permission.CORRECT_ATTENDANCE, "correct the register")
    booking = session.may(Permission.BOOK_SESSIONS, "move or cancel sessions")
    if not correcting.allowed:
        correct = correcting
    elif entry is None or person is None:
        correct = refused("Choose a session and a named person.")
    elif entry.status is SessionStatus.CANCELLED:
        correct = refused("A cancelled session has no attendance.")
    elif entry.on_date > session.centre.clock().date():
        correct = refused("That session has not happened yet.")
    else:
        correct = allowed()
    changeable = (
        entry is not None
        and entry.status is SessionStatus.BOOKED
        and not any(a.arrived_at for a in entry.named)
    )
    change = (
        booking
        if not booking.allowed
        else allowed()
        if changeable
        else refused("Choose a booked session nobody has arrived for.")
    )
    return DayOffers(correcting, booking, correct, change, change)


def register_of_day(session: Session, day: date) -> list[RegisterEntry]:
    """Another day's register, to read (and, for a coordinator, to correct)."""
    require_register(session, "see the register")
    staff.rota_as_it_stands(session)
    return session_store.register(session.centre.conn, day)


def _times_text(arrived: str | None, left: str | None, absent: str) -> str:
    if not arrived:
        return absent
    return f"arrived {arrived}" + (f", left {left}" if left else "")


def correct_attendance(
    session: Session,
    session_id: int,
    person_id: int,
    *,
    arrived_at: str | None,
    left_at: str | None,
    reason: str,
) -> RegisterEntry:
    """A coordinator puts the register right after the day, with a reason (D145). What
    was first recorded stays in the chronology; the session's outcome follows."""
    session.require(Permission.CORRECT_ATTENDANCE, "correct the register")
    text = checks.free_text(reason, "The reason for the correction", 500)
    if not text:
        raise InvalidInput("Say why the register is being corrected. Nothing was changed.")
    entry = _entry(session, session_id)
    person = _named(entry, person_id)
    centre = session.centre
    if entry.on_date > centre.clock().date():
        raise InvalidInput(
            "That session has not happened yet, so there is no attendance to correct."
        )
    if entry.status is SessionStatus.CANCELLED:
        raise InvalidInput("That session was cancelled, so there is no attendance to correct.")
    arrived = clock_time(arrived_at, "The arrival time") if arrived_at else None
    left = clock_time(left_at, "The departure time") if left_at else None
    if left and not arrived:
        raise InvalidInput("Someone who did not arrive cannot have left. Nothing was changed.")
    if arrived and left and left < arrived:
        raise InvalidInput(
            f"The departure time ({left}) is before the arrival time "
            f"({arrived}). Nothing was changed."
        )
    if (arrived, left) == (person.arrived_at, person.left_at):
        raise InvalidInput("Those are the times already recorded. Nothing was changed.")
    was = _times_text(person.arrived_at, person.left_at, "not arrived")
    now = _times_text(arrived, left, "did not come")
    now_arrived = (_arrived(entry) | {person_id}) if arrived else (_arrived(entry) - {person_id})
    with centre.transaction() as conn:
        session_store.set_times(conn, session_id, person_id, arrived, left, session.user_name)
        session_store.log_change(
            conn,
            session_id=session_id,
            person_id=person_id,
            made_at=centre.now(),
            made_by=session.user_name,
            action="correction",
            detail=f"{person.full_name}: {now} (was {was})",
            reason=text,
        )
        _settle(conn, session, entry, now_arrived)
        family_store.touch(conn, entry.family_id, centre.now())
        session.audit(
            action="register.correct",
            subject=entry.reference,
            detail=f"{entry.on_date.isoformat()} {entry.starts}, person {person_id}: "
            f"{now} (was {was})",
        )
    return _entry(session, session_id)


def record_no_show(session: Session, session_id: int, expected_version: int) -> RegisterEntry:
    """The session did not take place: records who did not come, from the check-ins."""
    session.require(Permission.RUN_REGISTER, "record a missed session")
    entry = _entry(session, session_id)
    if entry.status is not SessionStatus.BOOKED:
        raise InvalidInput(f"This session is already recorded as {entry.status.label.lower()}.")
    now = session.centre.clock()
    if entry.on_date > now.date() or (
        entry.on_date == now.date() and _now_hhmm(session) < entry.starts
    ):
        raise InvalidInput(
            "The session has not started yet. If someone has said they will "
            "not come, cancel it instead, saying who cancelled."
        )
    who = who_did_not_come(entry)
    if who is None:
        raise InvalidInput(
            "The visiting parent and every child have arrived: the session took place."
        )
    return _set_status(
        session,
        entry,
        expected_version,
        SessionStatus.NO_SHOW,
        "",
        "register.no_show",
        did_not_come=who.value,
    )


def cancel_session(
    session: Session, session_id: int, expected_version: int, cancelled_by: str
) -> RegisterEntry:
    session.require(Permission.RUN_REGISTER, "cancel a session")
    if cancelled_by not in CANCELLED_BY:
        raise InvalidInput("Say who cancelled: " + ", ".join(CANCELLED_BY) + ".")
    entry = _entry(session, session_id)
    if entry.status is not SessionStatus.BOOKED or any(a.arrived_at for a in entry.named):
        raise InvalidInput("Only a session nobody has arrived for can be cancelled.")
    return _set_status(
        session, entry, expected_version, SessionStatus.CANCELLED, cancelled_by, "register.cancel"
    )


def _set_status(
    session: Session,
    entry: RegisterEntry,
    expected_version: int,
    status: SessionStatus,
    cancelled_by: str,
    action: str,
    *,
    did_not_come: str = "",
) -> RegisterEntry:
    centre = session.centre
    with centre.transaction() as conn:
        if not session_store.set_status(
            conn,
            entry.session_id,
            expected_version,
            status,
            cancelled_by,
            did_not_come=did_not_come,
            known_at=centre.now(),
        ):
            raise RecordChanged(CHANGED)
        family_store.touch(conn, entry.family_id, centre.now())
        session.audit(
            action=action,
            subject=entry.reference,
            detail=f"{entry.on_date.isoformat()} {entry.starts}"
            + (f", by the {cancelled_by}" if cancelled_by else "")
            + (f", {DidNotCome(did_not_come).sentence.lower()}" if did_not_come else ""),
        )
    return _entry(session, entry.session_id)


def refuse_unnamed(session: Session, session_id: int) -> None:
    """Someone not named on the referral was turned away at the door: audited, whether or
    not an incident is recorded about it."""
    session.require(Permission.RUN_REGISTER, "run the register")
    entry = _entry(session, session_id)
    session.audit(
        action="register.check_in",
        subject=entry.reference,
        outcome="refused",
        detail="an adult not named on the referral came to the door: not admitted",
    )


def refuse_at_door(session: Session, session_id: int, description: str) -> int:
    """Someone not named on the referral came to the door: record it as an incident."""
    entry = _entry(session, session_id)
    return incidents.record_incident(
        session,
        IncidentDraft(
            kind=IncidentKind.OTHER,
            occurred_at=session.centre.clock(),
            family_id=entry.family_id,
            place="Entrance",
            seen_and_heard=description
            or "An adult not named on the referral asked to come in and was not admitted.",
            action_taken="Not admitted; the named people were told.",
        ),
    )


def attendance_history(session: Session, family_id: int) -> list[AttendanceLine]:
    session.require(Permission.VIEW_FAMILIES, "see a family's attendance")
    if not family_store.family_exists(session.centre.conn, family_id):
        raise NotFound("That family is no longer on the system.")
    return session_store.history(session.centre.conn, family_id)
