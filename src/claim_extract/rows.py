"""Doc → plain row dicts for the four tables. Text cells are cut from the body as read, so every
start_char/end_char slices the body to the reported text (before whitespace is folded)."""
from __future__ import annotations

import hashlib
import json
import re

from spacy.tokens import Doc

from .article import ERROR, Article

_SPACE = re.compile(r"\s+")


def _fold(text: str) -> str:
    """Hard-wrapped text on one line: runs of whitespace become one space."""
    return _SPACE.sub(" ", text).strip()


def claim_rows(article: Article, doc: Doc) -> list[dict]:
    body, rows = article.body, []
    for claim in doc._.claims or []:
        row = dict(claim)
        row["doc_id"], row["published"] = article.doc_id, article.published
        row["claim"] = _fold(body[claim["start_char"]:claim["end_char"]])
        row["sentence"] = _fold(body[row.pop("sentence_start"):row.pop("sentence_end")])
        rows.append(row)
    return rows


def timex_rows(article: Article, doc: Doc) -> list[dict]:
    return [{**tx, "doc_id": article.doc_id, "text": article.body[tx["start_char"]:tx["end_char"]]}
            for tx in doc._.timexes or []]


def entity_rows(article: Article, doc: Doc) -> list[dict]:
    return [{**ent, "doc_id": article.doc_id, "text": article.body[ent["start_char"]:ent["end_char"]]}
            for ent in doc._.actors or []]


def content_hash(article: Article) -> str:
    """What the reader made of an input (body and metadata; the reason when there is no body),
    hashed: `--resume` skips a document whose doc_id and content_hash are already in DIR."""
    fields = [article.body, article.title, article.published, article.url, article.source,
              article.ext_id, "" if article.body else f"{article.status}: {article.error}"]
    data = json.dumps(fields, ensure_ascii=True).encode("ascii")  # lone surrogates too
    return hashlib.sha256(data).hexdigest()[:32]


def document_row(article: Article, doc: Doc | None, n_claims: int = 0) -> dict:
    warnings = list(article.warnings) + list((doc._.warnings or []) if doc is not None else [])
    errors = list(doc._.errors or []) if doc is not None else []
    status, error = article.status, article.error
    if errors:
        status, error = ERROR, "; ".join(errors)
    return {
        "doc_id": article.doc_id, "path": article.path, "title": article.title,
        "published": article.published, "url": article.url,
        "n_chars": len(article.body),
        "n_sentences": sum(1 for _ in doc.sents) if doc is not None else 0,
        "n_claims": n_claims, "status": status, "error": error,
        "warnings": "; ".join(warnings),
        "content_hash": content_hash(article),
    }


def article_rows(article: Article, doc: Doc | None) -> dict[str, list[dict]]:
    """All rows of one article, by table name."""
    if doc is None:
        return {"claims": [], "timexes": [], "entities": [], "documents": [document_row(article, None)]}
    claims = claim_rows(article, doc)
    return {
        "claims": claims,
        "timexes": timex_rows(article, doc),
        "entities": entity_rows(article, doc),
        "documents": [document_row(article, doc, len(claims))],
    }
