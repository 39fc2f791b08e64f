"""The request log's rules (DESIGN.md section 2, "Every request for information ...").

The fields come from the centres whose published policies go furthest: who asked
(person and agency), what, when, about whom, who recorded it, whether consent was
sought and with what result, the decision and its basis, the reason for disclosing
without consent, and whether the person was told afterwards. These functions read no
clock and no database: the services hand them plain facts and enforce the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stmarys_desktop.domain.disclosures import ConsentSought, RequestField, Told

# How a test or a refusal names the rule these functions hold.
RULE = "the request log (DESIGN.md section 2)"


@dataclass(frozen=True)
class Entry:
    """What one request says, as the rules read it."""

    requester_name: str
    asked_for: str
    received_on: date
    consent: ConsentSought
    without_consent_reason: str
    told: Told
    told_on: date | None
    not_told_reason: str
    # An allowed disclosure answering it went out under an exception (clause 4).
    answered_under_exception: bool = False


def without_consent(consent: ConsentSought, *, under_exception: bool) -> bool:
    """Information that goes out under an exception while the person's consent is not
    obtained (sought and awaited, refused, or not sought) goes without consent, and the
    reason is typed, in the words of whoever decided. Attendance dates to the referrer go
    under the policy's own clause iii and a parent's contact details only with their
    written consent (clause iv), so neither asks for a reason."""
    return under_exception and consent is not ConsentSought.OBTAINED


def problems(entry: Entry, today: date) -> list[str]:
    """Everything wrong with the entry, each in a sentence a person can act on; none when
    it may be recorded as it is."""
    found: list[str] = []
    if not entry.requester_name.strip():
        found.append("Say who asked.")
    if not entry.asked_for.strip():
        found.append("Write what they asked for.")
    if entry.received_on > today:
        found.append("The request cannot have been received on a day still to come.")
    if (
        without_consent(entry.consent, under_exception=entry.answered_under_exception)
        and not entry.without_consent_reason.strip()
    ):
        found.append(
            "Information went out under an exception without the person's consent "
            f"({entry.consent.label.lower()}): write the reason it went without consent."
        )
    if entry.told is Told.YES:
        if entry.told_on is None:
            found.append("Give the date they were told.")
        elif entry.told_on > today:
            found.append("The date they were told cannot be a day still to come.")
        elif entry.told_on < entry.received_on:
            found.append("They cannot have been told before the request was received.")
    if entry.told is Told.NO and not entry.not_told_reason.strip():
        found.append("Say why they were not told.")
    return found


def consent_shown_by(basis: str, consent: ConsentSought) -> ConsentSought | None:
    """A disclosure that answers a request on the strength of a written consent on file
    ("consent 12") shows that consent was obtained: the request's answer becomes
    "obtained" if it said otherwise. None: nothing to change."""
    if basis.startswith("consent ") and consent is not ConsentSought.OBTAINED:
        return ConsentSought.OBTAINED
    return None


def answer_problem(request_family_id: int | None, family_id: int) -> str:
    """A disclosure answers a request about the same family, or none at all."""
    if request_family_id != family_id:
        return "That request is about another family; choose one of this family's requests."
    return ""


def change_problem(changed: set[RequestField], told_before: Told, reason: str) -> str:
    """A change after recording says why (D312). Recording for the first time whether the
    person was told completes the entry rather than corrects it, so it asks no reason."""
    if not changed:
        return "Nothing was changed."
    if changed == {RequestField.TOLD} and told_before is Told.NOT_YET:
        return ""
    if not reason.strip():
        return "Say why the request is being changed; the reason is kept with the change."
    return ""


def settles(current_decision: str, allowed: bool) -> bool:
    """Whether an answer sets the request's decision and basis (D313): information given
    stays given, so a later refusal (a letter to the wrong recipient, say) is listed among
    the request's answers without making the request "refused"."""
    return allowed or current_decision != "given"


def answered_under_exception(answers: tuple[tuple[str, bool], ...]) -> bool:
    """Whether information went out under an exception in answer to the request: an
    allowed share with Children's Services or the police, (action, allowed) per answer."""
    return any(allowed and action == "share_with_authorities" for action, allowed in answers)
