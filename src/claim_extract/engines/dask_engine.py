"""The Dask engine: `claim-extract run ... --engine dask [--scheduler ADDRESS]`.

The client reads the inputs with the same readers as the local engine (so doc_ids, bad inputs
and their order are the same) and cuts the stream of articles into partitions: bags of
consecutive documents, at most PARTITION_DOCS documents or PARTITION_CHARS characters each.
Each partition is one task. Every worker loads the spaCy pipeline once (a worker plugin, then a
per-process cache) and turns a partition into the four tables' rows with the local engine's own
code (`engines.local.iter_rows_batched`: parser batches of at most `batch_size` documents and
BATCH_CHARS characters), returned as typed DataFrames. The client writes each partition's tables
as Parquet into a hidden staging folder in OUT as it arrives (in any order), then merges the
parts in partition order, one part at a time, into OUT/<table>.<fmt> with the same writer as
the local engine: the same rows in the same order, and the tables are published atomically only
when every partition is done (a failed run leaves OUT's tables as they were).

Memory stays bounded on both sides: the client keeps at most IN_FLIGHT_PER_WORKER partitions
per worker submitted and not yet collected (the reader is paused until a slot frees), and
holds one partition's rows at a time.

Without `scheduler` a LocalCluster of `workers` processes (one thread each) is started on this
machine and shut down at the end. With `scheduler` ("tcp://host:8786") the job runs on that
cluster: its workers must have claim_extract and the spaCy model installed (see docs/scaling.md).
"""
from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from ..article import OK, Article
from ..pipeline import DEFAULT_MODEL, cached_pipeline
from ..readers import check_inputs, iter_articles
from ..schema import TABLES
from ..tables import to_frame
from . import EngineUnavailable
from .local import iter_rows_batched, partitions

PARTITION_DOCS = 64  # documents per partition (task)
PARTITION_CHARS = 400_000  # ... or characters of body text, whichever is reached first
IN_FLIGHT_PER_WORKER = 2  # partitions submitted per worker and not yet collected
WORKER_TIMEOUT = 120  # seconds to wait for a remote cluster's first worker
CONNECT_TIMEOUT = "30s"  # to reach a remote scheduler
STAGE_PREFIX = ".claim-extract-parts-"  # hidden staging folder in OUT

_LOAD = threading.Lock()
_PARSE = threading.Lock()  # one partition at a time per process: a worker started with several
# threads shares one pipeline, and spaCy's memory zones (run.iter_rows) must not overlap


def _pipeline(model: str):
    with _LOAD:  # a worker with several threads loads the model once too
        return cached_pipeline(model)


class LoadModel(WorkerPlugin):
    """Loads the pipeline when a worker starts (and when one joins later), once per process."""

    name = "claim-extract-model"

    def __init__(self, model: str):
        self.model = model

    def setup(self, worker) -> None:
        _pipeline(self.model)


def process_partition(index: int, articles: list[Article], model: str, batch_size: int) -> dict:
    """One partition on a worker: {"index", "tables": {name: DataFrame}, "docs": [(doc_id, status, n_claims)]}."""
    nlp = _pipeline(model)
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    docs = []
    with _PARSE:
        for article, table_rows in iter_rows_batched(articles, nlp, batch_size):
            for name, found in table_rows.items():
                rows[name].extend(found)
            docs.append((article.doc_id, table_rows["documents"][0]["status"], len(table_rows["claims"])))
    return {"index": index, "tables": {name: to_frame(name, found) for name, found in rows.items()},
            "docs": docs}


@contextlib.contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a LocalCluster of `workers` processes."""
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as err:
            raise EngineUnavailable(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
        try:
            try:
                client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
            except TimeoutError as err:
                raise EngineUnavailable(f"the Dask scheduler at {scheduler} has no workers "
                                        f"(waited {WORKER_TIMEOUT} s)") from err
            yield client
        finally:
            client.close()
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


def run_dask(inputs: Iterable, out_dir, fmt: str = "csv", workers: int = 1, model: str = DEFAULT_MODEL,
             batch_size: int = 32, progress=None, scheduler: str | None = None, bom: bool = False,
             partition_docs: int | None = None, partition_chars: int | None = None):
    """run() on Dask: the same tables in OUT, the same RunSummary."""
    partition_docs = partition_docs or PARTITION_DOCS
    partition_chars = partition_chars or PARTITION_CHARS
    from ..run import RunSummary
    from ..writers import TableWriter, read_table

    inputs = list(inputs)
    check_inputs(inputs)
    started = time.perf_counter()
    summary = RunSummary()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{STAGE_PREFIX}*"):  # left by a killed run (one run per OUT at a time)
        shutil.rmtree(old, ignore_errors=True)
    stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out))
    parts: list[Path] = []

    def collect(future) -> None:
        result = future.result()
        folder = stage / f"part-{result['index']:07d}"
        with TableWriter(folder, "parquet") as writer:
            for name, frame in result["tables"].items():
                writer.write(name, frame)
        for doc_id, status, n_claims in result["docs"]:
            summary.documents += 1
            summary.ok += status == OK
            summary.bad += status != OK
            summary.claims += n_claims
            if progress is not None:
                progress(Article(doc_id=doc_id, path="", status=status), n_claims)

    try:
        with connect(scheduler, workers) as client:
            client.register_plugin(LoadModel(model))
            n_workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
            limit = IN_FLIGHT_PER_WORKER * n_workers
            running = as_completed()
            for index, part in enumerate(partitions(iter_articles(inputs), partition_docs, partition_chars)):
                parts.append(stage / f"part-{index:07d}")
                running.add(client.submit(process_partition, index, part, model, batch_size,
                                          key=f"claim-extract-part-{index}-{stage.name}", pure=False))
                while running.count() >= limit:
                    collect(next(running))
            for future in running:
                collect(future)
        with TableWriter(out, fmt, bom=bom) as writer:  # merge in partition order, one part at a time
            for name in TABLES:
                for folder in parts:
                    writer.write(name, read_table(folder / f"{name}.parquet"))
        summary.outputs = dict(writer.paths)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    summary.seconds = time.perf_counter() - started
    return summary
