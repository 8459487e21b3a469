"""Calendar arithmetic for TIMEX3 values: no tense, no context, just dates.

ISO date strings (``ymd``, ``ym``), ISO weeks, quarters, seasons, month arithmetic, shifting a
date by n units at the unit's granularity (``shift_unit``: "next month" = +1 M -> ``2024-04``),
two-digit years, clock times, and the dates of movable holidays (Easter, Thanksgiving, ...).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re


def ymd(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def iso_week(d: dt.date) -> str:
    iy, iw, _ = d.isocalendar()
    return f"{iy:04d}-W{iw:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def season_of(d: dt.date) -> tuple[int, str]:
    m = d.month
    if m in (3, 4, 5):
        return d.year, "SP"
    if m in (6, 7, 8):
        return d.year, "SU"
    if m in (9, 10, 11):
        return d.year, "FA"
    return (d.year if m == 12 else d.year - 1), "WI"


SEASON_ORDER = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}


def year_check(y: int) -> int:
    if not 1 <= y <= 9999:
        raise ValueError("year out of range")
    return y


def two_digit_year(s: str, dct: dt.date | None) -> int:
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


def prev_quarter(dct: dt.date) -> str:
    k = dct.year * 4 + (quarter_of(dct) - 1) - 1
    return f"{k // 4:04d}-Q{k % 4 + 1}"


def shift_unit(dct: dt.date, unit: str, n: int) -> str:
    """The date `n` units from `dct`, at the unit's granularity."""
    if unit in ("Y",):
        return f"{year_check(dct.year + n):04d}"
    if unit == "M":
        y, m = add_months(dct.year, dct.month, n)
        return ym(year_check(y), m)
    if unit == "W":
        return iso_week(dct + dt.timedelta(weeks=n))
    if unit == "2W":
        return iso_week(dct + dt.timedelta(weeks=2 * n))
    if unit == "D":
        return ymd(dct + dt.timedelta(days=n))
    if unit == "WE":
        d = dct + dt.timedelta(weeks=n)
        return iso_week(d) + "-WE"
    if unit == "Q":
        k = dct.year * 4 + (quarter_of(dct) - 1) + n
        return f"{year_check(k // 4):04d}-Q{k % 4 + 1}"
    if unit == "DE":
        return f"{year_check(dct.year + 10 * n) // 10:03d}"
    if unit == "CE":
        return f"{year_check(dct.year + 100 * n) // 100:02d}"
    if unit == "ML":
        return f"{year_check(dct.year + 1000 * n) // 1000:01d}"
    if unit in ("H", "TM", "S"):
        return ymd(dct)
    raise ValueError(unit)


POD_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
               "mornings": "MO", "afternoons": "AF", "evenings": "EV", "nights": "NI",
               "overnight": "NI"}


def clock(s: str) -> tuple[int, int] | None:
    s = s.lower().strip()
    words = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}
    if s in words:
        return words[s]
    m = re.match(r"(\d{1,2})(?::?(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|o'clock)?", s)  # '0630': 06:30
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


def easter(y: int) -> dt.date:
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


def nth_weekday(y: int, month: int, wd: int, n: int) -> dt.date:
    """n-th (1-based; -1 = last) ISO weekday `wd` of the month."""
    if n > 0:
        d = dt.date(y, month, 1)
        d += dt.timedelta(days=(wd - d.isoweekday()) % 7)
        return d + dt.timedelta(weeks=n - 1)
    d = dt.date(y, month, calendar.monthrange(y, month)[1])
    return d - dt.timedelta(days=(d.isoweekday() - wd) % 7)


#: holidays a fixed number of days from another: kind -> (base kind, days)
_HOLIDAY_OFFSETS = {"black_friday": ("thanksgiving", 1), "cyber_monday": ("thanksgiving", 4),
                    "ash_wednesday": ("easter", -46), "palm_sunday": ("easter", -7),
                    "pentecost": ("easter", 49)}
#: holidays on the n-th weekday of a month: kind -> (month, ISO weekday, n)
_HOLIDAY_NTH = {"mothers_day": (5, 7, 2), "fathers_day": (6, 7, 3), "columbus_day": (10, 1, 2)}


def holiday_date(kind: str, y: int) -> dt.date:
    if kind in _HOLIDAY_OFFSETS:
        base, days = _HOLIDAY_OFFSETS[kind]
        return holiday_date(base, y) + dt.timedelta(days=days)
    if kind in _HOLIDAY_NTH:
        return nth_weekday(y, *_HOLIDAY_NTH[kind])
    if kind == "thanksgiving":
        return nth_weekday(y, 11, 4, 4)
    if kind == "easter":
        return easter(y)
    if kind == "good_friday":
        return easter(y) - dt.timedelta(days=2)
    if kind == "easter_monday":
        return easter(y) + dt.timedelta(days=1)
    if kind == "memorial_day":
        return nth_weekday(y, 5, 1, -1)
    if kind == "labor_day":
        return nth_weekday(y, 9, 1, 1)
    if kind == "election_day":
        return nth_weekday(y, 11, 1, 1) + dt.timedelta(days=1)
    if kind == "mlk_day":
        return nth_weekday(y, 1, 1, 3)
    if kind == "presidents_day":
        return nth_weekday(y, 2, 1, 3)
    raise ValueError(kind)
