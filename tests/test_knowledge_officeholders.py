"""People in office: lookups by name, title and date, anachronism checks, and data integrity."""
from __future__ import annotations

import collections
import datetime as dt
import itertools

import pycountry
import pytest

from claim_extract.knowledge import Actor, KnowledgeBase
from claim_extract.knowledge._text import read_tsv, split_list
from claim_extract.knowledge.officeholders import People, words


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_tsv("officeholders.tsv")


KISHIDA = Actor("Fumio Kishida", "PERSON", "JPN", "prime_minister")


@pytest.mark.parametrize("text, on, expected", [
    ("Kishida", "2024-03-25", KISHIDA),
    ("Prime Minister Kishida", "2024-03-25", KISHIDA),
    ("Fumio Kishida", "2024-03-25", KISHIDA),
    ("Kishida Fumio", "2024-03-25", KISHIDA),
    ("Japanese Prime Minister Fumio Kishida", "2024-03-25", KISHIDA),
    ("Kishida", "2015-01-01", Actor("Fumio Kishida", "PERSON", "JPN", "foreign_minister")),
    ("Kishida", "2025-03-01", Actor("Fumio Kishida", "PERSON", "JPN", "")),
    ("Fumio Kishida", None, Actor("Fumio Kishida", "PERSON", "JPN", "")),
    ("President Joseph R. Biden, Jr.", "2023-01-13", Actor("Joe Biden", "PERSON", "USA", "president")),
    ("Biden's", "2023-01-13", Actor("Joe Biden", "PERSON", "USA", "president")),
    ("Biden", "2012-01-01", Actor("Joe Biden", "PERSON", "USA", "vice_president")),
    ("Vice President Kamala Harris", "2023-09-06", Actor("Kamala Harris", "PERSON", "USA", "vice_president")),
    ("Secretary Blinken", "2023-01-01", Actor("Antony Blinken", "PERSON", "USA", "foreign_minister")),
    ("Secretary Clinton", "2010-01-01", Actor("Hillary Clinton", "PERSON", "USA", "foreign_minister")),
    ("Xi Jinping", "2023-11-15", Actor("Xi Jinping", "PERSON", "CHN", "president")),
    ("Lai Ching-te", "2024-06-01", Actor("Lai Ching-te", "PERSON", "TWN", "president")),
    ("Lai Ching-te", "2024-03-25", Actor("Lai Ching-te", "PERSON", "TWN", "vice_president")),
    ("President Yoon Suk Yeol of the Republic of Korea", "2023-04-26",
     Actor("Yoon Suk Yeol", "PERSON", "KOR", "president")),
    ("President Lee", "2025-08-01", Actor("Lee Jae-myung", "PERSON", "KOR", "president")),
    ("Ferdinand Marcos, Jr.", "2023-05-01", Actor("Ferdinand Marcos Jr.", "PERSON", "PHL", "president")),
    ("Zelenskyy", "2023-05-21", Actor("Volodymyr Zelenskyy", "PERSON", "UKR", "president")),
    ("Akiba Takeo", "2023-03-27", Actor("Takeo Akiba", "PERSON", "JPN", "national_security_advisor")),
    ("Shin Won-sik", "2024-10-25", Actor("Shin Wonsik", "PERSON", "KOR", "national_security_advisor")),
    ("NATO Secretary General Jens Stoltenberg", "2023-06-13",
     Actor("Jens Stoltenberg", "PERSON", "", "secretary_general")),
    ("General Secretary Nguyen Phu Trong", "2023-09-10",
     Actor("Nguyen Phu Trong", "PERSON", "VNM", "general_secretary")),
    ("Tô Lâm", "2024-11-01", Actor("To Lam", "PERSON", "VNM", "general_secretary")),
])
def test_person(kb, text, on, expected):
    assert kb.person(text, on) == expected


@pytest.mark.parametrize("text, on", [
    ("Clinton", "2010-01-01"),  # Bill and Hillary: a family name must be unique
    ("Lee", "2025-08-01"),  # many Lees
    ("kishida", "2024-03-25"),  # all lowercase is not a name
    ("Jane Doe", "2024-03-25"),
    ("", None),
])
def test_person_unknown_or_ambiguous(kb, text, on):
    assert kb.person(text, on) is None


@pytest.mark.parametrize("country, office, on, name", [
    ("USA", "president", "2023-03-27", "Joe Biden"),
    ("USA", "president", "2025-03-01", "Donald Trump"),
    ("USA", "president", "2025-01-20", "Donald Trump"),
    ("USA", "president", "2025-01-19", "Joe Biden"),
    ("JPN", "prime_minister", "2024-03-25", "Fumio Kishida"),
    ("JPN", "prime_minister", "2024-10-01", "Shigeru Ishiba"),
    ("JPN", "prime_minister", "2025-11-01", "Sanae Takaichi"),
    ("TWN", "president", "2024-03-25", "Tsai Ing-wen"),
    ("TWN", "president", "2024-05-20", "Lai Ching-te"),
    ("KOR", "president", "2024-06-01", "Yoon Suk Yeol"),
    ("KOR", "president", "2025-07-01", "Lee Jae-myung"),
    ("USA", "foreign_minister", "2023-01-01", "Antony Blinken"),
    ("USA", "national_security_advisor", "2024-01-01", "Jake Sullivan"),
    ("NATO", "secretary_general", "2023-06-13", "Jens Stoltenberg"),
    ("United Nations", "secretary_general", "2023-06-13", "António Guterres"),
])
def test_officeholder(kb, country, office, on, name):
    assert kb.officeholder(country, office, on).name == name


def test_officeholder_gap_is_none(kb):
    assert kb.officeholder("KOR", "president", "2025-05-01") is None  # after Yoon's removal, before Lee
    assert kb.officeholder("USA", "president", "1850-01-01") is None


@pytest.mark.parametrize("text, expected", [
    ("Japanese Prime Minister", ("JPN", "prime_minister")),
    ("Taiwanese President", ("TWN", "president")),
    ("the President", (None, "president")),
    ("Prime Minister of Japan", ("JPN", "prime_minister")),
    ("U.S. Secretary of State", ("USA", "foreign_minister")),
    ("Indian Prime Minister", ("IND", "prime_minister")),
    ("Vice President", (None, "vice_president")),
    ("National Security Advisor", (None, "national_security_advisor")),
    ("UK Defence Secretary", ("GBR", "defense_minister")),
    ("German Chancellor", ("DEU", "chancellor")),
    ("Chinese Premier", ("CHN", "prime_minister")),
    ("Secretary Blinken", ("USA", "foreign_minister")),
    ("NATO Secretary General", (None, "secretary_general")),
    ("Ambassador", (None, None)),
])
def test_office_from_title(kb, text, expected):
    assert kb.office_from_title(text) == expected


def test_parse_title_keeps_the_organization(kb):
    title = kb.parse_title("President of the European Commission Ursula von der Leyen")
    assert (title.organization, title.office, title.rest) == ("European Commission", "president", "Ursula von der Leyen")


def test_offices_held(kb):
    assert kb.offices_held("Xi Jinping", "2024-01-01") == [("CHN", "president"), ("CHN", "general_secretary")]
    assert kb.offices_held("Fumio Kishida", "2025-03-01") == []
    assert kb.offices_held("Nobody Atall", "2025-03-01") == []


def test_check_title(kb):
    assert kb.check_title("Lai Ching-te", "TWN", "president", "2024-03-25") == \
        "Lai Ching-te was not president of TWN on 2024-03-25 (in office from 2024-05-20)"
    assert kb.check_title("Lai Ching-te", "TWN", "president", "2024-06-01") is None
    assert kb.check_title("Kishida", "JPN", "prime_minister", "2024-03-25") is None
    assert "in office 2021-10-04 to 2024-10-01" in kb.check_title("Kishida", "JPN", "prime_minister", "2025-03-01")
    assert kb.check_title("Jane Doe", "JPN", "prime_minister", "2024-03-25") is None  # unknown person


def test_resolve_person(kb):
    assert kb.resolve("Kishida", "PERSON", "2024-03-25") == KISHIDA
    assert kb.resolve("Prime Minister Kishida", None, "2024-03-25") == KISHIDA
    assert kb.resolve("Someone Unknown", "PERSON", "2024-03-25") is None


def test_adding_an_officeholder_is_one_data_row(kb, rows):
    assert kb.officeholder("MCO", "prime_minister", "2099-06-01") is None
    new = {"name": "Jane Example", "aliases": "", "country": "MCO", "office": "prime_minister",
           "organization": "", "start": "2099-01-01", "end": "", "source": "test"}
    patched = KnowledgeBase(kb.countries, kb.organizations, kb.offices, People([*rows, new]))
    assert patched.officeholder("MCO", "prime_minister", "2099-06-01") == \
        Actor("Jane Example", "PERSON", "MCO", "prime_minister")
    assert patched.person("Jane Example", "2099-06-01").office == "prime_minister"


# --- data integrity ---------------------------------------------------------------------------

def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_dates_are_iso_and_ordered(rows):
    for r in rows:
        start = _date(r["start"])
        assert start.year >= 1950, r
        if r["end"]:
            assert start <= _date(r["end"]), r
            assert _date(r["end"]) <= dt.date(2027, 1, 1), r  # fixed terms may end on a known future day


def test_every_country_is_a_real_code_and_every_row_has_a_source(rows):
    for r in rows:
        assert r["source"].strip(), r
        assert r["country"] or r["organization"], r
        if r["country"]:
            assert pycountry.countries.get(alpha_3=r["country"]) is not None, r


def test_offices_and_organizations_are_known(kb, rows):
    assert {r["office"] for r in rows} <= set(kb.offices.by_key)
    assert {r["organization"] for r in rows if r["organization"]} <= set(kb.organizations.by_name)


def test_no_overlapping_terms_for_one_office(rows):
    by_seat = collections.defaultdict(list)
    for r in rows:
        by_seat[(r["country"], r["organization"], r["office"])].append(r)
    for seat, terms in by_seat.items():
        terms.sort(key=lambda r: r["start"])
        for a, b in itertools.pairwise(terms):
            assert a["end"] and a["end"] <= b["start"], (seat, a["name"], b["name"])


def test_a_full_name_belongs_to_one_person(kb):
    shared = {form: names for form, names in kb.people.full.items() if len(names) > 1}
    assert not shared


def test_scope_heads_of_government_2021_to_2024(kb):
    """Every country named in the corpus titles has its head of state or government in the KB."""
    for iso3 in ("USA", "JPN", "CHN", "KOR", "TWN", "PHL", "VNM", "IDN", "IND", "AUS", "NZL", "SGP", "ISR",
                 "UKR", "POL", "FIN", "SWE", "EGY", "QAT", "JOR", "SAU", "ARE", "KEN", "GBR", "FRA", "DEU",
                 "ITA", "CAN", "NLD", "DNK", "BEL", "RUS", "IRN", "SYR", "PRK", "LTU", "ROU", "HUN", "PER"):
        holders = [kb.officeholder(iso3, office, "2023-06-30")
                   for office in ("president", "prime_minister", "chancellor", "monarch", "supreme_leader")]
        assert any(holders), iso3


def test_aliases_are_clean(rows):
    for r in rows:
        for alias in split_list(r["aliases"]):
            assert alias == alias.strip() and words(alias), (r["name"], alias)
