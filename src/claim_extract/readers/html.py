"""HTML (.html, .htm): the visible text of the article, and title, date and URL from the head.

The body is the text we extract (offsets point into it): the `<article>` with the most text,
else `<main>`, else `<body>`; script, style, noscript, template, svg, iframe, nav, aside, form
controls and comments are dropped (footer too when the whole body is used). Inline white space
is collapsed as a browser does (non-breaking spaces kept); block elements are separated by a
blank line, `<br>` by a newline; lines are stripped and runs of blank lines collapsed.
"""
from __future__ import annotations

import codecs
import re

from bs4 import BeautifulSoup, NavigableString, Tag

from ..article import EMPTY, ERROR, Article
from .common import bad, empty_reason, meta_fields
from .decode import BOM_PREFIXES, DecodeError, decode, looks_binary

DROP = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
        "canvas", "nav", "aside", "button", "select", "input", "textarea", "head"}
BLOCK = {"address", "article", "blockquote", "caption", "dd", "details", "dialog", "div", "dl",
         "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
         "h5", "h6", "header", "hgroup", "hr", "li", "main", "ol", "p", "pre", "section",
         "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "body", "html",
         "title", "center", "option"}
DATE_META = ("article:published_time", "og:published_time", "date", "pubdate", "dc.date",
             "dc.date.issued", "publish-date", "publish_date", "datepublished")
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
WS = re.compile(r"[ \t\n\r\f]+")
BREAK, PARA = "\x00br", "\x00p"  # markers: no NUL survives decoding, so no clash with text


def _decode_html(data: bytes) -> str:
    """Text of an HTML file: BOM, then UTF-8, then the declared charset, then a guess."""
    m = CHARSET.search(data[:4096])
    if m and not data.startswith(BOM_PREFIXES) and b"\x00" not in data:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return decode(data)[0]
        try:
            name = codecs.lookup(m[1].decode("ascii")).name
            name = "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name  # as WHATWG
            text = data.decode(name)
            if not looks_binary(text):
                return text
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)[0]


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop") or ""
        value = tag.get("content")
        if isinstance(key, str) and isinstance(value, str) and value.strip():
            found.setdefault(key.strip().lower(), value.strip())
    return found


def _root(soup: BeautifulSoup) -> tuple[Tag, bool]:
    """The element holding the article text, and whether it is the whole body."""
    articles = [a for a in soup.find_all("article") if a.get_text(strip=True)]
    if articles:
        return max(articles, key=lambda a: len(a.get_text())), False
    main = soup.find("main")
    if main is not None and main.get_text(strip=True):
        return main, False
    return (soup.body or soup), True


def _text(root: Tag, whole_body: bool) -> str:
    drop = DROP | ({"footer"} if whole_body else set())
    parts: list[str] = []
    stack: list = [root]
    while stack:  # iterative walk: deep nesting must not hit the recursion limit
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            parts.append(node)  # a marker pushed below
        elif isinstance(node, Tag):
            name = (node.name or "").lower()
            if name in drop:
                continue
            if name == "br":
                parts.append(BREAK)
                continue
            block = name in BLOCK
            if block:
                parts.append(PARA)
                stack.append(PARA)
            pre = name == "pre"
            for child in reversed(node.contents):
                stack.append(("pre", child) if pre and type(child) is NavigableString else child)
        elif isinstance(node, tuple):
            parts.append(str(node[1]).replace("\n", BREAK))
        elif type(node) is NavigableString:  # comments, doctype, CDATA are subclasses
            parts.append(WS.sub(" ", str(node)))
    text = "".join(parts).replace(PARA, "\n\n").replace(BREAK, "\n")
    lines = [WS.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def read_html(data: bytes, doc_id: str, path: str) -> Article:
    """The Article of an HTML file whose content is `data`."""
    try:
        html = _decode_html(data)
    except DecodeError as e:
        return bad(doc_id, path, e.status, e.reason)
    reason = empty_reason(html)
    if reason:
        return bad(doc_id, path, EMPTY, reason)
    try:
        soup = BeautifulSoup(html, "lxml")
        meta = _meta(soup)
        root, whole_body = _root(soup)
        body = _text(root, whole_body)
        found: dict[str, str] = {}
        title = meta.get("og:title") or (soup.title.get_text() if soup.title else "")
        found["title"] = title
        found["date"] = next((meta[k] for k in DATE_META if k in meta), "")
        if not found["date"]:
            time = root.find("time", attrs={"datetime": True})
            found["date"] = time["datetime"] if time is not None else ""
        link = soup.find("link", rel="canonical")
        found["url"] = meta.get("og:url") or (link.get("href", "") if link is not None else "")
        found["source"] = meta.get("og:site_name", "")
        fields = meta_fields(found, "HTML")
    except Exception as e:  # a parser failure is bad input, not a crash
        return bad(doc_id, path, ERROR, f"cannot parse HTML ({type(e).__name__}: {e})")
    if not body.strip():
        return bad(doc_id, path, EMPTY, "no text in the HTML body")
    return Article(doc_id=doc_id, path=path, body=body, **fields)
