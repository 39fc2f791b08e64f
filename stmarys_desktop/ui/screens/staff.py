"""The Staff screen."""

from __future__ import annotations

from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.ui.screens.later import LaterScreen


class StaffScreen(LaterScreen):
    title = "Staff"
    permission = Permission.VIEW_VETTING
    sentence = ("Staff and volunteers, with their DBS checks and the re-checks due, arrive "
                "in a later release.")
