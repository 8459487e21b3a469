"""Who speaks where: transcript turns ("PRESIDENT BIDEN:  ...", "THE VICE PRESIDENT: ...") and
the authors a statement's title names ("Statement from President Joe Biden on ...", "Joint
Statement by President X of A and President Y of B").

Sets Doc._.turns: a list of {start_char, end_char, kind, speakers: [{mention, name, type,
country}]} where kind is "turn" (one speaker's turn in a transcript), "question" (a reporter's
"Q"), "author" (a single-author statement) or "joint" (a joint statement).

A label that is a surname alone ("WALLACE:", "MS. SMITH:") is the person of that surname the
document names in full ("moderator Chris Wallace", "CHRIS WALLACE:"); the knowledge base decides
only when the document names nobody of it (it would otherwise give a famous namesake).
"""
from __future__ import annotations

import functools
import re
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401
from ..data_files import read_lines
from ..knowledge import Actor, KnowledgeBase
from ..knowledge.officeholders import words
from ..knowledge.publishers import publisher_country
from ..markers import NOT_SPEAKERS, QUESTION, SPEAKER
from .guard import guarded

_WE_THE = re.compile(r"\s*We,\s+the\s+([^,]{2,80}),")
_SPLIT = re.compile(r"\s*(?:,\s*and\s+|\band\b|,|\s[–—-]\s|(?<=[a-z.])-(?=[A-Z]))\s*")


@functools.lru_cache(maxsize=1)
def _title_patterns() -> tuple[re.Pattern, ...]:
    text = resources.files("claim_extract").joinpath("data", "author_titles.txt").read_text("utf-8")
    return tuple(re.compile(line, re.I) for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _speaker(mention: str, actor) -> dict:
    return {"mention": mention, "name": actor.name, "type": actor.type, "country": actor.country}


def _name_words(label: str) -> list[str]:
    """The words of a turn label or a name without its courtesy words: "MR. KIRBY" → ["KIRBY"]."""
    honorifics = read_lines("turn_honorifics.txt")
    return [w for w in label.split() if w.lower() not in honorifics]


def _name_case(label: str) -> str:
    """A marker the knowledge base does not know, as a name: "MR. KIRBY" → "Kirby"."""
    return " ".join(w.capitalize() for w in _name_words(label)) or label.title()


def _family(name: str) -> str:
    """The last word of a name, folded and lower case: "CHRIS WALLACE" → "wallace"."""
    toks = words(name)
    return toks[-1] if toks else ""


def bare_surname(label: str, kb: KnowledgeBase) -> str:
    """The family name a turn label gives alone ("WALLACE", "MS. SMITH" → "wallace", "smith");
    "" for a full name, a title ("MR. PRESIDENT", "THE VICE PRESIDENT") or a place."""
    rest = _name_words(label)
    if len(rest) != 1 or not rest[0][:1].isalpha():
        return ""
    title = kb.parse_title(rest[0].title())
    return "" if title.office or title.country or title.organization else _family(rest[0])


def _full_name(text: str, kb: KnowledgeBase) -> str:
    """`text` as a person's full name ("Chris Wallace", "CHRIS WALLACE" → "Chris Wallace"; "Cristina
    Fernández de Kirchner"; "Gov. Mike Pence" → "Mike Pence"), or "" when it is one word, longer
    than a name, or holds a title inside ("Prime Minister Boris Johnson")."""
    text = text.removesuffix("'s").removesuffix("’s").strip()
    rest = _name_words(text)
    while len(rest) > 2 and not kb.parse_title(rest[0]).rest:  # "Governor", "Sen.", "U.S." before a name
        rest = rest[1:]
    if not 2 <= len(rest) <= 4 or "\n" in text or not (rest[0][:1].isupper() and rest[-1][:1].isupper()):
        return ""
    name = " ".join(rest)
    if name.isupper():
        name = _name_case(name)
    title = kb.parse_title(name)
    return "" if title.office or title.organization else name


def document_full_names(doc: Doc, labels: list[tuple[int, str]], kb: KnowledgeBase) -> dict[str, list[str]]:
    """The full names of people a document gives, in order of first mention, by family name:
    its PERSON entities and its full-name turn labels (`labels`: (start_char, label))."""
    found = [(ent.start_char, ent.text) for ent in doc.ents if ent.label_ == "PERSON"] + list(labels)
    names: dict[str, dict[tuple, str]] = {}
    for _, text in sorted(found):
        name = _full_name(text, kb)
        if name:
            names.setdefault(_family(name), {}).setdefault(tuple(words(name)), name)
    return {family: list(forms.values()) for family, forms in names.items()}


class TurnFinder:
    def __init__(self) -> None:
        self.kb = KnowledgeBase.default()

    def resolve_name(self, text: str, on: str | None, home: str):
        """A person, office, country or organisation named by `text` ("PRESIDENT BIDEN",
        "THE VICE PRESIDENT", "President Joseph R. Biden of the United States of America")."""
        text = text.strip(" .,:;'’\"")
        if not text:
            return None
        for candidate in dict.fromkeys((text, text.split(" of ")[0], text.title(), text.title().split(" Of ")[0])):
            actor = self.kb.person(candidate, on)
            if actor is not None:
                return actor
        country, office = self.kb.office_from_title(text.title(), on)
        if office and (country or home) and on:
            actor = self.kb.officeholder(country or home, office, on)
            if actor is not None:
                return actor
        return self.kb.organization(text) or self.kb.country(text)

    def resolve_surname(self, label: str, names: list[str], on: str | None):
        """The speaker of a bare-surname label (`label`, "WALLACE") whom the document names in full
        (`names`, "Chris Wallace"): that person as the knowledge base knows them, else the
        document's name with no country. Of several namesakes in the document, the one the
        knowledge base gives for the surname on the date; none of them: the label as a name."""
        known = [self.kb.person(name, on) or Actor(name, "PERSON", "") for name in names]
        if len(known) == 1:
            return known[0]
        famous = self.kb.person(_name_case(label), on)
        return next((a for a in known if famous is not None and a.name == famous.name),
                    Actor(_name_case(label), "PERSON", ""))

    def authors(self, title: str, on: str | None, home: str) -> list[dict]:
        for pattern in _title_patterns():
            match = pattern.search(title or "")
            if not match:
                continue
            found = []
            for part in _SPLIT.split(match.group("authors")):
                actor = self.resolve_name(part, on, home) if part else None
                if actor is not None and actor.name not in {a["name"] for a in found}:
                    found.append(_speaker(part, actor))
            if found:
                return found
        return []

    def opening_authors(self, text: str, on: str | None, home: str) -> list[dict]:
        """"We, the Leaders of the G7, ..." at the start of a statement: the signatories."""
        match = _WE_THE.match(text)
        if not match:
            return []
        named = match.group(1)
        for candidate in (named, named.split(" of ")[-1]):
            actor = self.resolve_name(candidate, on, home)
            if actor is not None:
                return [_speaker(named, actor)]
        return []

    @guarded("turns")
    def __call__(self, doc: Doc) -> Doc:
        on, text = doc._.published, doc.text
        home = publisher_country(doc._.url or "")
        marks = []
        found = [(m, " ".join(m.group(1).split())) for m in SPEAKER.finditer(text)]
        found = [(m, label) for m, label in found if label not in NOT_SPEAKERS and len(label) >= 2]
        surnames = {label: bare_surname(label, self.kb) for _, label in found}
        in_full = document_full_names(doc, [(m.start(1), label) for m, label in found], self.kb) \
            if any(surnames.values()) else {}
        for m, label in found:
            names = in_full.get(surnames[label]) if surnames[label] else None
            actor = self.resolve_surname(label, names, on) if names else self.resolve_name(label, on, home)
            speaker = _speaker(label, actor) if actor else {"mention": label, "name": _name_case(label),
                                                             "type": "PERSON", "country": ""}
            marks.append((m.start(1), m.end(), "turn", [speaker]))
        marks += [(m.start(), m.end(), "question", []) for m in QUESTION.finditer(text)]
        marks.sort()
        turns = []
        for i, (start, body_start, kind, speakers) in enumerate(marks):
            end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
            turns.append({"start_char": body_start, "end_char": end, "kind": kind, "speakers": speakers,
                          "marker_start": start})
        authors = self.authors(doc._.title or "", on, home) or self.opening_authors(text, on, home)
        if not turns and authors:
            kind = "joint" if len(authors) > 1 else "author"
            turns.append({"start_char": 0, "end_char": len(text), "kind": kind, "speakers": authors,
                          "marker_start": 0})
        doc._.turns = turns
        return doc


@Language.factory("claim_extract_turns", assigns=["doc._.turns"])
def make_turns(nlp: Language, name: str) -> TurnFinder:
    return TurnFinder()
