"""Checks on what people type: each refusal is one plain sentence (InvalidInput)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from stmarys_desktop.domain.errors import InvalidInput

NAME_MAX = 100
TEXT_MAX = 2000
_TELEPHONE = re.compile(r"^\+?[0-9 ()\-]{6,25}$")


def _no_control_characters(text: str, what: str) -> None:
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        raise InvalidInput(f"{what} contains characters that cannot be printed.")


def name(text: str, what: str) -> str:
    """A person's or an organisation's name: any script, spaces tidied, not blank."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidInput(f"{what} cannot be empty or only spaces.")
    if len(cleaned) > NAME_MAX:
        raise InvalidInput(
            f"{what} is {len(cleaned):,} characters long; the most is "
            f"{NAME_MAX}. Nothing was saved."
        )
    _no_control_characters(cleaned, what)
    return cleaned


def free_text(text: str, what: str, limit: int = TEXT_MAX) -> str:
    cleaned = text.strip()
    if len(cleaned) > limit:
        raise InvalidInput(
            f"{what} is {len(cleaned):,} characters long; the most is {limit:,}. Nothing was saved."
        )
    _no_control_characters(cleaned, what)
    return cleaned


# Line ends a pasted text may carry (a PDF's form feeds between pages, old Mac line ends,
# Unicode's line and paragraph separators): each becomes a plain line end (D221).
_LINE_ENDS = str.maketrans(
    {"\r": "\n", "\f": "\n", "\v": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"}
)
_REFUSED_KINDS = {
    "Cc": "a control character",
    "Co": "a private-use character (often a bullet or a symbol from the PDF's own font)",
    "Cs": "half of a broken character",
    "Cn": "a character Unicode does not define",
}


def pasted_text(text: str, what: str, limit: int) -> str:
    """A long text pasted in (a policy): line ends made plain, then every character must be
    printable; a refusal names the character, its line and its column. Tabs, non-breaking
    spaces and every script's letters are kept as they are."""
    cleaned = text.replace("\r\n", "\n").translate(_LINE_ENDS).lstrip("\ufeff").strip()
    if len(cleaned) > limit:
        raise InvalidInput(
            f"{what} is {len(cleaned):,} characters long; the most is {limit:,}. Nothing was saved."
        )
    for line_number, line in enumerate(cleaned.split("\n"), 1):
        for column, ch in enumerate(line, 1):
            kind = unicodedata.category(ch)
            if kind in _REFUSED_KINDS and ch != "\t":
                raise InvalidInput(
                    f"{what} has a character that cannot be printed at line {line_number}, "
                    f"column {column}: U+{ord(ch):04X}, {_REFUSED_KINDS[kind]}. Delete it "
                    "and try again; nothing was saved."
                )
    return cleaned


def telephone(text: str, what: str = "The telephone number") -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        return ""
    if not _TELEPHONE.match(cleaned) or sum(ch.isdigit() for ch in cleaned) < 6:
        raise InvalidInput(
            f"{what} can only hold digits, spaces, brackets, dashes and a "
            "leading +, with at least 6 digits."
        )
    return cleaned


def date_of_birth(born: date | None, today: date, what: str = "The date of birth") -> date | None:
    if born is None:
        return None
    if born > today:
        raise InvalidInput(f"{what} is in the future.")
    if born < date(today.year - 25, 1, 1):
        raise InvalidInput(f"{what} makes the child over 25; check the year.")
    return born


def not_in_future(day: date, today: date, what: str) -> date:
    if day > today:
        raise InvalidInput(f"{what} cannot be in the future.")
    return day


_DAY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def day(text: str, what: str) -> date:
    """A date typed as 31/12/2026 (day first, as in Britain) or 2026-12-31, with a plain
    sentence for one that does not exist (31/02/2027)."""
    iso = _ISO_DAY.match(text)
    found = _DAY.match(text)
    if iso:
        year, month, dom = (int(g) for g in iso.groups())
    elif found:
        dom, month, year = (int(g) for g in found.groups())
    else:
        raise InvalidInput(f"{what} must be a date like 31/12/2026.")
    if not 1 <= month <= 12:
        raise InvalidInput(
            f"{what} ({text.strip()}) has no month {month}: months run from 1 to 12."
        )
    try:
        return date(year, month, dom)
    except ValueError:
        raise InvalidInput(
            f"{what} ({text.strip()}) does not exist: {_MONTHS[month - 1]} {year} has no day {dom}."
        ) from None
