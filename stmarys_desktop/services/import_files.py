"""Reading the spreadsheets centres keep today (.xlsx and .csv), and the values in them.

Headless: no Qt. openpyxl is imported only when a workbook is read or written, so
starting the application never pays for it. Nothing read here is written anywhere:
the cells stay in memory until the import is done (clause vii, decisions.md D183).
Every refusal is one plain sentence (InvalidInput) naming the file, never a cell's
contents.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from stmarys_desktop.domain.errors import InvalidInput

ROW_LIMIT = 20_000  # rows in one sheet; a bigger file is refused before it is read (D186)
BYTE_LIMIT = 50 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
CSV_ENCODINGS = ("utf-8", "cp1252")  # after a byte-order mark; latin-1 last (D182)


@dataclass
class Sheet:
    """One sheet (or one CSV file): its name and its non-blank rows, each with the
    row number a person sees in their spreadsheet program."""

    name: str
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    from_csv: bool = False


def _refuse(path: Path, why: str) -> InvalidInput:
    return InvalidInput(f"{path.name} {why} Nothing was imported.")


def read_file(path: Path) -> list[Sheet]:
    """The sheets of an .xlsx workbook or a .csv file, blank rows left out."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise _refuse(path, "is not there any more.") from None
    except OSError:
        raise _refuse(path, "cannot be opened (check it is not open in another program).") from None
    if size == 0:
        raise _refuse(path, "is empty.")
    if size > BYTE_LIMIT:
        raise _refuse(
            path,
            f"is larger than {BYTE_LIMIT // (1024 * 1024)} MB, more than one "
            "import takes; split it into smaller files.",
        )
    if head.startswith(_OLE):
        data = path.read_bytes()
        if _ENCRYPTED in data:
            raise _refuse(
                path,
                "is protected by a password. Open it in your spreadsheet "
                "program, remove the password, save it and import it again.",
            )
        raise _refuse(
            path,
            "is an old Excel (.xls) or other Office file. Save it as an "
            "Excel workbook (.xlsx) or as CSV and import that.",
        )
    if head.startswith(_ZIP):
        return _read_workbook(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise _refuse(path, "is damaged or not a complete Excel workbook.")
    if path.suffix.lower() not in (".csv", ".txt", ".tsv"):
        raise _refuse(
            path,
            "is not a spreadsheet this program reads: choose an Excel "
            "workbook (.xlsx) or a CSV file (.csv).",
        )
    return [_read_csv(path)]


# -- workbooks -----------------------------------------------------------------------------


def _read_workbook(path: Path) -> list[Sheet]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        raise _refuse(path, "is damaged or not a complete Excel workbook.") from None
    if "xl/workbook.xml" not in names:
        raise _refuse(
            path,
            "is not an Excel workbook (it may be a Word or other document). "
            "Choose an .xlsx or .csv file.",
        )
    try:
        # Streaming, which reads a large workbook about half again as fast as a full load;
        # the size of each sheet is known before its rows are read.
        book = load_workbook(path, read_only=True, data_only=True)
        sheets = []
        for ws in book.worksheets:
            if (ws.max_row or 0) > ROW_LIMIT + 50:
                raise _refuse(
                    path,
                    f"has {ws.max_row:,} rows on the sheet {ws.title!r}; one "
                    f"import takes at most {ROW_LIMIT:,}. Split it into "
                    "smaller files.",
                )
            grid = []
            for row in ws.iter_rows(values_only=True):
                grid.append(list(row))
                if len(grid) > ROW_LIMIT + 50:
                    raise _refuse(
                        path,
                        f"has more than {ROW_LIMIT:,} rows on the sheet "
                        f"{ws.title!r}; one import takes at most "
                        f"{ROW_LIMIT:,}. Split it into smaller files.",
                    )
            _fill_merged(grid, _merged_ranges(path, ws._worksheet_path))
            sheets.append(
                Sheet(
                    ws.title, [(n, row) for n, row in enumerate(grid, start=1) if not _blank(row)]
                )
            )
        book.close()
    except InvalidInput:
        raise
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
        OSError,
        EOFError,
        AttributeError,
        IndexError,
    ):
        raise _refuse(path, "is damaged and cannot be read as a workbook.") from None
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        if type(exc).__module__.startswith(("openpyxl", "xml", "lxml", "et_xmlfile")):
            raise _refuse(path, "is damaged and cannot be read as a workbook.") from None
        raise
    return sheets


def _merged_ranges(path: Path, member: str) -> list[tuple[int, int, int, int]]:
    """The merged blocks of one sheet (openpyxl's streaming reader skips them), as
    (min_col, min_row, max_col, max_row)."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import range_boundaries

    found: list[tuple[int, int, int, int]] = []
    with zipfile.ZipFile(path) as archive:
        if not _mentions(archive, member.lstrip("/"), b"mergeCell"):
            return found  # most sheets: no second parse of every row (D344)
        with archive.open(member.lstrip("/")) as handle:
            for _, element in iterparse(handle):  # noqa: S314
                if element.tag.endswith("}mergeCell") and element.get("ref"):
                    found.append(range_boundaries(element.get("ref")))
                elif element.tag.endswith("}row"):
                    element.clear()
    return found


def _mentions(archive: zipfile.ZipFile, member: str, word: bytes) -> bool:
    """Whether the member's bytes hold `word` anywhere, read a megabyte at a time."""
    tail = b""
    with archive.open(member) as handle:
        while chunk := handle.read(1 << 20):
            if word in tail + chunk:
                return True
            tail = chunk[-(len(word) - 1) :]
    return False


def _fill_merged(grid: list[list[object]], blocks: list[tuple[int, int, int, int]]) -> None:
    """A merged block shows its value in every cell it covers, as a person sees it."""
    for min_col, min_row, max_col, max_row in blocks:
        if min_row - 1 >= len(grid):
            continue
        top_row = grid[min_row - 1]
        top = top_row[min_col - 1] if min_col - 1 < len(top_row) else None
        for r in range(min_row - 1, min(max_row, len(grid))):
            row = grid[r]
            while len(row) < max_col:
                row.append(None)
            for c in range(min_col - 1, max_col):
                row[c] = top


# -- CSV -----------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Text of a CSV file: a byte-order mark says the encoding; otherwise UTF-8, then
    Windows-1252 (what Excel's "CSV" writes on a UK PC), then Latin-1 (D182)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_csv(path: Path) -> Sheet:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refuse(
            path,
            "is not a spreadsheet this program reads: choose an Excel "
            "workbook (.xlsx) or a CSV file (.csv).",
        )
    text = decode(data)
    sample = text[:20_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if "\t" in sample and "," not in sample else csv.excel
    rows = []
    for n, row in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1):
        if n > ROW_LIMIT + 50:
            raise _refuse(
                path,
                f"has more than {ROW_LIMIT:,} rows; one import takes at most "
                f"{ROW_LIMIT:,}. Split it into smaller files.",
            )
        if not _blank(row):
            rows.append((n, list(row)))
    return Sheet(path.stem, rows, from_csv=True)


def _blank(row: list[object] | tuple[object, ...]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


# -- values ---------------------------------------------------------------------------------

_MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_WORDY_DATE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[ \-]([A-Za-z]+)\.?,?[ \-](\d{2}|\d{4})$")
_EXCEL_EPOCH = date(1899, 12, 30)


class NotAValue(ValueError):
    """A cell that cannot be read as what its column holds; the text says why."""


def text(value: object) -> str:
    """A cell as text: spaces at either end dropped, a whole number without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return unicodedata.normalize("NFC", str(value)).strip()


def _year(two_or_four: str, today: date) -> int:
    year = int(two_or_four)
    if len(two_or_four) == 4:
        return year
    # d.m.yy: the nearest century that is not more than ten years ahead (D184).
    return 2000 + year if 2000 + year <= today.year + 10 else 1900 + year


def a_date(value: object, today: date) -> date | None:
    """UK dates as people type them (dd/mm/yyyy, d.m.yy, 3 March 2019, 2019-03-03),
    a date cell, or an Excel serial number. Blank is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2_958_466:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise NotAValue(f"{text(value)} is not a date")
    shown = text(value)
    try:
        if match := _NUMERIC_DATE.match(shown):
            day, month, year = match.groups()
            return date(_year(year, today), int(month), int(day))
        if match := _ISO_DATE.match(shown):
            year, month, day = match.groups()
            return date(int(year), int(month), int(day))
        if match := _WORDY_DATE.match(shown):
            day, month_name, year = match.groups()
            month = _MONTHS.get(month_name.casefold())
            if month:
                return date(_year(year, today), month, int(day))
        if shown.isdigit() and 5 <= len(shown) <= 6:  # a serial number stored as text
            return _EXCEL_EPOCH + timedelta(days=int(shown))
    except ValueError:
        pass
    raise NotAValue(f"{shown} is not a date")


_YES = {"y", "yes", "true", "1", "x", "✓", "✔", "ticked"}
_NO = {"n", "no", "false", "0", "-", "none"}


def yes_no(value: object, default: bool = False) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    shown = text(value).casefold().rstrip(".")
    if not shown:
        return default
    if shown in _YES:
        return True
    if shown in _NO:
        return False
    raise NotAValue(f"{text(value)} is not yes or no (Y/N)")


_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::00)?\s*(am|pm)?$", re.IGNORECASE)


def a_time(value: object) -> str:
    """A clock time as 'HH:MM': a time cell, 10:00, 10.00, 2:30pm, or Excel's fraction."""
    from datetime import time as clock

    if isinstance(value, datetime):
        value = value.time()
    if isinstance(value, clock):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    shown = text(value)
    match = _TIME.match(shown)
    if match:
        hour, minute, half = int(match.group(1)), int(match.group(2)), match.group(3)
        if half and half.lower() == "pm" and hour < 12:
            hour += 12
        if half and half.lower() == "am" and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise NotAValue(f"{shown or 'a blank'} is not a time like 10:00")


def telephone(value: object) -> str:
    """A telephone number; a number cell that lost its leading 0 gets it back (D185)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = text(value)
        return "0" + digits if len(digits) == 10 and digits[0] in "1237" else digits
    return text(value)


def delete_file(path: Path) -> None:
    """Delete the spreadsheet after an import, when the person asks (D187)."""
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError:
        raise InvalidInput(
            f"{path.name} could not be deleted (it may be open in another "
            "program). Close it and delete it yourself."
        ) from None
