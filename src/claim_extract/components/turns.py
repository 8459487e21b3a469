"""Who speaks where: transcript turns ("PRESIDENT BIDEN:  ...", "THE VICE PRESIDENT: ...") and
the authors a statement's title names ("Statement from President Joe Biden on ...", "Joint
Statement by President X of A and President Y of B").

Sets Doc._.turns: a list of {start_char, end_char, kind, speakers: [{mention, name, type,
country}]} where kind is "turn" (one speaker's turn in a transcript), "question" (a reporter's
"Q"), "author" (a single-author statement) or "joint" (a joint statement).
"""
from __future__ import annotations

import functools
import re
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401
from ..knowledge import KnowledgeBase
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


_HONORIFICS = ("MR.", "MS.", "MRS.", "DR.", "MR", "MS", "MRS", "DR")


def _name_case(label: str) -> str:
    """A marker the knowledge base does not know, as a name: "MR. KIRBY" → "Kirby"."""
    words = [w for w in label.split() if w not in _HONORIFICS]
    return " ".join(w.capitalize() for w in words) or label.title()


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
        for m in SPEAKER.finditer(text):
            label = " ".join(m.group(1).split())
            if label in NOT_SPEAKERS or len(label) < 2:
                continue
            actor = self.resolve_name(label, on, home)
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
