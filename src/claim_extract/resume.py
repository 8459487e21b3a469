"""What `run(..., resume=True)` (`--resume`) keeps of an output folder (run.py's module doc).

A document is kept when its doc_id and content_hash are in the folder's `documents` table and
an input still has that doc_id and content: it is skipped, and its rows are copied over. A
document whose content changed is redone; rows of documents without a `documents` row (a killed
checkpoint published them, not yet their `documents` row) are dropped.

The old tables are read twice, in frames of writers.READ_ROWS rows, never whole: the
`documents` table's doc_id and content_hash once to decide, then every table once more to copy
the kept rows (`kept_rows`). So resuming a long run needs about as much memory as the run.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .readers import iter_articles
from .readers.common import one_line
from .rows import content_hash
from .tables import TABLE_NAMES

__all__ = ["ResumeError", "ResumeState", "kept_rows", "resume_state"]


class ResumeError(Exception):
    """`resume=True` cannot use what is in DIR: a one-line reason (a usage error in the CLI)."""


@dataclass
class ResumeState:
    keep: set[str] = field(default_factory=set)  # doc_ids (as written) whose rows are kept
    done: set[tuple[str, str]] = field(default_factory=set)  # (doc_id as written, hash) to skip
    keys: dict[str, str] = field(default_factory=dict)  # doc_id -> doc_id as written


def resume_state(inputs: list, out_dir: Path, fmt: str) -> ResumeState:
    """What to keep of DIR's tables and which inputs to skip. Reads every input once to hash it,
    and the doc_id and content_hash columns of DIR's `documents` table."""
    from .writers import neutralise

    if not (out_dir / f"documents.{fmt}").is_file():
        return ResumeState()
    pairs: set[tuple[str, str]] = set()
    for frame in _frames(out_dir / f"documents.{fmt}", "documents"):
        pairs.update(zip(frame["doc_id"].fillna("").tolist(), frame["content_hash"].fillna("").tolist()))
    current: dict[str, set[str]] = {}
    for article in iter_articles(inputs):
        current.setdefault(article.doc_id, set()).add(content_hash(article))
    ids = pd.Series(list(current), dtype="string")
    written = neutralise(ids) if fmt == "csv" else ids  # CSV cells as the writer wrote them
    keys = dict(zip(ids.tolist(), written.tolist()))
    hashes: dict[str, set[str]] = {}
    for key, raw in zip(written.tolist(), ids.tolist()):
        hashes.setdefault(key, set()).update(current[raw])
    stale = {d for d, h in pairs if d in hashes and h not in hashes[d]}
    keep = {d for d, _ in pairs} - stale
    done = {(d, h) for d, h in pairs if d in keep and h}
    return ResumeState(keep, done, keys)


def kept_rows(out_dir: Path, fmt: str, keep: set[str]) -> Iterator[tuple[str, pd.DataFrame]]:
    """(table, frame) of the rows of kept documents in DIR's tables, in table and file order."""
    for name in TABLE_NAMES:
        path = out_dir / f"{name}.{fmt}"
        if not path.is_file():
            continue
        for frame in _frames(path, name):
            mask = frame["doc_id"].isin(keep).fillna(False).to_numpy(dtype=bool)
            yield name, frame[mask]


def _frames(path: Path, name: str) -> Iterator[pd.DataFrame]:
    from .writers import iter_table

    try:
        yield from iter_table(path, name)
    except Exception as e:  # noqa: BLE001 - any unreadable table is a usage error here
        raise ResumeError(f"cannot resume: {path} cannot be read "
                          f"({type(e).__name__}: {one_line(e, 120)})") from None
