"""The layers import only downwards (DESIGN.md section 3, ENGINEERING.md habit 1)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "stmarys_desktop"
# printing lays documents out with ReportLab, no Qt (issue 21); only ui/ draws them on a
# printer.
HEADLESS = ["domain", "policy", "store", "services", "printing"]
# Which of our own layers each layer may import.
ALLOWED = {
    "domain": {"domain"},
    "policy": {"domain", "policy"},
    "store": {"domain", "store"},
    "services": {"domain", "policy", "store", "services", "printing"},
    "printing": {"domain", "policy", "printing", "paths"},
    "ui": {"domain", "policy", "services", "printing", "ui", "paths"},
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def files_of(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", HEADLESS)
def test_headless_layers_never_import_qt(layer: str) -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in files_of(layer)
        for name in imports_of(path)
        if name.split(".")[0] in {"PySide6", "shiboken6"}
    ]
    assert offenders == []


def test_every_headless_module_loads_without_qt() -> None:
    """The import check above reads each file; this one follows the imports, so Qt
    cannot come in sideways."""
    probe = (
        "import importlib, pkgutil, sys\n"
        "import stmarys_desktop\n"
        f"for layer in {HEADLESS!r}:\n"
        "    package = importlib.import_module('stmarys_desktop.' + layer)\n"
        "    for found in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(found.name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-800:]
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layers_import_only_downwards(layer: str) -> None:
    offenders = []
    for path in files_of(layer):
        for name in imports_of(path):
            parts = name.split(".")
            if parts[0] != "stmarys_desktop" or len(parts) < 2:
                continue
            if parts[1] not in ALLOWED[layer]:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_documents_are_laid_out_in_printing_and_drawn_on_a_printer_only_in_ui() -> None:
    """ReportLab belongs to printing/; pdfium, which draws a PDF's pages for a printer or a
    preview, only to the print adapter ui/printouts.py."""
    layout = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.parent.name != "printing"
        and any(name.split(".")[0] == "reportlab" for name in imports_of(path))
    ]
    drawing = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path != PACKAGE / "ui" / "printouts.py"
        and any(name.split(".")[0] == "pypdfium2" for name in imports_of(path))
    ]
    assert layout == [] and drawing == []


def test_ui_never_imports_the_store() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in files_of("ui")
        for name in imports_of(path)
        if name.startswith(("stmarys_desktop.store", "sqlcipher3", "sqlite3"))
    ]
    assert offenders == []


def test_services_run_no_sql_of_their_own() -> None:
    """Queries live in the store's repositories (ENGINEERING.md habit 4)."""
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in files_of("services")
        if ".execute(" in path.read_text(encoding="utf-8")
        or "executemany(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def positional_rows(source: str) -> list[int]:
    """Lines reading a row by position: `row[3]`, `r[0]`, `row[2:]` (issue 17, item 1)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load)):
            continue
        if not (isinstance(node.value, ast.Name) and node.value.id in {"row", "r"}):
            continue
        index = node.slice
        bounds = [index.lower, index.upper] if isinstance(index, ast.Slice) else [index]
        if all(
            bound is None
            or isinstance(bound, ast.Constant)
            or (isinstance(bound, ast.UnaryOp) and isinstance(bound.operand, ast.Constant))
            for bound in bounds
        ):
            lines.append(node.lineno)
    return lines


def test_services_read_typed_rows_never_columns_by_position() -> None:
    """The store hands services domain dataclasses or named rows (ENGINEERING.md: grow out
    of positional rows); a service that counts columns breaks when a query changes."""
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in files_of("services")
        for line in positional_rows(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# A store module another branch is changing this round (issue 23); by name once merged.
POSITIONAL_STORE_LEFT = {"store/backup.py"}


def test_the_store_builds_typed_rows_by_name() -> None:
    """The store unpacks columns into names or builds dataclasses (store/rows.py); it does
    not count columns either (issue 17, item 1)."""
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in files_of("store")
        if str(path.relative_to(PACKAGE)) not in POSITIONAL_STORE_LEFT
        for line in positional_rows(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_checker_finds_a_positional_row() -> None:
    found = positional_rows("day = row[4]\nrest = r[2:]\nrow[c] = top\nlast = row[-1]\n")
    assert found == [1, 2, 4]


def test_services_audit_through_the_session() -> None:
    """`session.audit(...)` names who acted; a service never spells the actor out
    (issue 17, item 7), and the centre has one way to write an audit row."""
    offenders = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in files_of("services")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "audit"
        and any(
            k.arg == "actor" and ast.unparse(k.value) in ("session.user_name", "self.user_name")
            for k in node.keywords
        )
        and path.name != "session.py"
    ]
    offenders += [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and node.attr == "record"
        and isinstance(node.value, ast.Attribute | ast.Name)
        and getattr(node.value, "attr", getattr(node.value, "id", "")) == "centre"
    ]
    assert offenders == []


def test_command_line_goes_through_services_not_the_store() -> None:
    assert not any(
        name.startswith("stmarys_desktop.store") for name in imports_of(PACKAGE / "cli.py")
    )


def test_policy_is_pure() -> None:
    """No clock, no file, no database inside the rules: facts come in as arguments."""
    banned = {"time", "os", "pathlib", "sqlite3", "sqlcipher3", "socket", "io"}
    offenders = [
        f"{path.name}: {name}"
        for path in files_of("policy")
        for name in imports_of(path)
        if name.split(".")[0] in banned
    ]
    offenders += [
        f"{path.name} reads the clock"
        for path in files_of("policy")
        if any(
            call in path.read_text(encoding="utf-8") for call in (".now(", ".today(", ".utcnow(")
        )
    ]
    assert offenders == []


def test_only_the_clipboard_guard_touches_the_clipboard() -> None:
    """Issue 16: every copy goes through ui/clipboard.py, which clears what it put there;
    the main window only hands it the application's clipboard."""
    allowed = {"ui/clipboard.py", "ui/main_window.py"}
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if ".clipboard()" in path.read_text(encoding="utf-8")
        and str(path.relative_to(PACKAGE).as_posix()) not in allowed
    ]
    assert offenders == []


def test_the_checker_finds_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport stmarys_desktop.store.audit\n")
    assert {"PySide6.QtCore", "stmarys_desktop.store.audit"} <= imports_of(sample)


def test_the_disclosure_log_is_written_in_one_place() -> None:
    """Every outbound attempt is logged by `services.disclosure._log` (D102, D103): one
    choke point decides what a row keeps (categories, not typed details) and when (once a
    document has gone). No other module writes the log."""
    writers = [
        str(path.relative_to(PACKAGE))
        for layer in ("services", "ui", "printing", "policy", "domain")
        for path in files_of(layer)
        if "log_attempt(" in path.read_text(encoding="utf-8")
    ]
    assert writers == ["services/disclosure.py"]
    source = (PACKAGE / "services" / "disclosure.py").read_text(encoding="utf-8")
    assert source.count("disclosure_store.log_attempt(") == 1


def _internal_layouts() -> set[tuple[str, str]]:
    """(module, function) of every printing/ layout of an internal printout: a function
    that builds its pages with `internal_paper` (the confidential mark of clause i)."""
    found = {("stmarys_desktop.printing.internal", "internal_paper")}
    for path in files_of("printing"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id == "internal_paper"
                for call in ast.walk(node)
            ):
                found.add((f"stmarys_desktop.printing.{path.stem}", node.name))
    return found


def test_the_ui_gets_printable_records_only_from_the_services() -> None:
    """Issue 17, item 4: a screen cannot lay out the family record, the chronology, the
    register, the accident book or the logs itself, so it cannot print them without the
    service deciding and logging (services/printouts.py, D290)."""
    layouts = _internal_layouts()
    assert len(layouts) >= 7  # the mark, and the six printouts
    modules = {module for module, _ in layouts}
    offenders = []
    for path in files_of("ui"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            for alias in node.names:
                if (node.module, alias.name) in layouts or (
                    f"{node.module}.{alias.name}" in modules
                ):
                    offenders.append(f"{path.relative_to(PACKAGE)}: {alias.name}")
    assert offenders == []


def test_every_printout_service_decides_before_it_hands_pages_over() -> None:
    """Each printout in services/printouts.py goes through the choke point: the policy's
    internal-printout decision (`disclosure.internal_printout` for a family's records,
    `disclosure.centre_printout` for the centre's), and the only callers of the layouts."""
    tree = ast.parse((PACKAGE / "services" / "printouts.py").read_text(encoding="utf-8"))
    helpers = {"internal_printout", "centre_printout", "_centre_printout", "request_log_printout"}

    def calls(node: ast.AST) -> set[str]:
        return {
            call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            for call in ast.walk(node)
            if isinstance(call, ast.Call)
        }

    public = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    ]
    assert len(public) >= 6
    assert [node.name for node in public if not calls(node) & helpers] == []
    layouts = _internal_layouts()
    layout_users = sorted(
        {
            str(path.relative_to(PACKAGE))
            for layer in ("services", "ui")
            for path in files_of(layer)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
            if (node.module, alias.name) in layouts
        }
    )
    assert layout_users == ["services/printouts.py"]


# A spreadsheet's date cell becomes the text the importer reads, as the sheet showed it.
DATE_FORMATS_ALLOWED = {"domain/dates.py", "services/import_files.py"}


def test_dates_are_put_in_words_in_one_module() -> None:
    """Issue 17, item 6 (D292): a date a person reads is formatted by domain/dates.py
    alone, so the screen, the paper and the messages agree (no leading zero, no ISO stamp
    cut to length)."""
    pattern = re.compile(r"%[aAbB]|(?<!%m)%d|\[:1[06]\]\.replace\(\"T\"|\.replace\(\"T\", \" \"\)")
    offenders = [
        f"{path.relative_to(PACKAGE)}: {match.group(0)}"
        for layer in ("domain", "policy", "services", "printing", "ui")
        for path in files_of(layer)
        if path.relative_to(PACKAGE).as_posix() not in DATE_FORMATS_ALLOWED
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    offenders += [
        f"{path.relative_to(PACKAGE)}"
        for path in [PACKAGE / "cli.py"]
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_screens_ask_the_services_what_attendance_and_series_mean() -> None:
    """Issue 19: what a session's register means (attended, who did not come, whether an
    undo is allowed) and which dates a series has are decided in policy/ and enforced in
    services/; a screen asks the service and shows the answer."""
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in files_of("ui")
        for name in imports_of(path)
        if name
        in (
            "stmarys_desktop.policy.attendance",
            "stmarys_desktop.policy.series",
            "stmarys_desktop.policy.cover",
        )
    ]
    assert offenders == []


# What only services may put to the policy: its questions, its facts and `decide` itself.
POLICY_QUESTIONS = {
    "Request",
    "Recipient",
    "Facts",
    "ConsentFact",
    "ExceptionFact",
    "AgreementFact",
    "AuthorityFact",
    "decide",
}


def test_screens_build_no_policy_request_and_only_render_the_services_answer() -> None:
    """Issue 17: a screen asks a service what this person may do here, and why not, in one
    call (`disclosure.offers`) and renders the answer; it never builds a policy request,
    reads the policy's facts or asks one question at a time."""
    offenders = []
    for path in files_of("ui"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "stmarys_desktop.policy."
            ):
                offenders += [
                    f"{path.relative_to(PACKAGE)} imports {alias.name}"
                    for alias in node.names
                    if alias.name in POLICY_QUESTIONS
                ]
            elif isinstance(node, ast.Attribute) and node.attr in (
                "decision_for",
                "decisions_for",
                "facts_for",
            ):
                offenders.append(f"{path.relative_to(PACKAGE)} asks {node.attr}")
    assert offenders == []


DECISIONS = "stmarys_desktop.domain.decisions"


def hand_made_decisions(source: str) -> list[int]:
    """The lines where a module builds a `Decision` itself: a call of `Decision`,
    `refused` or `allowed` (or anything else) taken from domain/decisions.py, by name or
    through the module."""
    tree = ast.parse(source)
    names: set[str] = set()
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == DECISIONS:
            names |= {alias.asname or alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module == "stmarys_desktop.domain":
            modules |= {
                alias.asname or alias.name for alias in node.names if alias.name == "decisions"
            }
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        called = node.func
        if (isinstance(called, ast.Name) and called.id in names) or (
            isinstance(called, ast.Attribute)
            and isinstance(called.value, ast.Name)
            and called.value.id in modules
        ):
            lines.append(node.lineno)
    return sorted(lines)


# What a person's roles allow, asked of the session directly.
PERMISSION_QUESTIONS = {"can", "refusal", "withheld"}
# Where a widget says why it is unavailable.
WHY_NOT = {"setToolTip", "setStatusTip"}


def worded_refusals(source: str) -> list[int]:
    """The functions (by their first line) that ask the person's roles themselves and
    write a tooltip or status text: a widget deciding a permission and wording the why-not
    sentence on its own, where `show_decision` would render a service's `Decision`."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        called = {
            call.func.attr
            for call in ast.walk(node)
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
        }
        if called & PERMISSION_QUESTIONS and called & WHY_NOT:
            lines.append(node.lineno)
    return sorted(lines)


def test_widgets_render_the_services_decisions_and_make_none() -> None:
    """Issue 17, item 3: what a person may do on a screen, and why not, is one service
    call's answer (`register.register_offers`, `incidents.queue_offers`, ...), rendered by
    `ui/offers.show_decision`. No ui module builds a `Decision`, so no widget can hand a
    reason of its own to a renderer (the old `offer(widget, allowed, reason)` built one
    from whatever string a screen wrote), and none asks the person's roles and writes the
    why-not sentence itself."""
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in files_of("ui")
        for checker in (hand_made_decisions, worded_refusals)
        for line in checker(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_checkers_find_a_hand_made_refusal() -> None:
    built = (
        "from stmarys_desktop.domain.decisions import Decision, refused as no\n"
        "from stmarys_desktop.domain import decisions\n"
        "def offer(widget, allowed, reason):\n"
        "    show_decision(widget, Decision(allowed, None, reason))\n"
        "CHOOSE = no('Choose a row first.')\n"
        "LATER = decisions.allowed()\n"
        "def rendered(widget, offered):\n"
        "    show_decision(widget, offered.open)\n"
    )
    assert hand_made_decisions(built) == [4, 5, 6]
    worded = (
        "def update(self):\n"
        "    self.button.setEnabled(self.session.can(Permission.VIEW_AUDIT))\n"
        "    self.button.setToolTip('Only a manager may print it.')\n"
        "def visible(self):\n"
        "    self.button.setVisible(self.session.can(Permission.VIEW_AUDIT))\n"
    )
    assert worded_refusals(worded) == [1]


def test_only_the_policy_layer_holds_version_1s_words() -> None:
    """Letters, screens and services cite a rule through the version in force's rule map
    (services.policy_documents.citation), never version 1's words (issue 20, D223)."""
    import re

    quoting = re.compile(r"Clause\.\w+\.words|\bclause\.words\b|clauses import[^\n]*\bWORDS\b")
    offenders = [
        str(path.relative_to(PACKAGE))
        for layer in ("services", "printing", "ui")
        for path in files_of(layer)
        if quoting.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# Where the ui may still catch every error, and why (D203): the worker hands its failure
# to the window thread (where messages.show_error records it in the support log), the
# printouts pass theirs to the same place, and signing in falls back to the default idle
# lock and clipboard time rather than leave a window unlocked or copied text kept for ever.
BROAD_CATCHES_ALLOWED = {"worker.py": 1, "printouts.py": 2, "main_window.py": 2}


def test_widgets_catch_only_the_products_own_errors() -> None:
    found: dict[str, int] = {}
    for path in files_of("ui"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and (
                node.type is None
                or (
                    isinstance(node.type, ast.Name)
                    and node.type.id in {"Exception", "BaseException"}
                )
            ):
                name = path.relative_to(PACKAGE / "ui").as_posix()
                found[name] = found.get(name, 0) + 1
    assert found == BROAD_CATCHES_ALLOWED


def test_file_locks_come_from_a_maintained_library() -> None:
    """Windows locking by hand (msvcrt) was code no test ran; filelock does both (D209)."""
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name in imports_of(path)
        if name.split(".")[0] in {"msvcrt", "fcntl"}
    ]
    assert offenders == []


SIGN_IN_WINDOW_ONLY = """
import sys
from PySide6.QtWidgets import QApplication
QApplication.exec = lambda *args: 0
from stmarys_desktop.cli import main
main(["--data-dir", sys.argv[1]])
print(sorted(sys.modules))
"""


# What the sign-in page is made of, each for a reason: the folder check (is there a centre,
# or a wizard to run) and the password rules' lengths, with their (empty) packages.
SIGN_IN_NEEDS = {
    "stmarys_desktop.services",
    "stmarys_desktop.store",
    "stmarys_desktop.policy",
    "stmarys_desktop.services.centre_files",
    "stmarys_desktop.store.files",
    "stmarys_desktop.policy.sign_in",
}
# Loaded for the first screen, a printout, an import or the signed-in window: never before
# the sign-in page shows (D81, D210, D330).
LOADED_LATER = (
    "sqlcipher3",
    "argon2",
    "cryptography",
    "reportlab",
    "pypdf",
    "openpyxl",
    "zxcvbn",
    "getpass",
    "platformdirs",
    "stmarys_desktop.services",
    "stmarys_desktop.store",
    "stmarys_desktop.policy",
    "stmarys_desktop.printing",
    "stmarys_desktop.ui.workspace",
    "stmarys_desktop.ui.screens",
    "stmarys_desktop.ui.dialogs",
    "stmarys_desktop.ui.models",
    "stmarys_desktop.ui.tables",
    "stmarys_desktop.ui.copy_through",
    "stmarys_desktop.ui.lock_keys",
)


def test_nothing_the_sign_in_window_does_not_need_loads_before_it_shows(
    closed_centre, tmp_path
) -> None:
    """Start-up (D81, D210, D330): the store, the services, the printouts, the screens,
    tables, the application-wide event filters, the password meter's word lists, the
    terminal prompt and the platform folders (a folder was given) load after the sign-in
    page shows."""
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STMARYS_CONFIG_DIR=str(tmp_path / "config"))
    out = subprocess.run(
        [sys.executable, "-c", SIGN_IN_WINDOW_ONLY, str(closed_centre)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
        cwd=PACKAGE.parent,
    )
    loaded = set(eval(out.stdout.strip().splitlines()[-1]))  # noqa: S307 - our own output
    assert "stmarys_desktop.ui.login" in loaded  # the window was made
    early = {
        name
        for name in loaded - SIGN_IN_NEEDS
        for later in LOADED_LATER
        if name == later or name.startswith(later + ".")
    }
    assert early == set()


SIGN_IN_WINDOW_SHOWN = """
import json, sys
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
def shown(*args):
    app.processEvents()  # the first paint
    made = {name for module in (PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets)
            for name in module.__dict__ if name.startswith("Q") or name == "Qt"}
    print(json.dumps({"made": sorted(made), "modules": sorted(sys.modules)}))
    return 0
QApplication.exec = shown
from stmarys_desktop.cli import main
main(["--data-dir", sys.argv[1]])
"""

# PySide6 sets up a class for Python (its enums as Python enums) when it is first used.
# These the sign-in window does without, each for its cost (D370): the `Qt` namespace's
# 146 enums (15 ms; the labels' text format, the recovery button's place and the menus'
# shortcuts go without it), QStyle (5 ms), QEvent's 180 types (no Python showEvent) and
# QDialog. `calendar` brings `locale`; only date arithmetic needs it. `dataclasses` is 3 ms
# (the window's settings and the centre's files are NamedTuples).
NOT_BEFORE_THE_SIGN_IN_WINDOW = {"Qt", "QStyle", "QEvent", "QDialog", "calendar", "dataclasses"}


def test_the_sign_in_window_shows_without_setting_up_what_it_does_not_use(
    closed_centre, tmp_path
) -> None:
    """Issue 23, item 1 (D370): the program as a person starts it, to the first paint of
    the sign-in window."""
    import json
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STMARYS_CONFIG_DIR=str(tmp_path / "config"))
    # The first start, which closes at once: it keeps the window's place, as every start
    # after a first one finds it (the very first start sizes the window from the screen).
    first = SIGN_IN_WINDOW_SHOWN.replace("return 0", "app.closeAllWindows(); return 0")
    run = [sys.executable, "-c", first, str(closed_centre)]
    subprocess.run(run, capture_output=True, env=env, timeout=120, check=True, cwd=PACKAGE.parent)
    assert (tmp_path / "config" / "window.json").is_file()
    out = subprocess.run(
        [sys.executable, "-c", SIGN_IN_WINDOW_SHOWN, str(closed_centre)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
        cwd=PACKAGE.parent,
    )
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert "QMainWindow" in found["made"] and "stmarys_desktop.ui.login" in found["modules"]
    early = (set(found["made"]) | set(found["modules"])) & NOT_BEFORE_THE_SIGN_IN_WINDOW
    assert early == set()


def test_every_disclosure_action_can_answer_a_request() -> None:
    """Issue 20 (D313): every outbound action's service takes the request it answers, so a
    disclosure started from the request log is linked to it."""
    import inspect

    from stmarys_desktop.services import disclosure

    actions = [
        disclosure.attendance_letter,
        disclosure.disclose_contact_details,
        disclosure.share_with_authorities,
        disclosure.request_proceedings_report,
        disclosure.book_assessment,
    ]
    assert [
        a.__name__ for a in actions if "info_request_id" not in inspect.signature(a).parameters
    ] == []
