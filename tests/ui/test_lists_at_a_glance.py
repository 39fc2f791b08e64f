"""Lists read at a glance (issue 18, item 5): the people in one cell kept apart by
semicolons, so that a reader sees where one full name ends and the next begins."""

from __future__ import annotations

from datetime import date

from stmarys_desktop.domain.sessions import (
    CalendarSession,
    Handover,
    RegisterEntry,
    SessionStatus,
)
from stmarys_desktop.ui.models.register import RegisterModel, SessionColumn
from stmarys_desktop.ui.screens.calendar import session_text

STAFF = ("Zara Thornstead", "Stuart Quenhurst")


def test_the_register_lists_the_staff_on_duty_apart(qapp):
    arrives = Handover(1, "Ivy Brackwell (resident parent)", "09:45")
    leaves = Handover(2, "Plouth Vrenby (non-resident parent)", "12:00")
    entry = RegisterEntry(
        session_id=1,
        family_id=1,
        reference="SMC-2026-00001",
        room="Art Room",
        on_date=date(2026, 12, 7),
        starts="10:00",
        ends="12:00",
        arrivals=(arrives, leaves),
        departures=(leaves, arrives),
        status=SessionStatus.BOOKED,
        cancelled_by="",
        staff=STAFF,
        named=(),
        version=1,
    )
    model = RegisterModel()
    model.set_rows([entry])
    staff = model.index(0, SessionColumn.STAFF).data()
    assert staff == "Zara Thornstead; Stuart Quenhurst"
    model.set_rows([entry.__class__(**{**entry.__dict__, "staff": ()})])
    assert model.index(0, SessionColumn.STAFF).data() == "None yet"


def test_the_calendar_lists_the_staff_on_duty_apart():
    item = CalendarSession(
        session_id=1,
        family_id=1,
        reference="SMC-2026-00001",
        room="Art Room",
        on_date=date(2026, 12, 7),
        starts="10:00",
        ends="12:00",
        first_arrives="09:45",
        last_leaves="12:15",
        staff=STAFF,
        cover_needed=1,
        status=SessionStatus.BOOKED,
        series_id=None,
    )
    assert session_text(item) == (
        "10:00-12:00 SMC-2026-00001, Art Room "
        "(Zara Thornstead; Stuart Quenhurst; needs 1 more staff)"
    )
