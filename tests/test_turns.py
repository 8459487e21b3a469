"""The turns stage (components/turns.py): who speaks in a transcript turn or in the whole of a
statement, when the marker or the title gives a title rather than a name: the holder of that
office on the article's date."""
from __future__ import annotations

import pytest

from claim_extract.article import Article
from claim_extract.run import make_doc


def turns_of(nlp, text, published, url="https://www.gov.uk/x", title=""):
    doc = nlp(make_doc(nlp, Article(doc_id="t.txt", path="t.txt", body=text, published=published, url=url,
                                    title=title)))
    return doc._.turns


@pytest.mark.parametrize("published, holder", [
    ("2021-06-01", "Boris Johnson"),
    ("2023-06-01", "Rishi Sunak"),
    ("2025-06-01", "Keir Starmer"),
])
def test_a_title_as_turn_marker_is_the_officeholder_on_the_articles_date(nlp, published, holder):
    text = ("THE PRIME MINISTER:  Thank you all for coming.  We will stand with Ukraine.\n\n"
            "Q  Prime Minister, what about the talks?\n")
    turns = turns_of(nlp, text, published)
    assert [s["name"] for s in turns[0]["speakers"]] == [holder]
    assert turns[0]["speakers"][0]["country"] == "GBR"
    assert turns[1]["kind"] == "question"


@pytest.mark.parametrize("published, holder", [("2016-01-15", "David Cameron"), ("2017-01-15", "Theresa May")])
def test_a_title_in_a_statements_title_is_its_author_on_the_articles_date(nlp, published, holder):
    turns = turns_of(nlp, "The United Kingdom stands with its allies.", published,
                     title="Statement from the Prime Minister on the Summit")
    assert [(t["kind"], [s["name"] for s in t["speakers"]]) for t in turns] == [("author", [holder])]

