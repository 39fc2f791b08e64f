"""policy.decide: every clause's allowed path and refused paths, with random facts too."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from stmarys_desktop.policy.clauses import Clause
from stmarys_desktop.policy.disclosure import (
    Action,
    AgreementFact,
    ConsentFact,
    ExceptionFact,
    Facts,
    Recipient,
    RecipientKind,
    Request,
    decide,
    same_name,
)

TODAY = date(2026, 12, 2)
MUM, DAD = 1, 2
ADULTS = {MUM: "Carys Dunford", DAD: "Owen Brackley"}
SOLICITOR = Recipient("Hartwell Finch LLP", RecipientKind.AGENCY)
CHILDRENS_SERVICES = Recipient("Westshire Children's Services", RecipientKind.CHILDRENS_SERVICES)
POLICE = Recipient("Westshire Police", RecipientKind.POLICE)


def facts(**kw) -> Facts:
    base = {"today": TODAY, "family_id": 7, "referrer": "Hartwell Finch LLP", "adults": ADULTS}
    return Facts(**{**base, **kw})


def consent(**kw) -> ConsentFact:
    base = {"id": 3, "given_by": DAD, "recipient": "Hartwell Finch LLP",
            "items": frozenset({"address", "telephone"}), "signed_on": date(2026, 10, 1)}
    return ConsentFact(**{**base, **kw})


def details(recipient=SOLICITOR, about=DAD, items=("address",)) -> Request:
    return Request(Action.CONTACT_DETAILS, recipient, about, frozenset(items))


# -- clause ii -------------------------------------------------------------------------

def test_clause_ii_a_report_for_proceedings_is_always_refused() -> None:
    everything = facts(consents=(consent(),), exceptions=(ExceptionFact(1, "welfare", TODAY),),
                       agreements=(AgreementFact(1, "Hartwell Finch LLP", None, TODAY, TODAY),))
    for recipient in (SOLICITOR, CHILDRENS_SERVICES, POLICE):
        decision = decide(Request(Action.PROCEEDINGS_REPORT, recipient), everything)
        assert not decision.allowed and decision.clause is Clause.II
        assert "no verbal or written report" in decision.sentence


# -- clause i --------------------------------------------------------------------------

def test_clause_i_there_is_no_export_and_internal_printouts_are_marked() -> None:
    assert decide(Request(Action.EXPORT, SOLICITOR), facts()).clause is Clause.I
    assert not decide(Request(Action.EXPORT, SOLICITOR), facts()).allowed
    printout = decide(Request(Action.INTERNAL_PRINTOUT, Recipient("centre", RecipientKind.PERSON)),
                      facts())
    assert printout.allowed and "not to leave the centre" in printout.sentence


# -- clause iii ------------------------------------------------------------------------

def test_clause_iii_attendance_goes_to_the_referrer_however_it_is_typed() -> None:
    typed = Recipient("  hartwell  FINCH llp ", RecipientKind.AGENCY)
    decision = decide(Request(Action.ATTENDANCE_LETTER, typed), facts())
    assert decision.allowed and decision.clause is Clause.III
    assert decision.basis == "referrer rule"


def test_clause_iii_anyone_else_is_refused() -> None:
    other = Recipient("Brackley & Rowe Solicitors", RecipientKind.AGENCY)
    decision = decide(Request(Action.ATTENDANCE_LETTER, other), facts())
    assert not decision.allowed and "only to the family's referring agency" in decision.sentence
    no_referrer = decide(Request(Action.ATTENDANCE_LETTER, SOLICITOR), facts(referrer=None))
    assert not no_referrer.allowed and "no referring agency" in no_referrer.sentence


# -- clause iv -------------------------------------------------------------------------

def test_clause_iv_a_matching_written_consent_allows_exactly_its_items() -> None:
    decision = decide(details(), facts(consents=(consent(),)))
    assert decision.allowed and decision.basis == "consent 3" and decision.clause is Clause.IV


def test_clause_iv_no_consent_is_refused() -> None:
    decision = decide(details(), facts())
    assert not decision.allowed and "no written consent from Owen Brackley" in decision.sentence


def test_clause_iv_one_parents_consent_never_covers_the_others_details() -> None:
    decision = decide(details(about=MUM), facts(consents=(consent(given_by=DAD),)))
    assert not decision.allowed and "given by another adult" in decision.sentence


def test_clause_iv_consent_to_a_different_recipient_is_refused() -> None:
    other = Recipient("Brackley & Rowe Solicitors", RecipientKind.AGENCY)
    decision = decide(details(recipient=other), facts(consents=(consent(),)))
    assert not decision.allowed and "names Hartwell Finch LLP, not Brackley" in decision.sentence


def test_clause_iv_the_former_partner_needs_consent_naming_them() -> None:
    partner = Recipient("Carys Dunford", RecipientKind.PERSON)
    assert not decide(details(recipient=partner), facts(consents=(consent(),))).allowed
    named = consent(id=4, recipient="carys  dunford")
    assert decide(details(recipient=partner), facts(consents=(named,))).allowed


def test_clause_iv_expired_withdrawn_and_uncovered_consent_are_refused() -> None:
    expired = decide(details(), facts(consents=(consent(expires_on=TODAY - timedelta(1)),)))
    assert not expired.allowed and "expired on 01 December 2026" in expired.sentence
    withdrawn = decide(details(), facts(consents=(consent(withdrawn_on=TODAY),)))
    assert not withdrawn.allowed and "withdrawn on 02 December 2026" in withdrawn.sentence
    partial = decide(details(items=("address", "telephone")),
                     facts(consents=(consent(items=frozenset({"address"})),)))
    assert not partial.allowed and "does not cover the telephone" in partial.sentence


def test_clause_iv_an_open_exception_allows_details_to_the_authorities_only() -> None:
    open_exception = facts(exceptions=(ExceptionFact(9, "welfare", TODAY - timedelta(3)),))
    assert decide(details(recipient=CHILDRENS_SERVICES), open_exception).basis == "exception 9"
    assert decide(details(recipient=POLICE), open_exception).allowed
    assert not decide(details(recipient=SOLICITOR), open_exception).allowed


# -- clause 4, exceptions a and b ------------------------------------------------------

def test_clause_4a_an_open_welfare_exception_allows_sharing_with_the_authorities() -> None:
    open_exception = facts(exceptions=(ExceptionFact(9, "welfare", TODAY - timedelta(3)),))
    decision = decide(Request(Action.SHARE_WITH_AUTHORITIES, CHILDRENS_SERVICES), open_exception)
    assert decision.allowed and decision.clause is Clause.EXCEPTION_WELFARE


def test_clause_4b_an_open_violence_exception_allows_sharing_with_the_police() -> None:
    open_exception = facts(exceptions=(ExceptionFact(9, "violence", TODAY - timedelta(3)),))
    decision = decide(Request(Action.SHARE_WITH_AUTHORITIES, POLICE), open_exception)
    assert decision.allowed and decision.clause is Clause.EXCEPTION_VIOLENCE


def test_clause_4_no_exception_a_closed_one_or_another_recipient_is_refused() -> None:
    share = Request(Action.SHARE_WITH_AUTHORITIES, CHILDRENS_SERVICES)
    assert "no open exception" in decide(share, facts()).sentence
    closed = facts(exceptions=(ExceptionFact(9, "welfare", date(2026, 1, 1), TODAY),))
    assert "was closed on 02 December 2026" in decide(share, closed).sentence
    open_exception = facts(exceptions=(ExceptionFact(9, "welfare", TODAY),))
    assert not decide(Request(Action.SHARE_WITH_AUTHORITIES, SOLICITOR), open_exception).allowed


# -- clause v --------------------------------------------------------------------------

def test_clause_v_an_agreement_in_force_allows_an_assessment() -> None:
    general = AgreementFact(2, "Cafcass", None, date(2026, 1, 1), date(2026, 12, 31))
    decision = decide(Request(Action.ASSESSMENT_ON_PREMISES, Recipient("CAFCASS",
                                                                       RecipientKind.AGENCY)),
                      facts(agreements=(general,)))
    assert decision.allowed and decision.basis == "agreement 2"


def test_clause_v_no_agreement_or_an_out_of_date_one_or_another_family_is_refused() -> None:
    cafcass = Request(Action.ASSESSMENT_ON_PREMISES, Recipient("Cafcass", RecipientKind.AGENCY))
    assert "no agreement" in decide(cafcass, facts()).sentence
    ended = AgreementFact(2, "Cafcass", None, date(2025, 1, 1), date(2025, 12, 31))
    assert "ended on 31 December 2025" in decide(cafcass, facts(agreements=(ended,))).sentence
    other_family = AgreementFact(3, "Cafcass", 8, date(2026, 1, 1), date(2026, 12, 31))
    assert not decide(cafcass, facts(agreements=(other_family,))).allowed


def test_recipient_names_match_whatever_the_spelling_of_case_spaces_and_accents() -> None:
    assert same_name("Westshire Children's Services", "westshire childrens  services")
    assert same_name("Zoë Haddad", "ZOE HADDAD")
    assert not same_name("Hartwell Finch", "Hartwell Finch Two")
    assert not same_name("", "   ")


# -- properties over random facts -------------------------------------------------------

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
names = st.sampled_from(["Hartwell Finch LLP", "hartwell finch llp", "Carys Dunford",
                         "Westshire Police", "Owen Brackley", "Cafcass", ""])
consents = st.builds(ConsentFact, id=st.integers(1, 50), given_by=st.sampled_from([MUM, DAD, 3]),
                     recipient=names, items=st.frozensets(st.sampled_from(
                         ["address", "telephone", "email"])), signed_on=days,
                     expires_on=st.none() | days, withdrawn_on=st.none() | days)
exceptions = st.builds(ExceptionFact, id=st.integers(1, 50),
                       kind=st.sampled_from(["welfare", "violence"]), opened_on=days,
                       closed_on=st.none() | days)
random_facts = st.builds(Facts, today=days, family_id=st.just(7), referrer=st.none() | names,
                         adults=st.just(ADULTS), consents=st.tuples(consents, consents),
                         exceptions=st.lists(exceptions, max_size=2).map(tuple))
recipients = st.builds(Recipient, name=names, kind=st.sampled_from(list(RecipientKind)))


@settings(max_examples=400, deadline=None)
@given(random_facts, recipients, st.sampled_from([MUM, DAD]),
       st.frozensets(st.sampled_from(["address", "telephone"]), min_size=1))
def test_contact_details_never_go_without_a_matching_consent_or_open_exception(
        f: Facts, recipient: Recipient, about: int, items: frozenset[str]) -> None:
    decision = decide(Request(Action.CONTACT_DETAILS, recipient, about, items), f)
    if not decision.allowed:
        return
    if decision.basis.startswith("exception"):
        assert recipient.kind.is_authority
        assert any(e.id == decision.basis_id and e.open_on(f.today) for e in f.exceptions)
    else:
        matching = [c for c in f.consents if c.id == decision.basis_id and c.given_by == about
                    and same_name(c.recipient, recipient.name) and items <= c.items
                    and c.signed_on <= f.today
                    and (c.expires_on is None or c.expires_on >= f.today)
                    and (c.withdrawn_on is None or c.withdrawn_on > f.today)]
        assert matching, decision


@settings(max_examples=200, deadline=None)
@given(random_facts, recipients)
def test_no_decision_ever_allows_a_report_for_proceedings(f: Facts, recipient: Recipient):
    assert not decide(Request(Action.PROCEEDINGS_REPORT, recipient), f).allowed
