"""Durations, sets and reference words: values that are not points on the calendar.

``duration_value(n, unit)`` builds ``P3Y``, ``PT5H``, ``P2Y6M``, ``PXY``; the rules for
durations ("three years", "the past few months", "a five-year plan"), sets ("every year" ->
``P1Y``, "every Tuesday" -> ``XXXX-WXX-2``, "twice a week") and references ("now" ->
``PRESENT_REF``, "recently" -> ``PAST_REF``).
"""
from __future__ import annotations

import re
from typing import Callable

from .timex_calendar import POD_CODES


def duration_value(n, unit: str) -> str:
    """P3Y, PT5H, P2Y6M, PXY ...  `n` a number or 'X'."""
    time_units = {"H": "H", "TM": "M", "S": "S"}
    if unit == "2W":
        n, unit = (n * 2 if n != "X" else n), "W"
    if unit == "DE":  # decades in years, counted or not: "two decades" P20Y, "decades" PXY
        if n == "X":
            return "PXY"
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


def unit_code(G, unit: str) -> str:
    return G.units[re.sub(r"\s+", " ", unit.lower())]


def _rule_duration(G, g, typ, dct, tense, ctx, text):
    unit = unit_code(G, g["unit"])
    num = G.number(g["num"]) if "num" in g else ("X" if g["unit"].lower().endswith("s") else 1)
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
            v2 = duration_value(n2, unit_code(G, g["unit2"]))
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
            v += "T" + POD_CODES[g["pod"].lower()]
        return typ, v
    if "month" in g:
        return typ, f"XXXX-{G.month_num(g['month']):02d}"
    if "pod" in g:
        return typ, "XXXX-XX-XXT" + POD_CODES[g["pod"].lower()]
    unit_word = g["unit"].lower()
    if unit_word in G.seasons:
        return typ, f"XXXX-{G.seasons[unit_word]}"
    unit = unit_code(G, unit_word)
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


def _rule_not_a_timex(G, g, typ, dct, tense, ctx, text):
    """A span that looks like a time expression but is none, claimed so that no shorter pattern
    and no model entity reads it as one: "today's world", "the people of tomorrow"."""
    return None


#: rule name (column 3 of data/timex_patterns.tsv) -> rule function
RULES: dict[str, Callable] = {
    "not_a_timex": _rule_not_a_timex,
    "duration": _rule_duration,
    "set": _rule_set,
    "ref": _rule_ref,
}
