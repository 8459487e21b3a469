"""Reading the package's data files (TSV lexicons and knowledge) in one way."""
from __future__ import annotations

import csv
import functools
from importlib import resources


@functools.lru_cache(maxsize=None)
def read_tsv(name: str) -> tuple[dict, ...]:
    """Rows of `data/NAME` as dicts; lines starting with '#' are comments."""
    text = resources.files("claim_extract").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@functools.lru_cache(maxsize=None)
def read_lines(name: str) -> tuple[str, ...]:
    """Non-empty lines of `data/NAME`, without comments, stripped and lower-cased."""
    text = resources.files("claim_extract").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))
