"""Clause vi as pure rules (policy/vetting.py): no database, no clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stmarys_desktop.domain import decisions
from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.staff import (
    CentreRole,
    DbsCheck,
    DbsLevel,
    DbsOutcome,
    Decision,
    IdentitySeen,
    Reference,
    Requirement,
    StaffStatus,
    StatusResult,
    Vetting,
)
from stmarys_desktop.policy import vetting as rules

ISSUED = date(2025, 3, 10)
DAY = date(2025, 6, 1)


def check(**changes) -> DbsCheck:
    base = DbsCheck(
        id=1,
        staff_id=1,
        level=DbsLevel.ENHANCED,
        barred_list=False,
        certificate_number="001234567890",
        issued_on=ISSUED,
        seen_on=date(2025, 3, 20),
        seen_by="Morwenna Testwick",
        outcome=DbsOutcome.CLEAR,
        decision=Decision.PROCEED,
        decided_on=date(2025, 3, 20),
    )
    return replace(base, **changes)


def complete(**changes) -> Vetting:
    base = Vetting(
        requirement=Requirement(CentreRole.STAFF),
        checks=(check(),),
        identity=IdentitySeen("Passport; Utility bill", "Morwenna Testwick", date(2025, 3, 1)),
        references=(
            Reference(1, "Brela Fenn", date(2025, 3, 2), True),
            Reference(2, "Quoth Lowe", date(2025, 3, 3), True),
        ),
    )
    return replace(base, **changes)


# -- cleared or not ------------------------------------------------------------------------


def test_a_clear_check_identity_and_two_good_references_clear_a_person() -> None:
    assert rules.clearance(complete(), DAY).cleared


def test_nothing_recorded_gives_every_reason() -> None:
    found = rules.clearance(Vetting(Requirement(CentreRole.VOLUNTEER)), DAY)
    assert not found.cleared
    assert found.reasons == (
        "no DBS check is recorded (the role needs an enhanced DBS check)",
        "identity has not been seen",
        "0 of 2 satisfactory references received",
    )


def test_two_references_from_one_referee_count_once() -> None:
    """Clause vi: references taken means two referees, however the one name is typed."""
    same_person = complete(
        references=(
            Reference(1, "Brela Fenn", date(2025, 3, 2), True),
            Reference(2, "  brela  FENN.", date(2025, 3, 3), True),
        )
    )
    found = rules.clearance(same_person, DAY)
    assert not found.cleared
    assert found.reasons == (
        "1 of 2 satisfactory references received (the references "
        "from Brela Fenn count once; the second must come from "
        "another referee)",
    )


@pytest.mark.parametrize(
    ("vetting", "reason"),
    [
        (complete(identity=None), "identity has not been seen"),
        (
            complete(references=(Reference(1, "Brela Fenn", date(2025, 3, 2), True),)),
            "1 of 2 satisfactory references received",
        ),
        (
            complete(
                references=(
                    Reference(1, "Brela Fenn", date(2025, 3, 2), True),
                    Reference(2, "Quoth Lowe", date(2025, 3, 3), False),
                )
            ),
            "1 of 2 satisfactory references received",
        ),
        (
            complete(
                checks=(
                    check(
                        outcome=DbsOutcome.INFORMATION_DISCLOSED,
                        decision=Decision.PENDING,
                        decided_on=None,
                    ),
                )
            ),
            "the manager's decision is not recorded yet",
        ),
        (
            complete(
                checks=(
                    check(
                        outcome=DbsOutcome.INFORMATION_DISCLOSED, decision=Decision.DO_NOT_PROCEED
                    ),
                )
            ),
            "decided not to proceed",
        ),
        (
            complete(checks=(check(level=DbsLevel.STANDARD),)),
            "the DBS check recorded is standard; the role needs enhanced",
        ),
        (
            complete(requirement=Requirement(CentreRole.STAFF, DbsLevel.ENHANCED, True, True, "x")),
            "needs the children's barred list",
        ),
    ],
)
def test_each_missing_part_keeps_a_person_from_post(vetting: Vetting, reason: str) -> None:
    found = rules.clearance(vetting, DAY)
    assert not found.cleared
    assert any(reason in r for r in found.reasons), found.reasons


def test_information_disclosed_then_the_managers_decision_to_proceed_clears() -> None:
    disclosed = check(
        outcome=DbsOutcome.INFORMATION_DISCLOSED,
        decision=Decision.PROCEED,
        decided_on=date(2025, 4, 1),
    )
    assert rules.clearance(complete(checks=(disclosed,)), DAY).cleared


def test_facts_recorded_after_the_day_do_not_count() -> None:
    vetting = complete()
    assert not rules.clearance(vetting, date(2025, 3, 15)).cleared  # certificate seen 20 March
    assert rules.clearance(vetting, date(2025, 3, 20)).cleared


def test_a_lapsed_recheck_is_not_cleared_and_is_a_lapse() -> None:
    vetting = complete()
    due = rules.next_check_due(vetting.checks[0])
    assert due == date(2028, 3, 10)
    assert rules.clearance(vetting, due).cleared
    after = date(2028, 3, 11)
    assert not rules.clearance(vetting, after).cleared
    assert rules.lapsed(vetting, after) == "the DBS re-check was due on 10 March 2028"
    assert rules.lapsed(vetting, due) is None


def test_a_record_being_filled_in_is_not_a_lapse() -> None:
    assert rules.lapsed(complete(references=()), DAY) is None
    assert rules.lapsed(Vetting(Requirement(CentreRole.STAFF)), DAY) is None


# -- next check due and the alert windows ----------------------------------------------------


def test_next_check_is_three_years_after_issue_without_the_update_service() -> None:
    assert rules.next_check_due(check()) == date(2028, 3, 10)
    assert rules.next_check_due(
        check(issued_on=date(2024, 2, 29), seen_on=date(2024, 3, 1))
    ) == date(2027, 2, 28)


def test_with_the_update_service_the_status_check_is_yearly() -> None:
    subscribed = check(update_service=True)
    assert rules.next_check_due(subscribed) == date(2026, 3, 10)
    checked = check(
        update_service=True,
        last_status_check_on=date(2027, 1, 5),
        status_result=StatusResult.NO_CHANGE,
    )
    assert rules.next_check_due(checked) == date(2028, 1, 5)
    # Years after issue, the certificate still counts while the status is checked.
    vetting = complete(checks=(checked,))
    assert rules.clearance(vetting, date(2027, 12, 1)).cleared


def test_a_status_check_with_new_information_needs_a_new_check() -> None:
    changed = check(
        update_service=True,
        last_status_check_on=date(2025, 5, 1),
        status_result=StatusResult.NEW_INFORMATION,
    )
    vetting = complete(checks=(changed,))
    assert rules.next_check_due(changed) == date(2025, 5, 1)
    assert "showed new information" in rules.lapsed(vetting, DAY)
    assert not rules.clearance(vetting, DAY).cleared
    assert rules.clearance(vetting, date(2025, 4, 30)).cleared


@pytest.mark.parametrize(
    ("days", "window"),
    [
        (-1, rules.Due.OVERDUE),
        (0, rules.Due.WITHIN_7),
        (7, rules.Due.WITHIN_7),
        (8, rules.Due.WITHIN_30),
        (30, rules.Due.WITHIN_30),
        (31, rules.Due.WITHIN_60),
        (60, rules.Due.WITHIN_60),
        (61, None),
    ],
)
def test_alert_windows_60_30_7_and_overdue(days: int, window) -> None:
    from datetime import timedelta

    assert rules.due_window(DAY + timedelta(days=days), DAY) is window


def test_notes_are_cleared_six_months_after_the_recruitment_decision() -> None:
    noted = check(notes="Discussed at interview.", decided_on=date(2025, 8, 31))
    assert rules.notes_clear_on(noted) == date(2026, 2, 28)
    assert not rules.notes_due_for_clearing(noted, date(2026, 2, 27))
    assert rules.notes_due_for_clearing(noted, date(2026, 2, 28))
    pending = check(
        notes="x",
        decision=Decision.PENDING,
        decided_on=None,
        outcome=DbsOutcome.INFORMATION_DISCLOSED,
    )
    assert rules.notes_clear_on(pending) is None
    assert not rules.notes_due_for_clearing(pending, date(2030, 1, 1))


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(min_value=0, max_value=120),
)
def test_adding_months_never_goes_backwards_or_overshoots(day: date, months: int) -> None:
    later = rules.add_months(day, months)
    assert later >= day
    assert (later.year - day.year) * 12 + later.month - day.month == months


# -- what people type ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("0012 3456 7890", None),
        ("001234567890", None),
        ("00123456789", "has 11 digits; a DBS certificate number has 12"),
        ("0012345678901", "has 13 digits"),
        ("00123456789O", "no letters"),
        ("AB1234567890", "no letters"),
        ("", "Type the certificate number"),
        ("٠١٢٣٤٥٦٧٨٩٠١", "12 digits and nothing else"),  # Arabic-Indic digits
    ],
)
def test_certificate_numbers_are_twelve_digits(typed: str, problem: str | None) -> None:
    found = rules.certificate_number_problem(rules.normalise_certificate_number(typed))
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def test_check_dates() -> None:
    today = date(2026, 11, 28)
    assert rules.check_dates_problem(date(2026, 11, 1), date(2026, 11, 2), today) is None
    assert "in the future" in rules.check_dates_problem(
        date(2026, 11, 29), date(2026, 11, 29), today
    )
    assert "before its issue date" in rules.check_dates_problem(
        date(2026, 11, 10), date(2026, 11, 9), today
    )
    assert "cannot be in the future" in rules.check_dates_problem(
        date(2026, 11, 10), date(2026, 12, 1), today
    )


def test_the_barred_list_only_for_regulated_activity_with_a_justification() -> None:
    enhanced = DbsLevel.ENHANCED
    assert rules.requirement_problem(enhanced, True, True, "Supervises children alone") is None
    assert "regulated activity" in rules.requirement_problem(enhanced, False, True, "x")
    assert "only checked with an enhanced" in rules.requirement_problem(
        DbsLevel.STANDARD, True, True, "x"
    )
    assert "justification" in rules.requirement_problem(enhanced, False, False, "  ")


# -- the gates ---------------------------------------------------------------------------


def test_activation_gate() -> None:
    cleared = rules.clearance(complete(), DAY)
    not_yet = rules.clearance(complete(identity=None), DAY)
    assert rules.activation_gate(StaffStatus.APPLICANT, cleared).allowed
    refused = rules.activation_gate(StaffStatus.APPLICANT, not_yet)
    assert not refused.allowed and "identity has not been seen" in refused.sentence
    assert refused.clause is Clause.VI  # one Decision, naming the clause it rests on
    assert not rules.activation_gate(StaffStatus.ACTIVE, cleared).allowed


def test_rota_gate_says_whether_never_the_detail() -> None:
    not_yet = rules.clearance(
        complete(
            checks=(
                check(
                    outcome=DbsOutcome.INFORMATION_DISCLOSED,
                    decision=Decision.PENDING,
                    decided_on=None,
                ),
            )
        ),
        DAY,
    )
    gate = rules.rota_gate("Tegan Vost", StaffStatus.ACTIVE, not_yet, DAY)
    assert not gate.allowed and "not cleared" in gate.sentence
    assert "disclosed" not in gate.sentence
    cleared = rules.clearance(complete(), DAY)
    assert rules.rota_gate("Nia Holm", StaffStatus.ACTIVE, cleared, DAY).allowed
    assert (
        "not been made active"
        in rules.rota_gate("Nia Holm", StaffStatus.APPLICANT, cleared, DAY).sentence
    )
    assert "suspended" in rules.rota_gate("Nia Holm", StaffStatus.SUSPENDED, cleared, DAY).sentence


def test_login_gate() -> None:
    cleared = rules.clearance(complete(), DAY)
    assert rules.login_gate(StaffStatus.APPLICANT, cleared, False).allowed
    assert not rules.login_gate(StaffStatus.ACTIVE, cleared, True).allowed
    assert not rules.login_gate(StaffStatus.LEFT, cleared, False).allowed
    refused = rules.login_gate(
        StaffStatus.ACTIVE, rules.clearance(complete(references=()), DAY), False
    )
    assert not refused.allowed and "0 of 2 satisfactory references" in refused.sentence


# -- changes of status -------------------------------------------------------------------

A, ON, S, L = (StaffStatus.APPLICANT, StaffStatus.ACTIVE, StaffStatus.SUSPENDED, StaffStatus.LEFT)

ALLOWED_CHANGES = {(A, ON), (A, L), (ON, S), (ON, L), (S, ON), (S, L), (L, ON)}


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (A, A, "Already an applicant."),
        (ON, ON, "Already active."),
        (S, S, "Already suspended."),
        (L, L, "Has already left."),
        (
            ON,
            A,
            "Someone who has been active does not go back to being an applicant: suspend "
            "them, or record that they left.",
        ),
        (
            S,
            A,
            "Someone who is suspended does not go back to being an applicant: make them "
            "active again once cleared, or record that they left.",
        ),
        (
            L,
            A,
            "Someone who has left does not go back to being an applicant: if they come "
            "back, make them active again once cleared.",
        ),
        (
            A,
            S,
            "Only an active person can be suspended: an applicant is not working with "
            "families yet.",
        ),
        (L, S, "Someone who has left cannot be suspended."),
    ],
)
def test_each_refused_change_of_status_says_why(old, new, reason) -> None:
    assert rules.status_change_problem(old, new) == reason
    gate = rules.status_change_gate(old, new)
    assert not gate.allowed and gate.sentence == reason


def test_the_allowed_changes_of_status_and_nothing_else() -> None:
    allowed = {
        (old, new)
        for old in StaffStatus
        for new in StaffStatus
        if rules.status_change_problem(old, new) is None
    }
    assert allowed == ALLOWED_CHANGES
    assert rules.status_change_gate(ON, S) == decisions.allowed(
        "Suspend: they come off every future session."
    )
    assert rules.status_change_gate(S, L).allowed


def test_activation_asks_the_same_rule_then_clearance() -> None:
    cleared = rules.clearance(complete(), DAY)
    for old in (A, S, L):
        assert rules.activation_gate(old, cleared).allowed
    assert rules.activation_gate(ON, cleared).sentence == "Already active."


def test_a_suspended_person_with_every_check_done_is_not_cleared_to_work() -> None:
    """Clause vi, issue 18: the record's first line agrees with the person's status."""
    from stmarys_desktop.domain.staff import StaffStatus

    cleared = rules.clearance(complete(), DAY)
    assert cleared.cleared
    assert rules.work_summary(StaffStatus.ACTIVE, cleared) == "Cleared to work with families."
    assert rules.work_summary(StaffStatus.SUSPENDED, cleared) == (
        "Not cleared to work with families: suspended (the checks below are complete)."
    )
    assert rules.work_summary(StaffStatus.LEFT, cleared).startswith("Not cleared")
