"""The policy itself (issue 8): versions, the annual review, acknowledgements (clause ix).

The centre's clock is fixed in every test (session.centre.clock), so due
dates and alerts are exact.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from stmarys_desktop.domain.alerts import INFO, URGENT, WARNING
from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.errors import InvalidInput, NotFound, PermissionRefused
from stmarys_desktop.domain.families import AgencyKind
from stmarys_desktop.domain.policy_documents import (
    DocumentKind,
    Group,
    HowAcknowledged,
    SheetVariant,
)
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.policy.clauses import WORDS
from stmarys_desktop.services import accounts, families
from stmarys_desktop.services import policy_documents as policy
from stmarys_desktop.services.alerts import alerts
from stmarys_desktop.services.session import Session
from tests.helpers import PASSWORD
from tests.unit.family_helpers import two_parent_family

POLICY_DAY = date(2026, 10, 1)
DP_TEXT = (
    "Test Centre - Data Protection Policy\n\nWe keep personal data only as long as we need it.\n"
)


def at(session: Session, day: date) -> None:
    session.centre.clock = lambda: datetime(day.year, day.month, day.day, 10, 0).astimezone()


def flat(text: str) -> str:
    return " ".join(text.split())


def audit_actions(session: Session) -> list[str]:
    return [r[0] for r in session.centre.conn.execute("SELECT action FROM audit ORDER BY seq")]


@pytest.fixture
def manager_on(manager: Session) -> Session:
    at(manager, POLICY_DAY)
    return manager


@pytest.fixture
def coordinator(manager_on: Session, sign_in_as) -> Session:
    accounts.create_account(
        manager_on,
        user_name="coord",
        display_name="Nerys Calder",
        roles=[Role.COORDINATOR],
        password=PASSWORD,
    )
    session = sign_in_as("coord")
    at(session, POLICY_DAY)
    return session


@pytest.fixture
def front_desk(manager_on: Session, sign_in_as) -> Session:
    accounts.create_account(
        manager_on,
        user_name="desk",
        display_name="Brelna Quoufenn",
        roles=[Role.FRONT_DESK],
        password=PASSWORD,
    )
    session = sign_in_as("desk")
    at(session, POLICY_DAY)
    return session


def add_staff(session: Session, name: str, status: str = "active", role: str = "volunteer") -> int:
    with session.centre.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO staff (full_name, centre_role, status, last_used_at) VALUES (?, ?, ?, ?)",
            (name, role, status, session.centre.now()),
        )
    return int(cursor.lastrowid)


def reviewed(session: Session, on: date | None = None, changes: str = "") -> None:
    policy.record_review(
        session,
        reviewed_on=on or session.centre.clock().date(),
        reviewed_by="Morwenna Testwick and the trustees",
        changes=changes,
    )


# -- version 1 ----------------------------------------------------------------------------------


def test_version_1_is_the_shipped_text_with_the_centres_name(manager_on: Session) -> None:
    version = policy.current_version(manager_on)
    assert version.number == 1 and version.document is DocumentKind.CONFIDENTIALITY
    assert version.text.splitlines()[0] == "St Mary's Test Centre - Confidentiality Policy"
    assert "St Mary's Contact Centre" not in version.text
    for clause in Clause:  # clause ix: every word of the policy is there
        assert flat(WORDS[clause]) in flat(version.text), clause
    assert "Signature" not in version.text  # the shipped stand-in for the table is not policy
    assert version.effective_on == POLICY_DAY
    assert version.review_due_on == date(2027, 10, 1)
    # Published by the account's full name, not its login (issue 18, item 5).
    assert version.published_by == "Morwenna Testwick" and version.note
    # Made once, whoever asks and however often.
    assert [v.number for v in policy.versions(manager_on)] == [1]
    assert audit_actions(manager_on).count("policy.version") == 1


def test_anyone_signed_in_reads_it_but_only_a_manager_changes_it(front_desk: Session) -> None:
    assert policy.current_version(front_desk).number == 1
    assert policy.documents(front_desk) == [DocumentKind.CONFIDENTIALITY]
    with pytest.raises(PermissionRefused):
        reviewed(front_desk)
    with pytest.raises(PermissionRefused):
        policy.publish_version(front_desk, text="new", effective_on=POLICY_DAY)
    with pytest.raises(PermissionRefused):
        policy.register(front_desk)
    with pytest.raises(PermissionRefused):
        policy.not_acknowledged(front_desk)
    assert "do not allow" in policy.publish_blocker(front_desk)


# -- the annual review and new versions (the bad input of issue 8) ---------------------------


def test_an_empty_new_version_is_refused(manager_on: Session) -> None:
    reviewed(manager_on)
    for empty in ("", "   \n\t\n  "):
        with pytest.raises(InvalidInput, match="The new version has no text"):
            policy.publish_version(manager_on, text=empty, effective_on=POLICY_DAY)
    assert [v.number for v in policy.versions(manager_on)] == [1]


def test_an_effective_date_before_the_current_versions_is_refused(manager_on: Session) -> None:
    reviewed(manager_on)
    text = policy.current_version(manager_on).text + "\nA new paragraph.\n"
    with pytest.raises(
        InvalidInput,
        match=r"cannot take effect before version 1 did "
        r"\(1 October 2026\)",
    ):
        policy.publish_version(manager_on, text=text, effective_on=date(2026, 9, 30))
    with pytest.raises(InvalidInput, match="cannot take effect in the future"):
        policy.publish_version(manager_on, text=text, effective_on=date(2026, 10, 2))
    assert policy.publish_version(manager_on, text=text, effective_on=POLICY_DAY).number == 2


def test_publishing_without_a_review_since_the_current_version_is_refused(
    manager_on: Session,
) -> None:
    text = policy.current_version(manager_on).text.replace("annually", "every year")
    assert "Record a review of version 1 first" in policy.publish_blocker(manager_on)
    with pytest.raises(InvalidInput, match="Record a review of version 1 first"):
        policy.publish_version(manager_on, text=text, effective_on=POLICY_DAY)
    at(manager_on, date(2027, 9, 20))
    reviewed(manager_on, changes="'annually' becomes 'every year'.")
    assert policy.publish_blocker(manager_on) is None
    second = policy.publish_version(
        manager_on, text=text, effective_on=date(2027, 9, 20), note="Wording of the review promise."
    )
    assert (second.number, second.effective_on, second.review_due_on) == (
        2,
        date(2027, 9, 20),
        date(2028, 9, 20),
    )
    # The review of version 1 does not count for version 2.
    with pytest.raises(InvalidInput, match="Record a review of version 2 first"):
        policy.publish_version(manager_on, text=text + "More.\n", effective_on=date(2027, 9, 20))
    # Earlier versions stay readable, newest first.
    earlier = policy.versions(manager_on)
    assert [v.number for v in earlier] == [2, 1] and "annually" in earlier[1].text
    assert policy.current_version(manager_on).number == 2
    assert [r.version_number for r in policy.reviews(manager_on)] == [1]


def test_the_same_text_again_is_not_a_new_version(manager_on: Session) -> None:
    reviewed(manager_on)
    same = policy.current_version(manager_on).text
    with pytest.raises(InvalidInput, match="same as version 1"):
        policy.publish_version(manager_on, text=same, effective_on=POLICY_DAY)


def test_a_review_is_dated_within_the_current_version(manager_on: Session) -> None:
    with pytest.raises(InvalidInput, match="cannot be in the future"):
        reviewed(manager_on, on=date(2026, 10, 2))
    with pytest.raises(InvalidInput, match="before version 1 took effect"):
        reviewed(manager_on, on=date(2026, 9, 30))
    with pytest.raises(InvalidInput, match="Who reviewed it cannot be empty"):
        policy.record_review(manager_on, reviewed_on=POLICY_DAY, reviewed_by="  ")
    reviewed(manager_on)
    review = policy.reviews(manager_on)[0]
    assert review.outcome == "No changes needed." and review.recorded_by == "manager"
    assert "policy.review" in audit_actions(manager_on)


# -- review due and the start screen -------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "severity", "words"),
    [
        (date(2027, 8, 31), None, ""),  # 31 days before
        (date(2027, 9, 1), WARNING, "is due on 1 October 2027 (in 30 days)"),
        (date(2027, 9, 30), WARNING, "(in 1 day)"),
        (date(2027, 10, 1), WARNING, "(today)"),
        (date(2027, 10, 2), URGENT, "was due on 1 October 2027 and is overdue"),
    ],
)
def test_the_review_alert_starts_30_days_before_it_is_due(
    manager_on: Session, today: date, severity: str | None, words: str
) -> None:
    policy.current_version(manager_on)
    found = [a for a in policy.policy_alerts(manager_on, today) if "annual review" in a.text]
    if severity is None:
        assert found == []
    else:
        assert [a.severity for a in found] == [severity] and words in found[0].text
        assert "Confidentiality Policy (version 1)" in found[0].text
        assert found[0] in alerts(manager_on, today)  # the start screen's list has it


def test_a_review_without_changes_puts_the_next_one_a_year_on(manager_on: Session) -> None:
    policy.current_version(manager_on)
    at(manager_on, date(2027, 10, 5))
    assert policy.review_status(manager_on).overdue
    reviewed(manager_on)
    status = policy.review_status(manager_on)
    assert status.due_on == date(2028, 10, 5) and not status.overdue
    assert not [
        a for a in policy.policy_alerts(manager_on, date(2027, 10, 5)) if "annual review" in a.text
    ]


def test_only_managers_see_policy_alerts(front_desk: Session) -> None:
    assert policy.policy_alerts(front_desk, date(2028, 1, 1)) == []


def test_a_29_february_version_is_due_on_28_february(manager: Session) -> None:
    at(manager, date(2028, 2, 29))
    assert policy.current_version(manager).review_due_on == date(2029, 2, 28)


# -- the Data Protection Policy ----------------------------------------------------------------


def test_the_data_protection_policy_is_a_second_document(manager_on: Session) -> None:
    assert policy.current_version(manager_on, DocumentKind.DATA_PROTECTION) is None
    with pytest.raises(NotFound, match="no Data Protection Policy yet"):
        policy.record_review(
            manager_on,
            reviewed_on=POLICY_DAY,
            reviewed_by="Trustees",
            kind=DocumentKind.DATA_PROTECTION,
        )
    added = policy.add_data_protection_policy(
        manager_on, text=DP_TEXT, effective_on=date(2026, 9, 1)
    )
    assert (added.number, added.document) == (1, DocumentKind.DATA_PROTECTION)
    assert policy.documents(manager_on) == [
        DocumentKind.CONFIDENTIALITY,
        DocumentKind.DATA_PROTECTION,
    ]
    with pytest.raises(InvalidInput, match="already been added"):
        policy.add_data_protection_policy(manager_on, text=DP_TEXT, effective_on=POLICY_DAY)
    with pytest.raises(InvalidInput, match="no text"):
        policy.add_data_protection_policy(manager_on, text=" ", effective_on=POLICY_DAY)
    # Its own review, its own alert, its own versions.
    overdue = policy.policy_alerts(manager_on, date(2027, 9, 5))
    assert any(
        "Data Protection Policy (version 1) was due on 1 September 2027" in a.text for a in overdue
    )
    with pytest.raises(InvalidInput, match="Record a review of version 1"):
        policy.publish_version(
            manager_on,
            text=DP_TEXT + "More.\n",
            effective_on=POLICY_DAY,
            kind=DocumentKind.DATA_PROTECTION,
        )
    policy.record_review(
        manager_on,
        reviewed_on=POLICY_DAY,
        reviewed_by="Trustees",
        changes="One more sentence.",
        kind=DocumentKind.DATA_PROTECTION,
    )
    policy.publish_version(
        manager_on,
        text=DP_TEXT + "More.\n",
        effective_on=POLICY_DAY,
        kind=DocumentKind.DATA_PROTECTION,
    )
    assert [v.number for v in policy.versions(manager_on, DocumentKind.DATA_PROTECTION)] == [2, 1]
    assert policy.current_version(manager_on).number == 1  # the other document is untouched


# -- acknowledgements ------------------------------------------------------------------------


@pytest.fixture
def people(manager_on: Session, coordinator: Session) -> dict[str, int]:
    """Four staff (one has left), two active families and a closed one."""
    ids = {
        "Gwoul Thiarrow": add_staff(manager_on, "Gwoul Thiarrow"),
        "Dritha Snaelowe": add_staff(manager_on, "Dritha Snaelowe", "applicant"),
        "Plenth Vraemmond": add_staff(manager_on, "Plenth Vraemmond", "suspended"),
        "Trua Clounsby": add_staff(manager_on, "Trua Clounsby", "left"),
    }
    first = families.create_family(coordinator, two_parent_family())
    second = families.create_family(
        coordinator,
        two_parent_family(
            resident="Zelia Krothorpe",
            visiting="Bran Flidwick",
            children=("Pip Krothorpe",),
            agency="Hartwell Finch LLP",
            referrer="Mira Pennock",
        ),
    )
    third = families.create_family(
        coordinator,
        two_parent_family(
            resident="Quaen Whobble",
            visiting="Sniath Drouthorpe",
            children=("Ada Whobble",),
            agency="Westhaven Children's Services",
            referrer="Ola Brackett",
            kind=AgencyKind.CHILDRENS_SERVICES,
        ),
    )
    with manager_on.centre.transaction() as conn:
        conn.execute("UPDATE family SET status = 'closed' WHERE id = ?", (third.id,))
    for family in (first, second, third):
        for adult in family.adults:
            ids[adult.full_name] = adult.id
        ids[family.reference] = family.id
    ids["child"] = first.people[-1].id
    return ids


def sign(session: Session, group: Group, **who) -> None:
    policy.record_acknowledgement(
        session,
        group,
        acknowledged_on=POLICY_DAY,
        how=HowAcknowledged.GROUP_SHEET,
        kept_at="Policy folder, office cabinet",
        **who,
    )


def test_the_register_and_who_has_not_acknowledged_per_group(
    manager_on: Session, coordinator: Session, people: dict[str, int]
) -> None:
    before = policy.not_acknowledged(manager_on)
    assert (before[Group.STAFF].total, before[Group.STAFF].outstanding) == (3, 3)
    assert (before[Group.PARENT].total, before[Group.PARENT].outstanding) == (4, 4)
    assert (before[Group.REFERRER].total, before[Group.REFERRER].outstanding) == (1, 1)
    assert "Trua Clounsby" not in {o.name for o in before[Group.STAFF].listed}  # has left
    assert "Quaen Whobble" not in {o.name for o in before[Group.PARENT].listed}  # closed

    sign(manager_on, Group.STAFF, staff_id=people["Gwoul Thiarrow"])
    sign(coordinator, Group.PARENT, person_id=people["Carys Dunford"])
    # A referrer is matched by name and agency as written, whatever the case.
    sign(coordinator, Group.REFERRER, referrer_name="mira pennock", agency="HARTWELL FINCH LLP")

    after = policy.not_acknowledged(manager_on)
    assert (after[Group.STAFF].acknowledged, after[Group.STAFF].outstanding) == (1, 2)
    assert {o.name for o in after[Group.STAFF].listed} == {"Dritha Snaelowe", "Plenth Vraemmond"}
    assert after[Group.PARENT].outstanding == 3
    assert "Carys Dunford" not in {o.name for o in after[Group.PARENT].listed}
    assert after[Group.REFERRER].outstanding == 0

    count, rows = policy.register(manager_on)
    assert count == 3
    assert {(r.group, r.name) for r in rows} == {
        (Group.STAFF, "Gwoul Thiarrow"),
        (Group.PARENT, "Carys Dunford"),
        (Group.REFERRER, "mira pennock"),
    }
    parent = next(r for r in rows if r.group is Group.PARENT)
    assert parent.detail.startswith("SMC-") and "resident parent" in parent.detail
    assert parent.how is HowAcknowledged.GROUP_SHEET
    assert parent.kept_at == "Policy folder, office cabinet" and parent.version_number == 1
    assert audit_actions(manager_on).count("policy.acknowledgement") == 3


def test_a_new_version_asks_everyone_again(manager_on: Session, people: dict[str, int]) -> None:
    for name in ("Gwoul Thiarrow", "Dritha Snaelowe", "Plenth Vraemmond"):
        sign(manager_on, Group.STAFF, staff_id=people[name])
    assert not [a for a in policy.policy_alerts(manager_on, POLICY_DAY) if "acknowledged" in a.text]
    reviewed(manager_on, changes="A new sentence.")
    policy.publish_version(
        manager_on,
        effective_on=POLICY_DAY,
        text=policy.current_version(manager_on).text + "New sentence.\n",
    )
    assert policy.not_acknowledged(manager_on)[Group.STAFF].outstanding == 3
    fresh = policy.policy_alerts(manager_on, POLICY_DAY)
    assert [(a.severity, a.text) for a in fresh] == [
        (
            INFO,
            (
                "3 of 3 staff and volunteers have not acknowledged version 2 of the "
                "Confidentiality Policy. Print their sheets on the Policy screen."
            ),
        )
    ]
    later = policy.policy_alerts(manager_on, date(2026, 11, 15))
    assert [a.severity for a in later] == [WARNING]  # more than 30 days on


def test_acknowledgements_refuse_bad_input(
    manager_on: Session, coordinator: Session, people: dict[str, int]
) -> None:
    staff = people["Gwoul Thiarrow"]
    cases = [
        (dict(acknowledged_on=date(2026, 10, 2)), "cannot be in the future"),
        (dict(acknowledged_on=date(2026, 9, 30)), "before version 1 took effect"),
        (dict(kept_at="   "), "Say where the signed sheet is kept"),
        (dict(how="emailed"), "on which sheet"),
    ]
    for change, words in cases:
        fields = (
            dict(
                acknowledged_on=POLICY_DAY,
                how=HowAcknowledged.PERSONAL_SHEET,
                kept_at="Staff file",
                staff_id=staff,
            )
            | change
        )
        with pytest.raises(InvalidInput, match=words):
            policy.record_acknowledgement(manager_on, Group.STAFF, **fields)
    with pytest.raises(NotFound, match="member of staff"):
        sign(manager_on, Group.STAFF, staff_id=9999)
    with pytest.raises(NotFound, match="not an adult"):
        sign(coordinator, Group.PARENT, person_id=people["child"])
    with pytest.raises(InvalidInput, match="agency cannot be empty"):
        sign(coordinator, Group.REFERRER, referrer_name="Mira Pennock", agency="")
    # A coordinator takes parents' and referrers' signatures, not staff's.
    with pytest.raises(PermissionRefused):
        sign(coordinator, Group.STAFF, staff_id=staff)
    sign(manager_on, Group.STAFF, staff_id=staff)
    with pytest.raises(InvalidInput, match="Gwoul Thiarrow has already acknowledged version 1"):
        sign(manager_on, Group.STAFF, staff_id=staff)
    assert policy.register(manager_on)[0] == 1


def test_the_lists_are_capped_and_searchable(manager_on: Session, people: dict[str, int]) -> None:
    capped = policy.not_acknowledged(manager_on, (Group.PARENT,), limit=1)
    assert set(capped) == {Group.PARENT}
    assert capped[Group.PARENT].outstanding == 4 and len(capped[Group.PARENT].listed) == 1
    found = policy.not_acknowledged(manager_on, name_contains="zel")
    assert [o.name for o in found[Group.PARENT].listed] == ["Zelia Krothorpe"]
    assert found[Group.STAFF].listed == () and found[Group.PARENT].outstanding == 4
    assert found[Group.PARENT].listed[0].person_id == people["Zelia Krothorpe"]
    # A % typed in a search is a character, not a wildcard.
    assert policy.not_acknowledged(manager_on, name_contains="%")[Group.PARENT].listed == ()


# -- sheets and the paper size ------------------------------------------------------------------


def test_the_paper_size_is_a4_unless_a_manager_chooses_letter(
    manager_on: Session, front_desk: Session
) -> None:
    assert policy.paper_size(manager_on) == "A4"
    policy.set_paper_size(manager_on, "Letter")
    assert policy.paper_size(front_desk) == "Letter"
    with pytest.raises(InvalidInput, match="A4, Letter"):
        policy.set_paper_size(manager_on, "A5")
    with pytest.raises(PermissionRefused):
        policy.set_paper_size(front_desk, "A4")


def test_a_sheet_carries_the_current_version_and_the_person(manager_on: Session) -> None:
    group = policy.acknowledgement_sheet(manager_on)
    assert (group.variant, group.rows, group.version_number) == (SheetVariant.GROUP, 12, 1)
    assert group.centre_name == "St Mary's Test Centre" and group.signatory == ""
    personal = policy.acknowledgement_sheet(
        manager_on, SheetVariant.PERSONAL, name=" Gwoul   Thiarrow ", role="Volunteer"
    )
    assert (personal.signatory, personal.signatory_role, personal.rows) == (
        "Gwoul Thiarrow",
        "Volunteer",
        1,
    )
    with pytest.raises(InvalidInput, match="Give the name"):
        policy.acknowledgement_sheet(manager_on, SheetVariant.PERSONAL)
    with pytest.raises(InvalidInput, match="1 to 40 rows"):
        policy.acknowledgement_sheet(manager_on, rows=0)
    reviewed(manager_on)
    policy.publish_version(
        manager_on,
        effective_on=POLICY_DAY,
        text=policy.current_version(manager_on).text + "More.\n",
    )
    assert policy.acknowledgement_sheet(manager_on).version_number == 2
    assert policy.acknowledgement_sheet(manager_on, version_number=1).version_number == 1
    with pytest.raises(NotFound):
        policy.acknowledgement_sheet(manager_on, version_number=7)


def test_published_versions_are_never_changed(manager_on: Session) -> None:
    policy.current_version(manager_on)
    with pytest.raises(Exception, match="never changed"), manager_on.centre.transaction() as conn:
        conn.execute("UPDATE policy_version SET body = 'edited'")
    with pytest.raises(Exception, match="stay readable"), manager_on.centre.transaction() as conn:
        conn.execute("DELETE FROM policy_version")


def test_the_publish_button_is_the_services_answer(manager_on, front_desk) -> None:
    """Issue 17, item 3: publishing is offered as `publish_version` decides it, a refusal on
    the person's roles in the product's one pattern, a missing review in its own words."""
    refused_desk = policy.publish_offer(front_desk)
    assert not refused_desk.allowed
    assert refused_desk.sentence.startswith("You cannot publish the policy: your roles")
    waiting = policy.publish_offer(manager_on)
    assert not waiting.allowed and waiting.sentence == policy.publish_blocker(manager_on)
    assert waiting.sentence.startswith("Record a review of version 1 first")
