"""Long documents are parsed in segments, then annotated whole.

The parser's working memory grows with the tokens it parses at once (about 4.5 MB per 1,000
characters with the small English model; a single 252,000-character briefing alone took a
process to 1.3 GB). The engines cap a parser batch at BATCH_CHARS characters
(engines/local.py), but a single document longer than that would be a batch of its own, so
the peak memory of a run would follow the longest document of the corpus. Here a document of
more than `limit` characters (SEGMENT_CHARS by default) is cut into segments of at most `limit`
characters, and:

1. the pipeline's components up to the model's last one (tokenizer, tok2vec, tagger, our
   paragraphs and sentence_cap, parser, attribute_ruler, lemmatizer, actor_names, ner) run on
   the segments with `nlp.pipe`, one segment per batch;
2. the segment Docs are joined with `Doc.from_docs(..., ensure_whitespace=False)` into one Doc
   whose text is exactly the document's (checked) and whose token and character offsets are
   the same as for the whole text;
3. the document's metadata extensions are set on it as `run.make_doc` sets them on any Doc, and
   the components that need the whole document (pipeline.WHOLE_DOCUMENT: timexes, actors,
   turns, claims) run on the joined Doc, so speaker turns, pronouns and the document's
   entities see the document whole.

Segments end at paragraph breaks (blank lines) where there is one in the second half of the
window, else at a line break, else after a sentence's final punctuation, else at any space;
only a text without whitespace for `limit / 2` characters is cut inside a word. A cut is
always placed after a whole run of whitespace, where the tokenizer would split anyway, so the
segments' tokens are the whole text's tokens. The model sees each segment on its own: a
segment starts a sentence (it starts a paragraph, so it did already), and the tok2vec's
context window does not reach across the cut. That is the whole difference to a parse of the
whole text, and it is at paragraph breaks.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from .pipeline import WHOLE_DOCUMENT

SEGMENT_CHARS = 40_000  # documents longer than this are parsed in segments of at most this size
# (less than a batch, engines/local.BATCH_CHARS: a long document never parses more at once than
# a batch of short ones)

# where a segment may end, best first; the cut is at the end of the match (after the whitespace)
_CUTS = (
    re.compile(r"\n[^\S\n]*\n\s*"),  # a blank line: a paragraph break
    re.compile(r"\n\s*"),  # a line break
    re.compile(r"[.!?…][\"'”’)\]]*\s+"),  # after a sentence's final punctuation
    re.compile(r"\s+"),  # any whitespace
)


def segment_bounds(text: str, limit: int = SEGMENT_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive segments of `text` that cover it exactly, each at most
    `limit` characters long (see the module doc for where they are cut)."""
    limit = max(2, int(limit))
    bounds, start, n = [], 0, len(text)
    while n - start > limit:
        cut = _cut(text, start, start + limit)
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


def _cut(text: str, lo: int, hi: int) -> int:
    """The best place to end a segment that starts at `lo` and may not pass `hi`: a cut in the
    second half of the window, after a whole run of whitespace."""
    least = lo + (hi - lo) // 2
    for pattern in _CUTS:
        ends = [m.end() for m in pattern.finditer(text, least, hi)]
        for end in reversed(ends):
            while end < len(text) and text[end].isspace():  # the run of whitespace goes on past hi
                end += 1
            if least < end <= hi:
                return end
    return hi


def whole_document_start(nlp: Language) -> int:
    """Index in nlp.pipeline of the first component that must see the whole document."""
    for i, (name, _) in enumerate(nlp.pipeline):
        if name in WHOLE_DOCUMENT:
            return i
    return len(nlp.pipeline)


def parse_in_segments(nlp: Language, text: str, setup: Callable[[Doc], None],
                      limit: int = SEGMENT_CHARS) -> Doc:
    """The annotated Doc of `text`, parsed in segments of at most `limit` characters (module
    doc). `setup(doc)` sets a Doc's metadata extensions; it is called on every segment and on
    the joined Doc, before the components that see the whole document."""
    split = whole_document_start(nlp)
    whole = nlp.pipeline[split:]
    segments = []
    for start, end in segment_bounds(text, limit):
        segment = nlp.make_doc(text[start:end])
        setup(segment)
        segments.append(segment)
    parsed = list(nlp.pipe(segments, batch_size=1, disable=[name for name, _ in whole]))
    doc = Doc.from_docs(parsed, ensure_whitespace=False, exclude=["user_data"])
    if doc is None or doc.text != text:  # cannot happen (tested); never return shifted offsets
        doc = nlp.make_doc(text)
        setup(doc)
        return nlp(doc)
    setup(doc)
    errors = [e for part in parsed for e in (part._.errors or [])]
    warnings = [w for part in parsed for w in (part._.warnings or [])]
    if errors:
        doc._.errors = errors
    if warnings:
        doc._.warnings = warnings
    del parsed, segments
    for _, component in whole:
        doc = component(doc)
    return doc
