"""The recovery sheet: the recovery key on paper, for the centre's safe (DESIGN.md section 4).

Printed straight to a printer, or saved as a PDF only where the person
chooses; nothing is written to a temporary file on the way.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPagedPaintDevice, QTextDocument

from stmarys_desktop.printing.document import escape, layout, page_layout, write_paged_pdf

TITLE = "Recovery sheet"
MARGINS_MM = QMarginsF(20, 20, 20, 20)


def recovery_sheet_html(centre_name: str, recovery_key: str, created_on: str) -> str:
    centre = escape(centre_name)
    key = escape(recovery_key)
    when = escape(created_on)
    return f"""
<h1>{TITLE}: {centre}</h1>
<p><b>CONFIDENTIAL - keep this sheet in the centre's safe. Do not copy it.</b></p>
<p>Centre created on {when}.</p>
<p>This recovery key opens the centre's encrypted database when every password has been
forgotten. Anyone who holds it can read everything the centre keeps, so keep it locked away.</p>
<p style="font-size: 16pt; font-family: 'DejaVu Sans Mono', monospace;
white-space: pre;"><b>{key}</b></p>
<p><b>If every password and this recovery key are lost, the centre's data is lost for good.
Nobody, including the suppliers of this application, can open it.</b></p>
<h2>How to use it</h2>
<ol>
<li>Start the application and choose to recover an account with the recovery key.</li>
<li>Type the key exactly as above; the dashes and letter case do not matter.</li>
<li>Choose a new password for the account, then make a new backup.</li>
</ol>
<p>Kept by: ______________________ &nbsp;&nbsp; Date placed in the safe: ____________</p>
"""


def recovery_sheet_document(centre_name: str, recovery_key: str, created_on: str,
                            device: QPagedPaintDevice) -> QTextDocument:
    """The sheet laid out for `device`, paginated to its printable area."""
    return layout(recovery_sheet_html(centre_name, recovery_key, created_on), device,
                  point_size=11)


def print_recovery_sheet(device: QPagedPaintDevice, centre_name: str, recovery_key: str,
                         created_on: str) -> None:
    """Render onto a printer or PDF writer whose page layout is already set."""
    recovery_sheet_document(centre_name, recovery_key, created_on, device).print_(device)


def write_recovery_sheet_pdf(path: str | os.PathLike[str], centre_name: str,
                             recovery_key: str, created_on: str) -> Path:
    return write_paged_pdf(path, TITLE, page_layout("A4", MARGINS_MM),
                           lambda writer: print_recovery_sheet(writer, centre_name,
                                                               recovery_key, created_on))
