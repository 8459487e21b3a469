"""The dateparser fallback of the normalizer: only for entity texts the rules cannot read.

Slow, so gated (a month or weekday name, a year or a numeric date) and cached.
"""
from __future__ import annotations

import datetime as dt
import functools
import re

from .timex_anchors import FUTURE, PAST
from .timex_calendar import iso_week, ym, ymd

# dateparser only sees texts that name a month or a weekday or hold a year or a numeric date:
# it reads anything with a digit ("30s" -> a date), so it is kept to what it can read well.
_DP_PERIOD_OK = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s|$)|"
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|"
    r"\b(?:1[5-9]|20)\d\d\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b", re.I)


@functools.lru_cache(maxsize=4096)
def dateparser_value(s: str, dct: dt.date, tense: str | None):
    """dateparser's reading of `s` at its own granularity, or None."""
    if not _DP_PERIOD_OK.search(s) or len(s) > 40:
        return None
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # pragma: no cover
        return None
    parser = _dp_parser(tense or "", dct)
    try:
        data = parser.get_date_data(s)
    except Exception:  # noqa: BLE001
        return None
    return None if data is None else _dp_to_value(data)


@functools.lru_cache(maxsize=256)
def _dp_parser(tense: str, dct: dt.date):
    from dateparser.date import DateDataParser

    prefer = {PAST: "past", FUTURE: "future"}.get(tense, "current_period")
    base = dt.datetime(dct.year, dct.month, dct.day, 12, 0)
    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": prefer,
                                                      "RELATIVE_BASE": base})


def _dp_to_value(data):
    d = data.date_obj
    if d is None:
        return None
    period = data.period
    if period == "year":
        return "DATE", f"{d.year:04d}"
    if period == "month":
        return "DATE", ym(d.year, d.month)
    if period == "week":
        return "DATE", iso_week(d.date())
    if period == "time":
        return "TIME", f"{ymd(d.date())}T{d.hour:02d}:{d.minute:02d}"
    return "DATE", ymd(d.date())
