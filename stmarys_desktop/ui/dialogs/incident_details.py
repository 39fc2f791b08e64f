"""The whole of one record, for those allowed to see it.

A concern's details reach only the safeguarding lead and the manager; the
service refuses anyone else (and audits the attempt), so this dialog is only
ever given a record the service has already handed over. The record reads as
a page of text (selectable, and read whole by a screen reader), with the body
map beside it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.dates import long_stamp
from stmarys_desktop.domain.incidents import REFERRED_TO, Incident
from stmarys_desktop.printing.document import escape
from stmarys_desktop.printing.internal import paragraphs
from stmarys_desktop.ui.body_map import BodyMapEditor
from stmarys_desktop.ui.offers import fit_to_screen
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.widgets import close_buttons, heading, named, paragraph


def status_words(incident: Incident) -> str:
    words = incident.status.label
    if incident.decided_by:
        who = incident.decided_by_name or incident.decided_by  # the full name (issue 18)
        words += f" ({who}, {long_stamp(incident.decided_at)})"
    if incident.decision_note:
        words += f": {incident.decision_note}"
    return words


def rows_of(incident: Incident) -> list[tuple[str, str]]:
    """What the record says, in the order a person reads it."""
    rows = [("Kind", incident.kind.label), ("Status", status_words(incident))]
    if incident.supersedes_id is not None:
        rows.append(("Corrects", f"Record {incident.supersedes_id}"))
    if incident.superseded_by_id is not None:
        rows.append(
            (
                "Superseded by",
                f"Record {incident.superseded_by_id}: this record has "
                "been corrected; read the correction too.",
            )
        )
    rows += [
        ("When", long_stamp(incident.occurred_at)),
        ("Where", incident.place),
        ("Family", incident.family_reference or "No family"),
        ("Who was involved", incident.people_involved),
        ("What was seen and heard", incident.seen_and_heard),
        ("Injuries", incident.injuries),
        ("Immediate action", incident.action_taken),
        ("Who was told, and when", incident.who_was_told),
        ("Referred to", REFERRED_TO.get(incident.referred_to, incident.referred_to)),
        ("Their reference", incident.referral_reference),
        ("Follow-up", incident.follow_up),
        ("Recorded by", f"{incident.recorded_by}, {long_stamp(incident.recorded_at)}"),
    ]
    return rows


def record_html(incident: Incident) -> str:
    cells = "".join(
        f"<tr><td valign='top'><b>{escape(name)}</b></td>"
        f"<td valign='top'>{paragraphs(text)}</td></tr>"
        for name, text in rows_of(incident)
    )
    return f"<table cellspacing='0' cellpadding='3' width='100%'>{cells}</table>"


class IncidentDetailsDialog(Dialog):
    def __init__(self, parent: QWidget | None, incident: Incident) -> None:
        super().__init__(parent)
        self.incident = incident
        title = f"Record {incident.id}: {incident.kind.label}"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.record = named(QTextBrowser(), "Record")
        self.record.setOpenLinks(False)
        self.record.setHtml(record_html(incident))
        body = QHBoxLayout()
        body.addWidget(self.record, 3)
        self.body_map: BodyMapEditor | None = None
        if incident.body_map or incident.kind.has_body_map:
            self.body_map = BodyMapEditor(read_only=True)
            self.body_map.set_marks(list(incident.body_map))
            body.addWidget(self.body_map, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 1.2))
        if incident.superseded_by_id is not None:
            layout.addWidget(
                paragraph(
                    f"This record has been corrected by record {incident.superseded_by_id}.",
                    "Superseded",
                )
            )
        layout.addLayout(body, 1)
        layout.addWidget(close_buttons(self))
        fit_to_screen(self, 130, 34)
