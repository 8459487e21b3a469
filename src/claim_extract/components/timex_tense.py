"""The tense that directs a time expression: PAST, PRESENT, FUTURE or None, from the verb that
governs it in the parse.

"Tuesday" in "the ministers met on Tuesday" is the Tuesday before the publication date, in
"will meet on Tuesday" the one after (timex_anchors.py turns the tense into a date). Verbs of
planning look ahead ("is scheduled to close Monday", "planned a rally on Saturday"), but not
from a noun of a past clause ("a vigil planned for Saturday was called off": the nearest day).
An event noun between the verb and the expression ("discussed a summit in November", "the
NATO Summit in July") leaves the tense undecided (None: the nearest date), unless the event
is the verb's subject ("Sunday's election was marred by violence": the clause tells the
event's time). The word lists come from data/timex_words.json (future_auxiliaries,
prospective_verbs, event_nouns).
"""
from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Span

from .timex_anchors import FUTURE, PAST, PRESENT


def _past_form(tok) -> bool:
    """`tok` (or the verb an adjective like "due" hangs from) is in a past tense."""
    for t in (tok, tok.head) if tok.pos_ == "ADJ" else (tok,):
        if t.tag_ == "VBD" or any(a.tag_ == "VBD" for a in t.children if a.dep_ in ("aux", "auxpass")):
            return True
    return False


class TenseWords(NamedTuple):
    future_aux: frozenset = frozenset({"will", "'ll", "shall", "wo", "would", "'d", "going"})
    prospective: frozenset = frozenset()
    event_nouns: frozenset = frozenset()
    prospective_prep: dict = {}  # verb lemma -> prepositions it looks ahead with ("set for")


def tense_of(span: Span, words: TenseWords = TenseWords()) -> str | None:
    """PAST, PRESENT or FUTURE of the verb governing `span`, or None (no verb found, or the
    expression dates an event noun -- "a summit in November" -- whose time the verb does not
    tell)."""
    event_nouns = words.event_nouns
    tok = span.root
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in event_nouns:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
                tok = tok.head  # the event is the subject: "Sunday's election was marred by ..."
                break
            return None
    if tok.pos_ not in ("VERB", "AUX"):
        sent_root = tok.sent.root if tok.doc.has_annotation("SENT_START") else tok
        if sent_root.pos_ not in ("VERB", "AUX"):
            return None
        tok = sent_root
    if event_nouns and tok.i < span.start:
        # "discussed a summit in Paris in November": an event noun between the verb and the
        # expression (the parser often attaches the date to the verb)
        doc = span.doc
        for t in doc[max(tok.i + 1, span.start - 8):span.start]:
            if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in event_nouns:
                return None
    # infinitives and participles: let the governing verb decide ("plans to meet", "expected to")
    for _ in range(3):
        if tok.lemma_ in words.prospective:  # "planned a rally on Saturday", "is scheduled for"
            if tok.tag_ == "VBN" and tok.dep_ == "acl" and _past_form(tok.head.head):
                return None  # "a service planned for Saturday was canceled": may be past now
            return FUTURE
        preps = words.prospective_prep.get(tok.lemma_)
        if preps and any(c.dep_ == "prep" and c.lower_ in preps for c in tok.children):
            return FUTURE  # "a summit set for Washington in April"
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        aux_words = {a.lower_ for a in auxes}
        if aux_words & words.future_aux or any(a.lower_ == "going" for a in tok.children):
            return FUTURE
        if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return PAST
        if tok.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
            return PAST
        if tok.tag_ == "VBN" and not auxes:  # "the decision, announced Friday"
            return PAST
        if tok.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return PRESENT
        if tok.tag_ == "MD":
            return FUTURE if tok.lower_ in words.future_aux else PRESENT
        if tok.head.i == tok.i:
            break
        if tok.tag_ == "VB" and "to" in aux_words:
            # infinitives: "agreed to meet Friday" looks ahead, "to mark Friday's entry" does not;
            # measured on TimeML, leaving them undecided (nearest date) does best -- except under
            # a verb of planning ("is scheduled to close Monday", "are due to resume") or a
            # present "be to" ("is to resume trading Tuesday"), which look ahead
            head = tok.head
            if tok.dep_ == "xcomp" and head.i != tok.i and not _past_form(head) and (
                    head.lemma_ in words.prospective
                    or (head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"))):
                return FUTURE  # (not "had been scheduled to expire Friday": that Friday is past)
            return None
        tok = tok.head
    return None
