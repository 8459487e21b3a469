"""Tables → one self-contained HTML review page (`claim-extract report OUT_DIR`).

The page shows each document's text with every claim's speaker, cue, content and time expression
underlined in displaCy's "span" style (stacked bars with a label at the start of each span), and
next to it a table of the claims that sorts and filters by speaker, country, type, stance and
document, with a link from each row to its place in the text (and back: click a highlighted word).

The page is one file: CSS and JavaScript are inlined from `data/report/` (template, stylesheet,
script), nothing is fetched from the network. Everything that comes from the input (texts, names,
claims, titles, URLs) is HTML-escaped; a source URL becomes a link only when it is http(s).

The tables do not hold the texts, so the page re-reads each document from `documents.path` with
the same readers as the run (offsets refer to the body as read). A relative path is looked up
from the current folder, then from the run folder's parent, then from any `base_dirs` given. A
document whose file is missing, or whose text no longer matches the claims' offsets, is shown as
the list of its claims' sentences instead, with a note saying why.

    from claim_extract.report import write_report
    write_report("out")                         # out/report.html from out/claims.csv, ...
    write_report(tables, "review.html")         # from a Tables object (claim_extract.extract)
"""
from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd

from .prepare import unwrap
from .readers import kind_of, read_file
from .tables import Tables, conform

__all__ = ["load_texts", "render_report", "write_report"]

#: span kinds, in the order they are stacked under a word when they start together
KINDS = ("speaker", "cue", "content", "time")
_STANCES = ("support", "oppose", "neutral")
_SPACE = re.compile(r"\s+")
_PIECES = re.compile(r"\S+[^\S\n]*|[^\S\n]+|\n+")  # words with their trailing blanks; line breaks
_PARAGRAPH = re.compile(r"[^\S\n]*\n(?:[^\S\n]*\n)+\s*")  # a blank line (and the blanks around it)
_PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
_JSONL_ID = re.compile(r"#\d+$")


def esc(value) -> str:
    """HTML text for a cell: <NA>/None -> '', everything else escaped (quotes too)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True)


def _fold(text) -> str:
    return _SPACE.sub(" ", str(text or "")).strip()


def _int(value) -> int | None:
    try:
        if value is None or value is pd.NA or value != value:
            return None
        return int(value)
    except (TypeError, ValueError):
        return None


def _asset(name: str) -> str:
    return resources.files("claim_extract").joinpath("data", "report", name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# texts

def _candidates(path: str, base_dirs: Iterable[Path]) -> list[Path]:
    given = Path(path)
    if given.is_absolute():
        return [given]
    return [Path.cwd() / given] + [Path(base) / given for base in base_dirs]


def load_texts(documents: pd.DataFrame, base_dirs: Iterable[str | os.PathLike] = ()) -> tuple[dict, dict]:
    """Re-read the bodies of the `ok` documents: ({doc_id: body}, {doc_id: why not found})."""
    base_dirs = [Path(b) for b in base_dirs]
    texts, missing = {}, {}
    wanted: dict[str, list[str]] = {}
    for doc_id, path, status in zip(documents["doc_id"], documents["path"], documents["status"]):
        if status != "ok" or doc_id is pd.NA:
            continue
        if path is pd.NA or not str(path):
            missing[doc_id] = "the run did not read it from a file"
            continue
        wanted.setdefault(str(path), []).append(doc_id)
    for path, doc_ids in wanted.items():
        found = next((p for p in _candidates(path, base_dirs) if p.is_file()), None)
        if found is None:
            for doc_id in doc_ids:
                missing[doc_id] = f"file not found: {path}"
            continue
        base = doc_ids[0]
        if kind_of(path) in ("jsonl", "json"):
            base = _JSONL_ID.sub("", base)
        bodies = {a.doc_id: a.body for a in read_file(str(found), base) if a.ok}
        for doc_id in doc_ids:
            if doc_id in bodies:
                texts[doc_id] = bodies[doc_id]
            else:
                missing[doc_id] = f"not found in {path}"
    return texts, missing


# ---------------------------------------------------------------------------------------------
# spans

@dataclass
class Span:
    start: int
    end: int
    kind: str  # speaker, cue, content, time
    cls: str   # colour class: k-speaker, k-cue, k-time, k-support/oppose/neutral/unknown
    label: str
    rows: list[str] = field(default_factory=list)
    slot: int = 0


def _stance_class(stance) -> str:
    return f"k-{stance}" if stance in _STANCES else "k-unknown"


def _claim_time(row, timexes: pd.DataFrame, start: int, end: int) -> tuple[int, int, str] | None:
    """The time expression of a claim: the timex inside its content whose text is date_text."""
    date_text = row.get("date_text")
    if date_text is pd.NA or date_text is None or not str(date_text).strip() or timexes.empty:
        return None
    inside = timexes[(timexes["start_char"] >= start) & (timexes["end_char"] <= end)]
    if inside.empty:
        return None
    same = inside[inside["text"].map(_fold) == _fold(date_text)]
    best = (same if not same.empty else inside).iloc[0]
    return int(best["start_char"]), int(best["end_char"]), esc(best["value"])


def claim_spans(claims: pd.DataFrame, timexes: pd.DataFrame, body: str) -> tuple[list[Span], dict[int, list[str]], list[str]]:
    """Spans to highlight in one document, the row anchors by offset, and the ids of rows whose
    content does not match the body (text changed since the run)."""
    n = len(body)
    spans: dict[tuple[int, int, str, str], Span] = {}
    anchors: dict[int, list[str]] = {}
    stale = []

    def add(start, end, kind, cls, label, rid):
        if start is None or end is None or not 0 <= start < end <= n:
            return None
        span = spans.setdefault((start, end, kind, cls), Span(start, end, kind, cls, label))
        if rid not in span.rows:
            span.rows.append(rid)
        if kind == "content" and label not in span.label.split("/"):
            span.label += "/" + label
        return start

    for row in claims.to_dict("records"):
        rid = row["_rid"]
        start, end = _int(row["start_char"]), _int(row["end_char"])
        if start is None or end is None or not 0 <= start < end <= n or _fold(body[start:end]) != _fold(row["claim"]):
            stale.append(rid)
            continue
        firsts = [add(start, end, "content", _stance_class(row["stance"]), esc(row["claim_type"]) or "CLAIM", rid),
                  add(_int(row.get("speaker_start")), _int(row.get("speaker_end")), "speaker", "k-speaker", "SPEAKER", rid),
                  add(_int(row.get("cue_start")), _int(row.get("cue_end")), "cue", "k-cue", "CUE", rid)]
        time = _claim_time(row, timexes, start, end)
        if time:
            add(time[0], time[1], "time", "k-time", f"TIME {time[2]}".strip(), rid)
        anchors.setdefault(min(f for f in firsts if f is not None), []).append(rid)
    ordered = sorted(spans.values(), key=lambda s: (s.start, -s.end, KINDS.index(s.kind)))
    ends: list[int] = []  # end offset of the last span in each slot (greedy interval colouring)
    for span in ordered:
        slot = next((i for i, e in enumerate(ends) if e <= span.start), len(ends))
        if slot == len(ends):
            ends.append(span.end)
        else:
            ends[slot] = span.end
        span.slot = slot
    return ordered, anchors, stale


def render_text(body: str, spans: list[Span], anchors: Mapping[int, list[str]]) -> str:
    """The body as HTML, one <div class="p"> per paragraph: plain escaped text, and inside spans
    one element per word carrying a bar per active span (displaCy's span style), the label on
    the span's first word. A paragraph's line height grows with the bars stacked in it."""
    display = unwrap(body)  # hard wraps joined, control characters blanked; same length
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(display)]
    paragraphs, pos = [], 0
    for a, b in breaks + [(len(display), len(display))]:
        paragraphs.append((pos, a))
        pos = b
    by_start: dict[int, list[Span]] = {}
    for span in spans:
        by_start.setdefault(span.start, []).append(span)
    anchor_at: dict[int, list[str]] = {}
    for at, rids in anchors.items():  # an anchor inside a paragraph break goes to the next paragraph
        home = next((p for p, q in paragraphs if at < q or (at == p == q)), paragraphs[-1][0])
        anchor_at.setdefault(max(at, home), []).extend(rids)
    out = []
    active: list[Span] = []
    for p_start, p_end in paragraphs:
        slots = 1 + max((s.slot for s in spans if s.start < p_end and s.end > p_start), default=-1)
        out.append(f'<div class="p" data-start="{p_start}" style="--slots:{slots}">')
        active = [s for s in spans if s.start < p_start < s.end]  # spans coming from the paragraph before
        inner = {p_start, p_end, *(x for x in anchor_at if p_start <= x < p_end)}
        inner.update(x for s in spans for x in (s.start, s.end) if p_start < x < p_end)
        bounds = sorted(inner)
        for a, b in zip(bounds, bounds[1:]):
            out.extend(f'<a class="anchor" id="at-{rid}"></a>' for rid in anchor_at.get(a, ()))
            active = [s for s in active if s.end > a] + by_start.get(a, [])
            out.append(_segment(display[a:b], a, active))
        out.extend(f'<a class="anchor" id="at-{rid}"></a>' for rid in anchor_at.get(p_end, ()) if p_end == p_start)
        out.append("</div>")
    return "".join(out)


def _segment(text: str, at: int, active: list[Span]) -> str:
    """Text between two span boundaries: escaped as is, or word by word with the active bars."""
    if not active:
        return html.escape(text, quote=False)
    active = sorted(active, key=lambda s: s.slot)
    rows = " ".join(dict.fromkeys(r for s in active for r in s.rows))
    content = " c" if any(s.kind == "content" for s in active) else ""
    out, first = [], True
    for piece in _PIECES.findall(text):
        if "\n" in piece:  # a line break inside a paragraph: no bars under it
            out.append(html.escape(piece, quote=False))
            continue
        marks = []
        for s in active:
            style = f' style="--s:{s.slot}"'
            marks.append(f'<i class="b {s.cls}"{style}></i>')
            if first and s.start == at:
                marks.append(f'<b class="l {s.cls}"{style}>{s.label}</b>')
        first = False
        out.append(f'<span class="sg{content}" data-r="{rows}">{html.escape(piece, quote=False)}{"".join(marks)}</span>')
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# page parts

def _cell(value, cls: str) -> str:
    return f'<td class="{cls}">{esc(value)}</td>'


def _row(rid: str, n: int, doc_index: int, doc_label: str, row: dict, linked: bool) -> str:
    attrs = {
        "id": rid, "data-n": n, "data-doc": doc_index, "data-speaker": row["speaker_name"],
        "data-country": row["speaker_country"], "data-type": row["claim_type"],
        "data-stance": row["stance"], "data-said": row["said_on"], "data-sentence": row["sentence"],
    }
    attr = " ".join(f'{k}="{esc(v)}"' for k, v in attrs.items())
    href = f"#at-{rid}" if linked else f"#d{doc_index}"
    mention = "" if _fold(row["speaker"]) == _fold(row["speaker_name"]) else f"<small>{esc(row['speaker'])}</small>"
    stance = esc(row["stance"])
    target = esc(row["target"]) + (f" <small>{esc(row['target_country'])}</small>" if esc(row["target_country"]) else "")
    when = esc(row["said_on"]) + (f"<small>{esc(row['date_text'])}</small>" if esc(row["date_text"]) else "")
    return (f"<tr {attr}>"
            f'<td><a class="go" href="{href}" title="show in the text">↗</a></td>'
            f'<td class="doc" title="{esc(row["doc_id"])}">{esc(doc_label)}</td>'
            f'<td class="speaker">{esc(row["speaker_name"]) or esc(row["speaker"])}{mention}</td>'
            f'{_cell(row["speaker_country"], "country")}'
            f'<td class="type">{esc(row["claim_type"])}<small title="cue">{esc(row["cue"])}</small></td>'
            f'<td class="stance"><span class="st {stance}">{stance}</span></td>'
            f'<td class="target">{target}</td>'
            f'<td class="said">{when}</td>'
            f'{_cell(row["claim"], "claim")}</tr>')


def _select(name: str, label: str, values: pd.Series, names: Mapping[str, str] | None = None) -> str:
    """A filter: one option per value (with its count), sorted by name unless `names` (value ->
    shown name) gives the order."""
    counts = values.dropna().astype(str).value_counts()
    keys = sorted(counts.index, key=str.lower) if names is None else [k for k in names if k in counts]
    options = ['<option value="">all</option>']
    for key in keys:
        text = key if names is None else names[key]
        options.append(f'<option value="{esc(key)}">{esc(text)} ({counts[key]})</option>')
    return f'<label>{esc(label)} <select name="{name}">{"".join(options)}</select></label>'


def _safe_url(url) -> str:
    url = "" if url is None or url is pd.NA else str(url).strip()
    return url if re.match(r"https?://", url, re.IGNORECASE) else ""


def render_report(tables: Tables, texts: Mapping[str, str] | None = None, *, title: str | None = None,
                  base_dirs: Iterable[str | os.PathLike] = ()) -> str:
    """The review page as a string. `texts` ({doc_id: body}) overrides reading the documents
    from their files (needed for tables made from strings with extract(texts=...))."""
    claims = conform("claims", tables.claims)
    timexes = conform("timexes", tables.timexes)
    documents = conform("documents", tables.documents)
    found, missing = load_texts(documents, base_dirs)
    if texts:
        found.update(texts)
        for doc_id in texts:
            missing.pop(doc_id, None)
    # documents in table order; claims of documents absent from `documents` get a section too
    order = list(dict.fromkeys([*documents.loc[documents["status"] == "ok", "doc_id"].dropna(),
                                *claims["doc_id"].dropna()]))
    index = {doc_id: i for i, doc_id in enumerate(order)}
    meta = {d["doc_id"]: d for d in documents.to_dict("records")}
    claims = claims[claims["doc_id"].isin(index)].copy()
    claims["_doc"] = claims["doc_id"].map(index)
    claims["_pos"] = claims["start_char"].fillna(-1)
    claims = claims.sort_values(["_doc", "_pos"], kind="stable").reset_index(drop=True)
    claims["_rid"] = [f"r{i}" for i in range(len(claims))]

    sections, toc, linked = [], [], set()
    for doc_id in order:
        i = index[doc_id]
        doc_claims = claims[claims["doc_id"] == doc_id]
        info = meta.get(doc_id, {})
        heading = esc(info.get("title")) or esc(doc_id)
        url = _safe_url(info.get("url"))
        bits = [esc(doc_id), esc(info.get("published")), f"{len(doc_claims)} claim{'s' * (len(doc_claims) != 1)}"]
        if url:
            bits.append(f'<a href="{esc(url)}" rel="noreferrer noopener" target="_blank">source</a>')
        head = f'<h2>{heading}</h2><p class="meta">{" · ".join(b for b in bits if b)}</p>'
        toc.append(f'<li><a href="#d{i}">{heading}</a> <small>({len(doc_claims)})</small></li>')
        body = found.get(doc_id)
        note, stale = "", []
        if body is not None:
            spans, anchors, stale = claim_spans(doc_claims, timexes[timexes["doc_id"] == doc_id], body)
            slots = 1 + max((s.slot for s in spans), default=-1)
            text = f'<div class="text" style="--slots:{slots}">{render_text(body, spans, anchors)}</div>'
            linked.update(r for rs in anchors.values() for r in rs)
            if stale:
                note = (f'<p class="warn">{len(stale)} claim(s) do not match this text (was the file changed '
                        f'after the run?); they are listed below with their sentences.</p>')
        else:
            text = ""
            note = f'<p class="warn">Text not shown ({esc(missing.get(doc_id, "not available"))}); the claims\' sentences follow.</p>'
            stale = list(doc_claims["_rid"])
        if stale:
            items = []
            for row in doc_claims[doc_claims["_rid"].isin(stale)].to_dict("records"):
                items.append(f'<li><a class="anchor" id="at-{row["_rid"]}"></a><b>{esc(row["speaker_name"])}</b> '
                             f'({esc(row["cue"])}, {esc(row["claim_type"])}): {esc(row["sentence"])}</li>')
                linked.add(row["_rid"])
            note += f'<ol class="sentences">{"".join(items)}</ol>'
        if len(doc_claims) or body is None:
            sections.append(f'<section class="doc" id="d{i}">{head}{note}{text}</section>')
        else:  # no claims: the text folded away
            sections.append(f'<section class="doc" id="d{i}">{head}<details class="quiet"><summary>no claims found: '
                            f'show the text</summary>{text}</details></section>')

    labels = {doc_id: str(doc_id).rsplit("/", 1)[-1] for doc_id in order}
    rows = [_row(r["_rid"], n, r["_doc"], labels[r["doc_id"]], r, r["_rid"] in linked)
            for n, r in enumerate(claims.to_dict("records"))]
    problems = documents[documents["status"] != "ok"]
    problem_html = ""
    if len(problems):
        items = "".join(f"<li>{esc(d['doc_id'])}: {esc(d['status'])} — {esc(d['error'])}</li>"
                        for d in problems.to_dict("records"))
        problem_html = f'<section class="doc problems"><h2>Not processed</h2><ul>{items}</ul></section>'
    doc_names = {str(index[d]): f"{index[d] + 1}. {labels[d]}" for d in order}
    filters = "".join([
        _select("speaker", "speaker", claims["speaker_name"]),
        _select("country", "country", claims["speaker_country"]),
        _select("type", "type", claims["claim_type"]),
        _select("stance", "stance", claims["stance"]),
        _select("doc", "document", claims["_doc"].astype(str), doc_names),
    ])
    n_speakers = claims["speaker_name"].nunique()
    stats = (f"{len(order)} documents with text, {len(problems)} not processed · {len(claims)} claims "
             f"by {n_speakers} speakers")
    from . import __version__

    parts = {
        "title": esc(title or "claim_extract review"), "version": esc(__version__), "stats": esc(stats),
        "css": _asset("report.css"), "js": _asset("report.js"), "toc": "".join(toc),
        "documents": "\n".join(sections), "problems": problem_html, "filters": filters,
        "rows": "\n".join(rows), "n_claims": str(len(claims)),
    }
    # one pass: text put in is never scanned for placeholders again
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("report.html"))


def write_report(source: str | os.PathLike | Tables, output: str | os.PathLike | None = None, *,
                 texts: Mapping[str, str] | None = None, title: str | None = None,
                 base_dirs: Iterable[str | os.PathLike] = ()) -> Path:
    """Write the review page of a run folder (or of a Tables object) to `output`, atomically.

    `source` is a folder written by `claim-extract run` (any format) or a Tables; `output`
    defaults to SOURCE/report.html for a folder and is required for a Tables.
    """
    from .writers import read_tables, write_bytes

    if isinstance(source, Tables):
        if output is None:
            raise ValueError("write_report(tables, output): give the HTML file to write")
        tables, dirs = source, list(base_dirs)
    else:
        folder = Path(source)
        if not folder.is_dir():
            raise NotADirectoryError(f"no such run folder: {folder}")
        tables = read_tables(folder)
        dirs = [folder.resolve().parent, *base_dirs]
        output = folder / "report.html" if output is None else output
        title = title or f"claim_extract review: {folder.resolve().name}"
    return write_bytes(output, render_report(tables, texts, title=title, base_dirs=dirs).encode("utf-8"))
