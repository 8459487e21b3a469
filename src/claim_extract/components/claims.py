"""Claims: who said what about whom, when — the attribution stage.

Reads the parse, the resolved entities (Span._.canonical/country) and Doc._.timexes; writes
Doc._.claims, a list of plain dicts, one per (claim, speaker).
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import extensions  # noqa: F401
from .guard import guarded
from ..attribution.assertions import assertion_type, content_span, is_assertion, trivial_content, worth_claiming
from ..attribution.classify import claim_type, confidence, counterpart, quote_kind, target, title_countries
from ..attribution.content import content_range
from ..attribution.cues import CueMatch, find_cues
from ..attribution.entities import Entities
from ..attribution.lexicon import Cue, lexicon
from ..attribution.mentions import Speaker, mention_span
from ..attribution.quotes import adjacent_quote, dash_attributions, doc_quotes
from ..attribution.resolve import Resolver
from ..attribution.speakers import coordinated, speaker_heads
from ..attribution.when import inner_date, said_on
from ..knowledge import KnowledgeBase
from ..knowledge.publishers import publisher_country

_KIND_ORDER = {"verb": 0, "light": 0, "noun": 1, "according": 2, "assertion": 3, "dash": 3}


@dataclass
class _Candidate:
    match: CueMatch
    speakers: list[Speaker]
    how: str
    content: Span


def _co_speakers(match: CueMatch, resolver: Resolver) -> list[Speaker]:
    """"Sullivan spoke with Akiba today to discuss X": the partner of a consultation speaks too."""
    verb = match.verb or match.token
    for _ in range(3):
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "with":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return [s for h in coordinated(obj) for s in resolver.resolve(h)]
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return []


def _inside_verb_cue(cand: _Candidate, other: _Candidate) -> bool:
    """A cue noun inside the phrase of a verb cue with the same speakers is part of that claim:
    "identified as 'serious concerns' by Japan"."""
    if cand.match.kind != "noun" or other.match.kind == "noun" or other is cand:
        return False
    verb = other.match.verb or other.match.token
    same = {s.key for s in cand.speakers} == {s.key for s in other.speakers}
    return same and any(t.i == cand.match.token.i for t in verb.subtree)


def _split_coordinated(content: Span) -> list[Span]:
    """"reiterated the United States' commitment to X, support for Y, and support for Z": a list
    of positions, each headed by a cue noun, is one claim per position."""
    root, doc = content.root, content.doc
    nouns = lexicon().nouns
    if root.pos_ != "NOUN" or root.lemma_.lower() not in nouns:
        return [content]
    heads = [root] + [c for c in root.conjuncts if c.i > root.i and c.lemma_.lower() in nouns
                      and content.start <= c.i < content.end]
    if len(heads) == 1:
        return [content]
    parts, starts = [], [content.start] + [h.left_edge.i for h in heads[1:]] + [content.end]
    for lo, hi in zip(starts, starts[1:]):
        while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].dep_ == "cc" or doc[hi - 1].is_space):
            hi -= 1
        if hi > lo:
            parts.append(doc[lo:hi])
    return parts


def _unique(speakers: list[Speaker]) -> list[Speaker]:
    seen, out = set(), []
    for s in speakers:
        if s.key not in seen:
            seen.add(s.key)
            out.append(s)
    return out


def _outside_quotes(claims: list[dict]) -> list[dict]:
    """A cue inside someone's direct quote is part of what that speaker said, not a claim of its
    own ('“He says he is proud of it.” ― Ana Ruiz'); the guidelines' nested statements, across
    sentences."""
    quotes = [(c["start_char"], c["end_char"], c["claim_id"]) for c in claims if c["quote"] == "direct"]
    if not quotes:
        return claims

    def nested(c: dict) -> bool:
        cue = c["cue_start"]
        return cue is not None and any(s <= cue < e and cid != c["claim_id"]
                                       and not (c["start_char"] <= s and e <= c["end_char"]) for s, e, cid in quotes)
    return [c for c in claims if not nested(c)]


class ClaimExtractor:
    def __init__(self, publisher_country: str = "", generic_speakers: bool = True):
        self.default_country = publisher_country
        self.generic_speakers = generic_speakers
        self.kb = KnowledgeBase.default()

    @guarded("claims")
    def __call__(self, doc: Doc) -> Doc:
        country = publisher_country(doc._.url or "") or self.default_country
        resolver = Resolver(doc, self.kb, country, self.generic_speakers)
        timexes = doc._.timexes or []
        claims: list[dict] = []
        self._quotes = doc_quotes(doc)
        self._counterparts = title_countries(doc._.title)
        sents = list(doc.sents)
        for sent_id, sent in enumerate(sents):
            for cand in self._sentence(sent, resolver):
                claims.extend(self._rows(doc, sent_id, sent, cand, timexes, resolver.entities))
        claims.extend(self._signed_quotes(doc, sents, resolver, timexes, claims))
        doc._.claims = _outside_quotes(claims)
        return doc

    def _signed_quotes(self, doc: Doc, sents: list[Span], resolver: Resolver, timexes: list[dict],
                       claims: list[dict]) -> list[dict]:
        """'“Donald Trump scares me.” ― Krystal Correa': a quote signed with a dash and a name."""
        used = {(c["start_char"], c["end_char"]) for c in claims}
        starts = [s.start for s in sents]
        rows = []
        for (lo, hi), dash, ent in dash_attributions(doc, self._quotes, resolver.entities):
            content = doc[lo:hi]
            speakers = resolver.resolve(ent.root) or ([Speaker(ent.text, ent.start_char, ent.end_char, ent.text, "PERSON", "", "unknown")]
                                                      if not ent.root.ent_type_ else [])
            if not speakers or (content.start_char, content.end_char) in used or len(content) < 3:
                continue
            ctype, stance = assertion_type(content, speakers[0].country, resolver.entities)
            match = CueMatch(doc[dash], Cue("say", "VERB", ctype, stance, False), "dash", doc[dash])
            sent_id = bisect.bisect_right(starts, dash) - 1
            rows.extend(self._rows(doc, sent_id, sents[sent_id], _Candidate(match, speakers, "subject", content), timexes,
                                   resolver.entities))
        return rows

    def _sentence(self, sent: Span, resolver: Resolver) -> list[_Candidate]:
        doc, found = sent.doc, []
        for match in sorted(find_cues(sent), key=lambda m: (_KIND_ORDER[m.kind], m.token.i)):
            heads, how = speaker_heads(match)
            outside = [h for h in heads if not any(s <= h.i < e for s, e in self._quotes)]
            heads = outside or heads  # a speaker is never one of the quoted words
            speakers = _unique([s for h in heads for s in resolver.resolve(h)])
            verbless = (not heads and match.kind == "noun" and match.token.dep_ in ("ROOT", "conj")
                        and not any(a.pos_ in ("VERB", "AUX") for a in match.token.ancestors))
            if verbless:
                # "And congratulations on a successful year ...", "Thanks to the American people.":
                # a verbless sentence in a turn or a statement is its speaker's
                speakers, how = resolver.context_speakers(match.token.idx), "turn"
            if not speakers:
                continue
            if match.cue.claim_type == "CONSULT":
                speakers = _unique(speakers + _co_speakers(match, resolver))
            exclude = {t.i for t in match.tokens}
            for h in heads:
                exclude |= {t.i for t in mention_span(h)}
            rng = None
            if match.kind == "verb":  # a direct quote next to the cue and its speaker
                rng = adjacent_quote(match.verb, heads, self._quotes)
            rng = rng or content_range(match, exclude)
            if rng is None or rng[1] <= rng[0]:
                continue
            if verbless and doc[rng[0]:rng[1]].root.pos_ not in ("NOUN", "PROPN"):
                continue  # "Thanks for being here", "Wish I did": courtesies, not positions
            for content in _split_coordinated(doc[rng[0]:rng[1]]):
                if not trivial_content(content, match.cue.claim_type, resolver.entities):
                    found.append(_Candidate(match, speakers, how, content))
        kept = []
        for cand in found:  # statements nested in another claim's content are not claims
            cue_i = cand.match.token.i
            nested = any(o is not cand and o.content.start <= cue_i < o.content.end
                         and not (cand.content.start <= o.match.token.i < cand.content.end)
                         for o in found) or any(_inside_verb_cue(cand, o) for o in found)
            duplicate = any(k.content.start == cand.content.start and k.content.end == cand.content.end
                            and {s.key for s in k.speakers} == {s.key for s in cand.speakers} for k in kept)
            if not nested and not duplicate:
                kept.append(cand)
        kept = self._before_colon(sent, kept, resolver)
        kept = self._in_context(sent, kept, resolver)
        for cand in sorted(kept, key=lambda c: c.match.token.i):
            resolver.remember(cand.speakers)
        return kept

    def _before_colon(self, sent: Span, kept: list[_Candidate], resolver: Resolver) -> list[_Candidate]:
        """"Pence: Gennifer Flowers Won't Be at Debate, Trump Was 'Mocking' Clinton Camp": outside a
        transcript turn, a speaker and a colon opening the sentence say all that follows; a cue
        after the colon is nested in that claim, not a claim of its own."""
        if kept and resolver.context(sent.root.idx) is not None:
            return kept
        colon = self._colon_attribution(sent, resolver)
        if not colon:
            return kept
        inner = colon[0].content
        return colon + [k for k in kept if not inner.start <= k.match.token.i < inner.end]

    def _colon_attribution(self, sent: Span, resolver: Resolver) -> list[_Candidate]:
        """"Pence: Gennifer Flowers Won't Be at Debate", "Poll: Clinton and Trump in dead heat":
        a name (or a source noun) and a colon open the sentence; the rest is what it says."""
        doc = sent.doc
        words = [t for t in sent[:8] if not t.is_space]
        colon = next((t for t in words if t.text == ":"), None)
        if colon is None or colon.i - sent.start < 1 or sent.end - colon.i < 4:
            return []
        head = doc[sent.start:colon.i].root
        speakers = resolver.resolve(head) if head.pos_ in ("PROPN", "NOUN") else []
        if not speakers and head.pos_ == "NOUN":  # "A lesson from Loretta Lynch: ...", "Word from the Kremlin: ..."
            source = [o for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                      for o in c.children if o.dep_ == "pobj"]
            speakers = resolver.resolve(source[0]) if source else []
        if not speakers or any(s.how == "pronoun" for s in speakers):
            return []
        lo, hi = colon.i + 1, sent.end
        while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].is_punct):
            hi -= 1
        content = doc[lo:hi]
        ctype, stance = assertion_type(content, speakers[0].country, resolver.entities)
        match = CueMatch(colon, Cue("say", "VERB", ctype, stance, False), "dash", colon)
        return [_Candidate(match, speakers, "subject", content)]

    def _in_context(self, sent: Span, kept: list[_Candidate], resolver: Resolver) -> list[_Candidate]:
        """Claims inside a transcript turn or a statement: none in a reporter's question; the
        speaker's own country speaks for the speaker ("The United States will continue to press
        ..." in Harris's turn); a sentence of substance with no cue is an assertion ("say")."""
        anchor = sent.root.idx  # after a turn's marker ("THE PRESIDENT:  We will ...")
        turn = resolver.context(anchor)
        if turn is None:
            return kept
        if turn["kind"] == "question":
            return []
        own = resolver.context_speakers(anchor)
        if not own:
            return kept
        own_keys = {s.key for s in own}
        kept = [c for c in kept if c.match.cue.lemma not in lexicon().cognition  # "Putin thought ..."
                or {s.key for s in c.speakers} & own_keys or any(s.how == "turn" for s in c.speakers)]
        if len(own) == 1:
            for cand in kept:
                if all(s.how == "entity" and s.type != "PERSON" and s.country == own[0].country for s in cand.speakers):
                    cand.speakers = own
        if kept or not is_assertion(sent):
            return kept
        content = content_span(sent)
        if len(content) < 4:
            return kept
        ctype, stance = assertion_type(content, own[0].country if len(own) == 1 else "", resolver.entities)
        joint = turn["kind"] == "joint"
        if not worth_claiming(content, ctype, joint, {s.name for s in own}, resolver.entities):
            return kept
        lemma = "state" if joint else "say"
        match = CueMatch(content.root, Cue(lemma, "VERB", ctype, stance, False), "assertion", content.root)
        return [_Candidate(match, own, "turn", content)]

    def _rows(self, doc: Doc, sent_id: int, sent: Span, cand: _Candidate, timexes: list[dict],
              entities: Entities) -> list[dict]:
        match, content = cand.match, cand.content
        if match.kind in ("assertion", "dash"):
            ctype, stance = match.cue.claim_type, match.cue.stance
        else:
            ctype, stance = claim_type(match, content)
        quote = quote_kind(match, content)
        when = said_on(match, content, timexes, doc._.published)
        date_text, date_value = inner_date(content, timexes)
        cue_tokens = match.tokens if match.kind != "assertion" else []
        key = f"{doc._.doc_id}|{content.start_char}|{content.end_char}|{match.token.idx}"
        claim_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        conf = confidence(match, cand.speakers, cand.how, quote)
        rows = []
        for sp in cand.speakers:
            tgt, tgt_country = target(content, sent, [sp], cand.speakers, ctype, entities)
            if not tgt_country and len(cand.speakers) == 1:
                tgt, tgt_country = counterpart(content, [sp], self._counterparts)
            rows.append({
                "claim_id": claim_id, "sentence_id": sent_id,
                "start_char": content.start_char, "end_char": content.end_char,
                "speaker": sp.mention, "speaker_name": sp.name, "speaker_type": sp.type,
                "speaker_country": sp.country,
                "speaker_start": sp.start_char if sp.start_char >= 0 else None,  # a turn's speaker: no span
                "speaker_end": sp.end_char if sp.start_char >= 0 else None,
                "cue": match.cue.lemma, "cue_text": " ".join(t.text for t in cue_tokens),
                "cue_start": cue_tokens[0].idx if cue_tokens else None,
                "cue_end": cue_tokens[-1].idx + len(cue_tokens[-1]) if cue_tokens else None,
                "claim_type": ctype, "stance": stance, "target": tgt, "target_country": tgt_country,
                "said_on": when, "date_text": date_text, "date_value": date_value, "quote": quote,
                "sentence_start": sent.start_char, "sentence_end": sent.end_char, "confidence": conf,
            })
        return rows


@Language.factory(
    "claim_extract_claims",
    requires=["doc.ents", "token.dep"],
    assigns=["doc._.claims"],
    default_config={"publisher_country": "", "generic_speakers": True},
)
def make_claims(nlp: Language, name: str, publisher_country: str, generic_speakers: bool) -> ClaimExtractor:
    """`publisher_country`: ISO3 of the office whose "the President" an unnamed title means when
    the document's url names no known publisher (data/publishers.tsv). `generic_speakers`: keep
    claims of unnamed sources ("a spokesman said", "a poll shows") with the mention as speaker."""
    return ClaimExtractor(publisher_country, generic_speakers)
