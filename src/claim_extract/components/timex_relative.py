"""Rules for relative dates: "next month", "last week", "this time last year", "the
following day", "that year", "three years ago", "two weeks from now".

Deictic ones shift the DCT ("last week" -> ``2024-W12``); anaphoric ones ("the following
year", "that month") shift the last date the text mentioned (``ctx["ref"]``). Same rule
signature as :mod:`.timex_dates`.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from .timex_anchors import PAST, anaphoric_day, anchor_date, is_anaphoric, ref_granularity, \
    reference_day, rel_value, resolve_month_day, resolve_weekday
from .timex_calendar import POD_CODES, iso_week, prev_quarter, shift_unit, ym, ymd
from .timex_values import duration_value, unit_code


def _rule_rel(G, g, typ, dct, tense, ctx, text):
    rel = rel_value(G, g["rel"])
    unit = g["unit"].lower()
    if "rel2" in g:  # this time last year
        rel = -1 if g["rel2"].lower() == "last" else 1
        if dct is None:
            return typ, "PAST_REF" if rel < 0 else "FUTURE_REF"
        if unit == "year":
            return typ, ymd(dct.replace(year=dct.year + rel)) if not (dct.month == 2 and dct.day == 29) else f"{dct.year + rel:04d}-02-28"
        return typ, shift_unit(dct, {"month": "M", "week": "W"}[unit], rel)
    if dct is None:
        return typ, {0: "PRESENT_REF", -1: "PAST_REF", 1: "FUTURE_REF"}[rel]
    anchor = anchor_date(ctx, dct) if is_anaphoric(g["rel"]) else dct
    if anchor is not dct and unit in ("year", "month", "week"):
        code = {"week": "W", "month": "M", "year": "Y"}[unit]
        return typ, shift_unit(anchor, code, rel)
    code = {"week": "W", "weekend": "WE", "month": "M", "year": "Y", "decade": "DE",
            "century": "CE", "millennium": "ML"}[unit]
    if code in ("DE", "CE", "ML") and "past" in g["rel"].lower():
        return "DURATION", duration_value(1, code)  # "the past decade": the ten years to now
    if code == "WE" and rel == 0:
        # "this weekend": the coming one (or the one just past early in the week, in the past tense)
        d = dct
        if tense == PAST and d.isoweekday() <= 3:
            d = d - dt.timedelta(weeks=1)
        return typ, iso_week(d) + "-WE"
    if code == "WE" and rel == -1 and dct.isoweekday() >= 6:
        return typ, iso_week(dct - dt.timedelta(weeks=1)) + "-WE"
    return typ, shift_unit(dct, code, rel)


def _rule_year_of(G, g, typ, dct, tense, ctx, text):
    rel = {"this": 0, "last": -1, "next": 1}[g["rel2"].lower()]
    if dct is None:
        return typ, {0: "PRESENT_REF", -1: "PAST_REF", 1: "FUTURE_REF"}[rel]
    return typ, f"{dct.year + rel:04d}"


def _rule_rel_month(G, g, typ, dct, tense, ctx, text):
    rel = rel_value(G, g["rel"])
    month = G.month_num(g["month"])
    if dct is None:
        return typ, f"XXXX-{month:02d}"
    if is_anaphoric(g["rel"]):  # "the following March": after the date the narrative is at
        dct = anchor_date(ctx, dct)
    if rel == 0:
        return typ, ym(dct.year, month)
    if rel < 0:
        # "last February" in March is a year back: the month just ended would be "last month"
        y = dct.year if month < dct.month - 1 else dct.year - 1
        if month == 12 and dct.month == 1:
            y = dct.year - 2
    else:
        y = dct.year if month > dct.month else dct.year + 1
    return typ, ym(y, month)


def _rule_ago(G, g, typ, dct, tense, ctx, text):
    unit = unit_code(G, g["unit"])
    direction = g["dir"].lower()
    sign = 1 if direction.startswith(("from", "hence", "later", "after")) else -1
    num = G.number(g["num"]) if "num" in g else "X"
    if num is None:
        return None
    if num == "X" or dct is None:
        return typ, "PAST_REF" if sign < 0 else "FUTURE_REF"
    if num != int(num):
        num = int(num + 0.5)
    n = int(num) * sign
    if unit in ("H", "TM", "S"):
        return None
    if unit in ("DE", "CE", "ML"):
        n, unit = n * {"DE": 10, "CE": 100, "ML": 1000}[unit], "Y"
    if unit == "Y" and abs(n) == 1 and direction == "earlier" and ctx.get("quarter_context"):
        last_q = ctx.get("last_quarter") or prev_quarter(dct)
        y, q = last_q.split("-Q")
        return typ, f"{int(y) - 1:04d}-Q{q}"
    if unit == "Y" and abs(n) == 1 and direction == "ago" and ctx.get("quarter_context"):
        last_q = ctx.get("last_quarter") or prev_quarter(dct)
        y, q = last_q.split("-Q")
        return typ, f"{int(y) - 1:04d}-Q{q}"
    if direction == "earlier" and ctx.get("ref_date") and unit in ("D", "W", "M"):
        ref = dt.date.fromisoformat(ctx["ref_date"])
        return typ, shift_unit(ref, unit, n)
    return typ, shift_unit(dct, unit, n)


def _rule_anaphoric(G, g, typ, dct, tense, ctx, text):
    """'that year', 'the following day', 'later that month', 'the same day', 'the day before':
    the reference time of the narrative (the last mentioned date, else the DCT) at the unit's
    granularity, shifted."""
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    unit = g["unit"].lower()
    shift = {"that": 0, "that same": 0, "that very": 0, "the same": 0, "the following": 1,
             "the next": 1, "the previous": -1, "the preceding": -1, "the prior": -1,
             "the day before": -1, "the day after": 1, "before": -1, "after": 1}[rel]
    if rel in ("the day before", "the day after") and unit != "day":
        return None
    if dct is None:
        return None
    if rel in ("before", "after"):  # "the day before": its extent is "the day"
        return _beside_reference(g, typ, dct, ctx, unit, shift)
    if unit in POD_CODES or unit == "day":  # "the next morning", "that night", "the same day"
        day = anaphoric_day(ctx, dct)
        if day is None or (isinstance(day, str) and (shift or "same" not in rel)):
            return None  # "that day" after a month: often a generic day ("redemptions that day")
        if isinstance(day, str):  # "that same day" of "last October": 1998-10-XX
            return (typ, f"{day}-XX") if unit == "day" else ("TIME", f"{day}-XXT{POD_CODES[unit]}")
        day = ymd(day + dt.timedelta(days=shift))
        return (typ, day) if unit == "day" else ("TIME", f"{day}T{POD_CODES[unit]}")
    anchor = anchor_date(ctx, dct)
    code = {"week": "W", "month": "M", "year": "Y"}[unit]
    if code == "M" and ref_granularity(ctx) < 2:
        return None
    return typ, shift_unit(anchor, code, shift)


def _beside_reference(g, typ, dct, ctx, unit, shift):
    """'the day before/after': in apposition to a date ("Oct. 12, the day before the crash"),
    that date; else the day (week, ...) next to the reference time: the last day mentioned for
    a day, the last date mentioned for longer units, else the DCT."""
    code = {"day": "D", "week": "W", "month": "M", "year": "Y"}[unit]
    beside = ctx.get("apposition") or ""
    if code == "D" and re.match(r"\d{4}-\d{2}-\d{2}", beside):
        return typ, beside[:10]
    anchor = reference_day(ctx, dct) if code == "D" else anchor_date(ctx, dct)
    return typ, shift_unit(anchor, code, shift)


def _rule_day_before(G, g, typ, dct, tense, ctx, text):
    """'day before last Tuesday', 'the day after March 3': the named day, shifted by one."""
    shift = -1 if g["dir"].lower() == "before" else 1
    if "wd" in g:
        rel = rel_value(G, g["rel"]) if "rel" in g else None
        day = resolve_weekday(G.weekday_num(g["wd"]), dct, tense, rel)
    else:
        day = resolve_month_day(G.month_num(g["month"]), int(re.match(r"\d+", g["day"]).group()),
                                dct, tense)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return None
    return typ, ymd(dt.date.fromisoformat(day) + dt.timedelta(days=shift))


#: rule name (column 3 of data/timex_patterns.tsv) -> rule function
RULES: dict[str, Callable] = {
    "rel": _rule_rel,
    "year_of": _rule_year_of,
    "rel_month": _rule_rel_month,
    "ago": _rule_ago,
    "anaphoric": _rule_anaphoric,
    "day_before": _rule_day_before,
}
