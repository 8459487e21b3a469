"""The time-expression modules on their own: calendar arithmetic (timex_calendar.py), anchoring
by DCT and tense (timex_anchors.py), durations (timex_values.py), the rule registry
(timex_normalize.py) and the grammar's windowed scan (timex_grammar.py). No spaCy model."""
from __future__ import annotations

import datetime as dt

import pytest

from claim_extract.components import timex_anchors as anchors
from claim_extract.components import timex_calendar as cal
from claim_extract.components import timex_normalize as tn
from claim_extract.components import timex_values as values
from claim_extract.components.timex_grammar import WINDOW, default_grammar

DCT = dt.date(2024, 3, 25)  # a Monday


@pytest.mark.parametrize("unit, n, expected", [
    ("Y", -1, "2023"), ("M", 1, "2024-04"), ("M", -3, "2023-12"), ("W", -1, "2024-W12"),
    ("D", 1, "2024-03-26"), ("Q", 1, "2024-Q2"), ("Q", -1, "2023-Q4"), ("DE", 0, "202"),
    ("CE", 0, "20"), ("WE", 0, "2024-W13-WE"),
])
def test_shift_unit(unit, n, expected):
    assert cal.shift_unit(DCT, unit, n) == expected


def test_calendar_helpers():
    assert cal.iso_week(dt.date(2021, 1, 3)) == "2020-W53"  # ISO weeks cross the year
    assert cal.quarter_of(dt.date(2024, 11, 2)) == 4
    assert cal.prev_quarter(dt.date(2024, 2, 1)) == "2023-Q4"
    assert cal.season_of(dt.date(2024, 1, 10)) == (2023, "WI")
    assert cal.two_digit_year("'98", DCT) == 1998 and cal.two_digit_year("'27", DCT) == 2027
    assert cal.clock("10:35 p.m.") == (22, 35) and cal.clock("noon") == (12, 0)
    assert cal.clock("12 a.m.") == (0, 0) and cal.clock("25:00") is None
    assert cal.holiday_date("thanksgiving", 2024) == dt.date(2024, 11, 28)
    assert cal.holiday_date("easter", 2024) == dt.date(2024, 3, 31)
    assert cal.holiday_date("memorial_day", 2024) == dt.date(2024, 5, 27)


def test_anchoring_by_tense():
    assert anchors.parse_dct("2024-03-25T10:00") == DCT and anchors.parse_dct("soon") is None
    # a year-less date: the nearest, or the one the tense points to within about half a year
    assert anchors.resolve_month_day(4, 10, DCT, None) == "2024-04-10"
    assert anchors.resolve_month_day(12, 20, DCT, None) == "2023-12-20"
    assert anchors.resolve_month_day(10, 1, DCT, anchors.FUTURE) == "2024-10-01"
    assert anchors.resolve_month_day(4, 10, None, None) == "XXXX-04-10"
    # weekdays: past tense the one before, future the one after, none the nearest
    assert anchors.resolve_weekday(2, DCT, anchors.PAST) == "2024-03-19"
    assert anchors.resolve_weekday(2, DCT, anchors.FUTURE) == "2024-03-26"
    assert anchors.resolve_weekday(5, DCT, None) == "2024-03-22"
    assert anchors.resolve_weekday(5, DCT, None, rel=1) == "2024-03-29"
    assert anchors.resolve_quarter(4, dt.date(2024, 1, 20), anchors.PAST) == "2023-Q4"
    assert anchors.resolve_season("SU", DCT, anchors.PAST) == "2023-SU"
    # anaphora: the last mentioned date, else the DCT
    assert anchors.anchor_date({"ref": "1950-06"}, DCT) == dt.date(1950, 6, 1)
    assert anchors.anchor_date({}, DCT) == DCT
    assert anchors.ref_granularity({"ref": "1950"}) == 1


@pytest.mark.parametrize("n, unit, expected", [
    (3, "Y", "P3Y"), (1.5, "Y", "P1Y6M"), (24, "H", "PT24H"), ("X", "M", "PXM"), ("X", "TM", "PTXM"),
    (2, "DE", "P20Y"), (1, "2W", "P2W"), (2.5, "D", "P2DT12H"),
])
def test_duration_values(n, unit, expected):
    assert values.duration_value(n, unit) == expected


def test_every_rule_of_the_patterns_file_is_registered():
    grammar = default_grammar()
    assert {p.rule for p in grammar.patterns} <= set(tn.RULES)
    assert len(tn.RULES) == 33


def _unwindowed(grammar, text):
    out = set()
    for p in grammar.patterns:
        for m in p.regex.finditer(text):
            if m.end() > m.start():
                s, e = m.span("x") if "x" in p.regex.groupindex and m.group("x") else m.span()
                out.add((s, e, p.name))
    return out


@pytest.mark.parametrize("text", [
    # date words far apart (separate windows), at the very start and end, across a window's edge
    "Tuesday" + " filler words" * 40 + " three years ago and again on March 5, 2021" + " x" * 200
    + " every week until 10:30 a.m. EST Friday",
    "In 1998" + "." * (2 * WINDOW - 3) + "the second quarter of 2024 ended on Sept. 30",
    # lower() changes the length of "İ": the scan falls back to whole-text gating
    "İİİ İstanbul talks resumed last month and will end in early April." * 3,
    "",
])
def test_windowed_scan_finds_what_a_full_scan_finds(text):
    grammar = default_grammar()
    assert {(s, e, p.name) for s, e, p, _ in grammar.scan(text)} == _unwindowed(grammar, text)
