"""The rules of the centre's Confidentiality Policy, as the product names them: what a
`Decision` rests on (domain/decisions.py). Version 1's words for each are policy's
(policy/clauses.py); a screen cites the version in force (issue 20).
"""

from __future__ import annotations

from enum import StrEnum


class Clause(StrEnum):
    EXCEPTION_WELFARE = "4a"
    EXCEPTION_VIOLENCE = "4b"
    I = "i"  # noqa: E741 - the policy numbers its clauses in roman numerals
    II = "ii"
    III = "iii"
    IV = "iv"
    V = "v"
    VI = "vi"
    VII = "vii"
    VIII = "viii"
    IX = "ix"
    REVIEW = "review"

    @property
    def title(self) -> str:
        if self in (Clause.EXCEPTION_WELFARE, Clause.EXCEPTION_VIOLENCE):
            # Version 1's exceptions are unnumbered points under its paragraph 4 (D222).
            return f"clause 4, point {'a' if self is Clause.EXCEPTION_WELFARE else 'b'}"
        if self is Clause.REVIEW:
            return "the annual review"
        return f"clause {self.value}"
