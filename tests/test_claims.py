"""The claims stage on real sentences of the kinds the guidelines name (sentences from the seed
and from public-domain White House texts)."""
from __future__ import annotations

import pytest

from claim_extract.run import make_doc
from claim_extract.article import Article


def claims_of(nlp, text, published="2024-03-25", url="https://www.whitehouse.gov/x"):
    doc = nlp(make_doc(nlp, Article(doc_id="t.txt", path="t.txt", body=text, published=published, url=url)))
    return doc._.claims


def one(claims, **want):
    hits = [c for c in claims if all(c[k] == v for k, v in want.items())]
    assert hits, f"no claim with {want} in {[(c['speaker_name'], c['cue'], c['claim_type']) for c in claims]}"
    return hits[0]


def test_coordinated_subjects_give_one_row_each_with_a_shared_id(nlp):
    text = "As President Biden and Prime Minister Kishida prepare to unveil this landmark security agreement, the world watches."
    claims = claims_of(nlp, text)
    biden = one(claims, speaker_name="Joe Biden", cue="unveil")
    kishida = one(claims, speaker_name="Fumio Kishida", cue="unveil")
    assert biden["claim_id"] == kishida["claim_id"]
    assert text[biden["start_char"]:biden["end_char"]] == "this landmark security agreement"
    assert (biden["target_country"], kishida["target_country"]) == ("JPN", "USA")
    assert biden["claim_type"] == "ANNOUNCE"


def test_nominal_cue_with_possessor(nlp):
    text = "Japan's commitment to doubling its defense budget to 2% of GDP by 2027 illustrates Tokyo's resolve."
    c = one(claims_of(nlp, text), cue="commitment")
    assert (c["speaker_name"], c["speaker_country"], c["claim_type"]) == ("Japan", "JPN", "COMMIT")
    assert text[c["start_char"]:c["end_char"]].startswith("doubling its defense budget")


def test_criticism_from_a_capital_is_the_country(nlp):
    claims = claims_of(nlp, "This strategic pivot has not gone unnoticed, drawing criticism from Beijing.")
    c = one(claims, cue="criticism")
    assert (c["speaker_name"], c["speaker_country"], c["claim_type"], c["stance"]) == ("China", "CHN", "ACCUSE", "oppose")


def test_passive_with_agent(nlp):
    text = "China's rapid military expansion has been identified as 'serious concerns' by Japan and its allies."
    c = one(claims_of(nlp, text), cue="identify")
    assert c["speaker_country"] == "JPN"
    assert text[c["start_char"]:c["end_char"]] == "China's rapid military expansion"
    assert c["claim_type"] == "ACCUSE"


def test_the_president_is_the_publishing_office_head_on_that_date(nlp):
    claims = claims_of(nlp, "The President underscored the importance of the alliance.", published="2023-05-01")
    assert one(claims, cue="underscore")["speaker_name"] == "Joe Biden"


def test_the_two_leaders_are_the_participants(nlp):
    text = ("Vice President Kamala Harris met today with Indonesian President Joko Widodo in Jakarta. "
            "The two leaders discussed opportunities to expand economic cooperation.")
    claims = claims_of(nlp, text, published="2023-09-06")
    names = {c["speaker_name"] for c in claims if c["cue"] == "discuss"}
    assert names == {"Kamala Harris", "Joko Widodo"}


def test_author_assessment_is_not_a_claim(nlp):
    assert claims_of(nlp, "This initiative reaffirms the US-Japan alliance as the cornerstone of peace.") == []
