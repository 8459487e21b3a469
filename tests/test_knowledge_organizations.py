"""Organisation lookups and the integrity of organizations.tsv."""
from __future__ import annotations

import collections

import pycountry
import pytest

from claim_extract.knowledge import Actor, KnowledgeBase
from claim_extract.knowledge._text import clean, key, read_tsv, split_list


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_tsv("organizations.tsv")


@pytest.mark.parametrize("text, expected", [
    ("NATO", Actor("NATO", "ORG", "")),
    ("Nato", Actor("NATO", "ORG", "")),
    ("North Atlantic Treaty Organization", Actor("NATO", "ORG", "")),
    ("G7", Actor("G7", "ORG", "")),
    ("G-7", Actor("G7", "ORG", "")),
    ("the Group of Seven", Actor("G7", "ORG", "")),
    ("the Quad", Actor("Quad", "ORG", "")),
    ("ASEAN", Actor("ASEAN", "ORG", "")),
    ("EU", Actor("European Union", "ORG", "")),
    ("the European Union", Actor("European Union", "ORG", "")),
    ("European Commission", Actor("European Commission", "ORG", "")),
    ("U.N.", Actor("United Nations", "ORG", "")),
    ("UN Security Council", Actor("UN Security Council", "ORG", "")),
    ("AUKUS", Actor("AUKUS", "ORG", "")),
    ("IAEA", Actor("IAEA", "ORG", "")),
    ("World Health Organization", Actor("WHO", "ORG", "")),
    ("Hamas", Actor("Hamas", "ORG", "")),
    ("Hezbollah", Actor("Hezbollah", "ORG", "")),
    ("the Houthis", Actor("Houthis", "ORG", "")),
    ("Islamic State", Actor("ISIS", "ORG", "")),
    ("CCP", Actor("Chinese Communist Party", "ORG", "CHN")),
    ("IDF", Actor("Israel Defense Forces", "ORG", "ISR")),
    ("Palestinian Authority", Actor("Palestinian Authority", "ORG", "PSE")),
])
def test_organization_lookup(kb, text, expected):
    assert kb.organization(text) == expected


@pytest.mark.parametrize("text", ["who", "Who", "un", "eu", "quad", "Japan", "Kishida", ""])
def test_not_an_organization(kb, text):
    assert kb.organization(text) is None


def test_resolve_prefers_organizations_for_org_labels(kb):
    assert kb.resolve("NATO", "ORG") == Actor("NATO", "ORG", "")
    assert kb.resolve("the Kremlin", "ORG") == Actor("Russia", "GPE", "RUS")  # metonym falls back to country
    assert kb.resolve("Democrats", "NORP") == Actor("Democratic Party", "ORG", "USA")
    assert kb.resolve("Democrats") is None  # ambiguous without a label
    assert kb.resolve("Atlantis Council of Elders", "ORG") is None


def test_every_country_code_is_real(rows):
    bad = [r["name"] for r in rows if r["country"] and pycountry.countries.get(alpha_3=r["country"]) is None]
    assert not bad


def test_rows_are_unique_typed_and_sourced(rows):
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))
    assert all(r["type"] == "ORG" and r["kind"] and r["source"] for r in rows)


def test_no_alias_names_two_organizations(rows):
    owners = collections.defaultdict(set)
    for r in rows:
        for form in [r["name"], *split_list(r["aliases"])]:
            owners[key(clean(form))].add(r["name"])
    assert not {f: o for f, o in owners.items() if len(o) > 1}


def test_organization_aliases_are_not_country_names(kb, rows):
    clashes = [(r["name"], a) for r in rows for a in [r["name"], *split_list(r["aliases"])] if kb.country(a)]
    assert not clashes


def test_international_groupings_have_no_country(rows):
    by_name = {r["name"]: r for r in rows}
    for name in ("United Nations", "NATO", "G7", "European Union", "ASEAN", "Quad", "Hamas"):
        assert by_name[name]["country"] == "", name
