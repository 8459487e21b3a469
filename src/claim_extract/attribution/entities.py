"""The entities of one Doc, listed once: `doc.ents` and `span.ents` build new Span objects over
the whole document at every access, which made long, claim-dense documents slow."""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token


def name_word(token: Token) -> bool:
    """A word written like a name: capitalised, the rest lower case or with inner capitals
    ("Stumpf", "McAuliffe", "DeSantis", "O'Neill") or an initial; not all capitals."""
    text = token.text
    if len(text) == 1:
        return text.isupper()  # an initial ("Christina N Ortiz")
    return (text[0].isupper() and not text.isupper()
            and text.replace("'", "").replace("’", "").replace("-", "").isalpha())


class Entities:
    def __init__(self, doc: Doc):
        self.all = list(doc.ents)
        self._starts = [e.start for e in self.all]
        self._at = {i: e for e in self.all for i in range(e.start, e.end)}

    def at(self, i: int) -> Span | None:
        """The entity that covers token `i`."""
        return self._at.get(i)

    def within(self, span: Span) -> list[Span]:
        """The entities inside `span` (what `span.ents` gives)."""
        found = []
        for ent in self.all[bisect.bisect_left(self._starts, span.start):]:
            if ent.start >= span.end:
                break
            if ent.end <= span.end:
                found.append(ent)
        return found

    def starting(self, i: int) -> Span | None:
        k = bisect.bisect_left(self._starts, i)
        return self.all[k] if k < len(self.all) and self._starts[k] == i else None

    def before(self, i: int, lo: int = 0) -> list[Span]:
        """Entities that end at or before token `i` and start at or after `lo`, nearest first."""
        k = bisect.bisect_right(self._starts, i)
        return [e for e in reversed(self.all[bisect.bisect_left(self._starts, lo):k]) if e.end <= i]
