"""The demo centre: made-up, realistic, reproducible from its seed."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services.auth import sign_in
from stmarys_desktop.services.demo import DEMO_ACCOUNTS, make_demo_centre
from tests.helpers import CHEAP_KDF, run_cli

TODAY = datetime(2026, 11, 28, 9, 0).astimezone()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "centre"
    made = make_demo_centre(
        folder,
        families=300,
        seed=11,
        password="demo password 1",
        kdf=CHEAP_KDF,
        clock=lambda: TODAY,
    )
    session = sign_in(folder, "manager", "demo password 1")
    yield made, session.centre.conn
    session.close()


def rows(conn, sql: str) -> list[tuple]:
    return conn.execute(sql).fetchall()


def test_every_family_has_two_parents_and_one_to_four_children(demo) -> None:
    _, conn = demo
    per_family = rows(
        conn,
        """
        SELECT sum(kind = 'resident_parent'), sum(kind = 'non_resident_parent'),
               sum(kind = 'child') FROM person GROUP BY family_id""",
    )
    assert len(per_family) == 300
    assert all(r[0] == 1 and r[1] == 1 and 1 <= r[2] <= 4 for r in per_family)
    assert {r[2] for r in per_family} == {1, 2, 3, 4}


def test_referrers_are_of_the_kinds_real_centres_have(demo) -> None:
    _, conn = demo
    kinds = {r[0] for r in rows(conn, "SELECT agency_kind FROM referral")}
    assert {"solicitor", "cafcass", "childrens_services", "self"} <= kinds


def test_four_years_of_sessions_with_today_and_the_future(demo) -> None:
    _, conn = demo
    first, last = rows(conn, "SELECT min(on_date), max(on_date) FROM contact_session")[0]
    assert date.fromisoformat(first) <= TODAY.date() - timedelta(days=3 * 365 + 200)
    assert date.fromisoformat(last) > TODAY.date()
    today = rows(
        conn, f"SELECT count(*) FROM contact_session WHERE on_date = '{TODAY.date().isoformat()}'"
    )[0][0]
    assert today >= 5
    statuses = {r[0] for r in rows(conn, "SELECT DISTINCT status FROM contact_session")}
    assert statuses == {"booked", "attended", "no_show", "cancelled"}


def test_arrivals_and_departures_are_staggered(demo) -> None:
    _, conn = demo
    staggered = rows(
        conn,
        """SELECT first_arrives_at < second_arrives_at,
                                     first_leaves_at < second_leaves_at FROM contact_session""",
    )
    assert all(a and b for a, b in staggered)


def test_staff_volunteers_incidents_and_accidents(demo) -> None:
    _, conn = demo
    statuses = {r[0] for r in rows(conn, "SELECT DISTINCT status FROM staff")}
    assert {"active", "applicant", "suspended", "left"} <= statuses
    roles = {r[0] for r in rows(conn, "SELECT DISTINCT centre_role FROM staff")}
    assert {"staff", "volunteer"} <= roles
    # One manager and one safeguarding lead, as the demo's accounts have (D398).
    for role in ("manager", "safeguarding_lead"):
        assert rows(conn, f"SELECT count(*) FROM staff WHERE centre_role = '{role}'") == [(1,)]
    kinds = {r[0] for r in rows(conn, "SELECT DISTINCT kind FROM incident")}
    assert kinds == {"welfare_concern", "violence_concern", "accident", "other"}
    assert rows(conn, "SELECT count(*) FROM accident_book")[0][0] >= 1


def test_the_demo_accounts_sign_in_with_their_roles(demo) -> None:
    made, _ = demo
    for user, _name, roles in DEMO_ACCOUNTS:
        session = sign_in(made.folder, user, made.password)
        try:
            assert session.account.roles == set(roles)
        finally:
            session.close()
    assert {r for _, _, roles in DEMO_ACCOUNTS for r in roles} == set(Role)


def test_the_same_seed_gives_the_same_centre(demo, tmp_path: Path) -> None:
    made, conn = demo
    again = make_demo_centre(
        tmp_path / "again",
        families=300,
        seed=11,
        password="demo password 1",
        kdf=CHEAP_KDF,
        clock=lambda: TODAY,
    )
    session = sign_in(again.folder, "manager", "demo password 1")
    try:
        query = "SELECT names, referrer FROM family_search ORDER BY rowid DESC"
        assert rows(session.centre.conn, query) == rows(conn, query)
        assert again.counts == made.counts
    finally:
        session.close()


def test_the_demo_command_prints_progress_and_the_logins(tmp_path: Path) -> None:
    result = run_cli(
        "demo",
        "--data-dir",
        str(tmp_path / "demo"),
        "--families",
        "50",
        "--seed",
        "3",
        password="chosen demo password",
    )
    assert result.returncode == 0, result.stderr
    assert "families: 50 of 50" in result.stdout
    for user, _, _ in DEMO_ACCOUNTS:
        assert user in result.stdout
    assert "chosen demo password" not in result.stdout
    refused = run_cli("demo", "--data-dir", str(tmp_path / "demo"), "--families", "-5")
    assert refused.returncode == 2 and "--families" in refused.stderr


def test_four_years_of_history_leave_records_due_for_the_retention_review(demo) -> None:
    from stmarys_desktop.services import retention

    made, _ = demo
    session = sign_in(made.folder, "manager", made.password)
    try:
        found = retention.review(session, TODAY.date())
    finally:
        session.close()
    assert any(r.category == "family" for r in found.due)
    assert all(r.last_used_on < "2023-11-28" for r in found.due)


SUNDAY = datetime(2026, 12, 6, 9, 0).astimezone()


@pytest.fixture(scope="module")
def sunday_demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sunday") / "centre"
    made = make_demo_centre(
        folder,
        families=100,
        seed=5,
        password="demo password 1",
        kdf=CHEAP_KDF,
        clock=lambda: SUNDAY,
    )
    session = sign_in(folder, "manager", "demo password 1")
    yield made, session
    session.close()


def test_a_demo_made_on_a_sunday_books_nothing_on_the_day_the_centre_is_closed(sunday_demo) -> None:
    """Issue 18, item 10: the centre is closed on Sundays, so no session is ever on one;
    the families who would have come today come on the next open day."""
    _, session = sunday_demo
    conn = session.centre.conn
    days = [date.fromisoformat(r[0]) for r in rows(conn, "SELECT on_date FROM contact_session")]
    assert days and not [d for d in days if d.weekday() == 6]
    monday = (SUNDAY.date() + timedelta(days=1)).isoformat()
    assert rows(conn, f"SELECT count(*) FROM contact_session WHERE on_date = '{monday}'")[0][0] >= 4


def test_no_suspended_or_departed_person_reads_cleared_to_work(sunday_demo) -> None:
    """Issue 18, item 10: statuses agree: a suspended person's checks may be complete,
    but the record never says they are cleared to work."""
    from stmarys_desktop.domain.staff import StaffStatus
    from stmarys_desktop.policy.vetting import work_summary
    from stmarys_desktop.services import staff

    _, session = sunday_demo
    summaries = staff.list_staff(session)
    stopped = [s for s in summaries if s.member.status in (StaffStatus.SUSPENDED, StaffStatus.LEFT)]
    assert stopped
    for summary in stopped:
        line = work_summary(summary.member.status, summary.clearance)
        assert line.startswith("Not cleared to work with families")


def test_the_demo_says_which_account_does_what(sunday_demo) -> None:
    made, _ = sunday_demo
    assert [line.split()[0] for line in made.guide] == [u for u, _, _ in DEMO_ACCOUNTS]
    assert any("bookings" in line for line in made.guide if line.startswith("coordinator"))


def test_no_past_session_had_on_duty_someone_whose_dbs_recheck_had_fallen_due(demo) -> None:
    """Issue 18, item 10 (clause vi): the member of staff whose re-check is overdue was
    on no session from the day it fell due; their future sessions are the ones the
    start screen says were taken off."""
    _, conn = demo
    after_lapse = rows(
        conn,
        f"""
        SELECT s.on_date, d.staff_id FROM contact_session s
        JOIN session_staff ss ON ss.session_id = s.id
        JOIN dbs_check d ON d.staff_id = ss.staff_id AND d.update_service = 0
        WHERE s.on_date < '{TODAY.date().isoformat()}'
          AND s.on_date >= date(d.issued_on, '+3 years')
          AND NOT EXISTS (SELECT 1 FROM dbs_check n WHERE n.staff_id = d.staff_id
                          AND n.issued_on > d.issued_on)""",
    )
    assert after_lapse == []


# -- a demo that agrees with itself (issue 18, item 10) -----------------------------------


def test_no_session_in_the_whole_calendar_falls_on_a_day_the_centre_is_closed(demo) -> None:
    """D396: the centre opens Monday to Saturday and closes from Christmas Day to New
    Year's Day; four years of sessions and the year ahead keep to that, and the closures
    still to come are the centre's closure dates, as the booking screens read them."""
    from stmarys_desktop.services.demo import CHRISTMAS_CLOSURE, christmas_closures
    from stmarys_desktop.store import sessions as session_store

    _, conn = demo
    days = [date.fromisoformat(r[0]) for r in rows(conn, "SELECT on_date FROM contact_session")]
    closed = christmas_closures(TODAY.date())
    assert min(days) < date(2023, 1, 1) and max(days) > date(2027, 1, 8)  # the whole range
    assert not [d for d in days if d.weekday() == 6 or d in closed]
    assert date(2027, 1, 1) not in days and date(2026, 12, 28) not in days
    recorded = session_store.closures(conn)
    assert recorded[date(2027, 1, 1)] == CHRISTMAS_CLOSURE
    assert sorted(recorded) == [date(2026, 12, 25) + timedelta(days=n) for n in range(8)]


def test_no_room_or_person_is_in_two_sessions_at_once(demo) -> None:
    """D395: a room holds one session at a time, a member of staff is on one, and a
    family comes once a day."""
    _, conn = demo
    assert (
        rows(
            conn,
            "SELECT on_date, starts_at, room_id FROM contact_session"
            " GROUP BY on_date, starts_at, room_id HAVING count(*) > 1",
        )
        == []
    )
    assert (
        rows(
            conn,
            "SELECT s.on_date, s.starts_at, ss.staff_id FROM contact_session s"
            " JOIN session_staff ss ON ss.session_id = s.id"
            " GROUP BY s.on_date, s.starts_at, ss.staff_id HAVING count(*) > 1",
        )
        == []
    )
    assert (
        rows(
            conn,
            "SELECT family_id, on_date FROM contact_session"
            " GROUP BY family_id, on_date HAVING count(*) > 1",
        )
        == []
    )
    # A cancellation was known before the session, never after it.
    late = rows(
        conn,
        "SELECT id FROM contact_session WHERE status = 'cancelled'"
        " AND outcome_known_at >= on_date || 'T' || starts_at",
    )
    assert late == []
    from stmarys_desktop.services.demo import christmas_closures

    closed = christmas_closures(TODAY.date())
    known = [
        date.fromisoformat(r[0][:10])
        for r in rows(
            conn, "SELECT outcome_known_at FROM contact_session WHERE status = 'cancelled'"
        )
    ]
    assert known and not [d for d in known if d.weekday() == 6 or d in closed]
    # Referrals and requests arrived on days the centre was open to take them.
    arrived = [
        date.fromisoformat(r[0][:10])
        for r in rows(
            conn, "SELECT referred_on FROM referral UNION ALL SELECT received_at FROM info_request"
        )
    ]
    assert arrived and not [d for d in arrived if d.weekday() == 6 or d in closed]


def test_every_incident_happened_at_a_session_the_family_attended(demo) -> None:
    """D397: an incident's day is a day the family came, its time within that session's
    hours (or at its handover), its place the session's room or the entrance; an accident
    says what happened in that room, who was told, and it was written up and decided
    after it happened."""
    from stmarys_desktop.services.demo import ACCIDENTS

    _, conn = demo
    found = rows(
        conn,
        """
        SELECT i.kind, i.occurred_at, i.place, i.seen_and_heard, i.who_was_told,
               i.recorded_at, i.decided_at, i.status,
               (SELECT count(*) FROM contact_session s JOIN room r ON r.id = s.room_id
                WHERE s.family_id = i.family_id AND s.status = 'attended'
                  AND s.on_date = substr(i.occurred_at, 1, 10)
                  AND substr(i.occurred_at, 12, 8) BETWEEN time(s.starts_at, '-20 minutes')
                                                       AND time(s.ends_at)
                  AND i.place IN (r.name, 'Entrance'))
        FROM incident i WHERE i.family_id IS NOT NULL""",
    )
    kinds = {kind for kind, *_ in found}
    assert kinds == {"accident", "welfare_concern", "violence_concern", "other"}
    assert "awaiting_confirmation" in {status for *_, status, _ in found}
    for kind, occurred, place, text, told, recorded, decided, status, sessions in found:
        assert sessions == 1, (kind, occurred, place)
        assert told and recorded > occurred
        if status == "confirmed":
            assert decided > recorded
        if kind == "accident":
            assert text == ACCIDENTS[place].format(child=text.split()[0])
        if kind in ("other", "violence_concern"):
            assert place == "Entrance"
    book = rows(
        conn,
        "SELECT a.place, a.what_happened, i.place FROM accident_book a"
        " JOIN incident i ON i.id = a.incident_id",
    )
    assert book and all(place == incident_place for place, _, incident_place in book)
