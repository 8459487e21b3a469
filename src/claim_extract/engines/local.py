"""`--workers N` on one machine: N worker processes, each loading the pipeline once, turn
partitions of consecutive documents into rows; the parent only reads the inputs and writes the
tables. Rows come back in input order, so the tables are the same as with one process.

Why not spaCy's `nlp.pipe(n_process=N)`: it tokenizes in the parent, ships every Doc to a worker
and back as bytes and deserializes it there, so the parent is a third busy process on an
N-core machine (on 300 benchmark texts its parent took 9 s of CPU and its two workers 92 and
75 s, against 2, 97 and 95 s here; benchmarks/README.md). Here a worker returns only the
plain row dicts, which are a small fraction of a serialized Doc. A task is one parser batch
of at most TASK_CHARS characters.

Memory is bounded: at most WINDOW_PER_WORKER partitions per worker are queued or done and not
yet handed out; the reader is paused until the oldest one is handed out.

Batches: every engine hands the parser batches of at most `batch_size` documents, at most
BATCH_CHARS characters and at most BATCH_TOKENS tokens as `estimated_tokens` counts them (a
longer document is a batch of its own). The parser's working memory grows with the tokens of
a batch (about 15 KB per token with the small English model), so bounding the size, not only
the documents, of a batch is what keeps the peak memory of a run flat: it depends on the
bounds, never on how many documents a run has nor on the longest document (one of more than long_documents.SEGMENT_CHARS characters is parsed in
segments of at most that size, run.annotate). Each batch is turned into rows inside one spaCy
memory zone (run.iter_rows), so the strings it adds to the vocabulary do not pile up either,
and the C heap's free pages are given back after it (heap.py). 100,000 characters cost no
measurable speed against 250,000; with the token bound the parser's share of the peak is
about 290 MB (benchmarks/README.md). Characters alone let the heaviest batch vary with the
texts (lists of names and numbers have more tokens per character: 20,691 tokens in the
heaviest batch of the first 200 benchmark documents, 22,044 in documents 1,000-2,000); the
token bound makes it the same for every run (18,891 and 18,899).
"""
from __future__ import annotations

import multiprocessing
import re
from collections import deque
from collections.abc import Iterable, Iterator

from ..article import Article

BATCH_CHARS = 100_000  # characters of body text per parser batch (see the module doc)
BATCH_TOKENS = 20_000  # estimated tokens per parser batch (see the module doc)
TASK_CHARS = 50_000  # characters per task of --workers: small tasks keep the workers evenly busy
WINDOW_PER_WORKER = 8  # tasks queued or done, not yet handed out, per worker

_state: dict = {}


def _init(model: str, batch_size: int) -> None:
    from ..pipeline import cached_pipeline

    _state["batch_size"] = batch_size
    try:
        _state["nlp"] = cached_pipeline(model)
    except Exception as err:  # noqa: BLE001 - raised by the first task, in the parent (a failing
        _state["error"] = err  # initializer would make the pool restart workers forever)


def _rows(articles: list[Article]) -> list[tuple[str, str, dict[str, list[dict]]]]:
    from ..run import iter_rows

    if "error" in _state:
        raise _state["error"]
    return [(a.status, a.error, rows) for a, rows in iter_rows(articles, _state["nlp"], 1, _state["batch_size"])]


_TOKEN = re.compile(r"\w+|[^\w\s]|\n\s*")  # a word, a punctuation mark, a line break


def estimated_tokens(text: str) -> int:
    """About as many tokens as spaCy's English tokenizer makes of `text` (words, punctuation
    marks and line breaks; on the benchmark texts spaCy makes 0.92 of this count on average),
    at a tenth of the tokenizer's cost."""
    return len(_TOKEN.findall(text))


def partitions(articles: Iterable[Article], max_docs: int, max_chars: int,
               max_tokens: int | None = None) -> Iterator[list[Article]]:
    """Consecutive articles in lists of at most `max_docs` documents, at most `max_chars`
    characters of body text and (if given) at most `max_tokens` estimated tokens; an article
    over a bound makes a list of its own."""
    part: list[Article] = []
    chars = tokens = 0
    for article in articles:
        size = estimated_tokens(article.body) if max_tokens else 0
        if part and (len(part) >= max_docs or chars + len(article.body) > max_chars
                     or (max_tokens and tokens + size > max_tokens)):
            yield part
            part, chars, tokens = [], 0, 0
        part.append(article)
        chars += len(article.body)
        tokens += size
    if part:
        yield part


def iter_rows_batched(articles: Iterable[Article], nlp, batch_size: int = 32,
                      max_chars: int | None = None) -> Iterator[tuple[Article, dict[str, list[dict]]]]:
    """run.iter_rows in this process, one nlp.pipe batch of at most `batch_size` documents and
    `max_chars` (BATCH_CHARS) characters at a time."""
    from ..run import iter_rows

    return iter_rows(articles, nlp, 1, batch_size, max_chars=max_chars or BATCH_CHARS)


def iter_rows_parallel(articles: Iterable[Article], model: str, workers: int, batch_size: int = 32,
                       ) -> Iterator[tuple[Article, dict[str, list[dict]]]]:
    """run.iter_rows with `workers` processes: (article, rows by table) in input order."""
    context = multiprocessing.get_context("spawn")  # no fork of a parent with threads
    window: deque = deque()
    with context.Pool(workers, initializer=_init, initargs=(model, batch_size)) as pool:

        def hand_out() -> Iterator[tuple[Article, dict[str, list[dict]]]]:
            part, result = window.popleft()
            for article, (status, error, rows) in zip(part, result.get()):
                article.status, article.error = status, error
                yield article, rows

        for part in partitions(articles, batch_size, TASK_CHARS):
            window.append((part, pool.apply_async(_rows, (part,))))
            if len(window) >= WINDOW_PER_WORKER * workers:
                yield from hand_out()
        while window:
            yield from hand_out()
