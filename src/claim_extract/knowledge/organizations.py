"""Organisations: international bodies, groupings, non-state actors, a few national institutions.

Data: ``data/organizations.tsv`` (name, aliases, country, type, kind, ambiguous, source).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ._text import NameIndex, clean, key, read_tsv, split_list


@dataclass(frozen=True)
class OrgEntry:
    name: str
    aliases: tuple[str, ...]
    country: str  # ISO3 or "" for international bodies and non-state actors
    type: str  # ORG
    kind: str  # igo, grouping, alliance, armed_group, political_party, military, legislature, ...
    ambiguous: tuple[str, ...] = ()
    source: str = ""


class Organizations:
    def __init__(self, rows: list[dict[str, str]]):
        self.entries: list[OrgEntry] = []
        self.by_name: dict[str, OrgEntry] = {}
        self.index = NameIndex()
        self._ambiguous: set[str] = set()
        for row in rows:
            entry = OrgEntry(
                name=row["name"],
                aliases=tuple(split_list(row["aliases"])),
                country=row.get("country", ""),
                type=row.get("type") or "ORG",
                kind=row.get("kind", ""),
                ambiguous=tuple(split_list(row.get("ambiguous", ""))),
                source=row.get("source", ""),
            )
            self.entries.append(entry)
            self.by_name[entry.name] = entry
            for alias in (entry.name, *entry.aliases):
                self.index.add(alias, entry)
            self._ambiguous.update(key(clean(a)) for a in entry.ambiguous)

    def lookup(self, text: str) -> OrgEntry | None:
        hit = self.index.get(text)
        return hit if isinstance(hit, OrgEntry) else None

    def is_ambiguous(self, text: str) -> bool:
        """True for aliases that also name other things ("the Senate", "Congress", "Democrats")."""
        return key(clean(text)) in self._ambiguous


@functools.lru_cache(maxsize=1)
def load_organizations() -> Organizations:
    return Organizations(read_tsv("organizations.tsv"))
