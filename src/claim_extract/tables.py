"""Typed pandas frames for the four output tables (columns and dtypes come from schema.py).

`to_frame` turns the plain row dicts of rows.py into a frame with exactly the schema's columns, in
schema order, with the schema dtypes; `conform` does the same for a frame built elsewhere.
Missing keys and None become <NA>, keys not in the schema are dropped, and an empty string in a
text column becomes <NA> too (a CSV cell cannot tell the two apart, so no format does).
`Tables` holds the four frames; it is what the Python API returns to notebooks.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import pandas as pd

from .schema import STR, TABLES

__all__ = ["TABLE_NAMES", "Tables", "columns", "conform", "empty_frame", "to_frame"]

TABLE_NAMES: tuple[str, ...] = tuple(TABLES)


def columns(table: str) -> dict[str, str]:
    """The schema of `table`: column -> pandas dtype, in output order."""
    try:
        return TABLES[table]
    except KeyError:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLE_NAMES)}") from None


def _typed(table: str, column: str, values, dtype: str):
    """`values` (a list or array) as a pandas extension array of `dtype`; '' -> <NA> for text."""
    try:
        array = pd.array(values, dtype=dtype)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{table}.{column}: cannot convert to {dtype}: {error}") from error
    if dtype == STR and len(array):
        array[array == ""] = pd.NA  # the mask is <NA> where the value is <NA>; treated as False
    return array


def _frame(table: str, data: dict, n: int) -> pd.DataFrame:
    return pd.DataFrame(data, index=pd.RangeIndex(n), columns=list(columns(table)))


def empty_frame(table: str) -> pd.DataFrame:
    """A frame with no rows and the schema's columns and dtypes."""
    schema = columns(table)
    return _frame(table, {c: pd.array([], dtype=d) for c, d in schema.items()}, 0)


def to_frame(table: str, rows: Iterable[Mapping]) -> pd.DataFrame:
    """Rows (dicts, possibly sparse) -> a frame with exactly the schema's columns and dtypes.

    The row order is kept and the index is a fresh RangeIndex, so the same rows always give the
    same frame. Values that cannot take the column's type (e.g. 'x' or 2.5 in an Int64 column)
    raise ValueError naming the column; other values in text columns are turned into str.
    """
    schema = columns(table)
    rows = rows if isinstance(rows, list) else list(rows)
    data = {c: _typed(table, c, [r.get(c) for r in rows], d) for c, d in schema.items()}
    return _frame(table, data, len(rows))


def conform(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A frame (any column order, extra or missing columns, loose dtypes) -> the schema's shape.

    Returns a new frame with a RangeIndex; the input is not modified.
    """
    schema = columns(table)
    n = len(frame)
    data = {}
    for c, d in schema.items():
        if c in frame.columns:
            values = frame[c].array
            if d != STR and values.dtype != d:  # numbers: go through object so '' / None / NaN all become <NA>
                values = [None if (v is None or v is pd.NA or v != v or v == "") else v
                          for v in frame[c].to_numpy(dtype=object)]
            data[c] = _typed(table, c, values, d)
        else:
            data[c] = pd.array([None] * n, dtype=d)
    return _frame(table, data, n)


def _empty(name: str):
    return field(default_factory=lambda: empty_frame(name))


@dataclass(eq=False)
class Tables:
    """The four output tables of a run. Iterating gives (name, frame) pairs, so dict(t) works."""

    claims: pd.DataFrame = _empty("claims")
    timexes: pd.DataFrame = _empty("timexes")
    entities: pd.DataFrame = _empty("entities")
    documents: pd.DataFrame = _empty("documents")

    @classmethod
    def from_rows(cls, **rows: Iterable[Mapping]) -> Tables:
        """Tables(claims=to_frame('claims', rows['claims']), ...); tables not given are empty."""
        for name in rows:
            columns(name)
        return cls(**{name: to_frame(name, r) for name, r in rows.items()})

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        return [(name, getattr(self, name)) for name in TABLE_NAMES]

    def __iter__(self) -> Iterator[tuple[str, pd.DataFrame]]:
        return iter(self.items())

    def __getitem__(self, name: str) -> pd.DataFrame:
        columns(name)
        return getattr(self, name)

    def __len__(self) -> int:
        return len(TABLE_NAMES)

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(frame):,}" for name, frame in self.items())
        return f"Tables({counts} rows)"
