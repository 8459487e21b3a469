"""Country lookups (names, codes, demonyms, capitals, metonyms) and the integrity of countries.tsv."""
from __future__ import annotations

import collections
import re

import pycountry
import pytest

from claim_extract.knowledge import Actor, KnowledgeBase
from claim_extract.knowledge._text import clean, key, read_tsv, split_list
from claim_extract.knowledge.countries import plural


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_tsv("countries.tsv")


@pytest.mark.parametrize("text, expected", [
    ("Beijing", Actor("China", "GPE", "CHN")),
    ("Chinese", Actor("China", "NORP", "CHN")),
    ("U.S.", Actor("United States", "GPE", "USA")),
    ("US", Actor("United States", "GPE", "USA")),
    ("the United States", Actor("United States", "GPE", "USA")),
    ("the White House", Actor("United States", "GPE", "USA")),
    ("State Department", Actor("United States", "GPE", "USA")),
    ("Americans", Actor("United States", "NORP", "USA")),
    ("the Kremlin", Actor("Russia", "GPE", "RUS")),
    ("Moscow", Actor("Russia", "GPE", "RUS")),
    ("Taipei", Actor("Taiwan", "GPE", "TWN")),
    ("Taiwanese", Actor("Taiwan", "NORP", "TWN")),
    ("Tokyo", Actor("Japan", "GPE", "JPN")),
    ("Japanese", Actor("Japan", "NORP", "JPN")),
    ("Japan's", Actor("Japan", "GPE", "JPN")),
    ("Japan\u2019s", Actor("Japan", "GPE", "JPN")),
    ("ROK", Actor("South Korea", "GPE", "KOR")),
    ("Republic of Korea", Actor("South Korea", "GPE", "KOR")),
    ("the Republic of Korea", Actor("South Korea", "GPE", "KOR")),
    ("Korea", Actor("South Korea", "GPE", "KOR")),
    ("Seoul", Actor("South Korea", "GPE", "KOR")),
    ("DPRK", Actor("North Korea", "GPE", "PRK")),
    ("North Korea", Actor("North Korea", "GPE", "PRK")),
    ("Pyongyang", Actor("North Korea", "GPE", "PRK")),
    ("PRC", Actor("China", "GPE", "CHN")),
    ("People\u2019s Republic of China", Actor("China", "GPE", "CHN")),
    ("Kyiv", Actor("Ukraine", "GPE", "UKR")),
    ("Kiev", Actor("Ukraine", "GPE", "UKR")),
    ("Downing Street", Actor("United Kingdom", "GPE", "GBR")),
    ("UK", Actor("United Kingdom", "GPE", "GBR")),
    ("British", Actor("United Kingdom", "NORP", "GBR")),
    ("Filipino", Actor("Philippines", "NORP", "PHL")),
    ("the Philippines", Actor("Philippines", "GPE", "PHL")),
    ("Viet Nam", Actor("Vietnam", "GPE", "VNM")),
    ("Israelis", Actor("Israel", "NORP", "ISR")),
    ("Türkiye", Actor("Turkey", "GPE", "TUR")),
    ("Congo", Actor("Democratic Republic of the Congo", "GPE", "COD")),
    ("Brazzaville", Actor("Republic of the Congo", "GPE", "COG")),
    ("UAE", Actor("United Arab Emirates", "GPE", "ARE")),
    ("Emirati", Actor("United Arab Emirates", "NORP", "ARE")),
    ("Hong Kong", Actor("Hong Kong", "GPE", "HKG")),  # from pycountry only
])
def test_country_lookup(kb, text, expected):
    assert kb.country(text) == expected


@pytest.mark.parametrize("text", ["us", "china", "turkey", "polish", "chad", "the", "", "Atlantis", "Kishida", "NATO"])
def test_not_a_country(kb, text):
    assert kb.country(text) is None


@pytest.mark.parametrize("text", ["Georgia", "Jordan", "Chad", "Korea", "Washington", "Georgians"])
def test_ambiguous_forms_are_flagged(kb, text):
    assert kb.is_ambiguous(text)


@pytest.mark.parametrize("text", ["Japan", "Beijing", "ROK", "Ukrainian"])
def test_plain_forms_are_not_flagged(kb, text):
    assert not kb.is_ambiguous(text)


def test_resolve_needs_a_place_label_for_ambiguous_countries(kb):
    assert kb.resolve("Jordan") is None
    assert kb.resolve("Jordan", "PERSON") is None
    assert kb.resolve("Jordan", "GPE") == Actor("Jordan", "GPE", "JOR")
    assert kb.resolve("Korean", "NORP") == Actor("South Korea", "NORP", "KOR")
    assert kb.resolve("Beijing") == Actor("China", "GPE", "CHN")


def test_plural_demonyms():
    assert plural("American") == "Americans"
    assert plural("Chinese") is None
    assert plural("British") is None
    assert plural("Swiss") is None


def test_country_name(kb):
    assert kb.country_name("KOR") == "South Korea"
    assert kb.country_name("TWN") == "Taiwan"
    assert kb.country_name("XXX") is None


# --- data integrity ---------------------------------------------------------------------------

def test_every_iso3_is_a_real_code(rows):
    bad = [r["iso3"] for r in rows if pycountry.countries.get(alpha_3=r["iso3"]) is None]
    assert not bad


def test_rows_are_unique_and_sourced(rows):
    isos = [r["iso3"] for r in rows]
    assert len(isos) == len(set(isos))
    names = [r["short_name"] for r in rows]
    assert len(names) == len(set(names))
    assert all(r["source"].strip() for r in rows)


def test_every_un_member_has_name_demonym_and_capital(rows):
    members = [r for r in rows if r["un_member"] == "1"]
    assert len(members) == 193
    # Dominica and Congo-Brazzaville share their demonym with the Dominican Republic and the DRC
    shared_demonym = {"DMA", "COG"}
    for r in members:
        assert r["short_name"] and split_list(r["capitals_and_metonyms"]), r["iso3"]
        assert split_list(r["demonyms"]) or r["iso3"] in shared_demonym, r["iso3"]


def test_no_form_names_two_countries(rows):
    owners = collections.defaultdict(set)
    for r in rows:
        demonyms = split_list(r["demonyms"])
        forms = [r["short_name"], *split_list(r["aliases"]), *demonyms, *split_list(r["capitals_and_metonyms"])]
        forms += [p for p in map(plural, demonyms) if p]
        for form in forms:
            owners[key(clean(form))].add(r["iso3"])
    clashes = {f: isos for f, isos in owners.items() if len(isos) > 1}
    assert not clashes


def test_ambiguous_column_lists_forms_of_its_row(kb, rows):
    for r in rows:
        for form in split_list(r["ambiguous"]):
            actor = kb.country(form)
            assert actor is not None and actor.country == r["iso3"], (r["iso3"], form)


def test_country_names_that_are_us_states_are_ambiguous(kb, rows):
    states = {s.name for s in pycountry.subdivisions.get(country_code="US")}
    for r in rows:
        for form in [r["short_name"], *split_list(r["aliases"])]:
            if form in states:
                assert kb.is_ambiguous(form), form


def test_short_all_caps_aliases_are_case_sensitive(kb, rows):
    acronyms = [a for r in rows for a in split_list(r["aliases"]) if re.fullmatch(r"[A-Z.]{2,6}", a)]
    assert "US" in acronyms and "ROK" in acronyms
    for alias in acronyms:
        assert kb.country(alias) is not None
        assert kb.country(alias.lower()) is None, alias
