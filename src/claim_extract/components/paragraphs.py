"""Sentence starts at paragraph breaks and transcript turns, set before the parser (which keeps
preset boundaries): a heading such as "Strengthening the Alliance" never runs into the sentence
after it, nor one speaker's words into the next speaker's.

No per-token Python loop: the token after a whitespace token that holds a blank line starts a
sentence, and only whitespace tokens can hold a line break (the tokenizer never mixes
whitespace into other tokens), so only they are looked at, found in the Doc's IS_SPACE column;
the text is rebuilt from the ORTH and SPACY columns (`Doc.text` makes a Token object per
token), and the starts are written in one `Doc.from_array` (the `Token.is_sent_start` setter
scans the whole Doc at each call)."""
from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from ..markers import marker_starts


def doc_text(doc: Doc) -> str:
    """`doc.text`, from the Doc's arrays."""
    strings = doc.vocab.strings
    return "".join([strings[orth] + " " if space else strings[orth]
                    for orth, space in doc.to_array([ORTH, SPACY]).tolist()])


def paragraph_starts(doc: Doc) -> Doc:
    if len(doc) < 2:
        return doc
    is_space = doc.to_array(IS_SPACE)
    starts = set()
    for char in marker_starts(doc_text(doc)):  # a transcript turn starts a sentence
        span = doc.char_span(char, char + 1, alignment_mode="expand")
        if span is not None and span.start > 0 and not is_space[span.start]:
            starts.add(span.start)
    for i in numpy.flatnonzero(is_space[:-1]).tolist():  # a blank line starts a paragraph
        if not is_space[i + 1] and doc[i].text.count("\n") >= 2:
            starts.add(i + 1)
    if starts:
        column = doc.to_array(SENT_START)
        column[sorted(starts)] = 1
        doc.from_array([SENT_START], column.reshape(-1, 1))
    return doc


@Language.component("claim_extract_paragraphs", assigns=["token.is_sent_start"])
def paragraphs(doc: Doc) -> Doc:
    return paragraph_starts(doc)
