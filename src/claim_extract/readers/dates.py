"""Publication dates: one parser shared by every reader.

`parse_published(value, label)` returns `(iso, warning)`:

* ISO first: `2024-03-25`, `2024-03-25T10:00:00Z`, `2024-03-25 10:00` -> the date part as
  written (no time-zone shift: the day the source printed is the publication day).
  `2024-13-45` is ISO-shaped but impossible -> not a date (no guessing).
* All-numeric `D/M/Y` forms (`/`, `.` or `-`, four-digit year) are read by us, not by
  dateparser: first number > 12 -> day/month/year (`25/03/2024`); second number > 12 ->
  month/day/year (`03/25/2024`); both <= 12 -> month/day/year (US usage, like dateparser's
  default) with a warning that the date is ambiguous.
* Anything else goes to dateparser with absolute parsers only (no "yesterday", no "2 days
  ago", no Unix timestamps) and day, month and year all required ("March 2024" is not a
  publication date): "March 25, 2024", "25 Mar 2024", "Mon, 25 Mar 2024 10:00:00 GMT".
* Not a date -> `(None, "<label> <value> is not a date")`; a date after today is kept, with
  the warning "<label> <value> is in the future".
"""
from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})$")
_SETTINGS = {
    "PARSERS": ["absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DAY_OF_MONTH": "first",
}
_MAX_LEN = 100  # longer values are not dates; keeps dateparser away from whole paragraphs


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _dateparser(value: str) -> date | None:
    try:
        import dateparser  # imported lazily: it is slow to import

        parsed = dateparser.parse(value, settings=_SETTINGS)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return parsed.date() if parsed is not None else None


def parse_published(value: object, label: str = "date") -> tuple[str | None, str | None]:
    """ISO `YYYY-MM-DD` of a publication date `value`, and a warning or None (see module)."""
    if value is None:
        return None, None
    text = " ".join(str(value).split())
    if not text:
        return None, None
    shown = text if len(text) <= 60 else text[:57] + "..."
    warning = None
    m = _ISO.match(text)
    n = _NUMERIC.match(text)
    if m:
        found = _make(int(m[1]), int(m[2]), int(m[3]))
    elif n:
        a, b, y = int(n[1]), int(n[3]), int(n[4])
        if a > 12:
            found = _make(y, b, a)
        else:
            found = _make(y, a, b)
            if found and b <= 12 and a != b:
                warning = f"{label} {shown} is ambiguous, read as month/day/year"
    elif len(text) <= _MAX_LEN and re.search(r"\d", text):
        found = _dateparser(text)
    else:
        found = None
    if found is None:
        return None, f"{label} {shown} is not a date"
    if found > date.today():
        warning = f"{label} {shown} is in the future"
    return found.isoformat(), warning
