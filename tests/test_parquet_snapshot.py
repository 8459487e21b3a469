"""Parquet snapshots for checkpoints (parquet_snapshot.py): the rows of the previous snapshot
and of the journal since, as the writer would have written them; built in a child process, or
here when that fails."""
from __future__ import annotations

import json
import logging
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from claim_extract.parquet_snapshot import SnapshotJob, build_snapshot, build_snapshots
from claim_extract.table_encoding import arrow_schema
from claim_extract.writers import TableWriter


def rows(n: int, start: int = 0) -> list[dict]:
    return [{"doc_id": f"d{i}", "path": f"p{i}", "n_chars": i, "status": "ok", "title": "t"}
            for i in range(start, start + n)]


def journal(path, *chunks):
    """An Arrow IPC stream of documents rows, as the writer journals them."""
    schema = arrow_schema("documents")
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_stream(sink, schema) as stream:
        for chunk in chunks:
            stream.write_table(pa.Table.from_pylist(chunk, schema=schema))
    return str(path)


def closed_writer(folder, row_group, *chunks):
    with TableWriter(folder, "parquet", tables=["documents"], row_group_size=row_group) as w:
        for chunk in chunks:
            w.write("documents", chunk)
    return (folder / "documents.parquet").read_bytes()


@pytest.mark.parametrize("row_group", [1, 3, 10_000])
def test_previous_plus_journal_is_what_one_writer_writes(tmp_path, row_group):
    previous = tmp_path / "prev"
    closed_writer(previous, row_group, rows(4))
    out = tmp_path / "out"
    out.mkdir()
    job = SnapshotJob("documents", str(out / "documents.parquet"), row_group,
                      str(previous / "documents.parquet"), journal(tmp_path / "j", rows(2, 4), rows(3, 6)))
    built = build_snapshot(job)
    assert built.parent == out and built.name.startswith(".documents.parquet.")
    assert built.read_bytes() == closed_writer(tmp_path / "one", row_group, rows(4), rows(5, 4))


def test_no_previous_and_an_empty_journal(tmp_path):
    job = SnapshotJob("documents", str(tmp_path / "documents.parquet"), 10, None, journal(tmp_path / "j"))
    assert pq.read_table(build_snapshot(job)).num_rows == 0


def test_the_child_process_and_this_process_build_the_same_bytes(tmp_path):
    jobs = [SnapshotJob("documents", str(tmp_path / "documents.parquet"), 2, None,
                        journal(tmp_path / f"j{k}", rows(3 + k))) for k in range(2)]
    here = [p.read_bytes() for p in build_snapshots(jobs, in_child=False)]
    there = [p.read_bytes() for p in build_snapshots(jobs, in_child=True)]
    assert here == there and here[0] != here[1]


def test_without_a_child_process_the_snapshot_is_built_here(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    job = SnapshotJob("documents", str(tmp_path / "documents.parquet"), 2, None, journal(tmp_path / "j", rows(3)))
    with caplog.at_level(logging.WARNING, logger="claim_extract.parquet_snapshot"):
        (built,) = build_snapshots([job])
    assert pq.read_table(built).column("doc_id").to_pylist() == ["d0", "d1", "d2"]
    assert "cannot start" in caplog.text


def test_a_failing_child_leaves_no_temp_file_and_says_why(tmp_path):
    job = SnapshotJob("documents", str(tmp_path / "documents.parquet"), 2, None, str(tmp_path / "missing"))
    done = subprocess.run([sys.executable, "-m", "claim_extract.parquet_snapshot"],
                          input=json.dumps([job.__dict__]).encode(), capture_output=True)
    assert done.returncode != 0 and b"missing" in done.stderr
    assert list(tmp_path.iterdir()) == []
