"""Column views of the claims table: a short table for spreadsheets next to the full one.

A view never replaces `claims`: the contract's claims table is always written whole, and a view
goes to its own file, `claims_view.<fmt>` (see writers.write_view). `--columns` on the command
line takes a comma list of claims columns, or the name of a view:

    analyst   speaker_name, claim_type, stance, target, said_on, claim
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .tables import columns, conform

__all__ = ["ANALYST", "VIEWS", "VIEW_NAME", "claims_view", "resolve_columns"]

#: the documented short "analyst view" of the claims table
ANALYST: tuple[str, ...] = ("speaker_name", "claim_type", "stance", "target", "said_on", "claim")
VIEWS: dict[str, tuple[str, ...]] = {"analyst": ANALYST}
#: file name (without suffix) a view is written to
VIEW_NAME = "claims_view"


def resolve_columns(spec: str | Iterable[str]) -> list[str]:
    """'analyst' or 'a,b,c' (or a list of names) -> the claims columns, in the order given.

    Raises ValueError naming the unknown columns and the valid ones; duplicates are dropped.
    """
    if isinstance(spec, str):
        key = spec.strip().lower()
        if key in VIEWS:
            return list(VIEWS[key])
        names = [part.strip() for part in spec.split(",")]
    else:
        names = [str(part).strip() for part in spec]
    names = [n for n in names if n]
    if not names:
        raise ValueError("--columns needs at least one column name (or 'analyst')")
    known = columns("claims")
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown claims column{'s' if len(unknown) > 1 else ''} "
                         f"{', '.join(map(repr, unknown))}; expected 'analyst' or names from: "
                         f"{', '.join(known)}")
    return list(dict.fromkeys(names))


def claims_view(claims: pd.DataFrame, spec: str | Iterable[str] = "analyst") -> pd.DataFrame:
    """The claims frame cut down to the view's columns, with the schema's dtypes."""
    names = resolve_columns(spec)
    return conform("claims", claims)[names]


def view_schema(spec: str | Iterable[str]) -> dict[str, str]:
    """Column -> dtype of a view (a slice of the claims schema)."""
    known = columns("claims")
    return {name: known[name] for name in resolve_columns(spec)}
