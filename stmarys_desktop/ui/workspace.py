"""The signed-in part of the window: who is signed in, the navigation, and the screens.

It is built for one session and thrown away when the window locks or the
person signs out, so nothing of one person's view survives for the next.
Only the screens the person's roles allow are built at all, and each of those only
when it is first opened (D401).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.alerts import BACKUP, CONCERNS, POLICY, RECORDS, RETENTION, STAFF_RECORD
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.screens.admin import AdminScreen
from stmarys_desktop.ui.screens.base import Host, Screen
from stmarys_desktop.ui.screens.calendar import CalendarScreen
from stmarys_desktop.ui.screens.families import FamiliesScreen
from stmarys_desktop.ui.screens.incidents import IncidentsScreen
from stmarys_desktop.ui.screens.policy import PolicyScreen
from stmarys_desktop.ui.screens.staff import StaffScreen
from stmarys_desktop.ui.screens.today import TodayScreen
from stmarys_desktop.ui.widgets import button, heading, named

# The navigation, in the order of DESIGN.md section 5.
SCREENS: list[type[Screen]] = [
    TodayScreen,
    FamiliesScreen,
    CalendarScreen,
    StaffScreen,
    IncidentsScreen,
    PolicyScreen,
    AdminScreen,
]


class Screens(Mapping[str, Screen]):
    """The screens the person may open, by title, each made the first time it is asked
    for: signing in builds the start screen alone, and a screen's tables and tabs cost
    their making when a person first goes to it."""

    def __init__(self, host: Host, types: list[type[Screen]], stack: QStackedWidget) -> None:
        self._host = host
        self._types = {screen_type.title: screen_type for screen_type in types}
        self._stack = stack
        self._made: dict[str, Screen] = {}

    def __getitem__(self, title: str) -> Screen:
        screen = self._made.get(title)
        if screen is None:
            screen = self._types[title](self._host)
            self._made[title] = screen
            self._stack.addWidget(screen)
        return screen

    def __contains__(self, title: object) -> bool:
        # Whether the person may open it, without making it (Mapping's own asks for it).
        return title in self._types

    def __iter__(self) -> Iterator[str]:
        return iter(self._types)

    def __len__(self) -> int:
        return len(self._types)

    def made(self) -> list[Screen]:
        """The screens made so far (what there is to clear)."""
        return list(self._made.values())


class Workspace(QWidget):
    def __init__(self, host: Host, session: Session) -> None:
        super().__init__()
        self.setAccessibleName("Signed-in window")
        self.centre = heading(session.centre_name, 1.2)
        self.person = QLabel(
            f"Signed in as {session.account.display_name} ({session.account.roles_label})"
        )
        self.person.setAccessibleName("Signed in as")
        self.person.setAccessibleDescription(self.person.text())
        self.lock_button = button("&Lock", "Lock", "Lock the window (Ctrl+L)")
        self.blank_button = button("&Blank screen", "Blank screen", "Hide everything at once (F12)")
        self.sign_out_button = button("Sign &out", "Sign out")
        for widget in (self.lock_button, self.blank_button, self.sign_out_button):
            widget.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        layout.addLayout(top)
        who = QVBoxLayout()
        top.addLayout(who, 1)
        who.addWidget(self.centre)
        who.addWidget(self.person)
        top.addWidget(self.lock_button)
        top.addWidget(self.blank_button)
        top.addWidget(self.sign_out_button)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        body = QHBoxLayout()
        layout.addLayout(body, 1)

        self.nav = named(QListWidget(), "Navigation")
        self.stack = named(QStackedWidget(), "Screen")
        self.screens = Screens(
            host, [kind for kind in SCREENS if session.can(kind.permission)], self.stack
        )
        for title in self.screens:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
            self.nav.addItem(item)
        # Room around each entry, in font units so it follows the scaling.
        self.nav.setStyleSheet("QListWidget::item { padding: 0.35em 0.6em; }")
        # As wide as the longest title, whatever the font and scaling.
        self.nav.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Expanding)
        self.nav.setMaximumWidth(
            self.nav.sizeHintForColumn(0)
            + 4 * self.nav.frameWidth()
            + self.fontMetrics().averageCharWidth() * 6
        )
        self.nav.currentRowChanged.connect(self._show_row)

        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        if self.nav.count():
            self.nav.setCurrentRow(0)

    @property
    def titles(self) -> list[str]:
        return list(self.screens)

    @property
    def current(self) -> Screen | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Screen) else None

    def go_to(self, title: str) -> None:
        if title in self.screens:
            self.nav.setCurrentRow(self.titles.index(title))

    def open_place(self, place: str, subject_id: int | None = None) -> None:
        """Open what a start-screen alert names (issue 18): the staff record, the backup
        button, the retention review, the concerns awaiting a decision, the policy."""
        screens = self.screens
        if place == STAFF_RECORD and "Staff" in screens and subject_id is not None:
            self.go_to("Staff")
            staff = screens["Staff"]
            staff.select(subject_id)  # type: ignore[attr-defined]
            staff.open_vetting()  # type: ignore[attr-defined]
        elif place in (BACKUP, RETENTION) and "Admin" in screens:
            self.go_to("Admin")
            admin = screens["Admin"]
            if place == RETENTION:
                admin.open_retention()  # type: ignore[attr-defined]
            else:
                admin.backup_button.setFocus()  # type: ignore[attr-defined]
        elif place in (CONCERNS, RECORDS) and "Incidents" in screens:
            self.go_to("Incidents")
            screens["Incidents"].show_section(  # type: ignore[attr-defined]
                "Concerns" if place == CONCERNS else "Records"
            )
        elif place == POLICY and "Policy" in screens:
            self.go_to("Policy")

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        screen = self.screens[self.titles[row]]
        self.stack.setCurrentWidget(screen)
        screen.refresh()

    def clear(self) -> None:
        for screen in self.screens.made():
            screen.clear()
