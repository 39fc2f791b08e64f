"""The disposal certificate: what was disposed of, never what it said (clause viii)."""

from __future__ import annotations

from stmarys_desktop.domain.dates import long_stamp
from stmarys_desktop.domain.retention import Certificate, counted
from stmarys_desktop.printing.document import (
    Paper,
    escape,
    gap,
    lines,
    para,
    plural,
    table,
    title,
    together,
)

TITLE = "Certificate of disposal"


def disposal_certificate_paper(certificate: Certificate) -> Paper:
    """`certificate.authorised_by` is the manager's name as the certificate prints it."""
    rows = [
        (
            escape(item.reference),
            escape(item.category.capitalize()),
            escape(long_stamp(item.last_used_on)),
            escape(item.summary),
        )
        for item in certificate.items
    ]
    totals: dict[str, int] = {}
    for item in certificate.items:
        for what, count in item.counts.items():
            totals[what] = totals.get(what, 0) + count
    in_words = (
        ", ".join(counted(count, what) for what, count in sorted(totals.items()) if count)
        or "nothing"
    )
    heading = f"{TITLE}: {certificate.centre_name}" if certificate.centre_name else TITLE
    story = [
        title(heading),
        para(
            f"Disposal number {certificate.batch}, "
            f"{escape(long_stamp(certificate.disposed_at))}, authorised by "
            f"{escape(certificate.authorised_by)}."
        ),
        para(
            f"{escape(certificate.policy_says)} The records below had not been used for "
            "three years. They were deleted in one transaction with secure deletion, and the "
            "database's free space was cleared afterwards. The accident book is kept, as the "
            "policy requires."
        ),
        table(
            ("Record", "Kind", "Last used", "What it held"),
            rows,
            (0.19, 0.1, 0.19, 0.52),
            "No records were disposed of.",
        ),
        gap(3),
        # The totals and the signature stay together: nobody signs a page of lines alone.
        together(
            para(
                f"{escape(plural(len(certificate.items), 'record'))}, holding in all "
                f"{escape(in_words)}."
            ),
            para(
                "Backups made before this date still hold these records until the backups "
                "are deleted."
            ),
            gap(4),
            lines(("Signed (manager)", "Name", "Date"), (0.4, 0.4, 0.2), height_mm=14),
        ),
    ]
    return Paper(
        heading,
        story,
        centre_name=certificate.centre_name,
        confidential=True,
        footer_note=f"{certificate.centre_name}. Disposal number {certificate.batch}",
    )
