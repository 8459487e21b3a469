"""TIMEX3 normalization: values relative to the document creation time (DCT).

One rule function per rule name of ``data/timex_patterns.tsv`` (:data:`RULES`), the calendar
arithmetic they share (nearest month-day date, weekday by tense, ISO weeks, quarters, seasons,
holidays, durations), and the stand-alone :func:`normalize` ``(text, dct, tense)`` that never
raises and returns ``(type, value)`` or ``None``, with dateparser as a cached fallback.

Values follow TimeML 1.2.1: ``2024-04-10``, ``2024-04``, ``2024``, ``2024-Q2``, ``2024-W12``,
``2024-SU``, ``199`` (decade), ``19`` (century), ``PRESENT_REF``, ``P3Y``, ``PT5H``, ``PXY``,
``XXXX-04-10`` (year unknown), ``2024-03-25T17:00``, ``2024-03-25TNI``, ``XXXX-WXX-2`` (SET).
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Callable

from .timex_grammar import (  # noqa: F401  (re-exported: the normalizer's public names)
    TYPES, TimexGrammar, default_grammar, is_valid_value, load_words,
)

PAST, PRESENT, FUTURE = "PAST", "PRESENT", "FUTURE"
#: the tense of the governing verb picks a month-day date only within this many days of the DCT
TENSE_WINDOW_DAYS = 200

# ---------------------------------------------------------------------------------------------
# calendar helpers
def _ymd(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _week(d: dt.date) -> str:
    iy, iw, _ = d.isocalendar()
    return f"{iy:04d}-W{iw:02d}"


def _quarter(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _season_of(d: dt.date) -> tuple[int, str]:
    m = d.month
    if m in (3, 4, 5):
        return d.year, "SP"
    if m in (6, 7, 8):
        return d.year, "SU"
    if m in (9, 10, 11):
        return d.year, "FA"
    return (d.year if m == 12 else d.year - 1), "WI"


_SEASON_ORDER = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}


def _year_check(y: int) -> int:
    if not 1 <= y <= 9999:
        raise ValueError("year out of range")
    return y


def _pick(candidates: list, dct_key, tense: str | None):
    """Choose among candidate keys (sortable, comparable to dct_key) by tense."""
    candidates = sorted(candidates)
    if tense == PAST:
        past = [c for c in candidates if c <= dct_key]
        return past[-1] if past else candidates[0]
    if tense == FUTURE:
        fut = [c for c in candidates if c >= dct_key]
        return fut[0] if fut else candidates[-1]
    return None


def resolve_month_day(month: int, day: int, dct: dt.date | None, tense: str | None,
                      window: int = TENSE_WINDOW_DAYS) -> str:
    if dct is None:
        if not 1 <= day <= 31:
            raise ValueError("bad day")
        return f"XXXX-{month:02d}-{day:02d}"
    cands = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            cands.append(dt.date(y, month, day))
        except ValueError:
            pass
    if not cands:
        raise ValueError("bad date")
    # The nearest date; the tense of the governing verb only decides when the date it points to
    # lies within about half a year (measured on TimeML news, the tense misleads more often than
    # it helps beyond that: "said ... payable Dec. 7").
    return _ymd(_pick_date(cands, dct, tense, window))


def resolve_month(month: int, dct: dt.date | None, tense: str | None) -> str:
    if dct is None:
        return f"XXXX-{month:02d}"
    cur = (dct.year, dct.month)
    cands = [(y, month) for y in (dct.year - 1, dct.year, dct.year + 1)]
    if tense in (PAST, FUTURE):
        y, m = _pick(cands, cur, tense)
        return _ym(y, m)
    key = lambda c: (abs((c[0] * 12 + c[1]) - (cur[0] * 12 + cur[1])), c[0] != dct.year)  # noqa: E731
    y, m = min(cands, key=key)
    return _ym(y, m)


def resolve_weekday(wd: int, dct: dt.date | None, tense: str | None, rel: int | None = None) -> str:
    """`wd` 1=Monday..7=Sunday."""
    if dct is None:
        return f"XXXX-WXX-{wd}"
    cur = dct.isoweekday()
    back = (cur - wd) % 7  # days back to the most recent such weekday (0 = today)
    fwd = (wd - cur) % 7
    if rel == -1:  # "last Friday": strictly before today
        return _ymd(dct - dt.timedelta(days=back or 7))
    if rel == 1:  # "next Friday": strictly after today
        return _ymd(dct + dt.timedelta(days=fwd or 7))
    if rel == 0:  # "this Friday": in the current week
        return _ymd(dct + dt.timedelta(days=wd - cur))
    if back == 0:
        return _ymd(dct)
    if tense == PAST:
        return _ymd(dct - dt.timedelta(days=back))
    if tense == FUTURE:
        return _ymd(dct + dt.timedelta(days=fwd))
    return _ymd(dct - dt.timedelta(days=back) if back <= fwd else dct + dt.timedelta(days=fwd))


def resolve_quarter(q: int, dct: dt.date | None, tense: str | None) -> str:
    """The DCT's year, unless the tense points to a quarter of the year before or after that
    lies within about a quarter of the DCT (the fourth quarter, said in January: last year's)."""
    if dct is None:
        return f"XXXX-Q{q}"
    y = dct.year
    if tense in (PAST, FUTURE):
        def mid(yy):
            return dt.date(yy, 3 * q - 1, 15)

        if tense == PAST:
            cands = [yy for yy in (dct.year - 1, dct.year) if dt.date(yy, 3 * q - 2, 1) <= dct]
            pick = cands[-1] if cands else dct.year
        else:
            cands = [yy for yy in (dct.year, dct.year + 1) if dt.date(yy, 3 * q, 28) >= dct]
            pick = cands[0] if cands else dct.year
        if abs((mid(pick) - dct).days) <= 92:
            y = pick
    return f"{y:04d}-Q{q}"


def resolve_season(season: str, dct: dt.date | None, tense: str | None, rel: int | None = None) -> str:
    if dct is None:
        return f"XXXX-{season}"
    cy, cs = _season_of(dct)
    cur = (cy, _SEASON_ORDER[cs])
    cands = [(y, _SEASON_ORDER[season]) for y in (dct.year - 1, dct.year, dct.year + 1)]
    if rel == 0:
        return f"{dct.year:04d}-{season}" if not (season == "WI" and dct.month <= 2) else f"{cy:04d}-WI"
    if rel == -1:
        y, _ = max(c for c in cands if c < cur)
    elif rel == 1:
        y, _ = min(c for c in cands if c > cur)
    elif tense == PAST:
        y, _ = max(c for c in cands if c <= cur)
    elif tense == FUTURE:
        y, _ = min(c for c in cands if c >= cur)
    else:
        y, _ = min(cands, key=lambda c: (abs((c[0] * 4 + c[1]) - (cur[0] * 4 + cur[1])), c[0] != cy))
    return f"{y:04d}-{season}"


def shift_unit(dct: dt.date, unit: str, n: int) -> str:
    """The date `n` units from `dct`, at the unit's granularity."""
    if unit in ("Y",):
        return f"{_year_check(dct.year + n):04d}"
    if unit == "M":
        y, m = _add_months(dct.year, dct.month, n)
        return _ym(_year_check(y), m)
    if unit == "W":
        return _week(dct + dt.timedelta(weeks=n))
    if unit == "2W":
        return _week(dct + dt.timedelta(weeks=2 * n))
    if unit == "D":
        return _ymd(dct + dt.timedelta(days=n))
    if unit == "WE":
        d = dct + dt.timedelta(weeks=n)
        return _week(d) + "-WE"
    if unit == "Q":
        k = dct.year * 4 + (_quarter(dct) - 1) + n
        return f"{_year_check(k // 4):04d}-Q{k % 4 + 1}"
    if unit == "DE":
        return f"{_year_check(dct.year + 10 * n) // 10:03d}"
    if unit == "CE":
        return f"{_year_check(dct.year + 100 * n) // 100:02d}"
    if unit == "ML":
        return f"{_year_check(dct.year + 1000 * n) // 1000:01d}"
    if unit in ("H", "TM", "S"):
        return _ymd(dct)
    raise ValueError(unit)


def duration_value(n, unit: str) -> str:
    """P3Y, PT5H, P2Y6M, PXY ...  `n` a number or 'X'."""
    time_units = {"H": "H", "TM": "M", "S": "S"}
    if unit == "2W":
        n, unit = (n * 2 if n != "X" else n), "W"
    if unit == "DE":
        if n == "X":
            return "PXDE"
        n, unit = n * 10, "Y"
    if unit == "CE":
        if n == "X":
            return "PXCE"
        n, unit = n * 100, "Y"
    if unit == "ML":
        if n == "X":
            return "PXML"
        n, unit = n * 1000, "Y"
    if n == "X":
        return f"PTX{time_units[unit]}" if unit in time_units else f"PX{unit}"
    if n <= 0 or n > 100000:
        raise ValueError("duration out of range")
    whole = int(n)
    frac = n - whole
    smaller = {"Y": ("M", 12), "Q": ("M", 3), "M": ("D", 30), "W": ("D", 7), "WE": ("D", 2),
               "D": ("H", 24), "H": ("TM", 60), "TM": ("S", 60), "S": (None, 0)}
    parts = []  # (amount, unit)
    if whole:
        parts.append((whole, unit))
    if frac:
        su, factor = smaller[unit]
        if su is None:
            return f"PT{n:g}S"
        amount = round(frac * factor)
        if amount:
            parts.append((amount, su))
    date_part = "".join(f"{a}{u}" for a, u in parts if u not in time_units)
    time_part = "".join(f"{a}{time_units[u]}" for a, u in parts if u in time_units)
    if unit == "WE" and not time_part:
        return f"P{date_part}"
    return "P" + date_part + (("T" + time_part) if time_part else "")


_POD_SUFFIX = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
               "mornings": "MO", "afternoons": "AF", "evenings": "EV", "nights": "NI",
               "overnight": "NI"}


def _rel_value(grammar: TimexGrammar, rel: str) -> int:
    return grammar.rel[re.sub(r"\s+", " ", rel.lower())]


def _clock(s: str) -> tuple[int, int] | None:
    s = s.lower().strip()
    words = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}
    if s in words:
        return words[s]
    m = re.match(r"(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|o'clock)?", s)
    if not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    ap = (m.group(3) or "").replace(".", "")
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    if h > 24 or mi > 59:
        return None
    return h, mi


# ---------------------------------------------------------------------------------------------
# rules: (grammar, groups, type, dct, tense, ctx, text) -> (type, value) | None
def _rule_mdy(G, g, typ, dct, tense, ctx, text):
    month = int(g["month"]) if g["month"].isdigit() else G.month_num(g["month"])
    day = int(re.match(r"\d+", g["day"]).group())
    if "year" not in g:
        return typ, resolve_month_day(month, day, dct, tense)
    y = g["year"]
    year = int(y) if len(y) == 4 else (1900 + int(y) if int(y) > 30 else 2000 + int(y))
    return typ, _ymd(dt.date(_year_check(year), month, day))


def _rule_md(G, g, typ, dct, tense, ctx, text):
    month = G.month_num(g["month"])
    day = int(re.match(r"\d+", g["day"]).group())
    dt.date(2000, month, day)  # validates (leap year allows Feb 29)
    if "rel" in g and dct is not None:  # "last Oct. 23", "next April 2"
        tense = PAST if g["rel"].lower().startswith(("last", "this past")) else FUTURE
        cands = [dt.date(y, month, day) for y in (dct.year - 1, dct.year, dct.year + 1)
                 if not (month == 2 and day == 29 and not calendar.isleap(y))]
        pick = ([c for c in cands if c < dct] or cands)[-1] if tense == PAST else \
            ([c for c in cands if c > dct] or cands)[0]
        return typ, _ymd(pick)
    if ctx.get("period_end"):  # "the year ended Sept. 30": the last such date
        return typ, resolve_month_day(month, day, dct, ctx["period_end"], window=366)
    return typ, resolve_month_day(month, day, dct, tense)


def _rule_week_of(G, g, typ, dct, tense, ctx, text):
    month = G.month_num(g["month"])
    day = int(re.match(r"\d+", g["day"]).group())
    if "year" in g:
        return typ, _week(dt.date(int(g["year"]), month, day))
    if dct is None:
        return typ, "XXXX-WXX"
    return typ, _week(dt.date.fromisoformat(resolve_month_day(month, day, dct, tense)))


def _two_digit_year(s: str, dct: dt.date | None) -> int:
    s = s.strip("'")
    y = int(s)
    if len(s) == 4:
        return y
    base = dct.year if dct else 2000
    cent = base // 100 * 100
    y += cent
    if y > base + 10:
        y -= 100
    return y


def _rule_month(G, g, typ, dct, tense, ctx, text):
    month = G.month_num(g["month"])
    if "year" in g:
        return typ, _ym(_year_check(_two_digit_year(g["year"], dct)), month)
    if "rel" in g:
        if dct is None:
            return typ, f"XXXX-{month:02d}"
        rel = _rel_value(G, g["rel"])
        return typ, _ym(dct.year + rel, month)
    return typ, resolve_month(month, dct, tense)


def _rule_year(G, g, typ, dct, tense, ctx, text):
    y = g["year"]
    year = int(y) if len(y) == 4 else _two_digit_year(y, dct)
    return typ, f"{_year_check(year):04d}"


def _rule_decade(G, g, typ, dct, tense, ctx, text):
    if "decade" in g:
        d = g["decade"]
        if d.startswith("'"):
            year = _two_digit_year(d, dct)
            return typ, f"{year // 10:03d}"
        return typ, d[:3]
    words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
             "eighties": 8, "nineties": 9}
    k = words[g["decadeword"].lower()]
    cent = (dct.year // 100) if dct else 19
    if dct and cent * 100 + k * 10 > dct.year:
        cent -= 1
    return typ, f"{cent:02d}{k}"


def _rule_century(G, g, typ, dct, tense, ctx, text):
    n = G.ordinals[g["ord"].lower()]
    if n <= 0:
        return None
    return typ, f"{n - 1:02d}"


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
        year = _two_digit_year(g["year"], dct)
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
    return typ, f"{_year_check(year):04d}-Q{q}"


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


def _prev_quarter(dct: dt.date) -> str:
    k = dct.year * 4 + (_quarter(dct) - 1) - 1
    return f"{k // 4:04d}-Q{k % 4 + 1}"


def _rule_quarter_ref(G, g, typ, dct, tense, ctx, text):
    """'the quarter', 'the latest quarter', 'this quarter', 'the year-ago period'."""
    which = re.sub(r"\s+", " ", g.get("which", "").lower())
    unit = g["unit"].lower()
    if unit == "period" and not which:
        return None  # "the period": too vague
    if dct is None:
        return typ, "XXXX-QX"
    last_q = ctx.get("last_quarter") or _prev_quarter(dct)
    which = re.sub(r"^the ", "", which)
    if which in ("latest", "most recent", "recent", "latest fiscal"):
        # the last completed quarter, or an earlier one the text has just named
        return typ, min(last_q, _prev_quarter(dct))
    if which in ("first", "second", "third", "fourth"):
        return typ, resolve_quarter(_QNUM[which], dct, tense)
    if which in ("this", "current", "current fiscal"):
        return typ, f"{dct.year:04d}-Q{_quarter(dct)}"
    if which in ("next",):
        k = dct.year * 4 + _quarter(dct)
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
        y = int((ctx.get("last_quarter") or _prev_quarter(dct))[:4])
        return typ, f"{y - 1:04d}-Q{q}"
    if unit in ("quarter", "period") or (not unit and ctx.get("quarter_context")):
        last_q = ctx.get("last_quarter") or _prev_quarter(dct)
        y, q = last_q.split("-Q")
        return typ, f"{int(y) - 1:04d}-Q{q}"
    if unit == "month":
        ref = ctx.get("last_month") or _ym(*_add_months(dct.year, dct.month, -1))
        y, m = ref.split("-")
        return typ, f"{int(y) - 1:04d}-{m}"
    return typ, f"{dct.year - 1:04d}"


def _rule_season(G, g, typ, dct, tense, ctx, text):
    season = G.seasons[g["season"].lower()]
    if "year" in g:
        return typ, f"{_year_check(_two_digit_year(g['year'], dct)):04d}-{season}"
    rel = _rel_value(G, g["rel"]) if "rel" in g else None
    return typ, resolve_season(season, dct, tense, rel)


def _rule_rel(G, g, typ, dct, tense, ctx, text):
    rel = _rel_value(G, g["rel"])
    unit = g["unit"].lower()
    if "rel2" in g:  # this time last year
        rel = -1 if g["rel2"].lower() == "last" else 1
        if dct is None:
            return typ, "PAST_REF" if rel < 0 else "FUTURE_REF"
        if unit == "year":
            return typ, _ymd(dct.replace(year=dct.year + rel)) if not (dct.month == 2 and dct.day == 29) else f"{dct.year + rel:04d}-02-28"
        return typ, shift_unit(dct, {"month": "M", "week": "W"}[unit], rel)
    if dct is None:
        return typ, {0: "PRESENT_REF", -1: "PAST_REF", 1: "FUTURE_REF"}[rel]
    anchor = _anchor(ctx, dct) if _is_anaphoric(g["rel"]) else dct
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
        return typ, _week(d) + "-WE"
    if code == "WE" and rel == -1 and dct.isoweekday() >= 6:
        return typ, _week(dct - dt.timedelta(weeks=1)) + "-WE"
    return typ, shift_unit(dct, code, rel)


def _rule_year_of(G, g, typ, dct, tense, ctx, text):
    rel = {"this": 0, "last": -1, "next": 1}[g["rel2"].lower()]
    if dct is None:
        return typ, {0: "PRESENT_REF", -1: "PAST_REF", 1: "FUTURE_REF"}[rel]
    return typ, f"{dct.year + rel:04d}"


def _rule_rel_month(G, g, typ, dct, tense, ctx, text):
    rel = _rel_value(G, g["rel"])
    month = G.month_num(g["month"])
    if dct is None:
        return typ, f"XXXX-{month:02d}"
    if rel == 0:
        return typ, _ym(dct.year, month)
    if rel < 0:
        y = dct.year if month < dct.month else dct.year - 1
    else:
        y = dct.year if month > dct.month else dct.year + 1
    return typ, _ym(y, month)


def _rule_rel_weekday(G, g, typ, dct, tense, ctx, text):
    rel = _rel_value(G, g["rel"])
    return typ, resolve_weekday(G.weekday_num(g["wd"]), dct, tense, rel)


def _rule_weekday(G, g, typ, dct, tense, ctx, text):
    v = resolve_weekday(G.weekday_num(g["wd"]), dct, tense)
    if "pod" in g:
        return "TIME", v + "T" + _POD_SUFFIX[g["pod"].lower()]
    return typ, v


def _rule_deictic(G, g, typ, dct, tense, ctx, text):
    word = re.sub(r"\s+", " ", g["deictic"].lower())
    n = G.deictic[word]
    if dct is None:
        return typ, {0: "PRESENT_REF"}.get(n, "PAST_REF" if n < 0 else "FUTURE_REF")
    return typ, _ymd(dct + dt.timedelta(days=n))


def _rule_deictic_pod(G, g, typ, dct, tense, ctx, text):
    word = g.get("deictic", "today").lower()
    pod = g.get("pod", "night").lower()
    n = {"yesterday": -1, "tomorrow": 1, "today": 0, "this": 0, "tonight": 0, "last": -1}[word]
    if word == "last" and pod != "night":
        return None
    if dct is None:
        return typ, "XXXX-XX-XXT" + _POD_SUFFIX[pod]
    return typ, _ymd(dct + dt.timedelta(days=n)) + "T" + _POD_SUFFIX[pod]


def _rule_time(G, g, typ, dct, tense, ctx, text):
    hm = _clock(g["clock"])
    if hm is None:
        return None
    h, mi = hm
    if "pod" in g:
        pod = g["pod"].lower()
        if pod in ("afternoon", "evening") and h < 12:
            h += 12
    base = None
    if "deictic" in g:
        if dct is None:
            base = "XXXX-XX-XX"
        else:
            base = _ymd(dct + dt.timedelta(days=G.deictic[g["deictic"].lower()]))
    elif "month" in g or "month2" in g:
        mo = G.month_num(g.get("month") or g["month2"])
        day = int(re.match(r"\d+", g.get("day") or g["day2"]).group())
        base = resolve_month_day(mo, day, dct, tense)
    elif "wd" in g:
        base = resolve_weekday(G.weekday_num(g["wd"]), dct, tense)
    elif dct is not None:
        base = _ymd(dct)
    else:
        base = "XXXX-XX-XX"
    return "TIME", f"{base}T{h:02d}:{mi:02d}"


def _easter(y: int) -> dt.date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


def _nth_weekday(y: int, month: int, wd: int, n: int) -> dt.date:
    """n-th (1-based; -1 = last) ISO weekday `wd` of the month."""
    if n > 0:
        d = dt.date(y, month, 1)
        d += dt.timedelta(days=(wd - d.isoweekday()) % 7)
        return d + dt.timedelta(weeks=n - 1)
    d = dt.date(y, month, calendar.monthrange(y, month)[1])
    return d - dt.timedelta(days=(d.isoweekday() - wd) % 7)


def _holiday_date(kind: str, y: int) -> dt.date:
    if kind == "thanksgiving":
        return _nth_weekday(y, 11, 4, 4)
    if kind == "easter":
        return _easter(y)
    if kind == "good_friday":
        return _easter(y) - dt.timedelta(days=2)
    if kind == "easter_monday":
        return _easter(y) + dt.timedelta(days=1)
    if kind == "memorial_day":
        return _nth_weekday(y, 5, 1, -1)
    if kind == "labor_day":
        return _nth_weekday(y, 9, 1, 1)
    if kind == "election_day":
        return _nth_weekday(y, 11, 1, 1) + dt.timedelta(days=1)
    if kind == "mlk_day":
        return _nth_weekday(y, 1, 1, 3)
    if kind == "presidents_day":
        return _nth_weekday(y, 2, 1, 3)
    raise ValueError(kind)


def _rule_holiday(G, g, typ, dct, tense, ctx, text):
    res = _rule_holiday_day(G, g, typ, dct, tense, ctx, text)
    if res is not None and "week" in g:
        return typ, _week(dt.date.fromisoformat(res[1]))
    return res


def _rule_holiday_day(G, g, typ, dct, tense, ctx, text):
    name = re.sub(r"\s+", " ", g["holiday"].lower())
    year = int(g["year"]) if "year" in g else None
    if name in G.fixed_holidays:
        md = G.fixed_holidays[name]
        month, day = map(int, md.split("-"))
        if year:
            return typ, f"{year:04d}-{md}"
        return typ, resolve_month_day(month, day, dct, tense)
    kind = G.computed_holidays[name]
    if year:
        return typ, _ymd(_holiday_date(kind, year))
    if dct is None:
        return None
    cands = [_holiday_date(kind, y) for y in (dct.year - 1, dct.year, dct.year + 1)]
    return typ, _ymd(_pick_date(cands, dct, tense))


def _pick_date(cands: list, dct: dt.date, tense: str | None, window: int = TENSE_WINDOW_DAYS) -> dt.date:
    """The nearest candidate, or the one the tense points to if it lies within `window` days."""
    slack = dt.timedelta(days=2)
    if tense == PAST:
        ok = [c for c in cands if c <= dct + slack]
        if ok and (dct - ok[-1]).days <= window:
            return ok[-1]
    elif tense == FUTURE:
        ok = [c for c in cands if c >= dct - slack]
        if ok and (ok[0] - dct).days <= window:
            return ok[0]
    return min(cands, key=lambda c: (abs((c - dct).days), c.year != dct.year))


def _unit_code(G, unit: str) -> str:
    return G.units[re.sub(r"\s+", " ", unit.lower())]


def _rule_ago(G, g, typ, dct, tense, ctx, text):
    unit = _unit_code(G, g["unit"])
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
        last_q = ctx.get("last_quarter") or _prev_quarter(dct)
        y, q = last_q.split("-Q")
        return typ, f"{int(y) - 1:04d}-Q{q}"
    if unit == "Y" and abs(n) == 1 and direction == "ago" and ctx.get("quarter_context"):
        last_q = ctx.get("last_quarter") or _prev_quarter(dct)
        y, q = last_q.split("-Q")
        return typ, f"{int(y) - 1:04d}-Q{q}"
    if direction == "earlier" and ctx.get("ref_date") and unit in ("D", "W", "M"):
        ref = dt.date.fromisoformat(ctx["ref_date"])
        return typ, shift_unit(ref, unit, n)
    return typ, shift_unit(dct, unit, n)


def _rule_duration(G, g, typ, dct, tense, ctx, text):
    unit = _unit_code(G, g["unit"])
    num = G.number(g["num"]) if "num" in g else "X"
    if num is None:
        return None
    if "half" in g and num != "X":
        num = num + 0.5
    rel = re.sub(r"\s+", " ", g.get("rel", "").lower())
    if "num" not in g and (rel in ("coming", "the coming") or "ahead" in g) and unit in ("Y", "DE", "CE"):
        return "DATE", "FUTURE_REF"
    if "num" not in g and rel == "recent" and unit == "Y":
        return "DATE", "PAST_REF"
    if isinstance(num, int) and 1500 <= num <= 2100 and "," not in g.get("num", ","):
        return None  # "the 1988 quarter": a year, not a count
    value = duration_value(num, unit)
    if "unit2" in g and "num2" in g and num != "X":
        n2 = G.number(g["num2"])
        if isinstance(n2, (int, float)):
            v2 = duration_value(n2, _unit_code(G, g["unit2"]))
            a, b = value[1:], v2[1:]
            ad, _, at = a.partition("T")
            bd, _, bt = b.partition("T")
            value = "P" + ad + bd + (("T" + at + bt) if (at or bt) else "")
    return typ, value


def _rule_set(G, g, typ, dct, tense, ctx, text):
    if "adv" in g:
        return typ, G.set_adverbs[re.sub(r"\s+", " ", g["adv"].lower())]
    if "wd" in g:
        v = f"XXXX-WXX-{G.weekday_num(g['wd'])}"
        if "pod" in g:
            v += "T" + _POD_SUFFIX[g["pod"].lower()]
        return typ, v
    if "month" in g:
        return typ, f"XXXX-{G.month_num(g['month']):02d}"
    if "pod" in g:
        return typ, "XXXX-XX-XXT" + _POD_SUFFIX[g["pod"].lower()]
    unit_word = g["unit"].lower()
    if unit_word in G.seasons:
        return typ, f"XXXX-{G.seasons[unit_word]}"
    unit = _unit_code(G, unit_word)
    n = 1
    if "num" in g:
        n = G.number(g["num"])
        if not isinstance(n, (int, float)):
            return None
    if "other" in g:
        n = 2 * n
    return typ, duration_value(n, unit)


def _rule_ref(G, g, typ, dct, tense, ctx, text):
    return typ, G.refs[re.sub(r"\s+", " ", g["ref"].lower())]


_ANAPHORIC_REL = {"following", "the following", "previous", "the previous", "preceding",
                  "the preceding", "prior", "the prior"}


def _is_anaphoric(rel: str) -> bool:
    return re.sub(r"\s+", " ", rel.lower()) in _ANAPHORIC_REL


def _anchor(ctx: dict, dct: dt.date) -> dt.date:
    """The last mentioned date (ctx["ref"], 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'), else the DCT."""
    ref = ctx.get("ref")
    if not ref:
        return dct
    parts = ref.split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 7,
                       int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return dct


def _ref_granularity(ctx: dict) -> int:
    ref = ctx.get("ref") or ""
    return len(ref.split("-")) if ref else 3


def _rule_anaphoric(G, g, typ, dct, tense, ctx, text):
    """'that year', 'the following day', 'later that month', 'the same day': the last mentioned
    date (or the DCT) at the unit's granularity, shifted."""
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    unit = g["unit"].lower()
    shift = {"that": 0, "the same": 0, "the following": 1, "the next": 1, "the previous": -1,
             "the preceding": -1, "the prior": -1, "the day before": -1, "the day after": 1}[rel]
    if rel in ("the day before", "the day after") and unit != "day":
        return None
    if dct is None:
        return None
    anchor = _anchor(ctx, dct)
    code = {"day": "D", "week": "W", "month": "M", "year": "Y"}[unit]
    if code == "D" and _ref_granularity(ctx) < 3:
        return None
    if code == "M" and _ref_granularity(ctx) < 2:
        return None
    return typ, shift_unit(anchor, code, shift)


def _rule_the_unit(G, g, typ, dct, tense, ctx, text):
    """'the year' (the DCT's year; 'the year ended June 30' is a duration), 'the weekend',
    'the full year', 'earlier in the year'."""
    unit = re.sub(r"\s+", " ", g["unit"].lower())
    if "ended" in g:
        if unit in ("six months", "nine months", "three months"):
            return "DURATION", f"P{G.numbers[unit.split()[0]]}M"
        return "DURATION", duration_value(1, _unit_code(G, unit))
    if dct is None:
        return typ, "PRESENT_REF"
    if unit == "year":
        return typ, f"{dct.year:04d}"
    if unit == "month":
        return typ, _ym(dct.year, dct.month)
    if unit == "week":
        return typ, _week(dct)
    if unit == "day":
        return typ, _ymd(dct)
    d = dct  # weekend: the one just past (past tense, or early in the week), else the coming one
    if tense == PAST or (tense is None and dct.isoweekday() <= 2):
        d = dct - dt.timedelta(days=dct.isoweekday() % 7 or 7) if dct.isoweekday() < 6 else dct
    return typ, _week(d) + "-WE"


def _rule_year_end(G, g, typ, dct, tense, ctx, text):
    unit = (g.get("unit") or g.get("unit2") or "year").lower()
    if dct is None:
        return typ, "XXXX"
    if unit == "year":
        return typ, f"{dct.year:04d}"
    if unit == "month":
        return typ, _ym(dct.year, dct.month)
    return typ, f"{dct.year:04d}-Q{_quarter(dct)}"


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
    q = (ctx.get("last_quarter") or (_prev_quarter(dct) if dct else "XXXX-Q4"))[-1]
    return typ, f"{year:04d}-Q{q}"


_YEAR_WORDS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
               "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
               "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
               "ninety": 90, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7, "eight": 8, "nine": 9}


def _rule_year_words(G, g, typ, dct, tense, ctx, text):
    """'nineteen ninety-six' -> 1996, 'the year two thousand' -> 2000."""
    words = re.split(r"[\s-]+", g["words"].lower())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return typ, f"{2000 + sum(_YEAR_WORDS[w] for w in rest):04d}"
    cent = _YEAR_WORDS[words[0]]
    rest = words[1:]
    if rest == ["hundred"]:
        return typ, f"{cent * 100:04d}"
    return typ, f"{cent * 100 + sum(_YEAR_WORDS[w] for w in rest):04d}"


RULES: dict[str, Callable] = {
    "anaphoric": _rule_anaphoric, "week_of": _rule_week_of, "the_unit": _rule_the_unit, "year_end": _rule_year_end,
    "year_period": _rule_year_period, "year_words": _rule_year_words,
    "mdy": _rule_mdy, "md": _rule_md, "month": _rule_month, "year": _rule_year,
    "decade": _rule_decade, "century": _rule_century, "quarter": _rule_quarter,
    "half": _rule_half, "quarter_ref": _rule_quarter_ref, "year_ago": _rule_year_ago,
    "season": _rule_season, "rel": _rule_rel, "year_of": _rule_year_of,
    "rel_month": _rule_rel_month, "rel_weekday": _rule_rel_weekday, "weekday": _rule_weekday,
    "deictic": _rule_deictic, "deictic_pod": _rule_deictic_pod, "time": _rule_time,
    "holiday": _rule_holiday, "ago": _rule_ago, "duration": _rule_duration, "set": _rule_set,
    "ref": _rule_ref,
}


# ---------------------------------------------------------------------------------------------
# the stand-alone normalizer
def parse_dct(dct) -> dt.date | None:
    """A date from a date/datetime/ISO string ('2024-03-25', '2024-03-25T10:00'), else None."""
    if dct is None:
        return None
    if isinstance(dct, dt.datetime):
        return dct.date()
    if isinstance(dct, dt.date):
        return dct
    if isinstance(dct, str):
        m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", dct)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


_STRIP_PUNCT = " \t\r\n,;:!?\"'()[]"


def normalize(text, dct=None, tense: str | None = None, ctx: dict | None = None,
              grammar: TimexGrammar | None = None, use_dateparser: bool = True):
    """Normalize one time expression: ``(type, value)`` or ``None``. Never raises.

    `dct` is the document creation time (date, datetime or ISO string, or None); `tense` is
    "PAST", "PRESENT", "FUTURE" or None (it decides e.g. which Tuesday "Tuesday" is).
    """
    try:
        if not isinstance(text, str):
            return None
        G = grammar or default_grammar()
        d = parse_dct(dct)
        s = re.sub(r"\s+", " ", text).strip(_STRIP_PUNCT)
        if not s or len(s) > 80:
            return None
        s = strip_prefix(s, G)
        if s.endswith("'s"):
            s = s[:-2]
        hit = G.fullmatch(s)
        if hit:
            return G.evaluate(hit[0], hit[1], d, tense, ctx)
        if use_dateparser and d is not None:
            res = dateparser_value(s, d, tense)
            return res if res is not None and is_valid_value(res[1]) else None
        return None
    except Exception:  # noqa: BLE001 - the contract is "never raises"
        return None


def strip_prefix(s: str, G: TimexGrammar) -> str:
    """Drop leading prepositions ("since 1960" -> "1960")."""
    changed = True
    while changed:
        changed = False
        low = s.lower()
        for p in G.excluded_prefixes:
            if low.startswith(p + " ") and len(s) > len(p) + 1:
                s = s[len(p) + 1:].lstrip()
                changed = True
                break
    return s


# ---------------------------------------------------------------------------------------------
# dateparser fallback (slow: only for what the rules cannot normalize, cached)
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
        return "DATE", _ym(d.year, d.month)
    if period == "week":
        return "DATE", _week(d.date())
    if period == "time":
        return "TIME", f"{_ymd(d.date())}T{d.hour:02d}:{d.minute:02d}"
    return "DATE", _ymd(d.date())
