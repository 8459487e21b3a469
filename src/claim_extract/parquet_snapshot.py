"""Publishing a Parquet table in the middle of a run (TableWriter.checkpoint), in a child process.

A Parquet file cannot be published and then continued: its footer, written last, lists the
row groups. So a checkpoint of a Parquet table writes a second, whole file, the *snapshot*:
the rows of the previous snapshot (or none, the first time) followed by the rows written since,
which the writer journals as they come in an Arrow IPC stream next to its temp file (no
encoding: the Arrow buffers as they are). The snapshot has the row groups that closing the
writer at that point would give, byte for byte, and the writer itself goes on writing the final
file without ever reading anything back.

Building a snapshot decodes the previous one and encodes every row again. Done in the run's
own process, each time left memory behind in its heap (some 20-30 MB after a few checkpoints,
benchmarks/README.md "About 3"), so it runs in a short-lived child process
(`python -m claim_extract.parquet_snapshot`, jobs as JSON on stdin, the temp files written as
JSON on stdout) whose memory goes back to the system when it exits. If the child cannot be
started, or fails, the same work is done in this process (`build_snapshots(in_child=False)`);
an error there is the caller's.
"""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["SnapshotJob", "build_snapshot", "build_snapshots"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SnapshotJob:
    """One table's snapshot: the rows of `previous` (a Parquet file, or None) then those of
    `journal` (an Arrow IPC stream, or None), as a new temp file next to `final`."""

    table: str
    final: str
    row_group_size: int
    previous: str | None = None
    journal: str | None = None


def build_snapshot(job: SnapshotJob) -> Path:
    """Write the snapshot of one table to a temp file next to `job.final` (fsync'ed, not yet
    published); returns its path."""
    from .table_sinks import Sink  # the writer's own encoding, so the bytes are the same

    sink = Sink(job.table, Path(job.final), "parquet", bom=False, safe=True,
                 row_group=job.row_group_size)
    try:
        if job.previous:
            with pq.ParquetFile(job.previous, memory_map=True) as source:
                for i in range(source.num_row_groups):
                    sink.gather(source.read_row_group(i).cast(sink.arrow))
        if job.journal:
            with pa.memory_map(job.journal) as stream, pa.ipc.open_stream(stream) as batches:
                for batch in batches:
                    sink.gather(pa.Table.from_batches([batch]).cast(sink.arrow))
        sink.finish()
    except BaseException:
        sink.discard()
        raise
    return sink.path


def build_snapshots(jobs: list[SnapshotJob], in_child: bool = True) -> list[Path]:
    """The snapshots of `jobs`, in order: built by a child process (`in_child`), or, when that
    cannot start or fails, here."""
    if in_child and jobs:
        built = _in_child(jobs)
        if built is not None:
            return built
    return [build_snapshot(job) for job in jobs]


def _in_child(jobs: list[SnapshotJob]) -> list[Path] | None:
    package_root = str(Path(__file__).resolve().parents[1])  # so the child imports this copy
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        p for p in (package_root, os.environ.get("PYTHONPATH")) if p))
    try:
        done = subprocess.run([sys.executable, "-m", __name__],
                              input=json.dumps([asdict(job) for job in jobs]).encode("utf-8"),
                              capture_output=True, env=env, check=False)
    except OSError as e:
        log.warning("Parquet checkpoint: cannot start %s (%s); building the snapshot here",
                    sys.executable, e)
        return None
    try:
        if done.returncode == 0:
            return [Path(p) for p in json.loads(done.stdout)]
    except ValueError:
        pass
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    log.warning("Parquet checkpoint: the child process failed (%s); building the snapshot here",
                lines[-1] if lines else f"exit code {done.returncode}")
    return None


def main() -> int:
    jobs = [SnapshotJob(**job) for job in json.load(sys.stdin)]
    built: list[Path] = []
    try:
        for job in jobs:
            built.append(build_snapshot(job))
    except BaseException:
        for path in built:
            path.unlink(missing_ok=True)
        raise
    json.dump([str(p) for p in built], sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
