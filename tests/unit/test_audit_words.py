"""The audit log in plain words (issue 18): every event the program records has words."""

from __future__ import annotations

import re
from pathlib import Path

from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services.audit_words import EVENTS, actions_saying, detail_words, what_words

PACKAGE = Path(__file__).resolve().parents[2] / "stmarys_desktop"
# What the register's own change log (session_store.log_change) calls its rows: not audit.
REGISTER_CHANGES = {"check_in", "check_out", "correction"}


def recorded_actions() -> set[str]:
    """Every action code written as text beside `action=` in the services and the store."""
    found = set()
    for layer in ("services", "store"):
        for path in (PACKAGE / layer).rglob("*.py"):
            found |= set(re.findall(r'action="([a-z_.-]+)"', path.read_text(encoding="utf-8")))
    return found


def test_every_event_the_program_records_is_said_in_words() -> None:
    """A new code falls back to its own words ("Room: add"); none should need it."""
    codes = recorded_actions()
    assert "family.view" in codes and "sign-in" in codes
    assert sorted(codes - set(EVENTS) - {p.value for p in Permission} - REGISTER_CHANGES) == []


def test_a_coordinator_reads_what_happened_not_the_codes() -> None:
    assert what_words("sign-in", "", "") == "Signed in"
    assert what_words("family.view", "SMC-2026-00012", "") == "Family SMC-2026-00012 opened"
    assert (
        what_words("register.cancel", "SMC-2026-00012", "2026-12-07 10:00, by the family")
        == "Session cancelled: 7 Dec 2026, 10:00, by the family"
    )
    assert (
        what_words("restore", "restore a backup", "roles: front_desk", "refused")
        == "Tried to restore a backup: roles: Front desk"
    )
    assert what_words("restore", "", "") == "Centre restored"  # done, not a refusal
    assert (
        detail_words("idle time before locking: 5 -> 10 minutes")
        == "idle time before locking: from 5 to 10 minutes"
    )
    assert detail_words("made 2026-12-01T10:00:00+00:00") == "made 1 Dec 2026, 10:00"
    assert what_words("room.rename", "", "") == "Room: rename"  # never a code as it is


def test_the_what_filter_finds_the_words_the_screen_shows() -> None:
    assert actions_saying("signed in") == ["sign-in"]
    assert "family.view" in actions_saying("Family  opened")
    assert actions_saying("  ") == []
