"""Helpers shared by the readers: metadata -> Article fields, bad-input Articles, limits."""
from __future__ import annotations

import re
from collections.abc import Mapping

from ..article import EMPTY, ERROR, SKIPPED, Article
from .dates import parse_published

URL = re.compile(r"(?i)^(https?|ftp)://\S+$|^www\.\S+\.\S+$")
DATE_KEYS = ("date", "published", "published_date", "publication_date", "pubdate")


def looks_like_url(value: str) -> bool:
    return bool(URL.match(value.strip()))


def one_line(text: object, limit: int = 200) -> str:
    """`text` on one line, cut to `limit` characters."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 3] + "..."


def too_large(size: int, max_bytes: int) -> str:
    return f"larger than the limit of {max_bytes:,} bytes ({size:,} bytes)"


def as_str(value: object) -> str:
    """A metadata value as a stripped one-line string ("" for None, lists, dicts)."""
    if value is None or isinstance(value, (list, dict)):
        return ""
    return one_line(value, 1000)


def meta_fields(meta: Mapping[str, object], label: str) -> dict:
    """Article fields (title, published, url, source, ext_id, warnings) from a metadata mapping
    (header keys, JSON object). `label` starts the date warnings ("header date ...")."""
    fields: dict = {"warnings": []}
    date_key = next((k for k in DATE_KEYS if as_str(meta.get(k))), None)
    if date_key is not None:
        published, warning = parse_published(as_str(meta[date_key]), f"{label} {date_key}")
        fields["published"] = published
        if warning:
            fields["warnings"].append(warning)
    title = as_str(meta.get("title")) or as_str(meta.get("headline"))
    if title:
        fields["title"] = title
    source = as_str(meta.get("source"))
    if source:
        fields["source"] = source
    for key in ("url", "link", "source"):
        value = as_str(meta.get(key))
        if value and looks_like_url(value):
            fields["url"] = value
            break
    ext_id = as_str(meta.get("id"))
    if ext_id:
        fields["ext_id"] = ext_id
    return fields


def bad(doc_id: str, path: str, status: str, reason: str) -> Article:
    """An Article standing for a bad input: status empty, skipped or error."""
    assert status in (EMPTY, SKIPPED, ERROR)
    return Article(doc_id=doc_id, path=path, status=status, error=one_line(reason))


def empty_reason(text: str) -> str | None:
    """Why `text` counts as empty, or None when it has content."""
    if not text:
        return "empty file"
    if not text.strip():
        return "only whitespace, no text"
    return None
