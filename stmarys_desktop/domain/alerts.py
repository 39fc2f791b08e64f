"""Alerts for the start screen: something a person should see today."""

from __future__ import annotations

from dataclasses import dataclass

INFO = "info"
WARNING = "warning"
URGENT = "urgent"
# The order a list of alerts is shown in: most pressing first.
SEVERITIES = (URGENT, WARNING, INFO)


# Where an alert leads when a person opens it (issue 18): the thing it names.
STAFF_RECORD = "staff record"  # with subject_id, the member of staff
POLICY = "policy"
BACKUP = "backup"
RETENTION = "retention review"
CONCERNS = "concerns"
RECORDS = "incident records"


@dataclass(frozen=True)
class Alert:
    severity: str
    text: str
    opens: str = ""
    subject_id: int | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown alert severity {self.severity!r}")

    @property
    def rank(self) -> int:
        return SEVERITIES.index(self.severity)
