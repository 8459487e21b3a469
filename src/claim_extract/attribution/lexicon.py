"""The cue lexicon (data/cues.tsv) and the word lists that refine claim types and speakers."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..data_files import read_lines, read_tsv


@dataclass(frozen=True)
class Cue:
    lemma: str  # "say", "call on", "commitment"
    pos: str  # VERB, NOUN, ADJ
    claim_type: str
    stance: str
    light: bool  # a light verb whose object noun is the real cue ("expressed concern")


@dataclass(frozen=True)
class Lexicon:
    verbs: dict  # lemma -> Cue (single words)
    phrases: dict  # first word lemma -> {second word: Cue} ("call" -> {"on": Cue})
    nouns: dict
    adjectives: dict
    modifier_types: dict  # "congratulatory" -> (type, stance)
    content_types: dict  # "will" -> (type, stance)
    group_heads: frozenset  # "leader", "official": "the two leaders" speaks for the participants
    exclusions: dict  # cue lemma -> object lemmas that make it no cue ("launch" a "war")
    source_nouns: dict  # "spokesman" -> "PERSON": unnamed sources ("a spokesman said")
    cognition: frozenset  # "think", "hope": cues of thought (data/cognition_cues.txt)
    not_speakers: frozenset  # "compact", "strategy": named things that never speak
    clause_only: frozenset  # "find", "tell": cues whose content is a clause or quote, not an object
    non_cues: frozenset  # "ensure", "mean": verbs with that-clauses that attribute nothing
    source_suffixes: tuple  # ("er", "PERSON", {"paper", ...}): "the businessman", "observers"
    colon_cues: frozenset = frozenset()  # "continue": cues only before a colon ("Caddell continued: ...")
    documents: frozenset = frozenset()  # "statement", "letter": "X issued a statement calling ..."
    quantity_nouns: frozenset = frozenset()  # "number", "dozens": "a number of senators said ..."
    events: frozenset = frozenset()  # "conference", "speech": "said at a news conference announcing ..."
    relation_words: frozenset = frozenset()  # "alliance", "ties": a joint claim about the two parties
    unowned_nouns: frozenset = frozenset()  # "agreement": "the Paris agreement" is no one's claim
    counted_groups: frozenset = frozenset()  # "country": "both countries" (with a number only)

    def source_type(self, lemma: str) -> str | None:
        """The type of an unnamed source by its head noun: listed, or by an agentive ending."""
        if lemma in self.source_nouns:
            return self.source_nouns[lemma]
        if lemma in self.not_speakers or lemma.endswith("ment"):
            return None
        for suffix, kind, exceptions in self.source_suffixes:
            if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2 and lemma not in exceptions:
                return kind
        return None


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    verbs, phrases, nouns, adjectives = {}, {}, {}, {}
    for row in read_tsv("cues.tsv"):
        cue = Cue(row["cue"], row["pos"], row["claim_type"], row["stance"], row["light"] == "1")
        words = cue.lemma.split()
        if len(words) == 2:
            phrases.setdefault(words[0], {})[words[1]] = cue
        elif cue.pos == "VERB":
            verbs[cue.lemma] = cue
        elif cue.pos == "NOUN":
            nouns[cue.lemma] = cue
        else:
            adjectives[cue.lemma] = cue
    modifier_types, content_types = {}, {}
    for row in read_tsv("type_words.tsv"):
        table = modifier_types if row["where"] == "modifier" else content_types
        table[row["word"]] = (row["claim_type"], row["stance"])
    groups = frozenset(row["head"] for row in read_tsv("speaker_groups.tsv"))
    counted = frozenset(row["head"] for row in read_tsv("speaker_groups.tsv") if row["kind"] == "counted")
    exclusions = {row["cue"]: frozenset(row["objects"].split("|")) for row in read_tsv("cue_exclusions.tsv")}
    sources = {row["noun"]: row["type"] for row in read_tsv("source_nouns.tsv")}
    suffixes = tuple((row["suffix"], row["type"], frozenset(filter(None, (row["except"] or "").split("|"))))
                     for row in read_tsv("source_suffixes.tsv"))
    return Lexicon(verbs, phrases, nouns, adjectives, modifier_types, content_types, groups, exclusions, sources,
                   frozenset(read_lines("cognition_cues.txt")), frozenset(read_lines("not_speakers.txt")),
                   frozenset(read_lines("clause_only_cues.txt")), frozenset(read_lines("non_cue_verbs.txt")), suffixes,
                   frozenset(read_lines("colon_cues.txt")), frozenset(read_lines("document_nouns.txt")),
                   frozenset(read_lines("quantity_nouns.txt")), frozenset(read_lines("speech_events.txt")),
                   frozenset(read_lines("relation_words.txt")), frozenset(read_lines("unowned_cue_nouns.txt")),
                   counted)
