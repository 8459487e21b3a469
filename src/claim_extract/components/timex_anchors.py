"""Anchoring: which actual date a calendar expression means, given the DCT and the tense.

The document creation time (``parse_dct``), the tense constants, and the choices that depend on
them: which year a year-less "April 10" is in (the nearest, or the one the tense points to
within :data:`TENSE_WINDOW_DAYS`), which Tuesday "Tuesday" is (before the DCT in a past-tense
sentence, after it in a future one), which quarter and season; and the anchor of anaphoric
expressions ("the following year": the last mentioned date, else the DCT).
"""
from __future__ import annotations

import datetime as dt
import re

from .timex_calendar import SEASON_ORDER, season_of, ym, ymd
from .timex_grammar import TimexGrammar


PAST, PRESENT, FUTURE = "PAST", "PRESENT", "FUTURE"
#: the tense of the governing verb picks a month-day date only within this many days of the DCT
#: ("was thrown into question on Feb. 9" in late September: the February before, 230 days back)
TENSE_WINDOW_DAYS = 300
#: a date mentioned more than this many sentences back is no longer the narrative's reference
#: time ("the previous week" deep into a long briefing is the DCT's previous week)
REFERENCE_SENTENCES = 5


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


def rel_value(grammar: TimexGrammar, rel: str) -> int:
    return grammar.rel[re.sub(r"\s+", " ", rel.lower())]


def pick_by_tense(candidates: list, dct_key, tense: str | None):
    """Choose among candidate keys (sortable, comparable to dct_key) by tense."""
    candidates = sorted(candidates)
    if tense == PAST:
        past = [c for c in candidates if c <= dct_key]
        return past[-1] if past else candidates[0]
    if tense == FUTURE:
        fut = [c for c in candidates if c >= dct_key]
        return fut[0] if fut else candidates[-1]
    return None


def pick_date(cands: list, dct: dt.date, tense: str | None, window: int = TENSE_WINDOW_DAYS) -> dt.date:
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
    # lies within about ten months (beyond that the tense misleads more often than it helps:
    # "said ... payable Dec. 7"; "effective Feb. 1" after a past verb is the nearest one).
    return ymd(pick_date(cands, dct, tense, window))


def resolve_month(month: int, dct: dt.date | None, tense: str | None) -> str:
    if dct is None:
        return f"XXXX-{month:02d}"
    cur = (dct.year, dct.month)
    cands = [(y, month) for y in (dct.year - 1, dct.year, dct.year + 1)]
    if tense in (PAST, FUTURE):
        y, m = pick_by_tense(cands, cur, tense)
        return ym(y, m)
    key = lambda c: (abs((c[0] * 12 + c[1]) - (cur[0] * 12 + cur[1])), c[0] != dct.year)  # noqa: E731
    y, m = min(cands, key=key)
    return ym(y, m)


def resolve_weekday(wd: int, dct: dt.date | None, tense: str | None, rel: int | None = None) -> str:
    """`wd` 1=Monday..7=Sunday."""
    if dct is None:
        return f"XXXX-WXX-{wd}"
    cur = dct.isoweekday()
    back = (cur - wd) % 7  # days back to the most recent such weekday (0 = today)
    fwd = (wd - cur) % 7
    if rel == -1:  # "last Friday": strictly before today
        return ymd(dct - dt.timedelta(days=back or 7))
    if rel == 1:  # "next Friday": strictly after today
        return ymd(dct + dt.timedelta(days=fwd or 7))
    if rel == 0:  # "this Friday": in the current week
        return ymd(dct + dt.timedelta(days=wd - cur))
    if back == 0:
        return ymd(dct)
    if tense == PAST:
        return ymd(dct - dt.timedelta(days=back))
    if tense == FUTURE:
        return ymd(dct + dt.timedelta(days=fwd))
    return ymd(dct - dt.timedelta(days=back) if back <= fwd else dct + dt.timedelta(days=fwd))


def resolve_quarter(q: int, dct: dt.date | None, tense: str | None) -> str:
    """The DCT's year, unless the tense points to a quarter of the year before or after that
    lies within about a quarter of the DCT; the fourth quarter named in the first quarter is the
    one just ended, last year's, whatever the tense ("fourth-quarter results will be released
    later this month")."""
    if dct is None:
        return f"XXXX-Q{q}"
    y = dct.year - 1 if q == 4 and dct.month <= 3 else dct.year
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
    cy, cs = season_of(dct)
    cur = (cy, SEASON_ORDER[cs])
    cands = [(y, SEASON_ORDER[season]) for y in (dct.year - 1, dct.year, dct.year + 1)]
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


_ANAPHORIC_REL = {"following", "the following", "previous", "the previous", "preceding",
                  "the preceding", "prior", "the prior"}


def is_anaphoric(rel: str) -> bool:
    return re.sub(r"\s+", " ", rel.lower()) in _ANAPHORIC_REL


def anchor_date(ctx: dict, dct: dt.date) -> dt.date:
    """The last mentioned date (ctx["ref"], 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD') if it is recent
    (REFERENCE_SENTENCES), else the DCT."""
    ref = ctx.get("ref")
    if not ref or ctx.get("sid", 0) - ctx.get("ref_sid", 0) > REFERENCE_SENTENCES:
        return dct
    parts = ref.split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 7,
                       int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return dct


def ref_granularity(ctx: dict) -> int:
    ref = ctx.get("ref") or ""
    return len(ref.split("-")) if ref else 3


_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")
_ANCHOR_VALUE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}\b")
#: the rules whose calendar values become the reference time of what follows
_ANCHOR_RULES = {"mdy", "md", "month", "year", "holiday", "rel_month", "rel", "anaphoric",
                 "year_words"}


def remember(ctx: dict, rule: str | None, value: str, sid: int) -> None:
    """Note a normalized expression (of pattern rule `rule`, None for an entity, in sentence
    `sid`) in the context of those that follow: the quarter under discussion, the reference
    date (ctx["ref"], ctx["ref_sid"]) and the last full day mentioned (ctx["last_day"])."""
    if rule in ("quarter", "half") and _QUARTER_VALUE.fullmatch(value):
        ctx["last_quarter"] = value
        ctx.setdefault("quarter_sents", []).append(sid)
    elif rule in _ANCHOR_RULES and _ANCHOR_VALUE.fullmatch(value):
        ctx["ref"], ctx["ref_sid"] = value, sid
    if _DAY_VALUE.match(value):
        ctx["last_day"], ctx["last_day_sid"] = value[:10], sid


def anaphoric_day(ctx: dict, dct: dt.date) -> dt.date | str | None:
    """The day "that day", "the next morning" start from: the last full day mentioned (a named
    weekday too: "met on Tuesday ... the next day") if it is recent, else a recent reference
    date's day; a recent month mentioned after the last day gives 'YYYY-MM' (the day unknown), a
    year None; no recent date: the DCT."""
    sid = ctx.get("sid", 0)
    day_recent = ctx.get("last_day") and sid - ctx.get("last_day_sid", 0) <= REFERENCE_SENTENCES
    granularity = ref_granularity(ctx)
    if day_recent and (granularity >= 3 or ctx.get("last_day_sid", 0) >= ctx.get("ref_sid", 0)):
        return dt.date.fromisoformat(ctx["last_day"])
    if granularity >= 3:
        return anchor_date(ctx, dct)
    if sid - ctx.get("ref_sid", 0) > REFERENCE_SENTENCES:
        return dct
    return ctx["ref"] if granularity == 2 else None


def reference_day(ctx: dict, dct: dt.date) -> dt.date:
    """The last full day mentioned if it is recent (REFERENCE_SENTENCES), else the DCT."""
    recent = ctx.get("sid", 0) - ctx.get("last_day_sid", 0) <= REFERENCE_SENTENCES
    if ctx.get("last_day") and recent:
        return dt.date.fromisoformat(ctx["last_day"])
    return dct


_RANGE_JOIN = re.compile(r"\s*(?:and|to|through|until|till|-|–|—)\s*")
_RANGE_START = re.compile(r"\b(?:between|from)\s+$", re.I)
_YEARLESS_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


def order_ranges(timexes: list[dict], text: str, dct: dt.date | None) -> None:
    """A range of dates comes in order: in "between January 1 and September 26" (in a text of
    late September) January 1 is this year's, not the next, though the next is nearer. Of two
    year-less dates out of order, the one whose year moves (back for the first, ahead for the
    second) so that both lie nearest the DCT."""
    if dct is None:
        return
    for a, b in zip(timexes, timexes[1:]):
        if not (_RANGE_JOIN.fullmatch(text, a["end_char"], b["start_char"])
                and _RANGE_START.search(text[max(0, a["start_char"] - 10):a["start_char"]])):
            continue
        va, vb = a["value"], b["value"]
        if not (_YEARLESS_DATE.fullmatch(va) and _YEARLESS_DATE.fullmatch(vb)) \
                or len(va) != len(vb) or va <= vb:
            continue
        options = []
        if not re.search(r"\d{4}|'\d\d", a["text"]):
            options.append((a, f"{int(va[:4]) - 1:04d}{va[4:]}", vb))
        if not re.search(r"\d{4}|'\d\d", b["text"]):
            options.append((b, va, f"{int(vb[:4]) + 1:04d}{vb[4:]}"))

        def spread(pair):
            days = [dt.date(int(v[:4]), int(v[5:7]), int(v[8:10]) if len(v) > 7 else 15)
                    for v in pair]
            return sum(abs((d - dct).days) for d in days)

        options = [o for o in options if o[1] <= o[2] and not o[1].endswith("-02-29")
                   and not o[2].endswith("-02-29")]
        if options:
            which, new_a, new_b = min(options, key=lambda o: spread(o[1:]))
            which["value"] = new_a if which is a else new_b
