"""Sentence starts at paragraph breaks and transcript turns, set before the parser (which keeps
preset boundaries): a heading such as "Strengthening the Alliance" never runs into the sentence
after it, nor one speaker's words into the next speaker's."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..markers import marker_starts


def paragraph_starts(doc: Doc) -> Doc:
    for char in marker_starts(doc.text):  # a transcript turn starts a sentence
        span = doc.char_span(char, char + 1, alignment_mode="expand")
        if span is not None and span.start > 0 and not doc[span.start].is_space:
            doc[span.start].is_sent_start = True
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if not token.is_space and (prev.is_space and prev.text.count("\n") >= 2 or
                                   prev.whitespace_ == "" and prev.text.endswith("\n\n")):
            token.is_sent_start = True
    return doc


@Language.component("claim_extract_paragraphs", assigns=["token.is_sent_start"])
def paragraphs(doc: Doc) -> Doc:
    return paragraph_starts(doc)
