"""Every printed document, made from long made-up content (100 entries), for the paper rules.

Each sample says what the rules need to know about it: the words each row or
entry starts and ends with (a row cut across pages would put them on two
pages), the header words every page with rows repeats, the words that must
come out whole, and whether it is a letter.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, timedelta

from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.disclosures import (
    AttendanceLetter,
    ConsentForm,
    DisclosureEntry,
    ProceedingsReply,
)
from stmarys_desktop.domain.families import AgencyKind, Family, Person, PersonKind, Referral
from stmarys_desktop.domain.incidents import AccidentEntry, BodyMark, ChronologyItem
from stmarys_desktop.domain.paper import Letterhead, Signatory
from stmarys_desktop.domain.policy_documents import (
    AcknowledgementSheet,
    DocumentKind,
    SheetVariant,
)
from stmarys_desktop.domain.retention import Certificate, DueRecord
from stmarys_desktop.domain.sessions import (
    AttendanceLine,
    Attendee,
    Handover,
    RegisterEntry,
    SessionStatus,
)
from stmarys_desktop.printing.accident_book import accident_book_paper
from stmarys_desktop.printing.acknowledgement import sheet_paper, shipped_sheet
from stmarys_desktop.printing.chronology import chronology_paper
from stmarys_desktop.printing.disposal import disposal_certificate_paper
from stmarys_desktop.printing.document import Paper
from stmarys_desktop.printing.family_record import family_record_paper
from stmarys_desktop.printing.history import disclosure_history_paper
from stmarys_desktop.printing.letters import (
    attendance_letter_paper,
    consent_form_paper,
    proceedings_reply_paper,
)
from stmarys_desktop.printing.recovery_sheet import recovery_sheet_paper
from stmarys_desktop.printing.register import register_paper
from tests.helpers import made_up_names

# How the services cite a clause under version 1 (issue 20).
SAYS = "Our Confidentiality Policy (clause {}) says: \u201c{}\u201d"

CENTRE = "St Brannoc's Test Centre"
HEAD = Letterhead(CENTRE, "Flat 2, 14 Quillan Street\nTrevannick\nTV9 4ZZ", "01632 960 555")
SIGNER = Signatory("Nerys Calder", "Coordinator")
MANAGER_NAME = "Wenna Treloar"
N = 100
FIRST_DAY = date(2026, 2, 2)
NAMES = made_up_names(2 * N)
# Words the old layout broke inside a column; each must come out whole every time.
MARKS = (
    BodyMark("front", 0.415, 0.355, "A graze to the knee"),
    BodyMark("back", 0.5, 0.2, "A red mark"),
)
WEEKDAY_DATE = r"\w+day \d+ \w+ 2026"


@dataclass
class Sample:
    name: str
    paper: Paper
    rows: list[tuple[str, str]] = field(default_factory=list)  # (first word, last word)
    header: str = ""  # what a page with rows repeats at its top
    whole: dict[str, int] = field(default_factory=dict)  # word -> times it is written
    # A pattern that must come out on one line (a date in its column), and how often.
    one_line: dict[str, int] = field(default_factory=dict)
    letter: bool = False


def day(index: int) -> date:
    return FIRST_DAY + timedelta(days=index)


def _attendance_lines() -> tuple[AttendanceLine, ...]:
    statuses = [SessionStatus.ATTENDED, SessionStatus.NO_SHOW, SessionStatus.CANCELLED]
    return tuple(
        AttendanceLine(
            day(i),
            "10:00",
            "11:30",
            statuses[i % 3],
            "parent" if statuses[i % 3] is SessionStatus.CANCELLED else "",
        )
        for i in range(N)
    )


def letters() -> list[Sample]:
    lines = _attendance_lines()
    attendance = AttendanceLetter(
        CENTRE,
        "SMC-2026-00042",
        "Hartwell Finch LLP",
        date(2026, 12, 2),
        lines,
        policy_says=SAYS.format("iii", Clause.III.words),
    )
    first, last = lines[0], lines[-1]
    reply = ProceedingsReply(
        CENTRE,
        "SMC-2026-00042",
        "Brackley & Rowe Solicitors",
        date(2026, 12, 2),
        "",
        "clause ii",
        policy_says=SAYS.format("ii", Clause.II.words),
        attendance_rule="clause iii",
    )
    form = ConsentForm(
        CENTRE,
        "SMC-2026-00042",
        "Owen Brackley",
        "Cafcass",
        ("address", "telephone"),
        date(2027, 6, 30),
        policy_says=SAYS.format("iv", Clause.IV.words),
    )
    return [
        Sample(
            "attendance letter",
            attendance_letter_paper(attendance, HEAD, SIGNER),
            rows=[(f"{line.on_date:%A}", line.status.label) for line in (first, last)],
            header="Date Time Attendance",
            whole={"Cancelled": N // 3},
            one_line={WEEKDAY_DATE: N},
            letter=True,
        ),
        Sample(
            "refusal letter",
            proceedings_reply_paper(reply, HEAD, SIGNER, your_reference="BR/77/2026"),
            letter=True,
        ),
        Sample("consent form", consent_form_paper(form, HEAD)),
    ]


def history() -> Sample:
    actions = ("share_with_authorities", "attendance_letter")
    entries = [
        DisclosureEntry(
            i,
            f"2026-0{1 + i % 9}-0{1 + i % 9}T09:0{i % 10}:00",
            "coord42",
            actions[i % 2],
            f"SMC-2026-{i:05d}",
            f"Trevannickshire Council {i}",
            "",
            i % 3 != 0,
            "iii" if i % 2 else "4",
            f"safeguarding exception {i} H{i:03d}end",
            "",
        )
        for i in range(N)
    ]
    paper = disclosure_history_paper(
        CENTRE, "2 December 2026", entries, MANAGER_NAME, {"coord42": "Nerys Calder"}
    )
    return Sample(
        "disclosure history",
        paper,
        rows=[(f"SMC-2026-{i:05d}", f"H{i:03d}end") for i in range(N)],
        header="When Who Family Action To Outcome Clause Basis or reason",
        whole={"safeguarding": N, "Attendance": N // 2, "Trevannickshire": N},
    )


def disposal() -> Sample:
    items = [
        DueRecord(
            "family" if i % 4 else "staff",
            i,
            f"SMC-2026-{i:05d}",
            "2022-03-04",
            {"incidents": 1, "sessions": i % 5 + 1, "people": 1 + i % 2},
        )
        for i in range(N)
    ]
    certificate = Certificate(
        7,
        "2026-12-02T14:05:00",
        MANAGER_NAME,
        CENTRE,
        items,
        policy_says=SAYS.format("viii", Clause.VIII.words),
    )
    return Sample(
        "disposal certificate",
        disposal_certificate_paper(certificate),
        rows=[(f"SMC-2026-{i:05d}", "incident") for i in range(N)],
        header="Record Kind Last used What it held",
    )


def accident_book() -> Sample:
    entries = [
        AccidentEntry(
            i + 1,
            f"2026-03-{1 + i % 28:02d}T14:{i % 60:02d}:00",
            "The garden room",
            f"{NAMES[i]} and a member of staff",
            f"A child tripped on the step while running (A{i + 1:03d}start). "
            "The safeguarding lead was told.",
            "A graze to the knee",
            f"First aid given; the parent was told (A{i + 1:03d}end).",
            "Nerys Calder",
            f"2026-03-{1 + i % 28:02d}T15:00:00",
            i if i % 10 == 9 else None,
            "The parent at collection",
            MARKS if i % 5 == 0 else (),
        )
        for i in range(N)
    ]
    return Sample(
        "accident book",
        accident_book_paper(CENTRE, entries, "Nerys Calder", "2 December 2026"),
        rows=[(f"A{i:03d}start", f"A{i:03d}end") for i in range(1, N + 1)],
        whole={"safeguarding": N},
    )


def chronology() -> Sample:
    items = [
        ChronologyItem(
            f"{day(i).isoformat()}T17:00",
            "session" if i % 2 else "incident",
            f"Session 10:00\u201311:30: Attended (C{i:03d}start); the "
            f"safeguarding lead noted nothing (C{i:03d}end)",
            i % 7 == 0,
        )
        for i in range(N)
    ]
    return Sample(
        "chronology",
        chronology_paper(CENTRE, "SMC-2026-00042", items, "Nerys Calder", "2 December 2026"),
        rows=[(f"C{i:03d}start", f"C{i:03d}end") for i in range(N)],
        header="When What Details",
        whole={"safeguarding": N},
        one_line={r"\d+ \w+ 2026, 17:00": N},
    )


def register() -> Sample:
    entries = []
    for i in range(N):
        pair = (
            Handover(None, NAMES[2 * i], "10:0" + str(i % 10)),
            Handover(None, NAMES[2 * i + 1], "10:1" + str(i % 10)),
        )
        entries.append(
            RegisterEntry(
                i,
                i,
                f"SMC-2026-{i:05d}",
                f"Room {i % 4 + 1}",
                date(2026, 12, 2),
                "10:00",
                "11:30",
                pair,
                pair,
                SessionStatus.BOOKED,
                "",
                ("Aisha Norden", "Grace Welwick"),
                (Attendee(i, NAMES[2 * i], "child", "10:05", None),),
                1,
            )
        )
    return Sample(
        "register",
        register_paper(CENTRE, date(2026, 12, 2), entries, "Nerys Calder", "2 December 2026"),
        rows=[(f"SMC-2026-{i:05d}", "Named on the referral") for i in range(N)],
        header="Time Family and room Arrive Leave Staff on duty Status",
    )


def family_record() -> Sample:
    people = tuple(
        Person(
            i,
            PersonKind.CHILD if i % 3 else PersonKind.RESIDENT_PARENT,
            NAMES[i],
            date(2019, 9, 30 - i),
            "Needs the lift",
            "",
            bool(i % 2),
            bool(i % 3),
        )
        for i in range(6)
    )
    referral = Referral(
        1,
        AgencyKind.SOLICITOR,
        "Hartwell Finch LLP",
        "Ana Quell",
        "",
        date(2025, 11, 3),
        True,
        frozenset({0, 1}),
    )
    family = Family(
        1,
        "SMC-2026-00042",
        "active",
        "Supported contact, fortnightly.",
        "2025-11-03T10:00:00",
        date(2026, 6, 1),
        date(2026, 12, 1),
        1,
        people,
        referral,
    )
    lines = _attendance_lines()
    return Sample(
        "family record",
        family_record_paper(
            CENTRE, family, lines, "Nerys Calder", "2 December 2026", date(2026, 12, 2)
        ),
        rows=[(f"{line.on_date:%A}", line.status.label) for line in lines[:1]],
        header="Date Time Attendance Cancelled by",
        whole={"Cancelled": N // 3},
        one_line={WEEKDAY_DATE: N, r"\d+ September 2019": 6},
    )


def sheets() -> list[Sample]:
    base = shipped_sheet(printed_on=date(2026, 12, 2))
    group = dataclasses.replace(
        base, centre_name=CENTRE, version_number=3, effective_on=date(2026, 1, 5), rows=N
    )
    personal = AcknowledgementSheet(
        CENTRE,
        DocumentKind.CONFIDENTIALITY,
        base.text,
        SheetVariant.PERSONAL,
        3,
        date(2026, 1, 5),
        date(2026, 12, 2),
        "Nerys Calder",
        "Coordinator",
        1,
    )
    intake = dataclasses.replace(
        personal, variant=SheetVariant.INTAKE, signatory="", signatory_role=""
    )
    return [
        Sample(
            "group acknowledgement sheet",
            sheet_paper(group),
            header="Name Signature Date",
            rows=[(str(n), str(n)) for n in range(1, N + 1)],
        ),
        Sample("personal acknowledgement sheet", sheet_paper(personal)),
        Sample("intake acknowledgement sheet", sheet_paper(intake, "Letter")),
    ]


def recovery() -> Sample:
    return Sample(
        "recovery sheet",
        recovery_sheet_paper(CENTRE, "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", "4 March 2026"),
    )


def every_document() -> list[Sample]:
    return [
        *letters(),
        history(),
        disposal(),
        accident_book(),
        chronology(),
        register(),
        family_record(),
        *sheets(),
        recovery(),
    ]
