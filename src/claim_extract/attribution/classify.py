"""Claim type, stance, target, quote kind and confidence of one claim."""
from __future__ import annotations

import functools
import re

from spacy.tokens import Span

from ..data_files import read_lines, read_tsv
from ..knowledge import KnowledgeBase
from .cues import CueMatch
from .entities import Entities
from .lexicon import lexicon
from .mentions import Speaker

_REAFFIRM = {"reaffirm", "reiterate", "reconfirm", "affirm"}
_STATE_HEADS = {"importance", "need", "necessity", "value", "significance"}
_SUPPORT_HEADS = {"commitment", "support", "alliance", "partnership", "friendship", "solidarity", "pledge"}
_QUOTES = "\"“”«»"
_NEUTRAL_CUES = {"say", "state", "tell", "add", "identify", "describe", "note", "according to"}


def claim_type(match: CueMatch, content: Span | None) -> tuple[str, str]:
    """(claim_type, stance): the cue's defaults, turned by its modifiers and its content."""
    lex, cue = lexicon(), match.cue
    ctype, stance = cue.claim_type, cue.stance
    for child in match.token.children:  # "congratulatory message"
        if child.dep_ == "amod" and child.lower_ in lex.modifier_types:
            return lex.modifier_types[child.lower_]
    if content is None:
        return ctype, stance
    head = content.root.lemma_.lower()
    noun = lex.nouns.get(head)
    if ctype == "CONSULT" and noun is not None and any(c.dep_ == "poss" for c in content.root.children):
        # "discussed their shared concerns over X": the speakers' own position is the claim
        return noun.claim_type, noun.stance
    if cue.lemma in _REAFFIRM:
        if head in _SUPPORT_HEADS:
            return "SUPPORT", "support"
        if head in _STATE_HEADS or content.root.dep_ == "ccomp":
            return "STATE", "support"
    if cue.lemma in _NEUTRAL_CUES:
        # "identified as 'serious concerns'", "said it would defend"
        words = [t.lower_ for t in content] + [t.lower_ for c in match.token.children if c.lower_ == "as" for t in c.subtree]
        for word in words:
            if word in lex.content_types:
                return lex.content_types[word]
    if ctype in ("STATE", "CONSULT", "REQUEST", "ANNOUNCE") and (head in ("opposition", "concern", "concerns")
                                                                 or _against(content)):
        stance = "oppose"
    return ctype, stance


@functools.lru_cache(maxsize=1)
def _opposing() -> tuple[frozenset, frozenset]:
    return (frozenset(read_lines("negative_words.txt")),
            frozenset((row["word"], row["pos"]) for row in read_tsv("opposing_words.tsv")))


def _against(content: Span) -> bool:
    """A content about a threat or asking to stop one: its head, the head's subject or predicate,
    or the verb it asks for is a word of data/negative_words.txt or data/opposing_words.tsv
    ("climate change is a threat", "X to cease these actions", "any attack by X will be met ...")."""
    negative, opposing = _opposing()
    root = content.root
    for token in [root] + [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "attr", "xcomp", "acl")]:
        lemma = token.lemma_.lower()
        if lemma in negative or (lemma, token.pos_) in opposing:
            return True
    return False


def target(content: Span | None, sentence: Span, speakers: list[Speaker], all_speakers: list[Speaker],
           ctype: str, entities: Entities) -> tuple[str, str]:
    """(target name, ISO3): the first actor with a country in the content that is not a speaker of
    the claim; for a joint claim with none, the partner; for claims aimed at someone (accuse,
    support, ...) with an empty content, the first such actor in the sentence."""
    own = {s.country for s in speakers if s.country} | {s.name for s in speakers}
    everyone = {s.country for s in all_speakers if s.country} | {s.name for s in all_speakers}
    if len(all_speakers) >= 3:  # a claim of three or more parties targets none of them
        own = everyone

    def first_actor(span: Span | None, skip: set) -> tuple[str, str] | None:
        if span is None:
            return None
        for ent in entities.within(span):
            country = ent._.country
            if country and ent._.canonical and country not in skip and ent._.canonical not in skip:
                if ent.label_ in ("LOC",):
                    continue
                return ent._.canonical, country
        return None

    found = first_actor(content, own)
    if found:
        return found
    partners = [s for s in all_speakers if s.country and s.country not in own]
    principle = content is not None and content.root.lemma_.lower() in _STATE_HEADS  # "the importance of ..."
    if len(all_speakers) == 2 and partners and not principle and _about_the_two(content):
        return partners[0].name, partners[0].country
    if ctype in ("ACCUSE", "REJECT", "THREATEN", "SUPPORT"):
        found = first_actor(sentence, everyone)
        if found:
            return found
    return "", ""


def title_countries(title: str | None) -> list[tuple[str, str]]:
    """The countries a document's title names, in order, as (name, ISO3): "Statement ... on the
    Occasion of Israel's 75th Independence Day" → Israel; "Remarks by President Biden and President
    Zelenskyy of Ukraine" → Ukraine; "Chinese" names China (names and nationalities of one to four
    words; no ambiguous ones)."""
    kb = KnowledgeBase.default()
    # "... in Official Greeting | Vilnius, Lithuania": a place; "the U.S.-Lithuania Strategic Dialogue": two
    raw = [p for w in (title or "").split("|")[0].split() for p in re.split(r"(?<=[\w.])-(?=[A-Z])", w)]
    words = [w.strip(",:;()“”\"") for w in raw]
    words = [w[:-1] if w.endswith(".") and w.count(".") == 1 else w for w in words]  # not "U.S."
    found, i = [], 0
    while i < len(words):
        for n in (4, 3, 2, 1):
            text = re.sub(r"[’']s$", "", " ".join(words[i:i + n]))  # "Israel’s", "People’s Republic of China"
            actor = kb.country(text) if text[:1].isupper() and not kb.is_ambiguous(text) else None
            if actor is not None:
                # "in Port Moresby, Papua New Guinea", "in Israel": places ("at Israel's ... Reception" is a party)
                possessive = bool(re.search(r"[’']s$", words[min(i + n, len(words)) - 1]))
                place = i > 0 and (raw[i - 1].endswith(",") or raw[i - 1].lower() in ("in", "at") and not possessive)
                if not place and actor.country not in {c for _, c in found}:
                    found.append((actor.name, actor.country))
                i += n - 1
                break
        i += 1
    return found


def counterpart(content: Span | None, speakers: list[Speaker], counterparts: list[tuple[str, str]]) -> tuple[str, str]:
    """The other party of a bilateral document, for a claim of one speaker about the two or
    addressed to it ("we've continued to work together", "we will continue to stand with you",
    "a new partnership with ..."): the one country of the title that is not the speaker's."""
    own = {s.country for s in speakers}
    others = [c for c in counterparts if c[1] not in own]
    if len(others) != 1 or content is None:
        return "", ""
    if _about_the_two(content) or any(t.lower_ in ("you", "your") for t in content):
        return others[0]
    return "", ""


def _about_the_two(content: Span | None) -> bool:
    """A joint claim about the parties' own relationship or joint action ("deepen their alliance",
    "U.S.-ROK cooperation", "exchanges between the two countries", data/relation_words.txt), not
    about a principle or the world."""
    if content is None:
        return False
    words, kb = lexicon().relation_words, KnowledgeBase.default()
    lemmas = [t.lemma_.lower() for t in content]
    for i, token in enumerate(content):
        if lemmas[i] in words or token.lower_ in words or " ".join(lemmas[i:i + 2]) in words:
            return True  # "their alliance", "the two countries", "each other"
        parts = token.text.split("-")  # "U.S.-ROK", "Japan-Australia"
        if len(parts) == 2 and all(p[:1].isupper() and kb.country(p) is not None for p in parts):
            return True
    return False


def quote_kind(match: CueMatch, content: Span | None) -> str:
    if content is not None:
        text = content.text.strip()
        doc = content.doc
        before = doc[content.start - 1].text if content.start > 0 else ""
        if text[:1] in _QUOTES or before in _QUOTES or text[-1:] in _QUOTES:
            return "direct"
    return "indirect" if match.kind == "verb" else "reported"


def confidence(match: CueMatch, speakers: list[Speaker], how: str, quote: str) -> float:
    """A score that orders claims by how sure the extraction is: named speakers, direct quotes and
    verbs of saying first; pronouns, groups and parse fallbacks last."""
    score = {"subject": 0.75, "agent": 0.7, "according": 0.75, "nominal": 0.6, "left": 0.45,
             "turn": 0.55}.get(how, 0.5)
    if {s.how for s in speakers} & {"generic", "unresolved"}:
        score -= 0.25
    elif "unknown" in {s.how for s in speakers}:
        score -= 0.1
    kinds = {s.how for s in speakers}
    if kinds <= {"entity", "turn"}:
        score += 0.1
    elif "pronoun" in kinds or "group" in kinds:
        score -= 0.1
    if quote == "direct":
        score += 0.1
    return round(max(0.05, min(score, 0.99)), 2)
