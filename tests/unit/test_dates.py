"""The product's date formats, from the one module that writes them (issue 17, D292)."""

from __future__ import annotations

from datetime import date, datetime

from stmarys_desktop.domain import dates

DAY = date(2026, 12, 2)


def test_paper_and_sentences_use_the_long_form_without_a_leading_zero() -> None:
    assert dates.long_date(DAY) == "2 December 2026"
    assert dates.long_weekday(DAY) == "Wednesday 2 December 2026"
    assert dates.long_weekday(DAY, year=False) == "Wednesday 2 December"
    assert dates.long_stamp("2026-12-02T09:05:00") == "2 December 2026, 09:05"
    assert dates.long_stamp("2026-12-02") == "2 December 2026"
    assert dates.long_date(None, "Not yet") == "Not yet"


def test_table_cells_on_screen_use_the_short_form() -> None:
    assert dates.short_date(DAY) == "2 Dec 2026"
    assert dates.short_weekday(DAY) == "Wed 2 Dec 2026"
    assert dates.short_weekday(DAY, year=False) == "Wed 2 Dec"
    assert dates.short_stamp("2026-12-02T14:05:33+00:00") == "2 Dec 2026, 14:05"
    assert dates.short_date(None) == ""


def test_file_names_sort_by_date_and_what_is_no_date_is_shown_as_it_was() -> None:
    assert dates.file_date(DAY) == "2026-12-02"
    assert dates.file_stamp(datetime(2026, 12, 2, 9, 5, 7)) == "20261202-090507"
    assert dates.long_stamp("not a date") == "not a date"
    assert dates.short_stamp("") == ""
