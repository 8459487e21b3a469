"""A cap on sentence length, set before the parser (which keeps preset sentence starts).

A body that is one "sentence" of 20,000 words (scraped text without full stops, a table flattened
into a line) would be one sentence to the parser and to every stage after it: the attribution
stages walk a sentence per cue and each claim row carries its sentence, so time and output grow
with the square of its length. Real sentences are far shorter (the longest in the White House
corpus is about 200 tokens), so a run of more than `max_tokens` tokens without a `.`, `!` or `?`
(or a sentence start set before, e.g. at a paragraph break) is cut: at the last `;`, `:`, `,`,
dash or line break in the second half of the run, else right at the cap. Text with ordinary
punctuation never reaches the cap, so its parse is untouched. Tokens are not changed, so
offsets are not either.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

MAX_TOKENS = 300
_FINAL = {".", "!", "?", "…"}
_SOFT = {";", ":", ",", "—", "–", "-"}


def cap_sentences(doc: Doc, max_tokens: int = MAX_TOKENS) -> Doc:
    """Set `is_sent_start` so that no run of more than `max_tokens` tokens lacks a full stop or
    a preset sentence start (see the module doc). Returns `doc`."""
    if max_tokens < 2 or len(doc) <= max_tokens:
        return doc
    start, soft = 0, -1  # first token of the current run; token after the last soft break
    for token in doc:
        i = token.i
        if i > start and token.is_sent_start:
            start, soft = i, -1
        elif i - start >= max_tokens:
            cut = soft if soft > start + max_tokens // 2 else i
            doc[cut].is_sent_start = True
            start, soft = cut, -1
        text = token.text
        if text in _FINAL or text[-1] in "!?." and not text[0].isalnum():  # "?!", "..."
            start, soft = i + 1, -1
        elif text in _SOFT or "\n" in text:
            soft = i + 1
    return doc


@Language.factory("claim_extract_sentence_cap", assigns=["token.is_sent_start"],
                  default_config={"max_tokens": MAX_TOKENS})
def make_sentence_cap(nlp: Language, name: str, max_tokens: int):
    return SentenceCap(max_tokens)


class SentenceCap:
    def __init__(self, max_tokens: int):
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        return cap_sentences(doc, self.max_tokens)
