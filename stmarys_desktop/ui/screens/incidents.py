"""The Incidents screen."""

from __future__ import annotations

from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.ui.screens.later import LaterScreen


class IncidentsScreen(LaterScreen):
    title = "Incidents"
    permission = Permission.RECORD_INCIDENT
    sentence = ("Recording incidents, concerns and the accident book arrives in a later "
                "release. Until then, use the paper accident book.")
