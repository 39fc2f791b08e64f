"""The start screen: alerts from the services and today's sessions (DESIGN.md section 5)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QTableWidget,
    QVBoxLayout,
)

from stmarys_desktop.domain.alerts import INFO, URGENT, WARNING, Alert
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services.alerts import alerts
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.screens.base import Host, Screen
from stmarys_desktop.ui.widgets import named, paragraph

SESSION_COLUMNS = ["Time", "Family", "Rooms", "Arrives first", "Leaves first", "Staff on duty"]
# Words as well as order, so severity never depends on colour alone.
PREFIX = {URGENT: "Urgent: ", WARNING: "Warning: "}
NO_ALERTS = "No alerts today."
ICONS = {URGENT: QStyle.StandardPixmap.SP_MessageBoxCritical,
         WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
         INFO: QStyle.StandardPixmap.SP_MessageBoxInformation}


class TodayScreen(Screen):
    title = "Today"
    permission = Permission.VIEW_TODAY

    def __init__(self, host: Host, today: Callable[[], date] = date.today) -> None:
        super().__init__(host)
        self._today = today
        self.date_line = paragraph("", "Date")
        self.content.addWidget(self.date_line)

        alerts_box = QGroupBox("Alerts")
        alerts_box.setAccessibleName("Alerts")
        self.alerts = named(QListWidget(), "Alerts list")
        self.alerts.setWordWrap(True)
        self.alerts.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        box_layout = QVBoxLayout(alerts_box)
        box_layout.addWidget(self.alerts)
        self.content.addWidget(alerts_box, 1)

        sessions_box = QGroupBox("Today's sessions")
        sessions_box.setAccessibleName("Today's sessions")
        self.sessions = named(QTableWidget(0, len(SESSION_COLUMNS)), "Today's sessions table")
        self.sessions.setHorizontalHeaderLabels(SESSION_COLUMNS)
        self.sessions.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.sessions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sessions_note = paragraph(
            "Bookings and the day's register arrive in a later release, so no sessions "
            "are listed yet.", "About today's sessions")
        sessions_layout = QVBoxLayout(sessions_box)
        sessions_layout.addWidget(self.sessions)
        sessions_layout.addWidget(self.sessions_note)
        self.content.addWidget(sessions_box, 2)

    def refresh(self) -> None:
        session = self.session
        if session is None:
            return
        today = self._today()
        self.date_line.setText(f"{today:%A} {today.day} {today:%B %Y}")
        try:
            found = alerts(session, today)
        except Exception as exc:
            found = [Alert(WARNING, "The alerts could not be checked: " + plain_text(exc))]
        self.show_alerts(found)

    def show_alerts(self, found: list[Alert]) -> None:
        self.alerts.clear()
        for alert in found or []:
            item = QListWidgetItem(PREFIX.get(alert.severity, "") + alert.text)
            item.setIcon(self.style().standardIcon(ICONS[alert.severity]))
            self.alerts.addItem(item)
        if not found:
            self.alerts.addItem(QListWidgetItem(NO_ALERTS))

    def alert_texts(self) -> list[str]:
        return [self.alerts.item(row).text() for row in range(self.alerts.count())]

    def clear(self) -> None:
        self.alerts.clear()
        self.sessions.setRowCount(0)
        self.date_line.clear()
