"""One shape for every answer to "may this person do this here, and why not": the policy's
decisions on what leaves the centre, the vetting gates of clause vi and the roles a person
holds all answer with a `Decision`, and the screens render it one way (ui/offers.py)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from stmarys_desktop.domain.clauses import Clause


class Basis(StrEnum):
    """What an allowed disclosure rests on; with `Decision.basis_id`, which record."""

    REFERRER_RULE = "referrer rule"
    CONSENT = "consent"
    EXCEPTION = "exception"
    AGREEMENT = "agreement"
    INTERNAL_USE = "internal use"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    # The rule the answer rests on; None for an answer on the person's roles or on what is
    # chosen on the screen.
    clause: Clause | None
    sentence: str
    basis: Basis | None = None
    basis_id: int | None = None
    # How the version in force numbers the clause ("clause 5.2"); the services fill it in
    # from the version's rule map (issue 20), and the product's own name stands in.
    cited_as: str = ""

    @property
    def label(self) -> str:
        if self.cited_as:
            return self.cited_as
        return self.clause.title if self.clause is not None else ""

    @property
    def reason(self) -> str:
        """The sentence with its clause, for a refusal raised as an error."""
        return f"{self.sentence} ({self.label})" if self.label else self.sentence

    @property
    def grounds(self) -> str:
        """The basis as the disclosure log keeps it: "consent 3", "referrer rule"."""
        if self.basis is None:
            return ""
        return f"{self.basis} {self.basis_id}" if self.basis_id is not None else str(self.basis)


def allowed(sentence: str = "", clause: Clause | None = None) -> Decision:
    return Decision(True, clause, sentence)


def refused(sentence: str, clause: Clause | None = None) -> Decision:
    return Decision(False, clause, sentence)
