"""Finding attribution cues in a parsed sentence."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..data_files import read_lines
from .lexicon import Cue, lexicon
from .quotes import closing_before

# dependency labels of a verb that is not itself a predicate of saying ("the announced plan")
_NOT_PREDICATE = {"amod", "compound", "nmod", "poss"}
# objects through which a light verb names the real cue ("expressed concern", "made clear")
_LIGHT_OBJECTS = {"dobj", "attr", "oprd", "ccomp", "acomp"}


@dataclass
class CueMatch:
    token: Token  # the word that carries the cue (the verb, the noun)
    cue: Cue
    kind: str  # "verb", "noun", "light" (light verb + cue noun), "according"
    verb: Token | None = None  # the clause's verb (the light verb for "light"; else the cue verb)
    particle: Token | None = None  # the second word of a two-word cue ("on" of "call on")
    passive: bool = False  # the speaker is the agent of a passive ("identified ... by Japan")

    @property
    def tokens(self) -> list[Token]:
        extra = [self.verb] if self.verb is not None and self.verb is not self.token else []
        return sorted([self.token, *extra], key=lambda t: t.i)


def _phrase_cue(token: Token) -> tuple[Cue, Token] | None:
    """Two-word verb cues: "call on", "call for", "look forward", "make clear", "count on"."""
    options = lexicon().phrases.get(token.lemma_.lower())
    if not options:
        return None
    for child in token.children:
        if child.lower_ in options and child.dep_ in ("prep", "prt", "advmod", "acomp", "oprd", "ccomp", "dobj"):
            if child.dep_ == "prep" and any(o.ent_type_ in ("DATE", "TIME") for o in child.children):
                continue  # "called an emergency meeting on Tuesday"
            return options[child.lower_], child
    return None


def _light_cue(verb: Token) -> Token | None:
    """The cue noun of a light verb: "expressed [strong support]", "made [clear]"."""
    lex = lexicon()
    for child in verb.children:
        if child.dep_ in _LIGHT_OBJECTS and child.lemma_.lower() in lex.nouns:
            return child
    return None


def _clause_frame(verb: Token, lemma: str) -> Cue | None:
    """A verb outside the lexicon that takes a that-clause after a named subject is a cue too:
    "Trump insisted that ...", "Clinton contended that ..." (STATE, content the clause)."""
    lex = lexicon()
    if lemma in lex.non_cues or verb.pos_ != "VERB":
        return None
    subject = any(c.dep_ == "nsubj" and (c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or c.lower_ in ("he", "she", "they"))
                  for c in verb.children)
    clause = any(c.dep_ == "ccomp" and c.i > verb.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                 for c in verb.children)
    return Cue(lemma, "VERB", "STATE", "support", False) if subject and clause else None


def colon_after(verb: Token) -> Token | None:
    """The colon that follows a verb of saying, with at most an adverbial between ("added:",
    "said Monday:", "wrote in a statement:"); None when a verb, a quote or other punctuation comes
    first."""
    for tok in verb.doc[verb.i + 1:min(verb.i + 8, verb.sent.end + 1)]:
        if tok.text == ":":
            return tok
        if tok.pos_ in ("VERB", "AUX", "PUNCT") or tok.is_space or tok.is_quote:
            return None
    return None


def coordinated_cue(verb: Token) -> bool:
    """"said he had battled pneumonia and called it a common ailment": a verb cue without a subject
    that the parser coordinated with the clause a reporting cue reports is the reporter's second
    act (content.py ends the first content before it; speakers.py gives it the reporter)."""
    verbs = lexicon().verbs
    lemma, clause = verb.lemma_.lower(), verb.head
    finite = verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBZ", "VBP")
    # "said X has contributed to Y, citing Z": a participle after a comma
    participle = verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.doc[max(verb.left_edge.i - 1, 0)].text == ","
    return ((finite or participle) and lemma in verbs and not verbs[lemma].light
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
            and clause.dep_ in ("ccomp", "xcomp") and clause.head.lemma_.lower() in verbs)


def misattached_cue(verb: Token) -> Token | None:
    """"opposed any attempts to change the status quo and underscored their commitment to X": a
    finite cue verb without a subject that the parser coordinated with an infinitive or participle
    inside another claim's content belongs to the nearest verb above of the same tense that has a
    subject ("opposed"); returns that verb, or None."""
    lemma, head = verb.lemma_.lower(), verb.head
    verbs = lexicon().verbs
    if (verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBZ") or lemma not in verbs or verbs[lemma].light
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
            or head.tag_ not in ("VB", "VBG") or not (_has_to(head) or head.dep_ in ("acl", "pcomp"))):
        return None
    up = head.head
    for _ in range(6):
        if up.tag_ == verb.tag_ and any(c.dep_ in ("nsubj", "nsubjpass") for c in up.children):
            return up
        if up.i == up.head.i:
            return None
        up = up.head
    return None


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def joined_cue(verb: Token) -> bool:
    """"The mayor said the curfew would end, and the police chief said officers would stay": a cue
    with its own subject that the parser coordinated, after a comma and "and"/"but", with the clause
    another cue reports is a claim of its own, not part of that clause ("said that X and that Moscow
    claimed Y", with its "that", stays inside)."""
    verbs, doc = lexicon().verbs, verb.doc
    lemma = verb.lemma_.lower()
    if (verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBZ", "VBP") or lemma not in verbs or verbs[lemma].light
            or verb.head.dep_ not in ("ccomp", "xcomp") or verb.head.head.lemma_.lower() not in verbs):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children):
        return False
    if any(c.dep_ == "mark" for c in verb.children):
        return False
    i = verb.left_edge.i - 1
    while i > verb.head.i and doc[i].lower_ in ("and", "but"):
        i -= 1
    return i < verb.left_edge.i - 1 and doc[i].text in (",", ";")


def contrasted_cue(verb: Token) -> bool:
    """"said X, though she noted Y": a cue with its own subject in a concessive clause after a comma
    is a claim of its own, not part of X."""
    doc = verb.doc
    marks = [c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("though", "although", "while", "but")]
    return (verb.dep_ == "advcl" and verb.lemma_.lower() in lexicon().verbs and bool(marks)
            and any(c.dep_ == "nsubj" for c in verb.children) and doc[max(marks[0].i - 1, 0)].text == ",")


def _colon_frame(verb: Token, lemma: str) -> Cue | None:
    """"Caddell continued: ...", '“...,” she continued.': a verb listed in data/colon_cues.txt, with
    a subject, before a colon or right after a closing quote mark."""
    if lemma not in lexicon().colon_cues or colon_after(verb) is None and closing_before(verb) is None:
        return None
    return Cue(lemma, "VERB", "STATE", "support", False) if any(c.dep_ == "nsubj" for c in verb.children) else None


def _excluded(verb: Token, lemma: str) -> bool:
    """"launched a war", "committed suicide", "did not respond to requests for comment": the
    object makes the verb no cue (data/cue_exclusions.tsv)."""
    excluded = lexicon().exclusions.get(lemma)
    if not excluded or any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in verb.children):
        return False  # "called her vote a mistake"
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return any(o.lemma_.lower() in excluded for o in objects)


def _verb_lemma(token: Token) -> str:
    """The lemma of a verb, corrected where the lemmatizer took an inflection for another word
    ("hopes" → "hop", "rated" → "rat"): the form with its ending removed that the lexicon lists."""
    lemma, verbs, lower = token.lemma_.lower(), lexicon().verbs, token.lower_
    if lemma in verbs:
        return lemma
    endings = {"VBZ": ("s",), "VBD": ("d",), "VBN": ("d",), "VBG": ("ing",)}.get(token.tag_, ())
    for end in endings:
        if lower.endswith(end):
            stem = lower[: -len(end)]
            for form in (stem, stem + "e"):
                if form.startswith(lemma) and form != lemma and form in verbs:
                    return form
    return lemma


def _noun_as_verb(token: Token) -> bool:
    """"Trump claims that he should be the exception": a cue the tagger took for a plural noun,
    with a subject and a that-clause of its own."""
    return (token.tag_ == "NNS" and token.lemma_.lower() in lexicon().verbs
            and any(c.dep_ == "nsubj" for c in token.children)
            and any(c.dep_ == "ccomp" and c.i > token.i for c in token.children))


def noun_root_as_verb(token: Token) -> bool:
    """"The Clinton campaign plans to employ ...", "Trump charges that ...": a cue verb the tagger
    took for a plural noun heading the sentence, its subject right before it (often hung on it as a
    compound) and a clause after it (an infinitive, a complement, a that-clause)."""
    if token.tag_ != "NNS" or token.dep_ != "ROOT" or token.lemma_.lower() not in lexicon().verbs:
        return False
    if not any(c.dep_ in ("compound", "nsubj") and c.i == token.i - 1 for c in token.children):
        return False
    return any(c.i > token.i and (c.dep_ == "ccomp" or c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                                  or c.dep_ in ("acl", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))
               for c in token.children)


def _wraps_cue(verb: Token, lemma: str) -> bool:
    """"I want to thank X for Y", "I wish to express my condolences": a verb of
    data/wrapper_cues.txt whose infinitive is a cue verb itself (not one of thought, not a light verb
    without its cue noun); the inner cue makes the claim."""
    lex = lexicon()
    if lemma not in _wrappers():
        return False
    for c in verb.children:
        inner = lex.verbs.get(c.lemma_.lower()) if c.dep_ == "xcomp" and _has_to(c) else None
        if inner is None or inner.lemma in lex.cognition:  # "wants to know": no position of its own
            continue
        if not inner.light or _light_cue(c) is not None:  # "to extend six weeks of leave": no cue
            return True
    return False


@functools.lru_cache(maxsize=1)
def _wrappers() -> frozenset:
    return frozenset(read_lines("wrapper_cues.txt"))


def find_cues(sent: Span) -> list[CueMatch]:
    lex = lexicon()
    found: list[CueMatch] = []
    for token in sent:
        lemma = _verb_lemma(token) if token.pos_ == "VERB" else token.lemma_.lower()
        if _noun_as_verb(token) or noun_root_as_verb(token):
            found.append(CueMatch(token, lex.verbs[lemma], "verb", token))
            continue
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            found.append(CueMatch(token, lex.phrases["according"]["to"], "according", None))
        elif token.dep_ == "acomp" and token.lower_ in lex.adjectives:  # "were concerned that", "is confident"
            found.append(CueMatch(token, lex.adjectives[token.lower_], "verb", token.head))
        elif token.pos_ in ("VERB", "AUX") and token.dep_ not in _NOT_PREDICATE:
            if _excluded(token, lemma):
                continue
            phrase = _phrase_cue(token)
            if phrase is not None:
                found.append(CueMatch(token, phrase[0], "verb", token, phrase[1]))
                continue
            cue = lex.verbs.get(lemma) or _clause_frame(token, lemma) or _colon_frame(token, lemma)
            if cue is None or _wraps_cue(token, lemma):
                continue
            if cue.light:
                noun = _light_cue(token)
                if noun is not None:
                    found.append(CueMatch(noun, lex.nouns[noun.lemma_.lower()], "light", token))
                continue
            found.append(CueMatch(token, cue, "verb", token))
        elif token.pos_ in ("NOUN", "PROPN") and lemma in lex.nouns and token.ent_type_ == "":
            head = token.head
            if head.lemma_.lower() in lex.verbs and lex.verbs[head.lemma_.lower()].light and token.dep_ in _LIGHT_OBJECTS:
                continue  # found as the object of its light verb
            found.append(CueMatch(token, lex.nouns[lemma], "noun", None))
    return found
