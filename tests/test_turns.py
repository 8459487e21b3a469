"""The turns stage (components/turns.py): who speaks in a transcript turn or in the whole of a
statement, when the marker or the title gives a title rather than a name: the holder of that
office on the article's date; when the marker is a surname alone, the person of that surname the
document names in full."""
from __future__ import annotations

import pytest

from claim_extract.article import Article
from claim_extract.components.turns import bare_surname
from claim_extract.knowledge import KnowledgeBase
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



# A synthetic debate transcript (written for these tests): the moderator is named in full once in
# the prose, then labelled by his surname alone, which the knowledge base knows as Ben Wallace,
# the UK defence secretary of 2019-2023.
DEBATE = ("Transcript of the town hall on county roads, moderated by Chris Wallace of the county's "
          "public television station.\n\n"
          "WALLACE:  Good evening. I said last week that the bridge plan was too expensive. "
          "Ms. Okafor, what would you cut?\n\n"
          "MS. OKAFOR:  We will finish the bridge before the winter.\n\n"
          "WALLACE:  Mr. Delgado, your answer?\n")


def speakers(turns):
    return [(t["speakers"][0]["mention"], t["speakers"][0]["name"], t["speakers"][0]["country"])
            for t in turns if t["kind"] == "turn"]


def test_a_bare_surname_label_is_the_person_the_document_names_in_full(nlp):
    turns = turns_of(nlp, DEBATE, "2016-09-25", url="https://www.example.com/debate")
    assert speakers(turns) == [("WALLACE", "Chris Wallace", ""), ("MS. OKAFOR", "Okafor", ""),
                               ("WALLACE", "Chris Wallace", "")]


def test_a_bare_surname_speaks_in_the_claims_as_the_documents_person(nlp):
    doc = nlp(make_doc(nlp, Article(doc_id="t.txt", path="t.txt", body=DEBATE, published="2016-09-25",
                                    url="https://www.example.com/debate", title="")))
    said = [c for c in doc._.claims if DEBATE.index("WALLACE") < c["start_char"] < DEBATE.index("MS. OKAFOR")]
    assert said and {(c["speaker_name"], c["speaker_country"]) for c in said} == {("Chris Wallace", "")}


def test_a_full_name_label_names_the_later_bare_surname_label(nlp):
    text = ("CHRIS WALLACE:  Welcome to the town hall on county roads.\n\n"
            "MS. OKAFOR:  Thank you.  We will finish the bridge before the winter.\n\n"
            "WALLACE:  I said last week that the bridge plan was too expensive.\n")
    assert speakers(turns_of(nlp, text, "2021-03-02", url="https://www.example.com/debate")) == [
        ("CHRIS WALLACE", "Chris Wallace", ""), ("MS. OKAFOR", "Okafor", ""), ("WALLACE", "Chris Wallace", "")]


def test_a_documents_full_name_the_knowledge_base_knows_is_that_person(nlp):
    # "Rice" alone is two people of the knowledge base (Condoleezza and Susan Rice): no one
    text = ("Former Secretary of State Condoleezza Rice spoke with students about the alliance.\n\n"
            "RICE:  I said then that the alliance would hold, and it has held.\n")
    turns = turns_of(nlp, text, "2014-06-01", url="https://www.example.com/interview")
    assert speakers(turns) == [("RICE", "Condoleezza Rice", "USA")]


@pytest.mark.parametrize("named, speaker", [
    # the knowledge base's Jake Sullivan, national security adviser on the date, is one of them
    (("Jake Sullivan", "Dan Sullivan"), ("Jake Sullivan", "USA")),
    # its Ben Wallace is neither: the label as a name, no country
    (("Chris Wallace", "Mike Wallace"), ("Wallace", "")),
])
def test_of_several_namesakes_in_the_document_the_one_the_knowledge_base_gives(nlp, named, speaker):
    label = named[0].split()[-1].upper()
    text = (f"The panel was chaired by {named[0]}, and {named[1]} joined it by video.\n\n"
            f"{label}:  I said that the treaty would be ratified this year.\n")
    turns = turns_of(nlp, text, "2023-05-01", url="https://www.example.com/panel")
    assert speakers(turns) == [(label, *speaker)]


@pytest.mark.parametrize("label, published, speaker", [
    ("SULLIVAN", "2023-05-01", ("Jake Sullivan", "USA")),  # the document names no Sullivan in full
    ("MR. PRESIDENT", "2023-05-01", ("Joe Biden", "USA")),  # a title, not a surname
])
def test_without_a_full_name_in_the_document_the_knowledge_base_decides(nlp, label, published, speaker):
    text = (f"The panel met in Washington.\n\n"
            f"{label}:  I said that the treaty would be ratified this year.\n")
    turns = turns_of(nlp, text, published, url="https://www.whitehouse.gov/x")
    assert speakers(turns) == [(label, *speaker)]


@pytest.mark.parametrize("label, surname", [
    ("WALLACE", "wallace"), ("MS. OKAFOR", "okafor"), ("DR. O'BRIEN", "o'brien"),
    ("CHRIS WALLACE", ""), ("PRESIDENT BIDEN", ""), ("MR. PRESIDENT", ""), ("THE VICE PRESIDENT", ""),
    ("CHINA", ""), ("NATO", ""),
])
def test_a_bare_surname_is_one_name_word_after_courtesies(label, surname):
    assert bare_surname(label, KnowledgeBase.default()) == surname
