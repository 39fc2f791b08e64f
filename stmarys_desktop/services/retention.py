"""The retention review and disposal (clause viii), as the ICO expects: reviewed,
recorded, irreversible.

The review lists families and staff not used for three years (policy/retention.py
says what "used" means), with counts of what each record holds and since when
it is unused; open exceptions and legal holds are listed as held and not
offered. Disposal is one transaction: every selected record or none. Free
pages are then cleared, and the disposal register keeps what went, never what
it said.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.errors import DiskFull, InvalidInput, StMarysError
from stmarys_desktop.domain.retention import Certificate, DisposalEntry, DueRecord
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.domain.words import plural
from stmarys_desktop.policy import retention as rules
from stmarys_desktop.services import checks
from stmarys_desktop.services import policy_documents as policy_in_force
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import retention as retention_store
from stmarys_desktop.store.backup import SUFFIX as BACKUP_SUFFIX
from stmarys_desktop.store.database import Connection, foreign_key_actions_by_hand, plain_errors
from stmarys_desktop.store.files import room_to_rebuild

Progress = Callable[[int, int, str], None]
DISPOSAL_GROUP = 50
WIPE_NOT_FINISHED = (
    "The records were disposed of and are in the disposal register, but there was not "
    "enough disk space to finish clearing the space they used. Free some space; the "
    "clearing is finished the next time the centre is opened."
)


class DisposalCancelled(StMarysError):
    """Stopped before the end: the transaction was rolled back, nothing was deleted."""


@dataclass(frozen=True)
class Review:
    as_of: date
    due: list[DueRecord]
    held: list[DueRecord]
    old_backups: list[Path] = field(default_factory=list)

    @property
    def reminder(self) -> str:
        return (
            "Backups made before a disposal still hold the disposed records until the "
            "backups themselves are deleted."
        )


def _as_of(session: Session, as_of: date | None) -> date:
    today = session.centre.clock().date()
    day = as_of or today
    problem = rules.review_date_problem(day, today)
    if problem:
        raise InvalidInput(problem)
    return day


def review(
    session: Session, as_of: date | None = None, backup_folders: list[Path] | None = None
) -> Review:
    session.require(Permission.RETENTION_REVIEW, "run the retention review")
    day = _as_of(session, as_of)
    due, held = _due_and_held(session.centre.conn, day)
    session.audit(
        action="retention.review",
        detail=f"as of {day.isoformat()}: {len(due)} due, {len(held)} held",
    )
    return Review(day, due, held, old_backups(session, day, backup_folders or []))


def _due_and_held(conn: Connection, day: date) -> tuple[list[DueRecord], list[DueRecord]]:
    """What the review finds, read only (no audit row), so disposal can ask it again
    inside its own transaction."""
    cutoff = rules.cutoff(day)
    families = retention_store.due_families(conn, cutoff)
    staff = retention_store.due_staff(conn, cutoff)
    family_counts = retention_store.family_counts(conn, [f.record_id for f in families])
    staff_counts = retention_store.staff_counts(conn, [s.record_id for s in staff])
    family_holds = retention_store.family_holds(conn)
    staff_holds = retention_store.staff_holds(conn)
    due: list[DueRecord] = []
    held: list[DueRecord] = []
    for family_id, reference, last_used in families:
        exceptions, reasons = family_holds.get(family_id, ([], []))
        hold = rules.hold_for(exceptions, reasons)
        record = DueRecord(
            "family",
            family_id,
            reference,
            last_used,
            family_counts[family_id],
            hold.reason if hold else "",
        )
        (held if hold else due).append(record)
    for staff_id, reference, last_used in staff:
        hold = rules.hold_for([], staff_holds.get(staff_id, []))
        record = DueRecord(
            "staff",
            staff_id,
            reference,
            last_used,
            staff_counts[staff_id],
            hold.reason if hold else "",
        )
        (held if hold else due).append(record)
    return due, held


def due_count(session: Session, today: date) -> int:
    """For the start screen: how many records are due (no audit row: it is a count)."""
    return retention_store.count_due(session.centre.conn, rules.cutoff(today))


def old_backups(session: Session, as_of: date, folders: list[Path]) -> list[Path]:
    """Backup files older than the retention period, which still hold disposed records."""
    cutoff = datetime.combine(rules.cutoff(as_of), datetime.min.time()).timestamp()
    found = []
    for folder in [session.centre.files.backups, *folders]:
        if folder.is_dir():
            found += [p for p in folder.glob(f"*{BACKUP_SUFFIX}") if p.stat().st_mtime < cutoff]
    return sorted(found)


def dispose(
    session: Session,
    *,
    as_of: date,
    family_ids: list[int],
    staff_ids: list[int],
    manager_password: str,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Certificate:
    """Delete the chosen records, all in one transaction, then clear the free pages."""
    session.require_with_password(
        Permission.RETENTION_REVIEW, "dispose of records", manager_password
    )
    current = review(session, as_of)
    offered = {(r.category, r.id): r for r in current.due}
    chosen = [("family", i) for i in family_ids] + [("staff", i) for i in staff_ids]
    if not chosen:
        raise InvalidInput("Choose what to dispose of first.")
    missing = [key for key in chosen if key not in offered]
    if missing:
        raise InvalidInput(
            "Only records the review lists as due, and not held, can be "
            "disposed of; run the review again."
        )
    items = [offered[key] for key in chosen]
    centre = session.centre
    free, needed = room_to_rebuild(centre.files)
    if free < needed:
        raise DiskFull(
            f"Disposal needs about {needed // 1_000_000 + 1} MB of free disk space "
            "to clear the space afterwards, and there is less. Nothing was "
            "deleted; free some space and try again."
        )
    at = centre.now()
    # Families a few dozen at a time (each group in a handful of statements, D334), so
    # that progress moves and Stop is heard between groups; staff one by one.
    families = [item for item in items if item.category == "family"]
    groups = [families[i : i + DISPOSAL_GROUP] for i in range(0, len(families), DISPOSAL_GROUP)]
    groups += [[item] for item in items if item.category == "staff"]
    with foreign_key_actions_by_hand(centre.conn), centre.transaction() as conn:
        # Asked again under the write lock: another desk may have booked a session,
        # opened a family or placed a hold since the review above.
        still_due = {(r.category, r.id) for r in _due_and_held(conn, current.as_of)[0]}
        if any(key not in still_due for key in chosen):
            raise InvalidInput(
                "Some of the chosen records were used or held since the "
                "review, so nothing was deleted; run the review again."
            )
        batch = retention_store.next_batch(conn)
        done = 0
        for group in groups:
            if cancelled is not None and cancelled():
                raise DisposalCancelled("Disposal was stopped; nothing was deleted.")
            if group[0].category == "family":
                retention_store.dispose_families(conn, [item.id for item in group])
            else:
                retention_store.dispose_staff(conn, group[0].id, at)
            for item in group:
                retention_store.register_disposal(
                    conn,
                    reference=item.reference,
                    category=item.category,
                    counts=item.counts,
                    last_used_on=item.last_used_on,
                    disposed_at=at,
                    authorised_by=session.user_name,
                    batch=batch,
                )
            done += len(group)
            if progress:
                progress(done, len(items), f"{done:,} of {len(items):,} records")
        if cancelled is not None and cancelled():  # stopped after the last: still in time
            raise DisposalCancelled("Disposal was stopped; nothing was deleted.")
        retention_store.mark_clearing_pending(conn, batch)
        session.audit(
            action="retention.dispose",
            detail=f"batch {batch}: {len(items)} records disposed of "
            f"(review as of {as_of.isoformat()})",
        )
    if progress:
        progress(len(items), len(items), "Clearing the space the records used…")
    try:
        with plain_errors(centre.files.database):
            retention_store.finish_clearing(centre.conn)
    except DiskFull:
        raise DiskFull(WIPE_NOT_FINISHED) from None
    # The certificate names the manager who authorised it, not their sign-in name.
    return Certificate(
        batch,
        at,
        session.account.display_name,
        session.centre_name,
        items,
        policy_says=policy_in_force.citation(session, Clause.VIII).sentence,
    )


def place_hold(
    session: Session, *, family_id: int | None = None, staff_id: int | None = None, reason: str
) -> int:
    session.require(Permission.RETENTION_REVIEW, "place a legal hold")
    text = checks.free_text(reason, "The reason for the hold", 500)
    if not text:
        raise InvalidInput("Say why the records are held.")
    if (family_id is None) == (staff_id is None):
        raise InvalidInput("A hold is on one family or one member of staff.")
    centre = session.centre
    with centre.transaction() as conn:
        hold_id = retention_store.place_hold(
            conn,
            family_id=family_id,
            staff_id=staff_id,
            reason=text,
            placed_by=session.user_name,
            placed_at=centre.now(),
        )
        session.audit(
            action="retention.hold",
            detail=f"hold {hold_id} on {'family' if family_id else 'staff'} "
            f"{family_id or staff_id}",
        )
    return hold_id


def lift_hold(session: Session, hold_id: int) -> None:
    session.require(Permission.RETENTION_REVIEW, "lift a legal hold")
    centre = session.centre
    with centre.transaction() as conn:
        if not retention_store.lift_hold(
            conn, hold_id, lifted_by=session.user_name, lifted_at=centre.now()
        ):
            raise InvalidInput("That hold is not in place.")
        session.audit(action="retention.lift_hold", detail=f"hold {hold_id}")


def delete_old_backups(session: Session, paths: list[Path], as_of: date | None = None) -> int:
    """Delete backups older than the retention period (offered by the review)."""
    session.require(Permission.RETENTION_REVIEW, "delete old backups")
    day = _as_of(session, as_of)
    allowed = set(old_backups(session, day, sorted({p.parent for p in paths})))
    if any(p not in allowed for p in paths):
        raise InvalidInput("Only backups older than three years are deleted here.")
    deleted = 0
    try:
        for path in paths:
            try:
                path.unlink()
            except FileNotFoundError:
                continue  # already gone, which is what was wanted
            except OSError as exc:
                raise StMarysError(
                    f"The backup {path} could not be deleted "
                    f"({(exc.strerror or 'the system refused').lower()}); "
                    f"{plural(deleted, 'older backup')} "
                    f"{'was' if deleted == 1 else 'were'} deleted before it and the rest "
                    "were left."
                ) from None
            deleted += 1
    finally:  # what was deleted is logged, even when one file refused
        session.audit(
            action="retention.old_backups",
            detail=f"{deleted} of {len(paths)} backups older than the retention period deleted",
        )
    return deleted


def disposal_register(session: Session, batch: int | None = None) -> list[DisposalEntry]:
    session.require(Permission.RETENTION_REVIEW, "see the disposal register")
    return [
        DisposalEntry(*row) for row in retention_store.disposal_register(session.centre.conn, batch)
    ]
