"""Run in a child process by the reliability tests: front-desk-like writes, or a fault.

Usage:
  python -m tests.reliability.worker writes FOLDER     (writes until killed, one ACK line each)
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
        accounts.create_account(session, user_name=name, display_name=f"Worker {n}",
                                roles=[Role.FRONT_DESK], password=f"password of {name}")
        print(f"ACK create {name}", flush=True)
        roles = ROLE_CYCLE[n % len(ROLE_CYCLE)]
        accounts.set_roles(session, name, roles)
        print(f"ACK roles {name} {','.join(sorted(roles))}", flush=True)


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
    retention.dispose(session, as_of=found.as_of, family_ids=ids, staff_ids=[],
                      manager_password=password)
    print("DONE", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "writes":
        writes(Path(sys.argv[2]))
    elif sys.argv[1] == "dispose":
        dispose_all_due(Path(sys.argv[2]), sys.argv[3])
    elif sys.argv[1] == "file-limit":
        sys.exit(file_limit(int(sys.argv[2]), sys.argv[3:]))
