"""The recovery sheet: the recovery key on paper, for the centre's safe (DESIGN.md section 4).

Printed straight to a printer, or saved as a PDF only where the person
chooses; nothing is written to a temporary file on the way.
"""

from __future__ import annotations

import os
from pathlib import Path

from stmarys_desktop.printing.document import (
    Paper,
    escape,
    gap,
    heading,
    lines,
    para,
    styles,
    title,
    together,
    write_pdf,
)

TITLE = "Recovery sheet"
MARK = "Confidential: keep this sheet in the centre's safe. Do not copy it"


def recovery_sheet_paper(centre_name: str, recovery_key: str, created_on: str) -> Paper:
    steps = (
        "Start the application and choose to recover an account with the recovery key.",
        "Type the key exactly as above; the dashes and letter case do not matter.",
        "Choose a new password for the account, then make a new backup.",
    )
    story = [
        title(f"{TITLE}: {centre_name}" if centre_name else TITLE),
        para(f"<b>{escape(MARK)}.</b>"),
        para(f"Centre created on {escape(created_on)}."),
        para(
            "This recovery key opens the centre's encrypted database when every password "
            "has been forgotten. Anyone who holds it can read everything the centre keeps, "
            "so keep it locked away."
        ),
        gap(2),
        para(escape(recovery_key), styles().key),
        gap(2),
        para(
            "<b>If every password and this recovery key are lost, the centre's data is lost "
            "for good. Nobody, including the suppliers of this application, can open it.</b>"
        ),
        heading("How to use it"),
        *(para(f"{number}. {escape(step)}") for number, step in enumerate(steps, 1)),
        gap(6),
        together(
            lines(
                ("Kept by (name)", "Signature", "Date placed in the safe"),
                (0.38, 0.37, 0.25),
                height_mm=14,
            )
        ),
    ]
    return Paper(TITLE, story, centre_name=centre_name, confidential=True, mark=MARK)


def write_recovery_sheet_pdf(
    path: str | os.PathLike[str], centre_name: str, recovery_key: str, created_on: str
) -> Path:
    return write_pdf(path, recovery_sheet_paper(centre_name, recovery_key, created_on))
