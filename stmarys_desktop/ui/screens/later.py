"""Screens whose registers arrive in later releases: each says so plainly."""

from __future__ import annotations

from stmarys_desktop.ui.screens.base import Host, Screen
from stmarys_desktop.ui.widgets import paragraph


class LaterScreen(Screen):
    sentence = ""

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.content.addWidget(paragraph(self.sentence, f"About the {self.title} screen"))
        self.content.addStretch(1)
