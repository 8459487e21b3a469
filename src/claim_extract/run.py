"""Orchestration: inputs → articles → nlp.pipe → rows → tables/writers. The CLI and the Python
API are two faces of the functions here."""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .article import OK, Article
from .pipeline import DEFAULT_MODEL, cached_pipeline
from .prepare import unwrap
from .readers import check_inputs, iter_articles
from .rows import article_rows
from .schema import TABLES
from .tables import Tables, to_frame

CHUNK_DOCS = 200  # documents per chunk of rows handed to the writers


@dataclass
class RunSummary:
    documents: int = 0
    ok: int = 0
    bad: int = 0
    claims: int = 0
    seconds: float = 0.0
    outputs: dict = field(default_factory=dict)

    def line(self) -> str:
        return (f"{self.documents} documents ({self.ok} ok, {self.bad} not processed), "
                f"{self.claims} claims in {self.seconds:.1f} s")


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenized Doc of the article's body (hard wraps joined, same length) with its metadata."""
    doc = nlp.make_doc(unwrap(article.body))
    doc._.doc_id, doc._.published = article.doc_id, article.published
    doc._.title, doc._.url = article.title, article.url or article.source
    return doc


def annotate(articles: Iterable[Article], nlp: Language, workers: int = 1,
             batch_size: int = 32) -> Iterator[tuple[Article, Doc | None]]:
    """(article, annotated Doc) in input order; bad articles come through with None."""
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


def iter_rows(articles: Iterable[Article], nlp: Language, workers: int = 1,
              batch_size: int = 32) -> Iterator[tuple[Article, dict[str, list[dict]]]]:
    for article, doc in annotate(articles, nlp, workers, batch_size):
        yield article, article_rows(article, doc)


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
    for _, table_rows in iter_rows(articles, cached_pipeline(model), workers):
        for name, found in table_rows.items():
            rows[name].extend(found)
    return Tables(**{name: to_frame(name, found) for name, found in rows.items()})


def run(inputs: Iterable[str | Path], out_dir: str | Path, fmt: str = "csv", workers: int = 1,
        model: str = DEFAULT_MODEL, batch_size: int = 32, progress=None) -> RunSummary:
    """Read `inputs`, run the pipeline, write the four tables to `out_dir` (atomically).
    `progress(article, n_claims)` is called once per document, for progress bars."""
    from .writers import TableWriter

    inputs = list(inputs)
    check_inputs(inputs)
    started = time.perf_counter()
    nlp = cached_pipeline(model)
    summary = RunSummary()
    chunk: dict[str, list[dict]] = {name: [] for name in TABLES}

    def flush(writer) -> None:
        for name, found in chunk.items():
            writer.write(name, to_frame(name, found))
            found.clear()

    with TableWriter(out_dir, fmt) as writer:
        for article, table_rows in iter_rows(iter_articles(inputs), nlp, workers, batch_size):
            for name, found in table_rows.items():
                chunk[name].extend(found)
            status = table_rows["documents"][0]["status"]
            summary.documents += 1
            summary.ok += status == OK
            summary.bad += status != OK
            summary.claims += len(table_rows["claims"])
            if progress is not None:
                progress(article, len(table_rows["claims"]))
            if summary.documents % CHUNK_DOCS == 0:
                flush(writer)
        flush(writer)
    summary.outputs = dict(writer.paths) if hasattr(writer, "paths") else {}
    summary.seconds = time.perf_counter() - started
    return summary
