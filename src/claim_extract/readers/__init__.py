"""Input readers: files and folders -> Articles (CONTRACT.md, "Input" and "Identity").

    check_inputs(inputs)                 raise InputNotFound for an INPUT that does not exist
    count_inputs(inputs)                 check_inputs, then the number of files to be read
    iter_articles(inputs, max_bytes)     every file found -> at least one Article, never raises
    read_file(path, doc_id, max_bytes)   the Articles of one file

A file larger than `max_bytes` is skipped, except JSON Lines (.jsonl, .jsonl.gz), which are
streamed: there the limit applies to each line.

Folders are read recursively in sorted order (by name, depth first), skipping names that start
with "."; symbolic links are followed, but a folder already visited (a loop) is not entered
again. Files that are not regular (FIFOs, devices) are skipped without being opened.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator

from ..article import ERROR, SKIPPED, Article
from .common import bad, one_line, too_large
from .html import read_html
from .jsonl import read_json, read_jsonl_file
from .text import read_text

__all__ = ["InputNotFound", "check_inputs", "count_inputs", "iter_articles", "read_file", "KINDS"]

#: file name endings we read, longest first
KINDS = {".jsonl.gz": "jsonl", ".jsonl": "jsonl", ".json": "json", ".txt": "text",
         ".md": "text", ".html": "html", ".htm": "html"}
_EXPECTED = ", ".join(KINDS)


class InputNotFound(Exception):
    """An INPUT path that does not exist: a usage error."""


def check_inputs(inputs: Iterable[str | os.PathLike]) -> None:
    """Raise InputNotFound("no such file or folder: X") for the first missing INPUT."""
    for item in inputs:
        if not os.path.exists(item):
            raise InputNotFound(f"no such file or folder: {os.fspath(item)}")


def count_inputs(inputs: Iterable[str | os.PathLike]) -> int:
    """Number of files iter_articles will read (for progress bars); checks the INPUTs first."""
    inputs = list(inputs)
    check_inputs(inputs)
    return sum(1 for _ in _files(inputs))


def kind_of(name: str) -> str | None:
    lower = name.lower()
    return next((kind for end, kind in KINDS.items() if lower.endswith(end)), None)


def _unknown(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    ext = base[base.index("."):] if "." in base.lstrip(".") else ""
    what = f"'{ext}'" if ext else "(no extension)"
    return f"unknown file type {what}: expected {_EXPECTED}"


def _reason(e: OSError) -> str:
    return f"cannot read: {e.strerror or e}"


def read_file(path: str, doc_id: str, max_bytes: int = 50_000_000) -> Iterator[Article]:
    """Articles of one file, by its extension. Never raises."""
    try:
        kind = kind_of(path)
        if kind is None:
            yield bad(doc_id, path, SKIPPED, _unknown(doc_id))
            return
        try:
            info = os.stat(path)
        except OSError as e:
            reason = "broken symbolic link" if os.path.islink(path) else _reason(e)
            yield bad(doc_id, path, ERROR, reason)
            return
        if not stat.S_ISREG(info.st_mode):
            yield bad(doc_id, path, SKIPPED, "not a regular file")
            return
        if kind == "jsonl":
            yield from read_jsonl_file(path, doc_id, max_bytes)
            return
        if info.st_size > max_bytes:
            yield bad(doc_id, path, SKIPPED, too_large(info.st_size, max_bytes))
            return
        try:
            with open(path, "rb") as f:
                data = f.read(max_bytes + 1)
        except OSError as e:
            yield bad(doc_id, path, ERROR, _reason(e))
            return
        if len(data) > max_bytes:  # grew since stat
            yield bad(doc_id, path, SKIPPED, too_large(len(data), max_bytes))
        elif kind == "json":
            yield from read_json(data, doc_id, path)
        elif kind == "html":
            yield read_html(data, doc_id, path)
        else:
            yield read_text(data, doc_id, path)
    except Exception as e:  # last guard: a reader bug must not stop the run
        yield bad(doc_id, path, ERROR, f"cannot read ({type(e).__name__}: {one_line(e, 120)})")


def _printable(name: str) -> str:
    """A file name as text: bytes the file system could not decode become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _walk(folder: str, rel: str, seen: set[tuple[int, int]]) -> Iterator[tuple[str, str, str]]:
    """(path, doc_id, reason) of the files under `folder`; reason "" except for a folder that
    cannot be listed."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        yield folder, rel.rstrip("/") or ".", f"cannot list folder: {e.strerror or e}"
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path, doc_id = os.path.join(folder, entry.name), rel + _printable(entry.name)
        try:
            is_dir = entry.is_dir()  # follows symbolic links
            info = os.stat(path) if is_dir else None
        except OSError:
            is_dir = False
        if not is_dir:
            yield path, doc_id, ""
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:  # a symbolic-link loop or a second link to a folder already read
            continue
        seen.add(key)
        yield from _walk(path, f"{doc_id}/", seen)


def iter_articles(inputs: Iterable[str | os.PathLike],
                  max_bytes: int = 50_000_000) -> Iterator[Article]:
    """Every file under the INPUTs -> at least one Article (see the module doc).

    A missing INPUT (call check_inputs first to treat it as a usage error) yields one error
    Article; nothing here raises on bad data.
    """
    for path, doc_id, reason in _files(inputs):
        if reason:
            yield bad(doc_id, path, ERROR, reason)
        else:
            yield from read_file(path, doc_id, max_bytes)


def _files(inputs: Iterable[str | os.PathLike]) -> Iterator[tuple[str, str, str]]:
    """(path, doc_id, reason) of every file under the INPUTs, in reading order."""
    for item in inputs:
        given = os.fspath(item)
        if os.path.isdir(given):
            info = os.stat(given)
            yield from _walk(given, "", {(info.st_dev, info.st_ino)})
        elif os.path.lexists(given):
            yield given, _printable(os.path.basename(given.rstrip("/" + os.sep)) or given), ""
        else:
            yield given, given, f"no such file or folder: {given}"
