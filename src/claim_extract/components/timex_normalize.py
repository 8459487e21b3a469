"""TIMEX3 normalization: values relative to the document creation time (DCT).

:data:`RULES` maps each rule name of ``data/timex_patterns.tsv`` to its function; the rules
live by theme:

- :mod:`.timex_dates` -- days, months, years, decades, seasons, weekdays, clock times, holidays
- :mod:`.timex_periods` -- quarters, halves, fiscal years, "the year-ago period"
- :mod:`.timex_relative` -- "next month", "last week", "three years ago", "the following day"
- :mod:`.timex_values` -- durations, sets, reference words (``PRESENT_REF`` ...)

on top of :mod:`.timex_calendar` (date arithmetic) and :mod:`.timex_anchors` (DCT and tense;
the tense itself comes from the parse, :mod:`.timex_tense`).
:func:`normalize` ``(text, dct, tense)`` is the stand-alone normalizer: it never raises and
returns ``(type, value)`` or ``None``, with dateparser (:mod:`.timex_dateparser`) as a cached
fallback.

Values follow TimeML 1.2.1: ``2024-04-10``, ``2024-04``, ``2024``, ``2024-Q2``, ``2024-W12``,
``2024-SU``, ``199`` (decade), ``19`` (century), ``PRESENT_REF``, ``P3Y``, ``PT5H``, ``PXY``,
``XXXX-04-10`` (year unknown), ``2024-03-25T17:00``, ``2024-03-25TNI``, ``XXXX-WXX-2`` (SET).
"""
from __future__ import annotations

import re
from typing import Callable

from . import timex_dates, timex_periods, timex_relative, timex_values
from .timex_anchors import FUTURE, PAST, PRESENT, TENSE_WINDOW_DAYS, parse_dct  # noqa: F401
from .timex_dateparser import dateparser_value
from .timex_grammar import (  # noqa: F401  (re-exported: the normalizer's public names)
    TYPES, TimexGrammar, default_grammar, is_valid_value, load_words,
)

RULES: dict[str, Callable] = {**timex_dates.RULES, **timex_periods.RULES, **timex_relative.RULES,
                              **timex_values.RULES}


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
