"""Every printout of the centre's records goes out through here (clause i, issue 17).

The ui never lays out a record: it asks one of these functions, which
1. asks the person's roles and the policy (`policy.disclosure.decide`, the
   internal-printout arm); a refusal is logged at once and raised, and nothing
   is laid out;
2. reads the records and lays out the pages (printing/);
3. hands the pages to `deliver`, which prints or saves them and says whether it did;
4. logs the printout only then (D103): a cancelled print or save logs nothing, and
   a printer or file that fails is logged as failed, never as printed (D290).

A family's printout (its record, its chronology) goes in that family's disclosure
log and the audit log. A printout of many families (the register, the accident
book) or of the manager's logs is one audit row, as before: it goes to nobody
outside the centre.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from stmarys_desktop.domain.dates import long_date
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.printing.accident_book import accident_book_paper
from stmarys_desktop.printing.audit_log import audit_log_paper
from stmarys_desktop.printing.chronology import chronology_paper
from stmarys_desktop.printing.document import Paper
from stmarys_desktop.printing.family_record import family_record_paper
from stmarys_desktop.printing.history import disclosure_history_paper
from stmarys_desktop.printing.register import register_paper
from stmarys_desktop.printing.request_log import request_log_paper
from stmarys_desktop.services import accounts, disclosure, families, incidents, register, staff
from stmarys_desktop.services import audit_log as audit_reading
from stmarys_desktop.services.audit_log import AuditFilter
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import disclosures as disclosure_store
from stmarys_desktop.store import sessions as session_store

# Prints or saves the pages; False when the person cancelled and nothing went out.
Deliver = Callable[[Paper], bool]


def _printed_on(session: Session) -> str:
    return long_date(session.centre.clock().date())


def _printed_by(session: Session) -> str:
    return session.account.display_name


# -- a family's records: its disclosure log ---------------------------------------------


def family_record(session: Session, family_id: int, deliver: Deliver) -> bool:
    """The family record without addresses or telephones (clause iv)."""

    def lay_out() -> Paper:
        today = session.centre.clock().date()
        return family_record_paper(
            session.centre_name,
            families.open_family(session, family_id),
            register.attendance_history(session, family_id),
            _printed_by(session),
            long_date(today),
            today,
        )

    return disclosure.internal_printout(
        session, family_id, "family record", lay_out=lay_out, deliver=deliver
    )


def chronology(session: Session, family_id: int, deliver: Deliver) -> bool:
    """The family's chronology as it reads now (what the person may see of it)."""

    def lay_out() -> Paper:
        return chronology_paper(
            session.centre_name,
            disclosure.family_reference(session, family_id),
            incidents.chronology(session, family_id),
            _printed_by(session),
            _printed_on(session),
        )

    return disclosure.internal_printout(
        session, family_id, "chronology", lay_out=lay_out, deliver=deliver
    )


# -- the centre's records: one audit row ------------------------------------------------------


def _centre_printout(
    session: Session,
    what: str,
    lay_out: Callable[[], tuple[Paper, str]],
    deliver: Deliver,
    *,
    action: str,
    subject: str = "",
) -> bool:
    """Decided (the caller has asked the roles), laid out, delivered, then one audit row
    `action` whose detail `lay_out` gives with the pages."""
    disclosure.centre_printout(session, what)
    paper, detail = lay_out()
    if not disclosure.delivered(session, paper, deliver, action=action, subject=subject):
        return False
    session.audit(action, subject=subject, detail=detail)
    return True


def register_sheet(session: Session, day: date, deliver: Deliver) -> bool:
    """The day's register. Those who may see the register may print it."""
    register.require_register(session, "print the register")
    staff.rota_as_it_stands(session)

    def lay_out() -> tuple[Paper, str]:
        entries = session_store.register(session.centre.conn, day)
        paper = register_paper(
            session.centre_name, day, entries, _printed_by(session), _printed_on(session)
        )
        count = len(entries)
        return paper, f"{count} session{'s' if count != 1 else ''}, marked confidential"

    return _centre_printout(
        session, "register", lay_out, deliver, action="register.print", subject=day.isoformat()
    )


def accident_book(session: Session, deliver: Deliver) -> bool:
    """The whole accident book."""

    def lay_out() -> tuple[Paper, str]:
        entries = incidents.accident_book(session)
        paper = accident_book_paper(
            session.centre_name, entries, _printed_by(session), _printed_on(session)
        )
        return paper, f"{len(entries)} entries, marked confidential"

    session.require(Permission.RECORD_INCIDENT, "print the accident book")
    return _centre_printout(
        session, "accident book", lay_out, deliver, action="accident_book.print"
    )


def audit_log(session: Session, chosen: AuditFilter, deliver: Deliver) -> bool:
    """The audit log entries the filter matches (at most PRINTED), for the manager."""
    session.require(Permission.VIEW_AUDIT, "print the audit log")
    chosen.check()

    def lay_out() -> tuple[Paper, str]:
        entries = audit_reading.audit_entries(session, chosen, audit_reading.PRINTED)
        paper = audit_log_paper(
            session.centre_name,
            entries,
            chosen.words,
            _printed_by(session),
            _printed_on(session),
        )
        return paper, f"{len(entries)} entries ({chosen.words}), marked confidential"

    return _centre_printout(session, "audit log", lay_out, deliver, action="audit_log.print")


def disclosure_history(session: Session, deliver: Deliver) -> bool:
    """Every attempt to pass information out of the centre: a manager's printout."""
    session.require(Permission.VIEW_AUDIT, "print the disclosure history")

    def lay_out() -> tuple[Paper, str]:
        entries = disclosure.clauses_named(
            session, disclosure_store.log_entries(session.centre.conn, limit=100_000)
        )
        paper = disclosure_history_paper(
            session.centre_name,
            _printed_on(session),
            entries,
            _printed_by(session),
            accounts.names_by_login(session),
        )
        return paper, f"{len(entries)} entries"

    return _centre_printout(
        session,
        "disclosure history",
        lay_out,
        deliver,
        action="disclosure_history.print",
    )


def request_log(session: Session, family_id: int | None, deliver: Deliver) -> bool:
    """The request log on paper (D311): a family's is decided and logged as an internal
    printout once delivered, the centre's audited once delivered."""
    return (
        disclosure.request_log_printout(
            session, family_id, deliver=lambda printout: deliver(request_log_paper(printout))
        )
        is not None
    )
