"""Title-case headlines parsed again in sentence case (components/headlines.py), on real model
output and sentences written for the test."""
from __future__ import annotations

from claim_extract.article import Article
from claim_extract.components.headlines import capitalised_words, headline, sentence_case
from claim_extract.run import make_doc

TEXT = ("Senator Blasts Trade Deal As A Giveaway To Beijing.\n\n"
        "Senator Maria Lopez on Tuesday called the trade deal with China a giveaway. "
        "Lopez said the deal would cost jobs in Ohio.\n")


def annotate(nlp, text, title):
    return nlp(make_doc(nlp, Article(doc_id="h.txt", path="h.txt", body=text, published="2024-03-25",
                                     title=title)))


def test_words_written_with_a_capital_inside_sentences_are_names(nlp):
    doc = nlp.make_doc(TEXT)
    names = capitalised_words(doc, TEXT.index("\n\n"))
    assert {"Maria", "Lopez", "China", "Ohio"} <= names
    assert "Senator" not in names  # only at a sentence start


def test_sentence_case_keeps_length_and_names(nlp):
    doc = nlp(TEXT)
    first = next(doc.sents)
    text = sentence_case(first, {"Beijing"})
    assert len(text) == len(first.text)
    assert text.startswith("Senator blasts trade deal as a giveaway to Beijing.")


def test_only_a_title_case_headline_of_its_own_paragraph_qualifies(nlp):
    doc = nlp(TEXT)
    assert headline(next(doc.sents), "Senator Blasts Trade Deal As A Giveaway To Beijing")
    plain = nlp("The senator criticized the trade deal on Tuesday.\n\nShe spoke in Ohio.\n")
    assert not headline(next(plain.sents), "")
    opening = nlp("National Security Advisor Jake Sullivan Spoke With Japan National Security Secretariat "
                  "Secretary General Akiba Takeo Today To Discuss The Alliance, The Region And The Summit.\n\n")
    assert not headline(next(opening.sents), "A readout")  # long and not the title


def test_the_headline_gets_a_sentence_case_parse(nlp):
    doc = annotate(nlp, TEXT, "Senator Blasts Trade Deal As A Giveaway To Beijing")
    assert not doc._.errors
    blasts = doc[1]
    assert (blasts.text, blasts.pos_, blasts.dep_) == ("Blasts", "VERB", "ROOT")
    assert doc.text == TEXT
    claims = [c for c in doc._.claims if c["cue"] == "blast"]
    assert claims and TEXT[claims[0]["start_char"]:claims[0]["end_char"]].startswith("Trade Deal")


def test_names_the_knowledge_base_knows_keep_their_capitals(nlp):
    text = ("Biden Welcomes Yoon Suk Yeol To The White House.\n\n"
            "The two presidents met on Tuesday and discussed trade and security in the region.\n")
    doc = annotate(nlp, text, "Biden Welcomes Yoon Suk Yeol To The White House")
    assert "Yoon Suk Yeol" in [e.text for e in doc.ents]


def test_a_lone_sentence_is_no_headline(nlp):
    text = "President Biden met today with President Yoon Suk Yeol of the Republic of Korea."
    doc = annotate(nlp, text, "")
    assert "Yoon Suk Yeol" in [e.text for e in doc.ents]
