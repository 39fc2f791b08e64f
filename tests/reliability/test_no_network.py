"""Offline by construction: a full session, services and window, opens no socket.

`socket.socket`, `socket.create_connection`, `socket.getaddrinfo` (and a few
neighbours) are replaced by stand-ins that record the call and then raise. The
test fails on any recorded call, so a caller that swallowed the exception is
still caught.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from stmarys_desktop.domain.incidents import IncidentDraft, IncidentKind
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.domain.sessions import BookingDraft
from stmarys_desktop.services import (
    accounts,
    bookings,
    families,
    incidents,
    maintenance,
    register,
    retention,
)
from stmarys_desktop.services import disclosure as out
from stmarys_desktop.services.auth import create_centre, sign_in
from tests.helpers import CHEAP_KDF, MANAGER, PASSWORD, WEDNESDAY, at
from tests.unit.family_helpers import two_parent_family
from tests.unit.vetting_helpers import cleared_staff

pytestmark = pytest.mark.reliability

PATCHED = (
    "socket",
    "create_connection",
    "getaddrinfo",
    "gethostbyname",
    "gethostbyname_ex",
    "create_server",
    "getfqdn",
)


@pytest.fixture
def network_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def refusing(name: str):
        def refuse(*args, **kwargs):
            calls.append(f"socket.{name}{args!r}")
            raise OSError(f"test: the application tried socket.{name}")

        return refuse

    for name in PATCHED:
        monkeypatch.setattr(socket, name, refusing(name))
    return calls


def test_a_full_service_session_opens_no_socket(network_calls: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "centre"
    made = create_centre(
        folder,
        centre_name="Offline Test Centre",
        admin_user_name=MANAGER,
        admin_display_name="Morwenna Testwick",
        password=PASSWORD,
        kdf=CHEAP_KDF,
    )
    made.session.close()
    manager = sign_in(folder, MANAGER, PASSWORD)
    coord = desk = None
    try:
        manager.centre.clock = at(8)
        accounts.create_account(
            manager,
            user_name="coord",
            display_name="Nerys Calder",
            roles=[Role.COORDINATOR],
            password="coordinator password",
        )
        accounts.create_account(
            manager,
            user_name="desk",
            display_name="Pella Quorne",
            roles=[Role.FRONT_DESK],
            password="front desk password",
        )
        bookings.add_room(manager, "Playroom")
        worker = cleared_staff(manager, "Nia Holmbrook")
        coord = sign_in(folder, "coord", "coordinator password")
        desk = sign_in(folder, "desk", "front desk password")
        for session in (coord, desk):
            session.centre.clock = at(8)

        family = families.create_family(coord, two_parent_family())
        assert families.search_families(desk, "Dunford")
        resident, visiting = family.adults[:2]
        room = bookings.rooms(coord)[0].id
        session_id = bookings.book_session(
            coord,
            BookingDraft(
                family_id=family.id,
                on_date=WEDNESDAY,
                starts="10:00",
                ends="12:00",
                room_id=room,
                first_arriving_id=resident.id,
                second_arriving_id=visiting.id,
                staff_ids=[worker],
            ),
        )
        desk.centre.clock = at(9, 45)
        register.check_in(desk, session_id, resident.id)
        desk.centre.clock = at(10)
        register.check_in(desk, session_id, visiting.id)
        desk.centre.clock = at(10, 30)
        incidents.record_incident(
            desk,
            IncidentDraft(
                kind=IncidentKind.WELFARE_CONCERN,
                occurred_at=at(10, 20)(),
                seen_and_heard="A child said the handover made them nervous.",
                family_id=family.id,
                place="Playroom",
            ),
        )
        letter = out.attendance_letter(
            coord, family.id, "Hartwell Finch LLP", deliver=lambda _letter: True
        )
        assert letter.recipient

        backups = tmp_path / "backups"
        backups.mkdir()
        result = maintenance.backup(manager, backups)
        assert result.path.is_file()
        report = maintenance.verify(manager)
        assert report.ok, report.problems
        retention.review(manager)
    finally:
        for session in (desk, coord, manager):
            if session is not None:
                session.close()
    assert network_calls == []


def test_the_window_signed_in_opens_no_socket(
    qtbot, network_calls: list[str], closed_centre: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog, QMessageBox

    from stmarys_desktop.ui.main_window import AppWindow
    from tests.ui.helpers import sign_in as sign_in_through_page

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(QDialog, "exec", lambda dialog: shown.append(dialog.windowTitle()) or 0)
    window = AppWindow(closed_centre, monotonic=lambda: 1_000_000.0, tick_ms=5)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    sign_in_through_page(qtbot, window, MANAGER, PASSWORD)
    assert not window.locked and window.workspace is not None, shown
    qtbot.wait(200)  # let timers and deferred loads run
    window.close()
    assert network_calls == []
