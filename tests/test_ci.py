"""CI runs the README's test command, and that command lints and checks formatting before
it tests (D207)."""

from __future__ import annotations

import shutil
import subprocess

from tests.helpers import ROOT


def test_ci_runs_the_readme_command_which_lints_before_the_tests() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    extract = next(line for line in script.splitlines() if line.startswith("command="))
    found = subprocess.run(
        [shutil.which("bash") or "/bin/bash", "-c", f'cd {ROOT} && {extract} && echo "$command"'],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert "ruff check ." in found and "ruff format --check ." in found and "pytest" in found
    assert found.index("ruff check") < found.index("pytest")
    assert found.index("ruff format --check") < found.index("pytest")
    assert 'bash -euo pipefail -c "$command"' in script  # exactly that command, no other
