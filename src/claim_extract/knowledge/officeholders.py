"""People in office and the offices they hold: ``data/officeholders.tsv`` and ``data/offices.tsv``.

A term is in force on day d when ``start <= d`` and (``end`` is empty or ``d < end``): ``end`` is
the day the term ended, usually the successor's first day. Dates are ISO strings, compared as
strings (YYYY-MM-DD; a shorter date such as "2024-05" is compared by its first day).
"""
from __future__ import annotations

import collections
import functools
import re
from dataclasses import dataclass

from ._text import fold, key, read_tsv, split_list

_WORD = re.compile(r"[a-z0-9]+(?:[.'\-][a-z0-9]+)*\.?")


@dataclass(frozen=True)
class Term:
    name: str
    country: str  # ISO3, "" for offices of international bodies
    office: str
    organization: str  # canonical organisation name for international offices, else ""
    start: str
    end: str  # "" while in office
    source: str

    def in_force(self, on: str) -> bool:
        day = _day(on)
        return self.start <= day and (not self.end or day < self.end)


@dataclass(frozen=True)
class Office:
    key: str
    titles: tuple[str, ...]
    rank: int
    description: str


def _day(on: str) -> str:
    on = (on or "").strip()[:10]
    return on + "-01" * ((10 - len(on)) // 3) if len(on) in (4, 7) else on


def words(text: str) -> list[str]:
    """Lowercase, diacritic-free word tokens without a final dot ("u.s", "ching-te", "jr")."""
    return [w.rstrip(".") or w for w in _WORD.findall(key(text))]


class Offices:
    def __init__(self, rows: list[dict[str, str]]):
        self.by_key: dict[str, Office] = {}
        self.title_to_key: dict[tuple[str, ...], str] = {}
        for row in rows:
            office = Office(row["office"], tuple(split_list(row["titles"])), int(row.get("rank") or 99),
                            row.get("description", ""))
            self.by_key[office.key] = office
            for title in (office.key.replace("_", " "), *office.titles):
                self.title_to_key.setdefault(tuple(words(title)), office.key)
        self.max_len = max(len(t) for t in self.title_to_key)

    def rank(self, office: str) -> int:
        return self.by_key[office].rank if office in self.by_key else 99

    def find(self, toks: list[str]) -> tuple[str, int, int] | None:
        """The longest office title in ``toks``: (office key, start, end token index) or None."""
        best = None
        for i in range(len(toks)):
            for n in range(min(self.max_len, len(toks) - i), 0, -1):
                office = self.title_to_key.get(tuple(toks[i:i + n]))
                if office and (best is None or n > best[2] - best[1]):
                    best = (office, i, i + n)
                    break
        return best


class People:
    def __init__(self, rows: list[dict[str, str]]):
        self.terms: list[Term] = []
        self.by_name: dict[str, list[Term]] = collections.defaultdict(list)
        self.aliases: dict[str, set[str]] = collections.defaultdict(set)
        self.full: dict[str, set[str]] = collections.defaultdict(set)  # folded full form -> names
        self.family: dict[str, set[str]] = collections.defaultdict(set)  # folded one-word form -> names
        for row in rows:
            term = Term(row["name"], row.get("country", ""), row["office"], row.get("organization", ""),
                        row["start"], row.get("end", ""), row.get("source", ""))
            self.terms.append(term)
            self.by_name[term.name].append(term)
            self.aliases[term.name].update([term.name, *split_list(row.get("aliases", ""))])
        for name, forms in self.aliases.items():
            for form in forms:
                toks = words(form)
                table = self.family if len(toks) == 1 and form != name else self.full
                table[" ".join(toks)].add(name)

    def candidates(self, text: str) -> tuple[set[str], bool]:
        """Names whose full form is ``text`` (family=False) or whose family name it is (True)."""
        toks = " ".join(words(text))
        if toks in self.full:
            return set(self.full[toks]), False
        return set(self.family.get(toks, ())), True

    def terms_of(self, name: str) -> list[Term]:
        return self.by_name.get(name, [])

    def home_country(self, name: str) -> str:
        """The country of the person's latest national office ("" if only international offices)."""
        terms = sorted(self.terms_of(name), key=lambda t: t.start)
        national = [t.country for t in terms if t.country]
        return national[-1] if national else ""


@functools.lru_cache(maxsize=1)
def load_offices() -> Offices:
    return Offices(read_tsv("offices.tsv"))


@functools.lru_cache(maxsize=1)
def load_people() -> People:
    return People(read_tsv("officeholders.tsv"))


def is_lowercase(text: str) -> bool:
    return fold(text).islower()
