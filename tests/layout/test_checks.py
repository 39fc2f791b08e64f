"""The layout checks and the shared sizing, on small made-up windows (offscreen 800x800)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.ui.models.base import RowsModel
from stmarys_desktop.ui.offers import table
from stmarys_desktop.ui.sizing import Dialog, largest_size, want
from stmarys_desktop.ui.widgets import paragraph
from tests.layout.checks import (
    button_problems,
    column_problems,
    frame_problems,
    label_problems,
    mnemonic_problems,
    placeholder_problems,
    problems,
    sideways_problems,
    wrapped_cell_problems,
)

pytestmark = pytest.mark.layout

LONG = (
    "Not allowed (clause ii): Staff make no verbal or written report in any family "
    "proceedings, whoever asks and whatever consent exists; the attendance dates can go "
    "to the referrer instead. "
) * 3


class Names(RowsModel):
    headers = ("Reference", "Names")

    def display(self, item, column):
        return item[column]


def _window(qtbot, *widgets: QWidget) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    for widget in widgets:
        layout.addWidget(widget)
    return window


def test_a_wrapped_label_squeezed_below_its_height_is_reported(qtbot):
    label = paragraph(LONG, "Why")
    window = _window(qtbot, label)
    window.show()
    label.setFixedSize(200, 20)
    assert any("needs" in p for p in label_problems(window))


def test_a_button_narrower_than_its_text_is_reported(qtbot):
    press = QPushButton("Share with Children's Services / police…")
    window = _window(qtbot, press)
    window.show()
    press.setFixedWidth(60)
    assert any("cuts its text" in p for p in button_problems(window))


def test_a_key_column_narrower_than_its_names_is_reported(qtbot):
    model = Names()
    model.set_rows([("SMC-2026-00001", "Zara Thornstead; Stuart Quenhurst; Ivy Brackwell")])
    view, _ = table(model, "Families")
    window = _window(qtbot, view)
    window.show()
    qtbot.waitExposed(window)
    view.horizontalHeader().setSectionResizeMode(1, view.horizontalHeader().ResizeMode.Fixed)
    view.horizontalHeader().setStretchLastSection(False)
    view.setColumnWidth(1, 40)
    assert any("'Names'" in p for p in column_problems(window))


def test_a_window_beyond_the_available_area_is_reported(qtbot):
    window = _window(qtbot, QLabel("x"))
    window.show()
    window.setGeometry(700, 700, 400, 400)
    assert frame_problems(window)


class Wordy(Dialog):
    def __init__(self, text: str, wished: QSize | None = None) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(text, "Text"))
        layout.addWidget(QPushButton("Close"))
        if wished is not None:
            want(self, wished.width(), wished.height())


def test_a_dialog_of_long_wrapped_text_opens_with_all_of_it_showing(qtbot):
    dialog = Wordy(LONG * 4)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert problems(dialog) == []


def test_a_dialog_never_opens_larger_than_the_screen_allows(qtbot):
    dialog = Wordy("Short.", QSize(1000, 1000))  # chars by lines: far beyond 800x800
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    largest = largest_size(dialog)
    assert dialog.width() <= largest.width() and dialog.height() <= largest.height()
    assert frame_problems(dialog) == []


def _arrow_points_up(view) -> bool:
    """Whether the sort arrow on column 0 is widest at its bottom (an upward triangle)."""
    header = view.horizontalHeader()
    image = header.grab().toImage()
    width = header.sectionSize(0)
    rows = []
    for y in range(image.height()):
        dark = [x for x in range(width - 16, width - 1) if image.pixelColor(x, y).lightness() < 110]
        if dark:
            rows.append(max(dark) - min(dark))
    assert rows, "no sort arrow drawn"
    return rows[-1] > rows[0]


def test_sort_arrows_point_up_for_ascending_and_down_for_descending(qtbot):
    """Issue 18: Qt draws an ascending sort as a downward arrow; people read it the other
    way (Windows, macOS), so the program's tables draw it the way they read it."""
    from PySide6.QtCore import Qt

    model = Names()
    model.set_rows([("SMC-2026-00002", "B"), ("SMC-2026-00001", "A")])
    view, _ = table(model, "Families")
    window = _window(qtbot, view)
    window.show()
    qtbot.waitExposed(window)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert view.model().index(0, 0).data() == "SMC-2026-00001"
    assert _arrow_points_up(view)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert not _arrow_points_up(view)


class Register(RowsModel):
    headers = ("Time", "Arrives first", "Leaves first", "Staff on duty")

    def display(self, item, column):
        return item[column]


REGISTER_ROW = (
    "10:00",
    "09:45 Zara Thornstead (resident parent)",
    "12:00 Stuart Quenhurst (non-resident parent)",
    "Jack Brackcombe; Mark Roslow",
)


def _register(qtbot, **how):
    model = Register()
    model.set_rows([REGISTER_ROW])
    view, _ = table(model, "Sessions", sortable=False, **how)
    window = _window(qtbot, view)
    window.resize(420, 300)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_who_arrives_and_leaves_first_and_the_staff_are_key_columns(qtbot):
    """Issue 18, item 5: the register's arrives/leaves-first columns elided is a fault."""
    columns = (1, 2, 3)
    found = column_problems(_register(qtbot, stretch=columns))
    for header in ("Arrives first", "Leaves first", "Staff on duty"):
        assert any(repr(header) in p for p in found), (header, found)


def test_wrapped_columns_keep_the_names_whole_on_more_lines(qtbot):
    window = _register(qtbot, wrap=(1, 2, 3))
    assert column_problems(window) == []
    assert wrapped_cell_problems(window) == []


def test_a_busy_days_wrapped_rows_are_whole_wherever_one_scrolls(qtbot):
    """D371: only the rows in sight are measured (a 400-session day measured every row at
    each layout), and the rows that come into sight take their height as they do."""
    model = Register()
    model.set_rows([REGISTER_ROW] * 400)
    view, _ = table(model, "Sessions", sortable=False, wrap=(1, 2, 3))
    window = _window(qtbot, view)
    window.resize(420, 300)
    window.show()
    qtbot.waitExposed(window)
    one_line = view.verticalHeader().defaultSectionSize()
    assert view.rowHeight(0) > one_line and view.rowHeight(399) == one_line  # not yet seen
    assert wrapped_cell_problems(window) == []
    view.verticalScrollBar().setValue(200)  # as the wheel or the scroll bar moves it
    qtbot.waitUntil(lambda: view.rowHeight(200) > one_line)
    assert view.rowAt(0) == 200
    assert wrapped_cell_problems(window) == []


FAMILY = ("SMC-2026-00101", "Claire Garley; Gemma Marwick; Zara Marwick; Charlie Marwick")


def _names_at(qtbot, width: int, view: QTableView) -> QWidget:
    window = _window(qtbot, view)
    window.resize(420, 300)
    window.show()
    qtbot.waitExposed(window)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
    view.setColumnWidth(1, width)
    return window


def test_a_name_split_across_two_lines_is_reported(qtbot):
    """The families list wrapped "Mia / Yarthorpe": Qt's own wrapping breaks at any space."""
    model = Names()
    model.set_rows([FAMILY])
    view = QTableView()
    view.setModel(model)
    view.setWordWrap(True)
    window = _names_at(
        qtbot, view.fontMetrics().horizontalAdvance("Claire Garley; Gemma") + 12, view
    )
    view.resizeRowsToContents()
    assert [p for p in wrapped_cell_problems(window) if "splits 'Gemma Marwick'" in p]


def test_wrapped_names_break_only_between_people(qtbot):
    """Issue 18: a wrapping column breaks between people ("; "), a name inside only when
    it alone is wider than the column; the model's text stays as it was."""
    model = Names()
    model.set_rows([FAMILY, ("SMC-2026-00102", "Isabella Garmore")])
    view, _ = table(model, "Families", wrap=(1,))
    metrics = view.fontMetrics()
    window = _names_at(qtbot, metrics.horizontalAdvance("Claire Garley; Gemma") + 12, view)
    qtbot.waitUntil(lambda: view.rowHeight(0) > view.verticalHeader().defaultSectionSize())
    assert wrapped_cell_problems(window) == []
    assert view.model().index(0, 1).data() == FAMILY[1]
    # Four people, each whole on a line of their own.
    assert view.rowHeight(0) >= 4 * metrics.lineSpacing()
    # A name wider than the column alone still wraps, at its spaces, and shows whole.
    narrow = max(metrics.horizontalAdvance(w) for w in ("Isabella", "Garmore", "Marwick;"))
    view.setColumnWidth(1, narrow + 12)
    qtbot.waitUntil(lambda: view.rowHeight(1) >= 2 * metrics.lineSpacing())
    assert wrapped_cell_problems(window) == []


def test_a_wrapping_table_whose_row_is_too_low_for_its_text_is_reported(qtbot):
    """The calendar's fault: rows fitted once, then the columns narrowed."""
    window = _register(qtbot, wrap=(1, 2, 3))
    (view,) = window.findChildren(QTableView)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.setRowHeight(0, view.fontMetrics().height())
    assert any("too small for" in p for p in wrapped_cell_problems(window))


def test_a_table_at_its_own_hint_does_not_scroll_sideways(qtbot):
    """The vetting record's DBS checks: the last column, stretched, is never narrower than
    the header's default size, so a hint fitted to its short text cut the table."""

    class Checks(RowsModel):
        headers = ("Seen", "Due")

        def display(self, item, column):
            return item[column]

    model = Checks()
    model.set_rows([("14 Jul 2026 by Zara Thornstead", "8 Jul")])
    view, _ = table(model, "DBS checks")  # the last section stretches
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(view)
    window.resize(view.sizeHint())
    window.show()
    qtbot.waitExposed(window)
    assert view.horizontalHeader().length() <= view.viewport().width()


def test_an_empty_field_shows_its_example_whole_at_its_own_size(qtbot):
    """The emergency contact's "Name and telephone of someone to call" was cut."""
    from stmarys_desktop.ui.widgets import line_edit

    example = "Name and telephone of someone to call"
    plain = QLineEdit()
    plain.setPlaceholderText(example)
    ours = line_edit("Emergency contact", placeholder=example)
    for field in (plain, ours):
        field.setFixedWidth(field.sizeHint().width())
    window = _window(qtbot, plain, ours)
    window.show()
    qtbot.waitExposed(window)
    found = placeholder_problems(window)
    assert len(found) == 1 and "QLineEdit" in found[0] and example[:30] in found[0]


def test_two_labels_of_a_dialog_answering_the_same_alt_letter_are_reported(qtbot):
    """The request form's "&Who asked" and "About &whom" (issue 18): Alt+W only moved
    between the two fields."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    form = QFormLayout(dialog)
    for text in ("&Who asked:", "About &whom:", "Their &agency:"):
        label = QLabel(text)
        label.setBuddy(QLineEdit())
        form.addRow(label, label.buddy())
    ok = QPushButton("&Save")
    form.addRow(ok)
    dialog.show()
    assert mnemonic_problems(dialog) == ["Alt+W is both 'Who asked:' and 'About whom:'"]
    form.labelForField(form.itemAt(1, QFormLayout.ItemRole.FieldRole).widget()).setText(
        "About w&hom:"
    )
    assert mnemonic_problems(dialog) == []
    ok.hide()  # what is hidden answers no key
    ok.setText("&Who")
    assert mnemonic_problems(dialog) == []


def test_a_screen_control_answering_a_letter_of_the_main_windows_menus_or_header_is_reported(
    qtbot,
):
    """Issue 18: Today's "&Cancel…" took Alt+C from the Centre menu and "Und&o" Alt+O from
    "Sign &out"; a screen shares the window's menu bar and header, so they are one set of
    letters, and the screen not on view answers none."""
    from PySide6.QtWidgets import QMainWindow, QStackedWidget

    window = QMainWindow()
    qtbot.addWidget(window)
    centre = window.menuBar().addMenu("&Centre")
    centre.addAction("&Lock")
    centre.addAction("&Quit")
    window.menuBar().addMenu("&Help")
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.addWidget(QPushButton("Sign &out"))
    screens = QStackedWidget()
    today = _window(qtbot, QPushButton("&Cancel…"), QPushButton("Und&o"))
    admin = _window(qtbot, QPushButton("Disclosure &history…"))
    screens.addWidget(today)
    screens.addWidget(admin)
    layout.addWidget(screens)
    window.setCentralWidget(body)
    window.show()
    qtbot.waitExposed(window)
    assert mnemonic_problems(window) == [
        "Alt+C is both 'Centre' and 'Cancel…'",
        "Alt+O is both 'Sign out' and 'Undo'",
    ]
    screens.setCurrentWidget(admin)
    assert mnemonic_problems(window) == ["Alt+H is both 'Help' and 'Disclosure history…'"]
    # Inside a menu, its own entries.
    centre.addAction("&Blank screen")
    centre.addAction("Sign &out").setText("&Log out")
    assert "menu 'Centre': Alt+L is both 'Lock' and 'Log out'" in mnemonic_problems(window)


class Requests(RowsModel):
    headers = ("No.", "Who asked", "Agency", "Asked for", "Without consent because")

    def display(self, item, column):
        return item[column]


REQUEST = (
    "1",
    "Joanne Ashthorpe",
    "Westshire Children's Services",
    "A verbal or written report for family proceedings",
    "Children's Services asked under section 47 of the Children Act",
)


def _screen_wide(qtbot, view: QTableView) -> QWidget:
    """`view` in a window as wide as the (800 px) screen allows, as the request log at 150 %."""
    window = _window(qtbot, view)
    window.show()
    qtbot.waitExposed(window)
    room = window.screen().availableGeometry().width()
    window.resize(room - (window.frameGeometry().width() - window.width()), 300)
    qtbot.waitUntil(lambda: window.frameGeometry().width() >= room - 1)
    return window


def test_a_table_scrolling_sideways_in_a_window_as_wide_as_the_screen_is_reported(qtbot):
    """The request log at 150 % on 1920x1080: its window already as wide as the screen,
    its columns from "Answer" on off to the right."""
    model = Requests()
    model.set_rows([tuple(cell * 3 for cell in REQUEST)])
    view, _ = table(model, "Requests")
    window = _screen_wide(qtbot, view)
    qtbot.waitUntil(view.horizontalScrollBar().isVisible)
    found = sideways_problems(window)
    assert len(found) == 1 and "as wide as the screen allows" in found[0]


def test_long_columns_sharing_the_width_all_show_their_text_whole(qtbot):
    """Issue 18: the request log's long columns wrap (names whole) and share the width,
    so every column shows without scrolling sideways."""
    from stmarys_desktop.ui.widgets import readonly_table

    view = readonly_table("Requests", list(Requests.headers), share=(1, 2, 3, 4))
    view.setRowCount(2)
    for row in range(2):
        for column, text in enumerate(REQUEST):
            view.setItem(row, column, QTableWidgetItem(text * (row + 1)))
    window = _screen_wide(qtbot, view)
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible())
    assert view.horizontalHeader().length() <= view.viewport().width()
    assert sideways_problems(window) == []
    assert column_problems(window) == []
    assert wrapped_cell_problems(window) == []
    # The short ones whole on one line, the long ones sharing the rest.
    metrics = view.fontMetrics()
    assert view.columnWidth(1) >= metrics.horizontalAdvance(REQUEST[1])
    assert view.rowHeight(1) > view.rowHeight(0)


def _lines(text: str, font, width: float) -> list[str]:
    """The lines the text layout makes of `text` in `width` pixels, as Qt paints a cell."""
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(text, font)
    wrap = QTextOption()
    wrap.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(wrap)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return lines


def test_who_leaves_first_breaks_before_their_part_and_never_at_its_hyphen(qapp):
    """Today's "Leaves first" read "12:00 Lisa Welmore (non- / resident parent)"."""
    from PySide6.QtGui import QFontMetricsF

    from stmarys_desktop.ui.tables import kept_whole

    font = qapp.font()
    metrics = QFontMetricsF(font)
    text = "12:00 Lisa Welmore (non-resident parent)"
    room = metrics.horizontalAdvance("12:00 Lisa Welmore (non-") + 2
    assert _lines(text, font, room)[0].endswith("(non-")  # Qt's own wrapping
    laid_out = kept_whole(text, metrics, room)
    assert len(laid_out) == len(text)
    shown = [
        line.replace("\u00a0", " ").replace("\u2011", "-") for line in _lines(laid_out, font, room)
    ]
    assert shown == ["12:00 Lisa Welmore", "(non-resident parent)"]
