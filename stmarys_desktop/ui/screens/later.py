"""Screens whose registers arrive in later releases: each says so plainly."""

from __future__ import annotations

from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.ui.screens.base import Host, Screen
from stmarys_desktop.ui.widgets import paragraph


class LaterScreen(Screen):
    sentence = ""

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.content.addWidget(paragraph(self.sentence, f"About the {self.title} screen"))
        self.content.addStretch(1)


class StaffScreen(LaterScreen):
    title = "Staff"
    permission = Permission.VIEW_VETTING
    sentence = ("Staff and volunteers, with their DBS checks and the re-checks due, arrive "
                "in a later release.")


class PolicyScreen(LaterScreen):
    title = "Policy"
    permission = Permission.VIEW_POLICY
    sentence = ("The Confidentiality Policy viewer, its versions and the register of "
                "acknowledgements arrive in a later release. Ask a manager for the printed "
                "policy.")
