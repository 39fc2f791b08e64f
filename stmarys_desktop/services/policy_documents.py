"""The policy itself: versions, the annual review, acknowledgements, sheets (clause ix).

Anyone signed in may read the policy. A manager records the annual review
and publishes a new version; a new version needs a review of the one it
replaces, cannot take effect before it, and is never edited afterwards.
Version 1 of the Confidentiality Policy is the shipped text with the
centre's name put in, made the first time anyone asks for it (D40).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from stmarys_desktop.domain.alerts import INFO, POLICY, URGENT, WARNING, Alert
from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.dates import long_date
from stmarys_desktop.domain.decisions import Decision, allowed, refused
from stmarys_desktop.domain.errors import InvalidInput, NotFound
from stmarys_desktop.domain.policy_documents import (
    Acknowledgement,
    AcknowledgementSheet,
    DocumentKind,
    Group,
    GroupOutstanding,
    HowAcknowledged,
    PolicyReview,
    PolicyVersion,
    ReviewStatus,
    SheetVariant,
    StaffAcknowledgement,
    a_year_after,
    policy_text_for_centre,
)
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.domain.staff import StaffMember
from stmarys_desktop.policy import rule_map as rules
from stmarys_desktop.policy.rule_map import Citation, Passage, RuleMap
from stmarys_desktop.printing.policy_text import shipped_text
from stmarys_desktop.services import checks
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import families as family_store
from stmarys_desktop.store import meta
from stmarys_desktop.store import policy_documents as policy_store

CONFIDENTIALITY = DocumentKind.CONFIDENTIALITY
POLICY_TEXT_MAX = 100_000
FIRST_VERSION_NOTE = "The policy shipped with the application, with the centre's name put in."
PAPER_SIZE_SETTING = "paper_size"
PAPER_SIZES = ("A4", "Letter")
DEFAULT_PAPER_SIZE = "A4"
LIST_LIMIT = 200
GROUP_SHEET_ROWS = 12
MAX_SHEET_ROWS = 40
# A new version gives staff this long to sign before the alert becomes a warning.
ACKNOWLEDGE_WITHIN_DAYS = 30


def _today(session: Session) -> date:
    return session.centre.clock().date()


def _kind(kind: DocumentKind | str) -> DocumentKind:
    try:
        return DocumentKind(kind)
    except ValueError:
        raise InvalidInput("That is not one of the centre's policy documents.") from None


# -- reading --------------------------------------------------------------------------------


def _first_version(session: Session) -> PolicyVersion:
    """Version 1 of the Confidentiality Policy, made now if the centre has none (D40)."""
    centre = session.centre
    found = policy_store.latest_version(centre.conn, CONFIDENTIALITY)
    if found is not None:
        return found
    text = policy_text_for_centre(shipped_text(), session.centre_name)
    today = _today(session)
    with centre.transaction() as conn:
        # Another desk may have made it a moment ago.
        if policy_store.latest_version(conn, CONFIDENTIALITY) is None:
            document = policy_store.document_id(
                conn, CONFIDENTIALITY
            ) or policy_store.insert_document(conn, CONFIDENTIALITY, centre.now())
            version_id = policy_store.insert_version(
                conn,
                document,
                number=1,
                text=text,
                effective_on=today,
                review_due_on=a_year_after(today),
                published_by=session.user_name,
                published_at=centre.now(),
                note=FIRST_VERSION_NOTE,
            )
            policy_store.insert_rule_map(
                conn,
                version_id,
                rules.to_rows(rules.shipped_map(1, text)),
                mapped_by=session.user_name,
                mapped_at=centre.now(),
            )
            session.audit(
                action="policy.version",
                subject=CONFIDENTIALITY.label,
                detail="version 1: the shipped text",
            )
    made = policy_store.latest_version(centre.conn, CONFIDENTIALITY)
    assert made is not None
    return made


def _current(session: Session, kind: DocumentKind) -> PolicyVersion | None:
    if kind is CONFIDENTIALITY:
        return _first_version(session)
    return policy_store.latest_version(session.centre.conn, kind)


def current_version(
    session: Session, kind: DocumentKind | str = CONFIDENTIALITY
) -> PolicyVersion | None:
    """The version in effect; None only for a document the centre has not added."""
    session.require(Permission.VIEW_POLICY, "read the policy")
    return _current(session, _kind(kind))


def documents(session: Session) -> list[DocumentKind]:
    session.require(Permission.VIEW_POLICY, "read the policy")
    _first_version(session)
    return policy_store.kinds(session.centre.conn)


def versions(session: Session, kind: DocumentKind | str = CONFIDENTIALITY) -> list[PolicyVersion]:
    """Every version, newest first: earlier ones stay readable."""
    session.require(Permission.VIEW_POLICY, "read the policy")
    kind = _kind(kind)
    if kind is CONFIDENTIALITY:
        _first_version(session)
    return policy_store.versions(session.centre.conn, kind)


def reviews(session: Session, kind: DocumentKind | str = CONFIDENTIALITY) -> list[PolicyReview]:
    session.require(Permission.VIEW_POLICY, "read the policy")
    return policy_store.reviews(session.centre.conn, _kind(kind))


def review_status(
    session: Session, kind: DocumentKind | str = CONFIDENTIALITY, today: date | None = None
) -> ReviewStatus | None:
    """When the current version's annual review is due: a year after it took effect, or a
    year after its latest review (D43)."""
    session.require(Permission.VIEW_POLICY, "read the policy")
    version = _current(session, _kind(kind))
    if version is None:
        return None
    last = policy_store.last_review_on(session.centre.conn, version.id)
    due = a_year_after(last) if last else version.review_due_on
    return ReviewStatus(version, last, due, today or _today(session))


# -- the annual review and new versions -------------------------------------------------------


def _checked_text(text: str) -> str:
    cleaned = checks.pasted_text(text, "The policy text", POLICY_TEXT_MAX)
    if not cleaned:
        raise InvalidInput(
            "The new version has no text. Type or paste the whole policy; nothing was published."
        )
    return cleaned + "\n"


def _effective(on: date, today: date) -> date:
    if on > today:
        raise InvalidInput(
            "A new version cannot take effect in the future: publish it on the "
            "day it takes effect (D42). Nothing was published."
        )
    return on


def _version_numbered(
    session: Session, number: int | None, kind: DocumentKind = CONFIDENTIALITY
) -> PolicyVersion:
    current = _needing(session, kind)
    if number is None or number == current.number:
        return current
    found = policy_store.version_by_number(session.centre.conn, kind, number)
    if found is None:
        raise NotFound(f"There is no version {number} of the {kind.label}.")
    return found


def _needing(session: Session, kind: DocumentKind) -> PolicyVersion:
    version = _current(session, kind)
    if version is None:
        raise NotFound(f"The centre has no {kind.label} yet; add it first.")
    return version


def publish_blocker(session: Session, kind: DocumentKind | str = CONFIDENTIALITY) -> str | None:
    """Why a new version cannot be published yet, or None; for a button's tooltip."""
    kind = _kind(kind)
    if not session.can(Permission.MANAGE_POLICY):
        return f"Your roles ({session.account.roles_label}) do not allow publishing the policy."
    version = _current(session, kind)
    if version is None:
        return f"The centre has no {kind.label} yet; add it first."
    if policy_store.last_review_on(session.centre.conn, version.id) is None:
        return (
            f"Record a review of version {version.number} first: a new version follows "
            f"a review, and none has been recorded since version {version.number} took "
            f"effect on {long_date(version.effective_on)}."
        )
    return None


def publish_offer(session: Session, kind: DocumentKind | str = CONFIDENTIALITY) -> Decision:
    """The Publish button: whether `publish_version` would take a new version now, and
    why not (the person's roles first, in the product's one refusal pattern)."""
    managing = session.may(Permission.MANAGE_POLICY, "publish the policy")
    if not managing.allowed:
        return managing
    blocker = publish_blocker(session, kind)
    return refused(blocker) if blocker else allowed()


def record_review(
    session: Session,
    *,
    reviewed_on: date,
    reviewed_by: str,
    changes: str = "",
    kind: DocumentKind | str = CONFIDENTIALITY,
) -> PolicyReview:
    """The annual review of the current version: when, by whom, what changes (or none)."""
    session.require(Permission.MANAGE_POLICY, "record a review of the policy")
    kind = _kind(kind)
    version = _needing(session, kind)
    who = checks.name(reviewed_by, "Who reviewed it")
    what = checks.free_text(changes, "The changes")
    on = checks.not_in_future(reviewed_on, _today(session), "The review date")
    if on < version.effective_on:
        raise InvalidInput(
            f"The review date is before version {version.number} took effect "
            f"({long_date(version.effective_on)}), so it cannot be a review of "
            "it. Nothing was saved."
        )
    centre = session.centre
    with centre.transaction() as conn:
        review_id = policy_store.insert_review(
            conn,
            version.id,
            reviewed_on=on,
            reviewed_by=who,
            changes=what,
            recorded_by=session.user_name,
            recorded_at=centre.now(),
        )
        session.audit(
            action="policy.review",
            subject=kind.label,
            detail=f"version {version.number} reviewed on {on.isoformat()}; "
            + ("changes proposed" if what else "no changes"),
        )
    return next(r for r in policy_store.reviews(centre.conn, kind) if r.id == review_id)


@dataclass(frozen=True)
class RuleSuggestions:
    """A text about to be published: its passages and, for each rule the product enforces,
    the passage suggested by matching words (None: no passage matches well enough)."""

    text: str
    passages: tuple[Passage, ...]
    suggested: Mapping[Clause, int | None]


def suggest_rule_map(session: Session, text: str) -> RuleSuggestions:
    """What the manager confirms before publishing: the text as it will be kept, split into
    passages, with a suggested passage for each rule (D220)."""
    session.require(Permission.MANAGE_POLICY, "publish a new version of the policy")
    body = _checked_text(text)
    found = rules.passages(body)
    return RuleSuggestions(
        body, tuple(found), {c: p.index if p else None for c, p in rules.suggest(found).items()}
    )


def _new_map(
    number: int, body: str, choices: Mapping[Clause, int | None] | None, kept_in_force: bool
) -> RuleMap:
    found = rules.passages(body)
    if choices is None:
        choices = {c: p.index if p else None for c, p in rules.suggest(found).items()}
    try:
        new_map = rules.build_map(number, found, choices)
    except ValueError:
        raise InvalidInput(
            "A rule is mapped to a passage that is not in the text; choose "
            "its passage again. Nothing was published."
        ) from None
    problem = rules.map_problem(new_map, kept_in_force)
    if problem:
        raise InvalidInput(problem + " Nothing was published.")
    return new_map


def publish_version(
    session: Session,
    *,
    text: str,
    effective_on: date,
    note: str = "",
    kind: DocumentKind | str = CONFIDENTIALITY,
    rule_map: Mapping[Clause, int | None] | None = None,
    kept_in_force: bool = False,
) -> PolicyVersion:
    """A new version, after a review of the current one; everyone is asked to acknowledge it.

    For the Confidentiality Policy, `rule_map` gives for each rule the product enforces the
    passage (its index in `suggest_rule_map`) that states it, or None; None for the whole
    map takes the suggestions. A rule without a passage is published only with
    `kept_in_force`: the manager's record that the centre keeps it (D221).
    """
    session.require(Permission.MANAGE_POLICY, "publish a new version of the policy")
    kind = _kind(kind)
    body = _checked_text(text)
    what_changed = checks.free_text(note, "What changed", 500)
    current = _needing(session, kind)
    on = _effective(effective_on, _today(session))
    if on < current.effective_on:
        raise InvalidInput(
            f"The new version cannot take effect before version {current.number} did "
            f"({long_date(current.effective_on)}). Choose that day or later; nothing was "
            "published."
        )
    blocker = publish_blocker(session, kind)
    if blocker:
        raise InvalidInput(blocker + " Nothing was published.")
    if body.strip() == current.text.strip():
        raise InvalidInput(
            f"The text is the same as version {current.number}, so nothing was "
            "published. A review that changes nothing is recorded as a review."
        )
    new_map = (
        _new_map(current.number + 1, body, rule_map, kept_in_force)
        if kind is CONFIDENTIALITY
        else None
    )
    centre = session.centre
    with centre.transaction() as conn:
        document = policy_store.document_id(conn, kind)
        assert document is not None
        version_id = policy_store.insert_version(
            conn,
            document,
            number=current.number + 1,
            text=body,
            effective_on=on,
            review_due_on=a_year_after(on),
            published_by=session.user_name,
            published_at=centre.now(),
            note=what_changed,
        )
        detail = f"version {current.number + 1}, effective {on.isoformat()}"
        if new_map is not None:
            policy_store.insert_rule_map(
                conn,
                version_id,
                rules.to_rows(new_map),
                mapped_by=session.user_name,
                mapped_at=centre.now(),
            )
            kept = [c.value for c in new_map.without_passage]
            detail += (
                "; rules kept in force without a passage: " + ", ".join(kept)
                if kept
                else "; every rule mapped to a passage"
            )
        session.audit(action="policy.version", subject=kind.label, detail=detail)
    published = policy_store.latest_version(centre.conn, kind)
    assert published is not None
    return published


def add_data_protection_policy(session: Session, *, text: str, effective_on: date) -> PolicyVersion:
    """The Data Protection Policy that clause 3 refers to, as a document of its own."""
    session.require(Permission.MANAGE_POLICY, "add the Data Protection Policy")
    kind = DocumentKind.DATA_PROTECTION
    body = _checked_text(text)
    on = _effective(effective_on, _today(session))
    centre = session.centre
    with centre.transaction() as conn:
        if policy_store.latest_version(conn, kind) is not None:
            raise InvalidInput(
                "The Data Protection Policy has already been added; publish a "
                "new version of it instead."
            )
        document = policy_store.document_id(conn, kind) or policy_store.insert_document(
            conn, kind, centre.now()
        )
        policy_store.insert_version(
            conn,
            document,
            number=1,
            text=body,
            effective_on=on,
            review_due_on=a_year_after(on),
            published_by=session.user_name,
            published_at=centre.now(),
            note="Added to the application.",
        )
        session.audit(
            action="policy.version",
            subject=kind.label,
            detail=f"version 1, effective {on.isoformat()}",
        )
    added = policy_store.latest_version(centre.conn, kind)
    assert added is not None
    return added


# -- the rule map: what letters and screens cite (issue 20) ----------------------------------


def _map_of(session: Session, version: PolicyVersion) -> RuleMap:
    stored = policy_store.rule_map_rows(session.centre.conn, version.id)
    if stored:
        return rules.from_rows(version.number, stored)
    if version.number == 1:
        # A centre whose version 1 was made before maps: the shipped text maps itself.
        return rules.shipped_map(1, version.text)
    return rules.unmapped(version.number)


def rule_map(session: Session, version_number: int | None = None) -> RuleMap:
    """Which passage of a version (the one in force unless a number is given) states each
    rule; anyone who may read the policy may read this."""
    session.require(Permission.VIEW_POLICY, "read the policy")
    return _map_of(session, _version_numbered(session, version_number))


def citations(session: Session, version_number: int | None = None) -> list[Citation]:
    """Every rule and how a version cites it, in the product's order, for the screen."""
    of = rule_map(session, version_number)
    return [of.citation(r.clause) for r in rules.RULES]


def citation(session: Session, clause: Clause) -> Citation:
    """How a letter or a screen cites a rule under the version in force: its passage,
    quoted and numbered as that version numbers it, or the product's plain words."""
    return _map_of(session, _first_version(session)).citation(clause)


def in_force_words(session: Session, text: str) -> str:
    """A sentence of the product's, its clauses numbered as the version in force numbers
    them ("(clause vi)" becomes "(clause 3.1)"); unchanged under version 1."""
    return rules.relabel(text, _map_of(session, _first_version(session)))


def clause_labels(session: Session) -> dict[Clause, str]:
    """Every rule's label under the version in force ("clause ii", "clause 5.2", or "the
    centre's rule on ..."), read once for a screen that names several."""
    in_force = _map_of(session, _first_version(session))
    return {c: in_force.label(c) for c in Clause}


def map_rules_of_current(
    session: Session, choices: Mapping[Clause, int | None], *, kept_in_force: bool = False
) -> RuleMap:
    """Map the rules of a version in force that was published before maps existed (the
    one case a map is written after publishing); a map, once written, never changes."""
    session.require(Permission.MANAGE_POLICY, "map the rules of the policy")
    version = _first_version(session)
    centre = session.centre
    new_map = _new_map(version.number, version.text, choices, kept_in_force)
    with centre.transaction() as conn:
        if policy_store.rule_map_rows(conn, version.id) or version.number == 1:
            raise InvalidInput(
                f"The rules of version {version.number} are already mapped; "
                "a map changes only with a new version."
            )
        policy_store.insert_rule_map(
            conn,
            version.id,
            rules.to_rows(new_map),
            mapped_by=session.user_name,
            mapped_at=centre.now(),
        )
        session.audit(
            action="policy.rule_map",
            subject=CONFIDENTIALITY.label,
            detail=f"version {version.number}",
        )
    return new_map


def needs_rule_map(session: Session) -> bool:
    """True when the version in force was published before rules were mapped."""
    return not _map_of(session, _first_version(session)).mapped


# -- acknowledgements ---------------------------------------------------------------------


def _may_record(session: Session, group: Group) -> None:
    # A coordinator takes a parent's or a referrer's signature at intake (D44).
    if group is not Group.STAFF and session.can(Permission.EDIT_FAMILIES):
        return
    session.require(
        Permission.MANAGE_POLICY,
        f"record a {group.singular.lower()}'s acknowledgement of the policy",
    )


def record_acknowledgement(
    session: Session,
    group: Group | str,
    *,
    acknowledged_on: date,
    how: HowAcknowledged | str,
    kept_at: str,
    staff_id: int | None = None,
    person_id: int | None = None,
    referrer_name: str = "",
    agency: str = "",
    kind: DocumentKind | str = CONFIDENTIALITY,
) -> Acknowledgement:
    """Someone signed a sheet for the current version: who, when, which paper, where kept."""
    try:
        group, how = Group(group), HowAcknowledged(how)
    except ValueError:
        raise InvalidInput(
            "Choose who signed (staff, parent or referrer) and on which sheet."
        ) from None
    _may_record(session, group)
    kind = _kind(kind)
    version = _needing(session, kind)
    conn = session.centre.conn
    on = checks.not_in_future(acknowledged_on, _today(session), "The date it was signed")
    if on < version.effective_on:
        raise InvalidInput(
            f"That date is before version {version.number} took effect "
            f"({long_date(version.effective_on)}); a sheet signed then was for "
            "an earlier version. Nothing was saved."
        )
    kept = checks.free_text(kept_at, "Where the signed sheet is kept", 200)
    if not kept:
        raise InvalidInput(
            'Say where the signed sheet is kept, for example "staff files, cabinet 2".'
        )
    subject, family_id, name = "", None, ""
    if group is Group.STAFF:
        member = policy_store.staff_member(conn, staff_id) if staff_id is not None else None
        if member is None:
            raise NotFound("That member of staff is not on the system.")
        person_id, name, subject = None, member.full_name, f"staff {staff_id}"
        referrer_name = agency = ""
    elif group is Group.PARENT:
        adult = policy_store.adult(conn, person_id) if person_id is not None else None
        if adult is None:
            raise NotFound("That person is not an adult of a family on the system.")
        staff_id, name = None, adult.full_name
        family_id, subject = adult.family_id, adult.family_reference
        referrer_name = agency = ""
    else:
        staff_id = person_id = None
        referrer_name = checks.name(referrer_name, "The referrer's name")
        agency = checks.name(agency, "The referrer's agency")
        name, subject = referrer_name, agency
    centre = session.centre
    with centre.transaction() as conn:
        if policy_store.already_acknowledged(
            conn,
            version.id,
            group,
            staff_id=staff_id,
            person_id=person_id,
            referrer_name=referrer_name,
            agency=agency,
        ):
            raise InvalidInput(
                f"{name} has already acknowledged version {version.number}; nothing was saved."
            )
        ack_id = policy_store.insert_acknowledgement(
            conn,
            version.id,
            group,
            staff_id=staff_id,
            person_id=person_id,
            referrer_name=referrer_name,
            agency=agency,
            acknowledged_on=on,
            how=how,
            kept_at=kept,
            recorded_by=session.user_name,
            recorded_at=centre.now(),
        )
        if family_id is not None:
            family_store.touch(conn, family_id, centre.now())
        session.audit(
            action="policy.acknowledgement",
            subject=subject,
            detail=f"{group.value}, {kind.label} version {version.number}, {how.value}",
        )
    return policy_store.acknowledgements(centre.conn, version.id, 1, ack_id)[0]


def register(
    session: Session,
    kind: DocumentKind | str = CONFIDENTIALITY,
    limit: int = 500,
    version_number: int | None = None,
) -> tuple[int, list[Acknowledgement]]:
    """Who acknowledged the current version (or an earlier one, whose register stays
    readable after a new version is in force): (how many, the newest `limit` of them)."""
    session.require(Permission.MANAGE_POLICY, "see the acknowledgement register")
    version = _version_numbered(session, version_number, _kind(kind))
    conn = session.centre.conn
    return (
        policy_store.acknowledgement_count(conn, version.id),
        policy_store.acknowledgements(conn, version.id, limit),
    )


def staff_acknowledgements(
    session: Session, members: Sequence[StaffMember]
) -> dict[int, StaffAcknowledgement]:
    """Whether each person has acknowledged the current Confidentiality Policy, and when.

    For the Staff screen: services.staff checks its own permission (VIEW_VETTING) and
    this says only whether and when, not the sheet. Two queries however many people:
    the current version, then every staff acknowledgement of it.
    """
    version = _first_version(session)
    signed = policy_store.staff_acknowledged_on(session.centre.conn, version.id)
    return {
        m.id: StaffAcknowledgement(
            version.number, signed.get(m.id), expected=m.status.value in policy_store.STAFF_STATUSES
        )
        for m in members
    }


_OUTSTANDING = {
    Group.STAFF: policy_store.staff_outstanding,
    Group.PARENT: policy_store.parents_outstanding,
    Group.REFERRER: policy_store.referrers_outstanding,
}


def not_acknowledged(
    session: Session,
    groups: tuple[Group, ...] = tuple(Group),
    *,
    kind: DocumentKind | str = CONFIDENTIALITY,
    limit: int = LIST_LIMIT,
    name_contains: str = "",
) -> dict[Group, GroupOutstanding]:
    """Per group: how many have not acknowledged the current version, and the first of them."""
    session.require(Permission.MANAGE_POLICY, "see who has not acknowledged the policy")
    version = _needing(session, _kind(kind))
    search = " ".join(name_contains.split())[:100]
    found = {}
    for group in groups:
        total, outstanding, listed = _OUTSTANDING[Group(group)](
            session.centre.conn, version.id, max(1, min(limit, 1000)), search
        )
        found[Group(group)] = GroupOutstanding(Group(group), total, outstanding, tuple(listed))
    return found


# -- printed sheets -----------------------------------------------------------------------


def paper_size(session: Session) -> str:
    stored = meta.get_setting(session.centre.conn, PAPER_SIZE_SETTING)
    return stored if stored in PAPER_SIZES else DEFAULT_PAPER_SIZE


def set_paper_size(session: Session, size: str) -> None:
    session.require(Permission.MANAGE_SETTINGS, "change the paper size")
    if size not in PAPER_SIZES:
        raise InvalidInput(f"The paper size is one of {', '.join(PAPER_SIZES)}.")
    before = paper_size(session)
    with session.centre.transaction() as conn:
        meta.put_setting(conn, PAPER_SIZE_SETTING, size)
        session.audit(
            action="setting.paper_size",
            detail=f"paper size: {before} -> {size}",
        )


def acknowledgement_sheet(
    session: Session,
    variant: SheetVariant | str = SheetVariant.GROUP,
    *,
    name: str = "",
    role: str = "",
    rows: int | None = None,
    version_number: int | None = None,
) -> AcknowledgementSheet:
    """A sheet of the current version (or an earlier one) of the Confidentiality Policy."""
    session.require(Permission.VIEW_POLICY, "print the policy")
    try:
        variant = SheetVariant(variant)
    except ValueError:
        raise InvalidInput("Choose a group sheet, a personal sheet or the short form.") from None
    every = versions(session)
    version = (
        every[0]
        if version_number is None
        else next((v for v in every if v.number == version_number), None)
    )
    if version is None:
        raise NotFound(f"There is no version {version_number} of the Confidentiality Policy.")
    signatory = " ".join(name.split())
    if signatory:
        signatory = checks.name(signatory, "The name on the sheet")
    elif variant is SheetVariant.PERSONAL:
        raise InvalidInput("Give the name of the person the sheet is for.")
    signatory_role = checks.free_text(" ".join(role.split()), "The role on the sheet", 100)
    count = GROUP_SHEET_ROWS if variant is SheetVariant.GROUP else 1
    if rows is not None and variant is SheetVariant.GROUP:
        if not 1 <= rows <= MAX_SHEET_ROWS:
            raise InvalidInput(f"A group sheet has 1 to {MAX_SHEET_ROWS} rows.")
        count = rows
    return AcknowledgementSheet(
        centre_name=session.centre_name,
        document=version.document,
        text=version.text,
        variant=variant,
        version_number=version.number,
        effective_on=version.effective_on,
        printed_on=_today(session),
        signatory=signatory if variant is not SheetVariant.GROUP else "",
        signatory_role=signatory_role if variant is not SheetVariant.GROUP else "",
        rows=count,
    )


# -- the start screen -----------------------------------------------------------------------


def policy_alerts(session: Session, today: date) -> list[Alert]:
    """The annual review (from 30 days before it is due) and staff yet to acknowledge."""
    if not session.can(Permission.MANAGE_POLICY):
        return []
    found = []
    for kind in policy_store.kinds(session.centre.conn) or [CONFIDENTIALITY]:
        status = review_status(session, kind, today)
        if status is None:
            continue
        label, number = kind.label, status.version.number
        if status.overdue:
            found.append(
                Alert(
                    URGENT,
                    f"The annual review of the {label} (version {number}) "
                    f"was due on {long_date(status.due_on)} and is overdue. "
                    "Record it on the Policy screen.",
                    POLICY,
                )
            )
        elif status.due_soon:
            days = status.days_left
            when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
            found.append(
                Alert(
                    WARNING,
                    f"The annual review of the {label} (version {number}) "
                    f"is due on {long_date(status.due_on)} ({when}). "
                    "Record it on the Policy screen.",
                    POLICY,
                )
            )
    version = _first_version(session)
    total, outstanding = policy_store.staff_outstanding_count(session.centre.conn, version.id)
    if outstanding:
        late = (today - version.effective_on).days > ACKNOWLEDGE_WITHIN_DAYS
        found.append(
            Alert(
                WARNING if late else INFO,
                f"{outstanding} of {total} staff and volunteers have not "
                f"acknowledged version {version.number} of the Confidentiality "
                "Policy. Print their sheets on the Policy screen.",
                POLICY,
            )
        )
    return found
