"""The actor knowledge base: countries, organisations, offices and the people who held them.

All facts are data (``claim_extract/data/*.tsv``); this package only loads and looks them up.

    kb = KnowledgeBase.default()
    kb.country("Beijing")                      # Actor("China", "GPE", "CHN")
    kb.person("Prime Minister Kishida", on="2024-03-25")  # Actor("Fumio Kishida", "PERSON", "JPN", "prime_minister")
    kb.officeholder("USA", "president", "2023-05-01")     # Actor("Joe Biden", ...)
    kb.check_title("Lai Ching-te", "TWN", "president", "2024-03-25")  # a warning string
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ._text import clean, fold
from .countries import Countries, load_countries
from .officeholders import Offices, People, Term, load_offices, load_people, words
from .organizations import Organizations, load_organizations

__all__ = ["Actor", "KnowledgeBase", "Title"]

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.'\-][A-Za-z0-9]+)*\.?")
_CONNECTORS = {"of", "the", "and", "for", "to", "'s", "s"}
#: honorifics and generic rank words dropped before a name (not offices of their own)
_HONORIFICS = set("""mr mrs ms miss dr sir lord dame madam madame sheikh shaikh sheikha his her excellency h.e he
secretary minister ambassador senator sen rep representative congressman congresswoman general gen admiral adm
crown prince princess ayatollah mayor governor gov director deputy speaker former then late acting interim
outgoing incoming new president-elect lt col colonel""".split())


@dataclass(frozen=True)
class Actor:
    name: str
    type: str  # PERSON, GPE, ORG, NORP
    country: str  # ISO3 or ""
    office: str = ""  # office key when a person in office


@dataclass(frozen=True)
class Title:
    """A title phrase taken apart: "Japanese Prime Minister Fumio Kishida"."""
    country: str | None  # "JPN"
    organization: str | None  # "NATO" for "NATO Secretary General"
    office: str | None  # "prime_minister"
    rest: str  # "Fumio Kishida": the words that are neither title, country nor organisation


class KnowledgeBase:
    def __init__(self, countries: Countries, organizations: Organizations, offices: Offices, people: People):
        self.countries, self.organizations, self.offices, self.people = countries, organizations, offices, people

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> "KnowledgeBase":
        return cls(load_countries(), load_organizations(), load_offices(), load_people())

    # --- countries and organisations -------------------------------------------------------
    def country(self, text: str) -> Actor | None:
        """A country named by its name, alias, demonym ("Chinese" -> NORP), capital or metonym."""
        hit = self.countries.lookup(text)
        if hit is None:
            return None
        return Actor(hit.entry.short_name, "NORP" if hit.form == "demonym" else "GPE", hit.entry.iso3)

    def organization(self, text: str) -> Actor | None:
        entry = self.organizations.lookup(text)
        return Actor(entry.name, entry.type, entry.country) if entry else None

    def is_ambiguous(self, text: str) -> bool:
        """Forms that need context (Georgia, Jordan, Korea, Washington, the Senate, Democrats)."""
        return self.countries.is_ambiguous(text) or self.organizations.is_ambiguous(text)

    def country_name(self, iso3: str) -> str | None:
        return self.countries.name(iso3)

    # --- titles ----------------------------------------------------------------------------
    def parse_title(self, text: str) -> Title:
        toks = _TOKEN.findall(fold(text))
        low = [t.lower().rstrip(".") or t for t in toks]
        country = org = office = None
        rest: list[str] = []
        i = 0
        while i < len(toks):
            n_office, office_here = self._office_at(low, i)
            n_place, place = 0, None
            for n in range(min(6, len(toks) - i), 0, -1):
                span = " ".join(toks[i:i + n])
                if n == 1 and low[i] in _CONNECTORS:
                    break
                hit = self.organizations.lookup(span) or self.countries.lookup(span)
                if hit is None:
                    continue
                # an ambiguous name (Jordan, Georgia, Korea) is a place only next to a title or after "of"
                context = (i > 0 and low[i - 1] == "of") or self._office_at(low, i + n)[0] > 0
                if not self.is_ambiguous(span) or context:
                    n_place, place = n, hit
                    break
            if n_office and n_office >= n_place:
                office = office or office_here
                i += n_office
            elif n_place:
                if hasattr(place, "kind"):  # an organisation
                    org = org or place.name
                    country = country or place.country or None
                else:
                    country = country or place.entry.iso3
                i += n_place
            else:
                if low[i] not in _CONNECTORS and low[i] not in _HONORIFICS:
                    rest.append(toks[i])
                i += 1
        return Title(country, org, office, " ".join(rest))

    def _office_at(self, low: list[str], i: int) -> tuple[int, str | None]:
        """Length and key of the longest office title starting at token ``i`` (0, None if none)."""
        found = self.offices.find(low[i:i + self.offices.max_len])
        return (found[2], found[0]) if found and found[1] == 0 else (0, None)

    def office_from_title(self, text: str, on: str | None = None) -> tuple[str | None, str | None]:
        """("JPN", "prime_minister") for "Japanese Prime Minister"; (None, "president") for "the President".

        A named person fills what the title leaves open: "Secretary Blinken" -> ("USA", "foreign_minister").
        """
        title = self.parse_title(text)
        country, office = title.country, title.office
        if title.rest and (country is None or office is None):
            person = self.person(title.rest, on)
            if person is not None:
                terms = [t for t in self.people.terms_of(person.name)
                         if (office is None or t.office == office) and (country is None or t.country == country)
                         and (on is None or t.in_force(on))]
                if len({(t.country, t.office) for t in terms}) == 1:
                    country, office = country or terms[0].country or None, office or terms[0].office
        return country, office

    # --- people ----------------------------------------------------------------------------
    def person(self, text: str, on: str | None = None) -> Actor | None:
        """The officeholder named in ``text`` (titles stripped); ``on`` picks namesakes and the office."""
        text = clean(text or "")
        if not text or text.islower():
            return None
        title = self.parse_title(text)
        names, family = self.people.candidates(text)
        if not names:
            names, family = self.people.candidates(title.rest)
        titled = bool(title.office or title.country or len(words(text)) > len(words(title.rest)))
        if len(names) > 1 and on and (not family or titled):
            names = {n for n in names if self._terms(n, on, title.country, title.office)}
        elif len(names) > 1 and not family and on:
            names = {n for n in names if self._terms(n, on, None, None)}
        if len(names) != 1:
            return None
        name = names.pop()
        terms = self._terms(name, on, title.country, title.office) or self._terms(name, on, None, None) if on else []
        if not terms:
            return Actor(name, "PERSON", self.people.home_country(name), "")
        best = min(terms, key=lambda t: self.offices.rank(t.office))
        return Actor(name, "PERSON", best.country, best.office)

    def _terms(self, name: str, on: str, country: str | None, office: str | None) -> list[Term]:
        return [t for t in self.people.terms_of(name) if t.in_force(on)
                and (office is None or t.office == office) and (country is None or t.country == country)]

    def officeholder(self, country_iso3: str, office: str, on: str) -> Actor | None:
        """Who held ``office`` of a country (ISO3) or an organisation ("NATO") on day ``on``."""
        org = self.organizations.lookup(country_iso3) if country_iso3 and not self.countries.is_iso3(country_iso3) else None
        for t in self.people.terms:
            if t.office == office and t.in_force(on) and (
                    (org is not None and t.organization == org.name) or (org is None and t.country == country_iso3)):
                return Actor(t.name, "PERSON", t.country, t.office)
        return None

    def offices_held(self, name: str, on: str) -> list[tuple[str, str]]:
        """(country, office) of every term in force on ``on``, most senior first ("" country: international)."""
        person = self.person(name, on)
        if person is None:
            return []
        terms = sorted(self._terms(person.name, on, None, None), key=lambda t: self.offices.rank(t.office))
        return [(t.country, t.office) for t in terms]

    def check_title(self, name: str, country: str | None, office: str, on: str) -> str | None:
        """A warning when the person named did not hold ``office`` (of ``country``) on ``on``.

        None when consistent, when the person is unknown, or when the KB lists nobody at all in
        that office of that country (then it cannot judge).
        """
        person = self.person(name, on)
        if person is None or not on or not office:
            return None
        country = country or None
        if self._terms(person.name, on, country, office):
            return None
        if not any(t.office == office and (country is None or t.country == country) for t in self.people.terms):
            return None
        where = f" of {country}" if country else ""
        mine = sorted((t for t in self.people.terms_of(person.name)
                       if t.office == office and (country is None or t.country == country)), key=lambda t: t.start)
        later = [t for t in mine if t.start > on[:10]]
        if later:
            when = f"in office from {later[0].start}"
        elif mine:
            when = f"in office {mine[-1].start} to {mine[-1].end}"
        else:
            held = self.offices_held(person.name, on)
            when = "held " + ", ".join(f"{o} of {c}" if c else o for c, o in held) if held else "never held it"
        return f"{person.name} was not {office.replace('_', ' ')}{where} on {on} ({when})"

    # --- everything --------------------------------------------------------------------------
    def resolve(self, text: str, label: str | None = None, on: str | None = None) -> Actor | None:
        """The actor a mention names, trying person / organisation / country in the order the NER label suggests.

        Ambiguous forms (see ``is_ambiguous``) resolve to a country only with a GPE/LOC/NORP label
        and to an organisation only with an ORG/NORP label. Returns None for unknown mentions.
        """
        label = (label or "").upper()
        amb = self.is_ambiguous(text)
        person = lambda: self.person(text, on)  # noqa: E731
        org = lambda: self.organization(text) if not amb or label in ("ORG", "NORP") else None  # noqa: E731
        ctry = lambda: self.country(text) if not amb or label in ("GPE", "LOC", "NORP") else None  # noqa: E731
        order = {"PERSON": (person, org, ctry), "GPE": (ctry, org, person), "LOC": (ctry, org),
                 "NORP": (ctry, org), "ORG": (org, ctry, person), "FAC": (ctry, org)}.get(label, (org, ctry, person))
        for attempt in order:
            actor = attempt()
            if actor is not None:
                return actor
        return None

