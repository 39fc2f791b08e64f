"""The request log on paper (issue 20), for use inside the centre only (clause i).

One row per request with every field of the log, oldest first; under it, when it has
any, the changes made after it was recorded: what each field said, what it says now,
why, who and when.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from stmarys_desktop.domain.dates import long_date, long_stamp
from stmarys_desktop.domain.disclosures import InfoRequest, RequestLogPrintout
from stmarys_desktop.policy.disclosure import Action
from stmarys_desktop.printing.document import (
    Paper,
    escape,
    heading,
    plural,
    table,
)
from stmarys_desktop.printing.internal import internal_paper

TITLE = "Request log"
HEADER = (
    "No.",
    "Received",
    "Who asked",
    "Asked for",
    "About",
    "Consent",
    "Answer",
    "Without consent because",
    "Told afterwards",
    "Recorded by",
)
WIDTHS = (0.04, 0.09, 0.11, 0.15, 0.09, 0.08, 0.14, 0.11, 0.09, 0.10)
# The centre's log names each request's family in a column of its own.
CENTRE_HEADER = (*HEADER[:4], "Family", *HEADER[4:])
CENTRE_WIDTHS = (0.04, 0.08, 0.10, 0.12, 0.12, 0.08, 0.08, 0.11, 0.09, 0.09, 0.09)
CHANGE_HEADER = ("Request", "When", "Field", "Said", "Says now", "Why", "By")
CHANGE_WIDTHS = (0.07, 0.12, 0.12, 0.17, 0.17, 0.22, 0.13)


def answer_words(request: InfoRequest) -> str:
    """What was decided, on what basis, and which disclosures answered it."""
    if not request.answers:
        return "Not answered yet"
    done = "; ".join(
        f"{Action(a.action).label} to {a.recipient}: {'allowed' if a.allowed else 'refused'}"
        for a in request.answers
    )
    return f"{done} ({request.basis})" if request.basis else done


def _row(request: InfoRequest, with_family: bool) -> tuple[str, ...]:
    who = request.requester_name + (
        f" ({request.requester_agency})" if request.requester_agency else ""
    )
    family = (escape(request.family_reference or "-"),) if with_family else ()
    return (
        str(request.id),
        escape(long_date(request.received_on)),
        escape(who),
        escape(request.asked_for),
        *family,
        escape(request.about_words),
        escape(request.consent.label),
        escape(answer_words(request)),
        escape(request.without_consent_reason or "-"),
        escape(request.told_words),
        escape(request.recorded_by_name or request.recorded_by),
    )


def request_log_paper(printout: RequestLogPrintout) -> Paper:
    whose = f"family {printout.family_reference}" if printout.family_reference else "the centre"
    centre_wide = not printout.family_reference
    story: list[Flowable] = [
        table(
            CENTRE_HEADER if centre_wide else HEADER,
            [_row(r, centre_wide) for r in printout.requests],
            CENTRE_WIDTHS if centre_wide else WIDTHS,
            "No request for information has been recorded.",
        )
    ]
    changes = [
        (
            str(change.request_id),
            escape(long_stamp(change.changed_at)),
            escape(change.field.label),
            escape(change.was or "-"),
            escape(change.now or "-"),
            escape(change.reason),
            escape(change.changed_by_name),
        )
        for r in printout.requests
        for change in printout.changes.get(r.id, ())
    ]
    if changes:
        story += [heading("Changes after recording"), table(CHANGE_HEADER, changes, CHANGE_WIDTHS)]
    name = printout.centre_name
    paper = internal_paper(
        f"{TITLE} of {whose}: {name}" if name else f"{TITLE} of {whose}",
        name,
        printout.printed_by,
        long_date(printout.printed_on),
        story,
        intro=f"{plural(len(printout.requests), 'request')} for information "
        + (f"about {whose}" if printout.family_reference else "recorded at the centre")
        + ", "
        "oldest first: who asked, what, about whom, consent, the answer and its basis, the "
        "reason for any disclosure without consent and whether the person was told.",
        end="End of the request log.",
    )
    paper.landscape = True
    return paper
