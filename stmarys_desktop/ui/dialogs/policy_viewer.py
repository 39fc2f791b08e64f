"""The policy viewer (clause ix): anyone signed in, from every screen, with Shift+F1
(F1 is the guide to the screen, issue 18), or from the help.

It shows the text as it is printed, any version of either document. It is
not modal, so it can stay open beside the work; locking closes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.dates import long_date
from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.domain.policy_documents import DocumentKind, PolicyVersion
from stmarys_desktop.printing.policy_text import policy_html
from stmarys_desktop.services import policy_documents as policy
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.offers import cited
from stmarys_desktop.ui.sizing import Dialog, want
from stmarys_desktop.ui.widgets import MessageLabel, close_buttons, named, paragraph

TITLE = "Confidentiality Policy"


def version_label(version: PolicyVersion, newer: PolicyVersion | None) -> str:
    """ "Version 2, in effect from 1 October 2026 (current)", or until the next one."""
    if newer is None:
        return (
            f"Version {version.number}, in effect from {long_date(version.effective_on)} (current)"
        )
    return (
        f"Version {version.number}, {long_date(version.effective_on)} to "
        f"{long_date(newer.effective_on)}"
    )


def version_details(version: PolicyVersion) -> str:
    words = (
        f"{version.document.label}, version {version.number}: in effect from "
        f"{long_date(version.effective_on)}; published by {version.published_by}."
    )
    return words + (f" {version.note}" if version.note else "")


class PolicyText(QTextBrowser):
    """The policy's text as printed, read-only, reachable and readable by keyboard."""

    def __init__(self, name: str = "Policy text") -> None:
        super().__init__()
        named(self, name)
        self.setOpenLinks(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )

    def show_version(self, version: PolicyVersion | None) -> None:
        if version is None:
            self.clear()
            return
        self.setHtml(policy_html(version.text))
        self.setAccessibleDescription(version.title)


class VersionChooser(QWidget):
    """Which document and which version: the current one first, earlier ones below it."""

    def __init__(self) -> None:
        super().__init__()
        self.document = named(QComboBox(), "Document")
        self.version = named(QComboBox(), "Version")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, field in (("&Document:", self.document), ("&Version:", self.version)):
            label = QLabel(text)
            label.setBuddy(field)
            layout.addWidget(label)
            layout.addWidget(field)
        layout.addStretch(1)
        self.versions: list[PolicyVersion] = []

    def set_documents(self, kinds: list[DocumentKind]) -> None:
        chosen = self.kind
        self.document.blockSignals(True)
        self.document.clear()
        for kind in kinds:
            self.document.addItem(kind.label, kind)
        index = self.document.findData(chosen) if chosen in kinds else 0
        self.document.setCurrentIndex(max(index, 0))
        self.document.blockSignals(False)

    @property
    def kind(self) -> DocumentKind | None:
        data = self.document.currentData()  # Qt hands an enum back as its plain value
        return DocumentKind(data) if data else None

    def set_versions(self, versions: list[PolicyVersion]) -> None:
        self.versions = versions
        self.version.blockSignals(True)
        self.version.clear()
        for index, version in enumerate(versions):
            self.version.addItem(
                version_label(version, versions[index - 1] if index else None), version.number
            )
        self.version.blockSignals(False)

    @property
    def chosen(self) -> PolicyVersion | None:
        index = self.version.currentIndex()
        return self.versions[index] if 0 <= index < len(self.versions) else None


class PolicyViewer(Dialog):
    def __init__(self, parent: QWidget | None, session: Session) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(TITLE)
        self.setAccessibleName("Policy viewer")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.chooser = VersionChooser()
        self.details = paragraph("", "About this version")
        self.text = PolicyText()
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(
            paragraph(
                cited(
                    session,
                    "The centre's policies, as printed. Anyone may ask to see them (clause ix).",
                ),
                "About the policy viewer",
            )
        )
        layout.addWidget(self.chooser)
        layout.addWidget(self.details)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.message)
        layout.addWidget(close_buttons(self))
        self.chooser.document.currentIndexChanged.connect(self._load_versions)
        self.chooser.version.currentIndexChanged.connect(self._show_chosen)
        want(self, 100, 40)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.chooser.set_documents(policy.documents(self._session))
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            return
        self._load_versions()

    def _load_versions(self, *_: object) -> None:
        kind = self.chooser.kind
        if kind is None:
            return
        try:
            self.chooser.set_versions(policy.versions(self._session, kind))
        except StMarysError as exc:
            self.message.show_error(plain_text(exc))
            return
        self._show_chosen()

    def _show_chosen(self, *_: object) -> None:
        version = self.chooser.chosen
        self.text.show_version(version)
        self.details.setText(version_details(version) if version else "")
        self.setWindowTitle(version.document.label if version else TITLE)


def open_policy_viewer(window: QWidget) -> PolicyViewer | None:
    """Show the viewer for whoever is signed in at `window` (one at a time)."""
    session = getattr(window, "session", None)
    if session is None:
        return None
    for existing in window.findChildren(PolicyViewer):
        if existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
    viewer = PolicyViewer(window, session)
    viewer.show()
    viewer.raise_()
    viewer.activateWindow()
    viewer.text.setFocus()
    return viewer
