"""Rules for calendar dates: days, months, years, decades, centuries, seasons, weekdays,
parts of day, clock times and holidays.

Each rule takes ``(grammar, groups, type, dct, tense, ctx, text)`` (``groups``: the named
groups of a match of a pattern of ``data/timex_patterns.tsv``) and returns ``(type, value)`` or
``None``; :data:`RULES` maps the rule names of the patterns file to them.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Callable

from .timex_anchors import FUTURE, PAST, anchor_date, is_anaphoric, pick_date, reference_day, \
    rel_value, resolve_month, resolve_month_day, resolve_season, resolve_weekday
from .timex_calendar import POD_CODES, clock, holiday_date, iso_week, two_digit_year, year_check, \
    ym, ymd


def _rule_mdy(G, g, typ, dct, tense, ctx, text):
    month = int(g["month"]) if g["month"].isdigit() else G.month_num(g["month"])
    day = int(re.match(r"\d+", g["day"]).group())
    if "year" not in g:
        return typ, resolve_month_day(month, day, dct, tense)
    y = g["year"]
    year = int(y) if len(y) == 4 else (1900 + int(y) if int(y) > 30 else 2000 + int(y))
    return typ, ymd(dt.date(year_check(year), month, day))


def _rule_md(G, g, typ, dct, tense, ctx, text):
    month = G.month_num(g["month"])
    day = int(re.match(r"\d+", g["day"]).group())
    dt.date(2000, month, day)  # validates (leap year allows Feb 29)
    if "relyear" in g:  # "March 3 last year", "the 1st of April next year"
        if dct is None:
            return None
        return typ, ymd(dt.date(year_check(dct.year + rel_value(G, g["relyear"])), month, day))
    if "rel" in g and dct is not None:  # "last Oct. 23", "next April 2"
        tense = PAST if g["rel"].lower().startswith(("last", "this past")) else FUTURE
        cands = [dt.date(y, month, day) for y in (dct.year - 1, dct.year, dct.year + 1)
                 if not (month == 2 and day == 29 and not calendar.isleap(y))]
        pick = ([c for c in cands if c < dct] or cands)[-1] if tense == PAST else \
            ([c for c in cands if c > dct] or cands)[0]
        return typ, ymd(pick)
    if ctx.get("period_end"):  # "the year ended Sept. 30": the last such date
        return typ, resolve_month_day(month, day, dct, ctx["period_end"], window=366)
    if ctx.get("direction_fixed"):  # "since Jan. 1": before the DCT, however far back
        return typ, resolve_month_day(month, day, dct, tense, window=366)
    return typ, resolve_month_day(month, day, dct, tense)


def _rule_week_of(G, g, typ, dct, tense, ctx, text):
    """'the week of March 6'; 'the first week of March' (the week of its 4th, 11th, ...: the
    first week with most of its days in the month; the last: of its fourth-to-last day)."""
    month = G.month_num(g["month"])
    if "nth" in g:
        n = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(g["nth"].lower())
        if "year" in g:
            y = int(g["year"])
        elif dct is None:
            return typ, "XXXX-WXX"
        else:
            y = int(resolve_month(month, dct, tense)[:4])
        last = calendar.monthrange(y, month)[1]
        return typ, iso_week(dt.date(y, month, 4 + 7 * (n - 1) if n else last - 3))
    day = int(re.match(r"\d+", g["day"]).group())
    if "year" in g:
        return typ, iso_week(dt.date(int(g["year"]), month, day))
    if dct is None:
        return typ, "XXXX-WXX"
    return typ, iso_week(dt.date.fromisoformat(resolve_month_day(month, day, dct, tense)))


def _rule_month(G, g, typ, dct, tense, ctx, text):
    month = G.month_num(g["month"])
    if "words" in g:  # "January nineteen ninety-seven"
        return typ, ym(spelled_year(g["words"]), month)
    if "year" in g:
        return typ, ym(year_check(two_digit_year(g["year"], dct)), month)
    if "rel" in g:
        if dct is None:
            return typ, f"XXXX-{month:02d}"
        rel = rel_value(G, g["rel"])
        return typ, ym(dct.year + rel, month)
    return typ, resolve_month(month, dct, tense)


def _rule_year(G, g, typ, dct, tense, ctx, text):
    y = g["year"]
    year = int(y) if len(y) == 4 else two_digit_year(y, dct)
    return typ, f"{year_check(year):04d}"


def _rule_decade(G, g, typ, dct, tense, ctx, text):
    if "decade" in g:
        d = g["decade"]
        if d.startswith("'"):
            year = two_digit_year(d, dct)
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


_YEAR_WORDS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
               "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
               "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
               "ninety": 90, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7, "eight": 8, "nine": 9}


def spelled_year(text: str) -> int:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001."""
    words = re.split(r"[\s-]+", text.lower())
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(_YEAR_WORDS[w] for w in words[2:] if w != "and")
    cent = _YEAR_WORDS[words[0]]
    if words[1:] == ["hundred"]:
        return cent * 100
    return cent * 100 + sum(_YEAR_WORDS[w] for w in words[1:])


def _rule_year_words(G, g, typ, dct, tense, ctx, text):
    """'nineteen ninety-six' -> 1996, 'the year two thousand' -> 2000."""
    return typ, f"{spelled_year(g['words']):04d}"


def _rule_season(G, g, typ, dct, tense, ctx, text):
    season = G.seasons[g["season"].lower()]
    if "words" in g:  # "the winter of nineteen ninety-four"
        return typ, f"{spelled_year(g['words']):04d}-{season}"
    if "year" in g:
        return typ, f"{year_check(two_digit_year(g['year'], dct)):04d}-{season}"
    rel = rel_value(G, g["rel"]) if "rel" in g else None
    if rel and dct is not None and is_anaphoric(g["rel"]):
        # "the following spring", "the previous winter": next to the date the narrative is at
        return typ, resolve_season(season, anchor_date(ctx, dct), None, rel)
    return typ, resolve_season(season, dct, tense, rel)


def _rule_rel_weekday(G, g, typ, dct, tense, ctx, text):
    rel = rel_value(G, g["rel"])
    if rel and is_anaphoric(g["rel"]) and dct is not None:
        # "the previous Friday", "the following Tuesday": from the day the narrative is at
        return typ, resolve_weekday(G.weekday_num(g["wd"]), reference_day(ctx, dct), None, rel)
    return typ, resolve_weekday(G.weekday_num(g["wd"]), dct, tense, rel)


def _rule_season_set(G, g, typ, dct, tense, ctx, text):
    """'the past three summers': the summers, a set (TimeML: XXXX-SU)."""
    return "SET", "XXXX-" + G.seasons[g["season"].lower().rstrip("s")]


def _rule_weekday(G, g, typ, dct, tense, ctx, text):
    v = resolve_weekday(G.weekday_num(g["wd"]), dct, tense)
    if "pod" in g:
        return "TIME", v + "T" + POD_CODES[g["pod"].lower()]
    return typ, v


def _rule_deictic(G, g, typ, dct, tense, ctx, text):
    word = re.sub(r"\s+", " ", g["deictic"].lower())
    n = G.deictic[word]
    if dct is None:
        return typ, {0: "PRESENT_REF"}.get(n, "PAST_REF" if n < 0 else "FUTURE_REF")
    return typ, ymd(dct + dt.timedelta(days=n))


def _rule_deictic_pod(G, g, typ, dct, tense, ctx, text):
    word = g.get("deictic", "today").lower()
    pod = g.get("pod", "night").lower()
    n = {"yesterday": -1, "tomorrow": 1, "today": 0, "this": 0, "tonight": 0, "last": -1}[word]
    if word == "last" and pod != "night":
        return None
    if dct is None:
        return typ, "XXXX-XX-XXT" + POD_CODES[pod]
    return typ, ymd(dct + dt.timedelta(days=n)) + "T" + POD_CODES[pod]


def _rule_time(G, g, typ, dct, tense, ctx, text):
    hm = clock(g["clock"])
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
            base = ymd(dct + dt.timedelta(days=G.deictic[g["deictic"].lower()]))
    elif "month" in g or "month2" in g:
        mo = G.month_num(g.get("month") or g["month2"])
        day = int(re.match(r"\d+", g.get("day") or g["day2"]).group())
        base = resolve_month_day(mo, day, dct, tense)
    elif "wd" in g:
        base = resolve_weekday(G.weekday_num(g["wd"]), dct, tense)
    elif ctx.get("last_day") and tense in (PAST, FUTURE):
        # a narrated event ("The blast came Friday ... It occurred at 10:35 a.m.", "will speak
        # tomorrow ... at 7:30 a.m."): the day last mentioned; a verbless stamp ("END 1:22 P.M.
        # EDT") or a present ("polls close at 8 p.m.") keeps the DCT
        base = ctx["last_day"]
    elif dct is not None:
        base = ymd(dct)
    else:
        base = "XXXX-XX-XX"
    return "TIME", f"{base}T{h:02d}:{mi:02d}"


def _rule_holiday(G, g, typ, dct, tense, ctx, text):
    res = _rule_holiday_day(G, g, typ, dct, tense, ctx, text)
    if res is not None and "week" in g:
        return typ, iso_week(dt.date.fromisoformat(res[1]))
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
        return typ, ymd(holiday_date(kind, year))
    if dct is None:
        return None
    cands = [holiday_date(kind, y) for y in (dct.year - 1, dct.year, dct.year + 1)]
    return typ, ymd(pick_date(cands, dct, tense))


#: rule name (column 3 of data/timex_patterns.tsv) -> rule function
RULES: dict[str, Callable] = {
    "mdy": _rule_mdy,
    "md": _rule_md,
    "week_of": _rule_week_of,
    "month": _rule_month,
    "year": _rule_year,
    "decade": _rule_decade,
    "century": _rule_century,
    "year_words": _rule_year_words,
    "season": _rule_season,
    "rel_weekday": _rule_rel_weekday,
    "season_set": _rule_season_set,
    "weekday": _rule_weekday,
    "deictic": _rule_deictic,
    "deictic_pod": _rule_deictic_pod,
    "time": _rule_time,
    "holiday": _rule_holiday,
}
