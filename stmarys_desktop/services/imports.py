"""Bringing a centre's existing records in from its spreadsheets (issue 22).

A file is read (import_files), its sheets matched to families, staff and future
bookings (import_columns), and every row turned into the draft a person would
type by hand. Each draft then goes through the very service a person's entry
goes through (families.create_family, staff.add_staff and the vetting records,
bookings.book_session), so every rule of entering by hand applies here too:
names and dates, clause vi for staff, clashes for bookings.

The preview runs them all inside one transaction that is rolled back at the
end, so it reports exactly what the import would refuse; the import runs the
chosen rows inside one transaction that commits only if every one of them
succeeds (Centre.batch). The audit log records the import's counts and sheet
names, who and when, never the contents (decisions.md D183).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from stmarys_desktop.domain.errors import InvalidInput, NeedsConfirmation, StMarysError
from stmarys_desktop.domain.families import (
    AgencyKind,
    Family,
    NewFamily,
    NewPerson,
    NewReferral,
    PersonKind,
)
from stmarys_desktop.domain.sessions import BookingDraft
from stmarys_desktop.domain.staff import (
    DbsCheckDraft,
    IdentityDraft,
    NewStaff,
    ReferenceDraft,
    StaffStatus,
)
from stmarys_desktop.services import bookings, families, staff
from stmarys_desktop.services.import_columns import (
    COLUMNS,
    SheetKind,
    SheetPlan,
    column,
    plan_sheet,
)
from stmarys_desktop.services.import_files import (
    NotAValue,
    a_date,
    a_time,
    read_file,
    telephone,
    text,
    yes_no,
)
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import families as family_store
from stmarys_desktop.store import imports as lookups
from stmarys_desktop.store import sessions as session_store

Progress = Callable[[int, int, str], None]

PLAIN_TEXT_WARNING = (
    "The spreadsheet you imported from still holds these people's details in plain text, "
    "outside the encrypted database. Delete it (and empty the recycle bin) unless you must "
    "keep it, and keep any copy somewhere as secure as the centre's filing cabinet."
)

_PERSON_KINDS = {
    **{
        k: PersonKind.RESIDENT_PARENT
        for k in ("resident parent", "resident", "rp", "parent with care", "resident carer")
    },
    **{
        k: PersonKind.NON_RESIDENT_PARENT
        for k in (
            "non resident parent",
            "nonresident parent",
            "non resident",
            "nrp",
            "visiting parent",
            "non-resident parent",
            "non-resident",
        )
    },
    **{
        k: PersonKind.OTHER_ADULT
        for k in ("other adult", "other named adult", "other", "adult", "grandparent", "carer")
    },
    **{k: PersonKind.CHILD for k in ("child", "children", "son", "daughter", "c")},
}
_AGENCY_KINDS = {
    **{k.value: k for k in AgencyKind},
    **{k.label.casefold(): k for k in AgencyKind},
    "self": AgencyKind.SELF,
    "self referral": AgencyKind.SELF,
    "self-referred": AgencyKind.SELF,
    "childrens services": AgencyKind.CHILDRENS_SERVICES,
    "social services": AgencyKind.CHILDRENS_SERVICES,
    "social worker": AgencyKind.CHILDRENS_SERVICES,
    "local authority": AgencyKind.CHILDRENS_SERVICES,
    "solicitors": AgencyKind.SOLICITOR,
    "cafcass officer": AgencyKind.CAFCASS,
    "family court": AgencyKind.COURT,
    "other agency": AgencyKind.OTHER,
}


def _fold(value: str) -> str:
    return " ".join(value.replace("-", " ").replace("’", "'").split()).casefold()


@dataclass
class Record:
    """One thing the import would add: a family (several rows), a member of staff or a
    booking. `problems` stop it; `warnings` (a possible duplicate, a room already booked)
    need the person's decision."""

    kind: SheetKind
    sheet: str
    rows: tuple[int, ...]
    label: str
    draft: object = None
    key: str = ""
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        if len(self.rows) == 1:
            return f"{self.sheet}, row {self.rows[0]}"
        return f"{self.sheet}, rows {self.rows[0]}-{self.rows[-1]}"

    @property
    def clean(self) -> bool:
        return not self.problems and not self.warnings

    def problem(self, text_: str, row: int | None = None, heading: str = "") -> None:
        where = f"{self.sheet}, row {row}" if row is not None else self.where
        self.problems.append(f"{where}, {heading}: {text_}" if heading else f"{where}: {text_}")


@dataclass
class Preview:
    """What a file would bring in: every record with its problems and warnings."""

    records: list[Record]
    sheets: list[str]
    notices: list[str] = field(default_factory=list)  # sheets left out, columns not matched
    problems: list[str] = field(default_factory=list)  # the file as a whole

    def count(self, kind: SheetKind) -> int:
        return sum(r.kind is kind for r in self.records)

    @property
    def every_problem(self) -> list[str]:
        return self.problems + [p for r in self.records for p in r.problems]

    @property
    def every_warning(self) -> list[str]:
        return [f"{r.where}: {w}" for r in self.records for w in r.warnings]

    @property
    def all_clean(self) -> bool:
        return not self.problems and all(r.clean for r in self.records)

    def counts_text(self) -> str:
        return ", ".join(f"{self.count(k)} {k.label.lower()}" for k in SheetKind)


@dataclass(frozen=True)
class Imported:
    families: int
    staff: int
    bookings: int


# -- reading a file into records ------------------------------------------------------------


def read_plans(path: Path) -> list[SheetPlan]:
    """The file's sheets, each with its guessed kind and column matching."""
    return [plan_sheet(sheet) for sheet in read_file(path)]


def build_preview(
    session: Session, plans: list[SheetPlan], progress: Progress | None = None
) -> Preview:
    """Every record of the file, checked by the services as if each were entered by hand,
    without writing anything."""
    preview = _records(session, plans)
    if not preview.problems:
        _run(session, preview, preview.records, keep=False, progress=progress)
    return preview


def preview_file(session: Session, path: Path, progress: Progress | None = None) -> Preview:
    return build_preview(session, read_plans(path), progress)


def _records(session: Session, plans: list[SheetPlan]) -> Preview:
    today = session.centre.clock().date()
    # A CSV file's "sheet" is named after the file, which may name a person: the audit
    # log says only that it was a CSV file (D183).
    preview = Preview([], ["(a CSV file)" if p.sheet.from_csv else p.sheet.name for p in plans])
    used = [p for p in plans if p.kind is not None and p.data_rows]
    for plan in plans:
        if plan.kind is None:
            preview.notices.append(
                f"The sheet {plan.sheet.name!r} was left out: its headers "
                "match none of families, staff or bookings."
            )
        elif not plan.data_rows:
            preview.notices.append(f"The sheet {plan.sheet.name!r} has no rows under its headers.")
    if not used:
        preview.problems.append(
            "The file has no rows of families, staff or bookings to "
            "import (its sheets are empty, or their headers are not "
            "recognised). Start from the template."
        )
        return preview
    kinds = [p.kind for p in used]
    for kind in SheetKind:
        if kinds.count(kind) > 1:
            preview.problems.append(
                f"The file has {kinds.count(kind)} sheets of "
                f"{kind.label.lower()}; put them on one sheet."
            )
    for plan in used:
        missing = plan.missing()
        if missing:
            preview.problems.append(
                f"{plan.sheet.name}: no column for {', '.join(missing)}. Rename the heading "
                "in the file or choose which column holds it."
            )
            continue
        headings = set(plan.mapping)
        for index, title in enumerate(plan.headers):
            if title and index not in headings:
                preview.notices.append(f"{plan.sheet.name}: the column {title!r} is not imported.")
        assert plan.kind is not None
        preview.records += {
            SheetKind.FAMILIES: _family_records,
            SheetKind.STAFF: _staff_records,
            SheetKind.BOOKINGS: _booking_records,
        }[plan.kind](plan, today)
    _flag_duplicates(session, preview)
    return preview


def _cells(plan: SheetPlan, cells: list[object]) -> dict[str, object]:
    return {key: cells[i] if i < len(cells) else None for i, key in plan.mapping.items()}


class _Reader:
    """Reads one row's cells, collecting each problem with its row and column."""

    def __init__(
        self, record: Record, kind: SheetKind, row: int, cells: dict[str, object], today: date
    ) -> None:
        self.record, self.kind, self.row, self.cells, self.today = (record, kind, row, cells, today)

    def _bad(self, key: str, why: str) -> None:
        self.record.problem(why, self.row, column(self.kind, key).header)

    def text(self, key: str) -> str:
        return text(self.cells.get(key))

    def date(self, key: str, required: bool = False) -> date | None:
        try:
            found = a_date(self.cells.get(key), self.today)
        except NotAValue as exc:
            self._bad(key, f"{exc}")
            return None
        if found is None and required:
            self._bad(key, "blank; give a date such as 03/05/2019")
        return found

    def yes(self, key: str, default: bool) -> bool:
        try:
            return yes_no(self.cells.get(key), default)
        except NotAValue as exc:
            self._bad(key, f"{exc}")
            return default

    def time(self, key: str) -> str:
        try:
            return a_time(self.cells.get(key))
        except NotAValue as exc:
            self._bad(key, f"{exc}")
            return ""

    def choice(self, key: str, table: dict[str, object], choices: str) -> object | None:
        shown = self.text(key)
        found = table.get(_fold(shown).replace("'", "").replace("’", ""))
        if found is None and shown:
            self._bad(key, f"{shown} is not one of {choices}")
        return found


# -- families --------------------------------------------------------------------------------

_FAMILY_LEVEL = (
    "agency_kind",
    "agency",
    "referrer",
    "referrer_contact",
    "referred_on",
    "court_order",
    "arrangement",
)


def _family_records(plan: SheetPlan, today: date) -> list[Record]:
    groups: dict[str, list[tuple[int, dict[str, object]]]] = {}
    last_key = ""
    for row, cells in plan.data_rows:
        values = _cells(plan, cells)
        # A blank family cell under a family's first row continues that family.
        key = text(values.get("family")) or last_key
        last_key = key
        groups.setdefault(_fold(key), []).append((row, values))
    return [_family_record(plan, rows, today) for rows in groups.values()]


def _family_record(
    plan: SheetPlan, rows: list[tuple[int, dict[str, object]]], today: date
) -> Record:
    key = text(rows[0][1].get("family"))
    record = Record(
        SheetKind.FAMILIES,
        plan.sheet.name,
        tuple(r for r, _ in rows),
        f"Family {key}" if key else "A family with no reference",
        key=key,
    )
    if not key:
        record.problem(
            "the Family column is blank; every family needs your reference for it",
            rows[0][0],
            "Family",
        )
        return record
    # The family's own details may be on any of its rows (often only the first).
    family_cells: dict[str, object] = {}
    for row, values in rows:
        for name in _FAMILY_LEVEL:
            shown = text(values.get(name))
            if not shown:
                continue
            if name in family_cells and text(family_cells[name]) != shown:
                record.problem(
                    f"{shown} differs from an earlier row of family {key}",
                    row,
                    column(SheetKind.FAMILIES, name).header,
                )
            family_cells.setdefault(name, values.get(name))
    first = _Reader(record, SheetKind.FAMILIES, rows[0][0], family_cells, today)
    choices = "Solicitor, Cafcass, Children's Services, Court, Self-referral or Other"
    kind = first.choice("agency_kind", _AGENCY_KINDS, choices)
    agency = first.text("agency")
    if kind is None:
        kind = AgencyKind.OTHER if agency else AgencyKind.SELF
    referred_on = first.date("referred_on", required=True)
    people = []
    for row, values in rows:
        read = _Reader(record, SheetKind.FAMILIES, row, values, today)
        person_kind = read.choice(
            "role", _PERSON_KINDS, "Resident parent, Non-resident parent, Other adult or Child"
        )
        if not read.text("role"):
            read._bad(
                "role", "blank; say Resident parent, Non-resident parent, Other adult or Child"
            )
        born = read.date("date_of_birth")
        if person_kind is None:
            continue
        assert isinstance(person_kind, PersonKind)
        if person_kind is not PersonKind.CHILD and born is not None:
            born = None  # an adult's date of birth is not kept
        people.append(
            NewPerson(
                kind=person_kind,
                full_name=read.text("name"),
                date_of_birth=born,
                needs=read.text("needs"),
                relationship=read.text("relationship"),
                address=read.text("address"),
                telephone=telephone(values.get("telephone")),
                named_on_referral=read.yes("named_on_referral", True),
            )
        )
    if record.problems or referred_on is None:
        return record
    assert isinstance(kind, AgencyKind)
    record.draft = NewFamily(
        people=people,
        referral=NewReferral(
            agency_kind=kind,
            agency_name=agency,
            referrer_name=first.text("referrer"),
            referrer_contact=first.text("referrer_contact"),
            referred_on=referred_on,
            court_order_on_file=first.yes("court_order", False),
        ),
        arrangement=first.text("arrangement"),
    )
    record.label = f"Family {key} ({len(people)} people)"
    return record


# -- staff -----------------------------------------------------------------------------------


@dataclass
class StaffDraft:
    person: NewStaff
    active: bool
    dbs: DbsCheckDraft | None
    identity: IdentityDraft | None
    references: list[ReferenceDraft]
    training: tuple[date, str] | None


_ROLES = {
    "coordinator": "coordinator",
    "co ordinator": "coordinator",
    "staff": "staff",
    "staff member": "staff",
    "volunteer": "volunteer",
    "safeguarding lead": "safeguarding_lead",
    "dsl": "safeguarding_lead",
    "designated safeguarding lead": "safeguarding_lead",
    "manager": "manager",
    "centre manager": "manager",
}
_LEVELS = {
    "basic": "basic",
    "standard": "standard",
    "enhanced": "enhanced",
    "enhanced with barred list": "enhanced",
    "enhanced barred": "enhanced",
}
_OUTCOMES = {
    "clear": "clear",
    "information disclosed": "information_disclosed",
    "disclosed": "information_disclosed",
    "not clear": "information_disclosed",
}
_STATUSES = {"applicant": False, "active": True, "in post": True, "new": False, "pending": False}


def _staff_records(plan: SheetPlan, today: date) -> list[Record]:
    records = []
    for row, cells in plan.data_rows:
        values = _cells(plan, cells)
        name = text(values.get("name"))
        record = Record(
            SheetKind.STAFF, plan.sheet.name, (row,), name or "(no name)", key=_fold(name)
        )
        read = _Reader(record, SheetKind.STAFF, row, values, today)
        role = read.choice(
            "role", _ROLES, "Coordinator, Staff, Volunteer, Safeguarding lead or Manager"
        )
        if not read.text("role"):
            read._bad(
                "role", "blank; say Coordinator, Staff, Volunteer, Safeguarding lead or Manager"
            )
        active = read.choice("status", _STATUSES, "Applicant or Active") or False
        start = read.date("start_date")
        dbs = None
        if read.text("dbs_number"):
            issued = read.date("dbs_issued", required=True)
            seen = read.date("dbs_seen") or issued
            level = read.choice("dbs_level", _LEVELS, "Basic, Standard or Enhanced")
            if not read.text("dbs_level"):
                read._bad("dbs_level", "blank; say Basic, Standard or Enhanced")
            outcome = read.choice("dbs_outcome", _OUTCOMES, "Clear or Information disclosed")
            update = read.yes("update_service", False)
            if issued and seen and level:
                dbs = DbsCheckDraft(
                    certificate_number=read.text("dbs_number"),
                    issued_on=issued,
                    seen_on=seen,
                    outcome=str(outcome or "clear"),
                    level=str(level),
                    barred_list=read.yes("barred_list", False),
                    update_service=update,
                    last_status_check_on=read.date("status_checked") if update else None,
                )
        identity = None
        if read.text("id_documents"):
            identity = IdentityDraft(
                documents=[
                    d.strip()
                    for d in read.text("id_documents").replace(",", ";").split(";")
                    if d.strip()
                ],
                seen_on=read.date("id_seen_on", required=True),
            )
        references = []
        for n in ("1", "2"):
            referee = read.text(f"reference_{n}")
            if referee:
                received = read.date(f"reference_{n}_on", required=True)
                if received:
                    references.append(
                        ReferenceDraft(referee, received, read.yes(f"reference_{n}_ok", True))
                    )
        trained = read.date("training_on")
        if not record.problems and role is not None:
            record.draft = StaffDraft(
                NewStaff(
                    full_name=name,
                    centre_role=str(role),
                    start_on=start,
                    address=read.text("address"),
                    telephone=telephone(values.get("telephone")),
                    emergency_contact=read.text("emergency_contact"),
                ),
                bool(active),
                dbs,
                identity,
                references,
                (trained, read.text("training_course")) if trained else None,
            )
        records.append(record)
    return records


# -- bookings --------------------------------------------------------------------------------


@dataclass
class BookingRow:
    family: str
    on_date: date
    starts: str
    ends: str
    room: str
    first_arriving: PersonKind
    staff: list[str]


_ARRIVING = {
    k: v
    for k, v in _PERSON_KINDS.items()
    if v is not PersonKind.CHILD and v is not PersonKind.OTHER_ADULT
}


def _booking_records(plan: SheetPlan, today: date) -> list[Record]:
    records = []
    for row, cells in plan.data_rows:
        values = _cells(plan, cells)
        family = text(values.get("family"))
        record = Record(
            SheetKind.BOOKINGS, plan.sheet.name, (row,), f"Session of {family}", key=_fold(family)
        )
        read = _Reader(record, SheetKind.BOOKINGS, row, values, today)
        if not family:
            read._bad("family", "blank; give the family's reference")
        on = read.date("date", required=True)
        starts, ends = read.time("starts"), read.time("ends")
        if not read.text("room"):
            read._bad("room", "blank; give one of the centre's rooms")
        first = read.choice("first_arriving", _ARRIVING, "Resident parent or Non-resident parent")
        names = [n.strip() for n in read.text("staff").split(";") if n.strip()]
        if on is not None:
            record.label = f"Session of {family} on {on.strftime('%d/%m/%Y')} {starts}"
        if not record.problems and on is not None:
            record.draft = BookingRow(
                family,
                on,
                starts,
                ends,
                read.text("room"),
                first if isinstance(first, PersonKind) else PersonKind.RESIDENT_PARENT,
                names,
            )
        records.append(record)
    return records


# -- possible duplicates ---------------------------------------------------------------------


def _flag_duplicates(session: Session, preview: Preview) -> None:
    conn = session.centre.conn
    children = lookups.children(conn)
    on_staff = {_fold(name) for name in lookups.staff_by_name(conn)}
    for record in preview.records:
        if isinstance(record.draft, NewFamily):
            for person in record.draft.people:
                if person.kind is PersonKind.CHILD and person.date_of_birth:
                    found = children.get(
                        (
                            " ".join(person.full_name.split()).casefold(),
                            person.date_of_birth.isoformat(),
                        )
                    )
                    if found:
                        record.warnings.append(
                            f"Possible duplicate: {found} already has a child with the same "
                            "name and date of birth."
                        )
        elif isinstance(record.draft, StaffDraft) and record.key in on_staff:
            record.warnings.append(
                "Possible duplicate: someone of the same name is already on the staff list."
            )


# -- running the services ---------------------------------------------------------------------

_ORDER = {SheetKind.STAFF: 0, SheetKind.FAMILIES: 1, SheetKind.BOOKINGS: 2}


class _State:
    """What earlier records of this run made, for later ones to name."""

    def __init__(self, session: Session, records: list[Record]) -> None:
        conn = session.centre.conn
        self.families = {
            ref.casefold(): fid for ref, fid in lookups.family_ids_by_reference(conn).items()
        }
        self.staff = {_fold(name): sid for name, sid in lookups.staff_by_name(conn).items()}
        self.rooms = {_fold(r.name): r.id for r in session_store.rooms(conn)}
        self.made: dict[int, Family] = {}  # families this run added, as created
        self.in_file = {_fold(r.key) for r in records if r.kind is SheetKind.FAMILIES}


def _run(
    session: Session,
    preview: Preview,
    chosen: list[Record],
    *,
    keep: bool,
    progress: Progress | None,
) -> Imported:
    centre = session.centre
    todo = sorted(
        (r for r in chosen if r.draft is not None and not r.problems), key=lambda r: _ORDER[r.kind]
    )
    done = {kind: 0 for kind in SheetKind}
    with centre.batch(keep=keep):
        state = _State(session, preview.records)
        for number, record in enumerate(todo):
            if progress is not None and number % 50 == 0:
                progress(number, len(todo), record.kind.label)
            try:
                _add(session, state, record, accept_warnings=keep)
            except NeedsConfirmation as exc:
                # Only a preview gets here: the warnings wait for a decision, and the
                # booking stands for the rows after it, as it would once accepted.
                record.warnings += list(exc.warnings)
                _add(session, state, record, accept_warnings=True)
            except StMarysError as exc:
                record.problems.append(f"{record.where}: {exc}")
                continue
            done[record.kind] += 1
        if keep:
            failed = [p for r in todo for p in r.problems]
            if failed:
                raise InvalidInput(
                    f"Nothing was imported: {len(failed)} of the chosen rows "
                    f"cannot be added. {failed[0]}"
                )
            session.audit(
                action="import",
                subject="spreadsheet",
                detail=f"{done[SheetKind.FAMILIES]} families, "
                f"{done[SheetKind.STAFF]} staff, "
                f"{done[SheetKind.BOOKINGS]} bookings; sheets: "
                + ", ".join(s if s == "(a CSV file)" else repr(s) for s in preview.sheets),
            )
        if progress is not None:
            progress(len(todo), len(todo), "")
    return Imported(done[SheetKind.FAMILIES], done[SheetKind.STAFF], done[SheetKind.BOOKINGS])


def _add(session: Session, state: _State, record: Record, *, accept_warnings: bool) -> None:
    draft = record.draft
    if isinstance(draft, NewFamily):
        made = families.create_family(session, draft)
        state.families[_fold(record.key)] = made.id
        state.families[made.reference.casefold()] = made.id
        state.made[made.id] = made
    elif isinstance(draft, StaffDraft):
        _add_staff(session, state, draft)
    elif isinstance(draft, BookingRow):
        bookings.book_session(
            session, _booking_draft(session, state, draft), accept_warnings=accept_warnings
        )


def _add_staff(session: Session, state: _State, draft: StaffDraft) -> None:
    member = staff.add_staff(session, draft.person)
    if draft.dbs is not None:
        staff.record_dbs_check(session, member.id, draft.dbs)
    if draft.identity is not None:
        staff.record_identity(session, member.id, draft.identity)
    for reference in draft.references:
        staff.record_reference(session, member.id, reference)
    if draft.training is not None:
        staff.record_training(session, member.id, draft.training[0], course=draft.training[1])
    if draft.active:
        # The gate of clause vi: refused unless DBS, identity and references are in.
        current = staff.set_status(session, member.id, member.version, StaffStatus.ACTIVE)
        member = current
    state.staff[_fold(member.full_name)] = member.id


def _booking_draft(session: Session, state: _State, row: BookingRow) -> BookingDraft:
    family_id = state.families.get(_fold(row.family))
    if family_id is None and _fold(row.family) in state.in_file:
        raise InvalidInput(
            f"Family: {row.family} cannot be booked until its own rows on the "
            "Families sheet can be imported."
        )
    if family_id is None:
        raise InvalidInput(
            f"Family: {row.family} is neither on the Families sheet nor a "
            "family's reference on the system."
        )
    room_id = state.rooms.get(_fold(row.room))
    if room_id is None:
        raise InvalidInput(
            f"Room: {row.room} is not one of the centre's rooms; add it under Admin > Rooms first."
        )
    staff_ids = []
    for name in row.staff:
        found = state.staff.get(_fold(name))
        if found is None:
            raise InvalidInput(f"Staff: {name} is not on the staff list.")
        staff_ids.append(found)
    family = state.made.get(family_id) or family_store.get_family(session.centre.conn, family_id)
    if family is None:
        raise InvalidInput(f"Family: {row.family} is no longer on the system.")
    first = next((p for p in family.adults if p.kind is row.first_arriving), None)
    other = (
        PersonKind.NON_RESIDENT_PARENT
        if row.first_arriving is PersonKind.RESIDENT_PARENT
        else PersonKind.RESIDENT_PARENT
    )
    second = next((p for p in family.adults if p.kind is other), None)
    if first is None or second is None:
        raise InvalidInput(
            f"{family.reference} needs a resident and a non-resident parent "
            "for a session with staggered handovers."
        )
    return BookingDraft(
        family_id=family_id,
        on_date=row.on_date,
        starts=row.starts,
        ends=row.ends,
        room_id=room_id,
        first_arriving_id=first.id,
        second_arriving_id=second.id,
        staff_ids=staff_ids,
    )


# -- the import itself -----------------------------------------------------------------------


def import_records(
    session: Session, preview: Preview, chosen: list[Record], progress: Progress | None = None
) -> Imported:
    """Add the chosen records in one transaction: all of them, or (on any refusal) none.
    Choosing a record accepts its warnings."""
    if preview.problems:
        raise InvalidInput("Nothing was imported: " + preview.problems[0])
    blocked = [r for r in chosen if r.problems]
    if blocked:
        raise InvalidInput(f"Nothing was imported: {blocked[0].problems[0]}")
    if not chosen:
        raise InvalidInput("Choose at least one row to import.")
    for record in chosen:
        record.warnings.clear()
    return _run(session, preview, chosen, keep=True, progress=progress)


def columns_of(kind: SheetKind) -> list[tuple[str, str]]:
    """(key, heading) of every field a sheet of this kind can hold, for the column chooser."""
    return [(c.key, c.header) for c in COLUMNS[kind]]
