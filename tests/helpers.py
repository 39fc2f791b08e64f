"""Test helpers: cheap key slots, made-up names, running the command line, a fixed
Wednesday and a hand-moved clock, reading PDFs back."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from stmarys_desktop.store.keystore import KdfParams

# The smallest Argon2id cost: key slots made by tests unlock in microseconds.
CHEAP_KDF = KdfParams(time_cost=1, memory_kib=8, parallelism=1)

MANAGER = "manager"
PASSWORD = "correct horse battery"
ROOT = Path(__file__).resolve().parent.parent
WEDNESDAY = date(2026, 12, 2)  # the centre opens Monday to Saturday, 09:00-19:00

_ONSETS = ["Br", "Cl", "Dr", "Fl", "Gw", "Kr", "Pl", "Qu", "Sn", "Th", "Tr", "Vr", "Wh", "Zel"]
_VOWELS = ["a", "e", "i", "o", "u", "ae", "ia", "ou"]
_CODAS = ["bble", "ckett", "dwick", "fenn", "garth", "lowe", "mmond", "nsby", "rrow", "thorpe"]


def at(hour: int, minute: int = 0, day: date = WEDNESDAY) -> Callable[[], datetime]:
    """A centre clock stopped at hour:minute, local time, on `day` (Wednesday 2 Dec 2026)."""
    return lambda: datetime(day.year, day.month, day.day, hour, minute).astimezone()


class FakeClock:
    """The sign-in delay's monotonic clock, moved by hand."""

    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def pdf_text(path: Path) -> str:
    """Every page's text, pages joined by a space and each run of whitespace made one space."""
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def made_up_names(count: int, seed: int = 7) -> list[str]:
    """Distinct invented full names that belong to no one."""
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < count:
        first = rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(["n", "l", "ra", "th"])
        last = rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
        names.add(f"{first} {last}")
    return sorted(names)


def run_cli(
    *args: str,
    password: str | None = None,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    preexec_fn=None,
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "STMARYS_PASSWORD"}
    full_env.update(env or {})
    if password is not None:
        full_env["STMARYS_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "stmarys_desktop", *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        cwd=ROOT,
        preexec_fn=preexec_fn,
    )


def decrypted_pages(path: Path, key: bytes, page_size: int = 4096, reserve: int = 80) -> bytes:
    """Every page of a SQLCipher 4 file, decrypted here with the raw key (AES-256-CBC).

    Reading the file page by page, rather than through SQL, shows what is left in
    free pages and unused space too: what an attacker with the key would see.
    """
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    data = path.read_bytes()
    plain = bytearray()
    for start in range(0, len(data), page_size):
        page = data[start : start + page_size]
        offset = 16 if start == 0 else 0  # page 1 begins with the salt
        body = page[offset : page_size - reserve]
        iv = page[page_size - reserve : page_size - reserve + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        plain += decryptor.update(body) + decryptor.finalize()
    return bytes(plain)
