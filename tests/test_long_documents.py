"""Long documents parsed in segments (long_documents.py) and the memory zone around each batch
(run.iter_rows), with the real model on public-domain White House texts of corpus/."""
from __future__ import annotations

import sys

import pytest

from claim_extract.article import Article
from claim_extract.long_documents import segment_bounds
from claim_extract.prepare import unwrap
from claim_extract.readers import iter_articles
from claim_extract.rows import article_rows
from claim_extract.run import annotate, extract, iter_rows

from conftest import CORPUS

run_module = sys.modules["claim_extract.run"]  # `claim_extract.run` is also the function run()

WHOLE = 10 ** 9  # a segment limit no text reaches: parsed whole


# -- where segments are cut (no model) ---------------------------------------------------------

def _check_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    bounds = segment_bounds(text, limit)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(0 < end - start <= limit for start, end in bounds) or text == ""
    assert "".join(text[s:e] for s, e in bounds) == text
    return bounds


def test_a_short_text_is_one_segment():
    assert segment_bounds("One paragraph.\n\nAnother.", 100) == [(0, 24)]
    assert segment_bounds("", 100) == [(0, 0)]


def test_segments_end_after_a_blank_line_when_there_is_one():
    paragraph = "Word " * 15 + "end.\n"  # 80 characters
    text = (paragraph * 3 + "\n") * 6  # blocks of three lines after a blank line
    for start, end in _check_bounds(text, 500)[1:]:
        assert text[start - 2:start] == "\n\n" and not text[start].isspace()


def test_without_blank_lines_segments_end_at_a_line_break_then_a_sentence_then_a_space():
    lines = "".join(f"NAME {i} – Harvest, Alabama {i}\n" for i in range(400))
    for start, _ in _check_bounds(lines, 1_000)[1:]:
        assert lines[start - 1] == "\n"
    sentences = "This is a sentence. " * 300
    for start, _ in _check_bounds(sentences, 1_000)[1:]:
        assert sentences[start - 2:start] == ". "
    words = "word " * 1_000
    for start, _ in _check_bounds(words, 999)[1:]:
        assert words[start - 1] == " " and words[start] == "w"


def test_a_cut_takes_a_whole_run_of_whitespace_and_a_text_without_any_is_cut_at_the_limit():
    text = "a" * 60 + " \n\n \n  " + "b" * 60
    assert _check_bounds(text, 100) == [(0, 67), (67, 127)]
    assert _check_bounds("x" * 250, 100) == [(0, 100), (100, 200), (200, 250)]


# -- the model on segments, our components on the joined Doc ----------------------------------

def _corpus(*names: str) -> list[Article]:
    articles = {a.path.rsplit("/", 1)[-1]: a for a in iter_articles([CORPUS / "whitehouse"])}
    return [articles[name] for name in names]


TRANSCRIPT = "2023-05-18-remarks-by-president-biden-and-prime-minister-kishida-fumio-of-japan-before-bilateral-meeting.txt"
STATEMENT = "2023-01-13-joint-statement-of-the-united-states-and-japan.txt"
READOUT = "2023-09-20-readout-of-president-joe-bidens-meeting-with-prime-minister-benjamin-netanyahu-of-israel.txt"


@pytest.fixture(scope="module")
def long_article() -> Article:
    """Three White House texts, the transcript twice, as one document of about 16,000 characters."""
    parts = _corpus(STATEMENT, TRANSCRIPT, READOUT)
    body = "\n\n".join([parts[0].body, parts[1].body, parts[2].body, parts[1].body])
    return Article(doc_id="long.txt", path="long.txt", body=body, title="Four texts in one",
                   published="2023-05-18", url="https://www.whitehouse.gov/briefing-room/long/")


@pytest.fixture(scope="module")
def parsed(nlp, long_article):
    """(segmented Doc, whole Doc) of the long article: segments of at most 4,000 characters."""
    (_, segmented), = annotate([long_article], nlp, segment_chars=4_000)
    (_, whole), = annotate([long_article], nlp, segment_chars=WHOLE)
    return segmented, whole


def test_the_joined_doc_has_the_text_and_tokens_of_the_whole(long_article, parsed):
    segmented, whole = parsed
    assert len(segment_bounds(long_article.body, 4_000)) >= 4
    assert segmented.text == unwrap(long_article.body) == whole.text  # hard wraps joined, same length
    assert [(t.idx, t.text, t.whitespace_) for t in segmented] == [(t.idx, t.text, t.whitespace_) for t in whole]
    assert segmented.has_annotation("DEP") and segmented.has_annotation("ENT_IOB")


def test_the_joined_doc_has_the_metadata_extensions(long_article, parsed):
    segmented, whole = parsed
    for doc in parsed:
        assert (doc._.doc_id, doc._.published, doc._.title, doc._.url) == (
            "long.txt", "2023-05-18", "Four texts in one", "https://www.whitehouse.gov/briefing-room/long/")
        assert doc._.claims and doc._.timexes and doc._.actors and doc._.turns
        assert not doc._.errors
    assert segmented._.warnings == whole._.warnings


def test_offsets_of_a_segmented_document_point_into_its_text(long_article, parsed):
    segmented, _ = parsed
    rows = article_rows(long_article, segmented)
    body = long_article.body
    for table in ("entities", "timexes"):
        assert rows[table]
        for row in rows[table]:
            assert body[row["start_char"]:row["end_char"]] == row["text"]
    for row in rows["claims"]:
        assert 0 <= row["start_char"] < row["end_char"] <= len(body)
        assert " ".join(body[row["start_char"]:row["end_char"]].split()) == row["claim"]
        if row["cue_start"] is not None:
            assert body[row["cue_start"]:row["cue_end"]].lower() == row["cue_text"].lower()
    for ent in segmented.ents:
        assert unwrap(body)[ent.start_char:ent.end_char] == ent.text


def _claim_keys(rows: list[dict]) -> list[tuple]:
    return [(r["start_char"], r["end_char"], r["speaker"], r["speaker_country"], r["cue"], r["claim_type"],
             r["stance"], r["target"], r["said_on"], r["quote"]) for r in rows]


def test_claims_of_a_segmented_document_are_those_of_the_whole(long_article, parsed):
    segmented, whole = parsed
    seg, full = article_rows(long_article, segmented), article_rows(long_article, whole)
    assert len(seg["claims"]) > 40
    # the second copy of the transcript: its turns' speakers are found across segments
    second = len(long_article.body) - len(_corpus(TRANSCRIPT)[0].body)
    assert {r["speaker"] for r in seg["claims"] if r["start_char"] >= second} >= {"PRESIDENT BIDEN", "PRIME MINISTER KISHIDA"}
    assert _claim_keys(seg["claims"]) == _claim_keys(full["claims"])
    assert [(r["start_char"], r["end_char"], r["value"]) for r in seg["timexes"]] == \
        [(r["start_char"], r["end_char"], r["value"]) for r in full["timexes"]]
    assert [(r["start_char"], r["canonical"]) for r in seg["entities"]] == \
        [(r["start_char"], r["canonical"]) for r in full["entities"]]


def test_the_engines_parse_long_documents_in_segments(nlp, long_article, parsed, monkeypatch):
    """extract() (the Python API; the local and dask engines share its iter_rows) uses the same
    path: with the limit lowered, its claims are the segmented Doc's."""
    segmented, _ = parsed
    monkeypatch.setattr(run_module, "SEGMENT_CHARS", 4_000)
    tables = extract(texts=[long_article.body], published="2023-05-18")
    expected = article_rows(long_article, segmented)["claims"]
    got = tables.claims
    assert list(zip(got["start_char"], got["end_char"], got["speaker"])) == \
        [(r["start_char"], r["end_char"], r["speaker"]) for r in expected]
    assert tables.documents["n_sentences"].tolist() == [len(list(segmented.sents))]


def test_short_and_long_documents_keep_their_order(nlp, long_article):
    short = _corpus(READOUT)[0]
    bad = Article(doc_id="bad", path="bad", status="empty", error="no text")
    out = [(a.doc_id, doc is not None) for a, doc in
           annotate([short, long_article, bad, short, long_article], nlp, segment_chars=6_000)]
    assert out == [(short.doc_id, True), ("long.txt", True), ("bad", False), (short.doc_id, True), ("long.txt", True)]


# -- the memory zone around each batch -----------------------------------------------------------

def test_rows_are_the_same_with_and_without_the_memory_zone_and_its_strings_are_freed(nlp):
    made_up = ("Zorblaxian Foreign Minister Quixtopher Vandelmoor said on Tuesday that Zorblaxia "
               "will open talks with Frelvania next month. \"We condemn the Frelvanian blockade,\" "
               "Vandelmoor told reporters in Plinkton.")
    articles = [*_corpus(READOUT), Article(doc_id="made-up", path="", body=made_up, published="2024-03-25")]
    list(iter_rows(articles[:1], nlp))  # the first batch of a pipeline fills the tokenizer cache
    strings = len(nlp.vocab.strings)
    zoned = [rows for _, rows in iter_rows(articles, nlp)]
    assert not nlp.vocab.in_memory_zone
    assert len(nlp.vocab.strings) == strings  # "Quixtopher" & co. were freed with the zone
    assert any(r["speaker"] == "Quixtopher Vandelmoor" for r in zoned[1]["claims"]) or \
        any("Vandelmoor" in r["text"] for r in zoned[1]["entities"])
    plain = [article_rows(a, doc) for a, doc in annotate(articles, nlp)]  # no zone
    assert zoned == plain
    assert len(nlp.vocab.strings) > strings
