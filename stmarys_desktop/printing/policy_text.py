"""A policy's plain text as it is printed and shown: headings, numbered paragraphs, lists.

No Qt here: the services read the shipped text through this module (they
may not reach `paths` themselves), and the viewer and the printed sheets
turn the same text into the same HTML, so the screen shows what is printed.
The words are never changed; only the layout is inferred:

- the first line is the title;
- a short line on its own without a full stop is a heading;
- a line starting "- " is an item of a list (the policy's own "i." stays);
- anything else is a paragraph, its number (if any) kept as written;
- a numbered sub-point sits inside its point ("2.2" inside "2.", its "(a)" inside it),
  and a line wrapped mid-sentence (text copied out of a PDF) joins the line before.
"""

from __future__ import annotations

import html
import re

from stmarys_desktop import paths

SHIPPED_POLICY = ("policy", "confidentiality-policy.txt")
_SPACES = re.compile(r"[ \t]+")
_ITEM = re.compile(r"^\s*[-*\u2022]\s+")
# An item that carries its own number ("i.", "a)", "3.") needs no bullet.
_NUMBERED = re.compile(r"^([ivxlc]+|[a-z]|\d+)[.)]\s", re.IGNORECASE)


def shipped_text() -> str:
    """The Confidentiality Policy as shipped in resources/ (names St Mary's Contact Centre)."""
    return paths.resource(*SHIPPED_POLICY).read_text(encoding="utf-8")


def is_numbered(words: str) -> bool:
    """An item that carries its own number ("i.", "a)", "3.") and needs no bullet."""
    return bool(_NUMBERED.match(words))


def _is_heading(line: str, alone: bool) -> bool:
    return alone and len(line) <= 60 and not line.endswith((".", ":", ";", ","))


def _tidy(line: str) -> str:
    """Runs of spaces and tabs made one space; a non-breaking space is the text's own and
    stays (str.split would take it for a space)."""
    return _SPACES.sub(" ", line).strip(" \t")


_DOTTED = re.compile(r"^(\d+(?:\.\d+)+)\.?\s")
_WHOLE = re.compile(r"^\d+[.)]\s")
_LETTERED = re.compile(r"^(\([a-z]{1,4}\)|[a-z][.)]|[ivxlc]+[.)])\s", re.IGNORECASE)
# A line that ends without one of these was wrapped mid-sentence (a PDF's line ends).
_SENTENCE_END = (".", ":", ";", "!", "?", '"', "\u201d", "\u2019", ")")


def _starts_block(raw: str) -> bool:
    line = raw.strip()
    return bool(
        _ITEM.match(raw) or _DOTTED.match(line) or _WHOLE.match(line) or _LETTERED.match(line)
    )


def blocks(text: str) -> list[tuple[str, str, int]]:
    """The text as (kind, words, depth): kind is title, heading, item or paragraph; depth
    is how far a numbered sub-point sits inside its point ("2.2" is 1, its "(a)" is 2).

    A line wrapped mid-sentence (as text copied out of a PDF is) joins the line before.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    found: list[tuple[str, str, int]] = []
    point = 0  # the depth of the latest numbered point
    for index, raw in enumerate(lines):
        line = _tidy(raw)
        if not line:
            continue
        previous = _tidy(lines[index - 1]) if index else ""
        if (
            found
            and len(previous.split()) > 4
            and found[-1][0] in ("paragraph", "item")
            and not previous.endswith(_SENTENCE_END)
            and not _starts_block(raw)
        ):
            kind, words, depth = found[-1]
            found[-1] = (kind, f"{words} {line}", depth)
            continue
        if not found:
            found.append(("title", line, 0))
            continue
        item = bool(_ITEM.match(raw))
        words = _tidy(_ITEM.sub("", raw)) if item else line
        dotted = _DOTTED.match(words)
        if dotted:
            depth = point = dotted.group(1).count(".")
        elif _WHOLE.match(words):
            depth = point = 0
        elif _LETTERED.match(words):
            depth = point + 1
        else:
            depth = 0
        if item:
            found.append(("item", words, max(depth, 1)))
            continue
        before = lines[index - 1].strip() if index else ""
        after = lines[index + 1].strip() if index + 1 < len(lines) else ""
        found.append(
            ("heading" if _is_heading(line, not before and not after) else "paragraph", line, depth)
        )
    return found


def policy_html(text: str, *, font_pt: float = 10.5, px: float = 1.0) -> str:
    """The policy's body as HTML for a QTextDocument (the viewer and the sheets).

    `px` is a screen pixel in the device's pixels: Qt scales top and bottom
    margins to a printer but takes a left margin in its pixels as written.
    """
    parts = []
    for kind, words, depth in blocks(text):
        escaped = html.escape(words)
        indent = f"margin-left: {22 * depth * px:.0f}px; " if depth else ""
        if kind == "title":
            parts.append(
                f"<h1 style='font-size: {font_pt * 1.6:.1f}pt; margin-top: 0px;"
                f" margin-bottom: 8px'>{escaped}</h1>"
            )
        elif kind == "heading":
            parts.append(
                f"<h2 style='font-size: {font_pt * 1.25:.1f}pt; margin-top: 10px;"
                f" margin-bottom: 4px'>{escaped}</h2>"
            )
        elif kind == "item":
            if not _NUMBERED.match(words):
                escaped = "\u2022 " + escaped
            parts.append(
                f"<p style='{indent}margin-top: 1px;"
                f" margin-bottom: 4px;"
                f" font-size: {font_pt}pt'>{escaped}</p>"
            )
        else:
            parts.append(
                f"<p style='{indent}margin-top: 6px; margin-bottom: 4px;"
                f" font-size: {font_pt}pt'>{escaped}</p>"
            )
    return "\n".join(parts)
