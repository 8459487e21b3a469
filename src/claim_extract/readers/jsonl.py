"""JSON (.json: one object or a list of objects) and JSON Lines (.jsonl, .jsonl.gz).

Each object is an article: text in `text`/`body`/`content` (the first present; offsets point
into that string), date in `date`/`published`, also `title`, `url`, `source`, `id` (-> ext_id).
A bad object or line becomes an Article with status error (or empty) and a reason naming the
line ("JSON line 12: missing text field"); the good ones are still yielded. JSON Lines are
streamed; there `max_bytes` limits each line, not the file. Blank lines are ignored; `#N` in
doc_id counts the non-blank lines (articles), bad ones included.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import zlib
from collections.abc import Iterable, Iterator

from ..article import EMPTY, ERROR, SKIPPED, Article
from .common import bad, empty_reason, meta_fields, one_line
from .decode import BINARY, DecodeError, decode

TEXT_KEYS = ("text", "body", "content")
_TEXT_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)


def from_object(obj: object, doc_id: str, path: str, where: str) -> Article:
    """The Article of one JSON value; `where` ("JSON line 3") starts every reason."""
    if not isinstance(obj, dict):
        return bad(doc_id, path, ERROR, f"{where}: not a JSON object")
    key = next((k for k in TEXT_KEYS if obj.get(k) is not None), None)
    if key is None:
        return bad(doc_id, path, ERROR, f"{where}: missing text field")
    text = obj[key]
    if not isinstance(text, str):
        return bad(doc_id, path, ERROR, f"{where}: {key} field is not a string")
    fields = meta_fields(obj, f"{where}:")
    if not text.strip():
        article = bad(doc_id, path, EMPTY, f"{where}: {key} field is empty")
        article.warnings = fields.pop("warnings")
        for name, value in fields.items():
            setattr(article, name, value)
        return article
    return Article(doc_id=doc_id, path=path, body=text, **fields)


def _loads(text: str, where: str) -> tuple[object, str | None]:
    try:
        return json.loads(text), None
    except json.JSONDecodeError as e:
        return None, f"{where}: not valid JSON ({e.msg})"
    except (ValueError, RecursionError) as e:
        return None, f"{where}: not valid JSON ({one_line(e, 80)})"


def _line_text(line: bytes | str, max_bytes: int) -> tuple[str, str | None, str]:
    """(text, reason, status) of one line: reason None when the text can be parsed."""
    if len(line) > max_bytes:
        return "", f"larger than the limit of {max_bytes:,} bytes", SKIPPED
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            return "", "not UTF-8 text", ERROR
    return line.removeprefix("\ufeff"), None, ERROR


def read_lines(lines: Iterable[bytes | str], doc_id: str, path: str,
               max_bytes: int = 50_000_000) -> Iterator[Article]:
    """Articles of JSON Lines; never raises on bad lines. At least one Article."""
    n = 0
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        n += 1
        where, this_id = f"JSON line {lineno}", f"{doc_id}#{n}"
        text, reason, status = _line_text(line, max_bytes)
        if reason is None:
            obj, reason = _loads(text, where)
        else:
            reason = f"{where}: {reason}"
        if reason:
            yield bad(this_id, path, status, reason)
        else:
            yield from_object(obj, this_id, path, where)
    if n == 0:
        yield bad(doc_id, path, EMPTY, "no JSON lines, only blank ones")


def read_json(data: bytes, doc_id: str, path: str) -> Iterator[Article]:
    """Articles of a .json file: an object -> one Article; a list -> one per item (#N)."""
    try:
        text, _ = decode(data)
    except DecodeError as e:
        yield bad(doc_id, path, e.status, e.reason)
        return
    reason = empty_reason(text)
    if reason:
        yield bad(doc_id, path, EMPTY, reason)
        return
    obj, reason = _loads(text, "JSON")
    if reason and "Extra data" in reason:  # JSON Lines in a .json file
        yield from read_lines(text.split("\n"), doc_id, path)
    elif reason:
        yield bad(doc_id, path, ERROR, reason)
    elif isinstance(obj, list):
        if not obj:
            yield bad(doc_id, path, EMPTY, "JSON list is empty")
        for i, item in enumerate(obj, 1):
            yield from_object(item, f"{doc_id}#{i}", path, f"JSON item {i}")
    else:
        yield from_object(obj, doc_id, path, "JSON")


def _bounded_lines(f, max_bytes: int) -> Iterator[bytes | str]:
    """Lines of `f`, each cut at max_bytes + 1 (the rest of a longer line is skipped)."""
    while True:
        line = f.readline(max_bytes + 1)
        if not line:
            return
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > max_bytes and not line.endswith(newline):
            while True:  # drop the rest of the long line
                rest = f.readline(max_bytes)
                if not rest or rest.endswith(newline):
                    break
        yield line


def read_jsonl_file(path: str | os.PathLike, doc_id: str,
                    max_bytes: int = 50_000_000) -> Iterator[Article]:
    """Articles of a .jsonl or .jsonl.gz file, streamed. Never raises."""
    shown = os.fspath(path)
    gz = shown.lower().endswith(".gz")
    n_lines = 0
    try:
        with (gzip.open(path, "rb") if gz else open(path, "rb")) as f:
            head = f.peek(4096)[:4096]
            enc = next((e for bom, e in _TEXT_BOMS if head.startswith(bom)), None)
            if enc is None and b"\x00" in head:
                yield bad(doc_id, shown, SKIPPED, BINARY)
                return
            source = io.TextIOWrapper(f, encoding=enc, errors="replace") if enc else f
            for article in read_lines(_bounded_lines(source, max_bytes), doc_id, shown, max_bytes):
                n_lines += 1
                yield article
    except (OSError, EOFError, zlib.error) as e:
        what = "gzip file" if gz else "file"
        where = f" after {n_lines} article(s)" if n_lines else ""
        reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
        yield bad(doc_id, shown, ERROR, f"cannot read {what}{where}: {reason}")
