"""readers/text.py: text files -> Articles (header fields, encodings, bad files)."""
from pathlib import Path

import pytest

from claim_extract.readers import iter_articles
from claim_extract.readers.text import read_text

DATA = Path(__file__).parent / "data" / "readers"
SEED = Path(__file__).resolve().parents[1] / "corpus" / "seed.txt"


def article(name):
    return read_text((DATA / name).read_bytes(), name, str(DATA / name))


def test_header_fields():
    a = article("header_colon.txt")
    assert (a.status, a.published, a.title) == ("ok", "2024-03-25", "Ministers meet in Tokyo")
    assert a.url == a.source == "https://example.org/news/tokyo-talks"
    assert a.body.startswith("Japan's foreign minister") and a.warnings == []


def test_source_that_is_not_a_url_is_not_the_url():
    a = article("header_dmy_date.txt")
    assert (a.source, a.url, a.published) == ("Example Wire", "https://example.org/a/dmy", "2024-03-25")


def test_url_only_when_it_looks_like_one():
    a = read_text(b"source: Example Wire\ntitle: T\n\nThe minister said so.\n", "a.txt", "a.txt")
    assert (a.source, a.url, a.title) == ("Example Wire", "", "T")
    b = read_text(b"url: www.example.org/x\n\nThe minister said so.\n", "b.txt", "b.txt")
    assert (b.url, b.source) == ("www.example.org/x", "")


def test_long_date_and_capitalised_keys():
    a = article("header_long_date.txt")
    assert (a.published, a.title) == ("2024-03-25", "Harbour agreement signed")


def test_bad_date_gives_a_warning_and_no_date():
    a = article("header_bad_date.txt")
    assert a.ok and a.published is None
    assert a.warnings == ["header date 2024-13-45 is not a date"]


def test_future_date_is_kept_with_a_warning():
    a = article("header_future_date.txt")
    assert a.published == "2999-01-01" and a.warnings == ["header date 2999-01-01 is in the future"]


def test_inline_date():
    a = article("inline_date.txt")
    assert a.published == "2024-03-25" and a.body.startswith("Officials in Seoul")


def test_the_seed():
    a = read_text(SEED.read_bytes(), "seed.txt", str(SEED))
    assert a.ok and a.published == "2024-03-25" and a.body.startswith("Amid growing")


def test_transcript_keeps_its_first_line():
    a = article("transcript_no_header.txt")
    assert a.body.startswith("THE PRESIDENT: Thank you.") and a.published is None


def test_crlf_body_is_exactly_as_decoded():
    a = article("crlf.txt")
    raw = (DATA / "crlf.txt").read_bytes().decode("utf-8")
    assert a.body == "The envoy said talks would resume.\r\nA second line.\r\n"
    assert raw.endswith(a.body)
    start = a.body.index("A second")
    assert a.body[start:start + 13] == "A second line"


@pytest.mark.parametrize("name, phrase", [
    ("bom_utf8.txt", "The minister’s statement was brief."),
    ("utf16_le_bom.txt", "The chancellor’s visit to Kraków was praised."),
    ("cp1252.txt", "The premier’s “clear” message on the café summit — naïve?"),
])
def test_encodings(name, phrase):
    a = article(name)
    assert a.ok and a.published == "2024-03-25" and a.body.startswith(phrase)
    assert "\ufeff" not in a.body


@pytest.mark.parametrize("name, status, reason", [
    ("binary.txt", "skipped", "binary file, not text"),
    ("empty.txt", "empty", "empty file"),
    ("whitespace.txt", "empty", "only whitespace, no text"),
    ("header_only.txt", "empty", "a header but no body text"),
])
def test_bad_files(name, status, reason):
    a = article(name)
    assert (a.status, a.error, a.body) == (status, reason, "")
    assert not a.ok


def test_markdown_front_matter():
    a = article("front_matter.md")
    assert (a.title, a.published) == ("Notes: a front matter header", "2024-04-02")


def test_single_file_input_gets_its_name_as_doc_id():
    path = DATA / "file with spaces.txt"
    [a] = list(iter_articles([str(path)]))
    assert (a.doc_id, a.path, a.published) == ("file with spaces.txt", str(path), "2024-05-01")
    [b] = list(iter_articles([DATA / "unicodé ファイル.txt"]))
    assert b.doc_id == "unicodé ファイル.txt" and b.body.startswith("The delegation from Osaka")
