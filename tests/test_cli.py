"""The command line (DESIGN.md section 6), run as a person or a scheduled job would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import MANAGER, PASSWORD, pdf_text, run_cli


def one_line_error(result) -> str:
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def test_init_creates_a_centre_and_prints_the_recovery_key_once(tmp_path: Path) -> None:
    folder = tmp_path / "new-centre"
    result = run_cli(
        "init",
        "--data-dir",
        str(folder),
        "--centre",
        "Hollin Lane Centre",
        "--admin",
        "boss",
        password="first manager pw",
    )
    assert result.returncode == 0, result.stderr
    assert "RECOVERY KEY" in result.stdout
    key_line = [line.strip() for line in result.stdout.splitlines() if line.count("-") == 7]
    assert len(key_line) == 1 and len(key_line[0]) == 39
    assert (folder / "centre.db").exists() and (folder / "keystore.json").exists()
    slot = json.loads((folder / "keystore.json").read_text())["slots"][0]
    assert slot["kdf"] == {"t": 8, "m": 131072, "p": 4}  # the shipped defaults
    assert b"Hollin" not in (folder / "keystore.json").read_bytes()
    verified = run_cli(
        "verify", "--data-dir", str(folder), "--user", "boss", password="first manager pw"
    )
    assert verified.returncode == 0, verified.stderr


def test_data_dir_may_come_before_the_command(tmp_path: Path) -> None:
    folder = tmp_path / "given-first"
    elsewhere = tmp_path / "from-the-environment"  # where a lost --data-dir would lead
    env = {"STMARYS_DATA_DIR": str(elsewhere)}
    made = run_cli(
        "--data-dir",
        str(folder),
        "init",
        "--centre",
        "Tregarth Centre",
        "--admin",
        "boss",
        password="first manager pw",
        env=env,
    )
    assert made.returncode == 0, made.stderr
    assert (folder / "centre.db").exists() and not elsewhere.exists()
    verified = run_cli(
        "--data-dir", str(folder), "verify", "--user", "boss", password="first manager pw", env=env
    )
    assert verified.returncode == 0, verified.stderr
    # Given after the command, it still wins over the environment.
    after = run_cli(
        "verify",
        "--data-dir",
        str(folder),
        "--user",
        "boss",
        password="first manager pw",
        env=env,
        stdin="",
    )
    assert after.returncode == 0, after.stderr


def test_init_refuses_to_overwrite_a_centre(closed_centre: Path) -> None:
    before = (closed_centre / "centre.db").read_bytes()
    result = run_cli(
        "init",
        "--data-dir",
        str(closed_centre),
        "--centre",
        "Again",
        "--admin",
        "boss",
        password="first manager pw",
    )
    assert "already holds a centre" in one_line_error(result)
    assert (closed_centre / "centre.db").read_bytes() == before


def test_init_explains_a_folder_it_cannot_create(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli(
        "init",
        "--data-dir",
        str(blocker / "centre"),
        "--centre",
        "Nowhere",
        "--admin",
        "boss",
        password="first manager pw",
    )
    assert "cannot be created" in one_line_error(result)


def test_init_explains_a_folder_it_cannot_write(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root can write to any folder; the folder-under-a-file case covers it")
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o500)
    result = run_cli(
        "init",
        "--data-dir",
        str(folder),
        "--centre",
        "Nowhere",
        "--admin",
        "boss",
        password="first manager pw",
    )
    assert "cannot be written" in one_line_error(result)


def test_init_refuses_a_short_password_and_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "centre"
    result = run_cli(
        "init", "--data-dir", str(folder), "--centre", "Short", "--admin", "boss", password="short"
    )
    assert "at least 10 characters" in one_line_error(result)
    assert not (folder / "centre.db").exists()


def test_verify_reads_the_password_from_standard_input(closed_centre: Path) -> None:
    result = run_cli(
        "verify", "--data-dir", str(closed_centre), "--user", MANAGER, stdin=PASSWORD + "\n"
    )
    assert result.returncode == 0, result.stderr
    assert "All checks passed" in result.stdout


def test_a_password_file_with_a_windows_line_ending_works(closed_centre: Path) -> None:
    result = run_cli(
        "verify",
        "--data-dir",
        str(closed_centre),
        "--user",
        MANAGER,
        stdin=PASSWORD + "\r\nsecond line ignored\n",
    )
    assert result.returncode == 0, result.stderr


def test_an_empty_password_is_a_one_line_error(closed_centre: Path) -> None:
    result = run_cli("verify", "--data-dir", str(closed_centre), "--user", MANAGER, stdin="\n")
    assert "No password given" in one_line_error(result)


def test_a_wrong_password_and_an_unknown_user_read_the_same(closed_centre: Path) -> None:
    wrong = run_cli(
        "verify", "--data-dir", str(closed_centre), "--user", MANAGER, password="not the password"
    )
    assert "do not match" in one_line_error(wrong)
    again = run_cli(
        "verify", "--data-dir", str(closed_centre), "--user", "nobody", password="not the password"
    )
    # The second try comes too soon: it waits rather than revealing anything.
    assert "Wait" in one_line_error(again)


def test_a_missing_data_folder_is_named(tmp_path: Path) -> None:
    result = run_cli(
        "verify", "--data-dir", str(tmp_path / "nothing-here"), "--user", MANAGER, password=PASSWORD
    )
    assert "There is no centre" in one_line_error(result)


def test_backup_rekey_restore_round_trip(closed_centre: Path, tmp_path: Path) -> None:
    target = tmp_path / "nightly.stmbackup"
    made = run_cli(
        "backup",
        "--data-dir",
        str(closed_centre),
        "--user",
        MANAGER,
        "--to",
        str(target),
        password=PASSWORD,
    )
    assert made.returncode == 0, made.stderr
    assert "written and checked" in made.stdout and target.exists()
    rotated = run_cli(
        "rekey", "--data-dir", str(closed_centre), "--user", MANAGER, password=PASSWORD
    )
    assert rotated.returncode == 0, rotated.stderr
    restored = run_cli(
        "restore",
        "--data-dir",
        str(closed_centre),
        "--user",
        MANAGER,
        "--from",
        str(target),
        password=PASSWORD,
    )
    assert restored.returncode == 0, restored.stderr
    verified = run_cli(
        "verify", "--data-dir", str(closed_centre), "--user", MANAGER, password=PASSWORD
    )
    assert verified.returncode == 0, verified.stderr


def test_restore_refuses_a_corrupt_backup_with_one_line(
    closed_centre: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.stmbackup"
    bad.write_bytes(b"STMARYS-BACKUP\n\x00\x00\x00\x05{oops")
    result = run_cli(
        "restore",
        "--data-dir",
        str(closed_centre),
        "--user",
        MANAGER,
        "--from",
        str(bad),
        password=PASSWORD,
    )
    assert "damaged" in one_line_error(result)


def test_verify_fails_with_one_line_on_a_damaged_database(closed_centre: Path) -> None:
    path = closed_centre / "centre.db"
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF
    path.write_bytes(bytes(data))
    result = run_cli(
        "verify", "--data-dir", str(closed_centre), "--user", MANAGER, password=PASSWORD
    )
    assert "damaged" in one_line_error(result) and "restore" in result.stderr


def test_a_mistyped_command_is_one_line_and_exit_2() -> None:
    result = run_cli("backpu", "--user", MANAGER)
    assert result.returncode == 2
    assert "invalid choice" in one_line_error(result)


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("stmarys-desktop ")


def test_the_password_is_never_an_argument() -> None:
    result = run_cli("verify", "--user", MANAGER, "--password", PASSWORD)
    assert result.returncode == 2
    assert "unrecognized arguments" in one_line_error(result)
    assert PASSWORD not in result.stderr


# -- print acknowledgement-sheet (issue 8) -------------------------------------------------


def _has_every_clause(text: str) -> bool:
    from stmarys_desktop.domain.clauses import Clause

    return all(" ".join(clause.words.split()) in text for clause in Clause)


def test_print_acknowledgement_sheet_needs_no_centre_and_no_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)  # the command sets offscreen itself
    target = tmp_path / "sheet.pdf"
    result = run_cli(
        "print",
        "acknowledgement-sheet",
        "--to",
        str(target),
        "--data-dir",
        str(tmp_path / "no-centre-here"),
    )
    assert result.returncode == 0, result.stderr
    assert "policy shipped with the application" in result.stdout
    text = pdf_text(target)
    assert _has_every_clause(text)
    assert "St Mary's Contact Centre - Confidentiality Policy" in text
    assert "Name Signature Date" in text
    assert not (tmp_path / "no-centre-here").exists()


def test_print_acknowledgement_sheet_for_a_centre_uses_its_name_version_and_paper(
    closed_centre: Path, tmp_path: Path
) -> None:
    from stmarys_desktop.services import policy_documents
    from stmarys_desktop.services.auth import sign_in

    session = sign_in(closed_centre, MANAGER, PASSWORD)
    policy_documents.set_paper_size(session, "Letter")
    session.close()
    target = tmp_path / "centre-sheet.pdf"
    result = run_cli(
        "print",
        "acknowledgement-sheet",
        "--data-dir",
        str(closed_centre),
        "--user",
        MANAGER,
        "--to",
        str(target),
        stdin=PASSWORD + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert "version 1 of St Mary's Test Centre's policy, Letter" in result.stdout
    text = pdf_text(target)
    assert _has_every_clause(text)
    assert "St Mary's Test Centre - Confidentiality Policy" in text
    assert "St Mary's Contact Centre" not in text
    assert "Confidentiality Policy, version 1, effective" in text
    from pypdf import PdfReader

    box = PdfReader(target).pages[0].mediabox
    assert (round(box.width), round(box.height)) == (612, 792)


def test_print_acknowledgement_sheet_refusals_are_one_line(
    closed_centre: Path, tmp_path: Path
) -> None:
    wrong = run_cli(
        "print",
        "acknowledgement-sheet",
        "--data-dir",
        str(closed_centre),
        "--user",
        MANAGER,
        "--to",
        str(tmp_path / "a.pdf"),
        password="not it at all",
    )
    assert "do not match an account" in one_line_error(wrong)
    assert not (tmp_path / "a.pdf").exists()
    not_pdf = run_cli("print", "acknowledgement-sheet", "--to", str(tmp_path / "a.docx"))
    assert not_pdf.returncode == 2 and "PDF file" in one_line_error(not_pdf)
    nowhere = run_cli("print", "acknowledgement-sheet", "--to", str(tmp_path / "missing" / "a.pdf"))
    assert "folder that exists" in one_line_error(nowhere)
    nothing = run_cli("print")
    assert nothing.returncode == 2 and "DOCUMENT" in one_line_error(nothing)


def test_verify_compares_the_log_with_a_named_backup(closed_centre: Path, tmp_path: Path) -> None:
    """Issue 16, item 2: `verify --backup FILE`, after someone cut the log and re-sealed
    the key file, names the backup that shows the cut; a damaged one is said plainly."""
    from stmarys_desktop.services.auth import sign_in
    from stmarys_desktop.services.maintenance import backup
    from stmarys_desktop.store import audit
    from tests.unit.test_audit_chain import cut_tail, fill

    session = sign_in(closed_centre, MANAGER, PASSWORD)
    fill(session, 6)
    made = backup(session, tmp_path / "kept-in-the-safe.stmbackup")
    good = run_cli(
        "verify",
        "--data-dir",
        str(closed_centre),
        "--user",
        MANAGER,
        "--backup",
        str(made.path),
        password=PASSWORD,
    )
    assert good.returncode == 0 and "agree with 1 backup" in good.stdout, good.stderr
    cut_tail(session, 4)
    session.centre.update_keystore(lambda ks: ks.set_anchor(*audit.tail(session.centre.conn)))
    session.close()
    result = run_cli(
        "verify",
        "--data-dir",
        str(closed_centre),
        "--user",
        MANAGER,
        "--backup",
        str(made.path),
        password=PASSWORD,
    )
    error = one_line_error(result)
    assert "kept-in-the-safe.stmbackup" in error and "differs from the copy in the backup" in error
    missing = run_cli(
        "verify",
        "--data-dir",
        str(closed_centre),
        "--user",
        MANAGER,
        "--backup",
        str(tmp_path / "no-such.stmbackup"),
        password=PASSWORD,
    )
    assert "There is no backup file at" in one_line_error(missing)
