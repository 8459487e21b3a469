"""Countries: names, codes, demonyms, capitals and government metonyms -> ISO 3166-1 alpha-3.

pycountry (the maintained ISO 3166 package) supplies the codes and official/common names;
``data/countries.tsv`` adds our canonical short names and everything else (aliases, demonyms,
capitals, metonyms such as "the Kremlin", and which forms are ambiguous). The TSV wins where
the two disagree ("Congo" is the DRC in news usage, pycountry gives it to COG).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import pycountry

from ._text import NameIndex, clean, key, read_tsv, split_list

#: demonyms that take no -s plural
_NO_PLURAL = ("ese", "sh", "ch", "ss", "s", "x", "z")


@dataclass(frozen=True)
class CountryEntry:
    iso3: str
    short_name: str
    iso2: str = ""
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    un_member: bool = False
    source: str = ""


@dataclass(frozen=True)
class CountryHit:
    entry: CountryEntry
    form: str  # "name", "demonym" or "capital"


def plural(demonym: str) -> str | None:
    """The -s plural of a demonym (American -> Americans), None for Chinese, British, Swiss, ..."""
    return None if demonym.endswith(_NO_PLURAL) else demonym + "s"


class Countries:
    def __init__(self, rows: list[dict[str, str]]):
        self.by_iso3: dict[str, CountryEntry] = {}
        self.index = NameIndex()
        self._ambiguous: set[str] = set()
        for c in pycountry.countries:  # pycountry first: the TSV overrides it
            entry = CountryEntry(c.alpha_3, getattr(c, "common_name", None) or c.name, c.alpha_2)
            self.by_iso3[c.alpha_3] = entry
            for name in {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}:
                self.index.add(name, CountryHit(entry, "name"), override=False)
        for row in rows:
            iso3 = row["iso3"]
            pc = pycountry.countries.get(alpha_3=iso3)
            demonyms = split_list(row["demonyms"])
            demonyms += [p for p in map(plural, demonyms) if p and p not in demonyms]
            entry = CountryEntry(
                iso3=iso3,
                short_name=row["short_name"],
                iso2=pc.alpha_2 if pc else "",
                aliases=tuple(split_list(row["aliases"])),
                demonyms=tuple(demonyms),
                capitals=tuple(split_list(row["capitals_and_metonyms"])),
                ambiguous=tuple(split_list(row.get("ambiguous", ""))),
                un_member=row.get("un_member", "0") == "1",
                source=row.get("source", ""),
            )
            self.by_iso3[iso3] = entry
            if pc:  # pycountry's names of this country point to the TSV entry now
                for name in {pc.name, getattr(pc, "common_name", pc.name), getattr(pc, "official_name", pc.name)}:
                    self.index.add(name, CountryHit(entry, "name"), override=False)
                    if self.index.get(name).entry.iso3 == iso3:
                        self.index.add(name, CountryHit(entry, "name"))
            self._ambiguous.update(key(clean(a)) for a in entry.ambiguous)
        for entry in self.by_iso3.values():  # TSV forms, added last so they win
            if not entry.source:
                continue
            for name in (entry.short_name, *entry.aliases):
                self.index.add(name, CountryHit(entry, "name"))
            for name in entry.capitals:
                self.index.add(name, CountryHit(entry, "capital"))
            for name in entry.demonyms:
                self.index.add(name, CountryHit(entry, "demonym"))

    def lookup(self, text: str) -> CountryHit | None:
        hit = self.index.get(text)
        return hit if isinstance(hit, CountryHit) else None

    def is_ambiguous(self, text: str) -> bool:
        """True for forms that also name people, US states or common words (Georgia, Jordan, Chad)."""
        return key(clean(text)) in self._ambiguous

    def name(self, iso3: str) -> str | None:
        """Canonical short name of an ISO3 code ("KOR" -> "South Korea")."""
        entry = self.by_iso3.get((iso3 or "").upper())
        return entry.short_name if entry else None

    def is_iso3(self, code: str) -> bool:
        return code in self.by_iso3


@functools.lru_cache(maxsize=1)
def load_countries() -> Countries:
    return Countries(read_tsv("countries.tsv"))
