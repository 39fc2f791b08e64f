"""Staff vetting at the service layer (clause vi, issue 7): each gate, each refusal,
notes cleared after six months, every view of vetting logged, managers only."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from stmarys_desktop.domain.alerts import INFO, URGENT, WARNING
from stmarys_desktop.domain.errors import InvalidInput, PermissionRefused, RecordChanged
from stmarys_desktop.domain.policy_documents import Group, HowAcknowledged
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.domain.sessions import BookingDraft
from stmarys_desktop.domain.staff import (
    DbsCheckDraft,
    DbsOutcome,
    IdentityDraft,
    NewStaff,
    ReferenceDraft,
    StaffStatus,
)
from stmarys_desktop.services import (
    accounts,
    alerts,
    bookings,
    calendar,
    families,
    policy_documents,
    printouts,
    register,
    staff,
)
from stmarys_desktop.store import audit, bulk
from tests.helpers import WEDNESDAY, at
from tests.unit.family_helpers import two_parent_family
from tests.unit.vetting_helpers import (
    certificate_number,
    record_clear_vetting,
    record_identity_and_references,
)

TODAY = WEDNESDAY


@pytest.fixture
def manager_today(manager):
    manager.centre.clock = at(8)
    return manager


@pytest.fixture
def people(manager_today, sign_in_as):
    """A coordinator and a front-desk login, beside the manager."""
    for user, name, role in (
        ("coord", "Nerys Calder", Role.COORDINATOR),
        ("desk", "Pella Quorne", Role.FRONT_DESK),
        ("lead", "Iwan Sarrow", Role.SAFEGUARDING_LEAD),
    ):
        accounts.create_account(
            manager_today,
            user_name=user,
            display_name=name,
            roles=[role],
            password="a long enough password",
        )
    signed_in = {
        user: sign_in_as(user, "a long enough password") for user in ("coord", "desk", "lead")
    }
    for session in signed_in.values():
        session.centre.clock = at(8)
    return signed_in


def applicant(manager, name: str = "Tegan Vost", role: str = "volunteer"):
    return staff.add_staff(
        manager,
        NewStaff(
            name,
            role,
            address="3 Lantern Row, Oakminster",
            telephone="07700 900321",
            emergency_contact="Rhys Vost, 07700 900322",
        ),
    )


def last_audit(session, count: int = 1):
    return list(audit.entries(session.centre.conn, newest_first=True, limit=count))


def dbs(
    number: str | None = None,
    issued: date = TODAY - timedelta(days=30),
    seen: date = TODAY - timedelta(days=20),
    **more,
) -> DbsCheckDraft:
    return DbsCheckDraft(
        certificate_number=number or certificate_number(), issued_on=issued, seen_on=seen, **more
    )


# -- people and their contact details ------------------------------------------------------


def test_a_new_person_is_an_applicant_with_contact_details_masked(manager_today, people):
    member = applicant(manager_today)
    assert member.status is StaffStatus.APPLICANT
    assert member.has_address and member.has_telephone and member.has_emergency_contact
    assert "Lantern Row" not in repr(member)
    shown = staff.reveal_contact(manager_today, member.id)
    assert shown.address == "3 Lantern Row, Oakminster"
    entry = last_audit(manager_today)[0]
    assert (entry.action, entry.subject) == ("staff.contact.reveal", f"staff #{member.id}")
    assert "Tegan" not in entry.subject + entry.detail  # the log names no one
    with pytest.raises(PermissionRefused):
        staff.reveal_contact(people["coord"], member.id)


def test_a_change_keeps_masked_details_and_refuses_a_stale_version(manager_today):
    member = applicant(manager_today)
    changed = staff.change_staff(
        manager_today, member.id, member.version, full_name="Tegan Vost-Ashby", centre_role="staff"
    )
    assert changed.full_name == "Tegan Vost-Ashby" and changed.centre_role == "staff"
    assert staff.reveal_contact(manager_today, member.id).telephone == "07700 900321"
    with pytest.raises(RecordChanged):
        staff.change_staff(
            manager_today, member.id, member.version, full_name="Someone Else", centre_role="staff"
        )


# -- the activation gate ----------------------------------------------------------------------


def test_a_person_cannot_be_made_active_until_every_part_is_recorded(manager_today):
    member = applicant(manager_today)
    with pytest.raises(InvalidInput, match="no DBS check is recorded"):
        staff.activate(manager_today, member.id, member.version)
    refused = last_audit(manager_today)[0]
    assert (refused.action, refused.outcome) == ("staff.activate", "refused")

    staff.record_dbs_check(manager_today, member.id, dbs())
    with pytest.raises(InvalidInput, match="identity has not been seen"):
        staff.activate(manager_today, member.id, member.version)
    staff.record_identity(
        manager_today, member.id, IdentityDraft(["Passport"], seen_on=TODAY - timedelta(days=10))
    )
    staff.record_reference(
        manager_today, member.id, ReferenceDraft("Brela Fenn", TODAY - timedelta(days=5), True)
    )
    staff.record_reference(
        manager_today, member.id, ReferenceDraft("Quoth Lowe", TODAY - timedelta(days=4), False)
    )
    with pytest.raises(InvalidInput, match="1 of 2 satisfactory references"):
        staff.activate(manager_today, member.id, member.version)
    staff.record_reference(
        manager_today, member.id, ReferenceDraft("Dreya Holm", TODAY - timedelta(days=3), True)
    )

    active = staff.activate(manager_today, member.id, member.version)
    assert active.status is StaffStatus.ACTIVE and active.start_on == TODAY


def test_information_disclosed_needs_the_managers_decision(manager_today):
    member = applicant(manager_today)
    check = staff.record_dbs_check(
        manager_today,
        member.id,
        dbs(outcome=DbsOutcome.INFORMATION_DISCLOSED, notes="Discussed openly at interview."),
    )
    record_identity_and_references(manager_today, member.id)
    with pytest.raises(InvalidInput, match="decision is not recorded yet"):
        staff.activate(manager_today, member.id, member.version)
    decided = staff.record_decision(manager_today, check.id, proceed=True)
    # Issue 18: shown by the full name of the manager who decided, not the login.
    assert (decided.decided_by, decided.decided_on) == ("Morwenna Testwick", TODAY)
    assert staff.activate(manager_today, member.id, member.version).status == "active"
    with pytest.raises(InvalidInput, match="already recorded"):
        staff.record_decision(manager_today, check.id, proceed=False)


def test_a_decision_not_to_proceed_keeps_the_person_out(manager_today):
    member = applicant(manager_today)
    check = staff.record_dbs_check(
        manager_today, member.id, dbs(outcome=DbsOutcome.INFORMATION_DISCLOSED)
    )
    record_identity_and_references(manager_today, member.id)
    staff.record_decision(manager_today, check.id, proceed=False)
    with pytest.raises(InvalidInput, match="decided not to proceed"):
        staff.activate(manager_today, member.id, member.version)


def test_a_role_needing_the_barred_list_needs_a_check_that_included_it(manager_today):
    with pytest.raises(InvalidInput, match="regulated activity"):
        staff.set_requirement(
            manager_today,
            "volunteer",
            level="enhanced",
            regulated_activity=False,
            barred_list=True,
            justification="Volunteers supervise children.",
        )
    staff.set_requirement(
        manager_today,
        "volunteer",
        level="enhanced",
        regulated_activity=True,
        barred_list=True,
        justification="Volunteers supervise children unaccompanied.",
    )
    member = applicant(manager_today)
    record_clear_vetting(manager_today, member.id)
    with pytest.raises(InvalidInput, match="children's barred list"):
        staff.activate(manager_today, member.id, member.version)
    staff.record_dbs_check(manager_today, member.id, dbs(barred_list=True))
    assert staff.activate(manager_today, member.id, member.version).status == "active"


# -- bad input, each refused with a reason -------------------------------------------------


@pytest.mark.parametrize(
    ("draft", "reason"),
    [
        (dbs("12345678901"), "has 11 digits; a DBS certificate number has 12"),
        (dbs("1234567890123"), "has 13 digits"),
        (dbs("12345678901A"), "with no letters"),
        (dbs("ABCDEFGHIJKL"), "with no letters"),
        (
            dbs(issued=TODAY + timedelta(days=1), seen=TODAY + timedelta(days=1)),
            "issue date is in the future",
        ),
        (
            dbs(issued=TODAY - timedelta(days=10), seen=TODAY - timedelta(days=11)),
            "before its issue date",
        ),
    ],
)
def test_bad_dbs_input_is_refused_with_the_reason(manager_today, draft, reason):
    member = applicant(manager_today)
    with pytest.raises(InvalidInput, match=reason):
        staff.record_dbs_check(manager_today, member.id, draft)
    assert staff.open_vetting(manager_today, member.id).vetting.checks == ()


def test_a_second_person_with_the_same_certificate_number_is_refused(manager_today):
    first = applicant(manager_today)
    second = applicant(manager_today, "Wren Ashby")
    staff.record_dbs_check(manager_today, first.id, dbs("0012 3456 7890"))
    with pytest.raises(InvalidInput, match="already recorded for another person"):
        staff.record_dbs_check(manager_today, second.id, dbs("001234567890"))
    refused = last_audit(manager_today)[0]
    assert (refused.action, refused.outcome) == ("vetting.dbs_check", "refused")
    assert refused.subject == f"staff #{second.id}"
    with pytest.raises(InvalidInput, match="already recorded for this person"):
        staff.record_dbs_check(manager_today, first.id, dbs("001234567890"))


def test_other_bad_vetting_input_is_refused(manager_today):
    member = applicant(manager_today)
    with pytest.raises(InvalidInput, match="Name the documents"):
        staff.record_identity(manager_today, member.id, IdentityDraft(["  "], TODAY))
    with pytest.raises(InvalidInput, match="cannot be in the future"):
        staff.record_reference(
            manager_today, member.id, ReferenceDraft("Brela Fenn", TODAY + timedelta(days=1), True)
        )
    with pytest.raises(InvalidInput, match="cannot be empty"):
        staff.record_reference(manager_today, member.id, ReferenceDraft("", TODAY, True))
    with pytest.raises(InvalidInput, match="renewal date must be after"):
        staff.record_training(manager_today, member.id, TODAY, TODAY)
    check = staff.record_dbs_check(manager_today, member.id, dbs())
    with pytest.raises(InvalidInput, match="not on the Update Service"):
        staff.record_status_check(manager_today, check.id, TODAY, new_information=False)


# -- the session gate --------------------------------------------------------------------------


@pytest.fixture
def bookable(manager_today, people):
    bookings.add_room(manager_today, "Playroom")
    family = families.create_family(people["coord"], two_parent_family())
    return people["coord"], family, bookings.rooms(people["coord"])[0].id


def booking(family, room_id, staff_ids, day=TODAY + timedelta(days=7)) -> BookingDraft:
    resident, visiting = family.adults[:2]
    return BookingDraft(
        family_id=family.id,
        on_date=day,
        starts="10:00",
        ends="12:00",
        room_id=room_id,
        first_arriving_id=resident.id,
        second_arriving_id=visiting.id,
        staff_ids=list(staff_ids),
    )


def test_an_unvetted_person_cannot_be_put_on_a_session_until_vetted(manager_today, bookable):
    coordinator, family, room_id = bookable
    member = applicant(manager_today)
    assert bookings.staff_choices(coordinator) == []
    with pytest.raises(InvalidInput, match="Tegan Vost is not cleared"):
        bookings.book_session(
            coordinator, booking(family, room_id, [member.id]), accept_warnings=True
        )
    record_clear_vetting(manager_today, member.id)
    with pytest.raises(InvalidInput, match="has not been made active"):
        bookings.book_session(coordinator, booking(family, room_id, [member.id]))
    staff.activate(manager_today, member.id, member.version)
    assert [c.full_name for c in bookings.staff_choices(coordinator)] == ["Tegan Vost"]
    assert bookings.book_session(coordinator, booking(family, room_id, [member.id])) > 0


def test_a_session_after_the_recheck_falls_due_is_refused(manager_today, bookable):
    coordinator, family, room_id = bookable
    member = applicant(manager_today)
    record_clear_vetting(manager_today, member.id, issued_on=date(2023, 12, 5))
    staff.activate(manager_today, member.id, member.version)
    bookings.book_session(coordinator, booking(family, room_id, [member.id], date(2026, 12, 5)))
    with pytest.raises(InvalidInput, match="not cleared to work with families on 9 December"):
        bookings.book_session(coordinator, booking(family, room_id, [member.id], date(2026, 12, 9)))


def test_a_lapsed_recheck_takes_the_person_off_future_sessions_with_an_alert(
    manager_today, bookable, people
):
    coordinator, family, room_id = bookable
    member = applicant(manager_today, "Nia Holm", "staff")
    check_issued = TODAY - timedelta(days=40)
    record_clear_vetting(manager_today, member.id, issued_on=check_issued, update_service=True)
    staff.activate(manager_today, member.id, member.version)
    session_id = bookings.book_session(coordinator, booking(family, room_id, [member.id]))
    staff.record_status_check(
        manager_today,
        staff.open_vetting(manager_today, member.id).vetting.checks[0].id,
        TODAY,
        new_information=True,
    )

    found = alerts.alerts(people["desk"], TODAY)  # any sign-in runs the upkeep
    assert not any("Nia Holm" in a.text for a in found)  # front desk is not told
    with manager_today.centre.transaction() as conn:
        assert (
            conn.execute(
                "SELECT count(*) FROM session_staff WHERE session_id = ?", (session_id,)
            ).fetchone()[0]
            == 0
        )
    lapse = next(e for e in audit.entries(manager_today.centre.conn) if e.action == "vetting.lapse")
    # Issue 18: "1 future session", never "session(s)".
    assert lapse.detail == "re-check lapsed: taken off 1 future session (automatic)"
    for reader in (coordinator, manager_today):
        texts = [a.text for a in alerts.alerts(reader, TODAY)]
        assert any(
            "Nia Holm is no longer cleared" in t and "1 future session" in t for t in texts
        ), texts

    staff.record_dbs_check(manager_today, member.id, dbs())
    alerts.alerts(manager_today, TODAY)
    assert not any("no longer cleared" in a.text for a in alerts.alerts(coordinator, TODAY))


def test_the_calendar_and_the_register_agree_with_the_alert_at_once(manager_today, bookable):
    """Clause vi (issue 18, D365): the start screen says a person no longer cleared was
    taken off their future sessions. A coordinator at another desk who reads the
    calendar or a register before any start screen has looked sees them off already,
    and the alert then counts the session they came off."""
    coordinator, family, room_id = bookable
    member = applicant(manager_today, "Nia Holm", "staff")
    record_clear_vetting(
        manager_today, member.id, issued_on=TODAY - timedelta(days=40), update_service=True
    )
    staff.activate(manager_today, member.id, member.version)
    day = TODAY + timedelta(days=7)
    bookings.book_session(coordinator, booking(family, room_id, [member.id], day))
    (before,) = [s for d in calendar.week(coordinator, day) for s in d.sessions]
    assert before.staff == ("Nia Holm",)
    staff.record_status_check(
        manager_today,
        staff.open_vetting(manager_today, member.id).vetting.checks[0].id,
        TODAY,
        new_information=True,
    )

    (shown,) = [s for d in calendar.week(coordinator, day) for s in d.sessions]
    assert shown.staff == ()
    assert shown.cover_needed == calendar.staff_per_session(coordinator)
    (entry,) = register.register_of_day(coordinator, day)
    assert entry.staff == ()
    texts = [a.text for a in alerts.alerts(coordinator, TODAY)]
    assert any(
        "Nia Holm is no longer cleared" in t and "taken off 1 future session" in t for t in texts
    ), texts


def test_an_overdue_recheck_takes_the_person_off_sessions_booked_before(manager_today, bookable):
    coordinator, family, room_id = bookable
    lapsing = applicant(manager_today, "Nia Holm", "staff")
    other = applicant(manager_today, "Wren Ashby", "staff")
    record_clear_vetting(manager_today, lapsing.id, issued_on=date(2023, 12, 5))
    record_clear_vetting(manager_today, other.id)
    for member in (lapsing, other):
        staff.activate(manager_today, member.id, member.version)
    later = bookings.book_session(
        coordinator, booking(family, room_id, [other.id], date(2026, 12, 9))
    )
    # As a session booked before this release would be: the lapsing person is on it too.
    with manager_today.centre.transaction() as conn:
        bulk.session_staff(conn, [(later, lapsing.id)])
    assert staff.take_lapsed_off_sessions(manager_today, date(2026, 12, 5)) == 0  # due today
    assert staff.take_lapsed_off_sessions(manager_today, date(2026, 12, 6)) == 1
    assert staff.take_lapsed_off_sessions(manager_today, date(2026, 12, 6)) == 0
    (entry,) = register.todays_register(manager_today, date(2026, 12, 9))
    assert entry.staff == ("Wren Ashby",)


# -- logins --------------------------------------------------------------------------------------


def test_a_login_for_a_member_of_staff_waits_until_they_are_cleared(manager_today):
    member = applicant(manager_today)
    with pytest.raises(InvalidInput, match="cannot be given a login"):
        accounts.create_account(
            manager_today,
            user_name="tegan",
            display_name="Tegan Vost",
            roles=[Role.FRONT_DESK],
            password="a long enough password",
            staff_id=member.id,
        )
    assert [a.user_name for a in accounts.list_accounts(manager_today)] == ["manager"]
    record_clear_vetting(manager_today, member.id)
    accounts.create_account(
        manager_today,
        user_name="tegan",
        display_name="Tegan Vost",
        roles=[Role.FRONT_DESK],
        password="a long enough password",
        staff_id=member.id,
    )
    record = staff.open_vetting(manager_today, member.id)
    assert record.member.login == "tegan"
    assert not record.login.allowed and record.login.sentence == "Already has a login."


def test_a_lapsed_recheck_closes_families_to_the_persons_own_login(
    manager_today, data_dir, new_centre
):
    """Clause vi: a login with access to families needs its member of staff cleared. A lapse
    (or a suspension) withholds the family permissions at the next sign-in, says why, and
    leaves the rest; cleared again, the next sign-in has them back."""
    from stmarys_desktop.services.auth import sign_in

    member = applicant(manager_today, "Nia Holm", "staff")
    record_clear_vetting(manager_today, member.id, update_service=True)
    member = staff.activate(manager_today, member.id, member.version)
    accounts.create_account(
        manager_today,
        user_name="nia",
        display_name="Nia Holm",
        roles=[Role.COORDINATOR],
        password="a long enough password",
        staff_id=member.id,
    )

    def nia():
        return sign_in(data_dir, "nia", "a long enough password", clock=at(8))

    cleared = nia()
    assert cleared.family_access_withheld == ""
    assert families.search_families(cleared, "") == []  # allowed: nothing there yet
    cleared.close()

    check_id = staff.open_vetting(manager_today, member.id).vetting.checks[0].id
    staff.record_status_check(manager_today, check_id, TODAY, new_information=True)
    lapsed = nia()
    try:
        assert "withheld until you are cleared again (clause vi)" in lapsed.family_access_withheld
        with pytest.raises(PermissionRefused, match="cannot see the families.*clause vi"):
            families.search_families(lapsed, "Holm")
        with pytest.raises(PermissionRefused, match="clause vi"):
            families.create_family(lapsed, two_parent_family())
        with pytest.raises(PermissionRefused, match="clause vi"):
            register.todays_register(lapsed)
        with pytest.raises(PermissionRefused, match="clause vi"):
            printouts.register_sheet(lapsed, TODAY, deliver=lambda _paper: True)
        refused = last_audit(lapsed)[0]
        assert refused.outcome == "refused" and "clause vi" in refused.detail
        assert policy_documents.current_version(lapsed) is not None  # the rest stays
        (first, *_) = alerts.alerts(lapsed, TODAY)
        assert first.severity == URGENT and "Ask the manager" in first.text
        sign_in_row = next(
            e for e in audit.entries(lapsed.centre.conn, newest_first=True) if e.action == "sign-in"
        )
        assert sign_in_row.detail == "access to families withheld (clause vi)"
    finally:
        lapsed.close()

    staff.record_dbs_check(manager_today, member.id, dbs())
    again = nia()
    try:
        assert again.family_access_withheld == ""
        assert families.search_families(again, "Holm") == []
    finally:
        again.close()

    staff.set_status(
        manager_today,
        member.id,
        staff.open_vetting(manager_today, member.id).member.version,
        "suspended",
    )
    suspended = nia()
    try:
        assert "while your staff record says suspended" in suspended.family_access_withheld
    finally:
        suspended.close()
    from stmarys_desktop.services.auth import recover_account

    recovered = recover_account(
        data_dir, new_centre.recovery_key, "nia", "another long password", clock=at(8)
    )
    try:  # the recovery key is no way round clause vi
        assert "while your staff record says suspended" in recovered.family_access_withheld
    finally:
        recovered.close()


def test_a_leavers_login_is_shut_at_once_and_stays_shut_after_disposal(manager_today, data_dir):
    """Clause vi and viii: marking someone left disables their login at once; disposing of
    their staff record later keeps the login disabled (never freed to reach families again)
    and scrubs its display name."""
    from stmarys_desktop.domain.errors import AccountDisabled
    from stmarys_desktop.services import retention
    from stmarys_desktop.services.auth import sign_in
    from tests.helpers import PASSWORD

    long_ago = date(2022, 6, 1)
    manager_today.centre.clock = at(9, day=long_ago)
    member = applicant(manager_today, "Oriel Vantry", "staff")
    record_clear_vetting(manager_today, member.id)
    member = staff.activate(manager_today, member.id, member.version)
    accounts.create_account(
        manager_today,
        user_name="oriel",
        display_name="Oriel Vantry",
        roles=[Role.COORDINATOR],
        password="a long enough password",
        staff_id=member.id,
    )
    staff.set_status(manager_today, member.id, member.version, "left")
    (login,) = [a for a in accounts.list_accounts(manager_today) if a.user_name == "oriel"]
    assert login.disabled
    assert "login oriel disabled" in last_audit(manager_today)[0].detail
    with pytest.raises(AccountDisabled):
        sign_in(data_dir, "oriel", "a long enough password", clock=at(9, day=long_ago))

    manager_today.centre.clock = at(8)
    retention.dispose(
        manager_today, as_of=TODAY, family_ids=[], staff_ids=[member.id], manager_password=PASSWORD
    )
    (login,) = [a for a in accounts.list_accounts(manager_today) if a.user_name == "oriel"]
    assert login.disabled and login.display_name == "(disposed of)"
    # Even enabled again by a manager, the login reaches no family.
    accounts.set_disabled(manager_today, "oriel", False)
    again = sign_in(data_dir, "oriel", "a long enough password", clock=at(8))
    try:
        assert "record has been disposed of" in again.family_access_withheld
        with pytest.raises(PermissionRefused, match="clause vi"):
            families.search_families(again, "")
    finally:
        again.close()


def test_the_only_manager_cannot_be_marked_left(manager_today):
    member = applicant(manager_today, "Oriel Vantry", "staff")
    record_clear_vetting(manager_today, member.id)
    member = staff.activate(manager_today, member.id, member.version)
    with manager_today.centre.transaction() as conn:  # the set-up manager is this person
        conn.execute("UPDATE account SET staff_id = ? WHERE user_name = 'manager'", (member.id,))
    with pytest.raises(InvalidInput, match="only enabled manager account"):
        staff.set_status(manager_today, member.id, member.version, "left")
    assert not [a for a in accounts.list_accounts(manager_today) if a.disabled]


# -- notes cleared six months after the recruitment decision ----------------------------------


def test_notes_are_cleared_six_months_after_the_decision_with_an_audit_entry(manager_today, people):
    member = applicant(manager_today)
    check = staff.record_dbs_check(
        manager_today, member.id, dbs(notes="Seen with the applicant; nothing further to add.")
    )
    assert check.decided_on == TODAY
    assert staff.clear_expired_vetting_notes(manager_today, date(2027, 6, 1)) == 0
    assert staff.open_vetting(manager_today, member.id).vetting.checks[0].notes
    # The start screen of whoever signs in first that day clears them.
    alerts.alerts(people["desk"], date(2027, 6, 2))
    cleared = staff.open_vetting(manager_today, member.id).vetting.checks[0]
    assert cleared.notes == "" and cleared.notes_cleared_on == date(2027, 6, 2)
    entry = next(
        e for e in audit.entries(manager_today.centre.conn) if e.action == "vetting.notes_cleared"
    )
    assert entry.subject == f"staff #{member.id}" and "six months" in entry.detail
    assert staff.clear_expired_vetting_notes(manager_today, date(2027, 7, 1)) == 0


# -- vetting is a manager's, and every view is logged ------------------------------------------


def test_every_view_of_vetting_is_logged(manager_today):
    member = applicant(manager_today)
    staff.list_staff(manager_today)
    listed = last_audit(manager_today)[0]
    assert (listed.actor, listed.action, listed.subject) == (
        "manager",
        "vetting.view",
        "staff list",
    )
    staff.open_vetting(manager_today, member.id)
    opened = last_audit(manager_today)[0]
    assert (opened.actor, opened.action, opened.subject) == (
        "manager",
        "vetting.view",
        f"staff #{member.id}",
    )
    assert opened.at.startswith(TODAY.isoformat())


@pytest.mark.parametrize("user", ["coord", "desk", "lead"])
def test_only_a_manager_sees_vetting(manager_today, people, user):
    member = applicant(manager_today)
    session = people[user]
    for look in (
        lambda: staff.list_staff(session),
        lambda: staff.open_vetting(session, member.id),
        lambda: staff.requirements(session),
    ):
        with pytest.raises(PermissionRefused):
            look()
        assert last_audit(session)[0].outcome == "refused"
    for change in (
        lambda: staff.add_staff(session, NewStaff("Someone Else", "staff")),
        lambda: staff.record_dbs_check(session, member.id, dbs()),
        lambda: staff.activate(session, member.id, member.version),
    ):
        with pytest.raises(PermissionRefused):
            change()
    assert not any("Tegan" in a.text for a in alerts.alerts(session, TODAY))


# -- the start screen's alerts ----------------------------------------------------------------


def test_alerts_for_rechecks_training_and_applicants(manager_today, people):
    def vetted(name: str, issued: date, **more) -> int:
        member = applicant(manager_today, name, "staff")
        record_clear_vetting(manager_today, member.id, issued_on=issued, **more)
        staff.activate(manager_today, member.id, member.version)
        return member.id

    three_years_before = date(2023, 12, 2)
    vetted("Ayla Sixty", three_years_before + timedelta(days=50))
    vetted("Bryn Thirty", three_years_before + timedelta(days=20))
    vetted("Cai Seven", three_years_before + timedelta(days=5))
    vetted("Dai Overdue", three_years_before + timedelta(days=10))
    trained = vetted("Efa Trained", TODAY - timedelta(days=100))
    staff.record_training(manager_today, trained, date(2023, 12, 20))
    waiting = applicant(manager_today, "Ffion Waiting")
    staff.record_dbs_check(manager_today, waiting.id, dbs())
    manager_today.centre.clock = at(8, day=TODAY + timedelta(days=11))  # Dai's check lapses

    found = {a.text: a.severity for a in alerts.alerts(manager_today, TODAY + timedelta(days=11))}

    def severity(start: str) -> str:
        return next(s for t, s in found.items() if t.startswith(start))

    assert severity("Ayla Sixty's DBS re-check is due in 39 days") == INFO
    assert severity("Bryn Thirty's DBS re-check is due in 9 days") == WARNING
    assert severity("Cai Seven's DBS re-check is overdue") == URGENT
    assert severity("Dai Overdue's DBS re-check is overdue") == URGENT
    assert severity("Efa Trained's safeguarding training renewal is due in 7 days") == WARNING
    assert severity("Ffion Waiting has applied and is waiting: identity has not been seen") == INFO
    viewed = next(
        e
        for e in audit.entries(manager_today.centre.conn, newest_first=True)
        if e.action == "vetting.view"
    )
    assert viewed.subject == "start screen alerts"
    assert not any("DBS" in a.text for a in alerts.alerts(people["coord"], TODAY))


def test_suspension_and_leaving_take_the_person_off_future_sessions(manager_today, bookable):
    coordinator, family, room_id = bookable
    member = applicant(manager_today)
    record_clear_vetting(manager_today, member.id)
    member = staff.activate(manager_today, member.id, member.version)
    bookings.book_session(coordinator, booking(family, room_id, [member.id]))
    suspended = staff.set_status(manager_today, member.id, member.version, "suspended")
    assert last_audit(manager_today)[0].detail == "active -> suspended; taken off 1 future session"
    assert bookings.staff_choices(coordinator) == []
    again = staff.activate(manager_today, member.id, suspended.version)
    left = staff.set_status(manager_today, member.id, again.version, "left")
    assert left.status is StaffStatus.LEFT and left.end_on == TODAY


def person_who_is(manager, status: StaffStatus, name: str = "Tegan Vost"):
    """A cleared person brought to `status` by the changes the rule allows."""
    member = applicant(manager, name)
    record_clear_vetting(manager, member.id)
    if status is StaffStatus.APPLICANT:
        return member
    if status is StaffStatus.LEFT:
        return staff.set_status(manager, member.id, member.version, "left")
    member = staff.activate(manager, member.id, member.version)
    if status is StaffStatus.SUSPENDED:
        member = staff.set_status(manager, member.id, member.version, "suspended")
    return member


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("active", "applicant", "does not go back to being an applicant: suspend them"),
        ("suspended", "applicant", "does not go back to being an applicant: make them active"),
        ("left", "applicant", "Someone who has left does not go back to being an applicant"),
        ("left", "suspended", "Someone who has left cannot be suspended."),
        ("applicant", "suspended", "Only an active person can be suspended"),
        ("suspended", "suspended", "Already suspended."),
        ("left", "left", "Has already left."),
        ("applicant", "applicant", "Already an applicant."),
        ("active", "active", "Already active."),
    ],
)
def test_a_change_of_status_the_rule_refuses_is_refused_with_the_reason(
    manager_today, old, new, reason
):
    member = person_who_is(manager_today, StaffStatus(old))
    with pytest.raises(InvalidInput, match=f"Tegan Vost's status stays {old}. .*{reason}"):
        staff.set_status(manager_today, member.id, member.version, new)
    assert staff.open_vetting(manager_today, member.id).member.status is StaffStatus(old)
    refused = next(
        e
        for e in audit.entries(manager_today.centre.conn, newest_first=True)
        if e.action in ("staff.status", "staff.activate")
    )
    assert refused.outcome == "refused" and refused.subject == f"staff #{member.id}"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("applicant", "active"),
        ("applicant", "left"),
        ("active", "suspended"),
        ("active", "left"),
        ("suspended", "active"),
        ("suspended", "left"),
        ("left", "active"),
    ],
)
def test_the_changes_of_status_the_rule_allows_are_made(manager_today, old, new):
    member = person_who_is(manager_today, StaffStatus(old))
    changed = staff.set_status(manager_today, member.id, member.version, new)
    assert changed.status is StaffStatus(new)
    assert last_audit(manager_today)[0].detail.startswith(f"{old} -> {new}")


def test_the_screen_asks_the_same_rule_for_suspend_and_left():
    assert staff.status_gate(StaffStatus.ACTIVE, "suspended").allowed
    refused = staff.status_gate(StaffStatus.LEFT, StaffStatus.SUSPENDED)
    assert not refused.allowed and refused.reason == "Someone who has left cannot be suspended."
    assert not staff.status_gate(StaffStatus.LEFT, StaffStatus.LEFT).allowed


def test_leaving_straight_from_active_takes_the_person_off_future_sessions(manager_today, bookable):
    coordinator, family, room_id = bookable
    member = person_who_is(manager_today, StaffStatus.ACTIVE)
    bookings.book_session(coordinator, booking(family, room_id, [member.id]))
    staff.set_status(manager_today, member.id, member.version, "left")
    assert "active -> left; taken off 1 future session" in last_audit(manager_today)[0].detail
    assert bookings.staff_choices(coordinator) == []


# -- acknowledgement of the current policy (clause ix, shown per person) ----------------------


def acknowledgement_shown(manager, staff_id: int):
    """What the staff list says, checked against what the vetting record says."""
    listed = {s.member.id: s.policy_acknowledged for s in staff.list_staff(manager)}
    assert staff.open_vetting(manager, staff_id).policy_acknowledged == listed[staff_id]
    return listed[staff_id]


def sign_the_policy(manager, staff_id: int, on: date = TODAY) -> None:
    policy_documents.record_acknowledgement(
        manager,
        Group.STAFF,
        staff_id=staff_id,
        acknowledged_on=on,
        how=HowAcknowledged.PERSONAL_SHEET,
        kept_at="Staff files, cabinet 2",
    )


def test_each_person_shows_whether_they_acknowledged_the_current_policy(manager_today):
    member, other = applicant(manager_today), applicant(manager_today, "Wren Ashby", "staff")
    shown = acknowledgement_shown(manager_today, member.id)
    assert not shown.acknowledged and shown.text == "Not yet (version 1)"

    sign_the_policy(manager_today, member.id)
    shown = acknowledgement_shown(manager_today, member.id)
    assert shown.acknowledged_on == TODAY and shown.text == "Version 1, 2 December 2026"
    assert acknowledgement_shown(manager_today, other.id).text == "Not yet (version 1)"

    # A new version needs everyone to sign again.
    manager_today.centre.clock = at(8, day=TODAY + timedelta(days=3))
    policy_documents.record_review(
        manager_today,
        reviewed_on=TODAY + timedelta(days=3),
        reviewed_by="The trustees",
        changes="A new paragraph.",
    )
    current = policy_documents.current_version(manager_today)
    policy_documents.publish_version(
        manager_today,
        text=current.text + "\nA new paragraph.\n",
        effective_on=TODAY + timedelta(days=3),
    )
    shown = acknowledgement_shown(manager_today, member.id)
    assert not shown.acknowledged and shown.text == "Not yet (version 2)"
    sign_the_policy(manager_today, member.id, TODAY + timedelta(days=3))
    assert acknowledgement_shown(manager_today, member.id).text == "Version 2, 5 December 2026"


def test_someone_who_left_is_not_chased_for_a_new_version(manager_today):
    member = applicant(manager_today)
    staff.set_status(manager_today, member.id, member.version, "left")
    assert acknowledgement_shown(manager_today, member.id).text == "Not needed (has left)"


def test_the_list_reads_acknowledgements_in_one_query_however_many_people(manager_today):
    def queries_on_acknowledgements() -> int:
        statements: list[str] = []
        conn = manager_today.centre.conn
        conn.set_trace_callback(statements.append)
        try:
            staff.list_staff(manager_today)
        finally:
            conn.set_trace_callback(None)
        return sum("policy_acknowledgement" in s for s in statements)

    for n in range(3):
        sign_the_policy(manager_today, applicant(manager_today, f"Tegan Vost {n}").id)
    few = queries_on_acknowledgements()
    for n in range(12):
        applicant(manager_today, f"Wren Ashby {n}")
    assert queries_on_acknowledgements() == few == 1


# -- the demo centre ------------------------------------------------------------------------


def test_the_demo_has_staff_in_every_vetting_state(tmp_path):
    from stmarys_desktop.services.auth import sign_in
    from stmarys_desktop.services.demo import make_demo_centre
    from tests.helpers import CHEAP_KDF

    moment = datetime(2026, 11, 28, 9).astimezone()
    made = make_demo_centre(
        tmp_path / "demo",
        families=120,
        seed=5,
        password="demo password 1",
        kdf=CHEAP_KDF,
        clock=lambda: moment,
    )
    session = sign_in(made.folder, "manager", "demo password 1", clock=lambda: moment)
    try:
        rows = {s.member.id: s for s in staff.list_staff(session)}
        records = {i: staff.open_vetting(session, i) for i in rows}
        day = moment.date()

        def reasons(staff_id: int) -> str:
            return "; ".join(rows[staff_id].clearance.reasons)

        active = [s for s in rows.values() if s.member.status == "active"]
        assert sum(s.clearance.cleared for s in active) >= 10
        assert records[2].vetting.latest_check.update_service  # Update Service
        assert rows[2].clearance.cleared
        disclosed = records[3].vetting.latest_check  # disclosed, decided
        assert disclosed.outcome == "information_disclosed" and disclosed.decision == "proceed"
        assert rows[3].clearance.cleared
        assert "re-check was due" in reasons(5)  # lapsed
        assert (rows[6].next_check_due - day).days <= 30  # due soon
        assert rows[7].member.status == "applicant"  # awaiting references
        assert "1 of 2 satisfactory references" in reasons(7)
        assert "decision is not recorded yet" in reasons(8)  # suspended, pending
        assert rows[17].member.status == "applicant" and rows[17].activate.allowed  # waiting
        assert (rows[10].training_due - day).days <= 30  # training renewal
        texts = [a.text for a in staff.vetting_alerts(session, day)]
        assert any("is overdue" in t for t in texts)
        assert any("has applied and is waiting" in t for t in texts)
        lapse = next(e for e in audit.entries(session.centre.conn) if e.action == "vetting.lapse")
        assert lapse.subject == "staff #5"
        assert any("was taken off" in t for t in texts)  # lapse moved them
    finally:
        session.close()


def test_the_rota_is_looked_at_again_only_after_a_write_or_on_a_new_day(
    manager_today, bookable, monkeypatch
):
    """D371: reading the calendar again with nothing written in between does not read
    everyone's vetting again; any write (a vetting record among them) or a new day does."""
    coordinator, _family, _room_id = bookable
    looked: list[date] = []
    real = staff.take_lapsed_off_sessions

    def counted(session, on):
        looked.append(on)
        return real(session, on)

    monkeypatch.setattr(staff, "take_lapsed_off_sessions", counted)
    calendar.week(coordinator, TODAY)
    calendar.week(coordinator, TODAY + timedelta(days=7))
    assert looked == [TODAY]
    applicant(manager_today, "Odile Varne")  # a write, through the same centre
    calendar.week(coordinator, TODAY)
    assert looked == [TODAY, TODAY]
    coordinator.centre.clock = at(8, day=TODAY + timedelta(days=1))
    calendar.week(coordinator, TODAY)
    assert looked[-1] == TODAY + timedelta(days=1)
