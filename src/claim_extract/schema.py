"""The columns of the four output tables and their pandas dtypes (see ../shared/CONTRACT.md).

This is the one place that names the table columns; rows.py fills them, tables.py types them.
Contract columns come first, in contract order; our own additions follow.
"""
from __future__ import annotations

STR = "string"
INT = "Int64"
FLOAT = "Float64"

CLAIMS = {
    "claim_id": STR,
    "doc_id": STR,
    "published": STR,
    "sentence_id": INT,
    "start_char": INT,
    "end_char": INT,
    "speaker": STR,
    "speaker_name": STR,
    "speaker_type": STR,
    "speaker_country": STR,
    "cue": STR,
    "claim": STR,
    "claim_type": STR,
    "stance": STR,
    "target": STR,
    "target_country": STR,
    "said_on": STR,
    "date_text": STR,
    "date_value": STR,
    "quote": STR,
    "sentence": STR,
    "confidence": FLOAT,
    # additions
    "speaker_start": INT,
    "speaker_end": INT,
    "cue_start": INT,
    "cue_end": INT,
    "cue_text": STR,
}

TIMEXES = {
    "doc_id": STR,
    "start_char": INT,
    "end_char": INT,
    "text": STR,
    "type": STR,
    "value": STR,
    # additions
    "sentence_id": INT,
}

ENTITIES = {
    "doc_id": STR,
    "start_char": INT,
    "end_char": INT,
    "text": STR,
    "label": STR,
    "canonical": STR,
    "country": STR,
    # additions
    "actor_type": STR,
    "office": STR,
    "office_warning": STR,
}

DOCUMENTS = {
    "doc_id": STR,
    "path": STR,
    "title": STR,
    "published": STR,
    "n_chars": INT,
    "n_sentences": INT,
    "n_claims": INT,
    "status": STR,
    "error": STR,
    # additions
    "url": STR,
    "warnings": STR,
    "content_hash": STR,  # of the article as read (rows.content_hash): what --resume compares
}

TABLES = {"claims": CLAIMS, "timexes": TIMEXES, "entities": ENTITIES, "documents": DOCUMENTS}
