"""The Families screen, the family record and the new-family dialog (issue 4)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
)

from stmarys_desktop.domain.families import MASK, AgencyKind, PersonKind
from stmarys_desktop.services import families
from stmarys_desktop.store import audit
from stmarys_desktop.ui.dialogs.family_record import FamilyRecordDialog
from stmarys_desktop.ui.dialogs.new_family import AddPersonDialog, NewFamilyDialog
from stmarys_desktop.ui.models.families import (
    FamiliesModel,
    FamilyColumn,
    PeopleModel,
    PersonColumn,
)
from stmarys_desktop.ui.screens.families import FamiliesScreen
from tests.helpers import WEDNESDAY
from tests.ui import family_helpers
from tests.ui.family_helpers import column, coordinator_family, select_row_where
from tests.ui.helpers import activate, all_text, click, find
from tests.unit.family_helpers import two_parent_family

front_desk_centre = family_helpers.front_desk_centre
open_as = family_helpers.open_as

RESIDENT_ADDRESS = "12 Invented Road, Westhaven"
VISITING_ADDRESS = "4 Makebelieve Lane, Fernby"


def families_screen(window) -> FamiliesScreen:
    window.workspace.go_to("Families")
    return window.workspace.screens["Families"]


def record(qtbot, window, family) -> FamilyRecordDialog:
    dialog = FamilyRecordDialog(
        window, window.session, families.open_family(window.session, family.id)
    )
    qtbot.addWidget(dialog)
    return dialog


def type_into(dialog, name: str, text: str) -> None:
    find(dialog, QLineEdit, name).setText(text)


def fill_two_parents_two_children(dialog: NewFamilyDialog) -> None:
    type_into(dialog, "Resident parent's name", "Carys Dunford")
    type_into(dialog, "Resident parent's address", RESIDENT_ADDRESS)
    type_into(dialog, "Resident parent's telephone", "07700 900123")
    type_into(dialog, "Non-resident parent's name", "Owen Brackley")
    type_into(dialog, "Non-resident parent's address", VISITING_ADDRESS)
    type_into(dialog, "Non-resident parent's telephone", "07700 900456")
    type_into(dialog, "Child 1 name", "Ivy Dunford")
    find(dialog, QDateEdit, "Child 1 date of birth").setDate(QDate(2019, 5, 1))
    type_into(dialog, "Child 1 needs", "Nut allergy")
    type_into(dialog, "Child 2 name", "Leo Brackley")
    find(dialog, QDateEdit, "Child 2 date of birth").setDate(QDate(2021, 2, 14))
    combo = find(dialog, QComboBox, "Kind of referrer")
    combo.setCurrentIndex(combo.findData(AgencyKind.CAFCASS.value))
    type_into(dialog, "Referring agency", "Cafcass")
    type_into(dialog, "Referrer's name", "Mira Pennock")
    type_into(dialog, "Referrer's contact", "07700 900999")
    find(dialog, QDateEdit, "Referred on").setDate(QDate(2026, 11, 20))
    find(dialog, QCheckBox, "Court order on file").setChecked(True)
    find(dialog, QPlainTextEdit, "Contact arrangement").setPlainText(
        "Fortnightly Saturdays, 10:00-12:00"
    )


# -- the list --------------------------------------------------------------------------


def test_search_as_you_type_by_name_referrer_and_reference(qtbot, open_as) -> None:
    window = open_as("coordinator")
    first = families.create_family(window.session, two_parent_family())
    families.create_family(
        window.session,
        two_parent_family(
            resident="Wren Ashby",
            visiting="Tal Kelham",
            children=("Rosa Ashby",),
            agency="Oakminster Family Law",
            referrer="Bram Holloway",
        ),
    )
    screen = families_screen(window)
    assert screen.model.rowCount() == 2
    search = find(screen, QLineEdit, "Search families")
    qtbot.keyClicks(search, "penn")  # the referrer, one keystroke at a time
    assert column(screen.table, 0) == [first.reference]
    assert find(screen, QLabel, "Families found").text() == "1 family found."
    search.setText("ashb")
    # Issue 18: each person apart, and the referring agency apart from its person.
    assert column(screen.table, FamilyColumn.NAMES) == ["Wren Ashby; Tal Kelham; Rosa Ashby"]
    assert column(screen.table, FamilyColumn.AGENCY) == ["Oakminster Family Law"]
    assert column(screen.table, FamilyColumn.REFERRER) == ["Bram Holloway"]
    search.setText(first.reference.lower())
    assert column(screen.table, 0) == [first.reference]
    search.setText("nobody-like-this")
    assert screen.model.rowCount() == 0
    assert find(screen, QLabel, "Families found").text() == "No family matches."
    search.clear()
    assert screen.model.rowCount() == 2
    assert [screen.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Reference",
        "Status",
        "Next review",
        "Names",
        "Referring agency",
        "Referrer",
    ]


def test_down_from_the_search_box_goes_to_the_results(qtbot, open_as) -> None:
    window = open_as("coordinator")
    families.create_family(window.session, two_parent_family())
    screen = families_screen(window)
    activate(qtbot, window)
    search = find(screen, QLineEdit, "Search families")
    search.setFocus()
    qtbot.keyClicks(search, "dunf")
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert screen.table.hasFocus() and screen.selected() is not None
    assert find(screen, QPushButton, "Open family").isEnabled()


def test_the_list_shows_no_contact_details_and_is_cleared_on_lock(qtbot, open_as) -> None:
    window = open_as("coordinator")
    families.create_family(window.session, two_parent_family())
    screen = families_screen(window)
    model = screen.model
    shown = all_text(screen)
    assert "Carys Dunford" in shown
    assert RESIDENT_ADDRESS not in shown and "900123" not in shown
    window.lock_by_hand()
    assert model.rowCount() == 0  # emptied, not just hidden
    assert window.workspace is None


def test_open_family_with_enter_shows_the_record(qtbot, open_as, answer) -> None:
    window = open_as("frontdesk")
    made = coordinator_family(window)
    screen = families_screen(window)
    seen = {}

    def look(dialog: FamilyRecordDialog) -> None:
        seen["title"] = dialog.windowTitle()
        seen["text"] = all_text(dialog)

    answer(FamilyRecordDialog, look)
    activate(qtbot, window)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert seen["title"] == f"Family {made.reference}"
    assert "Owen Brackley" in seen["text"] and MASK in seen["text"]
    assert VISITING_ADDRESS not in seen["text"]


# -- adding a family -------------------------------------------------------------------


def test_create_a_family_with_two_parents_and_two_children(qtbot, open_as, answer) -> None:
    window = open_as("coordinator")
    screen = families_screen(window)
    answers = answer(NewFamilyDialog, fill_two_parents_two_children)
    click(qtbot, screen, "Add family")
    assert answers.dialogs[0].result() == QDialog.DialogCode.Accepted
    created = answers.dialogs[0].created
    assert column(screen.table, 0) == [created.reference]
    assert screen.selected().id == created.id
    family = families.open_family(window.session, created.id)
    assert [(p.kind, p.full_name) for p in family.people] == [
        (PersonKind.RESIDENT_PARENT, "Carys Dunford"),
        (PersonKind.NON_RESIDENT_PARENT, "Owen Brackley"),
        (PersonKind.CHILD, "Ivy Dunford"),
        (PersonKind.CHILD, "Leo Brackley"),
    ]
    assert [c.date_of_birth for c in family.children] == [date(2019, 5, 1), date(2021, 2, 14)]
    assert family.children[0].needs == "Nut allergy"
    referral = family.referral
    assert referral is not None and referral.agency_kind is AgencyKind.CAFCASS
    assert referral.court_order_on_file and referral.referred_on == date(2026, 11, 20)
    assert referral.named_person_ids == {p.id for p in family.people}
    assert family.arrangement == "Fortnightly Saturdays, 10:00-12:00"
    details = families.reveal_contact_details(window.session, family.adults[1].id)
    assert details.address == VISITING_ADDRESS


def test_right_to_left_and_emoji_names_are_accepted_and_shown(qtbot, open_as, answer) -> None:
    window = open_as("coordinator")
    screen = families_screen(window)

    def fill(dialog: NewFamilyDialog) -> None:
        fill_two_parents_two_children(dialog)
        type_into(dialog, "Resident parent's name", "مريم الحداد")
        type_into(dialog, "Child 1 name", "Zoë 🌼 Haddad")

    answers = answer(NewFamilyDialog, fill)
    click(qtbot, screen, "Add family")
    created = answers.dialogs[0].created
    assert "مريم الحداد" in column(screen.table, FamilyColumn.NAMES)[0]
    assert "Zoë 🌼 Haddad" in column(screen.table, FamilyColumn.NAMES)[0]
    dialog = record(qtbot, window, created)
    people = find(dialog, QTableView, "People in the family")
    assert column(people, PersonColumn.NAME)[:3] == [
        "مريم الحداد",
        "Owen Brackley",
        "Zoë 🌼 Haddad",
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: find(d, QDateEdit, "Child 2 date of birth").setDate(QDate(2027, 1, 1)),
            "Leo Brackley's date of birth is in the future.",
        ),
        (
            lambda d: type_into(d, "Non-resident parent's name", "     "),
            "The non-resident parent's name cannot be empty or only spaces.",
        ),
        (
            lambda d: type_into(d, "Resident parent's telephone", "07700 CALL ME"),
            "Carys Dunford's telephone number can only hold digits",
        ),
        (
            lambda d: type_into(d, "Child 1 name", "x" * 10_000),
            "is 10,000 characters long; the most is 100. Nothing was saved.",
        ),
        (
            lambda d: find(d, QPlainTextEdit, "Contact arrangement").setPlainText("y" * 10_000),
            "The contact arrangement is 10,000 characters long",
        ),
        (
            lambda d: find(d, QDateEdit, "Child 1 date of birth").setDate(
                find(d, QDateEdit, "Child 1 date of birth").minimumDate()
            ),
            "Give Ivy Dunford's date of birth.",
        ),
    ],
)
def test_bad_input_is_shown_in_the_dialog_and_nothing_is_saved(
    qtbot, open_as, answer, change, message
) -> None:
    window = open_as("coordinator")
    screen = families_screen(window)

    def fill(dialog: NewFamilyDialog) -> None:
        fill_two_parents_two_children(dialog)
        change(dialog)

    answers = answer(NewFamilyDialog, fill)
    click(qtbot, screen, "Add family")
    dialog = answers.dialogs[0]
    assert dialog.result() != QDialog.DialogCode.Accepted  # still open for a correction
    assert message in find(dialog, QLabel, "Message").text()
    assert "Traceback" not in find(dialog, QLabel, "Message").text()
    assert families.search_families(window.session, "") == []


def test_front_desk_sees_add_family_disabled_with_the_reason(qtbot, open_as) -> None:
    window = open_as("frontdesk")
    screen = families_screen(window)
    add = find(screen, QPushButton, "Add family")
    assert add.isVisible() and not add.isEnabled()
    assert add.toolTip() == (
        "You cannot add a family: your roles (Front desk) do not allow it. A coordinator can."
    )
    assert find(screen, QLabel, "Why some actions are unavailable").text() == add.toolTip()


# -- the record ------------------------------------------------------------------------


def test_front_desk_cannot_reveal_an_address(qtbot, open_as) -> None:
    window = open_as("frontdesk")
    made = coordinator_family(window)
    dialog = record(qtbot, window, made)
    people = find(dialog, QTableView, "People in the family")
    select_row_where(people, PersonColumn.NAME, "Carys Dunford")
    reveal = find(dialog, QPushButton, "Reveal address and telephone")
    assert reveal.isVisible() or reveal.isVisibleTo(dialog)
    assert not reveal.isEnabled()
    reason = (
        "You cannot reveal a parent's address and telephone: your roles (Front desk) "
        "do not allow it (clause iv). A coordinator or a safeguarding lead can."
    )
    assert reveal.toolTip() == reason
    assert reason in find(dialog, QLabel, "Why some actions are unavailable").text()
    assert column(people, PersonColumn.ADDRESS)[:2] == [MASK, MASK]
    assert RESIDENT_ADDRESS not in all_text(dialog)
    for name in ("Book a session", "Record review", "Add person", "Save arrangement"):
        assert not find(dialog, QPushButton, name).isEnabled(), name
    assert find(dialog, QPlainTextEdit, "Contact arrangement").isReadOnly()


def test_a_coordinator_reveals_one_adult_and_the_audit_log_shows_it(qtbot, open_as) -> None:
    window = open_as("coordinator")
    made = families.create_family(window.session, two_parent_family())
    resident, visiting = made.adults
    dialog = record(qtbot, window, made)
    people = find(dialog, QTableView, "People in the family")
    select_row_where(people, PersonColumn.NAME, "Owen Brackley")
    click(qtbot, dialog, "Reveal address and telephone")
    assert column(people, PersonColumn.ADDRESS)[:2] == [MASK, VISITING_ADDRESS]
    assert column(people, PersonColumn.TELEPHONE)[:2] == [MASK, "07700 900456"]
    assert RESIDENT_ADDRESS not in all_text(dialog)  # never the other adult's
    assert "Owen Brackley only" in find(dialog, QLabel, "Revealed contact details").text()
    last = next(audit.entries(window.session.centre.conn, newest_first=True, limit=1))
    assert (last.actor, last.action, last.subject) == (
        "coordinator",
        "contact.reveal",
        made.reference,
    )
    assert str(visiting.id) in last.detail and "Makebelieve" not in last.detail

    # Revealing the other adult masks the first again: one adult's details at a time.
    select_row_where(people, PersonColumn.NAME, "Carys Dunford")
    click(qtbot, dialog, "Reveal address and telephone")
    assert column(people, PersonColumn.ADDRESS)[:2] == [RESIDENT_ADDRESS, MASK]
    assert VISITING_ADDRESS not in all_text(dialog)
    click(qtbot, dialog, "Hide address and telephone")
    assert column(people, PersonColumn.ADDRESS)[:2] == [MASK, MASK]
    click(qtbot, dialog, "Reveal address and telephone")
    dialog.reject()  # closing hides them
    assert column(people, PersonColumn.ADDRESS)[:2] == [MASK, MASK]
    reveals = [e for e in audit.entries(window.session.centre.conn) if e.action == "contact.reveal"]
    assert [str(resident.id) in e.detail for e in reveals] == [False, True, True]


def test_a_child_has_nothing_to_reveal(qtbot, open_as) -> None:
    window = open_as("coordinator")
    made = families.create_family(window.session, two_parent_family())
    dialog = record(qtbot, window, made)
    people = find(dialog, QTableView, "People in the family")
    select_row_where(people, PersonColumn.NAME, "Ivy Dunford")
    assert not find(dialog, QPushButton, "Reveal address and telephone").isEnabled()


def test_the_record_shows_the_referral_and_who_is_named(qtbot, open_as) -> None:
    window = open_as("coordinator")
    made = families.create_family(window.session, two_parent_family())
    dialog = record(qtbot, window, made)
    assert find(dialog, QLabel, "Kind of referrer").text() == "Solicitor"
    assert find(dialog, QLabel, "Referring agency").text() == "Hartwell Finch LLP"
    assert find(dialog, QLabel, "Referrer").text() == "Mira Pennock"
    assert find(dialog, QLabel, "Court order on file").text() == "No"
    assert find(dialog, QLabel, "Named on the referral").text().splitlines() == [
        "Carys Dunford (resident parent)",
        "Owen Brackley (non-resident parent)",
        "Ivy Dunford (child)",
        "Leo Brackley (child)",
    ]
    assert "Next review due 2 Jun 2027" in find(dialog, QLabel, "Family summary").text()


def test_a_second_save_is_told_the_record_changed(qtbot, open_as) -> None:
    window = open_as("coordinator")
    made = families.create_family(window.session, two_parent_family())
    dialog = record(qtbot, window, made)
    # Another desk saves first.
    families.change_arrangement(window.session, made.id, made.version, "Weekly, Saturdays")
    find(dialog, QPlainTextEdit, "Contact arrangement").setPlainText("Monthly")
    click(qtbot, dialog, "Save arrangement")
    assert (
        find(dialog, QLabel, "Message")
        .text()
        .startswith("Someone else changed this family after you opened it, so nothing was saved")
    )
    assert families.open_family(window.session, made.id).arrangement == "Weekly, Saturdays"

    again = record(qtbot, window, made)
    find(again, QPlainTextEdit, "Contact arrangement").setPlainText("Monthly")
    click(qtbot, again, "Save arrangement")
    assert find(again, QLabel, "Message").text() == "The contact arrangement was saved."
    assert families.open_family(window.session, made.id).arrangement == "Monthly"


def test_record_a_review_and_add_a_person_not_named(qtbot, open_as, answer) -> None:
    window = open_as("coordinator")
    made = families.create_family(window.session, two_parent_family())
    dialog = record(qtbot, window, made)
    arrangement = find(dialog, QPlainTextEdit, "Contact arrangement")
    arrangement.setPlainText("Weekly, Saturdays")  # typed, not yet saved
    click(qtbot, dialog, "Record review")
    summary = find(dialog, QLabel, "Family summary").text()
    assert "Last review: 2 Dec 2026" in summary and "Next review due 2 Jun 2027" in summary
    assert arrangement.toPlainText() == "Weekly, Saturdays"  # the typing is kept
    click(qtbot, dialog, "Save arrangement")  # and the review's own change is no conflict
    assert find(dialog, QLabel, "Message").text() == "The contact arrangement was saved."

    def fill(add: AddPersonDialog) -> None:
        kinds = find(add, QComboBox, "Role in the family")
        assert [kinds.itemText(i) for i in range(kinds.count())] == ["Child", "Other named adult"]
        kinds.setCurrentIndex(1)
        find(add, QLineEdit, "Name").setText("Dilys Dunford")
        find(add, QLineEdit, "Relationship").setText("Grandmother")

    answer(AddPersonDialog, fill)
    click(qtbot, dialog, "Add person")
    people = find(dialog, QTableView, "People in the family")
    assert "Dilys Dunford" in column(people, PersonColumn.NAME)
    row = column(people, PersonColumn.NAME).index("Dilys Dunford")
    assert column(people, PersonColumn.NAMED)[row] == "No"  # D20: not named unless ticked
    assert column(people, PersonColumn.KIND)[row] == "Other named adult (Grandmother)"


# -- models without a window -----------------------------------------------------------


def test_the_people_model_shows_one_revealed_adult_at_most(qapp) -> None:
    from stmarys_desktop.domain.families import ContactDetails, Person

    model = PeopleModel()
    model.set_people(
        [
            Person(
                1, PersonKind.RESIDENT_PARENT, "Carys Dunford", has_address=True, has_telephone=True
            ),
            Person(2, PersonKind.NON_RESIDENT_PARENT, "Owen Brackley", has_address=True),
        ],
        frozenset({1}),
    )
    assert model.index(0, PersonColumn.ADDRESS).data() == MASK
    assert model.index(1, PersonColumn.TELEPHONE).data() == ""  # none recorded
    model.reveal(ContactDetails(2, "Owen Brackley", VISITING_ADDRESS, ""))
    assert [model.index(r, PersonColumn.ADDRESS).data() for r in (0, 1)] == [MASK, VISITING_ADDRESS]
    assert [model.index(r, PersonColumn.NAMED).data() for r in (0, 1)] == ["Yes", "No"]
    model.clear()
    assert model.revealed is None and model.rowCount() == 0


def test_the_families_model_sorts_review_dates_as_dates(qapp) -> None:
    from stmarys_desktop.domain.families import FamilySummary
    from stmarys_desktop.ui.models.base import SORT_ROLE
    from stmarys_desktop.ui.models.families import FamilyColumn

    model = FamiliesModel()
    model.set_rows(
        [
            FamilySummary(1, "SMC-2026-00001", "active", "A B", "R", date(2027, 1, 2)),
            FamilySummary(2, "SMC-2026-00002", "closed", "C D", "S", None),
        ]
    )
    assert model.index(0, FamilyColumn.NEXT_REVIEW).data() == "2 Jan 2027"
    assert model.index(1, FamilyColumn.STATUS).data() == "Closed"
    assert model.index(1, FamilyColumn.NEXT_REVIEW).data(SORT_ROLE) == "9999"
    assert WEDNESDAY.isoformat() < model.index(0, FamilyColumn.NEXT_REVIEW).data(SORT_ROLE)


def test_after_version_2_the_record_names_its_clauses_as_version_2_numbers_them(
    qtbot, open_as
) -> None:
    """Issue 20: screens cite the version in force, not version 1's clause numbers."""
    from pathlib import Path

    from stmarys_desktop.services import policy_documents
    from stmarys_desktop.services.auth import sign_in as service_sign_in
    from tests.helpers import PASSWORD, at

    window = open_as("frontdesk")
    made = coordinator_family(window)
    manager = service_sign_in(window.data_dir, "manager", PASSWORD)
    try:
        manager.centre.clock = at(8)
        day = manager.centre.clock().date()
        policy_documents.record_review(manager, reviewed_on=day, reviewed_by="The trustees")
        policy_documents.publish_version(
            manager,
            effective_on=day,
            kept_in_force=True,
            text=(
                Path(__file__).parent.parent
                / "unit"
                / "policy_texts"
                / "realistic-centre-policy.txt"
            ).read_text(encoding="utf-8"),
        )
    finally:
        manager.close()
    dialog = record(qtbot, window, made)
    people = find(dialog, QTableView, "People in the family")
    select_row_where(people, PersonColumn.NAME, "Carys Dunford")
    reveal = find(dialog, QPushButton, "Reveal address and telephone")
    assert "do not allow it (clause 2.5)." in reveal.toolTip()
    assert "each reveal is recorded (clause 2.5)." in all_text(dialog)
    assert "clause iv" not in all_text(dialog)


def test_an_overdue_review_reads_overdue_in_bold(qapp) -> None:
    """Issue 18: an overdue review stands out in the list, in words and weight (not
    colour alone); a closed family's old date is not overdue."""
    from PySide6.QtCore import Qt

    from stmarys_desktop.domain.families import FamilySummary
    from stmarys_desktop.ui.models.families import FamilyColumn

    model = FamiliesModel()
    model.today = date(2026, 12, 2)
    model.set_rows(
        [
            FamilySummary(1, "SMC-2026-00001", "active", "A B", "R", date(2026, 11, 1)),
            FamilySummary(2, "SMC-2026-00002", "active", "C D", "S", date(2027, 1, 2)),
            FamilySummary(3, "SMC-2026-00003", "closed", "E F", "T", date(2026, 1, 2)),
        ]
    )
    due = [model.index(row, FamilyColumn.NEXT_REVIEW) for row in range(3)]
    assert [index.data() for index in due] == ["1 Nov 2026 (overdue)", "2 Jan 2027", "2 Jan 2026"]
    fonts = [index.data(Qt.ItemDataRole.FontRole) for index in due]
    assert fonts[0] is not None and fonts[0].bold()
    assert fonts[1] is None and fonts[2] is None


def test_closed_families_come_after_active_ones(qtbot, open_as) -> None:
    window = open_as("coordinator")
    closed = families.create_family(window.session, two_parent_family())
    with window.session.centre.transaction() as conn:  # no screen closes a family yet
        conn.execute("UPDATE family SET status = 'closed' WHERE id = ?", (closed.id,))
    active = families.create_family(
        window.session,
        two_parent_family(resident="Wren Ashby", visiting="Tal Kelham", children=("Rosa Ashby",)),
    )
    with window.session.centre.transaction() as conn:  # the closed one used last
        conn.execute("UPDATE family SET last_used_at = '2099-01-01' WHERE id = ?", (closed.id,))
    found = families.search_families(window.session, "")
    assert [f.id for f in found] == [active.id, closed.id]
