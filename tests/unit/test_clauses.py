"""Every clause the product names is word for word in the policy the centre wrote."""

from __future__ import annotations

from stmarys_desktop import paths
from stmarys_desktop.domain.clauses import Clause


def test_every_clause_quotes_the_shipped_policy_exactly() -> None:
    policy = " ".join(
        paths.resource("policy", "confidentiality-policy.txt").read_text(encoding="utf-8").split()
    )
    for clause in Clause:
        assert " ".join(clause.words.split()) in policy, clause


def test_every_clause_has_a_title_for_the_screen() -> None:
    assert Clause.EXCEPTION_WELFARE.title == "clause 4, exception a"
    assert Clause.IV.title == "clause iv"
    assert len({c.title for c in Clause}) == len(Clause)
