"""Clause viii: three years unused, then disposed of; the accident book kept for ever."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from stmarys_desktop.domain.errors import InvalidInput, PermissionRefused, SignInRefused
from stmarys_desktop.domain.incidents import IncidentDraft, IncidentKind
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.policy.retention import cutoff, is_due
from stmarys_desktop.services import accounts, families, incidents, retention
from stmarys_desktop.services import disclosure as out
from stmarys_desktop.store import audit
from tests.helpers import PASSWORD, decrypted_pages
from tests.unit.family_helpers import two_parent_family

TODAY = date(2026, 11, 28)


def at(day: date):
    return lambda: datetime(day.year, day.month, day.day, 12, 0).astimezone()


@pytest.fixture
def centre(manager, sign_in_as):
    accounts.create_account(
        manager,
        user_name="coord",
        display_name="Made-up Coordinator",
        roles=[Role.COORDINATOR],
        password="coord password long",
    )
    accounts.create_account(
        manager,
        user_name="lead",
        display_name="Made-up Lead",
        roles=[Role.SAFEGUARDING_LEAD],
        password="lead password long",
    )
    coord = sign_in_as("coord", "coord password long")
    lead = sign_in_as("lead", "lead password long")
    return manager, coord, lead


def family_last_used(coord, day: date, **names):
    coord.centre.clock = at(day)
    made = families.create_family(coord, two_parent_family(referred_on=day, **names))
    coord.centre.clock = at(TODAY)
    return made


def test_three_years_is_counted_to_the_day() -> None:
    assert cutoff(TODAY) == date(2023, 11, 28)
    assert is_due(date(2023, 11, 27), TODAY)  # three years and a day
    assert not is_due(date(2023, 11, 29), TODAY)  # two years and 364 days
    assert not is_due(date(2023, 11, 28), TODAY)  # exactly three years


def test_clause_viii_on_29_february_the_28th_three_years_before_is_due() -> None:
    # Decision D200: three years run from the last use forward; the anniversary of
    # 28 February 2025 is 28 February 2028, so on the 29th it has passed.
    assert is_due(date(2025, 2, 28), date(2028, 2, 29))
    assert not is_due(date(2025, 2, 28), date(2028, 2, 28))
    assert not is_due(date(2025, 3, 1), date(2028, 2, 29))
    assert cutoff(date(2028, 2, 29)) == date(2025, 3, 1)
    # A last use on 29 February: its anniversary is the 28th, so due from 1 March.
    assert not is_due(date(2024, 2, 29), date(2027, 2, 28))
    assert is_due(date(2024, 2, 29), date(2027, 3, 1))


def test_clause_viii_the_cutoff_the_queries_use_agrees_with_is_due_every_day() -> None:
    start = date(2023, 1, 1)
    for offset in range(0, 6 * 366, 3):
        as_of = start + timedelta(days=offset)
        for back in range(3 * 365 - 3, 3 * 365 + 5):
            last = as_of - timedelta(days=back)
            assert is_due(last, as_of) == (last < cutoff(as_of)), (last, as_of)


def test_clause_viii_a_family_last_used_on_28_february_is_listed_on_the_29th(centre):
    manager, coord, _ = centre
    leap_day = date(2028, 2, 29)
    old = family_last_used(coord, date(2025, 2, 28))
    manager.centre.clock = at(leap_day)
    assert [(r.category, r.id) for r in retention.review(manager, leap_day).due] == [
        ("family", old.id)
    ]
    assert retention.due_count(manager, leap_day) == 1
    assert retention.review(manager, date(2028, 2, 28)).due == []


def test_a_family_unused_three_years_and_a_day_is_listed_one_day_less_is_not(centre):
    manager, coord, _ = centre
    old = family_last_used(coord, date(2023, 11, 27))
    recent = family_last_used(
        coord,
        date(2023, 11, 29),
        resident="Wren Ashby",
        visiting="Tal Kelham",
        children=("Rosa Ashby",),
    )
    manager.centre.clock = at(TODAY)
    found = retention.review(manager, TODAY)
    assert [(r.category, r.id) for r in found.due] == [("family", old.id)]
    assert recent.id not in {r.id for r in found.due + found.held}
    assert found.due[0].counts["people"] == 4 and found.due[0].last_used_on == "2023-11-27"


def test_viewing_a_family_uses_it(centre):
    manager, coord, _ = centre
    old = family_last_used(coord, date(2022, 1, 1))
    families.open_family(coord, old.id)
    manager.centre.clock = at(TODAY)
    assert retention.review(manager, TODAY).due == []


def test_an_open_exception_holds_a_family(centre):
    manager, coord, lead = centre
    old = family_last_used(coord, date(2022, 1, 1))
    lead.centre.clock = at(date(2022, 1, 1))
    incident_id = incidents.record_incident(
        lead,
        IncidentDraft(
            kind=IncidentKind.WELFARE_CONCERN,
            occurred_at=at(date(2022, 1, 1))(),
            seen_and_heard="A worry.",
            family_id=old.id,
        ),
    )
    exception = incidents.confirm_concern(lead, incident_id)
    manager.centre.clock = at(TODAY)
    found = retention.review(manager, TODAY)
    assert found.due == [] and [r.id for r in found.held] == [old.id]
    assert f"open exception {exception.id}" in found.held[0].held


def test_a_legal_hold_holds_a_family_until_lifted(centre):
    manager, coord, _ = centre
    old = family_last_used(coord, date(2022, 1, 1))
    manager.centre.clock = at(TODAY)
    hold = retention.place_hold(manager, family_id=old.id, reason="Court case pending")
    assert "Court case pending" in retention.review(manager, TODAY).held[0].held
    retention.lift_hold(manager, hold)
    assert [r.id for r in retention.review(manager, TODAY).due] == [old.id]


def test_a_review_date_more_than_a_year_ahead_is_refused(centre):
    manager, *_ = centre
    manager.centre.clock = at(TODAY)
    with pytest.raises(InvalidInput, match="more than a year ahead"):
        retention.review(manager, date(2028, 1, 1))


def test_a_non_manager_cannot_review_or_dispose_and_it_is_audited(centre):
    _, coord, _ = centre
    with pytest.raises(PermissionRefused):
        retention.review(coord, TODAY)
    last = next(audit.entries(coord.centre.conn, newest_first=True, limit=1))
    assert (last.actor, last.outcome) == ("coord", "refused")
    with pytest.raises(PermissionRefused):
        retention.dispose(
            coord, as_of=TODAY, family_ids=[1], staff_ids=[], manager_password="coord password long"
        )


def test_disposal_needs_the_managers_password(centre):
    manager, coord, _ = centre
    old = family_last_used(coord, date(2022, 1, 1))
    manager.centre.clock = at(TODAY)
    with pytest.raises(SignInRefused):
        retention.dispose(
            manager,
            as_of=TODAY,
            family_ids=[old.id],
            staff_ids=[],
            manager_password="not my password",
        )
    assert families.search_families(coord, old.reference)


def test_disposal_cancelled_half_way_deletes_nothing(centre):
    manager, coord, _ = centre
    first = family_last_used(coord, date(2022, 1, 1))
    second = family_last_used(
        coord,
        date(2022, 2, 1),
        resident="Wren Ashby",
        visiting="Tal Kelham",
        children=("Rosa Ashby",),
    )
    manager.centre.clock = at(TODAY)
    calls = []

    def cancel_on_second() -> bool:
        calls.append(1)
        return len(calls) == 2

    with pytest.raises(retention.DisposalCancelled, match="nothing was deleted"):
        retention.dispose(
            manager,
            as_of=TODAY,
            family_ids=[first.id, second.id],
            staff_ids=[],
            manager_password=PASSWORD,
            cancelled=cancel_on_second,
        )
    assert len(retention.review(manager, TODAY).due) == 2


def test_disposal_removes_every_trace_and_keeps_the_register_and_accident_book(centre):
    manager, coord, lead = centre
    old = family_last_used(
        coord,
        date(2022, 1, 1),
        resident="Quillon Barnaby",
        visiting="Zephyrine Oakhurst",
        children=("Marigold Barnaby",),
    )
    lead.centre.clock = at(date(2022, 1, 1))
    incidents.record_incident(
        lead,
        IncidentDraft(
            kind=IncidentKind.ACCIDENT,
            occurred_at=at(date(2022, 1, 1))(),
            seen_and_heard="Marigold tripped on the step.",
            family_id=old.id,
            people_involved="Child: Marigold Barnaby",
            place="Garden",
        ),
    )
    coord.centre.clock = at(date(2022, 1, 1))
    out.record_consent(
        coord,
        old.id,
        given_by=old.adults[1].id,
        recipient="Quillon Barnaby",
        recipient_kind="person",
        items=frozenset({"telephone"}),
        signed_on=date(2022, 1, 1),
        paper_kept_at="Folder",
    )
    out.disclose_contact_details(
        coord, old.id, old.adults[1].id, "Quillon Barnaby", "person", frozenset({"telephone"})
    )
    coord.centre.clock = at(TODAY)
    manager.centre.clock = at(TODAY)
    certificate = retention.dispose(
        manager, as_of=TODAY, family_ids=[old.id], staff_ids=[], manager_password=PASSWORD
    )
    assert [i.reference for i in certificate.items] == [old.reference]
    assert families.search_families(coord, "Zephyrine") == []
    (entry,) = incidents.accident_book(lead)
    assert entry.people == "Child: Marigold Barnaby"  # the accident book is kept for ever
    (logged,) = out.disclosure_history(coord)
    assert logged.recipient == "(disposed of)" and logged.basis.startswith("consent")
    rows = retention.disposal_register(manager)
    assert [(r.reference, r.category) for r in rows] == [(old.reference, "family")]
    assert json.loads(rows[0].counts)["people"] == 3
    assert "Zephyrine" not in json.dumps([r.__dict__ for r in rows])

    # Every page of the file, decrypted with the key, free pages included, holds no trace
    # of the disposed names (the accident book keeps its own, as written); neither does
    # the encrypted file, nor its write-ahead log.
    files = manager.centre.files
    raw = decrypted_pages(files.database, manager.centre.db_key)
    assert b"Marigold Barnaby" in raw  # the accident book, kept for ever (clause viii)
    for name in ("Zephyrine", "Oakhurst", "Quillon"):
        # The search index keeps words folded to lower case (D201: its segments are
        # merged so they go, the file is not rebuilt).
        for form in (name.encode("utf-8"), name.encode("utf-16-le"), name.lower().encode("utf-8")):
            assert form not in raw, name
            assert form not in files.database.read_bytes()
    wal = files.database_side_files()[0]
    assert not wal.exists() or wal.stat().st_size == 0


def test_the_start_screen_says_how_many_records_are_due(centre):
    from stmarys_desktop.services.alerts import alerts

    manager, coord, _ = centre
    family_last_used(coord, date(2022, 1, 1))
    manager.centre.clock = at(TODAY)
    texts = [a.text for a in alerts(manager, TODAY)]
    assert any(t.startswith("1 record is due for the retention review") for t in texts)
    assert not any("retention" in a.text for a in alerts(coord, TODAY))


def test_an_accident_entry_ten_years_old_stays(centre):
    manager, _, lead = centre
    ten_years_ago = datetime(2016, 11, 1, 11).astimezone()
    lead.centre.clock = lambda: ten_years_ago
    incidents.record_incident(
        lead,
        IncidentDraft(
            kind=IncidentKind.ACCIDENT,
            occurred_at=ten_years_ago,
            place="Garden",
            seen_and_heard="A volunteer slipped on wet leaves.",
            people_involved="Volunteer: Hestia Marlowe",
        ),
    )
    manager.centre.clock = at(TODAY)
    found = retention.review(manager, TODAY)
    assert found.due == [] and found.held == []
    (entry,) = incidents.accident_book(lead)
    assert entry.occurred_at.startswith("2016-11-01")
    assert entry.people == "Volunteer: Hestia Marlowe"


def test_the_start_screen_count_agrees_with_the_review(centre):
    manager, coord, _lead = centre
    family_last_used(coord, date(2022, 1, 1))
    held = family_last_used(
        coord,
        date(2022, 2, 1),
        resident="Wren Ashby",
        visiting="Tal Kelham",
        children=("Rosa Ashby",),
    )
    family_last_used(
        coord,
        date(2025, 1, 1),
        resident="Bryn Ashby",
        visiting="Cai Kelham",
        children=("Nel Ashby",),
    )
    manager.centre.clock = at(TODAY)
    retention.place_hold(manager, family_id=held.id, reason="Court case pending")
    found = retention.review(manager, TODAY)
    assert retention.due_count(manager, TODAY) == len(found.due) == 1


def test_disposal_refuses_up_front_without_room_to_clear_the_space(centre, monkeypatch):
    from stmarys_desktop.domain.errors import DiskFull
    from stmarys_desktop.services import retention as service

    manager, coord, _ = centre
    old = family_last_used(coord, date(2022, 1, 1))
    manager.centre.clock = at(TODAY)
    monkeypatch.setattr(service, "room_to_rebuild", lambda files: (1_000, 5_000_000))
    with pytest.raises(DiskFull, match="Nothing was deleted"):
        retention.dispose(
            manager, as_of=TODAY, family_ids=[old.id], staff_ids=[], manager_password=PASSWORD
        )
    assert [r.id for r in retention.review(manager, TODAY).due] == [old.id]


def test_a_family_used_at_another_desk_during_disposal_is_not_deleted(centre, monkeypatch):
    """Clause viii: only records still unused are destroyed. The coordinator opens the
    family after the manager's review but before the deletion; nothing is deleted."""
    from stmarys_desktop.services import retention as service
    from stmarys_desktop.store.files import room_to_rebuild

    manager, coord, _ = centre
    old = family_last_used(coord, date(2022, 1, 1))
    other = family_last_used(
        coord,
        date(2022, 2, 1),
        resident="Wren Ashby",
        visiting="Tal Kelham",
        children=("Rosa Ashby",),
    )
    manager.centre.clock = at(TODAY)

    def meanwhile_at_the_front_desk(files):
        families.open_family(coord, old.id)  # a real use, from another session
        return room_to_rebuild(files)

    monkeypatch.setattr(service, "room_to_rebuild", meanwhile_at_the_front_desk)
    with pytest.raises(InvalidInput, match="used or held since the review.*nothing was deleted"):
        retention.dispose(
            manager,
            as_of=TODAY,
            family_ids=[old.id, other.id],
            staff_ids=[],
            manager_password=PASSWORD,
        )
    assert families.search_families(coord, old.reference)
    assert families.search_families(coord, other.reference)


def _old_file(path: Path, day: date) -> Path:
    import os

    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_bytes(b"made-up backup")
    moment = datetime(day.year, day.month, day.day).timestamp()
    os.utime(path, (moment, moment))
    return path


def test_old_backups_are_deleted_and_logged_recent_ones_refused(centre, tmp_path):
    """Clause viii: a backup older than three years still holds disposed records."""
    from stmarys_desktop.store import audit

    manager, *_ = centre
    manager.centre.clock = at(TODAY)
    folder = tmp_path / "usb"
    old = _old_file(folder / "old.stmbackup", date(2023, 1, 1))
    recent = _old_file(folder / "recent.stmbackup", date(2026, 1, 1))
    with pytest.raises(InvalidInput, match="older than three years"):
        retention.delete_old_backups(manager, [old, recent], TODAY)
    assert old.exists() and recent.exists()
    assert retention.delete_old_backups(manager, [old], TODAY) == 1
    assert not old.exists() and recent.exists()
    row = next(audit.entries(manager.centre.conn, newest_first=True, limit=1))
    assert row.action == "retention.old_backups" and row.detail.startswith("1 of 1")


def test_a_backup_that_cannot_be_deleted_is_named_and_the_rest_logged(centre, tmp_path):
    from stmarys_desktop.domain.errors import StMarysError
    from stmarys_desktop.store import audit

    manager, *_ = centre
    manager.centre.clock = at(TODAY)
    folder = tmp_path / "usb"
    first = _old_file(folder / "a.stmbackup", date(2023, 1, 1))
    stuck = folder / "b.stmbackup"
    stuck.mkdir(parents=True)  # a folder by that name: the system refuses to unlink it
    _old_file(stuck, date(2023, 1, 1))
    # "1 older backup was deleted", never "backup(s) were" (issue 18, D392).
    with pytest.raises(
        StMarysError, match=r"b\.stmbackup could not be deleted.*; 1 older backup was deleted"
    ):
        retention.delete_old_backups(manager, [first, stuck], TODAY)
    assert not first.exists() and stuck.exists()
    row = next(audit.entries(manager.centre.conn, newest_first=True, limit=1))
    assert row.action == "retention.old_backups" and row.detail.startswith("1 of 2")
