"""When a claim was made (said_on) and the time expression inside it (date_text, date_value)."""
from __future__ import annotations

import datetime
import functools
import re

from spacy.tokens import Span, Token

from ..data_files import read_lines
from .cues import CueMatch

_DATE_VALUE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?|-W\d{2}|-Q\d)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_PREPS = {"on", "in", "at", "during", "by", "earlier", "last", "this", "over"}


@functools.lru_cache(maxsize=1)
def planning_verbs() -> frozenset:
    return frozenset(read_lines("planning_verbs.txt"))


def _timex_tokens(doc, timexes: list[dict], sent: Span) -> list[tuple[dict, Token]]:
    """(timex, root token) for the timexes of the sentence."""
    found = []
    for tx in timexes:
        if sent.start_char <= tx["start_char"] < sent.end_char:
            span = doc.char_span(tx["start_char"], tx["end_char"], alignment_mode="expand")
            if span is not None and len(span):
                found.append((tx, span.root))
    return found


def _verb_chain(match: CueMatch) -> list[Token]:
    """The cue verb and the verbs above it that carry its tense: "are poised to announce"."""
    verb = match.verb if match.verb is not None else match.token
    chain = [verb]
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
        chain.append(verb)
    return chain


def said_on(match: CueMatch, content: Span | None, timexes: list[dict], published: str | None) -> str:
    doc, sent = match.token.doc, match.token.sent
    chain = _verb_chain(match)
    # an uncued assertion ("we will be helping ... this week") is said when the text is spoken
    planned = match.kind != "assertion" and (any(v.lemma_.lower() in planning_verbs() for v in chain) or any(
        c.lower_ in ("will", "shall") for v in chain for c in v.children if c.dep_ == "aux"))
    anchors = {t.i for t in chain}
    # "When Ben-Gurion declared independence in 1948, he announced ...": a clause of the same time
    anchors |= {c.i for v in chain for c in v.children if c.dep_ == "advcl" and _simultaneous(c)}
    if planned and content is not None:
        anchors.add(content.root.i)
    for tx, root in _timex_tokens(doc, timexes, sent):
        if not _DATE_VALUE.match(tx.get("value") or ""):
            continue
        head = root.head
        if head.dep_ == "prep" or head.lower_ in _PREPS:
            head = head.head
        if head.i in anchors or root.head.i in anchors:
            if content is not None and content.start <= root.i < content.end and not planned:
                continue
            return calendar(tx["value"])
    if planned and published and match.kind == "verb":
        return _planned_date(timexes, sent.start_char, published) or published
    return published or ""


def _simultaneous(clause: Token) -> bool:
    """An adverbial clause of the same time as its verb: "when ...", "while ..." (not "as": "as
    expressed by 44 countries on December 19" is a manner)."""
    return any(c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "while") and c.i < clause.i
               for c in clause.children)


def calendar(value: str) -> str:
    """A week as the calendar gives it: its month when the week lies in one month ("2023-W37" →
    "2023-09"), else its year (a week across the new year stays a week); other values as they
    are. said_on is a calendar date at the text's precision, so that it compares with dates
    ("last week I announced ..."); the timexes table keeps the week."""
    m = _WEEK.match(value)
    if not m:
        return value
    monday = datetime.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    sunday = monday + datetime.timedelta(days=6)
    if monday.month == sunday.month:
        return f"{monday.year:04d}-{monday.month:02d}"
    return f"{monday.year:04d}" if monday.year == sunday.year else value


def _planned_date(timexes: list[dict], before: int, published: str) -> str:
    """"Set for a grand reveal ... on April 10. ... As the two leaders prepare to unveil it": a
    planned act with no time of its own happens on the last date after the publication date (at
    least a month's precision) that the text named before it."""
    found = ""
    for tx in timexes:
        value = tx.get("value") or ""
        if tx["start_char"] >= before:
            break
        if _DATE_VALUE.match(value) and len(value) >= 7 and value[:4] != "XXXX" and value > published[:len(value)]:
            found = value
    return found


def inner_date(content: Span | None, timexes: list[dict]) -> tuple[str, str]:
    if content is None:
        return "", ""
    for tx in timexes:
        if content.start_char <= tx["start_char"] and tx["end_char"] <= content.end_char:
            return tx["text"], tx["value"] or ""
    return "", ""
