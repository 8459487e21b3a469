"""From a speaker mention in the parse to canonical actors: named entities, titles ("the
President"), groups ("the two leaders"), pronouns ("she", "their") and metonyms ("Beijing").

The Resolver of one document: what needs the knowledge base, the turns and the memory of who
spoke last. The Speaker record and what the parse and entities alone give are in mentions.py."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..knowledge import KnowledgeBase
from .entities import Entities, name_word
from .lexicon import lexicon
from .mentions import (ACTOR_LABELS, Speaker, mention_span, nearest_person, nearest_thing, phrase_end,
                       speaker_of)

__all__ = ["Resolver", "Speaker", "mention_span"]  # Speaker and mention_span: from mentions.py

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_GROUP_PRONOUNS = {"they", "them", "their", "we", "our", "us", "both", "theirs"}
_THING_PRONOUNS = {"it", "its"}
_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_VOCATIVE = {"mr.", "mr", "madam", "madame", "mrs.", "ms.", "sir"}
_RELATIVE = {"who", "which", "that", "whom"}
_QUANTIFIERS = {"many", "most", "some", "several", "few", "others", "half", "all"}
_FIRST_PERSON = {"i", "me", "my", "we", "our", "us", "myself", "ourselves"}
_NOT_PARTICIPANTS = {"some", "several", "many", "few", "a", "other", "his", "her", "their", "its", "your"}


class Resolver:
    """Resolves the speakers of one document, remembering who spoke last (for pronouns)."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, publisher_country: str = "", generic: bool = True):
        self.doc, self.kb, self.generic = doc, kb, generic
        self.on = doc._.published
        self.publisher_country = publisher_country
        self.last_person: list[Speaker] = []
        self.last_group: list[Speaker] = []
        self.last_thing: list[Speaker] = []
        self._participants: list[Speaker] | None = None
        self.turns = doc._.turns or []
        self.entities = Entities(doc)
        self._surnames: dict | None = None

    def context(self, char: int) -> dict | None:
        """The transcript turn or statement that `char` lies in (components/turns.py)."""
        for turn in self.turns:
            if turn["start_char"] <= char < turn["end_char"]:
                return turn
        return None

    def context_speakers(self, char: int) -> list[Speaker]:
        turn = self.context(char)
        return [Speaker(s["mention"], -1, -1, s["name"], s["type"], s["country"], "turn")
                for s in (turn["speakers"] if turn else [])]

    def participants(self) -> list[Speaker]:
        """The people a readout or joint statement is about: the first distinct persons named."""
        if self._participants is None:
            found: dict[str, Speaker] = {}
            for limit in (2, 6):
                for i, sent in enumerate(self.doc.sents):
                    if i >= limit:
                        break
                    for ent in self.entities.within(sent):
                        sp = speaker_of(ent, "group")
                        if sp and sp.type == "PERSON" and sp.name not in found:
                            found[sp.name] = sp
                if len(found) >= 2:
                    break
            self._participants = list(found.values())[:8]
        return self._participants

    # -- one mention ------------------------------------------------------------------------
    def resolve(self, head: Token) -> list[Speaker]:
        span = mention_span(head)
        ent = self.entities.at(head.i)
        if ent is not None:
            sp = speaker_of(ent)
            if sp:
                return [sp]
            # an entity the knowledge base does not know ("National Security Advisors Sullivan",
            # "The National Security Advisors"): a known person by the head word, else a group or title
            actor = self.kb.person(head.text, self.on) if head.pos_ == "PROPN" else None
            if actor is not None:
                return [Speaker(ent.text, ent.start_char, ent.end_char, actor.name, actor.type, actor.country, "entity")]
        lower = head.lower_
        if lower in _RELATIVE:  # "Kishida, who reaffirmed ...": the noun the clause is about
            if head.head.dep_ != "relcl" or head.head.head.i == head.i:
                return []
            return [s.at(head) for s in self.resolve(head.head.head)]
        quantity = lower in lexicon().quantity_nouns  # "a number of senators", "dozens of papers"
        if lower in _QUANTIFIERS or quantity:  # "many of his supporters", "most of the voters", "others"
            of = [o for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
            found = self.resolve(of[0]) if of and of[0].pos_ != "PRON" else []
            if found:
                whole = self.doc[head.left_edge.i:phrase_end(of[0])]
                return [replace(s.at(whole), name=whole.text) if s.how == "generic" else s.at(whole) for s in found]
            if quantity:
                return []
            if self.generic and head.dep_ in ("nsubj", "nsubjpass") and (lower != "some" or not of):
                return [Speaker(span.text, span.start_char, span.end_char, span.text, "PERSON", "", "generic")]
            return []
        if lower in ("you", "your", "yourself", "yourselves"):  # the one addressed does not speak here
            return []
        if head.pos_ == "PRON" or lower in _PERSON_PRONOUNS | _GROUP_PRONOUNS | _THING_PRONOUNS | _FIRST_PERSON:
            return self._pronoun(head)
        inner = [e for e in self.entities.within(span) if e.label_ in ACTOR_LABELS]
        if head.lemma_.lower() in lexicon().group_heads or head.lower_.removesuffix("s") in lexicon().group_heads:
            group = self._group(span, head)
            if group:
                return group
        if span[0].lower_ in _VOCATIVE:  # "Mr. President, ..." addresses someone; it does not speak
            return []
        if lexicon().source_type(head.lemma_.lower()):
            owned = self._office_of(head, span, preps=())  # "Taiwan's defense ministry"
            if owned:
                return owned
        indefinite = span[0].lower_ in ("a", "an", "another", "one", "some", "several")
        title = None if indefinite else self._title(span)  # "a spokesman" is nobody in particular
        if title:
            return [title]
        if inner:  # "Japanese officials", "the Chinese side"
            sp = speaker_of(inner[-1])
            if sp and sp.type != "PERSON":
                return [sp.at(span, "entity")]
        if ent is not None and ent.label_ in ("PERSON", "ORG", "NORP") and ent.root.lemma_.lower() not in lexicon().not_speakers:
            # a name the knowledge base lacks
            name = ent.text.removesuffix("'s").removesuffix("’s")
            kind = "PERSON" if ent.label_ == "PERSON" else ("NORP" if ent.label_ == "NORP" else "ORG")
            return [Speaker(ent.text, ent.start_char, ent.end_char, name, kind, ent._.country or "", "unknown")]
        acronym = head.is_upper and head.is_alpha and 2 <= len(head) <= 6  # "CNS reported Monday that ..."
        if (head.pos_ == "PROPN" and (name_word(head) or acronym) and head.dep_ in ("nsubj", "nsubjpass", "pobj")
                and head.lower_ not in lexicon().not_speakers):
            # a name the entity recognizer missed ("Stumpf said on Tuesday that ...")
            kind = "ORG" if acronym else "PERSON"
            return [Speaker(span.text, span.start_char, span.end_char, span.text, kind, "", "unknown")]
        person = self._surname(head)
        if person:
            return person
        named = self._named_before(span, head)
        if named:
            return named
        if self.generic and head.pos_ in ("NOUN", "PROPN"):  # "a spokesman", "the campaign", "a poll"
            kind = lexicon().source_type(head.lemma_.lower())
            if kind is None:  # "the state attorney general": a title's first word names the source
                kind = next((k for c in head.children if c.dep_ == "compound" and c.i < head.i
                             for k in [lexicon().source_type(c.lemma_.lower())] if k), None)
            if kind is None and any(c.dep_ == "relcl" and any(w.lower_ == "who" and w.dep_ == "nsubj" for w in c.children)
                                    for c in head.children):
                kind = "PERSON"  # "an architect who said ..."
            if kind:
                office = self._office_of(head, span)
                if office:  # "a spokesman for the Chinese Foreign Ministry": China speaks
                    return office
                named = [o for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == span.end
                         for o in c.children if o.dep_ == "pobj" and o.ent_type_]
                if named:  # "the city of Phoenix"
                    span = self.doc[span.start:named[0].right_edge.i + 1]
                return [Speaker(span.text, span.start_char, span.end_char, span.text, kind, "", "generic")]
        return []

    def _office_of(self, head: Token, span: Span, preps: tuple = ("for", "at")) -> list[Speaker]:
        """"A spokesman for the Chinese Foreign Ministry", "an official at the State Department",
        "Taiwan's defense ministry": an unnamed source of a government or organisation speaks for it
        (GUIDELINES.md)."""
        for owner in (c for c in head.children if c.dep_ == "poss"):
            ent = self.entities.at(owner.i)
            sp = speaker_of(ent) if ent is not None else None
            if sp and sp.type != "PERSON" and sp.country:
                return [sp.at(span, "entity")]
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps or prep.i != span.end:
                continue
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                # "the Chinese Foreign Ministry": the ministry if known, else its nationality
                ents = [e for e in self.entities.within(self.doc[obj.left_edge.i:obj.i + 1]) if e.label_ in ACTOR_LABELS]
                whole = self.doc[span.start:phrase_end(obj)]
                for ent in reversed(ents):
                    sp = speaker_of(ent) if ent.root.i == obj.i else None  # not "USA" of "USA Today"
                    if sp and sp.type != "PERSON" and (sp.country or ent._.canonical):
                        return [sp.at(whole, "entity")]
                for word in (t for t in obj.lefts if t.dep_ in ("compound", "amod")):
                    actor = self.kb.country(word.text)  # a nationality, not "USA" of "USA Today"
                    if actor is not None and actor.type == "NORP" and not self.kb.is_ambiguous(word.text):
                        return [Speaker(whole.text, whole.start_char, whole.end_char, actor.name, "GPE", actor.country, "entity")]
        return []

    def _surname(self, head: Token) -> list[Speaker]:
        """"Trump accused ..." where the recognizer missed the name: a capitalised word that ends a
        person's name elsewhere in the document is that person."""
        if not name_word(head) or head.ent_type_ or head.lower_ in lexicon().source_nouns:
            return []
        if self._surnames is None:  # the last word of each full name, listed once per document
            self._surnames = {}
            for ent in self.entities.all:
                if ent.label_ == "PERSON" and len(ent) > 1:
                    self._surnames.setdefault(ent[-1].text, ent)
        ent = self._surnames.get(head.text)
        sp = speaker_of(ent) if ent is not None else None
        return [sp.at(head)] if sp else []

    def _named_before(self, span: Span, head: Token) -> list[Speaker]:
        """"the fund" after "the International Monetary Fund", "the council" after "the UN
        Security Council": a definite description by the last word of an organisation's name."""
        if span[0].lower_ != "the" or head.pos_ != "NOUN" or len(span) > 3:
            return []
        lemma = head.lemma_.lower()
        for ent in self.entities.before(head.i, max(0, head.i - 2000)):
            if ent.label_ in ("ORG", "NORP") and ent[-1].lemma_.lower() == lemma:
                sp = speaker_of(ent)
                if sp is None:
                    name = ent.text.removeprefix("the ").removeprefix("The ")
                    sp = Speaker(ent.text, ent.start_char, ent.end_char, name, "ORG", ent._.country or "", "unknown")
                return [sp.at(span, "title")]
        return []

    def _group(self, span: Span, head: Token) -> list[Speaker]:
        """"The two leaders", "both sides", "the officials": the participants. Not a group that a
        quantifier or a possessor qualifies ("some state officials", "his advisers"): those are
        other people."""
        words = {t.lower_ for t in span}
        if span[0].lower_ in _NOT_PARTICIPANTS:
            return []
        plural = (head.tag_ in ("NNS", "NNPS") or head.lower_.removesuffix("s") in lexicon().group_heads
                  and head.lower_.endswith("s") or bool(words & {"both", "two", "three", "four", "all"}))
        if not plural:
            return []
        count = next((_NUMBERS[w] for w in words if w in _NUMBERS), None)
        if head.lemma_.lower() in lexicon().counted_groups:
            if count is None:
                return []  # "countries in the region said ...": not "both countries"
            members = self._countries(head)
            if len(members) != count:  # "twenty-five additional countries": not the participants
                return []
        else:
            members = self.participants()
        if count is not None:
            members = members[:count]
        if len(members) < 2:
            return []
        return [Speaker(span.text, span.start_char, span.end_char, m.name, m.type, m.country, "group") for m in members]

    def _countries(self, head: Token) -> list[Speaker]:
        """The countries of "both countries", "the two governments": the signatories of a joint
        statement, or the countries of the participants."""
        signatories = [s for s in self.context_speakers(head.idx) if s.country]
        if len(signatories) >= 2:
            return signatories
        found: dict[str, Speaker] = {}
        for m in self.participants():
            name = self.kb.country_name(m.country) if m.country else None
            if name and m.country not in found:
                found[m.country] = Speaker(name, -1, -1, name, "GPE", m.country, "group")
        return list(found.values())

    def _title(self, span: Span) -> Speaker | None:
        """"The President" in a White House text is the President on that date; "the foreign
        minister" elsewhere is the last person named before with that office."""
        country, office = self.kb.office_from_title(span.text)
        if not office:
            return None
        named = self.kb.person(span.text, self.on)
        if named is not None:  # "Trump", "President Trump", "Pence" in 2016: that person, not who held the office then
            return Speaker(span.text, span.start_char, span.end_char, named.name, named.type, named.country, "title")
        home = country or self.publisher_country
        actor = self.kb.officeholder(home, office, self.on) if home and self.on else None
        if actor is not None:
            return Speaker(span.text, span.start_char, span.end_char, actor.name, actor.type, actor.country, "title")
        for row in reversed(self.doc._.actors or []):
            if row["end_char"] <= span.start_char and row["office"] == office and (not country or row["country"] == country):
                return Speaker(span.text, span.start_char, span.end_char, row["canonical"], "PERSON", row["country"], "title")
        return None

    def _pronoun(self, head: Token) -> list[Speaker]:
        lower = head.lower_
        if lower in _FIRST_PERSON:  # "I", "we" in a transcript turn or a statement
            return [s.at(head, "turn") for s in self.context_speakers(head.idx)]
        if lower in _PERSON_PRONOUNS:
            found = nearest_person(head, self.entities) or self.last_person
            if not found:  # "he" of someone the text names only by a description ("the mayor")
                return [Speaker(head.text, head.idx, head.idx + len(head), "", "PERSON", "", "unresolved")]
        elif lower in _THING_PRONOUNS:
            found = nearest_thing(head, self.entities) or self.last_thing
        else:
            found = self.last_group or (self.participants() if len(self.participants()) >= 2 else [])
            if not found and lower == "they" and head.dep_ == "nsubj":  # "They argue that ...": people
                return [Speaker(head.text, head.idx, head.idx + len(head), "", "PERSON", "", "unresolved")]
        return [s.at(head, "pronoun") for s in found]

    def _plural(self, sp: Speaker) -> bool:
        span = self.doc.char_span(sp.start_char, sp.end_char) if sp.start_char >= 0 else None
        return span is not None and span.root.tag_ in ("NNS", "NNPS")

    def remember(self, speakers: list[Speaker]) -> None:
        if len(speakers) == 1 and speakers[0].how == "generic" and self._plural(speakers[0]):
            self.last_group = speakers  # "Readers told us ...": not a "he" or "she" later
        elif len(speakers) >= 2:
            self.last_group = speakers
        elif speakers and speakers[0].type == "PERSON":
            self.last_person = speakers
        elif speakers:
            self.last_thing = speakers
