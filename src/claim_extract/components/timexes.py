"""The time-expression stage: finds TIMEX3 expressions and normalizes them against the DCT.

Registered as the spaCy factory ``claim_extract_timexes``; runs after the model's ``ner``.
Recognition: the rule patterns of ``data/timex_patterns.tsv`` (word lists in
``data/timex_words.json``), plus the model's DATE/TIME entities that the rules did not cover
(trimmed to TimeML extents, kept only when they can be normalized). Normalization: the rules of
:mod:`.timex_normalize` (dates, periods, relative dates, durations/sets in their own modules),
relative to ``doc._.published`` and to the tense of the governing verb (:mod:`.timex_tense`), with
dateparser as a cached fallback for entity texts the rules cannot read.

Output: ``doc._.timexes`` = list of plain dicts
``{"start_char", "end_char", "text", "type", "value", "sentence_id"}`` in text order.
"""
from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401  (registers the Doc extensions)
from .guard import guarded
from .timex_anchors import FUTURE, PAST, order_ranges, parse_dct, remember
from .timex_grammar import TimexGrammar, default_grammar
from .timex_normalize import normalize
from .timex_spans import Intervals, sentence_starts, strip_blank, year_ok
from .timex_tense import TenseWords, tense_of

DEFAULT_CONFIG = {
    "use_ner": True,
    "ner_labels": ["DATE", "TIME"],
    "use_dateparser": True,
    # "former" -> PAST_REF: off by default, TimeML does not annotate it (none of 31 in TimeBank
    # and AQUAINT are gold timexes)
    "reference_adjectives": False,
    "patterns_path": None,
    "words_path": None,
}

_BAD_NER_TEXT = re.compile(
    r"\b(?:years?|months?|weeks?|days?)[-\s]+old\b|%|\$|\bpercent\b|\bage[sd]?\b|\bolder\b|"
    r"^\W*\d{1,3}\W*$|^[\d\s.,-]+(?:to|and|or|-)?[\d\s.,-]*$",
    re.I,
)
_TRAIL_DROP = re.compile(r"(?:'s|’s|'|\s+(?:later|earlier\s+than|ago\s+and|old))$", re.I)


@Language.factory("claim_extract_timexes", default_config=DEFAULT_CONFIG,
                  assigns=["doc._.timexes"])
def make_timexes(nlp: Language, name: str, use_ner: bool, ner_labels: list, use_dateparser: bool,
                 reference_adjectives: bool, patterns_path: str | None, words_path: str | None):
    return TimexTagger(nlp, name, use_ner=use_ner, ner_labels=ner_labels,
                       use_dateparser=use_dateparser, reference_adjectives=reference_adjectives,
                       patterns_path=patterns_path, words_path=words_path)


class TimexTagger:
    def __init__(self, nlp, name, use_ner=True, ner_labels=("DATE", "TIME"), use_dateparser=True,
                 reference_adjectives=False, patterns_path=None, words_path=None):
        self.name = name
        self.use_ner = use_ner
        self.ner_labels = set(ner_labels)
        self.use_dateparser = use_dateparser
        self.reference_adjectives = reference_adjectives
        if patterns_path or words_path:
            self.grammar = TimexGrammar(patterns_path, words_path)
        else:
            self.grammar = default_grammar()
        w = self.grammar.words
        self.event_nouns = frozenset(w.get("event_nouns", ()))
        self.year_nouns = frozenset(w.get("plural_nouns_after_year", ()))
        self.year_cues = frozenset(w.get("year_cue_words", ()))
        self.lead_drop = tuple(w.get("entity_leading_words_dropped", ()))
        fin = "|".join(map(re.escape, w.get("financial_words", ["net"])))
        self.financial = re.compile(rf"\b(?:{fin})\b")
        self.tense_words = TenseWords(
            frozenset(w.get("future_auxiliaries", ())), frozenset(w.get("prospective_verbs", ())),
            self.event_nouns, {k: frozenset(v) for k, v in
                               w.get("prospective_verbs_with_preposition", {}).items()
                               if not k.startswith("_")})
        self.preposition_tense = {k.lower(): v for k, v in w.get("tense_prepositions", {}).items()
                                  if not k.startswith("_")}
        self.tense_prepositions = re.compile(
            r"\b(" + "|".join(map(re.escape, self.preposition_tense))
            + r")\s+(?:(?:shortly|just|right|soon)\s+)?(?:(?:after|before)\s+)?(?:the\s+)?$", re.I) \
            if self.preposition_tense else None
        self.non_temporal = [
            (re.compile(c["expression"], re.I), re.compile(c.get("before") or ""),
             re.compile(c.get("after") or ""))
            for c in w.get("non_temporal_contexts", ()) if "expression" in c]

    # -- spaCy API --------------------------------------------------------------------------------
    @guarded("timexes")
    def __call__(self, doc: Doc) -> Doc:
        doc._.timexes = self.find(doc)
        return doc

    def pipe(self, stream, batch_size=128):
        for doc in stream:
            yield self(doc)

    # -- recognition ------------------------------------------------------------------------------
    def find(self, doc: Doc) -> list[dict]:
        text = doc.text
        dct = parse_dct(doc._.published)
        G = self.grammar
        cands = []
        for s, e, pat, m in G.scan(text):
            if pat.name == "ref_adj" and not self.reference_adjectives:
                continue
            if not self._context_ok(doc, text, s, e, pat, m):
                continue
            cands.append((s, e, pat, m))
        cands = [strip_blank(text, self._trim_adjectival(text, self._trim_clock_dot(text, c)))
                 for c in cands]
        cands = [c for c in cands if c[0] < c[1]]
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[2].priority, c[0]))
        chosen: list[tuple] = []
        taken = Intervals()
        for c in cands:
            if taken.free(c[0], c[1]):
                taken.add(c[0], c[1])
                chosen.append(c)
        if self.use_ner:
            for ent in doc.ents:
                if ent.label_ not in self.ner_labels:
                    continue
                span = self._trim(text, ent.start_char, ent.end_char)
                if span is None or not taken.free(*span) or self._non_temporal(text, *span):
                    continue
                taken.add(*span)
                chosen.append((span[0], span[1], None, None))
        chosen.sort(key=lambda c: c[0])

        sent_starts = sentence_starts(doc)
        out = []
        ctx: dict = {"quarter_sents": []}  # quarter_sents: the sentences that mention a quarter
        for s, e, pat, m in chosen:
            sid = max(0, bisect.bisect_right(sent_starts, s) - 1)
            span = doc.char_span(s, e, alignment_mode="expand")
            tense = tense_of(span, self.tense_words) if span is not None else None
            sent_lo = sent_starts[sid]
            sent_hi = sent_starts[sid + 1] if sid + 1 < len(sent_starts) else len(text)
            sent_low = text[sent_lo:sent_hi].lower()
            qs = ctx["quarter_sents"]
            ctx["quarter_context"] = "quarter" in sent_low or bool(qs and (
                sid - qs[-1] <= 2 or self.financial.search(sent_low)))
            m_prep = self.tense_prepositions.search(text, max(0, s - 40), s) \
                if self.tense_prepositions else None
            fixed = self.preposition_tense[m_prep.group(1).lower()] if m_prep else None
            if m_prep:  # "since Tuesday", "since shortly after the Oct. 23 slaying"
                if fixed != "NOT_PAST":
                    tense = fixed
                elif tense == PAST:  # "gave them until mid-November": the nearest one
                    tense = None
            # "since January 1" in September: the January before, however far back
            ctx["direction_fixed"] = fixed in (PAST, FUTURE)
            before = text[max(0, s - 10):s].lower()
            ctx["period_end"] = PAST if before.endswith(("ended ", "ended on ")) else (
                FUTURE if before.endswith(("ending ", "ending on ")) else None)
            ctx["sid"] = sid
            ctx["apposition"] = out[-1]["value"] if out and re.fullmatch(  # "Oct. 12, the day ..."
                r",\s*", text[out[-1]["end_char"]:s]) else None
            if pat is not None:
                res = G.evaluate(pat, m, dct, tense, ctx)
            else:
                res = normalize(text[s:e], dct, tense, ctx, grammar=G,
                                use_dateparser=self.use_dateparser)
            if res is None:
                continue
            typ, value = res
            remember(ctx, pat.rule if pat is not None else None, value, sid)
            out.append({"start_char": s, "end_char": e, "text": text[s:e], "type": typ,
                        "value": value, "sentence_id": sid})
        order_ranges(out, text, dct)
        return out

    @staticmethod
    def _trim_clock_dot(text: str, cand: tuple) -> tuple:
        """'at 10 p.m.' ending a sentence: the final period is the sentence's (TimeML extents)."""
        s, e, pat, m = cand
        if text.endswith("m.", s, e) and re.match(r"\s*(?:\n|$|[A-Z\"'])", text[e:e + 3]):
            return s, e - 1, pat, m
        return cand

    def _trim_adjectival(self, text: str, cand: tuple) -> tuple:
        """'a five year plan': the article belongs to the noun, not to the duration."""
        s, e, pat, m = cand
        if pat.rule != "duration" or "unit" not in m.re.groupindex or not m.group("unit"):
            return cand
        unit, num = m.group("unit"), m.groupdict().get("num")
        if unit.lower().endswith("s") or not num:
            return cand
        n = self.grammar.number(num)
        det = re.match(r"(?:a|an|the)\s+", text[s:e], re.I)
        if det and isinstance(n, (int, float)) and n > 1 and m.start("num") == s + det.end():
            return s + det.end(), e, pat, m
        return cand

    def _non_temporal(self, text: str, s: int, e: int) -> bool:
        """True when `text[s:e]` is not a time expression in its context ("minutes apart",
        "high noon", "the March for Life": data/timex_words.json non_temporal_contexts)."""
        for expr, before, after in self.non_temporal:
            if expr.fullmatch(text, s, e) and (not before.pattern or before.search(text[max(0, s - 40):s])) \
                    and (not after.pattern or after.match(text, e)):
                return True
        return False

    def _context_ok(self, doc: Doc, text: str, s: int, e: int, pat, m) -> bool:
        """Context filters the regexes cannot express: counts, ages, money, addresses."""
        if self._non_temporal(text, s, e):
            return False
        after = text[e:e + 12]
        if re.match(r"\s*-?\s*(?:old|olds)\b", after, re.I):  # "52 years old"
            return False
        gd = m.groupdict()
        if (gd.get("unit") or "").lower() == "second" and (gd.get("num") or "").lower() in ("a", "one", "the") \
                and re.match(r"\s+(?!(?:of|or|and|to|in|for|later|ago|before|after|earlier)\b)[A-Za-z]", after):
            return False  # "a second summit", "a second HAWK battery": an ordinal
        if pat.rule == "year" and not gd.get("fiscal") and not gd.get("mod"):
            return year_ok(doc, text, s, e, self.year_cues, self.year_nouns)
        if pat.rule == "duration" and re.match(r"\s+of\s+age\b", after, re.I):
            return False
        return True

    def _trim(self, text: str, s: int, e: int):
        """TimeML extent of an entity: no leading prepositions or adverbs, no possessive."""
        G = self.grammar
        s, e = strip_blank(text, (s, e))
        if _BAD_NER_TEXT.search(text[s:e]):
            return None
        for _ in range(6):
            seg = text[s:e]
            low = seg.lower()
            hit = None
            for p in list(G.excluded_prefixes) + list(self.lead_drop):
                if low.startswith(p + " ") and len(seg) > len(p) + 1:
                    hit = p
                    break
            if hit is None:
                break
            if hit in ("the", "a", "an") and not re.search(r"\d", seg):
                break  # "the past three months", "a year ago": the article belongs
            s += len(hit) + 1
            while s < e and text[s].isspace():
                s += 1
        seg = text[s:e]
        m = _TRAIL_DROP.search(seg)
        if m:
            e = s + m.start()
        while e > s and text[e - 1] in " ,;:.-":
            if text[e - 1] == "." and re.search(r"(?:a\.m|p\.m|\b[A-Z][a-z]{1,3})\.$", text[s:e]):
                break
            e -= 1
        if e <= s or _BAD_NER_TEXT.search(text[s:e]):
            return None
        return s, e
