"""Keeping a cut audit log found (DESIGN.md section 4; issue 16, D120-D125).

The key file's anchor names the newest audit row. Every sign-in checks that row is
still there and unchanged (two indexed reads); a break found is written down once as
evidence and stays reported, by every verify and as an urgent alert on the manager's
start screen, until the manager records what happened. Only then does the anchor move.

Whoever holds the database key can also re-seal the key file, so each backup carries the
chain's head as well: verify compares the chain with the heads of the backups it can
find (the data folder's own, every folder a backup was written to, and any named).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from stmarys_desktop.domain.alerts import URGENT, Alert
from stmarys_desktop.domain.audit_breaks import AuditBreak
from stmarys_desktop.domain.dates import long_stamp
from stmarys_desktop.domain.errors import BackupInvalid, InvalidInput
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services import checks
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import audit, meta
from stmarys_desktop.store import audit_breaks as breaks
from stmarys_desktop.store import backup as backup_store
from stmarys_desktop.store.centre import Centre

BACKUP_FOLDERS_SETTING = "backup_folders"
MAX_BACKUP_FOLDERS = 20
WHERE_TO_EXPLAIN = "Admin > Audit log break"


def check_anchor(centre: Centre, actor: str) -> str | None:
    """At every sign-in and verify: the audit tail against the key file's anchor.

    A break not yet on file is recorded (with an audit row); the sentence is returned."""
    anchor = centre.keystore.anchor
    problem = audit.anchor_problem(centre.conn, anchor)
    if problem is None:
        return None
    if not breaks.is_open_for(centre.conn, *anchor):
        last = audit.tail(centre.conn)[0]
        with centre.transaction() as conn:
            breaks.add(
                conn,
                kind=breaks.CUT,
                found_at=centre.now(),
                anchor=anchor,
                fork_seq=min(last, anchor[0] - 1),
                problem=problem,
            )
            centre.audit(actor=actor, action="audit.break_found", detail=problem, outcome="failed")
    return problem


def open_break_problems(centre: Centre) -> list[str]:
    return [
        f"A break in the audit log was found on {long_stamp(b.found_at[:10])}: {b.problem} What "
        f"happened has not been recorded yet ({WHERE_TO_EXPLAIN})."
        for b in breaks.open_breaks(centre.conn)
    ]


def open_breaks(session: Session) -> list[AuditBreak]:
    session.require(Permission.VERIFY, "see breaks in the audit log")
    return breaks.open_breaks(session.centre.conn)


def explain_break(session: Session, what_happened: str) -> list[int]:
    """The manager records what happened; the break stays on file as evidence, the step
    is audited, and only now does the key file's anchor move to the newest row."""
    session.require(Permission.VERIFY, "record what happened to the audit log")
    text = checks.free_text(what_happened, "What happened", 2000)
    if len(text) < 10:
        raise InvalidInput(
            "Say what happened in a sentence or two: what was found out, "
            "who was told, and where any evidence is kept. Nothing was saved."
        )
    centre = session.centre
    if not breaks.open_breaks(centre.conn):
        raise InvalidInput("There is no break in the audit log waiting to be explained.")
    with centre.transaction() as conn:
        ids = breaks.explain_open(conn, at=centre.now(), by=session.user_name, what_happened=text)
        session.audit(
            action="audit.break_explained",
            detail=f"what happened recorded for break{'s' if len(ids) != 1 else ''} "
            f"{', '.join(map(str, ids))}",
        )
    centre.move_anchor_to_tail()
    return ids


def integrity_alerts(session: Session, _today: object) -> list[Alert]:
    """Urgent on the manager's start screen while a break waits to be explained."""
    if not session.can(Permission.VERIFY):
        return []
    found = breaks.open_breaks(session.centre.conn)
    if not found:
        return []
    return [
        Alert(
            URGENT,
            f"The audit log has been cut or changed: {found[0].problem} "
            f"Find out what happened, then record it: {WHERE_TO_EXPLAIN}.",
        )
    ]


# -- the outside checkpoint: backups' heads ------------------------------------------------


def remember_backup_folder(centre: Centre, folder: Path) -> None:
    """Inside the backup's transaction: verify looks in this folder later."""
    known = backup_folders(centre)
    text = str(folder.resolve())
    if text in known:
        return
    known = [*known, text][-MAX_BACKUP_FOLDERS:]
    meta.put_setting(centre.conn, BACKUP_FOLDERS_SETTING, json.dumps(known))


def backup_folders(centre: Centre) -> list[str]:
    stored = meta.get_setting(centre.conn, BACKUP_FOLDERS_SETTING)
    try:
        found = json.loads(stored) if stored else []
    except ValueError:
        return []
    return [str(f) for f in found] if isinstance(found, list) else []


@dataclass(frozen=True)
class HeadsChecked:
    problems: list[str]
    compared: int


def _found_backups(centre: Centre) -> list[Path]:
    found: set[Path] = set()
    for folder in [centre.files.backups, *map(Path, backup_folders(centre))]:
        try:
            if folder.is_dir():
                found.update(p.resolve() for p in folder.glob(f"*{backup_store.SUFFIX}"))
        except OSError:
            continue  # a USB stick taken out: nothing to compare there today
    return sorted(found)


def backup_head_problems(centre: Centre, named: list[Path]) -> HeadsChecked:
    """A chain shorter than, or different from, a backup's head is reported.

    A backup made before an explained break or a restore, holding rows past where the
    history carrying on forks, belongs to the replaced history and is not compared."""
    problems: list[str] = []
    replaced = breaks.explained(centre.conn)
    last = audit.tail(centre.conn)[0]
    compared = 0
    named_paths = [Path(p).expanduser() for p in named]
    named_resolved = {p.resolve() for p in named_paths}
    candidates = [(p, True) for p in named_paths] + [
        (p, False) for p in _found_backups(centre) if p not in named_resolved
    ]
    for path, was_named in candidates:
        try:
            header = backup_store.read_header(path)
        except BackupInvalid as exc:
            if was_named:
                problems.append(exc.message)
            continue  # a damaged file in a folder is not a break in the chain
        if header.keystore.centre_id != centre.centre_id:
            if was_named:
                problems.append(f"The backup {path} belongs to a different centre.")
            continue
        seq, mac = header.audit_head
        if not seq or any(
            header.created_at < b.explained_at and seq > b.fork_seq
            for b in replaced
            if b.explained_at
        ):
            continue
        compared += 1
        if seq > last:
            problems.append(
                f"The audit log ends at row {last}, but the backup {path} made "
                f"{long_stamp(header.created_at)} holds rows up to {seq}: rows have been cut."
            )
        elif audit.hmac_of(centre.conn, seq) != mac:
            problems.append(
                f"Audit row {seq} differs from the copy in the backup {path} "
                f"made {long_stamp(header.created_at)}."
            )
    return HeadsChecked(problems, compared)
