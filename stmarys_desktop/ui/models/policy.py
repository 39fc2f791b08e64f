"""The Policy screen's tables: the annual reviews, who has not acknowledged the
current version yet, and the acknowledgement register.

Rows stay in the service's order (reviews newest first; the register the newest
it returns; those still to acknowledge as listed), so the tables do not sort.
"""

from __future__ import annotations

from enum import IntEnum
from typing import ClassVar

from stmarys_desktop.domain.dates import long_date
from stmarys_desktop.domain.policy_documents import Acknowledgement, Outstanding, PolicyReview
from stmarys_desktop.policy.rule_map import Citation, rule
from stmarys_desktop.ui.models.base import RowsModel


class ReviewColumn(IntEnum):
    REVIEWED_ON = 0
    VERSION = 1
    BY = 2
    OUTCOME = 3


class ReviewsModel(RowsModel):
    columns = ReviewColumn
    headers: ClassVar[dict[int, str]] = {
        ReviewColumn.REVIEWED_ON: "Reviewed on",
        ReviewColumn.VERSION: "Version",
        ReviewColumn.BY: "By",
        ReviewColumn.OUTCOME: "Outcome",
    }

    def display(self, item: PolicyReview, column: ReviewColumn) -> str:
        match column:
            case ReviewColumn.REVIEWED_ON:
                return long_date(item.reviewed_on)
            case ReviewColumn.VERSION:
                return str(item.version_number)
            case ReviewColumn.BY:
                return item.reviewed_by
            case ReviewColumn.OUTCOME:
                return item.outcome


class OutstandingColumn(IntEnum):
    NAME = 0
    DETAIL = 1


class OutstandingModel(RowsModel):
    columns = OutstandingColumn
    headers: ClassVar[dict[int, str]] = {
        OutstandingColumn.NAME: "Name",
        OutstandingColumn.DETAIL: "Role, family or agency",
    }

    def display(self, item: Outstanding, column: OutstandingColumn) -> str:
        return item.name if column is OutstandingColumn.NAME else item.detail


class AcknowledgementColumn(IntEnum):
    NAME = 0
    GROUP = 1
    DETAIL = 2
    SIGNED_ON = 3
    SHEET = 4
    KEPT_AT = 5


class AcknowledgementsModel(RowsModel):
    """The acknowledgement register of the current version."""

    columns = AcknowledgementColumn
    headers: ClassVar[dict[int, str]] = {
        AcknowledgementColumn.NAME: "Name",
        AcknowledgementColumn.GROUP: "Group",
        AcknowledgementColumn.DETAIL: "Role, family or agency",
        AcknowledgementColumn.SIGNED_ON: "Signed on",
        AcknowledgementColumn.SHEET: "Sheet",
        AcknowledgementColumn.KEPT_AT: "Kept at",
    }

    def display(self, item: Acknowledgement, column: AcknowledgementColumn) -> str:
        match column:
            case AcknowledgementColumn.NAME:
                return item.name
            case AcknowledgementColumn.GROUP:
                return item.group.singular
            case AcknowledgementColumn.DETAIL:
                return item.detail
            case AcknowledgementColumn.SIGNED_ON:
                return long_date(item.acknowledged_on)
            case AcknowledgementColumn.SHEET:
                return item.how.label
            case AcknowledgementColumn.KEPT_AT:
                return item.kept_at


class RuleColumn(IntEnum):
    RULE = 0
    PASSAGE = 1
    WORDS = 2


class RuleMapModel(RowsModel):
    """A version's rule map: each rule the product enforces, and the passage stating it
    (rows are Citations). A rule the version does not state is in italics."""

    columns = RuleColumn
    headers: ClassVar[dict[int, str]] = {
        RuleColumn.RULE: "Rule the product enforces",
        RuleColumn.PASSAGE: "Cited as",
        RuleColumn.WORDS: "Words cited",
    }

    def display(self, item: Citation, column: RuleColumn) -> str:
        match column:
            case RuleColumn.RULE:
                topic = rule(item.clause).topic
                title = item.clause.title
                return title if topic == title else f"{title}: {topic}"
            case RuleColumn.PASSAGE:
                return item.label
            case RuleColumn.WORDS:
                return (
                    f"\u201c{item.words}\u201d"
                    if item.quoted
                    else f"No passage; the centre keeps it in force: {item.words}"
                )

    def marked(self, item: Citation) -> bool:
        return not item.quoted
