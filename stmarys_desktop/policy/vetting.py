"""Clause vi as rules: who may take up post on a given day, and when checks fall due.

"All potential staff must have checks undertaken by the Disclosure and Barring
Service (DBS) prior to taking up post." A person is cleared on a day when, by
that day, the check their role needs is recorded as clear (or information was
disclosed and the manager decided to proceed), it has not lapsed, their
identity was seen and two satisfactory references came back.

Pure: every fact, the day included, comes in as an argument.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum

from stmarys_desktop.domain import decisions
from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.dates import add_months, add_years, long_date
from stmarys_desktop.domain.staff import (
    Clearance,
    DbsCheck,
    DbsLevel,
    DbsOutcome,
    Decision,
    Requirement,
    StaffStatus,
    StatusResult,
    Vetting,
)
from stmarys_desktop.policy.disclosure import name_key

RECHECK_YEARS = 3  # a certificate's re-check, without the Update Service
STATUS_CHECK_DAYS = 365  # with the Update Service: an online status check each year
NOTES_KEPT_MONTHS = 6  # free-text notes, after the recruitment decision
REFERENCES_NEEDED = 2
TRAINING_YEARS = 3  # safeguarding training renewal, unless given
CERTIFICATE_DIGITS = 12
ALERT_DAYS = (7, 30, 60)
CLAUSE = "clause vi"

_CERTIFICATE = re.compile(r"^[0-9]{12}$")


# -- dates ------------------------------------------------------------------------------

# -- the requirement of a role ------------------------------------------------------------


def requirement_problem(
    level: DbsLevel, regulated_activity: bool, barred_list: bool, justification: str
) -> str | None:
    if not justification.strip():
        return "Give the justification for the level of check this role needs."
    if barred_list and not regulated_activity:
        return (
            "The children's barred list can only be checked for a role that is "
            "regulated activity with children. Tick regulated activity, or leave the "
            "barred list out."
        )
    if barred_list and level is not DbsLevel.ENHANCED:
        return "The children's barred list is only checked with an enhanced DBS check."
    return None


# -- what people type ---------------------------------------------------------------------


def normalise_certificate_number(text: str) -> str:
    """Spaces and dashes as printed on a certificate are dropped; nothing else changes."""
    return re.sub(r"[\s\-]", "", text)


def certificate_number_problem(number: str) -> str | None:
    if not number:
        return f"Type the certificate number ({CERTIFICATE_DIGITS} digits)."
    if _CERTIFICATE.match(number):
        return None
    if any(ch.isalpha() for ch in number):
        return (
            f"A DBS certificate number is {CERTIFICATE_DIGITS} digits, with no letters; "
            "check what was typed against the certificate."
        )
    if not all("0" <= ch <= "9" for ch in number):
        return f"A DBS certificate number is {CERTIFICATE_DIGITS} digits and nothing else."
    return (
        f"That certificate number has {len(number)} digits; a DBS certificate number has "
        f"{CERTIFICATE_DIGITS}."
    )


def check_dates_problem(issued_on: date, seen_on: date, today: date) -> str | None:
    if issued_on > today:
        return "The certificate's issue date is in the future; check the date."
    if seen_on < issued_on:
        return (
            "The date the certificate was seen is before its issue date; a certificate "
            "cannot be seen before it is issued."
        )
    if seen_on > today:
        return "The date the certificate was seen cannot be in the future."
    return None


NO_CHECK_YET = "Record a DBS check first."


def decision_problem(check: DbsCheck | None) -> str | None:
    """Why no recruitment decision can be recorded on `check`, or None."""
    if check is None:
        return NO_CHECK_YET
    if check.outcome is not DbsOutcome.INFORMATION_DISCLOSED:
        return "This check was clear; it needs no further decision."
    if check.decision is not Decision.PENDING:
        return (
            "The decision on this check is already recorded. If things have "
            "changed, record a new DBS check."
        )
    return None


def online_status_problem(check: DbsCheck | None) -> str | None:
    """Why `check` cannot have an Update Service status check at all, or None."""
    if check is None:
        return NO_CHECK_YET
    if not check.update_service:
        return (
            "This certificate is not on the Update Service, so its status cannot be "
            "checked online; record a new check instead."
        )
    return None


def status_check_problem(check: DbsCheck, checked_on: date, today: date) -> str | None:
    problem = online_status_problem(check)
    if problem:
        return problem
    if checked_on > today:
        return "The status check date cannot be in the future."
    if checked_on < check.issued_on:
        return "The status check date is before the certificate was issued."
    return None


# -- when things fall due -----------------------------------------------------------------


def next_check_due(check: DbsCheck) -> date:
    """Three years after issue, unless the Update Service is checked (then yearly)."""
    if check.update_service:
        if check.status_result is StatusResult.NEW_INFORMATION and check.last_status_check_on:
            return check.last_status_check_on
        base = check.last_status_check_on or check.issued_on
        return base + timedelta(days=STATUS_CHECK_DAYS)
    return add_years(check.issued_on, RECHECK_YEARS)


def training_renewal(completed_on: date) -> date:
    return add_years(completed_on, TRAINING_YEARS)


def notes_clear_on(check: DbsCheck) -> date | None:
    """The day a check's free-text notes go: six months after the recruitment decision."""
    if check.decided_on is None:
        return None
    return add_months(check.decided_on, NOTES_KEPT_MONTHS)


def notes_due_for_clearing(check: DbsCheck, today: date) -> bool:
    clear_on = notes_clear_on(check)
    return bool(check.notes) and clear_on is not None and clear_on <= today


class Due(StrEnum):
    """How near a due date is, for the start screen's alerts."""

    OVERDUE = "overdue"
    WITHIN_7 = "7"
    WITHIN_30 = "30"
    WITHIN_60 = "60"


def due_window(due: date, today: date) -> Due | None:
    days = (due - today).days
    if days < 0:
        return Due.OVERDUE
    for limit, window in zip(ALERT_DAYS, (Due.WITHIN_7, Due.WITHIN_30, Due.WITHIN_60), strict=True):
        if days <= limit:
            return window
    return None


# -- cleared or not ---------------------------------------------------------------------


def _check_reasons(check: DbsCheck, requirement: Requirement, on: date) -> list[str]:
    reasons = []
    if check.level.rank < requirement.level.rank:
        reasons.append(
            f"the DBS check recorded is {check.level.label.lower()}; the role needs "
            f"{requirement.level.label.lower()}"
        )
    if requirement.barred_list and not check.barred_list:
        reasons.append(
            "the role needs the children's barred list, which the check recorded did not include"
        )
    if check.outcome is DbsOutcome.INFORMATION_DISCLOSED:
        if check.decision is Decision.PENDING:
            reasons.append(
                "information was disclosed and the manager's decision is not recorded yet"
            )
        elif check.decision is Decision.DO_NOT_PROCEED:
            reasons.append("the manager decided not to proceed on the DBS check")
    lapse = _lapse(check, on)
    if lapse:
        reasons.append(lapse)
    return reasons


def _lapse(check: DbsCheck, on: date) -> str | None:
    if (
        check.status_result is StatusResult.NEW_INFORMATION
        and check.last_status_check_on
        and check.last_status_check_on <= on
    ):
        return (
            f"the Update Service status check on {long_date(check.last_status_check_on)} "
            "showed new information, so a new DBS check is needed"
        )
    due = next_check_due(check)
    if due < on:
        return f"the DBS re-check was due on {long_date(due)}"
    return None


def current_check(vetting: Vetting, on: date) -> DbsCheck | None:
    """The newest check seen by `on`."""
    return next((c for c in vetting.checks if c.seen_on <= on), None)


def clearance(vetting: Vetting, on: date) -> Clearance:
    """May this person take up post on `on`? Facts recorded after that day do not count."""
    reasons: list[str] = []
    check = current_check(vetting, on)
    if check is None:
        label = vetting.requirement.label
        article = "an" if label.startswith("Enhanced") else "a"
        reasons.append(
            f"no DBS check is recorded (the role needs {article} {label[0].lower()}{label[1:]})"
        )
    else:
        reasons += _check_reasons(check, vetting.requirement, on)
    if vetting.identity is None or vetting.identity.seen_on > on:
        reasons.append("identity has not been seen")
    reasons += _reference_reasons(vetting, on)
    return Clearance(not reasons, tuple(reasons))


def _reference_reasons(vetting: Vetting, on: date) -> list[str]:
    """Two satisfactory references from two different referees, names compared as the
    policy compares recipients (case, spaces, accents and punctuation ignored)."""
    referees: dict[str, list[str]] = {}
    for reference in vetting.references:
        if reference.satisfactory and reference.received_on <= on:
            referees.setdefault(name_key(reference.referee), []).append(reference.referee)
    good = len(referees)
    if good >= REFERENCES_NEEDED:
        return []
    reason = f"{good} of {REFERENCES_NEEDED} satisfactory references received"
    twice = next((names[0] for names in referees.values() if len(names) > 1), None)
    if twice is not None:
        reason += (
            f" (the references from {twice.strip()} count once; the second must come "
            "from another referee)"
        )
    return [reason]


def lapsed(vetting: Vetting, today: date) -> str | None:
    """Why a person whose check once counted is no longer covered, else None.

    Only a re-check that fell due (or an Update Service check showing new
    information) counts as a lapse: a record still being filled in is not one.
    """
    check = current_check(vetting, today)
    return _lapse(check, today) if check is not None else None


# -- changes of status ------------------------------------------------------------------

_ALREADY = {
    StaffStatus.APPLICANT: "Already an applicant.",
    StaffStatus.ACTIVE: "Already active.",
    StaffStatus.SUSPENDED: "Already suspended.",
    StaffStatus.LEFT: "Has already left.",
}

_NOT_BACK_TO_APPLICANT = {
    StaffStatus.ACTIVE: (
        "Someone who has been active does not go back to being an "
        "applicant: suspend them, or record that they left."
    ),
    StaffStatus.SUSPENDED: (
        "Someone who is suspended does not go back to being an "
        "applicant: make them active again once cleared, or record "
        "that they left."
    ),
    StaffStatus.LEFT: (
        "Someone who has left does not go back to being an applicant: if "
        "they come back, make them active again once cleared."
    ),
}


def status_change_problem(old: StaffStatus, new: StaffStatus) -> str | None:
    """Why a person's status may not go from `old` to `new`, else None.

    An applicant becomes active or leaves; only an active person is suspended; a
    suspended person is made active again or leaves; someone who left may come back
    as active. Nobody goes back to being an applicant. Whether the person is cleared
    to be made active is `activation_gate`'s question, not this one.
    """
    if old is new:
        return _ALREADY[new]
    if new is StaffStatus.APPLICANT:
        return _NOT_BACK_TO_APPLICANT[old]
    if new is StaffStatus.SUSPENDED and old is not StaffStatus.ACTIVE:
        return (
            "Only an active person can be suspended: an applicant is not working with families yet."
            if old is StaffStatus.APPLICANT
            else "Someone who has left cannot be suspended."
        )
    return None


_CHANGE_OFFERED = {
    StaffStatus.SUSPENDED: "Suspend: they come off every future session.",
    StaffStatus.LEFT: "Record that they left: they come off every future session.",
}


def status_change_gate(old: StaffStatus, new: StaffStatus) -> decisions.Decision:
    """Suspend or Record leaving on the Staff screen: offered or not, and why."""
    problem = status_change_problem(old, new)
    if problem:
        return decisions.refused(problem)
    return decisions.allowed(_CHANGE_OFFERED.get(new, ""))


# -- what the screens offer ---------------------------------------------------------------


def activation_gate(status: StaffStatus, cleared: Clearance) -> decisions.Decision:
    problem = status_change_problem(status, StaffStatus.ACTIVE)
    if problem:
        return decisions.refused(problem)
    if not cleared.cleared:
        return decisions.refused(
            f"Cannot be made active until cleared ({CLAUSE}): " + "; ".join(cleared.reasons) + ".",
            Clause.VI,
        )
    return decisions.allowed("Cleared: can be made active.", Clause.VI)


def family_access(status: StaffStatus, cleared: Clearance) -> decisions.Decision:
    """May a login that belongs to this person reach families' records? Asked at every
    sign-in, so a lapsed re-check or a suspension takes effect at the next one (the
    window locks after a few idle minutes)."""
    if status in (StaffStatus.LEFT, StaffStatus.SUSPENDED):
        return decisions.refused(
            f"Your access to families' records is withheld while your staff "
            f"record says {status.label.lower()} ({CLAUSE}).",
            Clause.VI,
        )
    if not cleared.cleared:
        return decisions.refused(
            f"Your access to families' records is withheld until you are "
            f"cleared again ({CLAUSE}): " + "; ".join(cleared.reasons) + ".",
            Clause.VI,
        )
    return decisions.allowed("Cleared.", Clause.VI)


def work_summary(status: StaffStatus, cleared: Clearance) -> str:
    """Whether the person may work with families today, as the vetting record's first line:
    a suspended or departed person is never "cleared to work", whatever the checks say."""
    if status in (StaffStatus.LEFT, StaffStatus.SUSPENDED):
        done = " (the checks below are complete)" if cleared.cleared else ""
        return f"Not cleared to work with families: {status.label.lower()}{done}."
    if cleared.cleared and status is StaffStatus.APPLICANT:
        return (
            "Not cleared to work with families yet: the checks are complete; a manager makes "
            "the person active on the Staff screen."
        )
    if cleared.cleared:
        return "Cleared to work with families."
    return "Not cleared to work with families: " + "; ".join(cleared.reasons) + "."


def work_in_a_line(status: StaffStatus, cleared: Clearance) -> str:
    """The staff list's "Cleared to work" cell, as `work_summary` says it in full: never
    "Yes" for someone who has left, is suspended or is not yet active (issue 18)."""
    if status is StaffStatus.LEFT:
        return "Has left"
    if status is StaffStatus.SUSPENDED:
        return "No: suspended"
    if cleared.cleared:
        return (
            "Not yet: checks complete, not made active"
            if status is StaffStatus.APPLICANT
            else "Yes"
        )
    reasons = cleared.reasons
    return f"No: {reasons[0]}" + (f" (+{len(reasons) - 1} more)" if len(reasons) > 1 else "")


def rota_gate(name: str, status: StaffStatus, cleared: Clearance, on: date) -> decisions.Decision:
    """May this person be put on a session's staff on `on`? A sentence for anyone booking.

    Says only whether, never the vetting detail: only a manager sees that.
    """
    if status is StaffStatus.LEFT:
        return decisions.refused(f"{name} has left the centre.")
    if status is StaffStatus.SUSPENDED:
        return decisions.refused(f"{name} is suspended, so cannot be put on a session.")
    if not cleared.cleared:
        return decisions.refused(
            f"{name} is not cleared to work with families on "
            f"{long_date(on)} ({CLAUSE}: DBS check, identity and two "
            "references); a manager can say what is missing.",
            Clause.VI,
        )
    if status is StaffStatus.APPLICANT:
        return decisions.refused(
            f"{name} has not been made active yet; a manager does that on the Staff screen."
        )
    return decisions.allowed()


def login_gate(status: StaffStatus, cleared: Clearance, has_login: bool) -> decisions.Decision:
    if has_login:
        return decisions.refused("Already has a login.")
    if status in (StaffStatus.LEFT, StaffStatus.SUSPENDED):
        return decisions.refused(f"No login for someone who is {status.label.lower()}.")
    if not cleared.cleared:
        return decisions.refused(
            f"No login with access to families until cleared ({CLAUSE}): "
            + "; ".join(cleared.reasons)
            + ".",
            Clause.VI,
        )
    return decisions.allowed("Cleared: can be given a login.", Clause.VI)
