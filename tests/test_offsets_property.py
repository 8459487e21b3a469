"""Offsets (CONTRACT.md, "Identity and offsets"): every start_char/end_char of claims, timexes
and entities slices the body as read to the reported text (claims' `claim` after folding white
space), lies inside the body and on token boundaries, and never starts or ends in white space.

Checked over the whole ../shared/corpus/whitehouse folder (skipped when it is not beside the
repo), and with hypothesis on generated texts: hard wraps, CRLF and CR, tabs, non-breaking
spaces, control characters, quotes, headers, encodings, through the readers as files.
"""
from __future__ import annotations

import codecs
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claim_extract.readers import iter_articles
from claim_extract.run import annotate
from claim_extract.rows import article_rows
from conftest import shared_path

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def offset_problems(article, doc, rows: dict[str, list[dict]], tidy: bool = False) -> list[str]:
    """Every way the rows' offsets fail the contract, as readable lines (empty when all hold).

    The contract: each span lies inside the body and slices it to the reported text (`claim`
    and `speaker` compared with white space folded), which is not blank. `tidy` adds what a
    reader expects beyond that: entity and timex spans neither start nor end in white space,
    and claims and entities lie on token boundaries (timexes are found by patterns, inside
    tokens too: "2023" of "FY2023")."""
    body, found = article.body, []
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t.text) for t in doc}

    def check(table: str, row: dict, s_key: str, e_key: str, reported: str | None) -> None:
        s, e = row.get(s_key), row.get(e_key)
        where = f"{article.doc_id} {table}.{s_key}={s}"
        if s_key != "start_char" and (s, e) in ((None, None), (-1, -1)):
            return  # an optional span of claims: no speaker mention in the text, say
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(body)):
            found.append(f"{where}: span {s}..{e} is not inside a body of {len(body)}")
            return
        span = body[s:e]
        if not span.strip():
            found.append(f"{where}: {span!r} is blank")
        if reported is not None:
            text, said = (fold(span), fold(reported)) if table == "claims" else (span, reported)
            if text != said:
                found.append(f"{where}: body gives {text!r}, table says {reported!r}")
        if tidy and table != "claims" and span != span.strip():
            found.append(f"{where}: {span!r} starts or ends in white space")
        if tidy and table != "timexes" and (s not in starts or e not in ends):
            found.append(f"{where}: {span!r} is not on token boundaries")

    for row in rows["claims"]:
        check("claims", row, "start_char", "end_char", row["claim"])
        check("claims", row, "speaker_start", "speaker_end", row["speaker"])
        check("claims", row, "cue_start", "cue_end", None)  # cue_text names the cue, not a slice
    for table in ("timexes", "entities"):
        for row in rows[table]:
            check(table, row, "start_char", "end_char", row["text"])
    [doc_row] = rows["documents"]
    if doc_row["n_chars"] != len(body):
        found.append(f"{article.doc_id}: n_chars {doc_row['n_chars']} != {len(body)}")
    return found


def analysed(articles, nlp):
    """(article, doc, rows) of every article that the pipeline analysed."""
    for article, doc in annotate(articles, nlp):
        if doc is not None:
            yield article, doc, article_rows(article, doc)


# --- the White House corpus --------------------------------------------------------------------

@pytest.fixture(scope="module")
def whitehouse(nlp):
    folder = shared_path("corpus", "whitehouse")
    return list(analysed(iter_articles([folder]), nlp))


def test_whitehouse_corpus_is_all_analysed(whitehouse):
    assert len(whitehouse) >= 200
    assert sum(len(rows["claims"]) for _, _, rows in whitehouse) > 1000


@pytest.mark.parametrize("table", ["claims", "timexes", "entities"])
def test_offsets_over_the_whole_whitehouse_corpus(whitehouse, table):
    problems, n = [], 0
    for article, doc, rows in whitehouse:
        only = {name: (found if name in (table, "documents") else []) for name, found in rows.items()}
        problems += offset_problems(article, doc, only)
        n += len(rows[table])
    assert n > 500
    assert not problems, f"{len(problems)} bad spans, e.g.\n" + "\n".join(problems[:20])


def test_whitehouse_spans_are_tidy(whitehouse):
    problems = [p for article, doc, rows in whitehouse for p in offset_problems(article, doc, rows, tidy=True)]
    assert not problems, f"{len(problems)} untidy spans, e.g.\n" + "\n".join(problems[:20])


# --- generated texts ---------------------------------------------------------------------------

SPEAKERS = ["Japan", "President Biden", "Beijing", "The foreign minister", "Prime Minister Kishida",
            "NATO", "the White House", "He", "Ukraine's President Volodymyr Zelenskyy", "Seoul"]
CUES = ["said", "announced", "warned", "pledged", "denied", "criticized", "told reporters",
        "urged China", "rejected claims"]
CONTENT = ["that it would expand its coast guard patrols", "the talks would resume",
           "sanctions against Russia", "it would send more aid to Ukraine",
           "the drills were provocative", "Japan would double its defense budget by 2027"]
TIMES = ["", " next month", " on April 10", " in 2027", " last week", " on Monday", " by 2030",
         " on March 25, 2024", " within three years", " every year", " yesterday"]
SEPARATORS = [" ", "  ", "\n", "\r\n", "\n\n", "\r\n\r\n", "\r", "\t", "\u00a0", "\u2028", " \x0b ",
              "\x07 ", "\n- ", "\n\u2022 ", "\nQ: ", "\nTHE PRESIDENT: "]


@st.composite
def sentences(draw) -> str:
    kind = draw(st.integers(0, 4))
    speaker, cue = draw(st.sampled_from(SPEAKERS)), draw(st.sampled_from(CUES))
    content, when = draw(st.sampled_from(CONTENT)), draw(st.sampled_from(TIMES))
    if kind == 0:
        return f"{speaker} {cue} {content}{when}."
    if kind == 1:
        return f"“{content.capitalize()}{when},” {speaker} {cue}."
    if kind == 2:
        return f"\"{content.capitalize()},\" {speaker} said{when}, \"and we mean it.\""
    if kind == 3:
        return f"According to {speaker}, {content}{when}."
    return draw(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=25))


@st.composite
def bodies(draw) -> str:
    parts = draw(st.lists(sentences(), min_size=1, max_size=6))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(parts), max_size=len(parts)))
    # a hard wrap inside a sentence, as in the White House texts
    text = "".join(p + s for p, s in zip(parts, seps))
    if draw(st.booleans()) and " " in text:
        cut = draw(st.integers(0, text.count(" ") - 1))
        pieces = text.split(" ")
        text = " ".join(pieces[:cut + 1]) + "\n" + " ".join(pieces[cut + 1:])
    return text


@st.composite
def files(draw) -> tuple[str, bytes]:
    """(file name, bytes): a text file with or without a header, in some encoding."""
    body = draw(bodies())
    header = draw(st.sampled_from(["", "date: 2024-03-25\n\n", "title: Talks\r\ndate: 2024-03-25\r\n\r\n",
                                   " date 2024-03-25 ", "date: March 25, 2024\n\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    text = header + body
    if encoding == "cp1252":
        text = text.encode("cp1252", "replace").decode("cp1252")
    return "generated.txt", text.encode(encoding, "replace")


CHECKS = settings(max_examples=60, deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@CHECKS
@given(files())
def test_offsets_on_generated_files(nlp, file):
    name, data = file
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, name).write_bytes(data)
        problems = []
        for article, doc, rows in analysed(iter_articles([folder]), nlp):
            problems += offset_problems(article, doc, rows)
    assert not problems, "\n".join(problems)


@CHECKS
@given(st.lists(bodies(), min_size=1, max_size=4))
def test_offsets_on_generated_texts_in_one_batch(nlp, texts):
    from claim_extract.run import texts_to_articles

    problems = []
    for article, doc, rows in analysed(texts_to_articles(texts, "2024-03-25"), nlp):
        problems += offset_problems(article, doc, rows)
    assert not problems, "\n".join(problems)


def test_the_check_finds_a_shifted_span(nlp):
    """The checker itself: a span moved by one character is reported."""
    from claim_extract.run import texts_to_articles

    text = "Japan said on April 10 that it would expand its patrols."
    [(article, doc, rows)] = list(analysed(texts_to_articles([text], "2024-03-25"), nlp))
    assert rows["claims"] and rows["timexes"] and not offset_problems(article, doc, rows)
    rows["timexes"][0]["start_char"] += 1
    problems = offset_problems(article, doc, rows)
    assert problems and "body gives 'pril 10'" in problems[0]


def test_utf16_and_bom_bodies_keep_offsets(nlp, tmp_path):
    text = "date: 2024-03-25\r\n\r\nJapan said on\r\nApril 10 that it would expand patrols.\r\n"
    for i, data in enumerate([codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
                              codecs.BOM_UTF8 + text.encode()]):
        (tmp_path / f"{i}.txt").write_bytes(data)
    found = list(analysed(iter_articles([tmp_path]), nlp))
    assert len(found) == 2 and all(rows["timexes"] and rows["claims"] for _, _, rows in found)
    for article, doc, rows in found:
        assert not offset_problems(article, doc, rows)
