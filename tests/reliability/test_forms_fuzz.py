"""Every main form's service fed hypothesis-made text, dates, times and numbers.

Each call either succeeds or raises a StMarysError with a message fit to show a
person, never another exception; a refused call leaves every record count as it
was (nothing half-written). Text includes emoji, right-to-left script, control
characters and 10,000-character strings.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.domain.families import (
    AgencyKind,
    NewFamily,
    NewPerson,
    NewReferral,
    PersonKind,
)
from stmarys_desktop.domain.incidents import REFERRED_TO, BodyMark, IncidentDraft, IncidentKind
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.domain.sessions import BookingDraft
from stmarys_desktop.domain.staff import DbsCheckDraft, NewStaff
from stmarys_desktop.policy.disclosure import RecipientKind
from stmarys_desktop.services import accounts, bookings, families, incidents, staff
from stmarys_desktop.services import disclosure as out
from stmarys_desktop.services.auth import create_centre, sign_in
from tests.helpers import CHEAP_KDF, MANAGER, PASSWORD, WEDNESDAY, at
from tests.unit.family_helpers import two_parent_family
from tests.unit.vetting_helpers import cleared_staff

pytestmark = pytest.mark.reliability

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
TABLES = (
    "family",
    "person",
    "referral",
    "referral_named_person",
    "contact_session",
    "session_staff",
    "attendance",
    "incident",
    "accident_book",
    "consent",
    "staff",
    "dbs_check",
)

awkward = st.sampled_from(
    [
        "",
        " ",
        "\t\n",
        "\x00",
        "\x07bell\x1b[31m",
        "\u202eevil\u202c",
        "مرحبا بالعالم",
        "שלום עולם",
        "👨\u200d👩\u200d👧\u200d👦 family",
        "🧒🏽",
        "Zoë O'Brien-Núñez",
        "Robert'); DROP TABLE family;--",
        "%s %d {0} {name}",
        "\r\n" * 50,
        "\ufeff",
        "\u200b",
        "a" * 10_000,
        "ä" * 10_001,
        "🙂" * 10_000,
        "x\x00y" * 3_000,
        "Nia\u0301 Holm",
    ]
)
plain = st.sampled_from(
    [
        "Carys Dunford",
        "Wren Ashby-Kelham",
        "Playroom",
        "07700 900123",
        "A child said the handover made them nervous.",
    ]
)
any_text = st.one_of(
    plain,
    awkward,
    plain.map(lambda t: t + " 🙂 مرحبا\u202e"),
    st.text(max_size=60),
    st.builds(lambda c, n: c * n, st.characters(), st.integers(9_990, 10_010)),
)
# The range a QDateEdit / QDateTimeEdit offers, the only dates the forms can send.
FIRST_DAY, LAST_DAY = date(1752, 9, 14), date(9999, 12, 31)
any_date = st.one_of(
    st.dates(FIRST_DAY, LAST_DAY),
    st.sampled_from(
        [FIRST_DAY, LAST_DAY, WEDNESDAY, WEDNESDAY + timedelta(days=1), date(2000, 2, 29)]
    ),
)
clock_text = st.one_of(
    any_text,
    st.from_regex(r"\A-?\d{1,3}[:.]\d{1,3}\Z"),
    st.sampled_from(
        ["10:00", "12:00", "24:00", "9:5", "09:60", "١٠:٠٠", "10:00:00", " 10:00 ", "23:59"]
    ),
)
any_id = st.one_of(st.integers(-5, 50), st.sampled_from([0, 2**31, 2**62, -(2**63)]))


@pytest.fixture(scope="module")
def centre(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz") / "centre"
    made = create_centre(
        folder,
        centre_name="Fuzz Test Centre",
        admin_user_name=MANAGER,
        admin_display_name="Morwenna Testwick",
        password=PASSWORD,
        kdf=CHEAP_KDF,
    )
    manager = made.session
    manager.centre.clock = at(8)
    accounts.create_account(
        manager,
        user_name="coord",
        display_name="Nerys Calder",
        roles=[Role.COORDINATOR],
        password="coordinator password",
    )
    bookings.add_room(manager, "Playroom")
    worker = cleared_staff(manager, "Nia Holmbrook")
    coord = sign_in(folder, "coord", "coordinator password")
    coord.centre.clock = at(8)
    family = families.create_family(coord, two_parent_family())
    yield manager, coord, family, worker
    coord.close()
    manager.close()


def counts(session) -> dict[str, int]:
    conn = session.centre.conn
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


@contextlib.contextmanager
def succeeds_or_refuses_cleanly(session) -> Iterator[None]:
    before = counts(session)
    try:
        yield
    except StMarysError as error:
        assert error.message and error.message.strip(), f"{type(error).__name__} says nothing"
        assert counts(session) == before, f"refused ({error.message}) but half-written"
    assert not session.centre.conn.in_transaction


people = st.builds(
    NewPerson,
    kind=st.sampled_from(list(PersonKind)),
    full_name=any_text,
    date_of_birth=st.one_of(st.none(), any_date),
    needs=any_text,
    relationship=any_text,
    address=any_text,
    telephone=st.one_of(any_text, st.from_regex(r"\A[0-9 +()-]{0,30}\Z")),
    named_on_referral=st.booleans(),
)


@FUZZ
@given(
    people=st.lists(people, max_size=4),
    agency=any_text,
    referrer=any_text,
    contact=any_text,
    referred_on=any_date,
    kind=st.sampled_from(list(AgencyKind)),
    arrangement=any_text,
)
@example(
    people=two_parent_family().people,
    agency="Hartwell 🙂 Finch",
    referrer="Mira Pennock",
    contact="\u202e07700",
    referred_on=WEDNESDAY,
    kind=AgencyKind.COURT,
    arrangement="ä" * 10_000,
)
def test_new_family_form(
    centre, people, agency, referrer, contact, referred_on, kind, arrangement
) -> None:
    _, coord, _, _ = centre
    draft = NewFamily(
        people=people,
        arrangement=arrangement,
        referral=NewReferral(
            agency_kind=kind,
            agency_name=agency,
            referrer_name=referrer,
            referrer_contact=contact,
            referred_on=referred_on,
        ),
    )
    with succeeds_or_refuses_cleanly(coord):
        families.create_family(coord, draft)


@FUZZ
@given(
    on_date=any_date,
    starts=clock_text,
    ends=clock_text,
    room=any_id,
    first=st.one_of(any_id, st.just(None)),
    staff_ids=st.lists(any_id, max_size=3),
    use_family=st.booleans(),
)
@example(
    on_date=WEDNESDAY + timedelta(days=7),
    starts="10:00",
    ends="12:00",
    room=0,
    first=None,
    staff_ids=[],
    use_family=True,
)
def test_booking_form(centre, on_date, starts, ends, room, first, staff_ids, use_family) -> None:
    _, coord, family, worker = centre
    resident, visiting = family.adults[:2]
    draft = BookingDraft(
        family_id=family.id if use_family else room,
        on_date=on_date,
        starts=starts,
        ends=ends,
        room_id=room if not use_family else bookings.rooms(coord)[0].id,
        first_arriving_id=resident.id if first is None else first,
        second_arriving_id=visiting.id,
        staff_ids=staff_ids or [worker],
    )
    with succeeds_or_refuses_cleanly(coord):
        bookings.book_session(coord, draft, accept_warnings=True)


marks = st.builds(
    BodyMark,
    side=st.sampled_from(["front", "back", "side", ""]),
    x=st.floats(allow_nan=True, allow_infinity=True),
    y=st.floats(-1, 2),
    note=any_text,
)


@FUZZ
@given(
    kind=st.sampled_from(list(IncidentKind)),
    day=any_date,
    hour=st.times(),
    seen=any_text,
    place=any_text,
    involved=any_text,
    injuries=any_text,
    body=st.lists(marks, max_size=3),
    action=any_text,
    told=any_text,
    referred=st.sampled_from([*REFERRED_TO, "the moon"]),
    reference=any_text,
    follow_up=any_text,
    with_family=st.booleans(),
)
def test_incident_form(
    centre,
    kind,
    day,
    hour: time,
    seen,
    place,
    involved,
    injuries,
    body,
    action,
    told,
    referred,
    reference,
    follow_up,
    with_family,
) -> None:
    _, coord, family, _ = centre
    occurred = datetime.combine(day, hour)
    draft = IncidentDraft(
        kind=kind,
        occurred_at=occurred,
        seen_and_heard=seen,
        family_id=family.id if with_family else None,
        place=place,
        people_involved=involved,
        injuries=injuries,
        body_map=body,
        action_taken=action,
        who_was_told=told,
        referred_to=referred,
        referral_reference=reference,
        follow_up=follow_up,
    )
    with succeeds_or_refuses_cleanly(coord):
        incidents.record_incident(coord, draft)


@FUZZ
@given(
    recipient=any_text,
    kind=st.sampled_from(list(RecipientKind)),
    items=st.frozensets(
        st.one_of(st.sampled_from(["address", "telephone", "report"]), any_text), max_size=3
    ),
    signed_on=any_date,
    kept_at=any_text,
    expires_on=st.one_of(st.none(), any_date),
    adult=st.integers(0, 3),
)
@example(
    recipient="Hartwell Finch LLP 🙂",
    kind=RecipientKind.AGENCY,
    items=frozenset({"address"}),
    signed_on=WEDNESDAY,
    kept_at="Drawer 2 \u202e",
    expires_on=None,
    adult=0,
)
def test_consent_form(
    centre, recipient, kind, items, signed_on, kept_at, expires_on, adult
) -> None:
    _, coord, family, _ = centre
    people = [p.id for p in family.adults] + [-1, family.id + 10_000]
    with succeeds_or_refuses_cleanly(coord):
        out.record_consent(
            coord,
            family.id,
            given_by=people[adult],
            recipient=recipient,
            recipient_kind=kind,
            items=items,
            signed_on=signed_on,
            paper_kept_at=kept_at,
            expires_on=expires_on,
        )


@FUZZ
@given(
    number=st.one_of(any_text, st.from_regex(r"\A\d{10,14}\Z")),
    issued=any_date,
    seen=any_date,
    outcome=st.sampled_from(["clear", "information", "unknown"]),
    level=st.sampled_from(["enhanced", "standard", "basic", "secret"]),
    seen_by=any_text,
    notes=any_text,
    status_check=st.one_of(st.none(), any_date),
    barred=st.booleans(),
    update=st.booleans(),
)
@example(
    number="001900000999",
    issued=WEDNESDAY - timedelta(days=30),
    seen=WEDNESDAY,
    outcome="clear",
    level="enhanced",
    seen_by="",
    notes="🙂" * 100,
    status_check=None,
    barred=False,
    update=False,
)
def test_dbs_check_form(
    centre, number, issued, seen, outcome, level, seen_by, notes, status_check, barred, update
) -> None:
    manager, _, _, _ = centre
    member = getattr(test_dbs_check_form, "member", None)
    if member is None:
        member = staff.add_staff(manager, NewStaff("Tegan Vostrel", "volunteer")).id
        test_dbs_check_form.member = member  # type: ignore[attr-defined]
    draft = DbsCheckDraft(
        certificate_number=number,
        issued_on=issued,
        seen_on=seen,
        outcome=outcome,
        level=level,
        barred_list=barred,
        seen_by=seen_by,
        update_service=update,
        last_status_check_on=status_check,
        notes=notes,
    )
    with succeeds_or_refuses_cleanly(manager):
        staff.record_dbs_check(manager, member, draft)
