"""A speaker mention and what the parse and the document's named entities alone say about it,
without the knowledge base or any memory of the text before: the Speaker record, the noun phrase
of a mention, the actor of a named entity, and the person or thing a pronoun's nearest antecedent
names. resolve.py builds on these."""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from .entities import Entities

ACTOR_LABELS = ("PERSON", "GPE", "NORP", "ORG", "FAC")
_MENTION_DEPS = {"compound", "amod", "det", "nummod", "poss", "case", "punct", "nmod", "quantmod", "predet"}


@dataclass
class Speaker:
    mention: str
    start_char: int
    end_char: int
    name: str
    type: str  # PERSON, GPE, ORG, NORP
    country: str
    how: str  # entity, title, group, pronoun

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.country)

    def at(self, mention: Span | Token, how: str | None = None) -> "Speaker":
        """The same actor, named by another mention ("who", "he", "the fund")."""
        start = mention.idx if isinstance(mention, Token) else mention.start_char
        return replace(self, mention=mention.text, start_char=start, end_char=start + len(mention.text),
                       how=how or self.how)


def mention_span(head: Token) -> Span:
    """The noun phrase a speaker head stands for, without clauses: "The two National Security
    Advisors", "Japanese Prime Minister Fumio Kishida"."""
    lo = head.i
    for t in reversed(list(head.lefts)):
        if t.dep_ in _MENTION_DEPS and t.i == lo - 1 or (t.dep_ in _MENTION_DEPS and t.i < lo):
            lo = min(lo, t.left_edge.i)
    hi = head.i + 1
    doc = head.doc
    if head.ent_iob_ in ("B", "I"):  # extend to the whole entity
        while hi < len(doc) and doc[hi].ent_iob_ == "I":
            hi += 1
    return doc[lo:hi]


def phrase_end(noun: Token) -> int:
    """End of a noun's phrase without its clauses: "dozens of papers [ranging from ...]",
    "a number of tax experts [who ...]"."""
    hi = noun.right_edge.i + 1
    for child in noun.children:
        if child.dep_ in ("relcl", "acl") and child.i > noun.i:
            hi = min(hi, child.left_edge.i)
    while hi - 1 > noun.i and (noun.doc[hi - 1].is_punct or noun.doc[hi - 1].is_space):
        hi -= 1
    return hi


def speaker_of(ent: Span, how: str = "entity") -> Speaker | None:
    """The actor a named entity stands for (components/actors.py resolved it), or None when it
    names no actor."""
    if ent.label_ not in ACTOR_LABELS:
        return None
    name, country, kind = ent._.canonical, ent._.country or "", ent._.actor_type
    if not name:
        if ent.label_ != "PERSON":
            return None
        name, kind = ent.text, "PERSON"
    return Speaker(ent.text, ent.start_char, ent.end_char, name, kind or ent.label_, country, how)


# -- the antecedent of a pronoun ------------------------------------------------------------
def nearest_person(head: Token, entities: Entities) -> list[Speaker]:
    """"he", "she" → the last person named before it (within a few sentences) that was the
    subject of its clause, else the last person named at all."""
    owner = relative_owner(head, entities)
    if owner:
        return owner
    window = max(0, head.sent.start - 120)
    before = [e for e in entities.before(head.i, window) if e.label_ == "PERSON"]
    for wanted in (("nsubj", "nsubjpass"), None):
        for ent in before:
            if wanted is not None and ent.root.dep_ not in wanted:
                continue
            sp = speaker_of(ent, "pronoun")
            if sp and sp.type == "PERSON":
                return [sp]
    return []


def relative_owner(head: Token, entities: Entities) -> list[Speaker]:
    """"Kishida's visit to India, where he reaffirmed ...": the subject of a relative clause on a
    phrase that a person's possessive opens is that person."""
    verb = head.head
    if head.dep_ != "nsubj" or verb.dep_ != "relcl":
        return []
    noun = verb.head
    for _ in range(4):
        for child in noun.children:
            ent = entities.at(child.i)
            if child.dep_ == "poss" and ent is not None and ent.label_ == "PERSON":
                sp = speaker_of(ent, "pronoun")
                return [sp] if sp and sp.type == "PERSON" else []
        if noun.dep_ not in ("pobj", "prep") or noun.head.i == noun.i:
            return []
        noun = noun.head
    return []


def nearest_thing(head: Token, entities: Entities) -> list[Speaker]:
    """"its" → the closest country or organisation named before it in the sentence, preferring
    subjects and possessors ("Tokyo's decision ... and its message") to objects."""
    before = entities.before(head.i, head.sent.start)
    for wanted in (("nsubj", "nsubjpass", "poss"), None):
        for ent in before:
            if wanted is not None and ent.root.dep_ not in wanted:
                continue
            sp = speaker_of(ent)
            if sp and sp.type in ("GPE", "ORG", "NORP"):
                return [sp]
    return []
