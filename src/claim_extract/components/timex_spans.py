"""Span helpers of the time-expression stage (components/timexes.py): white-space trimming,
accepted non-overlapping spans, sentence starts, the token at a character, and the test that
tells a four-digit year from a count."""
from __future__ import annotations

import re

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc


def year_ok(doc: Doc, text: str, s: int, e: int, year_cues: frozenset, year_nouns: frozenset) -> bool:
    """A four-digit number at text[s:e] is a year, not a count, money, an address or a number
    ("2000 troops", "$1989", "Room 1990", "1500 to 2000 people")."""
    before = text[max(0, s - 12):s]
    if re.search(r"(?:[$€£#]|No\.|\bnumber|\bRoom|\bFlight|\bRoute|\bpage)\s*$", before, re.I):
        return False
    tok = token_at(doc, s)
    if tok is None:
        return True
    prev = doc[tok.i - 1] if tok.i > 0 else None
    prev_ok = prev is not None and prev.lower_ in year_cues
    if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL") and not prev_ok:
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.tag_ == "NNS" and tok.dep_ == "nummod" and nxt.lower_ not in year_nouns:
        return False  # "2000 troops"
    if nxt is not None and nxt.lower_ in ("to", "and", "or") and not prev_ok:
        nn = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
        if nn is not None and nn.like_num and not re.fullmatch(r"\d{4}", nn.text):
            return False  # "1500 to 2000 people" ranges of counts
    return True


class Intervals:
    """Non-overlapping accepted spans (small lists: linear scan is fine)."""

    def __init__(self):
        self.spans: list[tuple[int, int]] = []

    def free(self, s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in self.spans)

    def add(self, s: int, e: int) -> None:
        self.spans.append((s, e))


def strip_blank(text: str, cand: tuple) -> tuple:
    """The span without white space at either end ('\\xa0 Hours' after a no-break space)."""
    s, e = cand[0], cand[1]
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) + tuple(cand[2:])


def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets of the sentence starts (what [s.start_char for s in doc.sents] gives,
    without making a Token object per token)."""
    if not len(doc) or not doc.has_annotation("SENT_START"):
        return [0]
    arr = doc.to_array([SENT_START, IDX])
    starts = arr[arr[:, 0] == 1, 1].tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)  # the first token always starts a sentence
    return starts


def token_at(doc: Doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
