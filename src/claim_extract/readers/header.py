"""Split a text file into its header (metadata) and its body.

Forms (CONTRACT.md, "Input"):

* a block of `key: value` or `date YYYY-MM-DD` lines at the top, then blank line(s), then the
  body. The body starts at the first non-blank line after the block, exactly where the
  scorers' `body_start` puts it. Safer than the scorers: the block must hold at least one
  known key (data/header_keys.txt) and be followed by a blank line (or end the file), so
  "THE PRESIDENT: Thank you." opening a transcript is body, not header;
* the date inline before the body, as in the seed: ` date 2024-03-25 Amid growing ...`;
* YAML-style front matter between two `---` lines (Markdown), same key rule.

Lines are split like `str.splitlines` (the scorers do so), so CRLF files work and the body is
always `raw[offset:]`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

INLINE_DATE = re.compile(r"\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]+(?=\S)")
DATE_LINE = re.compile(r"\s*date\s+(\d{4}-\d{2}-\d{2})\s*$")
KEY_LINE = re.compile(r"\s*([A-Za-z_][\w -]{0,30}):(.*)$", re.S)
FENCE = re.compile(r"---\s*$")


@lru_cache(maxsize=1)
def known_keys() -> frozenset[str]:
    """The header keys of data/header_keys.txt."""
    text = resources.files("claim_extract").joinpath("data/header_keys.txt").read_text("utf-8")
    keys = (line.strip().lower() for line in text.splitlines())
    return frozenset(k for k in keys if k and not k.startswith("#"))


def norm_key(key: str) -> str:
    return re.sub(r"[\s\-]+", "_", key.strip().lower())


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _header_line(line: str) -> tuple[str, str] | None:
    """(key, value) of a header line, or None."""
    m = DATE_LINE.match(line)
    if m:
        return "date", m[1]
    m = KEY_LINE.match(line)
    if m:
        return norm_key(m[1]), _unquote(m[2])
    return None


def _skip_blank(lines: list[str], i: int, pos: int) -> tuple[int, int]:
    while i < len(lines) and not lines[i].strip():
        pos += len(lines[i])
        i += 1
    return i, pos


def _block(lines: list[str], i: int) -> tuple[dict[str, str], int, int]:
    """Header lines from line i: (meta, next line index, characters consumed)."""
    meta: dict[str, str] = {}
    pos = 0
    while i < len(lines) and lines[i].strip():
        kv = _header_line(lines[i])
        if kv is None:
            break
        meta.setdefault(*kv)
        pos += len(lines[i])
        i += 1
    return meta, i, pos


def _is_header(meta: dict[str, str]) -> bool:
    return bool(known_keys().intersection(meta))


def _front_matter(raw: str, lines: list[str]) -> tuple[dict[str, str], str, int] | None:
    if not lines or not FENCE.match(lines[0]):
        return None
    meta, i, pos = _block(lines, 1)
    if i >= len(lines) or not FENCE.match(lines[i]) or not _is_header(meta):
        return None
    _, offset = _skip_blank(lines, i + 1, len(lines[0]) + pos + len(lines[i]))
    return meta, raw[offset:], offset


def parse_header(raw: str) -> tuple[dict[str, str], str, int]:
    """`(metadata, body, body_offset)` of a text file; `body == raw[body_offset:]`.

    Metadata keys are lower case with `_` for spaces and hyphens; the first value of a
    repeated key wins. No header -> `({}, raw, 0)`.
    """
    m = INLINE_DATE.match(raw)
    if m:
        return {"date": m[1]}, raw[m.end():], m.end()
    lines = raw.splitlines(keepends=True)
    front = _front_matter(raw, lines)
    if front is not None:
        return front
    meta, i, pos = _block(lines, 0)
    if i == 0 or not _is_header(meta):
        return {}, raw, 0
    if i < len(lines) and not lines[i].strip():
        _, offset = _skip_blank(lines, i, pos)
    elif i == len(lines):  # header only, no body
        offset = pos
    else:  # a line that is not a header line follows without a blank line: not a header
        return {}, raw, 0
    return meta, raw[offset:], offset
