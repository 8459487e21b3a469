"""The actors stage: entities → canonical actors and countries, office consistency."""
from __future__ import annotations

import pytest

from claim_extract.article import Article
from claim_extract.readers import iter_articles
from claim_extract.run import make_doc
from conftest import CORPUS, shared_path


def annotate(nlp, article):
    return nlp(make_doc(nlp, article))


def test_metonyms_and_demonyms_resolve_to_countries(nlp):
    doc = annotate(nlp, Article(doc_id="t", path="t", published="2024-03-25",
                                body="Beijing criticized the move, while Japanese officials and Tokyo welcomed it."))
    found = {(e.text, e._.canonical, e._.country) for e in doc.ents}
    assert ("Beijing", "China", "CHN") in found
    assert ("Japanese", "Japan", "JPN") in found
    assert ("Tokyo", "Japan", "JPN") in found


def test_known_names_are_whole_entities(nlp):
    doc = annotate(nlp, Article(doc_id="t", path="t", published="2024-07-11",
                                body="President Biden met today with President Yoon Suk Yeol of the Republic of Korea."))
    yoon = next(e for e in doc.ents if e.text.startswith("Yoon"))
    assert (yoon.text, yoon._.canonical, yoon._.country) == ("Yoon Suk Yeol", "Yoon Suk Yeol", "KOR")


def test_the_seed_anachronism_is_flagged(nlp):
    seed = next(iter_articles([CORPUS / "seed.txt"]))
    doc = annotate(nlp, seed)
    lai = [row for row in doc._.actors if row["canonical"] == "Lai Ching-te"]
    assert lai and "not president of TWN on 2024-03-25" in lai[0]["office_warning"]
    assert any("Lai Ching-te" in w for w in doc._.warnings)


def test_a_title_held_on_the_date_is_not_flagged(nlp):
    doc = annotate(nlp, Article(doc_id="t", path="t", published="2024-06-01",
                                body="Japan sent a congratulatory message to Taiwanese President Lai Ching-te."))
    assert doc._.warnings == []


def test_no_office_flag_on_the_dev_official_texts(nlp):
    folder = shared_path("gold", "dev")
    articles = [a for a in iter_articles(sorted(folder.glob("d*.txt")))]
    assert len(articles) == 10
    for article in articles:
        doc = annotate(nlp, article)
        assert doc._.warnings == [], (article.doc_id, doc._.warnings)
