"""The family record shows an open exception, and leads to its disclosures and chronology."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from stmarys_desktop.domain.incidents import IncidentDraft, IncidentKind
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts, families, incidents
from stmarys_desktop.ui.dialogs.chronology import ChronologyDialog
from stmarys_desktop.ui.dialogs.disclosures import DisclosuresDialog
from stmarys_desktop.ui.dialogs.family_record import FamilyRecordDialog
from tests.ui.helpers import find
from tests.unit.family_helpers import two_parent_family


@pytest.fixture
def two_families(manager, sign_in_as):
    for user, role in (
        ("lead", Role.SAFEGUARDING_LEAD),
        ("desk", Role.FRONT_DESK),
        ("coord", Role.COORDINATOR),
    ):
        accounts.create_account(
            manager,
            user_name=user,
            display_name=f"Made-up {user}",
            roles=[role],
            password=f"{user} password long",
        )
    lead = sign_in_as("lead", "lead password long")
    desk = sign_in_as("desk", "desk password long")
    coord = sign_in_as("coord", "coord password long")
    family = families.create_family(coord, two_parent_family())
    other = families.create_family(
        coord,
        two_parent_family(resident="Wren Ashby", visiting="Tal Kelham", children=("Rosa Ashby",)),
    )
    return lead, desk, coord, family, other


def record(qtbot, session, family) -> FamilyRecordDialog:
    dialog = FamilyRecordDialog(None, session, families.open_family(session, family.id))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_confirmed_concern_shows_as_an_open_exception_on_that_family_only(qtbot, two_families):
    lead, desk, coord, family, other = two_families
    before = record(qtbot, coord, family)
    assert not find(before, QLabel, "Open exceptions").isVisible()
    incident_id = incidents.record_incident(
        desk,
        IncidentDraft(
            kind=IncidentKind.WELFARE_CONCERN,
            occurred_at=datetime.now().astimezone(),
            seen_and_heard='Ivy said: "I\'m frightened."',
            family_id=family.id,
        ),
    )
    exception = incidents.confirm_concern(lead, incident_id)
    after = record(qtbot, coord, family)
    shown = find(after, QLabel, "Open exceptions")
    assert shown.isVisible() and f"Exception {exception.id}" in shown.text()
    assert "clause 4, point a" in shown.text()  # as the policy numbers it
    elsewhere = record(qtbot, coord, other)
    assert not find(elsewhere, QLabel, "Open exceptions").isVisible()


def test_the_record_opens_disclosures_and_the_chronology(qtbot, two_families, monkeypatch):
    _, _, coord, family, _ = two_families
    opened = []
    monkeypatch.setattr(
        DisclosuresDialog, "exec", lambda dialog: opened.append(dialog.windowTitle()) or 0
    )
    monkeypatch.setattr(
        ChronologyDialog, "exec", lambda dialog: opened.append(dialog.windowTitle()) or 0
    )
    dialog = record(qtbot, coord, family)
    qtbot.mouseClick(dialog.disclosures_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.chronology_button, Qt.MouseButton.LeftButton)
    assert opened[0] == f"Disclosures: {family.reference}"
    assert family.reference in opened[1]
