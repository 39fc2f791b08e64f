"""policy.decide: every clause's allowed path and refused paths, with random facts too."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.decisions import Basis
from stmarys_desktop.domain.incidents import ExceptionKind
from stmarys_desktop.policy.disclosure import (
    SHARE_ITEMS,
    Action,
    AgreementFact,
    AuthorityFact,
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
CHILDRENS_SERVICES = Recipient(
    "Westshire Children's Services", RecipientKind.CHILDRENS_SERVICES, authority_id=1
)
POLICE = Recipient("Westshire Police", RecipientKind.POLICE, authority_id=2)
# The manager's list of authorities (clause 4): the only recipients under an exception.
AUTHORITIES = (
    AuthorityFact(1, "Westshire Children's Services", RecipientKind.CHILDRENS_SERVICES),
    AuthorityFact(2, "Westshire Police", RecipientKind.POLICE),
)


def facts(**kw) -> Facts:
    base = {
        "today": TODAY,
        "family_id": 7,
        "referrer": "Hartwell Finch LLP",
        "adults": ADULTS,
        "authorities": AUTHORITIES,
        "members": ("Ivy Brackley",),
    }
    return Facts(**{**base, **kw})


def consent(**kw) -> ConsentFact:
    base = {
        "id": 3,
        "given_by": DAD,
        "recipient": "Hartwell Finch LLP",
        "items": frozenset({"address", "telephone"}),
        "signed_on": date(2026, 10, 1),
    }
    return ConsentFact(**{**base, **kw})


def details(recipient=SOLICITOR, about=DAD, items=("address",)) -> Request:
    return Request(Action.CONTACT_DETAILS, recipient, about, frozenset(items))


# -- clause ii -------------------------------------------------------------------------


def test_clause_ii_a_report_for_proceedings_is_always_refused() -> None:
    everything = facts(
        consents=(consent(),),
        exceptions=(ExceptionFact(1, "welfare", TODAY),),
        agreements=(AgreementFact(1, "Hartwell Finch LLP", None, TODAY, TODAY),),
    )
    for recipient in (SOLICITOR, CHILDRENS_SERVICES, POLICE):
        decision = decide(Request(Action.PROCEEDINGS_REPORT, recipient), everything)
        assert not decision.allowed and decision.clause is Clause.II
        assert "no verbal or written report" in decision.sentence


# -- clause i --------------------------------------------------------------------------


def test_clause_i_there_is_no_export_and_internal_printouts_are_marked() -> None:
    assert decide(Request(Action.EXPORT, SOLICITOR), facts()).clause is Clause.I
    assert not decide(Request(Action.EXPORT, SOLICITOR), facts()).allowed
    printout = decide(
        Request(Action.INTERNAL_PRINTOUT, Recipient("centre", RecipientKind.PERSON)), facts()
    )
    assert printout.allowed and "not to leave the centre" in printout.sentence


# -- clause iii ------------------------------------------------------------------------


def test_clause_iii_attendance_goes_to_the_referrer_however_it_is_typed() -> None:
    typed = Recipient("  hartwell  FINCH llp ", RecipientKind.AGENCY)
    decision = decide(Request(Action.ATTENDANCE_LETTER, typed), facts())
    assert decision.allowed and decision.clause is Clause.III
    assert decision.grounds == "referrer rule"


def test_clause_iii_anyone_else_is_refused() -> None:
    other = Recipient("Brackley & Rowe Solicitors", RecipientKind.AGENCY)
    decision = decide(Request(Action.ATTENDANCE_LETTER, other), facts())
    assert not decision.allowed and "only to the family's referring agency" in decision.sentence
    no_referrer = decide(Request(Action.ATTENDANCE_LETTER, SOLICITOR), facts(referrer=None))
    assert not no_referrer.allowed and "no referring agency" in no_referrer.sentence


# -- clause iv -------------------------------------------------------------------------


def test_clause_iv_a_matching_written_consent_allows_exactly_its_items() -> None:
    decision = decide(details(), facts(consents=(consent(),)))
    assert decision.allowed and decision.grounds == "consent 3" and decision.clause is Clause.IV


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


def test_clause_iv_a_consent_holds_all_of_its_last_day_and_not_the_next() -> None:
    """The end date is the last day a consent holds (D105), and the refusal says so."""
    ends_today = facts(consents=(consent(expires_on=TODAY),))
    assert decide(details(), ends_today).allowed
    next_day = decide(
        details(), facts(today=TODAY + timedelta(1), consents=(consent(expires_on=TODAY),))
    )
    assert not next_day.allowed
    assert "has ended: its last day was 02 December 2026" in next_day.sentence
    assert "expired on" not in next_day.sentence


def test_clause_iv_expired_withdrawn_and_uncovered_consent_are_refused() -> None:
    expired = decide(details(), facts(consents=(consent(expires_on=TODAY - timedelta(1)),)))
    assert not expired.allowed and "its last day was 01 December 2026" in expired.sentence
    withdrawn = decide(details(), facts(consents=(consent(withdrawn_on=TODAY),)))
    assert not withdrawn.allowed and "withdrawn on 02 December 2026" in withdrawn.sentence
    partial = decide(
        details(items=("address", "telephone")),
        facts(consents=(consent(items=frozenset({"address"})),)),
    )
    assert not partial.allowed and "does not cover the telephone" in partial.sentence


def test_clause_4_one_route_contact_details_under_an_exception_go_only_through_the_share() -> None:
    """Under an exception, "Disclose contact details" is not a second way to the police
    (D101): it refuses and names the share, which has its own permission and record."""
    open_exception = facts(exceptions=(ExceptionFact(9, "welfare", TODAY - timedelta(3)),))
    for recipient in (
        CHILDRENS_SERVICES,
        POLICE,
        Recipient("Westshire Police", RecipientKind.POLICE),
    ):
        refused = decide(details(recipient=recipient), open_exception)
        assert not refused.allowed and refused.clause is Clause.EXCEPTION_WELFARE
        assert 'only through "Share with Children\'s Services / police"' in refused.sentence
    assert not decide(details(recipient=SOLICITOR), open_exception).allowed
    share = Request(Action.SHARE_WITH_AUTHORITIES, POLICE, DAD, frozenset({"telephone"}))
    assert decide(share, open_exception).grounds == "exception 9"


# -- clause 4, exceptions a and b ------------------------------------------------------


def test_clause_4a_an_open_welfare_exception_allows_sharing_with_the_authorities() -> None:
    open_exception = facts(exceptions=(ExceptionFact(9, "welfare", TODAY - timedelta(3)),))
    decision = decide(
        Request(Action.SHARE_WITH_AUTHORITIES, CHILDRENS_SERVICES, items=frozenset({"concern"})),
        open_exception,
    )
    assert decision.allowed and decision.clause is Clause.EXCEPTION_WELFARE


def test_clause_4b_an_open_violence_exception_allows_sharing_with_the_police() -> None:
    open_exception = facts(exceptions=(ExceptionFact(9, "violence", TODAY - timedelta(3)),))
    decision = decide(
        Request(Action.SHARE_WITH_AUTHORITIES, POLICE, items=frozenset({"concern"})), open_exception
    )
    assert decision.allowed and decision.clause is Clause.EXCEPTION_VIOLENCE


def test_clause_4_an_exception_of_a_kind_clause_4_does_not_name_is_refused_not_taken_for_4b() -> (
    None
):
    """Clause 4 names two kinds of exception. A kind it does not name (a typing slip, a
    stored value from elsewhere) is an error, where it used to count as violence."""
    with pytest.raises(ValueError):
        ExceptionFact(9, "flood", TODAY)
    assert ExceptionFact(9, "violence", TODAY).kind is ExceptionKind.VIOLENCE


def test_clause_4a_a_recipient_must_be_a_real_authority_on_the_centres_list() -> None:
    """A kind picked from a menu, a typed name, a family member's name or an authority
    taken off the list never makes an authority (the self-declared "police")."""
    open_exception = facts(exceptions=(ExceptionFact(9, "welfare", TODAY - timedelta(3)),))

    def share(recipient: Recipient, f: Facts = open_exception):
        return decide(
            Request(Action.SHARE_WITH_AUTHORITIES, recipient, DAD, frozenset({"address"})), f
        )

    refused = [
        Recipient("Owen Brackley", RecipientKind.POLICE),  # the father, as "police"
        Recipient("Owen Brackley", RecipientKind.CHILDRENS_SERVICES),
        Recipient("Westshire Police", RecipientKind.POLICE),  # typed, not chosen
        Recipient("Westshire Police", RecipientKind.CHILDRENS_SERVICES, authority_id=2),
        Recipient("Owen Brackley", RecipientKind.POLICE, authority_id=2),
        Recipient("Westshire Police", RecipientKind.POLICE, authority_id=99),
    ]
    for recipient in refused:
        decision = share(recipient)
        assert not decision.allowed, recipient
        assert "on the centre's list of authorities" in decision.sentence
    assert share(POLICE).allowed
    taken_off = facts(exceptions=open_exception.exceptions, authorities=AUTHORITIES[:1])
    assert not share(POLICE, taken_off).allowed
    # A list entry that is the name of someone in the family is never an authority.
    family_name = facts(
        exceptions=open_exception.exceptions,
        authorities=(AuthorityFact(5, "Ivy Brackley", RecipientKind.POLICE),),
    )
    assert not share(Recipient("Ivy Brackley", RecipientKind.POLICE, 5), family_name).allowed
    empty = decide(
        Request(Action.SHARE_WITH_AUTHORITIES, POLICE, items=frozenset({"concern"})),
        facts(exceptions=open_exception.exceptions, authorities=()),
    )
    assert not empty.allowed and "list of authorities is empty" in empty.sentence


def test_clause_4_no_exception_a_closed_one_or_another_recipient_is_refused() -> None:
    share = Request(Action.SHARE_WITH_AUTHORITIES, CHILDRENS_SERVICES)
    assert "no open exception" in decide(share, facts()).sentence
    closed = facts(exceptions=(ExceptionFact(9, "welfare", date(2026, 1, 1), TODAY),))
    assert "was closed on 02 December 2026" in decide(share, closed).sentence
    open_exception = facts(exceptions=(ExceptionFact(9, "welfare", TODAY),))
    assert not decide(Request(Action.SHARE_WITH_AUTHORITIES, SOLICITOR), open_exception).allowed
    for items in (frozenset(), frozenset({"everything"})):
        assert not decide(
            Request(Action.SHARE_WITH_AUTHORITIES, POLICE, items=items), open_exception
        ).allowed
    no_one = Request(Action.SHARE_WITH_AUTHORITIES, POLICE, items=frozenset({"telephone"}))
    assert "whose contact details" in decide(no_one, open_exception).sentence


# -- clause v --------------------------------------------------------------------------


def test_clause_v_an_agreement_in_force_allows_an_assessment() -> None:
    general = AgreementFact(2, "Cafcass", None, date(2026, 1, 1), date(2026, 12, 31))
    decision = decide(
        Request(Action.ASSESSMENT_ON_PREMISES, Recipient("CAFCASS", RecipientKind.AGENCY)),
        facts(agreements=(general,)),
    )
    assert decision.allowed and decision.grounds == "agreement 2"


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
names = st.sampled_from(
    [
        "Hartwell Finch LLP",
        "hartwell finch llp",
        "Carys Dunford",
        "Westshire Police",
        "Owen Brackley",
        "Cafcass",
        "",
    ]
)
consents = st.builds(
    ConsentFact,
    id=st.integers(1, 50),
    given_by=st.sampled_from([MUM, DAD, 3]),
    recipient=names,
    items=st.frozensets(st.sampled_from(["address", "telephone", "email"])),
    signed_on=days,
    expires_on=st.none() | days,
    withdrawn_on=st.none() | days,
)
exceptions = st.builds(
    ExceptionFact,
    id=st.integers(1, 50),
    kind=st.sampled_from(["welfare", "violence"]),
    opened_on=days,
    closed_on=st.none() | days,
)
random_facts = st.builds(
    Facts,
    today=days,
    family_id=st.just(7),
    referrer=st.none() | names,
    adults=st.just(ADULTS),
    consents=st.tuples(consents, consents),
    exceptions=st.lists(exceptions, max_size=2).map(tuple),
)
recipients = st.builds(Recipient, name=names, kind=st.sampled_from(list(RecipientKind)))


@settings(max_examples=400, deadline=None)
@given(
    random_facts,
    recipients,
    st.sampled_from([MUM, DAD]),
    st.frozensets(st.sampled_from(["address", "telephone"]), min_size=1),
)
def test_contact_details_never_go_without_a_matching_consent(
    f: Facts, recipient: Recipient, about: int, items: frozenset[str]
) -> None:
    decision = decide(Request(Action.CONTACT_DETAILS, recipient, about, items), f)
    if not decision.allowed:
        return
    assert decision.basis is not Basis.EXCEPTION  # one route under an exception
    matching = [
        c
        for c in f.consents
        if c.id == decision.basis_id
        and c.given_by == about
        and same_name(c.recipient, recipient.name)
        and items <= c.items
        and c.signed_on <= f.today
        and (c.expires_on is None or c.expires_on >= f.today)
        and (c.withdrawn_on is None or c.withdrawn_on > f.today)
    ]
    assert matching, decision


@settings(max_examples=200, deadline=None)
@given(random_facts, recipients)
def test_no_decision_ever_allows_a_report_for_proceedings(f: Facts, recipient: Recipient):
    assert not decide(Request(Action.PROCEEDINGS_REPORT, recipient), f).allowed


authority_lists = st.lists(
    st.builds(
        AuthorityFact,
        id=st.integers(1, 6),
        name=st.sampled_from(
            [
                "Westshire Police",
                "Westshire Children's Services",
                "Owen Brackley",
                "Ivy Brackley",
                "Fernby Police",
            ]
        ),
        kind=st.sampled_from(list(RecipientKind)),
    ),
    max_size=3,
).map(tuple)
any_recipient = st.builds(
    Recipient,
    name=st.sampled_from(
        [
            "Westshire Police",
            "westshire police",
            "Westshire Children's Services",
            "Owen Brackley",
            "Carys Dunford",
            "Ivy Brackley",
            "Fernby Police",
            "Hartwell Finch LLP",
            "",
        ]
    ),
    kind=st.sampled_from(list(RecipientKind)),
    authority_id=st.none() | st.integers(1, 7),
)
facts_with_lists = st.builds(
    Facts,
    today=days,
    family_id=st.just(7),
    referrer=st.none() | names,
    adults=st.just(ADULTS),
    consents=st.tuples(consents, consents),
    exceptions=st.lists(exceptions, min_size=1, max_size=2).map(tuple),
    authorities=authority_lists,
    members=st.just(("Ivy Brackley",)),
)


@settings(max_examples=600, deadline=None)
@given(
    facts_with_lists,
    st.sampled_from(list(Action)),
    any_recipient,
    st.none() | st.sampled_from([MUM, DAD, 3]),
    st.frozensets(st.sampled_from([*SHARE_ITEMS, "email"]), max_size=3),
)
def test_clause_4_under_any_exception_nothing_reaches_a_recipient_not_on_the_authority_list(
    f: Facts, action: Action, recipient: Recipient, about: int | None, items: frozenset[str]
) -> None:
    """Whatever the facts and the request: what goes out on the strength of an exception
    goes to an authority on the list, chosen from it (by its entry), of the listed kind and
    name, and never to anyone in the family."""
    decision = decide(Request(action, recipient, about, items), f)
    on_list = [
        a
        for a in f.authorities
        if a.id == recipient.authority_id
        and a.kind == recipient.kind
        and a.kind.is_authority
        and same_name(a.name, recipient.name)
        and not any(same_name(a.name, m) for m in (*ADULTS.values(), *f.members))
    ]
    if decision.allowed and decision.basis is Basis.EXCEPTION:
        assert on_list, (recipient, f.authorities)
    if action is Action.SHARE_WITH_AUTHORITIES and not on_list:
        assert not decision.allowed
