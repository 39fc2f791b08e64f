"""A made-up demo centre, so a newcomer sees the product at once (DESIGN.md section 6).

Every name, address and telephone number here is invented: surnames are built
from syllables, telephone numbers are in Ofcom's range for drama (07700 900xxx),
addresses are in the fictional county of Westshire. The same seed gives the
same centre.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from stmarys_desktop.domain.clock import Clock, system_clock
from stmarys_desktop.domain.dates import add_years
from stmarys_desktop.domain.incidents import IncidentKind
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.policy.planner import minutes
from stmarys_desktop.policy.vetting import RECHECK_YEARS
from stmarys_desktop.services import accounts, settings
from stmarys_desktop.services.auth import create_centre
from stmarys_desktop.services.bookings import DEFAULT_WEEKDAYS
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import authorities as authority_store
from stmarys_desktop.store import bulk, meta
from stmarys_desktop.store import disclosures as disclosure_store
from stmarys_desktop.store import sessions as session_store
from stmarys_desktop.store import staff as staff_store
from stmarys_desktop.store.database import checkpoint, optimize
from stmarys_desktop.store.keystore import DEFAULT_KDF, KdfParams

DEMO_CENTRE_NAME = "St Mary's Contact Centre (demo)"
DEMO_ADDRESS = "1 Makebelieve Lane\nFernby\nZZ9 9ZZ"
DEMO_TELEPHONE = "01632 960 000"
DEMO_ACCOUNTS: list[tuple[str, str, tuple[Role, ...]]] = [
    ("manager", "Demo Manager", (Role.MANAGER,)),
    ("coordinator", "Demo Coordinator", (Role.COORDINATOR,)),
    ("frontdesk", "Demo Front Desk", (Role.FRONT_DESK,)),
    ("safeguarding", "Demo Safeguarding Lead", (Role.SAFEGUARDING_LEAD,)),
]
# What each demo account is for, printed with the logins (issue 18): the manager's role
# does not add families or book, as at a centre where the coordinator does.
DEMO_ACCOUNT_USES = {
    "manager": "staff and vetting, accounts, the policy, retention, backups",
    "coordinator": "families, referrals, bookings, consents and letters",
    "frontdesk": "today's register (check-in and out) and recording incidents",
    "safeguarding": "concerns, exceptions and sharing with Children's Services",
}
SESSIONS_PER_FAMILY = 10  # 50,000 families give the 500,000 sessions of DESIGN.md section 8
STAGGER_MINUTES = 15
CHUNK = 2000

ROOMS = ["Garden Room", "Playroom", "Quiet Room", "Art Room"]
SLOTS = [("10:00", "12:00"), ("12:30", "14:00"), ("14:30", "16:30"), ("17:00", "18:30")]
FIRST_NAMES = [
    "Amelia",
    "Olivia",
    "Isla",
    "Ava",
    "Mia",
    "Ivy",
    "Lily",
    "Isabella",
    "Rosie",
    "Sophia",
    "Grace",
    "Freya",
    "Evie",
    "Poppy",
    "Ella",
    "Aisha",
    "Zara",
    "Maryam",
    "Niamh",
    "Seren",
    "Noah",
    "Oliver",
    "George",
    "Arthur",
    "Leo",
    "Harry",
    "Oscar",
    "Archie",
    "Henry",
    "Theo",
    "Jack",
    "Charlie",
    "Freddie",
    "Alfie",
    "Finley",
    "Yusuf",
    "Ibrahim",
    "Kai",
    "Rhys",
    "Cian",
    "Joanne",
    "Claire",
    "Nicola",
    "Kerry",
    "Lisa",
    "Gemma",
    "Natalie",
    "Hayley",
    "Priya",
    "Sana",
    "Daniel",
    "Mark",
    "Craig",
    "Lee",
    "Gareth",
    "Wayne",
    "Stuart",
    "Ryan",
    "Imran",
    "Tomasz",
]
_ONSET = [
    "Ash",
    "Brack",
    "Cald",
    "Dun",
    "Elm",
    "Fern",
    "Gar",
    "Hol",
    "Ing",
    "Kel",
    "Lang",
    "Mar",
    "Nor",
    "Oak",
    "Pen",
    "Quen",
    "Ros",
    "Stan",
    "Thorn",
    "Wel",
    "Yar",
    "Brom",
]
_CODA = [
    "ford",
    "wick",
    "by",
    "ley",
    "thorpe",
    "stead",
    "well",
    "ridge",
    "field",
    "combe",
    "hurst",
    "more",
    "ham",
    "den",
    "low",
    "shaw",
]
STREETS = [
    "Invented Road",
    "Makebelieve Lane",
    "Fictional Street",
    "Pretend Avenue",
    "Nowhere Close",
    "Imaginary Way",
    "Storybook Crescent",
    "Lantern Row",
]
TOWNS = ["Westhaven", "Brackley Vale", "Oakminster", "Fernby", "Holloway Cross"]
NEEDS = [
    "",
    "",
    "",
    "",
    "Nut allergy",
    "Asthma: inhaler in the bag",
    "Autistic; prefers the Quiet Room",
    "Uses a wheelchair",
    "Hearing aids",
    "Speaks Polish and English",
    "Nervous of dogs",
]
SOLICITORS = [
    "Hartwell Finch LLP",
    "Brackley & Rowe Solicitors",
    "Oakminster Family Law",
    "Pennock Lang Solicitors",
    "Westhaven Legal Centre",
]
AGENCY_KINDS = [
    ("solicitor", 35),
    ("cafcass", 20),
    ("childrens_services", 20),
    ("self", 15),
    ("court", 5),
    ("other", 5),
]
STAFF_ROLES = [("coordinator", 2), ("staff", 6), ("volunteer", 10)]

# Even a small demo shows one of each kind of incident.
FIRST_INCIDENTS = {
    3: "accident",
    5: "welfare_concern",
    8: "violence_concern",
    13: "other",
    21: "accident",
}

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class DemoCentre:
    folder: Path
    password: str
    recovery_key: str
    counts: dict[str, int]

    @property
    def logins(self) -> list[tuple[str, str]]:
        return [(user, self.password) for user, _, _ in DEMO_ACCOUNTS]

    @property
    def guide(self) -> list[str]:
        """One line per account: who to sign in as for what."""
        return [f"{user:<13} {DEMO_ACCOUNT_USES[user]}" for user, _, _ in DEMO_ACCOUNTS]


def new_demo_password() -> str:
    return "demo-" + secrets.token_urlsafe(9)


class _Maker:
    """Draws the made-up centre from one seeded random generator."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - reproducible made-up data, not secrets
        self.today = today
        self.open_weekdays = DEFAULT_WEEKDAYS
        self.closed = christmas_closures(today)
        self.room_names: dict[int, str] = {}
        self.share_rooms = False
        self.lapsed_booked = False
        self.next_id = {"person": 1, "referral": 1, "session": 1, "incident": 1}
        # Who and what is taken in each session time of each day: a room holds one
        # session at a time and a member of staff is on one (D395).
        self.rooms_taken: dict[tuple[date, str], set[int]] = {}
        self.staff_taken: dict[tuple[date, str], set[int]] = {}
        # An incident a family without an attended session could not have: the next has it.
        self.incidents_owed: list[str] = []

    def is_open(self, day: date) -> bool:
        return day.weekday() in self.open_weekdays and day not in self.closed

    def room_for(self, day: date, starts: str, room_ids: list[int]) -> int | None:
        """A room free at that time; None when all are taken, unless the demo is larger
        than the rooms could hold (the benchmark's 50,000 families), where they share."""
        taken = self.rooms_taken.setdefault((day, starts), set())
        free = [r for r in room_ids if r not in taken]
        if not free and not self.share_rooms:
            return None
        room = self.rng.choice(free or room_ids)
        taken.add(room)
        return room

    def staff_for(self, day: date, starts: str, staff_ids: list[int]) -> list[int]:
        """Two members of staff not on another session at that time, where two are free."""
        taken = self.staff_taken.setdefault((day, starts), set())
        free = [s for s in staff_ids if s not in taken] if taken else staff_ids
        chosen = self.rng.sample(free if len(free) >= 2 else staff_ids, 2)
        taken.update(chosen)
        return chosen

    def take(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] += 1
        return value

    def surname(self) -> str:
        return self.rng.choice(_ONSET) + self.rng.choice(_CODA)

    def first(self) -> str:
        return self.rng.choice(FIRST_NAMES)

    def address(self) -> str:
        r = self.rng
        postcode = (
            f"WS{r.randint(1, 19)} {r.randint(1, 9)}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            f"{r.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        )
        return f"{r.randint(1, 180)} {r.choice(STREETS)}, {r.choice(TOWNS)}, {postcode}"

    def telephone(self) -> str:
        return f"07700 900{self.rng.randint(0, 999):03d}"

    def weighted(self, options: list[tuple[str, int]]) -> str:
        names, weights = zip(*options, strict=True)
        return self.rng.choices(names, weights=weights)[0]


def _minutes(clock_time: str, delta: int) -> str:
    hours, minutes = map(int, clock_time.split(":"))
    total = hours * 60 + minutes + delta
    return f"{total // 60:02d}:{total % 60:02d}"


CHRISTMAS_CLOSURE = "Christmas and New Year"


def christmas_closures(today: date) -> dict[date, str]:
    """The demo centre closes from Christmas Day to New Year's Day every year, as many
    centres do (D396): the days of its four years of history and its year ahead."""
    closed = {}
    for year in range(today.year - 5, today.year + 2):
        first = date(year, 12, 25)
        for offset in range(8):
            closed[first + timedelta(days=offset)] = CHRISTMAS_CLOSURE
    return closed


def _open_day(m: _Maker, day: date, step: int = 1) -> date:
    """`day`, or the next day the centre is open (the last one before, with step -1)."""
    while not m.is_open(day):
        day += timedelta(days=step)
    return day


def _family_rows(
    m: _Maker, family_id: int, room_ids: list[int], staff_ids: list[int], out: dict[str, list]
) -> None:
    r = m.rng
    today = m.today
    # Referred on a day the centre was open to take the referral.
    start = _open_day(m, today - timedelta(days=r.randint(14, 4 * 365)), -1)
    reference = f"SMC-{start.year}-{family_id:05d}"
    resident_surname, other_surname = m.surname(), m.surname()
    resident = (m.take("person"), "resident_parent", f"{m.first()} {resident_surname}")
    visiting = (m.take("person"), "non_resident_parent", f"{m.first()} {other_surname}")
    adults = [resident, visiting]
    for pid, kind, name in adults:
        out["people"].append((pid, family_id, kind, name, None, "", "", m.address(), m.telephone()))
    if r.random() < 0.15:
        grandparent = (m.take("person"), "other_adult", f"{m.first()} {other_surname}")
        out["people"].append(
            (
                grandparent[0],
                family_id,
                "other_adult",
                grandparent[2],
                None,
                "",
                "Paternal grandparent",
                m.address(),
                m.telephone(),
            )
        )
        adults.append(grandparent)
    children = []
    for _ in range(r.choices([1, 2, 3, 4], weights=[45, 35, 15, 5])[0]):
        born = today - timedelta(days=r.randint(365, 15 * 365))
        child = (m.take("person"), f"{m.first()} {r.choice([resident_surname, other_surname])}")
        out["people"].append(
            (child[0], family_id, "child", child[1], born.isoformat(), r.choice(NEEDS), "", "", "")
        )
        children.append(child)

    kind = m.weighted(AGENCY_KINDS)
    referral_id = m.take("referral")
    agency, referrer = {
        "solicitor": (r.choice(SOLICITORS), f"{m.first()} {m.surname()}"),
        "cafcass": ("Cafcass", f"{m.first()} {m.surname()} (Family Court Adviser)"),
        "childrens_services": ("Westshire Children's Services", f"{m.first()} {m.surname()}"),
        "self": ("Self-referral", visiting[2]),
        "court": ("Westshire Family Court", "Listing Office"),
        "other": ("Westhaven Family Mediation", f"{m.first()} {m.surname()}"),
    }[kind]
    contact = "" if kind == "self" else f"{m.telephone()} / referrals@example.org"
    out["referrals"].append(
        (
            referral_id,
            family_id,
            kind,
            agency,
            referrer,
            contact,
            start.isoformat(),
            int(kind in ("cafcass", "court") or r.random() < 0.3),
        )
    )
    out["named"] += [(referral_id, pid) for pid, _, _ in adults]
    out["named"] += [(referral_id, cid) for cid, _ in children]

    slot = r.choice(SLOTS)
    slot_start, slot_end = slot
    every = r.choice([7, 14])
    weekday_shift = r.choice(sorted(m.open_weekdays))  # a day the centre opens
    first_session = start + timedelta(days=(weekday_shift - start.weekday()) % 7)
    count = r.randint(SESSIONS_PER_FAMILY - 6, SESSIONS_PER_FAMILY + 6)
    # No session on a day the centre is closed: that week's is simply not booked.
    dates = [
        day
        for day in (first_session + timedelta(days=every * n) for n in range(count))
        if m.is_open(day)
    ] or [_open_day(m, first_session)]
    if family_id <= 300 and family_id % 25 == 0:  # a dozen families are here today
        here = _open_day(m, today)  # or on the next open day with a room free then
        while len(m.rooms_taken.get((here, slot_start), ())) >= len(room_ids):
            here = _open_day(m, here + timedelta(days=1))
        if here not in dates:
            dates = sorted([*dates, here])
    last_used = start
    attended: list[tuple[date, int]] = []  # (the day, the room): where incidents happen
    for on_date in dates:
        room_id = m.room_for(on_date, slot_start, room_ids)
        if room_id is None:
            continue  # every room is taken then: that week's session was not booked
        session_id = m.take("session")
        if on_date >= today:
            status = "booked"
        else:
            roll = r.random()
            status = "attended" if roll < 0.85 else "no_show" if roll < 0.92 else "cancelled"
            last_used = on_date
        cancelled_by = (
            r.choice(["resident parent", "visiting parent", "centre"])
            if status == "cancelled"
            else ""
        )
        row = (
            session_id,
            family_id,
            room_id,
            on_date.isoformat(),
            slot_start,
            slot_end,
            resident[0],
            _minutes(slot_start, -STAGGER_MINUTES),
            visiting[0],
            slot_start,
            visiting[0],
            slot_end,
            resident[0],
            _minutes(slot_end, STAGGER_MINUTES),
            status,
            cancelled_by,
            f"{start.isoformat()}T09:00:00",
        )
        on_duty = _still_cleared(
            m.staff_for(on_date, slot_start, staff_ids),
            staff_ids,
            on_date,
            today,
            m.staff_taken[(on_date, slot_start)],
        )
        on_duty = _lapsed_on_a_future_session(m, on_duty, staff_ids, on_date, slot_start)
        out["session_staff"] += [(session_id, s) for s in on_duty]
        missed, known_at = "", None
        if status == "no_show":
            # Who did not come, when it was known, and who did arrive (D141).
            # From the session's number, not the random stream, so the rest of the demo
            # (and what falls due for disposal) stays as it was.
            missed = ("visiting_parent", "children", "visiting_parent_and_children")[session_id % 3]
            known_at = f"{on_date.isoformat()}T{_minutes(slot_start, 30)}:00"
            if missed == "children":
                out["attendance"].append((session_id, visiting[0], slot_start, slot_start))
            elif missed == "visiting_parent":
                out["attendance"].append(
                    (session_id, resident[0], _minutes(slot_start, -STAGGER_MINUTES), slot_start)
                )
        elif status == "cancelled":
            # Known before the session, never after, on a day the centre was open.
            known = _open_day(m, on_date - timedelta(days=1 + session_id % 7), -1)
            known_at = f"{known.isoformat()}T18:00:00"
        out["sessions"].append((*row, missed, known_at))
        if status == "attended":
            attended.append((on_date, room_id))
            out["attendance"].append(
                (session_id, resident[0], _minutes(slot_start, -STAGGER_MINUTES), slot_start)
            )
            out["attendance"].append((session_id, visiting[0], slot_start, slot_end))
            out["attendance"] += [
                (
                    session_id,
                    cid,
                    _minutes(slot_start, -STAGGER_MINUTES),
                    _minutes(slot_end, STAGGER_MINUTES),
                )
                for cid, _ in children
            ]

    ended = dates[-1] < today - timedelta(days=180)
    review_due = start + timedelta(days=182)
    reviewed = review_due if review_due <= today else None
    next_review = None if ended else (reviewed or start) + timedelta(days=182)
    arrangement = (
        f"Supported contact {'weekly' if every == 7 else 'fortnightly'}, "
        f"{slot_start}-{slot_end}; {resident[2].split()[0]} arrives "
        f"{STAGGER_MINUTES} minutes before and collects {STAGGER_MINUTES} minutes "
        "after."
    )
    out["families"].append(
        (
            family_id,
            reference,
            "closed" if ended else "active",
            arrangement,
            f"{start.isoformat()}T09:00:00",
            reviewed.isoformat() if reviewed else None,
            next_review.isoformat() if next_review else None,
            f"{last_used.isoformat()}T12:00:00",
        )
    )
    names = " ".join([p[2] for p in adults] + [c[1] for c in children])
    out["search"].append((family_id, names, f"{agency} {referrer}"))

    forced = FIRST_INCIDENTS.get(family_id) or (
        m.incidents_owed.pop(0) if m.incidents_owed else None
    )
    if forced or r.random() < 0.03:
        seen = [(day, room) for day, room in attended if day < today]
        if seen:
            _incident(m, family_id, (resident, visiting), children, seen, slot, out, forced)
        elif forced:
            m.incidents_owed.append(forced)


# What happened in an accident, by the room it happened in (D397).
ACCIDENTS = {
    "Garden Room": "{child} tripped on the garden step and grazed a knee.",
    "Playroom": "{child} tripped over the edge of the play mat and grazed a knee.",
    "Quiet Room": "{child} slid off a beanbag onto the floor and grazed a knee.",
    "Art Room": "{child} slipped on spilt water by the sink and grazed a knee.",
}


def _incident(
    m: _Maker,
    family_id: int,
    parents: tuple[tuple[int, str, str], tuple[int, str, str]],
    children: list[tuple[int, str]],
    attended: list[tuple[date, int]],
    slot: tuple[str, str],
    out: dict[str, list],
    forced: str | None,
) -> None:
    """One incident at a session the family attended, at a time and place that session
    had (D397): an accident or a child's words in its room while it went on, a parent
    early or raised voices at the entrance at the handover."""
    r = m.rng
    on_date, room_id = r.choice(attended)
    kind = forced or m.weighted(
        [("other", 50), ("accident", 30), ("welfare_concern", 10), ("violence_concern", 10)]
    )
    child = r.choice(children)
    first = child[1].split()[0]
    room = m.room_names.get(room_id, "Playroom")
    starts, ends = slot
    length = minutes(ends) - minutes(starts)
    at = {
        "other": _minutes(starts, -20),  # the visiting parent, twenty minutes early
        "violence_concern": starts,  # the handover: the visiting parent arrives
    }.get(kind) or _minutes(starts, r.randrange(20, length - 10, 5))
    when = datetime.fromisoformat(f"{on_date.isoformat()}T{at}:00")
    resident, visiting = parents
    text = {
        "other": "The non-resident parent arrived twenty minutes before their time and "
        "waited at the entrance; asked to wait in the car park until the handover was "
        "complete.",
        "accident": ACCIDENTS.get(room, "{child} tripped and grazed a knee.").format(child=first),
        "welfare_concern": f'{first} said: "I don\'t want to go home."',
        "violence_concern": "Raised voices at handover; one parent pushed past a volunteer.",
    }[kind]
    action = {
        "other": "Handover staggered again; both parents reminded of the arrival times.",
        "accident": "Cleaned and plaster applied; parent told at collection.",
        "welfare_concern": "Passed to the safeguarding lead the same day.",
        "violence_concern": "Staff kept the parents apart until the resident parent had "
        "left; safeguarding lead informed.",
    }[kind]
    told = {
        "other": "Both parents, at the handover",
        "accident": "Resident parent, at collection",
        "welfare_concern": "Safeguarding lead, the same day",
        "violence_concern": "Safeguarding lead, by phone, the same day",
    }[kind]
    status = {
        "other": "recorded",
        "accident": "recorded",
        # Even a small demo's first concern awaits the safeguarding lead's decision.
        "welfare_concern": "awaiting_confirmation"
        if forced
        else r.choice(["awaiting_confirmation", "confirmed"]),
        "violence_concern": "confirmed",
    }[kind]
    place = room if kind in ("accident", "welfare_concern") else "Entrance"
    people = (
        f"Child: {child[1]}"
        if kind in ("accident", "welfare_concern")
        else f"{resident[2]} (resident parent); {visiting[2]} (non-resident parent)"
    )
    injuries = "Graze to the left knee" if kind == "accident" else ""
    # Written up half an hour after, decided on two hours after: the same day.
    recorded = (when + timedelta(minutes=30)).isoformat()
    decided = (when + timedelta(hours=2)).isoformat()
    incident_id = m.take("incident")
    confirmed = status == "confirmed"
    out["incidents"].append(
        (
            incident_id,
            kind,
            family_id,
            when.isoformat(),
            place,
            people,
            text,
            injuries,
            action,
            told,
            "frontdesk",
            recorded,
            status,
            "safeguarding" if confirmed else "",
            decided if confirmed else "",
        )
    )
    if confirmed:
        out["exceptions"].append(
            (
                family_id,
                IncidentKind(kind).exception_kind.value,
                incident_id,
                "safeguarding",
                decided,
            )
        )
    if kind == "accident":
        out["accidents"].append(
            (
                incident_id,
                when.isoformat(),
                place,
                people,
                text,
                injuries,
                action,
                "Demo Front Desk",
                recorded,
            )
        )


def _staff_rows(m: _Maker, count: int) -> tuple[list, list[int]]:
    r = m.rng
    rows, active = [], []
    statuses = ["active"] * 7 + ["applicant", "suspended", "left"]
    for staff_id in range(1, count + 1):
        # One manager and one safeguarding lead, as a centre has; everyone else drawn.
        role = {1: "manager", 2: "safeguarding_lead"}.get(staff_id) or m.weighted(STAFF_ROLES)
        status = statuses[staff_id % len(statuses)] if staff_id > 4 else "active"
        started = m.today - timedelta(days=r.randint(30, 8 * 365))
        ended = (
            (m.today - timedelta(days=r.randint(1, 400))).isoformat() if status == "left" else None
        )
        rows.append(
            (
                staff_id,
                f"{m.first()} {m.surname()}",
                role,
                status,
                None if status == "applicant" else started.isoformat(),
                ended,
                m.address(),
                m.telephone(),
                f"{m.first()} {m.surname()}, {m.telephone()}",
                f"{m.today.isoformat()}T09:00:00",
            )
        )
        if status == "active":
            active.append(staff_id)
    return rows, active


# Vetting in every state (clause vi), by staff id; everyone else active is simply cleared.
# Ids follow _staff_rows: 7 and 17 are applicants, 8 and 18 suspended, 9 and 19 left.
_VETTING_STATES = {
    2: "update_service",
    3: "disclosed_proceed",
    5: "lapsed",
    6: "due_soon",
    7: "awaiting_references",
    8: "disclosed_pending",
    10: "training_due",
    17: "ready",
}


_LAPSED = next(staff_id for staff_id, state in _VETTING_STATES.items() if state == "lapsed")


def _lapsed_issue(today: date) -> date:
    """When the lapsed member of staff's certificate was issued: its re-check fell due
    twelve days before the demo's today."""
    return today - timedelta(days=3 * 365 + 12)


def _still_cleared(
    chosen: list[int], staff_ids: list[int], on_date: date, today: date, taken: set[int]
) -> list[int]:
    """A past session from the day the lapsed member of staff's re-check fell due has
    someone else on duty in their place (clause vi, issue 18 item 10); no random number
    is drawn for it, so the rest of the demo stays as it was. Their sessions from today
    on stay, for the start screen to say they were taken off them."""
    if _LAPSED not in chosen or not (
        add_years(_lapsed_issue(today), RECHECK_YEARS) <= on_date < today
    ):
        return chosen
    spare = next(
        (s for s in staff_ids if s not in taken and s != _LAPSED),
        next(s for s in staff_ids if s not in chosen and s != _LAPSED),
    )
    taken.add(spare)
    return [spare if s == _LAPSED else s for s in chosen]


def _lapsed_on_a_future_session(
    m: _Maker, on_duty: list[int], staff_ids: list[int], on_date: date, starts: str
) -> list[int]:
    """The lapsed member of staff on the first session from today where they are free:
    the start screen then says they were taken off it (clause vi)."""
    taken = m.staff_taken[(on_date, starts)]
    if (
        m.lapsed_booked
        or on_date < m.today
        or _LAPSED not in staff_ids
        or _LAPSED in on_duty
        or _LAPSED in taken
    ):
        return on_duty
    m.lapsed_booked = True
    taken.add(_LAPSED)
    return [on_duty[0], _LAPSED]


def _vetting_rows(m: _Maker, staff_rows: list, seed: int) -> dict[str, list]:
    """Made-up vetting for the demo staff, drawn without the family generator's numbers."""
    today = m.today
    out: dict[str, list] = {"checks": [], "identities": [], "references": [], "trainings": []}
    stamp = f"{today.isoformat()}T09:00:00"
    for staff_id, _name, _role, status, *_ in staff_rows:
        state = _VETTING_STATES.get(staff_id, "cleared")
        issued = today - timedelta(days=40 + (staff_id * 37) % 900)
        if state == "lapsed":
            issued = _lapsed_issue(today)
        elif state == "due_soon":
            issued = today - timedelta(days=3 * 365 - 24)
        elif state == "training_due":
            issued = today - timedelta(days=3 * 365 - 49)
        elif state == "update_service":
            issued = today - timedelta(days=4 * 365 + 30)
        elif status == "left":
            issued = today - timedelta(days=5 * 365)
        seen = issued + timedelta(days=6)
        disclosed = state.startswith("disclosed")
        decided = (
            None
            if state == "disclosed_pending"
            else (today - timedelta(days=60) if disclosed else seen)
        )
        status_check = today - timedelta(days=61) if state == "update_service" else None
        notes = "Discussed openly with the applicant at interview." if disclosed else ""
        out["checks"].append(
            (
                staff_id,
                "enhanced",
                0,
                f"{seed % 1000:03d}9{staff_id:08d}",
                issued.isoformat(),
                seen.isoformat(),
                "Demo Manager",
                "information_disclosed" if disclosed else "clear",
                "" if decided is None else "proceed",
                "" if decided is None else "manager",
                decided.isoformat() if decided else None,
                int(state == "update_service"),
                status_check.isoformat() if status_check else None,
                "no_change" if status_check else "",
                notes,
                "manager",
                stamp,
            )
        )
        out["identities"].append(
            (
                staff_id,
                "Passport; Utility bill",
                "Demo Manager",
                (seen - timedelta(days=3)).isoformat(),
                "manager",
                stamp,
            )
        )
        for n in range(1 if state == "awaiting_references" else 2):
            referee = (
                f"{FIRST_NAMES[(staff_id * 7 + n * 13) % len(FIRST_NAMES)]} "
                f"{_ONSET[(staff_id + n) % len(_ONSET)]}"
                f"{_CODA[(staff_id * 3 + n) % len(_CODA)]}"
            )
            out["references"].append(
                (
                    staff_id,
                    referee,
                    (seen - timedelta(days=10 - n)).isoformat(),
                    1,
                    "manager",
                    stamp,
                )
            )
        if status == "active":
            trained = (
                today - timedelta(days=3 * 365 - 20)
                if state == "training_due"
                else today - timedelta(days=100 + (staff_id * 53) % 700)
            )
            renewal = add_years(trained, 3)
            out["trainings"].append(
                (
                    staff_id,
                    trained.isoformat(),
                    renewal.isoformat(),
                    "Safeguarding children, level 2",
                    "manager",
                    stamp,
                )
            )
    return out


# The demo centre's list of authorities (clause 4, D100), in the fictional county.
DEMO_AUTHORITIES = (
    ("Westshire Children's Services", "childrens_services", "Front door team, 0300 000 0100"),
    ("Westshire Police", "police", "Public protection unit, 0300 000 0200"),
)


# Requests for information in the request log (issue 20): who asks, and what.
DEMO_REQUESTS = [
    ("Cafcass", "Attendance dates since the last hearing", "not_sought"),
    ("Westshire Family Solicitors", "A report on how contact is going", "not_sought"),
    ("Westshire Children's Services", "What the child said at the last session", "sought"),
    ("Fernby Housing Association", "The resident parent's new address", "refused"),
    ("Cafcass", "Attendance dates for the next review", "obtained"),
]


def _requests(m: _Maker, conn, families: int, recorded_by: str, now: str) -> None:
    for n, family_id in enumerate(range(7, families + 1, 37)):
        agency, asked, consent = DEMO_REQUESTS[n % len(DEMO_REQUESTS)]
        disclosure_store.insert_request(
            conn,
            received_at=_open_day(m, m.today - timedelta(days=2 + 9 * n), -1).isoformat(),
            requester_name=f"{m.first()} {m.surname()}",
            requester_agency=agency,
            asked_for=asked,
            family_id=family_id,
            about_person_id=None,
            consent_sought=consent,
            recorded_by=recorded_by,
            recorded_at=now,
        )


def fill_demo_data(
    session: Session,
    *,
    families: int,
    seed: int,
    progress: Progress | None = None,
    open_weekdays: frozenset[int] = DEFAULT_WEEKDAYS,
) -> dict[str, int]:
    """Four years of made-up history for `families` families, on the days the centre
    opens (Monday to Saturday, or `open_weekdays`, which is then the centre's setting)."""
    centre = session.centre
    maker = _Maker(seed, centre.clock().date())
    maker.open_weekdays = open_weekdays
    # Four years of the rooms' session times, half full at most; a larger demo shares.
    room_times = 4 * 365 * len(open_weekdays) / 7 * len(SLOTS) * len(ROOMS)
    maker.share_rooms = families * SESSIONS_PER_FAMILY > room_times / 2
    with centre.transaction() as conn:
        if open_weekdays != DEFAULT_WEEKDAYS:
            meta.put_setting(conn, "open_weekdays", ",".join(map(str, sorted(open_weekdays))))
        rooms = bulk.rooms(conn, ROOMS)
        room_ids = list(rooms.values())
        maker.room_names = {room_id: name for name, room_id in rooms.items()}
        staff_rows, active_staff = _staff_rows(maker, max(20, families // 400))
        bulk.staff(conn, staff_rows)
        staff_store.bulk_vetting(conn, **_vetting_rows(maker, staff_rows, seed))
        # The closures still to come are the centre's closure dates, as the booking
        # screens and the Closures dialog show them; those before today left no session.
        for day, why in sorted(maker.closed.items()):
            if maker.today <= day <= maker.today + timedelta(days=366):
                session_store.add_closure(conn, day, why)
        for name, kind, contact in DEMO_AUTHORITIES:
            authority_store.insert(
                conn,
                name=name,
                kind=kind,
                contact_point=contact,
                added_by=session.user_name,
                added_at=centre.now(),
            )
    for first in range(1, families + 1, CHUNK):
        out: dict[str, list] = {
            k: []
            for k in (
                "families",
                "people",
                "referrals",
                "named",
                "sessions",
                "session_staff",
                "attendance",
                "search",
                "incidents",
                "exceptions",
                "accidents",
            )
        }
        for family_id in range(first, min(first + CHUNK, families + 1)):
            _family_rows(maker, family_id, room_ids, active_staff, out)
        with centre.transaction() as conn:
            bulk.families(conn, out["families"])
            bulk.people(conn, out["people"])
            bulk.referrals(conn, out["referrals"])
            bulk.named_people(conn, out["named"])
            bulk.search_entries(conn, out["search"])
            bulk.sessions_with_outcomes(conn, out["sessions"])
            bulk.session_staff(conn, out["session_staff"])
            bulk.attendance(conn, out["attendance"])
            bulk.incidents(conn, out["incidents"])
            bulk.exceptions(conn, out["exceptions"])
            bulk.accident_book(conn, out["accidents"])
        if progress:
            progress(min(first + CHUNK - 1, families), families, "families")
    with centre.transaction() as conn:
        _requests(maker, conn, families, session.user_name, centre.now())
        counts = bulk.counts(conn)
        session.audit(
            action="demo.create",
            detail=f"made-up demo data: {counts['family']} families, "
            f"{counts['contact_session']} sessions (seed {seed})",
        )
    checkpoint(centre.conn)
    optimize(centre.conn)
    return counts


def make_demo_centre(
    folder: Path,
    *,
    families: int = 200,
    seed: int = 1,
    password: str | None = None,
    kdf: KdfParams = DEFAULT_KDF,
    progress: Progress | None = None,
    clock: Clock = system_clock,
    open_weekdays: frozenset[int] = DEFAULT_WEEKDAYS,
) -> DemoCentre:
    """A demo centre: four accounts sharing one password, and made-up families."""
    if families < 0:
        raise ValueError("families must not be negative")
    password = password or new_demo_password()
    made = create_centre(
        Path(folder),
        centre_name=DEMO_CENTRE_NAME,
        admin_user_name=DEMO_ACCOUNTS[0][0],
        admin_display_name=DEMO_ACCOUNTS[0][1],
        password=password,
        kdf=kdf,
        clock=clock,
        made_up_data=True,
    )
    session = made.session
    try:
        for user, name, roles in DEMO_ACCOUNTS[1:]:
            accounts.create_account(
                session, user_name=user, display_name=name, roles=roles, password=password
            )
        # A made-up letterhead (01632 960 is the range kept for drama), so letters show one.
        settings.set_letterhead(session, DEMO_ADDRESS, DEMO_TELEPHONE)
        counts = fill_demo_data(
            session, families=families, seed=seed, progress=progress, open_weekdays=open_weekdays
        )
    finally:
        session.close()
    return DemoCentre(Path(folder), password, made.recovery_key, counts)
