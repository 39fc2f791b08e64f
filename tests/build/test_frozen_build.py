"""The PyInstaller one-folder build (issue 10): build it once, then run the built program
headless (offscreen Qt) the way a centre would: version, a printed PDF, a new encrypted
centre, verify, and portable mode (a `portable.txt` beside the executable)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT, pdf_text

pytestmark = [pytest.mark.slow, pytest.mark.build, pytest.mark.timeout(900)]

NAME = "stmarys-desktop"
PASSWORD = "a long test password for the build"
RUN_TIMEOUT = 120


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built executable, from `pyinstaller --noconfirm build.spec` into a temp folder."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip('PyInstaller is not installed: pip install -e ".[test]" (or ".[build]")')
    if sys.platform.startswith("linux") and shutil.which("objdump") is None:
        pytest.skip(
            "PyInstaller needs objdump on Linux: install binutils (sudo apt-get install binutils)"
        )
    out = tmp_path_factory.mktemp("pyinstaller")
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "work"),
            str(ROOT / "build.spec"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=800,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    print(f"PyInstaller build took {time.monotonic() - started:.0f} s")
    exe = out / "dist" / NAME / (NAME + (".exe" if sys.platform == "win32" else ""))
    assert exe.is_file()
    return exe


def _run(
    exe: Path, *args: str, home: Path, password: bool = False, data_env: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("STMARYS_") and key != "PYTHONPATH"
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "xdg-data"),
        XDG_CONFIG_HOME=str(home / "xdg-config"),
    )
    if data_env:
        env["STMARYS_CONFIG_DIR"] = str(home / "config")
    if password:
        env["STMARYS_PASSWORD"] = PASSWORD
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=home,
        stdin=subprocess.DEVNULL,
        timeout=RUN_TIMEOUT,
    )


def test_the_built_program_prints_its_version(built: Path, tmp_path: Path) -> None:
    from stmarys_desktop import __version__

    result = _run(built, "--version", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert __version__ in result.stdout


def test_the_built_program_finds_its_resources_and_prints_a_pdf(
    built: Path, tmp_path: Path
) -> None:
    target = tmp_path / "sheet.pdf"
    result = _run(built, "print", "acknowledgement-sheet", "--to", str(target), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert target.is_file()
    assert "Confidentiality" in pdf_text(target)
    # The document font travels with the program, and the PDF is set in it.
    from pypdf import PdfReader

    assert list(built.parent.rglob("resources/fonts/DejaVuSans.ttf"))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(target).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans" in name for name in fonts), fonts
    # A printer and the print preview draw the PDF's pages with pdfium (issue 21): its
    # library travels with the program too.
    assert [
        path for path in built.parent.rglob("*pdfium*") if path.suffix in {".so", ".dll", ".dylib"}
    ], "pdfium is not in the bundle"


def test_the_built_program_makes_opens_and_verifies_an_encrypted_centre(
    built: Path, tmp_path: Path
) -> None:
    centre = tmp_path / "centre"
    made = _run(
        built,
        "init",
        "--data-dir",
        str(centre),
        "--centre",
        "Test",
        "--admin",
        "boss",
        home=tmp_path,
        password=True,
    )
    assert made.returncode == 0, made.stderr
    assert (centre / "centre.db").is_file()
    # SQLCipher: the file on disk is not a plain SQLite database.
    assert not (centre / "centre.db").read_bytes().startswith(b"SQLite format 3")

    checked = _run(
        built, "verify", "--data-dir", str(centre), "--user", "boss", home=tmp_path, password=True
    )
    assert checked.returncode == 0, checked.stderr

    # Signed in, the sheet carries the centre's own policy, read from the encrypted store.
    target = tmp_path / "centre-sheet.pdf"
    printed = _run(
        built,
        "print",
        "acknowledgement-sheet",
        "--data-dir",
        str(centre),
        "--user",
        "boss",
        "--to",
        str(target),
        home=tmp_path,
        password=True,
    )
    assert printed.returncode == 0, printed.stderr
    assert "Confidentiality" in pdf_text(target)


def test_portable_txt_keeps_the_centre_beside_the_executable(built: Path, tmp_path: Path) -> None:
    marker = built.parent / "portable.txt"
    marker.write_text("Data is kept in data/ beside the program.\n", encoding="utf-8")
    try:
        made = _run(
            built,
            "init",
            "--centre",
            "Portable",
            "--admin",
            "boss",
            home=tmp_path,
            password=True,
            data_env=False,
        )
        assert made.returncode == 0, made.stderr
        data = built.parent / "data"
        assert (data / "centre.db").is_file()
        assert (data / "keystore.json").is_file()
        assert not (tmp_path / "xdg-data").exists()

        checked = _run(
            built, "verify", "--user", "boss", home=tmp_path, password=True, data_env=False
        )
        assert checked.returncode == 0, checked.stderr
    finally:
        marker.unlink(missing_ok=True)
