"""Headlines in title case ("Obama Sees 'Personal Insult' if Blacks Don't Rally for Clinton")
parse badly: the model takes every capitalised word for a name. This stage parses such a
headline again in sentence case — a word keeps its capital only where the article's own text
writes it with one (a name) — and puts that parse and its entities on the headline's tokens.

Only the first sentence of a document is looked at, and only when it is a single line of title
case; the text and the tokens never change, only their annotations.
"""
from __future__ import annotations

import re

from spacy.attrs import DEP, HEAD, LEMMA, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import extensions  # noqa: F401
from .guard import guarded
from .paragraphs import doc_text

_WORD = re.compile(r"[A-Z][\w'’-]*")


def _comparable(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def headline(sent: Span, title: str, min_words: int = 3, share: float = 0.6) -> bool:
    """A headline in title case: a paragraph of its own, one line, the document's title (or
    short), whose longer words mostly start with a capital."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    text = sent.text
    if len(words) < min_words or "\n" in text.strip() or not (text.endswith("\n\n") or sent.end == len(sent.doc)):
        return False
    if _comparable(text) != _comparable(title or "") and len(words) > 12:
        return False
    return sum(t.is_title for t in words) / len(words) >= share


def sentence_case(sent: Span, names: set[str]) -> str:
    """The sentence's text with the capitals of words that are not names (not written with a
    capital elsewhere in the article) lowered; same length, same token boundaries."""
    chars = list(sent.text)
    first = next((t.i for t in sent if t.is_alpha), sent.start)
    for t in sent:
        if t.i == first or not t.is_title or t.text in names:
            continue
        lower = t.text.lower()
        if len(lower) == len(t.text):
            offset = t.idx - sent.start_char
            chars[offset:offset + len(lower)] = lower
    return "".join(chars)


def capitalised_words(doc: Doc, after: int) -> set[str]:
    """Words written with a capital inside a sentence of the text after character `after` (not
    at a sentence start): the article's names."""
    text = doc_text(doc)[after:]  # Doc.text makes a Token object per token
    return {m.group() for m in _WORD.finditer(text)
            if m.start() > 1 and text[m.start() - 2] not in ".!?\n\"“‘'" and text[m.start() - 1] == " "}


class HeadlineParser:
    def __init__(self, nlp: Language, name: str):
        self.nlp, self.name = nlp, name

    def _model(self) -> list:
        """The components that run before this one (the model's and the entity ruler)."""
        procs = []
        for pipe_name, proc in self.nlp.pipeline:
            if pipe_name == self.name:
                break
            procs.append(proc)
        return procs

    def _known_names(self, text: str) -> set[str]:
        """Words of the names the knowledge base knows ("Yoon Suk Yeol"), found by the pipeline's
        entity ruler in the headline as written."""
        if "actor_names" not in self.nlp.pipe_names:
            return set()
        found = self.nlp.get_pipe("actor_names")(self.nlp.make_doc(text))
        return {t.text for ent in found.ents for t in ent}

    @guarded("headlines")
    def __call__(self, doc: Doc) -> Doc:
        sent = next(doc.sents, None)
        if sent is None or len(doc) - sent.end < 10 or not headline(sent, doc._.title):
            return doc  # no headline, or no article after it to learn its names from
        text = sentence_case(sent, capitalised_words(doc, sent.end_char) | self._known_names(sent.text))
        if text == sent.text:
            return doc
        sub = self.nlp.make_doc(text)
        if [t.idx for t in sub] != [t.idx - sent.start_char for t in sent]:
            return doc  # tokenised differently ("US" / "us"): leave the headline as it was
        for proc in self._model():
            sub = proc(sub)
        self._copy(doc, sent, sub)
        return doc

    @staticmethod
    def _copy(doc: Doc, sent: Span, sub: Doc) -> None:
        attrs = [TAG, POS, LEMMA, DEP, HEAD]
        column = doc.to_array(attrs)
        column[sent.start:sent.end] = sub.to_array(attrs)  # HEAD is relative: the same offsets
        doc.from_array(attrs, column)
        outside = [e for e in doc.ents if e.end <= sent.start or e.start >= sent.end]
        inside = [Span(doc, sent.start + e.start, sent.start + e.end, label=e.label_) for e in sub.ents]
        doc.set_ents(sorted(outside + inside, key=lambda e: e.start))


@Language.factory("claim_extract_headlines", assigns=["token.dep", "token.tag", "doc.ents"])
def make_headlines(nlp: Language, name: str) -> HeadlineParser:
    return HeadlineParser(nlp, name)
