"""Plain text (.txt, .md): decode, split off the header, keep the body as decoded."""
from __future__ import annotations

from ..article import EMPTY, Article
from .common import bad, empty_reason, meta_fields
from .decode import DecodeError, decode
from .header import parse_header


def read_text(data: bytes, doc_id: str, path: str) -> Article:
    """The Article of a text file whose content is `data`."""
    try:
        raw, _encoding = decode(data)
    except DecodeError as e:
        return bad(doc_id, path, e.status, e.reason)
    reason = empty_reason(raw)
    if reason:
        return bad(doc_id, path, EMPTY, reason)
    meta, body, _offset = parse_header(raw)
    fields = meta_fields(meta, "header")
    if not body.strip():
        article = bad(doc_id, path, EMPTY, "a header but no body text")
        for key, value in fields.items():
            setattr(article, key, value)
        return article
    return Article(doc_id=doc_id, path=path, body=body, **fields)
