"""The TIMEX3 grammar: word lists, regex patterns and keyword gates, compiled once.

The patterns live in ``data/timex_patterns.tsv`` and the word lists in ``data/timex_words.json``.
:class:`TimexGrammar` expands the macros, compiles every pattern once (case-insensitive; month and
weekday names case-sensitive), scans a text for all matches and hands a match to its
normalization rule (``timex_normalize.RULES``). Also: :func:`is_valid_value`, the TIMEX3 value
check every output value passes.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
TYPES = ("DATE", "TIME", "DURATION", "SET")

# ---------------------------------------------------------------------------------------------
# value validation
_DATE_RE = (
    r"(?:\d{2}|\d{3}|\d{4}|XXXX|\d{2}XX|\d{3}X)"
    r"(?:-(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?"
    r"|-Q[1-4X]|-H[12X]|-W(?:0[1-9]|[1-4]\d|5[0-3]|XX)(?:-(?:[1-7]|WE))?|-(?:SP|SU|FA|WI))?"
    r"(?:T(?:(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d)?)?|MO|AF|EV|NI|DT))?"
)
_DUR_RE = (
    r"P(?:(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|DE|CE|ML|WE))+(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?"
    r"|T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)"
)
VALID_VALUE = re.compile(rf"(?:PRESENT_REF|PAST_REF|FUTURE_REF|{_DATE_RE}|{_DUR_RE})")


def is_valid_value(value) -> bool:
    """True when `value` is a well-formed TIMEX3 value string."""
    return isinstance(value, str) and VALID_VALUE.fullmatch(value) is not None


# ---------------------------------------------------------------------------------------------
# data files
def _data_text(name: str) -> str:
    return (DATA_DIR / name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=4)
def load_words(path: str | None = None) -> dict:
    text = open(path, encoding="utf-8").read() if path else _data_text("timex_words.json")
    return json.loads(text)


def _alt(words, case_sensitive=False) -> str:
    """Alternation of `words`, longest first; spaces match any white space."""
    parts = []
    for w in sorted(set(words), key=lambda s: (-len(s), s)):
        parts.append(r"\s+".join(re.escape(p) for p in w.split()))
    body = "|".join(parts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _word_macros(words: dict) -> dict[str, str]:
    months = words["months"]
    abbr = words["month_abbreviations"]
    month_forms = []
    for name in months:
        month_forms += [name.capitalize(), name.upper()]
    abbr_forms = ([a.capitalize() + r"\." for a in abbr]
                  + [a.capitalize() + r"(?=\s+\d)" for a in abbr])  # "Jan 6", not "Jan Egeland"
    abbr_alt = "|".join(sorted(abbr_forms, key=lambda s: -len(s)))
    full_alt = "|".join(sorted(month_forms, key=lambda s: -len(s)))
    nomay_alt = "|".join(sorted([m for m in month_forms if m.lower() != "may"], key=lambda s: -len(s)))
    wd_full = [w for w in words["weekdays"] if len(w) > 4]
    wd_forms = [w.capitalize() for w in wd_full] + [w.upper() for w in wd_full]
    wd_abbr = [w.capitalize() + r"\." for w in words["weekdays"] if len(w) <= 5 and w not in wd_full]
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    numwords = _alt([w for w in words["numbers"]])
    digits = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?!\d)"
    num = rf"(?:(?:{tens})(?:[\s-](?:{ones}))?(?![\w-])|{digits}|{numwords}(?![\w-]))"
    numadj = rf"(?:(?:{tens})(?:[\s-](?:{ones}))?|\d+(?:\.\d+)?|{_alt([w for w, v in words['numbers'].items() if isinstance(v, int) and v > 1 and ' ' not in w] + ['one', 'half'])})"
    units = words["units"]
    sing = [u for u in units if u in ("second", "minute", "hour", "day", "week", "weekend", "fortnight",
                                      "month", "quarter", "year", "decade", "century", "millennium")]
    return {
        "MONTH": f"(?-i:{full_alt}|{abbr_alt})",
        "MONTH_NOMAY": f"(?-i:{nomay_alt}|{abbr_alt})",
        "WEEKDAY": f"(?-i:{'|'.join(sorted(wd_forms + wd_abbr, key=lambda s: -len(s)))})",
        "SEASON": _alt(words["seasons"]),
        "POD": _alt(words["parts_of_day"]),
        "NUM": num,
        "NUMADJ": numadj,
        "VAGUE": _alt(words["vague_numbers"]),
        "UNIT": _alt(units),
        "UNITSING": _alt(sing),
        "QMOD": _alt(words["quantity_modifiers"]),
        "ORD": _alt(words["ordinals"]),
        "REF": _alt(words["reference_words"]),
        "REFADJ": _alt(words["reference_adjectives"]),
        "DEICTIC": _alt(words["deictic_days"]),
        "REL": _alt(words["relative_words"]),
        "HOLIDAY": _alt(list(words["fixed_holidays"]) + list(words["computed_holidays"])),
        "SETADV": _alt(words["set_adverbs"]),
        "TZ": _alt(words["time_zones"], case_sensitive=True),
    }


#: characters scanned either side of a gate keyword (the widest match measured on TimeML and
#: the White House texts reaches 27 characters before its first keyword, 18 after its last)
WINDOW = 120

LEFT_EDGE = r"(?<![\w$#@£€¥'])(?<![A-Za-z]-)(?<!\d[.,/])"
RIGHT_EDGE = r"(?![\w%€£$]|-[A-Za-z\d]|\.\d)"


@dataclass(frozen=True)
class Pattern:
    name: str
    type: str
    rule: str
    regex: re.Pattern
    priority: int
    gate: str  # a key of TimexGrammar.gates, or "-" (always tried)


def _gates(words: dict) -> dict[str, str]:
    """Keyword regexes over the lower-cased text: a pattern runs only near a match of its gate's
    regex (TimexGrammar.scan). Each gate's regex must match inside every text its patterns can
    match (tests/test_timexes.py and tests/test_timexes_modules.py check that scanning with the
    gates finds what scanning without them finds)."""
    def phrases(keys, edge=r"\b"):
        keys = sorted({k.lower() for k in keys if not k.startswith("_")}, key=len, reverse=True)
        return edge + "(?:" + "|".join(r"\s+".join(map(re.escape, k.split())) for k in keys) + ")"

    return {
        "MONTH": phrases(list(words["months"]) + list(words["month_abbreviations"])),
        "WEEKDAY": phrases([w for w in words["weekdays"] if len(w) > 4]) + "|"
        + phrases([w + "." for w in words["weekdays"] if len(w) <= 5]),
        "DIGIT": r"\d",
        "YEARWORD": "nineteen|eighteen|thousand",
        "DECADE": "ties",
        "CENTURY": "centur",
        "QUARTER": r"quarter|period|half|\bq[1-4]",
        "SEASON": phrases(words["seasons"]),
        "UNIT": r"\b(?:second|minute|hour|day|week|month|quarter|year|decade|centur|fortnight|millenni"
                r"|moment)",
        "POD": phrases(words["parts_of_day"], edge=""),
        "CLOCK": r"\d\s*[ap]\.?m\b|\d:[0-5]\d|o'clock|noon|midnight|midday|\d{4}\s+(?:gmt|utc|local)",
        "HOLIDAY": phrases(list(words["fixed_holidays"]) + list(words["computed_holidays"])),
        "SET": r"\b(?:every|each|per)\b|" + phrases(words["set_adverbs"]),
        "DEICTIC": phrases(["today", "yesterday", "tomorrow", "tonight"]),
        "REF": phrases(list(words["reference_words"]) + ["future"]),
        "REFADJ": phrases(words["reference_adjectives"]),
    }


class TimexGrammar:
    """The compiled patterns and the word lists (built once, shared)."""

    def __init__(self, patterns_path: str | None = None, words_path: str | None = None):
        self.words = load_words(words_path)
        text = open(patterns_path, encoding="utf-8").read() if patterns_path else _data_text(
            "timex_patterns.tsv")
        macros = _word_macros(self.words)
        self.gates = _gates(self.words)
        self.gate_regex = {g: re.compile(rx) for g, rx in self.gates.items()}
        self.patterns: list[Pattern] = []
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if line.startswith("@"):
                macros[cols[0][1:]] = self._expand(cols[1], macros)
                continue
            if len(cols) != 5:
                raise ValueError(f"timex patterns line {lineno}: expected 5 TAB-separated columns")
            name, typ, rule, gate, rx = cols
            if rule not in _rules():
                raise ValueError(f"timex patterns line {lineno}: unknown rule {rule!r}")
            if gate != "-" and gate not in self.gates:
                raise ValueError(f"timex patterns line {lineno}: unknown gate {gate!r}")
            src = LEFT_EDGE + "(?:" + self._expand(rx, macros) + ")" + RIGHT_EDGE
            self.patterns.append(Pattern(name, typ, rule, re.compile(src, re.I), len(self.patterns),
                                         gate))
        self.by_name = {p.name: p for p in self.patterns}
        w = self.words
        self.months = {**w["months"], **w["month_abbreviations"]}
        self.weekdays = w["weekdays"]
        self.numbers = w["numbers"]
        self.vague = set(w["vague_numbers"])
        self.ordinals = w["ordinals"]
        self.units = w["units"]
        self.refs = {**w["reference_words"], **w["reference_adjectives"],
                     **{k: v for k, v in w.get("contextual_reference_words", {}).items()
                        if not k.startswith("_")}}
        self.rel = w["relative_words"]
        self.deictic = w["deictic_days"]
        self.seasons = w["seasons"]
        self.pods = w["parts_of_day"]
        self.set_adverbs = w["set_adverbs"]
        self.fixed_holidays = w["fixed_holidays"]
        self.computed_holidays = w["computed_holidays"]
        self.clock_words = w["clock_words"]
        self.excluded_prefixes = sorted(w["excluded_prefixes"], key=len, reverse=True)

    @staticmethod
    def _expand(rx: str, macros: dict) -> str:
        def sub(m):
            if m.group(1) not in macros:
                raise ValueError(f"unknown macro {{{m.group(1)}}}")
            return macros[m.group(1)]

        for _ in range(5):
            new = re.sub(r"\{([A-Z][A-Z0-9_]*)\}", sub, rx)
            if new == rx:
                break
            rx = new
        return rx

    # -- matching -------------------------------------------------------------------------------
    def scan(self, text: str):
        """All pattern matches in `text`: list of (start, end, pattern, match).

        Each gated pattern only runs in the windows of `text` around its gate's keywords (every
        match contains one): the same matches as a run over the whole text, several times
        faster on long documents, where most of the text is far from any date word."""
        out = []
        text = text.replace("’", "'")  # "the ’80s", "Mother’s Day": one character for another
        low = text.lower()
        n = len(text)
        windows: dict[str, list[tuple[int, int]]] = {"-": [(0, n)]}
        for p in self.patterns:
            spans = windows.get(p.gate)
            if spans is None:
                if len(low) == n:
                    spans = self._windows(low, p.gate)
                else:  # lower() changed the length ("İ"): offsets differ, gate on presence only
                    spans = [(0, n)] if self.gate_regex[p.gate].search(low) else []
                windows[p.gate] = spans
            for lo, hi in spans:
                for m in p.regex.finditer(text, lo, hi):
                    if m.end() == m.start():
                        continue
                    if hi < n and m.end() > hi - WINDOW // 2:
                        # near a cut the regex saw an end of text that is not there: the match
                        # the whole text gives at this start (WINDOW is far above any match's
                        # reach, so this never happens in practice)
                        m = p.regex.match(text, m.start())
                        if m is None or m.end() == m.start():
                            continue
                    s, e = (m.span("x") if "x" in p.regex.groupindex and m.group("x") else m.span())
                    out.append((s, e, p, m))
        return out

    def _windows(self, low: str, gate: str) -> list[tuple[int, int]]:
        """Merged spans of WINDOW characters either side of each keyword of `gate` in `low`."""
        spans: list[tuple[int, int]] = []
        for k in self.gate_regex[gate].finditer(low):
            lo, hi = max(0, k.start() - WINDOW), min(len(low), k.end() + WINDOW)
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
        return spans

    def fullmatch(self, text: str):
        """The best pattern matching all of `text` (longest = all; first in file wins)."""
        low = text.lower()
        for p in self.patterns:
            if p.gate != "-" and not self.gate_regex[p.gate].search(low):
                continue
            m = p.regex.fullmatch(text)
            if m:
                return p, m
        return None

    def evaluate(self, pattern: Pattern, m: re.Match, dct: dt.date | None, tense: str | None = None,
                 ctx: dict | None = None):
        """(type, value) for a match of `pattern`, or None."""
        try:
            g = {k: v for k, v in m.groupdict().items() if v is not None}
            res = _rules()[pattern.rule](self, g, pattern.type, dct, tense, ctx or {}, m.group(0))
        except Exception:  # noqa: BLE001 - a rule that cannot read a match loses that match only
            return None
        if res is None:
            return None
        typ, value = res
        if typ not in TYPES or not is_valid_value(value):
            return None
        return typ, value

    # -- word helpers ---------------------------------------------------------------------------
    def month_num(self, s: str) -> int:
        return self.months[s.lower().rstrip(".")]

    def weekday_num(self, s: str) -> int:
        return self.weekdays[s.lower().rstrip(".")]

    def number(self, s: str):
        """Number in `s` ('twenty four', '2 1/2', 'a couple of', 'several' -> 'X'), or None."""
        s = re.sub(r"\s+", " ", s.strip().lower())
        if not s:
            return None
        if s in self.vague or s.startswith(("a few", "several", "some", "many")):
            return "X"
        m = re.fullmatch(r"(.+?) (?:to|or|-) (.+)", s)
        if m:  # "12 to 18": use the upper bound
            return self.number(m.group(2))
        m = re.fullmatch(r"(.+?) and (?:a )?half", s)
        if m:
            n = self.number(m.group(1))
            return n + 0.5 if isinstance(n, (int, float)) else None
        m = re.fullmatch(r"(.+?) 1/2", s)
        if m:
            n = self.number(m.group(1))
            return n + 0.5 if isinstance(n, (int, float)) else None
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", s):
            f = float(s.replace(",", ""))
            return int(f) if f == int(f) else f
        if s in self.numbers:
            return self.numbers[s]
        parts = re.split(r"[\s-]+", s)
        total = 0
        for p in parts:
            if p not in self.numbers:
                return None
            total += self.numbers[p]
        return total



def _rules() -> dict:
    """The normalization rules by name (imported late: timex_normalize imports this module)."""
    from .timex_normalize import RULES

    return RULES


@functools.lru_cache(maxsize=1)
def default_grammar() -> TimexGrammar:
    """The grammar of the packaged data files, built once per process."""
    return TimexGrammar()
