"""Where the speaker of a cue is in the parse: the mention's head tokens, before resolution."""
from __future__ import annotations

from spacy.tokens import Token

from .cues import CueMatch, coordinated_cue, misattached_cue, noun_root_as_verb
from .lexicon import lexicon
from .quotes import closing_before

_SUBJECTS = ("nsubj", "csubj")
_MODIFIERS = {"amod", "compound", "poss", "nmod"}
_RELATIVE = {"who", "which", "that"}
# verbs through which a subject reaches a cue: "are poised to announce", "prepare to unveil"
_CHAIN = ("xcomp", "conj", "advcl", "ccomp")
_NAMES = ("PERSON", "ORG", "GPE", "NORP")


def coordinated(token: Token) -> list[Token]:
    """The token and its conjuncts: "Biden and Kishida" → [Biden, Kishida]."""
    return [token, *[t for t in token.conjuncts if t.i > token.i]]


def subject_of(verb: Token) -> list[Token]:
    """Subject heads of `verb`, following xcomp/conj/advcl chains up to the verb that has one."""
    seen, climbed = 0, False
    while verb is not None and seen < 6:
        seen += 1
        if coordinated_cue(verb):  # "said he had battled X and called it Y": the reporter's subject
            verb = verb.head.head
        verb = misattached_cue(verb) or verb  # "opposed attempts to change X and underscored Y"
        verb = _reporter_before(verb) or verb  # '"...," Sanders said, going on to say ...'
        issuer = issued_by(verb)
        if issuer is not None:  # "X issued a statement calling ...": the issuer's subject
            verb = issuer
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
        if not subjects and climbed:  # "After saying X, she was taken to ...": a passive main clause
            subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not subjects and noun_root_as_verb(verb):  # "The Clinton campaign plans to ...": the compound
            subjects = [c for c in verb.children if c.dep_ == "compound" and c.i == verb.i - 1]
        if subjects:
            subj = subjects[0]
            # "an architect who said ...": the relative pronoun is the mention; the resolver
            # finds the noun the clause is about
            # "Sullivan, Shin, and Akiba expressed": the parser may split a list of names into
            # several subjects or hang names on the first one
            extra = [c for s in subjects[1:] for c in coordinated(s)]
            # "Advisor Sullivan, Advisor Shin, and Advisor Akiba": the second name an appositive,
            # the third coordinated with it
            extra += [n for c in subj.children if c.dep_ in ("npadvmod", "appos") and c.ent_type_ == "PERSON"
                      for n in coordinated(c) if n.ent_type_ == "PERSON" or n.pos_ == "PROPN"]
            return sorted(set(coordinated(subj) + extra), key=lambda t: t.i)
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return coordinated(verb.head)
        prep = verb.head
        while prep.dep_ == "conj" and prep.pos_ == "ADP" and prep.head.pos_ == "ADP":
            prep = prep.head  # "for his role in X and for saying ...": the first preposition of the list
        # (the parser may also coordinate the second preposition with the verb itself)
        if verb.dep_ == "pcomp" and prep.dep_ in ("prep", "conj") and prep.head.pos_ in ("VERB", "AUX"):
            # "thanked Japan for supporting X", "accused Trump of saying X": the one thanked or accused
            doers = [c for c in prep.head.children if c.dep_ == "dobj" and c.i < prep.i] if prep.lower_ in ("for", "of") else []
            if doers:
                return coordinated(doers[0])
            verb, climbed = prep.head, True  # "began by saying ...": the verb the preposition hangs on
            continue
        if verb.dep_ not in _CHAIN or verb.head.i == verb.i:
            return []
        # an advcl or ccomp with its own missing subject takes the main clause's ("..., saying")
        verb, climbed = verb.head, verb.dep_ == "advcl" and verb.tag_ == "VBG"
    return []


def _reporter_before(verb: Token) -> Token | None:
    """'"...," Sanders said, going on to say that ...', '..., the mayor said, adding that ...': a
    participle right after a comma that follows a verb of saying with a subject continues that
    speaker's words, wherever the parser hung it."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp", "conj") or any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    doc, i = verb.doc, verb.left_edge.i - 1
    if i < 1 or doc[i].text != ",":
        return None
    said = doc[i - 1]
    if said.pos_ == "VERB" and said.lemma_.lower() in lexicon().verbs and said.head.i != verb.i \
            and any(c.dep_ in _SUBJECTS for c in said.children):
        return said
    return None


def issued_by(verb: Token) -> Token | None:
    """The verb that issued the document a participle hangs on: "issued" of "X issued a statement
    calling the test a violation"; "called" of "In a statement announcing the pick, the union called
    ..." (documents of data/document_nouns.txt); "said" of "said at a news conference announcing ..."
    (occasions of data/speech_events.txt)."""
    noun, lex = verb.head, lexicon()
    lemma = noun.lemma_.lower()
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or lemma not in lex.documents | lex.events:
        return None
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
        return noun.head
    prep = noun.head
    if noun.dep_ != "pobj" or prep.head.pos_ != "VERB":
        return None
    if prep.lower_ in ("in", "through") and prep.i < verb.i < prep.head.i:
        return prep.head
    # "said at a news conference announcing ...", "In remarks welcoming X, the President said":
    # the occasion of data/speech_events.txt where the verb's subject spoke
    if lemma in lex.events and prep.lower_ in ("at", "in", "during"):
        return prep.head
    return None


def _by_object(token: Token) -> list[Token]:
    objs = [c for c in token.children if c.dep_ == "pobj"]
    return coordinated(objs[0]) if objs else []


def agent_of(verb: Token) -> list[Token]:
    """Agents of a passive: "identified as 'serious concerns' by Japan and its allies" (also
    where the parser hangs the "by" phrase on the "as" phrase)."""
    for child in verb.children:
        if child.dep_ == "agent":
            return _by_object(child)
    if not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
        for token in prep.subtree:
            if token.lower_ == "by" and token.dep_ in ("prep", "agent"):
                return _by_object(token)
    return []


def after_quote(verb: Token, mark: int) -> list[Token]:
    """'“...,” Tulsa police Chief Chuck Jordan said Monday': the mention between a closing quote
    mark and the cue, when the parser took a word of the quote for the subject or hung the name on
    the quote. An appositive after a comma or in brackets is not the head ("Flynn, a top Trump
    surrogate, said")."""
    doc, lo = verb.doc, mark + 1
    while lo < verb.i and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    hi = lo
    while hi < verb.i and doc[hi].text not in (",", "(", "—", "–"):
        hi += 1
    if hi == lo:
        return []
    names = [t for t in doc[lo:hi] if t.ent_type_ in _NAMES and (t.i + 1 >= hi or doc[t.i + 1].ent_iob_ != "I")]
    people = [t for t in names if t.ent_type_ == "PERSON"]
    if people:  # "Tulsa police Chief Chuck Jordan": the person, not the place
        return people[:1]
    root = doc[lo:hi].root
    return [root] if root.pos_ in ("NOUN", "PROPN", "PRON") else names[:1]


def left_actors(verb: Token) -> list[Token]:
    """Fallback for a parse without a subject: the mention heads right before the verb group
    ("..., US President Joe Biden and Japanese Prime Minister Fumio Kishida are poised to")."""
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
    start = min([verb.i, *[c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]])
    doc, heads = verb.doc, []
    i = start - 1
    while i >= verb.sent.start and doc[i].text not in (",", ";", ":", "(") and doc[i].pos_ not in ("VERB", "AUX"):
        last_of_entity = i + 1 >= start or doc[i + 1].ent_iob_ != "I"
        if doc[i].ent_type_ in ("PERSON", "GPE", "NORP", "ORG") and last_of_entity and doc[i].dep_ not in _MODIFIERS:
            heads.append(doc[i])
        i -= 1
    if not heads and i == start - 1 and doc[i].text == ",":
        return _before_apposition(verb, i)
    return sorted(heads, key=lambda t: t.i)


def _before_apposition(verb: Token, comma: int) -> list[Token]:
    """"Roy Cooper (D), the governor's opponent in the race, called Friday for ...": a name, then an
    appositive between commas right before the verb; nothing but nouns, adjectives and
    prepositions between (no verb, no second clause)."""
    doc, i = verb.doc, comma - 1
    while i > verb.sent.start and doc[i].text != "," and verb.i - i < 20:
        if doc[i].pos_ in ("VERB", "AUX") or doc[i].text in (";", ":"):
            return []
        i -= 1
    if doc[i].text != ",":
        return []
    j = i - 1
    if doc[j].text == ")":  # "Roy Cooper (D),"
        while j > verb.sent.start and doc[j].text != "(":
            j -= 1
        j -= 1
    name = doc[j]
    if name.ent_type_ == "PERSON" and (j + 1 >= len(doc) or doc[j + 1].ent_iob_ != "I"):
        return [name]
    return []


def nominal_speaker(noun: Token) -> list[Token]:
    """Speaker of a nominal cue: "Japan's commitment", "criticism from Beijing", "their concerns"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return coordinated(child)
    # "criticism from Beijing", and "drew criticism from Beijing" where the parser hangs the
    # source on the verb
    owners = [noun] + ([noun.head] if noun.dep_ == "dobj" else [])
    for owner in owners:
        for child in owner.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by") and child.i > noun.i:
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return coordinated(objs[0])
    # "a New York Times report that ...", "a Kremlin proposal", "Chinese criticism": a name or a
    # nationality before the noun (not "the Paris agreement": data/unowned_cue_nouns.txt)
    if noun.lemma_.lower() not in lexicon().unowned_nouns:
        for child in noun.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i and child.ent_type_ in _NAMES:
                return coordinated(child)
    # "Japan's commitment to X, coupled with plans to Y": the possessor of a governing cue noun
    head, steps = noun.head, 0
    while head.i != head.head.i and steps < 4:
        steps += 1
        for child in head.children:
            if child.dep_ == "poss" and head.pos_ == "NOUN":
                return coordinated(child)
        head = head.head
    return []


def speaker_heads(match: CueMatch) -> tuple[list[Token], str]:
    """(speaker head tokens, how they were found)."""
    if match.kind == "according":
        to = next(c for c in match.token.children if c.lower_ == "to")
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if objs and objs[0].lemma_.lower() in lexicon().documents:  # "according to a statement from the ministry"
            source = [o for c in objs[0].children if c.dep_ == "prep" and c.lower_ in ("from", "by", "in")
                      for o in c.children if o.dep_ == "pobj"]
            if source:
                return source[:1], "according"
        return (coordinated(objs[0]) if objs else []), "according"
    if match.kind == "noun":
        return nominal_speaker(match.token), "nominal"
    verb = match.verb
    agents = agent_of(verb)
    if agents:
        match.passive = True
        return agents, "agent"
    heads = subject_of(verb)
    mark = closing_before(verb)
    quoted = after_quote(verb, mark) if mark is not None else []
    if quoted:
        # the parser's subject is a word of the quote, or a place in the speaker's title
        between = [h for h in heads if mark < h.i < verb.i]
        if not between or quoted[0].ent_type_ == "PERSON" and not any(h.ent_type_ == "PERSON" for h in between):
            heads = quoted
    if heads:
        return heads, "subject"
    return left_actors(verb), "left"
