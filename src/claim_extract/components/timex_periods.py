"""Rules for business periods: quarters, halves, fiscal years, "the year-ago quarter",
"the year" / "the year ended June 30", "year-end".

Quarters follow the discussion: ``ctx["last_quarter"]`` is the last quarter the text named
(set by components/timexes.py), so "the year-ago period" after "the third quarter" of 2024 is
``2023-Q3``. Same rule signature as :mod:`.timex_dates`.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from .timex_anchors import PAST, resolve_quarter
from .timex_calendar import add_months, iso_week, prev_quarter, quarter_of, two_digit_year, \
    year_check, ym, ymd
from .timex_values import duration_value, unit_code


_QNUM = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _rule_quarter(G, g, typ, dct, tense, ctx, text):
    qs = g["q"].lower().split()[-1]
    if qs.startswith("q"):
        q = int(qs[1])
    elif qs in ("final", "last"):
        q = 4
    else:
        q = _QNUM[qs]
    year = None
    if "year" in g:
        year = two_digit_year(g["year"], dct)
    elif "year_pos" in g:
        year = int(g["year_pos"])
    elif "rel" in g or "rel2" in g:
        if dct is None:
            return typ, f"XXXX-Q{q}"
        r = g.get("rel") or g.get("rel2")
        r = r.lower().split()[-1]
        year = dct.year + {"this": 0, "current": 0, "same": 0, "latest": 0, "recent": 0,
                           "last": -1, "previous": -1, "next": 1}[r]
    if year is None:
        return typ, resolve_quarter(q, dct, tense)
    return typ, f"{year_check(year):04d}-Q{q}"


def _rule_half(G, g, typ, dct, tense, ctx, text):
    h = 1 if g["h"].lower() == "first" else 2
    if "year" in g:
        return typ, f"{int(g['year']):04d}-H{h}"
    if dct is None:
        return typ, f"XXXX-H{h}"
    r = g.get("rel") or g.get("rel2")
    if r:
        y = dct.year + {"this": 0, "last": -1, "next": 1}[r.lower()]
        return typ, f"{y:04d}-H{h}"
    if "year_pos" in g:
        return typ, f"{int(g['year_pos']):04d}-H{h}"
    cur_h = 1 if dct.month <= 6 else 2
    y = dct.year
    if tense == PAST and h > cur_h:
        y -= 1
    return typ, f"{y:04d}-H{h}"


def _rule_quarter_ref(G, g, typ, dct, tense, ctx, text):
    """'the quarter', 'the latest quarter', 'this quarter', 'the year-ago period'."""
    which = re.sub(r"\s+", " ", g.get("which", "").lower())
    unit = g["unit"].lower()
    if unit == "period" and not which:
        return None  # "the period": too vague
    if dct is None:
        return typ, "XXXX-QX"
    last_q = ctx.get("last_quarter") or prev_quarter(dct)
    which = re.sub(r"^the ", "", which)
    if which in ("latest", "most recent", "recent", "latest fiscal"):
        # the last completed quarter, or an earlier one the text has just named
        return typ, min(last_q, prev_quarter(dct))
    if which in ("first", "second", "third", "fourth"):
        return typ, resolve_quarter(_QNUM[which], dct, tense)
    if which in ("this", "current", "current fiscal"):
        return typ, f"{dct.year:04d}-Q{quarter_of(dct)}"
    if which in ("next",):
        k = dct.year * 4 + quarter_of(dct)
        return typ, f"{k // 4:04d}-Q{k % 4 + 1}"
    if "year" in which and ("ago" in which or "earlier" in which):
        y, q = last_q.split("-Q")
        return typ, f"{int(y) - 1:04d}-Q{q}"
    if which in ("last", "previous", "prior", "preceding"):
        y, q = map(int, last_q.split("-Q"))
        k = y * 4 + q - 2
        return typ, f"{k // 4:04d}-Q{k % 4 + 1}"
    if which in ("same", "comparable", "corresponding"):
        y, q = last_q.split("-Q")
        return typ, f"{int(y) - 1:04d}-Q{q}" if ctx.get("year_ago_context") else last_q
    return typ, last_q


def _rule_year_ago(G, g, typ, dct, tense, ctx, text):
    """'year-ago', 'the year-earlier period', 'the year-ago quarter'."""
    if dct is None:
        return typ, "PAST_REF"
    unit = (g.get("unit") or "").lower()
    if "q" in g:
        q = _QNUM.get(g["q"].lower().split()[-1], 4)
        y = int((ctx.get("last_quarter") or prev_quarter(dct))[:4])
        return typ, f"{y - 1:04d}-Q{q}"
    if unit in ("quarter", "period") or (not unit and ctx.get("quarter_context")):
        last_q = ctx.get("last_quarter") or prev_quarter(dct)
        y, q = last_q.split("-Q")
        return typ, f"{int(y) - 1:04d}-Q{q}"
    if unit == "month":
        ref = ctx.get("last_month") or ym(*add_months(dct.year, dct.month, -1))
        y, m = ref.split("-")
        return typ, f"{int(y) - 1:04d}-{m}"
    return typ, f"{dct.year - 1:04d}"


def _at_dct(unit: str, dct) -> str | None:
    """The DCT's century, decade, year, month, ISO week or day, by `unit`; None for other units."""
    return {"year": lambda: f"{dct.year:04d}", "month": lambda: ym(dct.year, dct.month),
            "week": lambda: iso_week(dct), "day": lambda: ymd(dct),
            "decade": lambda: f"{dct.year // 10:03d}",
            "century": lambda: f"{dct.year // 100:02d}"}.get(unit, lambda: None)()


def _rule_the_unit(G, g, typ, dct, tense, ctx, text):
    """'the year' (the DCT's year; 'the year ended June 30' is a duration), 'the weekend',
    'the full year', 'earlier in the year'."""
    unit = re.sub(r"\s+", " ", g["unit"].lower())
    if "ended" in g:
        if unit in ("six months", "nine months", "three months"):
            return "DURATION", f"P{G.numbers[unit.split()[0]]}M"
        return "DURATION", duration_value(1, unit_code(G, unit))
    if dct is None:
        return typ, "PRESENT_REF"
    if _at_dct(unit, dct):
        return typ, _at_dct(unit, dct)
    d = dct  # weekend: the one just past (past tense, or early in the week), else the coming one
    if tense == PAST or (tense is None and dct.isoweekday() <= 2):
        d = dct - dt.timedelta(days=dct.isoweekday() % 7 or 7) if dct.isoweekday() < 6 else dct
    return typ, iso_week(d) + "-WE"


def _rule_year_end(G, g, typ, dct, tense, ctx, text):
    unit = (g.get("unit") or g.get("unit2") or "year").lower()
    if dct is None:
        return typ, "XXXX"
    if unit in ("year", "month"):
        return typ, _at_dct(unit, dct)
    return typ, f"{dct.year:04d}-Q{quarter_of(dct)}"


def _rule_year_period(G, g, typ, dct, tense, ctx, text):
    """'the 1988 quarter' / 'the 1989 period': the year's quarter of the current discussion."""
    year = int(g["year"])
    unit = re.sub(r"\s+", " ", g["unit"].lower())
    if unit == "first half":
        return typ, f"{year:04d}-H1"
    if unit == "second half":
        return typ, f"{year:04d}-H2"
    if unit == "fiscal year":
        return typ, f"{year:04d}"
    q = (ctx.get("last_quarter") or (prev_quarter(dct) if dct else "XXXX-Q4"))[-1]
    return typ, f"{year:04d}-Q{q}"


#: rule name (column 3 of data/timex_patterns.tsv) -> rule function
RULES: dict[str, Callable] = {
    "quarter": _rule_quarter,
    "half": _rule_half,
    "quarter_ref": _rule_quarter_ref,
    "year_ago": _rule_year_ago,
    "the_unit": _rule_the_unit,
    "year_end": _rule_year_end,
    "year_period": _rule_year_period,
}
