"""What the family and register windows share: offering only what the roles allow,
read-only tables over a model, and a first size in font units.

"Every action that the policy refuses is visible but disabled, with the reason
as tooltip and status text" (DESIGN.md section 5): `show_decision` renders a
service's `Decision` so, and `Refusals` is the status text that lists the reasons
on the page. The services write every reason, a screen's "choose a row first" too
(issue 17): a widget never decides or words a refusal itself. The service still
makes the real check when the action is done.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSize, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QWidget

from stmarys_desktop.domain.clauses import Clause
from stmarys_desktop.domain.decisions import Decision
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services import policy_documents
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import sizing
from stmarys_desktop.ui.models.base import ROW_ROLE, SORT_ROLE
from stmarys_desktop.ui.tables import ListTableView, fit_columns, wrap_rows
from stmarys_desktop.ui.widgets import named

FIT_ROWS = 60


def cited(session: Session, text: str) -> str:
    """A sentence of the screen's with its clauses named as the version in force names
    them ("(clause iv)" becomes "(clause 2.5)" under a version that numbers it so)."""
    return policy_documents.in_force_words(session, text)


def may(
    session: Session, permission: Permission, doing: str, clause: Clause | None = None
) -> Decision:
    """Whether the person may do an action (their roles, or clause vi), as the service
    decides it; the rule behind a roles refusal named as the version in force names it."""
    label = policy_documents.clause_labels(session)[clause] if clause else ""
    return session.may(permission, doing, clause, label)


def decision_text(decision: Decision, *, verdict: bool = False) -> str:
    """A decision as the screen says it: its sentence; with `verdict`, led by whether it is
    allowed and the clause as the version in force names it ("Not allowed (clause iv): ...")."""
    if not verdict:
        return decision.sentence
    said = "Allowed" if decision.allowed else "Not allowed"
    label = f" ({decision.label})" if decision.label else ""
    return f"{said}{label}: {decision.sentence}"


def show_decision(
    widget: QWidget,
    decision: Decision,
    note: QLabel | None = None,
    *,
    verdict: bool = False,
    tip: str = "",
) -> str | None:
    """The one way a screen renders a service's decision: the control enabled or not, the
    decision's words as its tooltip, status text and description, and in `note` (a line
    beside it) when there is one. `tip` stands in for an allowed decision with no words.
    Returns the refusal's words, for a `Refusals` line."""
    text = decision_text(decision, verdict=verdict) or (tip if decision.allowed else "")
    widget.setEnabled(decision.allowed)
    widget.setToolTip(text)
    widget.setStatusTip(text)
    widget.setAccessibleDescription(text)
    if note is not None:
        note.setText(text)
        note.setAccessibleDescription(text)
    return None if decision.allowed else text


class Refusals(QLabel):
    """The status text under a screen or dialog: why some actions are unavailable."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName("Why some actions are unavailable")
        self.hide()

    def set_reasons(self, reasons: list[str | None]) -> None:
        shown = list(dict.fromkeys(r for r in reasons if r))
        self.setText("\n".join(shown))
        self.setAccessibleDescription(self.text())
        self.setVisible(bool(shown))


def table(
    model: QAbstractItemModel,
    name: str,
    *,
    sortable: bool = True,
    stretch: tuple[int, ...] = (),
    wrap: tuple[int, ...] = (),
) -> tuple[QTableView, QSortFilterProxyModel]:
    """A read-only, row-selecting table over `model`, sorted through a proxy.

    The `stretch` columns (free text) share the width left over, their text elided and
    whole in the tooltip, so a table fits the window without scrolling sideways. The
    `wrap` columns (names, who arrives first: text that is never cut) share it too, but
    their text wraps onto more lines and the row grows to hold it."""
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = named(ListTableView(), name)
    view.setModel(proxy)
    proxy.setParent(view)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    fit_columns(view, stretch + wrap)
    if wrap:
        wrap_rows(view)
    # Fit columns to the rows on show, not to every row: a busy day's register or a
    # long families list would otherwise be measured cell by cell on each refresh.
    header.setResizeContentsPrecision(FIT_ROWS)
    if sortable:
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order
        view.setSortingEnabled(True)
    return view, proxy


def selected_row(view: QTableView):
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].data(ROW_ROLE) if rows else None


def fit_to_screen(dialog: QWidget, chars: int, lines: int) -> None:
    """A first size in font units, never larger than the screen it opens on (ui/sizing.py
    applies it when the dialog is first shown, and grows it to what the content needs)."""
    sizing.want(dialog, chars, lines)


def resize_within_screen(dialog: QWidget, wanted: QSize) -> None:
    """`wanted` as a first size, but no more than the screen it opens on allows."""
    dialog.setProperty(sizing.WANTED, wanted)
