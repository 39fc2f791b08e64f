"""Run in a child process by the reliability tests: front-desk-like writes, or a fault.

Usage:
  python -m tests.reliability.worker writes FOLDER     (writes until killed, one ACK line each)
  python -m tests.reliability.worker front-desk FOLDER USER PASSWORD   (families, bookings,
      check-ins and -outs, incidents until killed, one ACK line per committed write)
  python -m tests.reliability.worker dispose-window FOLDER PASSWORD hang|clear   (disposes,
      says COMMITTED between the disposal's commit and its clearing)
  python -m tests.reliability.worker file-limit BYTES COMMAND...   (runs COMMAND with a
      maximum file size, so a write past it fails as on a full disk)
"""

from __future__ import annotations

import itertools
import resource
import signal
import sys
from pathlib import Path

from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts
from stmarys_desktop.services.auth import sign_in
from tests.helpers import MANAGER, PASSWORD

ROLE_CYCLE = [[Role.FRONT_DESK], [Role.COORDINATOR], [Role.FRONT_DESK, Role.SAFEGUARDING_LEAD]]


def writes(folder: Path) -> None:
    session = sign_in(folder, MANAGER, PASSWORD)
    start = len(accounts.list_accounts(session))
    for n in itertools.count(start):
        name = f"worker{n}"
        accounts.create_account(
            session,
            user_name=name,
            display_name=f"Worker {n}",
            roles=[Role.FRONT_DESK],
            password=f"password of {name}",
        )
        print(f"ACK create {name}", flush=True)
        roles = ROLE_CYCLE[n % len(ROLE_CYCLE)]
        accounts.set_roles(session, name, roles)
        print(f"ACK roles {name} {','.join(sorted(roles))}", flush=True)


def front_desk_day(n: int):
    """The n-th opening day (Monday to Saturday) from Wednesday 2 December 2026."""
    from datetime import date, timedelta

    day = date(2026, 12, 2)
    while True:
        if day.weekday() < 6:
            if n == 0:
                return day
            n -= 1
        day += timedelta(days=1)


def front_desk(folder: Path, user: str, password: str) -> None:
    """A day at the front desk per family: referral, booking, handovers, an incident."""
    from datetime import datetime

    from stmarys_desktop.domain.incidents import IncidentDraft, IncidentKind
    from stmarys_desktop.domain.sessions import BookingDraft
    from stmarys_desktop.services import bookings, families, incidents, register
    from tests.unit.family_helpers import two_parent_family

    session = sign_in(folder, user, password)
    conn = session.centre.conn
    room = bookings.rooms(session)[0].id
    staff_id = conn.execute("SELECT min(id) FROM staff").fetchone()[0]
    for n in itertools.count(conn.execute("SELECT count(*) FROM family").fetchone()[0]):
        day = front_desk_day(n)

        def clock(hour: int, minute: int = 0, day=day):
            session.centre.clock = lambda: datetime(
                day.year, day.month, day.day, hour, minute
            ).astimezone()

        clock(8)
        family = families.create_family(
            session, two_parent_family(resident=f"Carys Dunford{n}", children=(f"Ivy Dunford{n}",))
        )
        print(f"ACK family {family.id}", flush=True)
        resident, visiting = family.adults[:2]
        booked = bookings.book_session(
            session,
            BookingDraft(
                family_id=family.id,
                on_date=day,
                starts="10:00",
                ends="12:00",
                room_id=room,
                first_arriving_id=resident.id,
                second_arriving_id=visiting.id,
                staff_ids=[staff_id],
            ),
        )
        print(f"ACK book {booked}", flush=True)
        for hour, minute, person in ((9, 45, resident.id), (10, 0, visiting.id)):
            clock(hour, minute)
            register.check_in(session, booked, person)
            print(f"ACK in {booked} {person}", flush=True)
        clock(10, 40)
        kind = [IncidentKind.ACCIDENT, IncidentKind.OTHER, IncidentKind.WELFARE_CONCERN][n % 3]
        incident = incidents.record_incident(
            session,
            IncidentDraft(
                kind=kind,
                occurred_at=session.centre.clock(),
                family_id=family.id,
                seen_and_heard=f"Made-up incident number {n} in the playroom.",
                place="Playroom",
                people_involved=f"Child: Ivy Dunford{n}",
            ),
        )
        print(f"ACK incident {incident}", flush=True)
        for hour, minute, person in ((12, 0, visiting.id), (12, 15, resident.id)):
            clock(hour, minute)
            register.check_out(session, booked, person)
            print(f"ACK out {booked} {person}", flush=True)


def file_limit(limit: int, argv: list[str]) -> int:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    from stmarys_desktop.cli import main

    return main(argv)


def dispose_all_due(folder: Path, password: str) -> None:
    from stmarys_desktop.services import retention

    session = sign_in(folder, "manager", password)
    found = retention.review(session)
    ids = [r.id for r in found.due if r.category == "family"]
    print(f"START {len(ids)}", flush=True)
    retention.dispose(
        session, as_of=found.as_of, family_ids=ids, staff_ids=[], manager_password=password
    )
    print("DONE", flush=True)


def dispose_then_stop_before_clearing(folder: Path, password: str, how: str) -> None:
    """Dispose of every due family; say COMMITTED once the disposal's transaction is in,
    then either hang before the clearing ("hang") or clear ("clear") for the parent to
    kill us in that window (issue 16, item 7)."""
    import time

    from stmarys_desktop.store import retention as retention_store

    original = retention_store.clear_free_pages

    def in_the_window(conn) -> None:
        print("COMMITTED", flush=True)
        if how == "hang":
            time.sleep(60)
        original(conn)

    retention_store.clear_free_pages = in_the_window
    dispose_all_due(folder, password)


if __name__ == "__main__":
    if sys.argv[1] == "writes":
        writes(Path(sys.argv[2]))
    elif sys.argv[1] == "front-desk":
        front_desk(Path(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "dispose":
        dispose_all_due(Path(sys.argv[2]), sys.argv[3])
    elif sys.argv[1] == "dispose-window":
        dispose_then_stop_before_clearing(Path(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "file-limit":
        sys.exit(file_limit(int(sys.argv[2]), sys.argv[3:]))
