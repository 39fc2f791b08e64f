"""The count of failed sign-ins in a row, kept beside the key file.

It holds times and slot tags (HMACs, never a name), so the failures can be
written to the audit log at the next successful sign-in, when the database
can be opened.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from stmarys_desktop.store.files import atomic_write

MAX_KEPT = 200


@dataclass
class SignInAttempts:
    path: Path
    failures: int = 0
    last_failure: float = 0.0
    pending: list[tuple[str, str | None]] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> SignInAttempts:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                path,
                int(data["failures"]),
                float(data["last_failure"]),
                [(str(at), tag) for at, tag in data["pending"]],
            )
        except (OSError, ValueError, KeyError, TypeError):
            # Missing or unreadable: start again rather than lock everyone out.
            return cls(path)

    def save(self) -> None:
        data = {
            "failures": self.failures,
            "last_failure": self.last_failure,
            "pending": self.pending[-MAX_KEPT:],
        }
        with contextlib.suppress(OSError):
            atomic_write(self.path, json.dumps(data).encode("utf-8"))

    def failed(self, at: str, when: float, tag: str | None) -> None:
        self.failures += 1
        self.last_failure = when
        self.pending.append((at, tag))
        self.save()

    def clear(self) -> None:
        self.failures = 0
        self.last_failure = 0.0
        self.pending = []
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
