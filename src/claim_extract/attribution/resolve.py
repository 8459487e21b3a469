"""From a speaker mention in the parse to canonical actors: named entities, titles ("the
President"), groups ("the two leaders"), pronouns ("she", "their") and metonyms ("Beijing")."""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..knowledge import KnowledgeBase
from .entities import Entities, name_word
from .lexicon import lexicon

_ACTOR_LABELS = ("PERSON", "GPE", "NORP", "ORG", "FAC")
_MENTION_DEPS = {"compound", "amod", "det", "nummod", "poss", "case", "punct", "nmod", "quantmod", "predet"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_GROUP_PRONOUNS = {"they", "them", "their", "we", "our", "us", "both", "theirs"}
_THING_PRONOUNS = {"it", "its"}
_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_VOCATIVE = {"mr.", "mr", "madam", "madame", "mrs.", "ms.", "sir"}
_RELATIVE = {"who", "which", "that", "whom"}
_QUANTIFIERS = {"many", "most", "some", "several", "few", "others", "half", "all"}
_FIRST_PERSON = {"i", "me", "my", "we", "our", "us", "myself", "ourselves"}
_NOT_PARTICIPANTS = {"some", "several", "many", "few", "a", "other", "his", "her", "their", "its", "your"}


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


def _phrase_end(noun: Token) -> int:
    """End of a noun's phrase without its clauses: "dozens of papers [ranging from ...]",
    "a number of tax experts [who ...]"."""
    hi = noun.right_edge.i + 1
    for child in noun.children:
        if child.dep_ in ("relcl", "acl") and child.i > noun.i:
            hi = min(hi, child.left_edge.i)
    while hi - 1 > noun.i and (noun.doc[hi - 1].is_punct or noun.doc[hi - 1].is_space):
        hi -= 1
    return hi


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

    # -- actors of entities -------------------------------------------------------------
    def _from_entity(self, ent: Span, how: str = "entity") -> Speaker | None:
        if ent.label_ not in _ACTOR_LABELS:
            return None
        name, country, kind = ent._.canonical, ent._.country or "", ent._.actor_type
        if not name:
            if ent.label_ != "PERSON":
                return None
            name, kind = ent.text, "PERSON"
        return Speaker(ent.text, ent.start_char, ent.end_char, name, kind or ent.label_, country, how)

    def participants(self) -> list[Speaker]:
        """The people a readout or joint statement is about: the first distinct persons named."""
        if self._participants is None:
            found: dict[str, Speaker] = {}
            for limit in (2, 6):
                for i, sent in enumerate(self.doc.sents):
                    if i >= limit:
                        break
                    for ent in self.entities.within(sent):
                        sp = self._from_entity(ent, "group")
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
            sp = self._from_entity(ent)
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
                whole = self.doc[head.left_edge.i:_phrase_end(of[0])]
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
        inner = [e for e in self.entities.within(span) if e.label_ in _ACTOR_LABELS]
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
            sp = self._from_entity(inner[-1])
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
            sp = self._from_entity(ent) if ent is not None else None
            if sp and sp.type != "PERSON" and sp.country:
                return [sp.at(span, "entity")]
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps or prep.i != span.end:
                continue
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                # "the Chinese Foreign Ministry": the ministry if known, else its nationality
                ents = [e for e in self.entities.within(self.doc[obj.left_edge.i:obj.i + 1]) if e.label_ in _ACTOR_LABELS]
                whole = self.doc[span.start:_phrase_end(obj)]
                for ent in reversed(ents):
                    sp = self._from_entity(ent) if ent.root.i == obj.i else None  # not "USA" of "USA Today"
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
        sp = self._from_entity(ent) if ent is not None else None
        return [sp.at(head)] if sp else []

    def _named_before(self, span: Span, head: Token) -> list[Speaker]:
        """"the fund" after "the International Monetary Fund", "the council" after "the UN
        Security Council": a definite description by the last word of an organisation's name."""
        if span[0].lower_ != "the" or head.pos_ != "NOUN" or len(span) > 3:
            return []
        lemma = head.lemma_.lower()
        for ent in self.entities.before(head.i, max(0, head.i - 2000)):
            if ent.label_ in ("ORG", "NORP") and ent[-1].lemma_.lower() == lemma:
                sp = self._from_entity(ent)
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
            found = self._nearest_person(head) or self.last_person
            if not found:  # "he" of someone the text names only by a description ("the mayor")
                return [Speaker(head.text, head.idx, head.idx + len(head), "", "PERSON", "", "unresolved")]
        elif lower in _THING_PRONOUNS:
            found = self._nearest_thing(head) or self.last_thing
        else:
            found = self.last_group or (self.participants() if len(self.participants()) >= 2 else [])
            if not found and lower == "they" and head.dep_ == "nsubj":  # "They argue that ...": people
                return [Speaker(head.text, head.idx, head.idx + len(head), "", "PERSON", "", "unresolved")]
        return [s.at(head, "pronoun") for s in found]

    def _nearest_person(self, head: Token) -> list[Speaker]:
        """"he", "she" → the last person named before it (within a few sentences) that was the
        subject of its clause, else the last person named at all."""
        owner = self._relative_owner(head)
        if owner:
            return owner
        window = max(0, head.sent.start - 120)
        before = [e for e in self.entities.before(head.i, window) if e.label_ == "PERSON"]
        for wanted in (("nsubj", "nsubjpass"), None):
            for ent in before:
                if wanted is not None and ent.root.dep_ not in wanted:
                    continue
                sp = self._from_entity(ent, "pronoun")
                if sp and sp.type == "PERSON":
                    return [sp]
        return []

    def _relative_owner(self, head: Token) -> list[Speaker]:
        """"Kishida's visit to India, where he reaffirmed ...": the subject of a relative clause on a
        phrase that a person's possessive opens is that person."""
        verb = head.head
        if head.dep_ != "nsubj" or verb.dep_ != "relcl":
            return []
        noun = verb.head
        for _ in range(4):
            for child in noun.children:
                ent = self.entities.at(child.i)
                if child.dep_ == "poss" and ent is not None and ent.label_ == "PERSON":
                    sp = self._from_entity(ent, "pronoun")
                    return [sp] if sp and sp.type == "PERSON" else []
            if noun.dep_ not in ("pobj", "prep") or noun.head.i == noun.i:
                return []
            noun = noun.head
        return []

    def _nearest_thing(self, head: Token) -> list[Speaker]:
        """"its" → the closest country or organisation named before it in the sentence, preferring
        subjects and possessors ("Tokyo's decision ... and its message") to objects."""
        before = self.entities.before(head.i, head.sent.start)
        for wanted in (("nsubj", "nsubjpass", "poss"), None):
            for ent in before:
                if wanted is not None and ent.root.dep_ not in wanted:
                    continue
                sp = self._from_entity(ent)
                if sp and sp.type in ("GPE", "ORG", "NORP"):
                    return [sp]
        return []

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
