"""Shared helpers of the knowledge loaders: reading our TSV data files and normalising names.

Data files live in ``claim_extract/data`` and are read with importlib.resources, so they are
found in a source checkout and in an installed wheel alike.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bb": "'", "\u02bc": "'", "\u201c": '"',
                         "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_EDGE = " \t\n\"'`,;:()[]{}*"
_POSSESSIVE = re.compile(r"(?:'s|s')$")
# names memoised by fold/clean/key: mentions repeat within a document and across documents, and
# a few thousand entries hold a document's names and the frequent ones. About 0.2 KB an entry
# (tracemalloc): 65,536 each, as before, filled up only after about 1,000 documents of the White
# House corpus and then held about 40 MB, memory that a long run gained over a short one.
_CACHE = 1 << 13
_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Za-z.+&-]{2,8}$")


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of ``data/<name>`` as dicts keyed by the header line; '#' lines and blank lines skipped."""
    text = resources.files("claim_extract").joinpath("data", name).read_text(encoding="utf-8")
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        cells += [""] * (len(header) - len(cells))
        rows.append({k: v.strip() for k, v in zip(header, cells)})
    return rows


def split_list(cell: str) -> list[str]:
    """A |-separated cell as a list of non-empty, stripped strings."""
    return [p.strip() for p in cell.split("|") if p.strip()]


@functools.lru_cache(maxsize=_CACHE)
def fold(text: str) -> str:
    """Diacritics removed, typographic quotes and dashes made ASCII, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip()


@functools.lru_cache(maxsize=_CACHE)
def clean(text: str) -> str:
    """A mention as we look it up: folded, without edge punctuation, possessive or a leading 'the'."""
    text = fold(text).strip(_EDGE)
    text = _POSSESSIVE.sub("", text).strip(_EDGE)
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    return text


def is_case_sensitive(alias: str) -> bool:
    """Short all-caps forms (US, U.S., ROK, DPRK, WHO, NATO) only match with the same letter case."""
    return bool(_ACRONYM.match(alias)) and " " not in alias


@functools.lru_cache(maxsize=_CACHE)
def key(text: str) -> str:
    return fold(text).casefold()


class NameIndex:
    """Maps written forms to values with our case rules.

    Forms that are short all-caps acronyms match case-sensitively (``US`` but not ``us``; a
    title-cased ``Nato`` is accepted for acronyms of four letters or more). Other forms match
    case-insensitively, except that an all-lowercase mention never matches a capitalised form
    (``china``, ``turkey`` and ``polish`` are words, not countries).
    """

    def __init__(self) -> None:
        self._exact: dict[str, object] = {}
        self._folded: dict[str, object] = {}

    def add(self, alias: str, value: object, override: bool = True) -> None:
        alias = fold(alias)
        if not alias:
            return
        for form in {alias, clean(alias)} - {""}:
            table, k = (self._exact, form) if is_case_sensitive(form) else (self._folded, key(form))
            if override or k not in table:
                table[k] = value

    def get(self, text: str) -> object | None:
        first = fold(text).strip(_EDGE)
        for form in dict.fromkeys([first, clean(text), first.rstrip("."), clean(text).rstrip(".")]):
            if not form:
                continue
            if form in self._exact:
                return self._exact[form]
            letters = form.replace(".", "")
            if len(letters) >= 4 and letters.istitle() and form.upper() in self._exact:
                return self._exact[form.upper()]
            if form.islower():
                continue
            hit = self._folded.get(key(form))
            if hit is not None:
                return hit
        return None

    def __contains__(self, text: str) -> bool:
        return self.get(text) is not None
