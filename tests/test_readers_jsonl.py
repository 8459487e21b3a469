"""readers/jsonl.py: JSON objects, lists and JSON Lines (plain and gzip, streamed)."""
import gzip
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claim_extract.article import Article
from claim_extract.readers import iter_articles
from claim_extract.readers.jsonl import from_object, read_json, read_jsonl_file, read_lines

DATA = Path(__file__).parent / "data" / "readers"
STATUSES = {"ok", "empty", "skipped", "error"}


def summary(articles):
    return [(a.doc_id, a.status, a.error) for a in articles]


def test_json_object():
    [a] = list(read_json((DATA / "article.json").read_bytes(), "article.json", "p"))
    assert (a.doc_id, a.status, a.published, a.title) == ("article.json", "ok", "2024-06-14", "Summit ends")
    assert (a.url, a.source, a.ext_id) == ("https://example.org/summit", "Example Wire", "a-17")
    assert a.body == "The leaders said the summit ended with a joint statement."


def test_json_list():
    found = list(read_json((DATA / "list.json").read_bytes(), "list.json", "p"))
    assert summary(found) == [("list.json#1", "ok", ""), ("list.json#2", "ok", ""),
                              ("list.json#3", "error", "JSON item 3: not a JSON object")]
    assert found[0].body == "The minister said the treaty was signed."  # from "body"
    assert found[0].published == "2024-06-03" and found[0].ext_id == "1"
    assert found[1].body == "Officials said the talks had stalled."  # from "content"


def test_jsonl_good_and_bad_lines():
    found = list(read_jsonl_file(DATA / "lines.jsonl", "lines.jsonl"))
    assert summary(found) == [
        ("lines.jsonl#1", "ok", ""),
        ("lines.jsonl#2", "ok", ""),  # the blank line 2 is ignored
        ("lines.jsonl#3", "error", "JSON line 4: not valid JSON (Expecting value)"),
        ("lines.jsonl#4", "error", "JSON line 5: missing text field"),
        ("lines.jsonl#5", "empty", "JSON line 6: text field is empty"),
        ("lines.jsonl#6", "ok", ""),
    ]
    assert (found[0].title, found[0].published, found[0].ext_id) == ("Ceasefire holds", "2024-07-01", "l1")
    assert found[1].published == "2024-07-02"
    assert found[5].published is None and found[5].warnings == ["JSON line 7: date 2024-13-45 is not a date"]
    assert all(a.path == str(DATA / "lines.jsonl") for a in found)


def test_jsonl_gz_is_read_like_jsonl(tmp_path):
    target = tmp_path / "lines.jsonl.gz"
    with open(DATA / "lines.jsonl", "rb") as src, gzip.open(target, "wb") as dst:
        shutil.copyfileobj(src, dst)
    plain = list(read_jsonl_file(DATA / "lines.jsonl", "x"))
    zipped = list(iter_articles([target]))
    assert [a.doc_id for a in zipped] == [f"lines.jsonl.gz#{i}" for i in range(1, 7)]
    assert [(a.status, a.error, a.body, a.published) for a in zipped] == \
           [(a.status, a.error, a.body, a.published) for a in plain]


def test_truncated_gzip_keeps_the_good_lines(tmp_path):
    lines = b"".join(json.dumps({"text": f"Article {i} said so."}).encode() + b"\n" for i in range(2000))
    data = gzip.compress(lines)
    target = tmp_path / "cut.jsonl.gz"
    target.write_bytes(data[: len(data) // 2])
    found = list(iter_articles([target]))
    assert found[0].status == "ok" and found[0].body == "Article 0 said so."
    assert found[-1].status == "error" and found[-1].error.startswith("cannot read gzip file after")
    assert 0 < len(found) - 1 < 2000 and found[-1].doc_id == "cut.jsonl.gz"


def test_jsonl_gz_is_streamed(tmp_path, monkeypatch):
    target = tmp_path / "many.jsonl.gz"
    with gzip.open(target, "wb") as f:
        for i in range(5000):
            f.write(json.dumps({"text": f"Line {i}."}).encode() + b"\n")
    reads = []
    real_readline = gzip.GzipFile.readline
    monkeypatch.setattr(gzip.GzipFile, "readline", lambda self, *a: reads.append(1) or real_readline(self, *a))
    stream = iter_articles([target])
    first = next(stream)
    assert first.body == "Line 0." and len(reads) < 10  # one line read, not the whole file
    assert sum(1 for _ in stream) == 4999


def test_not_a_gzip_file(tmp_path):
    target = tmp_path / "fake.jsonl.gz"
    target.write_text('{"text": "plain"}\n')
    [a] = list(iter_articles([target]))
    assert a.status == "error" and a.error.startswith("cannot read gzip file")


def test_line_over_the_limit_is_skipped_and_the_rest_read(tmp_path):
    target = tmp_path / "long.jsonl"
    target.write_text('{"text": "short one"}\n{"text": "' + "x" * 500 + '"}\n{"text": "short two"}\n')
    found = list(read_jsonl_file(target, "long.jsonl", max_bytes=100))
    assert summary(found) == [("long.jsonl#1", "ok", ""),
                              ("long.jsonl#2", "skipped", "JSON line 2: larger than the limit of 100 bytes"),
                              ("long.jsonl#3", "ok", "")]
    assert found[2].body == "short two"


def test_utf16_jsonl_and_binary_jsonl(tmp_path):
    target = tmp_path / "u16.jsonl"
    target.write_bytes(('{"text": "Kraków said so."}\n{"text": "' + "y" * 300 + '"}\n{"text": "Then."}\n')
                       .encode("utf-16"))
    found = list(read_jsonl_file(target, "u", max_bytes=100))
    assert [(a.status, a.body) for a in found] == [("ok", "Kraków said so."), ("skipped", ""), ("ok", "Then.")]
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(bytes(range(256)))
    assert summary(read_jsonl_file(binary, "b")) == [("b", "skipped", "binary file, not text")]


@pytest.mark.parametrize("source, expected", [
    ("", [("f.json", "empty", "empty file")]),
    ("[]", [("f.json", "empty", "JSON list is empty")]),
    ("{oops", [("f.json", "error", "JSON: not valid JSON (Expecting property name enclosed in double quotes)")]),
    ('"just a string"', [("f.json", "error", "JSON: not a JSON object")]),
    ('{"text": 12}', [("f.json", "error", "JSON: text field is not a string")]),
    ('{"text": null, "body": "From body."}', [("f.json", "ok", "")]),
    ('{"text": "a"}\n{"text": "b"}\n', [("f.json#1", "ok", ""), ("f.json#2", "ok", "")]),  # lines in .json
])
def test_json_edge_cases(source, expected):
    assert summary(read_json(source.encode(), "f.json", "f.json")) == expected


def test_only_blank_lines():
    assert summary(read_lines(["", "  ", b"\n"], "e.jsonl", "p")) == [("e.jsonl", "empty", "no JSON lines, only blank ones")]


def test_undecodable_line():
    [a] = read_lines([b'{"text": "caf\xe9"}'], "e.jsonl", "p")
    assert (a.status, a.error) == ("error", "JSON line 1: not UTF-8 text")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=60), st.binary(max_size=60),
                          st.sampled_from(['{"text": "ok"}', '{"text": 1}', "[]", "{", "null",
                                           '{"body": " "}', '{"date": "x", "text": "t"}',
                                           "[" * 5000 + "]" * 5000])), max_size=12))
def test_read_lines_never_raises(lines):
    found = list(read_lines(lines, "d.jsonl", "p"))
    assert found and all(isinstance(a, Article) and a.status in STATUSES for a in found)
    assert all(a.body.strip() for a in found if a.ok)
    assert all(a.error and "\n" not in a.error for a in found if not a.ok)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                    lambda c: st.lists(c, max_size=4) | st.dictionaries(
                        st.sampled_from(["text", "body", "content", "date", "published", "title",
                                         "url", "id", "source", "other"]), c, max_size=6),
                    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_from_object_never_raises(obj):
    a = from_object(obj, "d", "p", "JSON line 1")
    assert a.status in STATUSES and (a.ok or a.error.startswith("JSON line 1: "))
