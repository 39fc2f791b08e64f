"""The Policy screen."""

from __future__ import annotations

from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.ui.screens.later import LaterScreen


class PolicyScreen(LaterScreen):
    title = "Policy"
    permission = Permission.VIEW_POLICY
    sentence = ("The Confidentiality Policy viewer, its versions and the register of "
                "acknowledgements arrive in a later release. Ask a manager for the printed "
                "policy.")
