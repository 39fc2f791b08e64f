"""The clauses of the centre's Confidentiality Policy, as the product names them.

Each clause carries the policy's own words (resources/policy/confidentiality-
policy.txt) so that a refusal on screen can say which clause and what it says.
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
            return f"clause 4, exception {'a' if self is Clause.EXCEPTION_WELFARE else 'b'}"
        if self is Clause.REVIEW:
            return "the annual review"
        return f"clause {self.value}"

    @property
    def words(self) -> str:
        return WORDS[self]


WORDS = {
    Clause.EXCEPTION_WELFARE: "A concern about the welfare of a child which will be passed to "
    "Children's Services and/or the police.",
    Clause.EXCEPTION_VIOLENCE: "A concern about physical violence to a user, or member of "
    "staff, of the contact centre.",
    Clause.I: "Staff do not discuss or disclose any details relating to a family outside of "
    "the Child Contact Centre.",
    Clause.II: "Staff do not make verbal or written reports in any family proceedings.",
    Clause.III: "The dates and times of a family's attendance will be made available to "
    "referring agencies upon request.",
    Clause.IV: "A parent's details such as his/her address and telephone number will not be "
    "passed to any other person (including their former partner) or agency "
    "without their permission.",
    Clause.V: "Unless there is an agreement which allows them to do otherwise, Solicitors, "
    "CAFCASS Officers, Social Workers or any other individual or agency will not be "
    "allowed to carry out family assessments on Child Contact Centre premises.",
    Clause.VI: "All potential staff must have checks undertaken by the Disclosure and Barring "
    "Service (DBS) prior to taking up post.",
    Clause.VII: "All information relating to families and staff will be always kept in a "
    "secure place.",
    Clause.VIII: "All information relating to families and staff which has not been used for "
    "three years will be treated as confidential waste and disposed of as such, "
    "except in the case of the accident book, which will be kept indefinitely.",
    Clause.IX: "Child Contact Centre users, referrers, and staff will all be made aware of the "
    "existence of this policy and have access to it upon request.",
    Clause.REVIEW: "We are committed to reviewing our policy and good practice annually.",
}
