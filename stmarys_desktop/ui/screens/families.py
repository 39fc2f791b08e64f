"""The Families screen."""

from __future__ import annotations

from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.ui.screens.later import LaterScreen


class FamiliesScreen(LaterScreen):
    title = "Families"
    permission = Permission.VIEW_FAMILIES
    sentence = ("The family register (families, referrals, consents and bookings) arrives "
                "in a later release; this screen shows nothing yet.")
