"""Assertions without a cue word: in a transcript turn or a statement, what the speaker asserts
counts as a claim with the cue "say" (or "state" in a joint statement) — GUIDELINES.md,
"Speakers in official texts". Courtesies, greetings, questions and procedure are not claims."""
from __future__ import annotations

import functools

from spacy.tokens import Span

from ..data_files import read_lines
from .entities import Entities

_LEADING = {"and", "so", "well", "but", "now", "also", "again", "look", "folks", "colleagues", "because"}
_FUTURE = {"will", "'ll", "’ll", "shall", "going"}
_FIRST = {"i", "we", "us", "our", "my"}


def courtesies() -> tuple[str, ...]:
    return read_lines("courtesies.txt")


@functools.lru_cache(maxsize=1)
def negative_words() -> frozenset:
    return frozenset(read_lines("negative_words.txt"))


@functools.lru_cache(maxsize=1)
def commitment_words() -> frozenset:
    return frozenset(read_lines("commitment_words.txt"))


@functools.lru_cache(maxsize=1)
def courtesy_contents() -> tuple[str, ...]:
    return read_lines("courtesy_contents.txt")


def _opening(sent: Span) -> str:
    words = [t.lower_ for t in sent if not t.is_space and not t.is_punct]
    while words and words[0] in _LEADING:
        words = words[1:]
    return " ".join(words)


def is_assertion(sent: Span) -> bool:
    """A sentence of substance: a finite clause of six words or more, not a question, not a
    courtesy."""
    words = [t for t in sent if t.is_alpha]
    if len(words) < 6 or sent.text.rstrip().endswith("?"):
        return False
    if not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return False
    opening = _opening(sent)
    return not any(opening.startswith(c) for c in courtesies())


def content_span(sent: Span) -> Span:
    """The sentence from its main clause on: "And, Mr. President, the American people ..." →
    "the American people ..."; leading conjunctions, vocatives and discourse words dropped."""
    root = sent.root
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")]
    start = subj[0].left_edge.i if subj else sent.start
    while start < root.i and (sent.doc[start].is_punct or sent.doc[start].is_space or sent.doc[start].lower_ in _LEADING):
        start += 1
    end = sent.end
    while end > start + 1 and (sent.doc[end - 1].is_punct or sent.doc[end - 1].is_space):
        end -= 1
    return sent.doc[start:end]


def _committing(root) -> bool:
    """"we are committed to X", "The United States has an enduring commitment to X": the main
    predicate, its adjective or its object is a word of data/commitment_words.txt."""
    words = commitment_words()
    return any(w.lemma_.lower() in words or w.lower_ in words
               for w in [root] + [c for c in root.children if c.dep_ in ("acomp", "dobj", "attr")])


def assertion_type(content: Span, own_country: str, entities: Entities) -> tuple[str, str]:
    """COMMIT for our own future action ("we will continue to provide ..."), ACCUSE when it
    blames another actor ("Russia is bombing grain silos"), else STATE; with the stance."""
    root = content.root
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    subj_words = {t.lower_ for s in subj for t in s.subtree}
    ents = entities.within(content)
    subj_countries = {e._.country for e in ents if e._.country and subj and e.root.i in {t.i for s in subj for t in s.subtree}}
    future = any(t.lower_ in _FUTURE for t in root.children if t.dep_ in ("aux", "auxpass")) or \
        any(t.lemma_ == "continue" for t in content)
    ours = bool(subj_words & _FIRST) or (own_country and own_country in subj_countries)
    if ours and (future or _committing(root)):
        return "COMMIT", "support"
    lemmas = {t.lemma_.lower() for t in content} | {t.lower_ for t in content}
    foreign = any(e._.country and e._.country != own_country for e in ents)
    if foreign and lemmas & negative_words():
        return "ACCUSE", "oppose"
    return "STATE", "support"


_PLURAL_FIRST = {"we", "our", "us", "ours"}


def worth_claiming(content: Span, ctype: str, joint: bool, signatories: set[str], entities: Entities) -> bool:
    """Which uncued assertions are claims: our own commitments, accusations of another actor,
    and statements whose subject is "we" or a country or organisation ("ASEAN is at the center
    of ..."); not what one person feels or saw ("I've never seen so much courage", "He thought
    ..."). In a joint statement only "we" and the signatories speak."""
    if ctype in ("COMMIT", "ACCUSE") and not joint:
        return True
    subj = [c for c in content.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    tokens = {t.i for s in subj for t in s.subtree}
    words = {content.doc[i].lower_ for i in tokens}
    if words & _PLURAL_FIRST:
        return True
    # a country, or an organisation the knowledge base knows ("ASEAN is at the center of ...")
    actors = [e for e in entities.within(content) if e.root.i in tokens and e._.actor_type != "PERSON"
              and (e._.country or e._.canonical and e._.actor_type)]
    if joint:
        return any(e._.canonical in signatories for e in actors)
    return bool(actors)


def trivial_content(content: Span, ctype: str, entities: Entities) -> bool:
    """A content that states nothing: a pronoun ("thank you"), or a bare name where the cue needs
    a proposition ("discussed ... President Zelenskyy", "made clear at the U.N.")."""
    words = [t for t in content if t.is_alpha]
    if not words or all(t.pos_ in ("PRON", "DET") for t in words):
        return True
    lower = " ".join(t.lower_ for t in content)
    if len(words) <= 8 and any(phrase in lower for phrase in courtesy_contents()):
        return True  # "you all for being here"
    if all(t.ent_type_ in ("DATE", "TIME") or t.pos_ in ("DET", "ADP") for t in words):
        return True  # "his remarks Saturday"
    if ctype in ("STATE", "CONSULT", "COMMIT", "ANNOUNCE"):
        ents = [e for e in entities.within(content) if e.label_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")]
        named = {t.i for e in ents for t in e}
        if named and all(t.i in named or t.pos_ == "DET" for t in words):
            return True
    return False
