"""Direct quotes: spans of quoted words, and the quote a verb of saying introduces or follows
('Trump said, “When people come back ...”', '“How many times ...?” Clinton said.')."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .entities import name_word
from .lexicon import lexicon

_OPEN = {"“": "”", "«": "»", '"': '"', "''": "''", "``": "''"}
_CLOSE_MARKS = {"”", "»", '"', "''"}
_DASHES = {"―", "—", "–", "-", "--"}
_BETWEEN = {",", ":", "—", "–", "-", "―"}


def _mark(tok: Token) -> str:
    """The quote mark a token stands for: the tokenizer leaves a closing mark and a signature's
    dash as one token ('”―')."""
    text = tok.text
    if len(text) > 1 and text[0] in _CLOSE_MARKS and text[1:] in _DASHES:
        return text[0]
    return text


def _line_start(tok: Token) -> bool:
    """`tok` opens a line and a word follows it."""
    doc = tok.doc
    before = tok.i == 0 or doc[tok.i - 1].is_space and "\n" in doc[tok.i - 1].text
    return before and tok.i + 1 < len(doc) and doc[tok.i + 1].is_alpha


def paragraph_break(tok: Token) -> bool:
    """A blank line: white space with two line breaks or more."""
    return tok.is_space and tok.text.count("\n") >= 2


def quote_spans(doc: Doc) -> list[tuple[int, int]]:
    """(first token, end token) of each quotation, marks excluded. Straight quotes pair up within
    a paragraph; a quote left open at a paragraph's end closes there (news style for quotes
    that run on into the next paragraph)."""
    spans, opened, closer = [], None, None
    for tok in doc:
        if paragraph_break(tok):
            if opened is not None:
                spans.append((opened, tok.i))
            opened = None
            continue
        text = _mark(tok)
        if opened is None and (text in _OPEN or text == "”" and _line_start(tok)):
            opened, closer = tok.i + 1, _OPEN.get(text, "”")  # '”Fear. ...”': a right mark opening a line
        elif opened is not None and (text == closer or text in _CLOSE_MARKS and closer != '"'):
            if tok.i > opened:
                spans.append((opened, tok.i))
            opened = None
    if opened is not None and len(doc) > opened:
        spans.append((opened, len(doc)))
    return spans


_QUOTES_KEY = "claim_extract.quote_spans"


def doc_quotes(doc: Doc) -> list[tuple[int, int]]:
    """quote_spans(doc), computed once per Doc and kept in its user_data (so the claims pass, which
    asks for them once per cue, never keeps a Doc alive after it is done with it)."""
    spans = doc.user_data.get(_QUOTES_KEY)
    if spans is None:
        spans = doc.user_data[_QUOTES_KEY] = quote_spans(doc)
    return spans


def within_quote(cue: int, rng: tuple[int, int], spans: list[tuple[int, int]]) -> tuple[int, int]:
    """A content never runs out of the quotation its cue is in: in '“... do not agree with Trump,”
    Sanders said, ...' the content of "agree" ends at the closing mark."""
    for start, end in spans:
        if start <= cue < end:
            return max(rng[0], start), min(rng[1], end)
    return rng


def _skip(doc: Doc, i: int, step: int) -> int:
    """Index after skipping commas, colons, dashes and spaces (not line breaks: a quote in the
    paragraph before is someone else's) in direction `step`."""
    while 0 <= i < len(doc) and (doc[i].text in _BETWEEN or doc[i].is_space and "\n" not in doc[i].text):
        i += step
    return i


def closing_before(verb: Token) -> int | None:
    """The closing quote mark before a cue with only its speaker between ('“...,” Tulsa police
    Chief Chuck Jordan said'): no verb between (a name the tagger took for one excepted); not for
    the second verb of a coordination (unless the parser joined the cue to a verb of the quote)."""
    doc, i = verb.doc, verb.i - 1
    if verb.dep_ == "conj" and not any(s <= verb.head.i < e for s, e in doc_quotes(doc)):
        return None
    while i > verb.sent.start and doc[i].text not in _CLOSE_MARKS:
        if doc[i].pos_ in ("VERB", "AUX") and not doc[i].ent_type_ or verb.i - i > 25:
            return None
        i -= 1
    # a quote that ends a statement ('...,”', '...?”'), not a quoted name ('the “123” agreement')
    ends = i > 0 and doc[i - 1].text in (",", ".", "?", "!", "—", "―")
    return i if doc[i].text in _CLOSE_MARKS and i < verb.i - 1 and ends else None


def _opens_sentence(doc: Doc, i: int) -> bool:
    """Token i is the first word or mark of its sentence."""
    start = doc[i].sent.start
    return all(t.is_space or t.is_punct for t in doc[start:i])


def _word_edge(token: Token) -> int:
    """The first word of a token's phrase: the parser may hang the closing quote mark before a
    speaker on the speaker ('“...,” Vann Newkirk, a writer, said')."""
    i = token.left_edge.i
    while i < token.i and (token.doc[i].is_punct or token.doc[i].is_space):
        i += 1
    return i


def _quote_after_adjunct(doc: Doc, i: int, end: int, starts: dict) -> tuple[int, int] | None:
    """'said Monday, “...”', 'said in a statement, “...”', 'saying during the debate, “...”': a
    quote after a short adjunct of time or place (no verb, no quote mark) and a comma or colon."""
    j = i
    while j < min(end, i + 10) and doc[j].text not in (",", ":"):
        if doc[j].pos_ in ("VERB", "AUX") or doc[j].is_quote or doc[j].is_space and "\n" in doc[j].text:
            return None
        j += 1
    if j == i or j + 1 >= len(doc) or doc[j].text not in (",", ":"):
        return None
    k = j + 1
    while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
        k += 1
    return starts.get(k + 1) if k < len(doc) and doc[k].text in _OPEN else None


def adjacent_quote(verb: Token, speaker_tokens: list[Token], spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation right after the cue ('said, “...”') or right before the speaker and cue
    ('“...,” he said'), joined with a second fragment after the cue ('“...,” he said, “...”')."""
    doc = verb.doc
    starts = {s: (s, e) for s, e in spans}
    ends = {e: (s, e) for s, e in spans}
    group = [verb.i, *[_word_edge(t) for t in speaker_tokens]]
    last = max([verb.i, *[t.right_edge.i for t in speaker_tokens if t.i > verb.i]])  # "Said Ellis: “...”"
    right = _skip(doc, last + 1, 1)
    after = starts.get(right + 1) if right < len(doc) and doc[right].text in _OPEN else None
    if after is None and not any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > verb.i for c in verb.children):
        after = _quote_after_adjunct(doc, right, verb.sent.end, starts)
    left = _skip(doc, min(group) - 1, -1)
    before = ends.get(left) if left >= 0 and doc[left].text in _CLOSE_MARKS else None
    if before is None and (mark := closing_before(verb)) is not None and mark < min(group):
        left, before = mark, ends.get(mark)  # the parser cut the name short ("Tulsa police Chief")
    # a clause (or, for cues that take one, an object) after the cue is its content; the object of
    # "told" is whom it was told to ('"...," Figueroa told Reuters')
    following = ("ccomp", "xcomp") if verb.lemma_.lower() in lexicon().clause_only else ("ccomp", "xcomp", "dobj")
    # ... but a quote that ends in a comma leads into the cue right after it ('“...,” she said, and
    # ...'; not into "adding" of '“...,” she said, adding that ...')
    # ...; not a title inside a phrase: 'On the broadcast of “Fox News Sunday,” Pence said')
    leads = (before and doc[before[1] - 1].text == "," and _opens_sentence(doc, before[0] - 1)
             and not any(t.pos_ in ("VERB", "AUX") for t in doc[left + 1:verb.i]))
    if before and not leads and any(c.dep_ in following and c.i > verb.i for c in verb.children):
        before = None  # '... policy.'' The network said it would send ...': the clause after is the content
    if before and after:  # a split quote ('“...,” he said, “...”') or two quotes of two people
        return (before[0], after[1]) if doc[before[1] - 1].text == "," else after
    return before or after


def dash_attributions(doc: Doc, spans: list[tuple[int, int]], entities) -> list[tuple[tuple[int, int], int, Span]]:
    """Quotes signed with a dash and a name: '“Donald Trump scares me.” ― Krystal Correa'.
    Returns (quote span, dash token index, name entity)."""
    found = []
    for start, end in spans:
        i = end + 1 if end < len(doc) and doc[end].text in _CLOSE_MARKS else end
        while i < len(doc) and doc[i].is_space:
            i += 1
        merged = end < len(doc) and doc[end].text != _mark(doc[end])  # '”―'
        if merged:
            i = end
        elif i >= len(doc) or doc[i].text not in _DASHES:
            continue
        j = i + 1
        while j < len(doc) and doc[j].is_space:
            j += 1
        ent = entities.starting(j)
        if ent is not None and ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
            found.append(((start, end), i, ent))
        elif ent is None:  # a signature the entity recognizer missed: two to four capitalised words
            k = j
            while k < len(doc) and k - j < 5 and name_word(doc[k]):
                k += 1
            if 2 <= k - j <= 4 and (k == len(doc) or doc[k].is_space or doc[k].is_punct):
                found.append(((start, end), i, Span(doc, j, k, label="PERSON")))
    return found

