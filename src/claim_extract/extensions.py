"""The Doc and Span extensions through which our pipeline components talk.

Values are plain str / list / dict so that Docs survive `Doc.to_bytes()` (multiprocessing).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_EXTENSIONS = {
    # set by run.py before the pipeline, from the Article
    "doc_id": None,
    "published": None,  # ISO date "YYYY-MM-DD" or None
    "title": None,
    "url": None,
    # set by components
    "timexes": None,  # list of {start_char, end_char, text, type, value}   (components/timexes.py)
    "actors": None,  # list of {start_char, end_char, text, label, canonical, country, office, office_warning}
    "turns": None,  # list of {start_char, end_char, kind, speakers} (components/turns.py)
    "claims": None,  # list of claim dicts (components/claims.py)
    "warnings": None,  # list of str: document-level warnings (e.g. office anachronisms)
    "errors": None,  # list of str: a stage that failed on this document (see components/guard.py)
}

SPAN_EXTENSIONS = {
    # on doc.ents, set by components/actors.py
    "canonical": None,  # "China", "Joe Biden"
    "country": None,  # ISO3 or ""
    "actor_type": None,  # PERSON, GPE, ORG, NORP
}


def register_extensions() -> None:
    """Idempotent: safe to call in every process."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register_extensions()
