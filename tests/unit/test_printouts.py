"""Every printout of the centre's records goes through one choke point (clause i, issue 17).

services/printouts.py decides, lays the pages out, hands them to `deliver` (the
window's printer or file) and logs the printout only once they went out (D103). A
printer or file that fails is logged as failed, never as printed (D290). The pages
are real PDFs read back with pypdf.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from stmarys_desktop.domain.errors import PermissionRefused
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.printing.document import CONFIDENTIAL, Paper, write_pdf
from stmarys_desktop.services import accounts, families, printouts
from stmarys_desktop.services import disclosure as out
from stmarys_desktop.services.audit_log import AuditFilter
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import audit
from tests.helpers import pdf_text
from tests.unit.family_helpers import two_parent_family

PutOut = Callable[[Session, int, printouts.Deliver], bool]

# Each printout, how the service is asked for it, and its row in the audit log.
PRINTOUTS: dict[str, tuple[PutOut, str]] = {
    "family record": (printouts.family_record, "disclosure.internal_printout"),
    "chronology": (printouts.chronology, "disclosure.internal_printout"),
    "register": (
        lambda s, _family, d: printouts.register_sheet(s, s.centre.clock().date(), d),
        "register.print",
    ),
    "accident book": (lambda s, _family, d: printouts.accident_book(s, d), "accident_book.print"),
    "audit log": (
        lambda s, _family, d: printouts.audit_log(s, AuditFilter(), d),
        "audit_log.print",
    ),
    "disclosure history": (
        lambda s, _family, d: printouts.disclosure_history(s, d),
        "disclosure_history.print",
    ),
}
FAMILY_PRINTOUTS = {"family record", "chronology"}


@pytest.fixture
def family(manager, sign_in_as):
    accounts.create_account(
        manager,
        user_name="coord",
        display_name="Made-up Coordinator",
        roles=[Role.COORDINATOR],
        password="coord password long",
    )
    return families.create_family(sign_in_as("coord", "coord password long"), two_parent_family())


def rows(session: Session, action: str) -> list[tuple[str, str]]:
    return [
        (e.outcome, e.subject) for e in audit.entries(session.centre.conn) if e.action == action
    ]


def printed_allowed(session: Session, family_id: int) -> list[str]:
    return [
        e.recipient
        for e in out.disclosure_history(session, family_id)
        if e.action == "internal_printout" and e.allowed
    ]


@pytest.mark.parametrize("name", sorted(PRINTOUTS))
def test_clause_i_every_printout_is_marked_and_logged_only_once_it_went_out(
    name, manager, family, sign_in_as, tmp_path: Path
) -> None:
    put_out, action = PRINTOUTS[name]
    handed: list[Paper] = []

    def cancelled(paper: Paper) -> bool:
        handed.append(paper)
        return False

    assert put_out(manager, family.id, cancelled) is False
    assert len(handed) == 1 and rows(manager, action) == []  # a cancelled save logs nothing

    def saved(paper: Paper) -> bool:
        write_pdf(tmp_path / "printout.pdf", paper)
        return True

    assert put_out(manager, family.id, saved) is True
    text = pdf_text(tmp_path / "printout.pdf")
    assert CONFIDENTIAL in text
    assert [outcome for outcome, _ in rows(manager, action)] == ["done"]
    if name in FAMILY_PRINTOUTS:
        assert family.reference in text
        coord = sign_in_as("coord", "coord password long")
        assert printed_allowed(coord, family.id) == [f"internal: {name}"]


@pytest.mark.parametrize("name", sorted(PRINTOUTS))
def test_clause_i_a_printer_that_fails_is_logged_as_failed_never_as_printed(
    name, manager, family, sign_in_as
) -> None:
    put_out, action = PRINTOUTS[name]

    def jammed(_paper: Paper) -> bool:
        raise OSError("The printer could not be started.")

    with pytest.raises(OSError, match="could not be started"):
        put_out(manager, family.id, jammed)
    assert [outcome for outcome, _ in rows(manager, action)] == ["failed"]
    if name in FAMILY_PRINTOUTS:
        coord = sign_in_as("coord", "coord password long")
        assert printed_allowed(coord, family.id) == []


@pytest.mark.parametrize("name", ["audit log", "disclosure history"])
def test_clause_i_a_refusal_on_roles_lays_nothing_out_and_is_logged(
    name, family, sign_in_as
) -> None:
    coord = sign_in_as("coord", "coord password long")
    put_out, action = PRINTOUTS[name]
    handed: list[Paper] = []

    with pytest.raises(PermissionRefused, match=f"You cannot print the {name}"):
        put_out(coord, family.id, lambda paper: handed.append(paper) or True)
    assert handed == [] and rows(coord, action) == []
    refused = next(audit.entries(coord.centre.conn, newest_first=True, limit=1))
    assert (refused.actor, refused.outcome, refused.subject) == (
        "coord",
        "refused",
        f"print the {name}",
    )
