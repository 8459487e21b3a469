"""How a frame of an output table becomes bytes: CSV and JSONL lines, and the Arrow schema of
Parquet (writers.py has the rules: quoting, formula neutralising, nulls, types).
"""
from __future__ import annotations

import json
import math

import pandas as pd
import pyarrow as pa

from .schema import FLOAT, INT, STR
from .tables import columns, empty_frame

__all__ = ["ARROW_TYPES", "SLICE", "arrow_schema", "csv_bytes", "jsonl_bytes", "neutralise"]

SLICE = 20_000  # rows encoded at a time for CSV / JSONL, to bound memory
ARROW_TYPES = {STR: pa.string(), INT: pa.int64(), FLOAT: pa.float64()}
_TRIGGER = r"[=+\-@\t\r]"
_NUMBER = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_NEEDS_QUOTES = r'[",\r\n]'


def neutralise(values: pd.Series) -> pd.Series:
    """Prefix ' to text cells that a spreadsheet would run as a formula (not to plain numbers)."""
    hit = values.str.match(_TRIGGER).fillna(False) & ~values.str.fullmatch(_NUMBER).fillna(False)
    return values.mask(hit, "'" + values)


def _csv_cells(values: pd.Series, dtype: str, safe: bool) -> pd.Series:
    if dtype != STR:  # Int64 -> "3", Float64 -> repr (round-trips exactly)
        return values.astype(STR).fillna("")
    if safe:
        values = neutralise(values)
    quote = values.str.contains(_NEEDS_QUOTES).fillna(False)
    quoted = '"' + values.str.replace('"', '""', regex=False) + '"'
    return values.mask(quote, quoted).fillna("")


def csv_bytes(frame: pd.DataFrame, schema: dict[str, str], safe: bool) -> bytes:
    # Own encoder: Python's csv module (3.11) leaves a lone CR unquoted when lineterminator="\n".
    if frame.empty:
        return b""
    cells = [_csv_cells(frame[c], d, safe) for c, d in schema.items()]
    lines = cells[0].str.cat(cells[1:], sep=",")
    return ("\n".join(lines.tolist()) + "\n").encode("utf-8")


def _json_values(values: pd.Series, dtype: str) -> list:
    out = values.array.to_numpy(dtype=object, na_value=None).tolist()
    if dtype == FLOAT:
        out = [v if v is None or math.isfinite(v) else None for v in out]
    return out


def jsonl_bytes(frame: pd.DataFrame, schema: dict[str, str]) -> bytes:
    names = list(schema)
    cols = [_json_values(frame[c], d) for c, d in schema.items()]
    lines = [json.dumps(dict(zip(names, row)), ensure_ascii=False, allow_nan=False)
             for row in zip(*cols)]
    return "".join(line + "\n" for line in lines).encode("utf-8")


def arrow_schema(table: str) -> pa.Schema:
    """The fixed Arrow schema of `table`, with pandas metadata so pandas restores the dtypes."""
    fields = [pa.field(c, ARROW_TYPES[d]) for c, d in columns(table).items()]
    meta = pa.Schema.from_pandas(empty_frame(table), preserve_index=False).metadata
    return pa.schema(fields, metadata=meta)
