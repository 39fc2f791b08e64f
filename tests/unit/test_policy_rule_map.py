"""The policy in force, everywhere (issue 20): each published version maps every rule the
product enforces to the passage that states it; letters, refusals and labels quote and
number the version in force; a rule the version does not state is kept in force and cited
in plain words. Also the pasting of a policy text.

Two texts are used: a centre policy written in the style centres publish (made-up centre,
tests/unit/policy_texts/realistic-centre-policy.txt, with page breaks as a PDF gives them),
and an awkward text of 40 clauses with Welsh letters, curly quotes, dashes and a
4,000-character line.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from stmarys_desktop.domain.clauses import WORDS, Clause
from stmarys_desktop.domain.errors import InvalidInput
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.policy import rule_map as rules
from stmarys_desktop.policy.disclosure import Action, Recipient, RecipientKind, Request
from stmarys_desktop.printing.document import write_pdf
from stmarys_desktop.printing.letters import (
    attendance_letter_paper,
    consent_form_paper,
    proceedings_reply_paper,
)
from stmarys_desktop.printing.policy_text import policy_html, shipped_text
from stmarys_desktop.services import accounts, families, settings
from stmarys_desktop.services import disclosure as out
from stmarys_desktop.services import policy_documents as policy
from stmarys_desktop.services.disclosure import DisclosureRefused
from stmarys_desktop.services.session import Session
from tests.helpers import PASSWORD, pdf_text
from tests.unit.family_helpers import two_parent_family

DAY = date(2026, 10, 1)
TEXTS = Path(__file__).parent / "policy_texts"
REALISTIC = (TEXTS / "realistic-centre-policy.txt").read_text(encoding="utf-8")
# Where the realistic text states each rule; it says nothing of assessments (clause v).
REALISTIC_LABELS = {
    Clause.EXCEPTION_WELFARE: "clause 2.2(a)",
    Clause.EXCEPTION_VIOLENCE: "clause 2.2(b)",
    Clause.I: "clause 2.1",
    Clause.II: "clause 2.3",
    Clause.III: "clause 2.4",
    Clause.IV: "clause 2.5",
    Clause.V: None,
    Clause.VI: "clause 3.1",
    Clause.VII: "clause 4.1",
    Clause.VIII: "clause 4.2",
    Clause.IX: "clause 5.1",
    Clause.REVIEW: "clause 6.1",
}


def flat(text: str) -> str:
    return re.sub(r" ([,.;:)])", r"\1", " ".join(text.split()))


def awkward_text() -> str:
    """40 clauses: Welsh letters (a capital Ŵ or Ŷ opens some), curly quotes, dashes, and
    one clause that is a single 4,000-character line."""
    clauses = []
    for n in range(1, 41):
        opener = ("Ŵyr", "Ŷd", "Gŵr", "Dŷ")[n % 4]
        clauses.append(
            f"{n}. {opener} \u2014 clause {n} of the \u201cawkward\u201d text: "
            f"staff at Canolfan Cyswllt Plant Ŵ\u2019r Ŷnys keep it \u2013 word "
            f"for word \u2013 with the \u2018quotes\u2019 as typed."
        )
    long_line = "41. " + ("Mae\u2019r ganolfan yn cadw pob gair yn ddiogel \u2014 " * 100)
    clauses[19] = "20. " + long_line[4:4004].rstrip()
    return "Canolfan Cyswllt Plant \u2014 Polisi Cyfrinachedd\n\n" + "\n".join(clauses) + "\n"


def at(session: Session, day: date) -> None:
    session.centre.clock = lambda: datetime(day.year, day.month, day.day, 10, 0).astimezone()


@pytest.fixture
def manager_on(manager: Session) -> Session:
    at(manager, DAY)
    policy.record_review(
        manager,
        reviewed_on=DAY,
        reviewed_by="The trustees",
        changes="Adopt the committee's new wording.",
    )
    return manager


@pytest.fixture
def coordinator(manager_on: Session, sign_in_as) -> tuple[Session, int]:
    accounts.create_account(
        manager_on,
        user_name="coord",
        display_name="Nerys Calder",
        roles=[Role.COORDINATOR],
        password=PASSWORD,
    )
    session = sign_in_as("coord")
    at(session, DAY)
    return session, families.create_family(session, two_parent_family()).id


def publish_realistic(session: Session, **kwargs) -> None:
    policy.publish_version(
        session,
        text=REALISTIC,
        effective_on=DAY,
        note="The committee's wording.",
        kept_in_force=True,
        **kwargs,
    )


# -- matching words: the pure part --------------------------------------------------------


@pytest.mark.parametrize("clause", list(Clause), ids=lambda c: c.value)
def test_clause_ix_the_shipped_text_suggests_version_1s_own_passage_for_each_rule(
    clause: Clause,
) -> None:
    suggested = rules.suggest(rules.passages(shipped_text()))[clause]
    assert suggested is not None and flat(suggested.words) == flat(WORDS[clause])


def test_clause_ix_a_policy_in_another_centres_words_is_matched_rule_by_rule() -> None:
    found = rules.passages(REALISTIC.replace("\f", "\n"))
    suggested = rules.suggest(found)
    assert {c: p.label if p else None for c, p in suggested.items()} == REALISTIC_LABELS
    # The title, the date line and the headings ("2. Sharing information") are not rules.
    assert not any(
        p.words.startswith(("Hollins Vale Child Contact Centre\n", "Sharing")) for p in found
    )
    # A paragraph a PDF wrapped over three lines is one passage, in one piece.
    assert suggested[Clause.II].words.startswith("The Centre does not provide reports")
    assert suggested[Clause.II].words.endswith("will not act as witnesses for either party.")


def test_clause_ix_a_map_without_a_passage_for_a_rule_needs_the_centre_to_keep_it() -> None:
    found = rules.passages(REALISTIC)
    choices = {c: p.index if p else None for c, p in rules.suggest(found).items()}
    made = rules.build_map(2, found, choices)
    assert made.without_passage == [Clause.V]
    problem = rules.map_problem(made, kept_in_force=False)
    assert problem and "clause v (assessments on the premises)" in problem
    assert rules.map_problem(made, kept_in_force=True) is None
    with pytest.raises(ValueError):
        rules.build_map(2, found, {**choices, Clause.II: 999})


# -- publishing with the map: kept in the store ---------------------------------------------


def test_clause_v_a_rule_the_new_text_does_not_state_is_never_dropped_silently(
    manager_on: Session,
) -> None:
    with pytest.raises(InvalidInput) as refused:
        policy.publish_version(manager_on, text=REALISTIC, effective_on=DAY)
    assert "no passage for 1 rule" in str(refused.value)
    assert "clause v (assessments on the premises)" in str(refused.value)
    assert "Nothing was published" in str(refused.value)
    assert policy.current_version(manager_on).number == 1

    publish_realistic(manager_on)
    assert policy.current_version(manager_on).number == 2
    stored = policy.rule_map(manager_on)
    assert stored.version_number == 2 and stored.without_passage == [Clause.V]
    assert {c: e.label for c, e in stored.entries.items() if e.has_passage} == {
        c: label for c, label in REALISTIC_LABELS.items() if label
    }
    (detail,) = [
        r[0]
        for r in manager_on.centre.conn.execute(
            "SELECT detail FROM audit WHERE action = 'policy.version' AND detail LIKE 'version 2%'"
        )
    ]
    assert "rules kept in force without a passage: v" in detail
    # Version 1's map stays as it was: each rule under its old name and words.
    first = policy.rule_map(manager_on, 1)
    assert first.citation(Clause.II).label == "clause ii"
    assert first.citation(Clause.II).words == WORDS[Clause.II]


def test_clause_ix_the_manager_picks_another_passage_than_the_one_suggested(
    manager_on: Session,
) -> None:
    suggestions = policy.suggest_rule_map(manager_on, REALISTIC)
    assert suggestions.suggested[Clause.IX] == next(
        p.index for p in suggestions.passages if p.label == "clause 5.1"
    )
    # The manager reads 3.2 (volunteers sign the policy) as the passage for clause ix.
    chosen = next(p.index for p in suggestions.passages if p.label == "clause 3.2")
    publish_realistic(manager_on, rule_map={**suggestions.suggested, Clause.IX: chosen})
    assert policy.citation(manager_on, Clause.IX).label == "clause 3.2"
    assert policy.citation(manager_on, Clause.IX).words.startswith("All volunteers sign")


def test_a_published_map_is_never_changed(manager_on: Session) -> None:
    publish_realistic(manager_on)
    conn = manager_on.centre.conn
    for sql in ("UPDATE policy_rule_map SET label = 'clause 9'", "DELETE FROM policy_rule_map"):
        with pytest.raises(Exception, match="never changed"):
            conn.execute(sql)
    with pytest.raises(InvalidInput, match="already mapped"):
        policy.map_rules_of_current(manager_on, {}, kept_in_force=True)


def test_a_version_published_before_maps_is_cited_in_plain_words_until_mapped(
    manager_on: Session,
) -> None:
    publish_realistic(manager_on)
    version_id = policy.current_version(manager_on).id
    conn = manager_on.centre.conn
    conn.execute("DROP TRIGGER policy_rule_map_refuses_delete")  # as an older centre has it
    conn.execute("DELETE FROM policy_rule_map WHERE version_id = ?", (version_id,))
    assert policy.needs_rule_map(manager_on)
    cited = policy.citation(manager_on, Clause.II)
    assert not cited.quoted and cited.words == rules.rule(Clause.II).plain
    assert cited.label == "the centre's rule on reports in family proceedings"
    suggestions = policy.suggest_rule_map(manager_on, policy.current_version(manager_on).text)
    policy.map_rules_of_current(manager_on, suggestions.suggested, kept_in_force=True)
    assert not policy.needs_rule_map(manager_on)
    assert policy.citation(manager_on, Clause.II).label == "clause 2.3"


# -- letters, refusals and labels quote and number the version in force ----------------------


def test_clause_ii_after_version_2_the_reply_quotes_version_2_and_numbers_its_clauses(
    qapp, coordinator, manager_on: Session, tmp_path: Path
) -> None:
    session, family_id = coordinator
    publish_realistic(manager_on)
    reply = out.request_proceedings_report(session, family_id, "Brackley & Rowe Solicitors")
    text = flat(
        pdf_text(
            write_pdf(
                tmp_path / "reply.pdf",
                proceedings_reply_paper(reply, *settings.letter_sender(session)),
            )
        )
    )
    assert (
        "Our Confidentiality Policy (clause 2.3) says: \u201cThe Centre does not provide "
        "reports or statements for court"
    ) in text
    assert "Staff do not make verbal or written reports" not in text  # version 1's words
    assert "clause ii" not in text and "(clause 2.4)" in text
    for private in ("Hartwell", "Finch", "Carys", "Owen", "07700"):
        assert private not in text


def test_clause_iii_and_iv_the_attendance_letter_and_consent_form_quote_version_2(
    qapp, coordinator, manager_on: Session, tmp_path: Path
) -> None:
    session, family_id = coordinator
    publish_realistic(manager_on)
    letter = out.attendance_letter(
        session, family_id, "Hartwell Finch LLP", deliver=lambda _letter: True
    )
    text = flat(
        pdf_text(
            write_pdf(
                tmp_path / "letter.pdf",
                attendance_letter_paper(letter, *settings.letter_sender(session)),
            )
        )
    )
    assert (
        "(clause 2.4) says: \u201cOn request, the Centre will confirm to the referring "
        "solicitor or agency the dates and times"
    ) in text
    assert "will be made available to referring agencies upon request" not in text
    adult = families.open_family(session, family_id).adults[1]
    form = out.consent_form(
        session, family_id, given_by=adult.id, recipient="Cafcass", items=frozenset({"address"})
    )
    text = flat(
        pdf_text(
            write_pdf(tmp_path / "form.pdf", consent_form_paper(form, settings.letterhead(session)))
        )
    )
    assert "(clause 2.5) says: \u201cWe will never give one parent\u2019s address" in text
    assert "his/her address" not in text


def test_clause_iv_a_refusal_names_the_clause_as_version_2_numbers_it(
    coordinator, manager_on: Session
) -> None:
    session, family_id = coordinator
    adult = families.open_family(session, family_id).adults[0]
    request = Request(
        Action.CONTACT_DETAILS, Recipient("Owen Brackley", RecipientKind.PERSON), adult.id
    )
    assert out.decision_for(session, family_id, request).reason.endswith("(clause iv)")
    publish_realistic(manager_on)
    decision = out.decision_for(session, family_id, request)
    assert not decision.allowed and decision.reason.endswith("(clause 2.5)")
    with pytest.raises(DisclosureRefused, match=r"\(clause 2\.5\)"):
        out.disclose_contact_details(session, family_id, adult.id, "Owen Brackley", "person")


def test_clause_v_a_rule_kept_without_a_passage_is_cited_in_plain_words_never_quoted(
    coordinator, manager_on: Session
) -> None:
    session, family_id = coordinator
    publish_realistic(manager_on)
    cited = policy.citation(session, Clause.V)
    assert not cited.quoted and "\u201c" not in cited.sentence
    assert cited.words == rules.rule(Clause.V).plain
    assert "not in the words of version 2" in cited.sentence
    # The product still enforces the rule, and says so in its own words.
    with pytest.raises(DisclosureRefused) as refused:
        out.book_assessment(session, family_id, "Cafcass")
    assert str(refused.value).endswith("(the centre's rule on assessments on the premises)")


# -- pasting a policy ------------------------------------------------------------------------


def test_pasted_form_feeds_and_old_line_ends_are_made_plain_not_refused(
    manager_on: Session,
) -> None:
    pasted = REALISTIC.replace("\n", "\r")  # an old Mac's line ends, form feeds kept
    assert "\f" in pasted
    policy.publish_version(manager_on, text=pasted, effective_on=DAY, kept_in_force=True)
    kept = policy.current_version(manager_on).text
    assert "\r" not in kept and "\f" not in kept
    assert kept.splitlines()[0] == "Hollins Vale Child Contact Centre"
    assert policy.citation(manager_on, Clause.II).label == "clause 2.3"


@pytest.mark.parametrize(
    ("bad", "line", "column", "kind"),
    [
        ("\x1b", 6, 9, "U+001B, a control character"),
        ("\uf0b7", 6, 9, "U+F0B7, a private-use character"),
        ("\x00", 6, 9, "U+0000, a control character"),
    ],
)
def test_a_refused_character_is_named_with_its_line_and_column(
    manager_on: Session, bad: str, line: int, column: int, kind: str
) -> None:
    lines = REALISTIC.split("\n")
    lines[5] = lines[5][:8] + bad + lines[5][8:]
    with pytest.raises(InvalidInput) as refused:
        policy.publish_version(
            manager_on, text="\n".join(lines), effective_on=DAY, kept_in_force=True
        )
    message = str(refused.value)
    assert f"at line {line}, column {column}: {kind}" in message
    assert policy.current_version(manager_on).number == 1


def test_non_breaking_spaces_are_kept_in_the_text_and_on_the_page(manager_on: Session) -> None:
    text = REALISTIC.replace("Hollins Vale Child", "Hollins\u00a0Vale Child")
    text = text.replace("every year.", "every 12\u00a0months.")
    policy.publish_version(manager_on, text=text, effective_on=DAY, kept_in_force=True)
    kept = policy.current_version(manager_on).text
    assert "Hollins\u00a0Vale" in kept and "12\u00a0months" in kept
    shown = policy_html(kept)
    assert "12\u00a0months" in shown or "12&nbsp;months" in shown
    assert "Hollins\u00a0Vale" in shown or "Hollins&nbsp;Vale" in shown


def test_the_awkward_text_publishes_whole_and_keeps_every_rule(manager_on: Session) -> None:
    awkward = awkward_text()
    assert len(max(awkward.splitlines(), key=len)) >= 4000
    with pytest.raises(InvalidInput, match="no passage for"):
        policy.publish_version(manager_on, text=awkward, effective_on=DAY)
    policy.publish_version(manager_on, text=awkward, effective_on=DAY, kept_in_force=True)
    kept = policy.current_version(manager_on).text
    assert kept == awkward  # every letter, quote and dash as pasted
    found = rules.passages(kept)
    assert [p.label for p in found] == [f"clause {n}" for n in range(1, 41)]
    assert len(found[19].words) > 3900
    # Whatever the text says, every rule is still enforced and cited.
    labels = policy.clause_labels(manager_on)
    assert set(labels) == set(Clause)


# -- the product's own sentences, numbered as the version in force numbers them --------------


def test_the_products_sentences_name_clauses_as_the_version_in_force_numbers_them() -> None:
    sentence = (
        "Not cleared (clause vi); exception (clause 4, exception b); see clause 4; "
        "clause viii, clause iv and clause v; clause 4.2 is the new text's own."
    )
    first = rules.shipped_map(1, shipped_text())
    assert rules.relabel(sentence, first) == sentence  # version 1: as written
    found = rules.passages(REALISTIC)
    second = rules.build_map(
        2, found, {c: p.index if p else None for c, p in rules.suggest(found).items()}
    )
    assert rules.relabel(sentence, second) == (
        "Not cleared (clause 3.1); exception (clause 2.2(b)); see clause 2.2; clause 4.2, "
        "clause 2.5 and the centre's rule on assessments on the premises; clause 4.2 is the "
        "new text's own."
    )


def test_clause_vi_a_vetting_refusal_and_the_alerts_number_version_2s_clauses(
    manager_on: Session,
) -> None:
    from stmarys_desktop.domain.staff import NewStaff
    from stmarys_desktop.services import staff
    from stmarys_desktop.services.alerts import alerts

    member = staff.add_staff(manager_on, NewStaff("Gwoul Thiarrow", "volunteer"))
    with pytest.raises(InvalidInput, match=r"\(clause vi\)"):
        staff.set_status(manager_on, member.id, member.version, "active")
    with manager_on.centre.transaction() as conn:  # a centre moved over from paper records
        conn.execute(
            "INSERT INTO staff (full_name, centre_role, status, last_used_at)"
            " VALUES ('Dritha Snaelowe', 'volunteer', 'active', ?)",
            (manager_on.centre.now(),),
        )
    assert "active but not cleared to work with families (clause vi)" in " ".join(
        a.text for a in alerts(manager_on, DAY)
    )
    publish_realistic(manager_on)
    with pytest.raises(InvalidInput) as refused:
        staff.set_status(manager_on, member.id, member.version, "active")
    assert "(clause 3.1)" in str(refused.value) and "clause vi" not in str(refused.value)
    texts = " ".join(a.text for a in alerts(manager_on, DAY))
    assert "active but not cleared to work with families (clause 3.1)" in texts
    assert "clause vi" not in texts


def test_clause_viii_the_disposal_certificate_quotes_the_version_in_force(
    qapp, coordinator, manager_on: Session, tmp_path: Path
) -> None:
    from stmarys_desktop.printing.disposal import disposal_certificate_paper
    from stmarys_desktop.services import retention

    session, _family_id = coordinator
    at(session, date(2022, 6, 1))
    old = families.create_family(
        session, two_parent_family(resident="Alys Tregear", referred_on=date(2022, 6, 1))
    )
    publish_realistic(manager_on)
    found = retention.review(manager_on, date(2026, 10, 1))
    certificate = retention.dispose(
        manager_on, as_of=found.as_of, family_ids=[old.id], staff_ids=[], manager_password=PASSWORD
    )
    text = flat(
        pdf_text(write_pdf(tmp_path / "certificate.pdf", disposal_certificate_paper(certificate)))
    )
    assert (
        "Our Confidentiality Policy (clause 4.2) says: \u201cRecords relating to families "
        "and volunteers that have not been used for three years are shredded"
    ) in text
    assert "will be treated as confidential waste" not in text  # version 1's words
