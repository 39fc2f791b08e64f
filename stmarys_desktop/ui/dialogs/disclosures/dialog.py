"""Everything that may leave the centre about one family (DESIGN.md section 2).

Each action is a button that is always visible (`actions`). The records the policy rests
on, written consents (`consents`) and assessment agreements (`agreements`), are kept here
as well, together with the family's disclosure history (`history`) and the requests that
arrive (`requests`). After any form, the whole dialog is read again: a consent recorded on
one tab changes what may go out.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QSizePolicy, QTabWidget, QVBoxLayout, QWidget

from stmarys_desktop.domain.families import Family
from stmarys_desktop.services import disclosure, families
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.dialogs.disclosures.actions import ActionsBox
from stmarys_desktop.ui.dialogs.disclosures.agreements import AgreementsTab
from stmarys_desktop.ui.dialogs.disclosures.common import FamilyForms
from stmarys_desktop.ui.dialogs.disclosures.consents import ConsentsTab
from stmarys_desktop.ui.dialogs.disclosures.history import HistoryTab
from stmarys_desktop.ui.dialogs.disclosures.requests import RequestsRow
from stmarys_desktop.ui.dialogs.request_log import RequestLogPanel
from stmarys_desktop.ui.forms import SavePath, ask_save_path
from stmarys_desktop.ui.offers import fit_to_screen, show_decision
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.widgets import heading, named, paragraph


class DisclosuresDialog(Dialog):
    def __init__(
        self,
        parent: QWidget | None,
        session: Session,
        family_id: int,
        *,
        save_path: SavePath = ask_save_path,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.family_id = family_id
        family = families.open_family(session, family_id)
        self.forms = FamilyForms(self, session, family, save_path, self.refresh)
        title = f"Disclosures: {family.reference}"
        self.setWindowTitle(title)
        self.setAccessibleName("Disclosures")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 1.2))
        layout.addWidget(
            paragraph(
                "Nothing about a family leaves the centre except through these actions. An "
                "action the Confidentiality Policy does not allow stays disabled, and the line "
                "beside it says which clause and what is missing."
            )
        )
        self.requests = RequestsRow(self.forms)
        self.actions = ActionsBox(self.forms, self.requests)
        layout.addWidget(self.actions)

        # The three lists on tabs, so that every action's reason has room beside its
        # button even on a 768-pixel screen at 150 % (issue 18); when the screen is short,
        # the tables give way first, not the reasons.
        self.consents = ConsentsTab(self.forms)
        self.agreements = AgreementsTab(self.forms)
        self.history = HistoryTab(self.forms)
        # The family's request log: each request answered from here (issue 20, D313).
        self.request_log = RequestLogPanel(
            session, family_id, save_path=save_path, answer=self.actions.answer
        )
        self.lists = named(QTabWidget(), "Consents, agreements and history")
        self.lists.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.lists.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.lists.addTab(self.consents, "Written &consents")
        self.lists.addTab(self.agreements, "Assessment a&greements")
        self.lists.addTab(self.history, "Disclosure &history")
        self.lists.addTab(self.request_log, "Re&quests for information")
        layout.addWidget(self.lists, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        named(close.button(QDialogButtonBox.StandardButton.Close), "Close")
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.refresh(family)
        # Wide enough for each action's reason on a line or two beside its button (sized
        # once the reasons are in, so their wrapped height counts).
        fit_to_screen(self, 160, 46)

    @property
    def family(self) -> Family:
        return self.forms.family

    def refresh(self, family: Family | None = None) -> None:
        """Everything on the dialog read again, once each (the family just opened may be
        passed in: opening it counts as a use, so it is not opened twice)."""
        self.forms.family = family or families.open_family(self.session, self.family_id)
        offers = disclosure.offers(self.session, self.family_id)
        self.actions.refresh(offers.actions)
        for widget in [*self.consents.buttons(), self.agreements.record_button]:
            show_decision(widget, offers.keep_records)
        self.requests.refresh(offers.log_requests)
        self.consents.refresh(offers.consents)
        self.agreements.refresh(offers.agreements)
        self.history.refresh()
        self.request_log.load()
