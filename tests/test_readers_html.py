"""readers/html.py: visible article text, title, date."""
from pathlib import Path

import pytest

from claim_extract.readers.html import read_html

DATA = Path(__file__).parent / "data" / "readers"


def article(name):
    return read_html((DATA / name).read_bytes(), name, str(DATA / name))


def html(source, encoding="utf-8"):
    return read_html(source.encode(encoding), "x.html", "x.html")


def test_meta_title_date_url_source():
    a = article("page.html")
    assert a.ok and a.title == "Leaders agree on maritime patrols"  # og:title over <title>
    assert a.published == "2024-04-10" and a.warnings == []
    assert (a.url, a.source) == ("https://example.org/news/patrols", "Example News")


def test_body_is_the_article_text_only():
    body = article("page.html").body
    assert body.startswith("Leaders agree on maritime patrols\n\nThe two leaders said on Wednesday")
    assert "joint patrols would begin in May.\nOfficials gave no further details." in body
    assert "The ministry called the plan “a step forward”." in body
    assert "A broken paragraph with unclosed tags" in body
    for dropped in ("trackingScriptText", "hidden-style-text", "noscript text", "Template text",
                    "HTML comment", "World menu link", "Sidebar teaser", "Copyright footer",
                    "datePublished"):
        assert dropped not in body
    assert "\n\n\n" not in body and body == body.strip()


def test_body_falls_back_to_body_and_time_element():
    a = article("page_nometa.htm")
    assert a.title == "Press briefing on trade" and a.published == "2024-02-29"
    assert "The spokesperson said tariffs would not change.\n\nSecond paragraph" in a.body
    assert "Menu text" not in a.body and "Footer text" not in a.body
    assert "\n\n\n" not in a.body


def test_main_is_used_when_there_is_no_article():
    a = html("<body><p>Outside main</p><main><p>Inside main.</p></main></body>")
    assert a.body == "Inside main."


def test_longest_article_wins():
    a = html("<body><article><p>Teaser.</p></article>"
             "<article><p>The real story is longer than the teaser.</p></article></body>")
    assert a.body == "The real story is longer than the teaser."


@pytest.mark.parametrize("meta, iso, warnings", [
    ('<meta property="og:published_time" content="2024-05-06">', "2024-05-06", 0),
    ('<meta name="date" content="May 6, 2024">', "2024-05-06", 0),
    ('<meta name="pubdate" content="2024-05-06T08:00:00Z">', "2024-05-06", 0),
    ('<meta name="DC.date.issued" content="2024-05-06">', "2024-05-06", 0),
    ('<meta name="dc.date" content="2024-05-06">', "2024-05-06", 0),
    ('<meta name="publish-date" content="13/05/2024 ">', "2024-05-13", 0),
    ('<meta name="publish-date" content="06/05/2024">', "2024-06-05", 1),  # ambiguous: month first
])
def test_date_meta_tags(meta, iso, warnings):
    a = html(f"<html><head>{meta}</head><body><p>Text.</p></body></html>")
    assert a.published == iso and len(a.warnings) == warnings


def test_bad_meta_date_warns():
    a = html('<head><meta name="date" content="not a date 99"></head><body><p>Text.</p></body>')
    assert a.published is None and a.warnings == ["HTML date not a date 99 is not a date"]


def test_declared_charset_is_used_when_not_utf8():
    source = '<html><head><meta charset="windows-1252"></head><body><p>Caf\u00e9 “talks”.</p></body></html>'
    assert html(source, "cp1252").body == "Café “talks”."


def test_pre_keeps_its_lines_and_br_breaks_a_line():
    a = html("<body><pre>line one\nline two</pre><p>a<br>b</p></body>")
    assert a.body == "line one\nline two\n\na\nb"


@pytest.mark.parametrize("source, status, reason", [
    ("", "empty", "empty file"),
    ("<html><head><script>x()</script></head><body>  </body></html>", "empty", "no text in the HTML body"),
])
def test_empty_html(source, status, reason):
    a = html(source)
    assert (a.status, a.error) == (status, reason)


def test_binary_html_is_skipped():
    a = read_html(bytes(range(256)), "x.html", "x.html")
    assert (a.status, a.error) == ("skipped", "binary file, not text")


def test_deep_nesting_does_not_crash():
    a = html("<body>" + "<div>" * 3000 + "deep text" + "</div>" * 3000 + "</body>")
    assert (a.status, a.body) == ("ok", "deep text")
