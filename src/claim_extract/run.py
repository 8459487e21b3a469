"""Orchestration: inputs → articles → nlp.pipe → rows → tables/writers. The CLI and the Python
API are two faces of the functions here.

A long run publishes its tables as it goes: rows are handed to the writer every `CHUNK_DOCS`
documents, and when `CHECKPOINT_SECONDS` (5 minutes) have passed since the last time (or ten
times what publishing took, when that is more: CHECKPOINT_COST) the writer publishes what it
has, whole and atomically, and goes on (TableWriter.checkpoint). A killed run thus leaves DIR
with whole tables covering the documents finished by the last checkpoint (`documents` is
always published last), and `run(..., resume=True)` (`--resume`)
completes it: documents whose doc_id and content_hash are in DIR's `documents` are skipped,
their rows kept; rows of documents that changed or that a killed checkpoint left without their
`documents` row are dropped (resume.py); everything else is processed and appended. The result is the
same, byte for byte, as one uninterrupted run. Runs are deterministic: same input, same bytes,
whatever `workers` is.
"""
from __future__ import annotations

import contextlib
import itertools
import time
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .article import OK, Article
from .heap import arrow_on_c_heap, fix_mmap_threshold, release_free_memory
from .long_documents import SEGMENT_CHARS, parse_in_segments
from .pipeline import DEFAULT_MODEL, cached_pipeline
from .prepare import unwrap
from .readers import check_inputs, iter_articles
from .resume import ResumeError, ResumeState, kept_rows, resume_state
from .rows import article_rows, content_hash
from .schema import TABLES
from .tables import TABLE_NAMES, Tables, to_frame

CHUNK_DOCS = 20  # documents per chunk of rows handed to the writers (few rows held at a time)
# Publish the tables at most this often (see the module doc) ... Each publication writes a
# whole copy of the tables so far (Parquet: re-encoded, in a child process, parquet_snapshot.py);
# every 5 minutes keeps that copying small, and a killed run loses at most 5 minutes.
CHECKPOINT_SECONDS = 300.0
CHECKPOINT_COST = 10  # ... and at most every CHECKPOINT_COST times what publishing takes
assert TABLE_NAMES[-1] == "documents"  # published last: a document listed there is complete


@dataclass
class RunSummary:
    documents: int = 0
    ok: int = 0
    bad: int = 0
    claims: int = 0
    seconds: float = 0.0
    outputs: dict = field(default_factory=dict)
    resumed: int = 0  # documents already in DIR, skipped by resume=True

    def line(self) -> str:
        kept = f" + {self.resumed} already in the output folder" if self.resumed else ""
        return (f"{self.documents} documents ({self.ok} ok, {self.bad} not processed){kept}, "
                f"{self.claims} claims in {self.seconds:.1f} s")


def set_metadata(doc: Doc, article: Article) -> Doc:
    """The article's metadata on the Doc's extensions (doc_id, published, title, url)."""
    doc._.doc_id, doc._.published = article.doc_id, article.published
    doc._.title, doc._.url = article.title, article.url or article.source
    return doc


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenized Doc of the article's body (hard wraps joined, same length) with its metadata."""
    return set_metadata(nlp.make_doc(unwrap(article.body)), article)


def annotate(articles: Iterable[Article], nlp: Language, workers: int = 1, batch_size: int = 32,
             segment_chars: int | None = None) -> Iterator[tuple[Article, Doc | None]]:
    """(article, annotated Doc) in input order; bad articles come through with None. Bodies of
    more than `segment_chars` (long_documents.SEGMENT_CHARS) characters are parsed in segments
    and annotated whole (long_documents.py); the others go through nlp.pipe in batches."""
    limit = segment_chars or SEGMENT_CHARS

    def is_long(article: Article) -> bool:
        return article.status == OK and limit < len(article.body) <= nlp.max_length

    for long, group in itertools.groupby(articles, key=is_long):
        if not long:
            yield from _annotate(group, nlp, workers, batch_size)
            continue
        for article in group:
            yield article, parse_in_segments(nlp, unwrap(article.body),
                                             lambda doc, a=article: set_metadata(doc, a), limit)


def _annotate(articles: Iterable[Article], nlp: Language, workers: int,
              batch_size: int) -> Iterator[tuple[Article, Doc | None]]:
    pending: list[Article] = []

    def docs() -> Iterator[Doc]:
        for article in articles:
            if article.status == OK and len(article.body) > nlp.max_length:
                article.status, article.error = "skipped", f"body of {len(article.body):,} characters is over the limit of {nlp.max_length:,}"
            pending.append(article)
            if article.status == OK:
                yield make_doc(nlp, article)

    done = 0
    for doc in nlp.pipe(docs(), batch_size=batch_size, n_process=workers):
        while pending[done].doc_id != doc._.doc_id or pending[done].status != OK:
            yield pending[done], None
            done += 1
        yield pending[done], doc
        done += 1
        if done > 1000:  # forget what has been handed out
            del pending[:done]
            done = 0
    for article in pending[done:]:
        yield article, None


def iter_rows(articles: Iterable[Article], nlp: Language, workers: int = 1, batch_size: int = 32,
              segment_chars: int | None = None, max_chars: int | None = None,
              ) -> Iterator[tuple[Article, dict[str, list[dict]]]]:
    """(article, rows by table) in input order, one parser batch at a time: consecutive
    articles of at most `batch_size` documents, `max_chars` (engines.local.BATCH_CHARS)
    characters and engines.local.BATCH_TOKENS tokens. Each batch is parsed and turned into
    plain rows inside one `nlp.memory_zone()`, so that the strings and lexemes it added to the shared Vocab are freed
    when it is done (without the zone every new word, name and number of a long run stays in
    the StringStore until the process ends), the C heap's free pages go back to the OS
    (heap.py), and its rows are handed out only after the zone is
    closed: the caller (writers, checkpoints) never works while a batch's Docs and the parser's
    memory are still held. Nothing that outlives the zone refers to a Doc, a Token, a Span or a
    string hash: rows are Python strings and numbers."""
    from .engines.local import BATCH_CHARS, BATCH_TOKENS, partitions

    fix_mmap_threshold()  # the parser's arrays mapped on their own (heap.py), once per process
    for batch in partitions(articles, batch_size, max_chars or BATCH_CHARS, BATCH_TOKENS):
        with _memory_zone(nlp):
            rows = [(article, article_rows(article, doc)) for article, doc in
                    annotate(batch, nlp, workers, batch_size, segment_chars)]
        release_free_memory()  # the batch's Docs and arrays are freed; give their pages back
        yield from rows


_WARM: weakref.WeakSet = weakref.WeakSet()  # pipelines whose tokenizer cache has been filled


def _memory_zone(nlp: Language):
    """nlp.memory_zone(), unless one is open already (zones must not be nested). The first
    batch a pipeline sees runs outside a zone: spaCy's tokenizer does not fill its cache (at
    most 10,000 chunks) inside a zone, so this batch fills it for the rest of the run; its
    strings stay, the later batches' are freed."""
    if nlp.vocab.in_memory_zone:
        return contextlib.nullcontext()
    if nlp not in _WARM:
        _WARM.add(nlp)
        return contextlib.nullcontext()
    return nlp.memory_zone()


def rows_of(articles: Iterable[Article], model: str = DEFAULT_MODEL, workers: int = 1,
            batch_size: int = 32) -> Iterator[tuple[Article, dict[str, list[dict]]]]:
    """iter_rows in this process, or in `workers` processes that each load `model` once
    (engines/local.py); the same rows in the same order either way."""
    if workers > 1:
        from .engines.local import iter_rows_parallel

        return iter_rows_parallel(articles, model, workers, batch_size)
    from .engines.local import iter_rows_batched

    return iter_rows_batched(articles, cached_pipeline(model), batch_size)


def texts_to_articles(texts: str | Iterable[str], published=None, titles=None) -> list[Article]:
    texts = [texts] if isinstance(texts, str) else list(texts)
    n = len(texts)
    published = [published] * n if published is None or isinstance(published, str) else list(published)
    titles = [""] * n if titles is None else ([titles] * n if isinstance(titles, str) else list(titles))
    return [Article(doc_id=f"text-{i + 1}", path="", body=t, published=p, title=ti,
                    status=OK if t.strip() else "empty", error="" if t.strip() else "no text")
            for i, (t, p, ti) in enumerate(zip(texts, published, titles))]


def extract(inputs: str | Path | Iterable[str | Path] | None = None, *, texts=None, published=None,
            titles=None, model: str = DEFAULT_MODEL, workers: int = 1) -> Tables:
    """The four tables for files/folders (`inputs`) or for strings (`texts`, with `published`
    ISO dates), as pandas DataFrames. For notebooks; `run()` writes them to disk instead."""
    articles: list[Article] = []
    if inputs is not None:
        inputs = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
        check_inputs(inputs)
        articles.extend(iter_articles(inputs))
    if texts is not None:
        articles.extend(texts_to_articles(texts, published, titles))
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for _, table_rows in rows_of(articles, model, workers):
        for name, found in table_rows.items():
            rows[name].extend(found)
    return Tables(**{name: to_frame(name, found) for name, found in rows.items()})


def run(inputs: Iterable[str | Path], out_dir: str | Path, fmt: str = "csv", workers: int = 1,
        model: str = DEFAULT_MODEL, batch_size: int = 32, progress=None, *,
        bom: bool = False, engine: str = "local", scheduler: str | None = None,
        resume: bool = False, chunk_docs: int | None = None,
        checkpoint_seconds: float | None = None) -> RunSummary:
    """Read `inputs`, run the pipeline, write the four tables to `out_dir` (atomically).
    `progress(article, n_claims)` is called once per document, for progress bars. `bom` starts
    each CSV file with a UTF-8 byte order mark (for Excel). `resume` keeps the documents already
    in `out_dir` and appends the rest (module doc); `chunk_docs` and `checkpoint_seconds`
    default to CHUNK_DOCS and CHECKPOINT_SECONDS."""
    from .writers import TableWriter, remove_temp_files

    inputs = list(inputs)
    check_inputs(inputs)
    if engine != "local":  # `engine="dask"` (optionally with a `scheduler` address): engines/
        if resume:
            raise ResumeError("--resume works with the local engine only")
        from .engines import run_engine

        return run_engine(engine, inputs, out_dir, fmt=fmt, workers=workers, model=model,
                          batch_size=batch_size, progress=progress, bom=bom, scheduler=scheduler)
    started = time.perf_counter()
    chunk_docs = max(1, chunk_docs or CHUNK_DOCS)
    every = CHECKPOINT_SECONDS if checkpoint_seconds is None else checkpoint_seconds
    out_dir = Path(out_dir)
    if workers == 1:  # loaded (or ModelNotFound) before DIR is touched; workers>1: engines/local.py
        cached_pipeline(model)
    summary = RunSummary()
    remove_temp_files(out_dir)  # left by a killed run (one run per DIR at a time)
    state = resume_state(inputs, out_dir, fmt) if resume else ResumeState()
    done, keys = state.done, state.keys
    chunk: dict[str, list[dict]] = {name: [] for name in TABLES}

    def todo() -> Iterator[Article]:
        for article in iter_articles(inputs):
            if done and (keys.get(article.doc_id), content_hash(article)) in done:
                summary.resumed += 1
                if progress is not None:
                    progress(article, 0)
                continue
            yield article

    def flush(writer) -> None:
        for name, found in chunk.items():
            writer.write(name, to_frame(name, found))
            found.clear()

    with arrow_on_c_heap():  # Arrow buffers from the C heap, so trimmed with the rest (heap.py)
        writer = TableWriter(out_dir, fmt, bom=bom, checkpoints=True)  # the first publish replaces DIR's tables
        try:
            if state.keep:  # DIR's rows of the documents resumed, copied a frame at a time
                for name, frame in kept_rows(out_dir, fmt, state.keep):
                    writer.write(name, frame)
            last, in_chunk = time.monotonic(), 0
            for article, table_rows in rows_of(todo(), model, workers, batch_size):  # engines/local.py
                for name, found in table_rows.items():
                    chunk[name].extend(found)
                status = table_rows["documents"][0]["status"]
                summary.documents += 1
                summary.ok += status == OK
                summary.bad += status != OK
                summary.claims += len(table_rows["claims"])
                if progress is not None:
                    progress(article, len(table_rows["claims"]))
                in_chunk += 1
                if in_chunk >= chunk_docs:
                    flush(writer)
                    in_chunk = 0
                    if time.monotonic() - last >= every:  # checkpoint: publish, go on appending
                        began = time.monotonic()
                        writer.checkpoint()
                        last = time.monotonic()
                        every = max(every, CHECKPOINT_COST * (last - began))
            flush(writer)
            writer.close()
        except BaseException:
            writer.abort()
            raise
    summary.outputs = dict(writer.paths)
    summary.seconds = time.perf_counter() - started
    return summary
