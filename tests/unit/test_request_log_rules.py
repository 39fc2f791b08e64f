"""The request log's rules, pure (policy/request_log.py; DESIGN.md section 2, the request
log, and clause 4 for what goes without consent)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from stmarys_desktop.domain.disclosures import ConsentSought, RequestField, Told
from stmarys_desktop.policy import request_log as rules

TODAY = date(2026, 12, 7)


def entry(**changed) -> rules.Entry:
    given = {
        "requester_name": "Mira Pennock",
        "asked_for": "Attendance dates",
        "received_on": TODAY - timedelta(days=2),
        "consent": ConsentSought.NOT_SOUGHT,
        "without_consent_reason": "",
        "told": Told.NOT_YET,
        "told_on": None,
        "not_told_reason": "",
    }
    return rules.Entry(**(given | changed))


def test_request_log_a_complete_entry_has_no_problems() -> None:
    assert rules.problems(entry(), TODAY) == []


@pytest.mark.parametrize(
    "consent", [ConsentSought.SOUGHT, ConsentSought.REFUSED, ConsentSought.NOT_SOUGHT]
)
def test_clause_4_under_an_exception_without_consent_obtained_the_reason_is_typed(
    consent,
) -> None:
    assert rules.without_consent(consent, under_exception=True)
    problems = rules.problems(entry(consent=consent, answered_under_exception=True), TODAY)
    assert problems == [
        "Information went out under an exception without the person's consent "
        f"({consent.label.lower()}): write the reason it went without consent."
    ]
    typed = entry(
        consent=consent, answered_under_exception=True, without_consent_reason="Risk to Ivy"
    )
    assert rules.problems(typed, TODAY) == []


def test_clause_iii_and_iv_ask_no_reason_without_an_exception() -> None:
    assert not rules.without_consent(ConsentSought.NOT_SOUGHT, under_exception=False)
    assert not rules.without_consent(ConsentSought.OBTAINED, under_exception=True)


def test_request_log_told_afterwards_needs_a_date_or_a_reason() -> None:
    assert rules.problems(entry(told=Told.YES), TODAY) == ["Give the date they were told."]
    assert rules.problems(entry(told=Told.NO), TODAY) == ["Say why they were not told."]
    early = entry(told=Told.YES, told_on=TODAY - timedelta(days=5))
    assert rules.problems(early, TODAY) == [
        "They cannot have been told before the request was received."
    ]


def test_clause_iv_a_written_consent_shows_consent_obtained() -> None:
    assert rules.consent_shown_by("consent 4", ConsentSought.SOUGHT) is ConsentSought.OBTAINED
    assert rules.consent_shown_by("consent 4", ConsentSought.OBTAINED) is None
    assert rules.consent_shown_by("exception 2", ConsentSought.REFUSED) is None


def test_request_log_a_change_says_why_but_a_first_told_completes_the_entry() -> None:
    assert rules.change_problem(set(), Told.NOT_YET, "x") == "Nothing was changed."
    assert rules.change_problem({RequestField.TOLD}, Told.NOT_YET, "") == ""
    assert "Say why" in rules.change_problem({RequestField.TOLD}, Told.YES, " ")
    assert "Say why" in rules.change_problem({RequestField.CONSENT}, Told.NOT_YET, "")


def test_request_log_a_disclosure_answers_a_request_of_its_own_family() -> None:
    assert rules.answer_problem(3, 3) == ""
    assert "another family" in rules.answer_problem(4, 3)
    assert "another family" in rules.answer_problem(None, 3)


def test_request_log_information_given_stays_given() -> None:
    assert rules.settles("", allowed=False) and rules.settles("refused", allowed=True)
    assert rules.settles("given", allowed=True)
    assert not rules.settles("given", allowed=False)


def test_clause_4_only_an_allowed_share_is_answered_under_an_exception() -> None:
    assert rules.answered_under_exception((("share_with_authorities", True),))
    assert not rules.answered_under_exception((("share_with_authorities", False),))
    assert not rules.answered_under_exception((("attendance_letter", True),))
