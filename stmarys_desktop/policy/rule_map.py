"""Which passage of a policy version states each rule the product enforces (issue 20).

The product enforces twelve rules (clause 4's two exceptions, i to ix and the
annual review) whatever words a version uses. When a version is published the
manager maps each rule to the passage of the new text that states it; this
module splits a text into passages, suggests the passage for each rule by
matching words, checks a map is complete, and says how a rule is cited: as a
quote of its passage, numbered as the version numbers it, or, for a rule the
version does not state, in the product's plain words (never as a quote).

Pure: text and choices in, passages, suggestions and citations out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from stmarys_desktop.domain.clauses import WORDS, Clause
from stmarys_desktop.domain.policy_documents import RuleMapRow


@dataclass(frozen=True)
class Rule:
    clause: Clause
    topic: str  # "reports in family proceedings": the rule's name in the product's words
    plain: str  # the rule in the product's plain words
    keywords: tuple[str, ...]  # word stems (or phrases) that a passage stating it uses


RULES: tuple[Rule, ...] = (
    Rule(
        Clause.EXCEPTION_WELFARE,
        "concerns about a child's welfare",
        "A concern about a child's welfare, confirmed by the safeguarding lead, may be "
        "passed to Children's Services and/or the police, and to no one else.",
        (
            "welfare",
            "child",
            "children's services",
            "police",
            "safeguard",
            "harm",
            "risk",
            "concern",
        ),
    ),
    Rule(
        Clause.EXCEPTION_VIOLENCE,
        "concerns about violence",
        "A concern about physical violence to a user or a member of staff may be passed to "
        "Children's Services and/or the police, and to no one else.",
        ("violen", "physical", "threat", "aggress", "assault", "staff", "user", "concern"),
    ),
    Rule(
        Clause.I,
        "keeping family details inside the centre",
        "Nothing about a family is discussed or disclosed outside the centre, except as "
        "this policy allows.",
        ("discuss", "disclos", "outside", "detail", "famil", "confidential", "share"),
    ),
    Rule(
        Clause.II,
        "reports in family proceedings",
        "Staff make no verbal or written report in any family proceedings.",
        ("report", "proceeding", "court", "statement", "verbal", "written", "evidence", "witness"),
    ),
    Rule(
        Clause.III,
        "attendance dates for the referrer",
        "The dates and times of a family's attendance go to its referring agency on request.",
        ("date", "time", "attend", "referr", "request", "available"),
    ),
    Rule(
        Clause.IV,
        "a parent's contact details",
        "A parent's address and telephone number go to no other person (the former partner "
        "included) or agency without that parent's written permission.",
        (
            "address",
            "telephone",
            "phone",
            "contact detail",
            "permission",
            "consent",
            "partner",
            "parent",
        ),
    ),
    Rule(
        Clause.V,
        "assessments on the premises",
        "No individual or agency carries out a family assessment on the premises unless an "
        "agreement allows it.",
        ("assess", "premises", "agreement", "solicitor", "cafcass", "social worker", "observ"),
    ),
    Rule(
        Clause.VI,
        "DBS checks before taking up post",
        "Nobody takes up post at the centre before their DBS check has been done.",
        (
            "dbs",
            "disclosure and barring",
            "check",
            "vett",
            "post",
            "recruit",
            "volunteer",
            "criminal record",
        ),
    ),
    Rule(
        Clause.VII,
        "keeping information secure",
        "All information about families and staff is kept in a secure place.",
        ("secure", "lock", "safe", "kept", "store", "password", "encrypt"),
    ),
    Rule(
        Clause.VIII,
        "disposal after three years",
        "Information about families and staff not used for three years is disposed of as "
        "confidential waste; the accident book is kept indefinitely.",
        (
            "three years",
            "3 years",
            "confidential waste",
            "dispos",
            "destroy",
            "shred",
            "accident book",
            "retain",
            "retention",
            "indefinite",
        ),
    ),
    Rule(
        Clause.IX,
        "making the policy known",
        "Users, referrers and staff are made aware of this policy and can see it on request.",
        ("aware", "access", "copy", "available", "request", "user", "referr", "existence"),
    ),
    Rule(
        Clause.REVIEW,
        "the annual review",
        "The policy is reviewed every year.",
        ("review", "annual", "every year", "yearly", "each year", "twelve months", "12 months"),
    ),
)
_BY_CLAUSE = {rule.clause: rule for rule in RULES}
# A passage must score at least this (a fraction of the rule's keywords, weighted) to be
# suggested; below it the product suggests no passage rather than a poor guess.
SUGGEST_AT = 0.25


def rule(clause: Clause) -> Rule:
    return _BY_CLAUSE[clause]


# -- passages --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    index: int  # 1-based, in the order of the text
    number: str  # as the text writes it ("ii", "4", "3.2", "a"), or ""
    label: str  # how a letter or a screen names it: "clause ii", "clause 4, point b"
    words: str

    @property
    def short(self) -> str:
        words = self.words if len(self.words) <= 90 else self.words[:87].rstrip() + "…"
        return f"{self.label}: {words}"


_BULLET = re.compile(r"^\s*[-*\u2022\u2013\u25aa\u25cf\u00b7]\s+")
# "4.", "4)", "(a)", "ii.", and numbers with points ("3.2", "3.2.1") with or without a stop.
_NUMBER = re.compile(
    r"^\s*(?:\((?P<paren>\d+|[ivxlc]+|[a-z])\)|(?P<dotted>\d+(?:\.\d+)+)\.?"
    r"|(?P<plain>\d+|[ivxlc]+|[a-z])[.)])\s+(?=\S)",
    re.IGNORECASE,
)
_ROMAN = re.compile(r"^[ivxlc]+$", re.IGNORECASE)
_END = (".", ":", ";", ",", "!", "?", "\u201d", '"', ")")


def _starts_passage(line: str) -> bool:
    return bool(_BULLET.match(line) or _NUMBER.match(line))


def _is_heading(line: str) -> bool:
    """A short line of its own that ends without a stop: "Confidentiality", "2. Review"."""
    _number, words = _split_number(line)
    return len(words.split()) <= 4 and not words.endswith(_END)


def _split_number(line: str) -> tuple[str, str]:
    """("ii", "Staff do not …") from "- ii. Staff do not …"; ("", words) when unnumbered."""
    body = _BULLET.sub("", line, count=1)
    found = _NUMBER.match(body)
    if found:
        number = found.group("paren") or found.group("dotted") or found.group("plain")
        return number, body[found.end() :].strip()
    return "", body.strip()


def _beginning(words: str) -> str:
    first = " ".join(words.split()[:6])
    return f"the paragraph beginning \u201c{first}\u2026\u201d"


def passages(text: str) -> list[Passage]:
    """The text as passages: paragraphs (lines wrapped by a PDF are joined back) and list
    items, each numbered as the text numbers it. The title and headings are not passages.

    A passage's label is its own number ("clause 2.3", "clause ii"); a lettered item
    under a numbered paragraph is "clause 2.2(a)", and an unnumbered list item under one
    is "clause 4, point b"; an unnumbered paragraph is named by its first words.
    """
    paragraphs: list[tuple[str, bool]] = []
    current: list[str] = []
    bullet = False
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")

    def close() -> None:
        if current:
            paragraphs.append((" ".join(current), bullet))

    for raw in lines[1:]:
        line = raw.strip()
        if not line or _starts_passage(raw) or _is_heading(line):
            close()
            current = []
            if line and _is_heading(line):
                number, _words = _split_number(line)
                if number:
                    paragraphs.append((line, False))  # a numbered heading sets the parent
                continue
            bullet = bool(_BULLET.match(raw))
            if line:
                current = [line]
            continue
        current.append(line)
    close()
    found: list[Passage] = []
    parent, points, roman_run = "", 0, False
    for text_with_number, is_bullet in paragraphs:
        number, words = _split_number(text_with_number)
        words = re.sub(r"[ \t]+", " ", words)
        if _is_heading(text_with_number):
            parent, points = number, 0
            continue
        if number and number[0].isdigit():
            parent, points = number, 0
            label = f"clause {number}"
        elif (
            number
            and _ROMAN.match(number)
            and (len(number) > 1 or not parent or roman_run or number.lower() == "i")
        ):
            label = f"clause {number}"
        elif number:
            label = f"clause {parent}({number})" if parent else f"clause {number}"
        elif is_bullet and parent:
            points += 1
            label = f"clause {parent}, point {chr(ord('a') + min(points - 1, 25))}"
        else:
            label = _beginning(words)
        roman_run = label == f"clause {number}" and bool(_ROMAN.match(number or "-"))
        found.append(Passage(len(found) + 1, number, label, words))
    return found


# -- suggesting ------------------------------------------------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("\u2019", "'").replace("\u2018", "'")
    return " " + re.sub(r"[^\w']+", " ", plain) + " "


_STOP = frozenset(
    {
        "a",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "we",
        "will",
        "with",
        "which",
        "who",
        "not",
        "all",
    }
)


def _stems(text: str) -> set[str]:
    return {word[:6] for word in _fold(text).split() if word not in _STOP and len(word) > 2}


def score(clause: Clause, passage: Passage) -> float:
    """How well the passage's words match the rule: its keywords, and the words of the
    rule (the product's and version 1's), from 0 to about 1."""
    about = rule(clause)
    folded = _fold(passage.words)
    keyword_hits = sum(1 for key in about.keywords if " " + _fold(key).strip() in folded)
    keywords = keyword_hits / len(about.keywords)
    reference = _stems(about.plain + " " + WORDS[clause])
    words = _stems(passage.words)
    overlap = len(reference & words) / len(reference) if reference else 0.0
    return 0.6 * keywords + 0.4 * overlap


def suggest(found: list[Passage]) -> dict[Clause, Passage | None]:
    """For each rule, the passage that matches its words best, or None if none matches
    well enough. A passage may state more than one rule."""
    suggested: dict[Clause, Passage | None] = {}
    for about in RULES:
        scored = sorted(
            ((score(about.clause, p), -p.index, p) for p in found),
            key=lambda item: (item[0], item[1]),
            reverse=True,
        )
        best = scored[0] if scored else None
        suggested[about.clause] = best[2] if best and best[0] >= SUGGEST_AT else None
    return suggested


# -- the map and its citations -----------------------------------------------------------------


@dataclass(frozen=True)
class MapEntry:
    clause: Clause
    passage_index: int | None  # None: the version has no passage; the centre keeps the rule
    label: str
    words: str

    @property
    def has_passage(self) -> bool:
        return self.passage_index is not None


@dataclass(frozen=True)
class Citation:
    """How one rule is cited under a version: quoted and numbered, or in plain words."""

    clause: Clause
    version_number: int
    label: str
    words: str
    quoted: bool

    @property
    def sentence(self) -> str:
        """For a letter: 'Our Confidentiality Policy (clause ii) says: "…"', or the plain
        rule, saying it is one the centre keeps in force."""
        if self.quoted:
            return f"Our Confidentiality Policy ({self.label}) says: \u201c{self.words}\u201d"
        return (
            f"The centre keeps this rule in force (it is not in the words of version "
            f"{self.version_number} of our Confidentiality Policy): {self.words}"
        )


@dataclass(frozen=True)
class RuleMap:
    version_number: int
    entries: Mapping[Clause, MapEntry]
    mapped: bool = True  # False: a version published before rules were mapped

    def citation(self, clause: Clause) -> Citation:
        entry = self.entries.get(clause)
        if entry is None or not entry.has_passage:
            return Citation(
                clause,
                self.version_number,
                unmapped_label(clause),
                rule(clause).plain,
                quoted=False,
            )
        return Citation(clause, self.version_number, entry.label, entry.words, quoted=True)

    def label(self, clause: Clause) -> str:
        return self.citation(clause).label

    @property
    def without_passage(self) -> list[Clause]:
        return [
            r.clause
            for r in RULES
            if not self.entries.get(r.clause) or not self.entries[r.clause].has_passage
        ]


def unmapped_label(clause: Clause) -> str:
    return f"the centre's rule on {rule(clause).topic}"


def build_map(
    version_number: int, found: list[Passage], choices: Mapping[Clause, int | None]
) -> RuleMap:
    """The map from the manager's choices: for each rule a passage number, or None."""
    by_index = {p.index: p for p in found}
    entries = {}
    for about in RULES:
        index = choices.get(about.clause)
        passage = by_index.get(index) if index is not None else None
        if index is not None and passage is None:
            raise ValueError(f"passage {index} is not in the text")
        entries[about.clause] = (
            MapEntry(about.clause, None, unmapped_label(about.clause), "")
            if passage is None
            else MapEntry(about.clause, passage.index, passage.label, passage.words)
        )
    return RuleMap(version_number, entries)


def map_problem(rule_map: RuleMap, kept_in_force: bool) -> str | None:
    """Why this map cannot be published, or None. A rule without a passage is never dropped:
    the manager records that the centre keeps it in force."""
    missing = rule_map.without_passage
    if missing and not kept_in_force:
        names = "; ".join(f"{c.title} ({rule(c).topic})" for c in missing)
        return (
            f"Version {rule_map.version_number} has no passage for "
            f"{len(missing)} rule{'s' if len(missing) != 1 else ''} the product enforces: "
            f"{names}. Choose the passage that states each, or record that the centre "
            "keeps them in force (the product goes on enforcing every rule)."
        )
    return None


def shipped_map(version_number: int, text: str) -> RuleMap:
    """Version 1, the shipped text: each rule is the passage holding version 1's words,
    named as the product has always named it (clause 4, exception a; clause ii; ...)."""
    found = passages(text)
    entries = {}
    for about in RULES:
        words = " ".join(WORDS[about.clause].split())
        passage = next((p for p in found if " ".join(p.words.split()) == words), None)
        entries[about.clause] = (
            MapEntry(about.clause, passage.index, about.clause.title, passage.words)
            if passage
            else MapEntry(about.clause, None, unmapped_label(about.clause), "")
        )
    return RuleMap(version_number, entries)


def unmapped(version_number: int) -> RuleMap:
    """A version published before rules were mapped: every rule in plain words."""
    return RuleMap(version_number, {}, mapped=False)


def to_rows(rule_map: RuleMap) -> list[RuleMapRow]:
    return [
        RuleMapRow(e.clause.value, e.passage_index, e.label, e.words)
        for e in rule_map.entries.values()
    ]


def from_rows(version_number: int, rows: list[RuleMapRow]) -> RuleMap:
    return RuleMap(
        version_number,
        {
            Clause(r.rule): MapEntry(Clause(r.rule), r.passage_index, r.label, r.passage)
            for r in rows
        },
    )


# -- the product's own sentences, numbered as the version in force numbers them --------------

_PRODUCT_LABEL = re.compile(
    r"\bclause 4, exception (?P<exception>[ab])\b"
    r"|\bclause 4\b(?!\.\d)"
    r"|\bclause (?P<roman>viii|vii|vi|iv|ix|iii|ii|i|v)\b"
)
_POINT = re.compile(r"(?:, (?:point|exception) [a-z]|\([a-z]+\))$")


def relabel(text: str, rule_map: RuleMap) -> str:
    """A sentence of the product's ("... (clause vi)") with each clause named as the
    version in force names it ("... (clause 3.1)", or "the centre's rule on ..."). Under
    version 1 the sentence comes back as it was written."""

    def swap(found: re.Match[str]) -> str:
        if found.group("exception"):
            return rule_map.label(Clause(f"4{found.group('exception')}"))
        if found.group("roman"):
            return rule_map.label(Clause(found.group("roman")))
        # Clause 4 as a whole: the point holding both exceptions, or both of them.
        welfare, violence = (
            rule_map.label(c) for c in (Clause.EXCEPTION_WELFARE, Clause.EXCEPTION_VIOLENCE)
        )
        parent, other = _POINT.sub("", welfare), _POINT.sub("", violence)
        if parent == other and parent != welfare:
            return parent
        return f"{welfare} and {violence}"

    return _PRODUCT_LABEL.sub(swap, text)
