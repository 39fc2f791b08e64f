"""What an audit log entry says, in the words a coordinator or manager reads (issue 18).

The log stores each event as the program recorded it: a code ("family.view"), the record
acted on, a detail with ISO dates ("2026-12-07 10:00") and, for a refusal, the
permission refused ("view_families"). The stored rows are hash-chained and never
rewritten; this module only says them in plain words, for the screen and the printout
alike: "Family SMC-2026-00012 opened", "Session cancelled: 7 Dec 2026 10:00, by the
family", "Tried to read the audit log: roles: Coordinator". A code this table does not
know yet is said from its own words ("Room: add"), never shown as a code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from stmarys_desktop.domain.dates import short_stamp
from stmarys_desktop.domain.roles import Permission, Role
from stmarys_desktop.policy.disclosure import Action

# What happened, by the code the log holds; "{subject}" is the family or record acted on.
EVENTS: dict[str, str] = {
    "sign-in": "Signed in",
    "password.confirm": "Password asked for again, and not given",
    "centre.create": "Centre set up",
    "demo.create": "Made-up demo data added",
    "account.create": "Account added",
    "account.disable": "Account disabled",
    "account.password": "Password set",
    "account.recover": "Password set with the recovery key",
    "account.remove": "Account removed",
    "account.roles": "Roles changed",
    "audit_log.view": "Audit log opened",
    "audit_log.print": "Audit log printed",
    "audit.break_found": "A break in the audit log found",
    "audit.break_explained": "A break in the audit log explained",
    "verify": "The centre's records checked",
    "backup": "Backup made",
    "backup.rotate": "Older backups removed",
    "restore": "Centre restored",
    "rekey": "Database key changed",
    "import": "Records imported",
    "support_log.saved": "Support log saved to a file",
    "authority.add": "Authority added",
    "authority.remove": "Authority taken off the list",
    "closure.add": "Closure day added",
    "closure.remove": "Closure day removed",
    "room.add": "Room added",
    "setting.clipboard_seconds": "Setting changed",
    "setting.idle_minutes": "Setting changed",
    "setting.keep_backups": "Backups to keep changed",
    "setting.late_check_in": "Setting changed: late check-in",
    "setting.letterhead": "Letterhead changed",
    "setting.paper_size": "Setting changed",
    "setting.staff_per_session": "Setting changed: staff per session",
    "family.create": "Family {subject} added",
    "family.view": "Family {subject} opened",
    "family.change": "Family {subject} changed",
    "family.review": "Family {subject} reviewed",
    "contact.reveal": "Contact details shown",
    "session.book": "Session booked",
    "series.book": "Sessions booked as a series",
    "session.move": "Sessions moved",
    "session.cancel": "Sessions cancelled",
    "register.check_in": "Checked in",
    "register.check_out": "Checked out",
    "register.undo_check_in": "Check-in undone",
    "register.undo_check_out": "Check-out undone",
    "register.correct": "Attendance corrected",
    "register.cancel": "Session cancelled",
    "register.no_show": "Session marked as nobody came",
    "register.print": "Register printed",
    "incident.record": "Incident recorded",
    "incident.correct": "Incident corrected",
    "accident_book.print": "Accident book printed",
    "concern.view": "Concern read",
    "concern.confirm": "Concern confirmed",
    "concern.not_confirmed": "Concern not confirmed",
    "exception.open": "Exception opened",
    "exception.close": "Exception closed",
    "consent.record": "Written consent recorded",
    "consent.withdraw": "Consent withdrawn",
    "consent.form": "Consent form printed",
    "agreement.record": "Assessment agreement recorded",
    "request.record": "Request for information recorded",
    "request.change": "Request for information changed",
    "request_log.print": "Request log printed",
    "disclosure_history.print": "Disclosure history printed",
    "disclosure.proceedings_reply": "Reply to a request for a report",
    "policy.version": "Policy version published",
    "policy.review": "Policy review recorded",
    "policy.acknowledgement": "Policy read and signed",
    "policy.rule_map": "Policy's rules matched to its clauses",
    "retention.review": "Records due for disposal reviewed",
    "retention.dispose": "Records disposed of",
    "retention.hold": "Records held from disposal",
    "retention.lift_hold": "Hold on records lifted",
    "retention.clear": "Disposed records cleared from the database",
    "retention.old_backups": "Old backups removed",
    "staff.add": "Member of staff added",
    "staff.change": "Member of staff's details changed",
    "staff.activate": "Member of staff made active",
    "staff.status": "Member of staff's status changed",
    "staff.contact.reveal": "Member of staff's contact details shown",
    "vetting.view": "Vetting read",
    "vetting.requirement": "Vetting needed set",
    "vetting.dbs_check": "DBS check recorded",
    "vetting.status_check": "DBS Update Service check recorded",
    "vetting.decision": "Recruitment decision recorded",
    "vetting.identity": "Identity check recorded",
    "vetting.reference": "Reference recorded",
    "vetting.training": "Training recorded",
    "vetting.lapse": "Vetting lapsed",
    "vetting.lapse_resolved": "Vetting lapse resolved",
    "vetting.notes_cleared": "DBS check notes cleared",
}
for _action in Action:
    EVENTS.setdefault(f"disclosure.{_action.value}", _action.label)
EVENTS["disclosure.internal_printout"] = "Printed for internal use"
# A refusal by the roles is stored under the permission refused ("view_families", some
# of which are also events: "backup"), the thing tried as its subject.
PERMISSIONS = frozenset(p.value for p in Permission)

_STAMP = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
)
_ROLES = re.compile(r"\broles: ([a-z_,]+)")
_CHANGE = re.compile(r"(\S+) -> ")
_CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # a stored choice: "intake_form"
_ROLE_LABELS = {r.value: r.label for r in Role}
# A family member or a member of staff, as the log numbers them ("person 581", "staff #3").
PERSON = re.compile(r"\bperson (\d+)\b")
STAFF = re.compile(r"\bstaff #?(\d+)\b")


def numbered(texts: list[str]) -> tuple[set[int], set[int]]:
    """The family members and staff these stored details and subjects name by number."""
    joined = "\n".join(texts)
    return (
        {int(n) for n in PERSON.findall(joined)},
        {int(n) for n in STAFF.findall(joined)},
    )


def with_names(text: str, people: Mapping[int, str], staff: Mapping[int, str]) -> str:
    """ "person 581" as the person's name where the record still has it; a number the
    record no longer has stays a number ("person 581, since removed")."""

    def person(match: re.Match[str]) -> str:
        name = people.get(int(match.group(1)))
        return name if name else f"{match.group()}, since removed"

    def member(match: re.Match[str]) -> str:
        name = staff.get(int(match.group(1)))
        return f"{name} (staff)" if name else f"{match.group()}, since removed"

    return STAFF.sub(member, PERSON.sub(person, text))


def event_words(action: str, subject: str = "", outcome: str = "done") -> str:
    """What happened, for a stored code: "Family SMC-2026-00012 opened"; a refusal of a
    permission as what was tried ("Tried to read the audit log")."""
    if outcome == "refused" and action in PERMISSIONS and subject:
        return f"Tried to {subject}"
    known = EVENTS.get(action)
    if known is None:
        area, _, doing = action.partition(".")
        words = area.replace("_", " ").replace("-", " ").capitalize()
        return f"{words}: {doing.replace('_', ' ')}" if doing else words
    return " ".join(known.replace("{subject}", subject).split())


def detail_words(detail: str) -> str:
    """A stored detail as a person reads it: dates as the tables show them ("7 Dec 2026",
    "7 Dec 2026, 10:00"), roles by their names, a stored choice in words ("intake form"),
    "5 -> 10 minutes" as "from 5 to 10 minutes"."""
    text = _STAMP.sub(lambda m: short_stamp(m.group()), detail)
    text = _ROLES.sub(
        lambda m: "roles: " + ", ".join(_ROLE_LABELS.get(r, r) for r in m.group(1).split(",")),
        text,
    )
    text = _CODE.sub(lambda m: m.group().replace("_", " "), text)
    return _CHANGE.sub(r"from \1 to ", text)


def what_words(action: str, subject: str, detail: str, outcome: str = "done") -> str:
    """The audit log's "What": the event, and its detail after a colon."""
    event = event_words(action, subject, outcome)
    return f"{event}: {detail_words(detail)}" if detail else event


def actions_saying(words: str) -> list[str]:
    """The codes whose plain words contain `words` (a filter typed as the screen reads)."""
    wanted = " ".join(words.split()).casefold()
    if not wanted:
        return []
    return [code for code in EVENTS if wanted in event_words(code, "").casefold()]
