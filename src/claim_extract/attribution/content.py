"""The content of a claim (the *what*): a token range in the sentence, chosen by the cue's frame."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .cues import CueMatch, colon_after, contrasted_cue, coordinated_cue, joined_cue, misattached_cue
from .lexicon import lexicon
from .quotes import doc_quotes, paragraph_break, within_quote

# complements that hold what was said, in order of preference
_CLAUSES = ("ccomp", "xcomp")
_OBJECTS = ("dobj", "attr", "oprd", "dative")
# prepositions that introduce the content of a cue ("committed to X", "concern about X")
_CONTENT_PREPS = ("to", "on", "for", "about", "over", "regarding", "of", "at", "in", "with", "that", "into")
# a verb's content through a preposition: "committed to X", "warned against X" (not "in", "at",
# "with": places, times and partners)
_VERB_PREPS = ("to", "on", "for", "about", "over", "regarding", "against", "that")
_NOUN_TAIL_PREPS = ("by", "to", "against", "in", "on", "toward", "towards", "into")
_EDGE_PUNCT = set(",;:–—-([") | {"and", "but", "or"}
_SKIP_MARKS = ("mark",)  # "that" of a that-clause


def _subtree_span(token: Token, exclude: set[int] = frozenset()) -> tuple[int, int]:
    """[start, end) token range of `token`'s subtree, stopping at excluded tokens (the cue, the
    speaker) so that a content never swallows them."""
    idx = [t.i for t in token.subtree if t.i not in exclude]
    lo, hi = token.i, token.i
    # contiguous range around the token
    members = set(idx)
    while lo - 1 in members:
        lo -= 1
    while hi + 1 in members:
        hi += 1
    return lo, hi + 1


def _trim(doc, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and (doc[lo].is_space or doc[lo].dep_ in _SKIP_MARKS and doc[lo].lower_ == "that"
                       or doc[lo].text in _EDGE_PUNCT):
        lo += 1
    while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].is_punct and doc[hi - 1].text not in ("\"", "”", "’", "'", ")")
                       or doc[hi - 1].text in _EDGE_PUNCT):
        hi -= 1
    return lo, hi


def _has_child(token: Token, dep: str, word: str) -> bool:
    """`token` has a child `word` with label `dep`: "to" of an infinitive, "that" of a clause."""
    return any(c.dep_ == dep and c.lower_ == word for c in token.children)


def _prep_object(token: Token, preps=_CONTENT_PREPS) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objs:
                return objs[0]
    return None


def _extend_with_prep(verb: Token, hi: int, exclude: set[int]) -> int:
    for child in verb.children:
        if child.dep_ == "prep" and child.i == hi and child.lower_ in ("on", "for", "regarding", "about", "over", "as", "to",
                                                                     "of", "with"):
            return _subtree_span(child, exclude)[1]
    return hi


def content_range(match: CueMatch, exclude: set[int]) -> tuple[int, int] | None:
    """Token range [start, end) of the content, or None when the cue has no content."""
    rng = _content_range(match, exclude)
    if rng is None:
        return None
    rng = (rng[0], _before_relative_claim(match.token.doc, *rng))
    lo, hi = within_quote(match.token.i, rng, doc_quotes(match.token.doc))
    return _trim(match.token.doc, lo, hi) if hi > lo else None


def _noun_of_cue_content(match: CueMatch, exclude: set[int]) -> tuple[int, int] | None:
    """A two-word cue whose second word is the verb's object noun ("make the case"): the noun with
    the phrase or clause it or the verb introduces is the content ("made [the case for X]", "make the
    case to members [that ...]"); "made their case in court" has none."""
    noun, verb, doc = match.particle, match.verb, match.token.doc
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i > noun.i:
            return _trim(doc, *_subtree_span(child, exclude))
    if any(c.i > noun.i and (c.dep_ in ("acl", "relcl") or c.dep_ == "prep" and c.lower_ in ("for", "against"))
           for c in noun.children):
        return _trim(doc, *_subtree_span(noun, exclude))
    return None


def _before_coordinated_cue(clause: Token, hi: int) -> int:
    """"said he had battled pneumonia and called it a common ailment": a verb cue without a subject
    of its own that the parser coordinated with the reported clause is the speaker's second act,
    not part of what was said; the content ends before it."""
    for conj in clause.children:
        if conj.i > clause.i and (coordinated_cue(conj) or contrasted_cue(conj) or joined_cue(conj)):
            return min(hi, conj.left_edge.i)
    return hi


def _before_misattached_cue(child: Token, hi: int) -> int:
    """"opposed any attempts to change X [and underscored Y]": a cue the parser coordinated with a
    verb inside the content is the speaker's next act (cues.misattached_cue); the content ends
    before it."""
    for tok in child.subtree:
        if tok.i > child.i and tok.dep_ == "conj" and misattached_cue(tok) is not None:
            return min(hi, tok.left_edge.i)
    return hi


def _before_relative_claim(doc, lo: int, hi: int) -> int:
    """"expressed appreciation for Kishida's visit to India[, where he reaffirmed Japan's vision
    ...]": a relative clause after a comma, inside the content, whose verb is a cue with a subject
    of its own is that subject's claim, not part of this one; the content ends before it."""
    verbs = lexicon().verbs
    for tok in doc[lo:hi]:
        if (tok.dep_ == "relcl" and lo <= tok.head.i < tok.i and tok.lemma_.lower() in verbs
                and any(c.dep_ == "nsubj" for c in tok.children) and doc[max(tok.left_edge.i - 1, 0)].text == ","
                and tok.left_edge.i > lo):
            return min(hi, tok.left_edge.i)
    return hi


def _before_relative_cue(obj: Token, hi: int) -> int:
    """"endorsed Trump, who says he is honored": a relative clause after a comma whose verb is a
    cue of its own is the object's claim, not part of the content."""
    verbs = lexicon().verbs
    for rel in obj.children:
        if (rel.dep_ == "relcl" and rel.i > obj.i and rel.lemma_.lower() in verbs
                and obj.doc[max(rel.left_edge.i - 1, 0)].text == ","):
            return min(hi, rel.left_edge.i)
    return hi


def _relative_object(verb: Token) -> Token | None:
    """The relative pronoun a cue verb has for its object, before the verb: "a blast [that] the
    mayor described as ...", "[what] analysts described as ...", "[which] the network pointed to"."""
    for child in verb.children:
        if child.dep_ in ("dobj", "pobj") and child.i < verb.i and child.tag_ in ("WDT", "WP"):
            return child
    return None


def _as_complement(verb: Token, exclude: set[int]) -> tuple[int, int] | None:
    """"... that the mayor described [as "a deliberate act"]": the phrase the cue's "as" introduces,
    which says what the speaker holds the relative clause's noun to be."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as" and prep.i > verb.i:
            obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return _subtree_span(obj, exclude)
    return None


def _after_colon(colon: Token) -> tuple[int, int] | None:
    """'The governor added: ...': what follows the colon to the end of its paragraph, or the
    next paragraph when the colon ends one."""
    doc, lo = colon.doc, colon.i + 1
    if lo < len(doc) and paragraph_break(doc[lo]):
        lo += 1
    while lo < len(doc) and doc[lo].is_space:
        lo += 1
    hi = lo
    while hi < len(doc) and not paragraph_break(doc[hi]):
        hi += 1
    lo, hi = _trim(doc, lo, hi)
    return (lo, hi) if hi > lo else None


def _content_range(match: CueMatch, exclude: set[int]) -> tuple[int, int] | None:
    doc, tok = match.token.doc, match.token
    head = None
    if match.kind == "according":
        sent, sub = tok.sent, list(tok.subtree)
        first, last = sub[0].i, sub[-1].i
        comma = next((t.i for t in doc[tok.i:last + 1] if t.text == ","), None)
        if first - sent.start <= 1 and comma is not None:
            last = comma  # "According to X, the move ...": the parser may hang the clause on X
        lo, hi = (last + 1, sent.end) if first - sent.start <= 1 else (sent.start, first)
        lo, hi = _trim(doc, lo, hi)
        return (lo, hi) if hi > lo else None
    if match.kind in ("noun", "light"):
        # "a protest with China [over the incursion]": the one it is lodged with is no content
        head = _prep_object(tok, tuple(p for p in _CONTENT_PREPS if p != "with"))
        if head is None and match.kind == "light":  # "lodged a protest with China [over the incursion]"
            head = _prep_object(match.verb, ("over", "about", "regarding", "against"))
        head = head or _prep_object(tok)
        if head is None:  # "plans to enhance", "concern that ..."
            for child in tok.children:
                infinitive = child.dep_ == "acl" and _has_child(child, "aux", "to")
                that_clause = child.dep_ in ("acl", "relcl") and _has_child(child, "mark", "that")
                if child.i > tok.i and (infinitive or that_clause or child.dep_ == "ccomp"):
                    head = child
                    break
        if head is None and match.kind == "light":  # "extend our best wishes [to the people of Israel]"
            to = [o for c in match.verb.children if c.dep_ in ("dative", "prep") and c.lower_ == "to" and c.i > tok.i
                  for o in c.children if o.dep_ == "pobj"]
            head = to[0] if to else None
        if head is None and tok.lemma_.lower() in ("criticism", "condemnation", "protest"):
            # "This strategic pivot has not gone unnoticed, drawing criticism from Beijing"
            verb = tok.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            main = verb.head if verb.dep_ in ("advcl", "xcomp", "conj") else verb
            subj = [c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")]
            head = subj[0] if subj else None
        if head is None:
            return None
        lo, hi = _subtree_span(head, exclude)
        # "concern over [troop deployments] [by the DPRK] [to Russia]": phrases the parser hung
        # on the cue noun continue its content
        following = {c.i: c for c in tok.children if c.dep_ == "prep" and c.lower_ in _NOUN_TAIL_PREPS}
        while hi in following and not exclude & {t.i for t in following[hi].subtree}:
            hi = _subtree_span(following[hi], exclude)[1]
        return _trim(doc, lo, hi)
    verb = match.verb
    if match.particle is not None and match.particle.dep_ == "dobj" and match.particle.pos_ == "NOUN":
        return _noun_of_cue_content(match, exclude)
    if match.token.i == verb.i and _relative_object(verb) is not None:
        rng = _as_complement(verb, exclude)
        if rng is not None:
            return _trim(doc, *rng)
    colon = colon_after(verb) if match.token.i == verb.i else None
    if colon is not None and not any(c.dep_ in _CLAUSES and c.i > colon.i for c in verb.children):
        return _after_colon(colon)
    if match.passive:
        subj = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
        if subj:
            return _trim(doc, *_subtree_span(subj[0], exclude))
    if match.token.i != verb.i:  # an adjective cue: "were concerned [that ...]", "is confident [of ...]"
        for child in match.token.children:
            if child.dep_ in _CLAUSES and child.i > match.token.i:
                return _trim(doc, *_subtree_span(child, exclude))
        obj = _prep_object(match.token, _CONTENT_PREPS)
        return _trim(doc, *_subtree_span(obj, exclude)) if obj is not None else None
    clause_only = match.cue.lemma in lexicon().clause_only
    if verb.pos_ == "NOUN":  # a cue verb tagged as a noun: "Trump charges [that ...]" (cues.noun_root_as_verb)
        for child in verb.children:
            if child.i > verb.i and child.dep_ in ("acl", "relcl") and _has_child(child, "mark", "that"):
                return _trim(doc, *_subtree_span(child, exclude))
    for dep in (_CLAUSES if clause_only else (*_CLAUSES, *_OBJECTS)):
        for child in verb.children:
            if child.dep_ == dep and child.i > verb.i and not (child.lower_ == "it" and match.particle is not None):
                lo, hi = _subtree_span(child, exclude)
                if dep in _CLAUSES:
                    hi = _before_coordinated_cue(child, hi)
                hi = _before_misattached_cue(child, hi)
                if dep in _OBJECTS:  # "congratulated Indonesia [on its chairmanship]"
                    hi = _before_relative_cue(child, hi)
                    hi = _extend_with_prep(verb, hi, exclude)
                    for pred in verb.children:  # "called Oz [a quack]"
                        if pred.dep_ in ("oprd", "ccomp", "xcomp") and pred.i >= hi:
                            hi = max(hi, _subtree_span(pred, exclude)[1])
                        # "branded North Korea [an outlaw nation]": the parser's second object, right after
                        elif pred.dep_ == "dobj" and pred.i >= hi and pred.left_edge.i == hi and doc[hi].pos_ == "DET":
                            hi = max(hi, _subtree_span(pred, exclude)[1])
                return _trim(doc, lo, hi)
    if clause_only:  # "tells his supporters at a rally [to go to your place and vote]"
        for child in verb.children:
            if child.dep_ == "advcl" and child.i > verb.i and _has_child(child, "aux", "to"):
                return _trim(doc, *_subtree_span(child, exclude))
        # "told a meeting of leaders [that few people understood ...]": a that-clause the parser
        # hung on the addressee as a relative clause ("that" is its conjunction, not its subject)
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i):
            for clause in obj.subtree:
                if clause.dep_ == "relcl" and _has_child(clause, "mark", "that"):
                    return _trim(doc, *_subtree_span(clause, exclude))
    particle = match.particle
    if particle is not None and particle.dep_ == "prep" and particle.lower_ not in _VERB_PREPS:
        obj = next((c for c in particle.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is not None:  # "spoke of the legacy of racism"
            return _trim(doc, *_subtree_span(obj, exclude))
    if particle is not None and particle.dep_ == "prep" and not clause_only:
        obj = next((c for c in particle.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is not None:  # "spoke to the minister about [the alliance]": the cue's own preposition
            return _trim(doc, *_subtree_span(obj, exclude))
    # "talked to DuVernay [about the issue]": the one a consultation is with or addressed to is a
    # partner, not its content
    preps = tuple(p for p in _VERB_PREPS if p != "to") if match.cue.claim_type == "CONSULT" else _VERB_PREPS
    for owner in (particle, verb) if not clause_only else ():
        obj = _prep_object(owner, preps) if owner is not None else None
        if obj is not None:
            return _trim(doc, *_subtree_span(obj, exclude))
    # "said after the convention [he would not accept ...]": a clause with its own subject and no
    # conjunction that the parser took for an adverbial clause
    for child in verb.children:
        if (child.dep_ == "advcl" and child.i > verb.i and not clause_only
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
                and not any(c.dep_ == "mark" or c.dep_ == "advmod" and c.tag_ == "WRB" for c in child.children)):
            return _trim(doc, *_subtree_span(child, exclude))
    # a quote or clause before the cue: '"...," he said'
    for child in verb.children:
        if child.dep_ in ("ccomp", "dobj") and child.i < verb.i:
            return _trim(doc, *_subtree_span(child, exclude))
    if verb.dep_ == "advcl" and _has_child(verb, "mark", "as") and verb.head.i != verb.i:
        # "..., as a Homeland Security memo put it", "As Ms. Vance said, the plan is ...": the
        # clause the as-clause hangs on (not "The yen fell as Japan announced new measures": a
        # cue with its own content has returned it above)
        lo, hi = _subtree_span(verb.head, exclude | {t.i for t in verb.subtree})
        return _trim(doc, lo, hi) if hi - lo > 2 else None
    # a parenthetical cue: "Acts of protest, Mr. Obama said, are acts of patriotism"
    # "Mr. Obama said" (clauses the parser hung on it aside), not a cue with a content of its own
    # "The difference now, he told me, is that ...": the parser may hang it on a noun; a clause
    # with a conjunction of its own ("While he acknowledged X, Ham noted Y") is no parenthetical
    clauses = {t.i for c in verb.children if c.dep_ in ("advcl", "ccomp", "parataxis") for t in c.subtree}
    small = sum(not t.is_punct and t.i not in clauses for t in verb.subtree) <= 8
    subordinate = any(c.dep_ == "mark" for c in verb.children)
    # "the things she had come to believe": an infinitive is no parenthetical
    if (verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i != verb.i and small and not subordinate
            and not _has_child(verb, "aux", "to")
            and (verb.head.pos_ in ("VERB", "AUX") or verb.dep_ == "parataxis")):
        relative = next((a for a in verb.ancestors if a.dep_ in ("relcl", "acl")), None)
        if relative is not None:  # "the stadium, which, Tompkins said, is usually full": that clause
            lo, hi = _trim(doc, *_subtree_span(relative, exclude | {t.i for t in verb.subtree}))
            return (lo, hi) if hi - lo > 2 else None
        sent = verb.sent
        lo, hi = _trim(doc, sent.start, sent.end)
        return (lo, hi) if hi - lo > len(list(verb.subtree)) + 2 else None
    return None
