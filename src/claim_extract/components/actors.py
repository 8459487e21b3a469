"""Actors: named entities resolved to canonical actors and countries, with office checks.

Sets Span._.canonical / _.country / _.actor_type on doc.ents, and Doc._.actors (rows of the
`entities` table) and Doc._.warnings (office anachronisms: a title the person did not hold on
the publication date).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import extensions  # noqa: F401
from .guard import guarded
from ..knowledge import KnowledgeBase

#: entity labels that are not actors (numbers, dates: the time stage handles dates)
NOT_ACTORS = frozenset({"DATE", "TIME", "ORDINAL", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
_TITLE_STOP = {",", ";", ":", "(", ")", "and", "or", "the", "a", "an", "with", "by", "to", "from", "of"}


def _title_before(ent: Span, limit: int = 7) -> Span | None:
    """Title words right before a person: "Taiwanese President", "Japanese Prime Minister"."""
    doc, lo = ent.doc, ent.start
    while lo > max(ent.sent.start, ent.start - limit):
        tok = doc[lo - 1]
        if tok.lower_ in _TITLE_STOP or tok.is_punct or tok.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON"):
            break
        if not (tok.is_title or tok.is_upper or tok.ent_type_ in ("NORP", "GPE")):
            break
        lo -= 1
    return doc[lo:ent.start] if lo < ent.start else None


def _country_after(ent: Span, kb: KnowledgeBase) -> str:
    """"President Joko Widodo of Indonesia" → IDN."""
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ == "of":
        nxt = doc[ent.end + 1:ent.end + 4]
        for e in nxt.ents:
            if e.start == ent.end + 1 or (e.start == ent.end + 2 and doc[ent.end + 1].lower_ == "the"):
                actor = kb.country(e.text)
                if actor:
                    return actor.country
    return ""


def _trimmed(ent: Span) -> tuple[int, int]:
    """Character offsets of an entity without the white space the recognizer sometimes takes
    in ("Lima Convention Center  \n")."""
    text = ent.text
    start = ent.start_char + len(text) - len(text.lstrip())
    return start, max(start, ent.start_char + len(text.rstrip()))


class ActorResolver:
    def __init__(self) -> None:
        self.kb = KnowledgeBase.default()

    @guarded("actors")
    def __call__(self, doc: Doc) -> Doc:
        on = doc._.published
        rows, warnings = [], []
        body = doc.text  # built once: Doc.text joins every token at each access
        for ent in doc.ents:
            if ent.label_ in NOT_ACTORS:
                continue
            text = ent.text.removesuffix("'s").removesuffix("’s").strip()
            actor = self.kb.resolve(text, ent.label_, on)
            office, office_warning, country = "", "", ""
            if actor is not None:
                ent._.canonical, ent._.actor_type = actor.name, actor.type
                country, office = actor.country, actor.office
            elif ent.label_ == "PERSON":
                ent._.canonical, ent._.actor_type = text, "PERSON"
            if ent.label_ == "PERSON":
                title = _title_before(ent)
                t_country, t_office = self.kb.office_from_title(title.text) if title is not None else (None, None)
                country = country or t_country or _country_after(ent, self.kb)
                if t_office and actor is not None and actor.type == "PERSON":
                    office_warning = self.kb.check_title(actor.name, t_country or actor.country, t_office, on) or ""
                    if office_warning:
                        warnings.append(office_warning)
            ent._.country = country or ""
            start, end = _trimmed(ent)
            rows.append({
                "start_char": start, "end_char": end, "text": body[start:end],
                "label": ent.label_, "canonical": ent._.canonical or "", "country": ent._.country,
                "actor_type": ent._.actor_type or "", "office": office or "", "office_warning": office_warning,
            })
        doc._.actors = rows
        doc._.warnings = list(dict.fromkeys(warnings))
        return doc


@Language.factory("claim_extract_actors", requires=["doc.ents"], assigns=["doc._.actors"])
def make_actors(nlp: Language, name: str) -> ActorResolver:
    return ActorResolver()
