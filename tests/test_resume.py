"""Interrupted runs and `--resume` (issue 7): a run killed midway leaves whole tables, never half
of one, and `--resume` completes them to exactly what one uninterrupted run writes.

The subprocess tests run the real CLI with a small chunk and a checkpoint after every chunk
(run.CHUNK_DOCS, run.CHECKPOINT_SECONDS) so that something is published before the kill.
"""
from __future__ import annotations

import importlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from claim_extract.cli import app
from claim_extract.run import ResumeError, run

run_module = importlib.import_module("claim_extract.run")  # the package's `run` is the function
writers_module = importlib.import_module("claim_extract.writers")
from claim_extract.tables import TABLE_NAMES, to_frame
from claim_extract.writers import TableWriter, read_table, remove_temp_files
from conftest import CORPUS

TABLE_FILES = [f"{name}.csv" for name in TABLE_NAMES]
CHUNK = 4
SMALL_CHUNKS = ("import importlib; r = importlib.import_module('claim_extract.run'); "
                f"r.CHUNK_DOCS, r.CHECKPOINT_SECONDS, r.CHECKPOINT_COST = {CHUNK}, 0.0, 0; "
                "from claim_extract.cli import app; app()")


def claim_extract(*args: str, chunked: bool = False) -> list[str]:
    head = [sys.executable, "-c", SMALL_CHUNKS] if chunked else [sys.executable, "-m", "claim_extract"]
    return [*head, *args]


def lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


@pytest.fixture(scope="module")
def forty(tmp_path_factory) -> Path:
    """40 documents: the seed and the 19 shortest White House texts of corpus/, twice (a/, b/)."""
    folder = tmp_path_factory.mktemp("forty")
    texts = [CORPUS / "seed.txt",
             *sorted((CORPUS / "whitehouse").glob("*.txt"), key=lambda p: (p.stat().st_size, p.name))[:19]]
    for sub in ("a", "b"):
        (folder / sub).mkdir()
        for path in texts:
            shutil.copy(path, folder / sub / path.name)
    return folder


@pytest.fixture(scope="module")
def uninterrupted(forty, tmp_path_factory) -> Path:
    """One run, start to end, with two worker processes (the others use one)."""
    out = tmp_path_factory.mktemp("whole")
    result = subprocess.run(claim_extract("run", str(forty), "--out", str(out), "--workers", "2"),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert len(read_table(out / "documents.csv")) == 40
    return out


def start_and_stop(forty: Path, out: Path, sig: int, at_least: int, *extra: str) -> tuple[int, str]:
    """Start a chunked run, send `sig` once `documents` has `at_least` rows: (exit, stderr)."""
    args = ("run", str(forty), "--out", str(out), "--batch-size", "2", *extra)
    proc = subprocess.Popen(claim_extract(*args, chunked=True), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while lines(out / "documents.csv") < 1 + at_least and proc.poll() is None:
        assert time.monotonic() < deadline, "no checkpoint within 300 s"
        time.sleep(0.02)
    assert proc.poll() is None and lines(out / "documents.csv") < 41, "the run ended first"
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=120)
    return proc.returncode, stderr


def assert_prefix_tables(out: Path, whole: Path) -> int:
    """Every table in `out` is whole: a row-boundary prefix of the uninterrupted run's file,
    readable, with rows only for documents of (at most one chunk past) `documents`."""
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(TABLE_FILES)
    for name in TABLE_FILES:
        part, full = (out / name).read_bytes(), (whole / name).read_bytes()
        assert full.startswith(part) and part.endswith(b"\n"), name
        read_table(out / name)  # parses
    docs = read_table(out / "documents.csv")
    done = list(docs["doc_id"])
    order = list(read_table(whole / "documents.csv")["doc_id"])
    assert done == order[:len(done)] and len(done) % CHUNK == 0 and 0 < len(done) < len(order)
    for name in ("claims", "timexes", "entities"):
        ids = set(read_table(out / f"{name}.csv")["doc_id"])
        assert ids <= set(order[:len(done) + CHUNK]), name
    return len(done)


def test_killed_runs_leave_whole_tables_and_resume_completes_them(forty, uninterrupted, tmp_path):
    out = tmp_path / "out"
    # 1. a hard kill (SIGKILL: no clean-up at all) after two checkpoints
    status, _ = start_and_stop(forty, out, signal.SIGKILL, 2 * CHUNK)
    assert status == -signal.SIGKILL
    first = assert_prefix_tables(out, uninterrupted)
    (out / ".claims.csv.left-by-a-crash.tmp").write_bytes(b"claim_id,doc_id\nhalf a row")

    # 2. resumed, then stopped with Ctrl-C (SIGINT): the writer removes its temp files
    status, stderr = start_and_stop(forty, out, signal.SIGINT, first + 2 * CHUNK, "--resume")
    assert status in (1, 130) and "Traceback" not in stderr, stderr  # 130: 128 + SIGINT
    second = assert_prefix_tables(out, uninterrupted)
    assert second > first
    assert sorted(p.name for p in out.iterdir()) == sorted(TABLE_FILES)  # the crash's .tmp too

    # 3. resumed to the end: the same bytes as the uninterrupted (two-worker) run
    resumed = subprocess.run(claim_extract("run", str(forty), "--out", str(out), "--resume"),
                             capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert f"+ {second} already in the output folder" in resumed.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(TABLE_FILES)
    for name in TABLE_FILES:
        assert (out / name).read_bytes() == (uninterrupted / name).read_bytes(), name


# --- resume in-process: what is kept, what is redone -------------------------------------------

TEXTS = {
    "a.txt": "date: 2024-03-25\n\nJapan said it would expand its coast guard patrols.\n",
    "b.txt": "date: 2024-03-25\n\nBeijing said the patrols were provocative.\n",
    "-c.txt": "date: 2024-03-25\n\nSeoul said it would join the talks in May.\n",  # '-c.txt in CSV
    "feed.jsonl": '{"text": "Manila said the talks went well."}\n{"text": "Hanoi said so too."}\n',
}


def write_texts(folder: Path, texts: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")


def tables(out: Path, fmt: str = "csv") -> dict[str, pd.DataFrame]:
    return {name: read_table(out / f"{name}.{fmt}") for name in TABLE_NAMES}


def test_resume_keeps_unchanged_redoes_changed_and_appends_new(tmp_path, nlp):
    folder, out, fresh = tmp_path / "in", tmp_path / "out", tmp_path / "fresh"
    write_texts(folder, TEXTS)
    first = run([folder], out)
    assert first.documents == 5 and first.claims >= 4
    (folder / "b.txt").write_text("date: 2024-03-26\n\nBeijing said the drills were routine.\n")
    (folder / "feed.jsonl").write_text('{"text": "Manila said the talks went well."}\n'
                                       '{"text": "Hanoi said it would send an envoy."}\n')
    write_texts(folder, {"d.txt": "Canberra said it would host the summit.\n"})
    (folder / "a.txt").unlink()

    second = run([folder], out, resume=True)
    assert (second.resumed, second.documents) == (2, 3)  # -c.txt, feed#1 kept; b, feed#2, d redone
    docs = tables(out)["documents"]
    assert list(docs["doc_id"]) == ["'-c.txt", "a.txt", "feed.jsonl#1", "b.txt", "d.txt",
                                    "feed.jsonl#2"]  # kept in their order, then the rest appended
    claims = tables(out)["claims"]
    assert "patrols" not in " ".join(claims.loc[claims["doc_id"] == "b.txt", "claim"])
    assert "drills were routine" in " ".join(claims.loc[claims["doc_id"] == "b.txt", "claim"])
    assert "Hanoi" not in " ".join(claims.loc[claims["doc_id"] == "feed.jsonl#1", "sentence"])
    # the kept and redone rows are those of a fresh run over the same files (a.txt is kept: it
    # was in DIR; resume never deletes a document just because its file has gone)
    run([folder], fresh)
    for name, frame in tables(fresh).items():
        mine = tables(out)[name]
        mine = mine[mine["doc_id"] != "a.txt"].sort_values(["doc_id"], kind="stable")
        pd.testing.assert_frame_equal(mine.reset_index(drop=True),
                                      frame.sort_values(["doc_id"], kind="stable").reset_index(drop=True))

    third = run([folder], out, resume=True)
    assert (third.resumed, third.documents) == (5, 0)


@pytest.mark.parametrize("read_rows", [None, 1])
def test_resume_drops_rows_a_half_published_checkpoint_left(tmp_path, nlp, monkeypatch, read_rows):
    """Killed between the renames of one checkpoint: claims has rows whose documents row was
    not published. Resume drops them and redoes the document. (read_rows=1: the old tables are
    read a row at a time; the result is the same.)"""
    if read_rows:
        monkeypatch.setattr(writers_module, "READ_ROWS", read_rows)
    folder, out, whole = tmp_path / "in", tmp_path / "out", tmp_path / "whole"
    write_texts(folder, TEXTS)
    run([folder], whole)
    shutil.copytree(whole, out)
    docs = (out / "documents.csv").read_bytes().splitlines(keepends=True)
    (out / "documents.csv").write_bytes(b"".join(docs[:-2]))  # the last two not published
    summary = run([folder], out, resume=True)
    assert (summary.resumed, summary.documents) == (3, 2)
    for name in TABLE_FILES:
        assert (out / name).read_bytes() == (whole / name).read_bytes(), name


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_interrupted_and_resumed_in_other_formats(tmp_path, nlp, fmt):
    folder, out, whole = tmp_path / "in", tmp_path / "out", tmp_path / "whole"
    write_texts(folder, TEXTS)
    run([folder], whole, fmt)
    seen = []

    def interrupt(article, n_claims):
        seen.append(article.doc_id)
        if len(seen) == 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run([folder], out, fmt, progress=interrupt, chunk_docs=2, checkpoint_seconds=0)
    assert len(read_table(out / f"documents.{fmt}")) == 2  # the checkpoint after two documents
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    run([folder], out, fmt, resume=True)
    for name in TABLE_NAMES:  # Parquet too: its row groups do not follow the chunks
        pd.testing.assert_frame_equal(read_table(out / f"{name}.{fmt}"),
                                      read_table(whole / f"{name}.{fmt}"))
        assert (out / f"{name}.{fmt}").read_bytes() == (whole / f"{name}.{fmt}").read_bytes()


def test_resume_without_tables_is_a_plain_run(tmp_path, nlp):
    folder = tmp_path / "in"
    write_texts(folder, TEXTS)
    summary = run([folder], tmp_path / "out", resume=True)
    assert (summary.resumed, summary.documents) == (0, 5)


def test_unreadable_tables_are_a_usage_error(tmp_path, nlp):
    folder, out = tmp_path / "in", tmp_path / "out"
    write_texts(folder, TEXTS)
    run([folder], out)
    (out / "documents.csv").write_bytes(b"\x00\xff not a table \"\n")
    with pytest.raises(ResumeError, match="cannot resume: .*documents.csv cannot be read"):
        run([folder], out, resume=True)
    result = CliRunner().invoke(app, ["run", str(folder), "--out", str(out), "--resume"])
    assert result.exit_code == 2
    assert "claim-extract: error: cannot resume:" in result.output
    assert "Traceback" not in result.output


def test_a_table_found_unreadable_while_its_rows_are_copied_changes_nothing(tmp_path, nlp):
    folder, out = tmp_path / "in", tmp_path / "out"
    write_texts(folder, TEXTS)
    run([folder], out)
    (out / "claims.csv").write_bytes((out / "claims.csv").read_bytes() + b'"an unclosed quote\n')
    before = {name: (out / name).read_bytes() for name in TABLE_FILES}
    with pytest.raises(ResumeError, match="cannot resume: .*claims.csv cannot be read"):
        run([folder], out, resume=True)
    assert {name: (out / name).read_bytes() for name in TABLE_FILES} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(TABLE_FILES)  # no temp file left


def test_checkpoints_do_not_change_the_bytes(tmp_path, nlp):
    folder = tmp_path / "in"
    write_texts(folder, TEXTS)
    run([folder], tmp_path / "one")
    run([folder], tmp_path / "many", chunk_docs=1, checkpoint_seconds=0)
    for name in TABLE_FILES:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "many" / name).read_bytes()


# --- the writer's append mode and temp files ----------------------------------------------------

def rows(n: int, start: int = 0) -> list[dict]:
    return [{"doc_id": f"d{i}", "path": f"=p{i}", "n_chars": i, "status": "ok", "title": "a,\"b\"\nc"}
            for i in range(start, start + n)]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_append_mode_equals_one_writer(tmp_path, fmt):
    with TableWriter(tmp_path / "one", fmt, tables=["documents"]) as w:
        w.write("documents", rows(3))
        w.write("documents", rows(2, 3))
    with TableWriter(tmp_path / "two", fmt, tables=["documents"]) as w:
        w.write("documents", rows(3))
    with TableWriter(tmp_path / "two", fmt, tables=["documents"], append=True) as w:
        w.write("documents", rows(2, 3))
    one, two = (tmp_path / d / f"documents.{fmt}" for d in ("one", "two"))
    assert one.read_bytes() == two.read_bytes()
    assert list(read_table(two)["doc_id"]) == ["d0", "d1", "d2", "d3", "d4"]


@pytest.mark.parametrize("row_group", [1, 2, 4, 10_000])
def test_parquet_append_at_any_point_equals_one_writer(tmp_path, row_group):
    with TableWriter(tmp_path / "one", "parquet", tables=["documents"], row_group_size=row_group) as w:
        for start, n in ((0, 3), (3, 2), (5, 4)):
            w.write("documents", rows(n, start))
    for start, n in ((0, 3), (3, 2), (5, 4)):  # a checkpoint after every chunk
        with TableWriter(tmp_path / "two", "parquet", tables=["documents"], row_group_size=row_group,
                         append=start > 0) as w:
            w.write("documents", rows(n, start))
    one, two = (tmp_path / d / "documents.parquet" for d in ("one", "two"))
    assert one.read_bytes() == two.read_bytes()
    assert list(read_table(two)["doc_id"]) == [f"d{i}" for i in range(9)]


@pytest.mark.parametrize("fmt,row_group", [("csv", 4), ("jsonl", 4), ("parquet", 1), ("parquet", 4),
                                           ("parquet", 10_000)])
def test_checkpoint_publishes_what_closing_would_and_goes_on(tmp_path, fmt, row_group):
    chunks = ((0, 3), (3, 2), (5, 4))
    for k in range(1, len(chunks) + 1):  # what a writer closed after k chunks publishes
        with TableWriter(tmp_path / f"closed{k}", fmt, tables=["documents"], row_group_size=row_group) as w:
            for start, n in chunks[:k]:
                w.write("documents", rows(n, start))
    w = TableWriter(tmp_path / "two", fmt, tables=["documents"], row_group_size=row_group,
                    checkpoints=True, snapshots_in_child=False)
    published = tmp_path / "two" / f"documents.{fmt}"
    for k, (start, n) in enumerate(chunks, 1):
        w.write("documents", rows(n, start))
        w.checkpoint()
        assert published.read_bytes() == (tmp_path / f"closed{k}" / published.name).read_bytes()
        assert list(read_table(published)["doc_id"]) == [f"d{i}" for i in range(start + n)]
    w.close()
    assert (tmp_path / f"closed{len(chunks)}" / published.name).read_bytes() == published.read_bytes()
    assert [p.name for p in (tmp_path / "two").iterdir()] == [published.name]  # no temp file left


def test_a_parquet_checkpoint_reads_nothing_back_in_this_process(tmp_path, monkeypatch):
    read = []
    original = pq.ParquetFile.read_row_group
    monkeypatch.setattr(pq.ParquetFile, "read_row_group",
                        lambda self, i, *a, **k: read.append(i) or original(self, i, *a, **k))
    w = TableWriter(tmp_path, "parquet", tables=["documents"], row_group_size=4, checkpoints=True)
    w.write("documents", rows(10))
    w.checkpoint()  # the snapshot is built by a child process
    w.write("documents", rows(3, 10))
    w.checkpoint()  # ... from the first snapshot and the 3 rows since
    assert read == []
    assert list(read_table(tmp_path / "documents.parquet")["doc_id"]) == [f"d{i}" for i in range(13)]
    w.close()
    meta = pq.ParquetFile(tmp_path / "documents.parquet").metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [4, 4, 4, 1]
    assert [p.name for p in tmp_path.iterdir()] == ["documents.parquet"]


def test_checkpoint_needs_a_writer_made_for_it(tmp_path):
    w = TableWriter(tmp_path, "csv", tables=["documents"])
    w.write("documents", rows(1))
    with pytest.raises(ValueError, match="checkpoints=True"):
        w.checkpoint()
    w.close()
    assert list(read_table(tmp_path / "documents.csv")["doc_id"]) == ["d0"]


def test_a_failed_checkpoint_leaves_the_published_files_and_no_temp_file(tmp_path, monkeypatch):
    w = TableWriter(tmp_path, "parquet", tables=["documents"], checkpoints=True, snapshots_in_child=False)
    w.write("documents", rows(2))
    w.checkpoint()
    before = (tmp_path / "documents.parquet").read_bytes()
    w.write("documents", rows(2, 2))
    monkeypatch.setattr(pa.ipc, "open_stream", lambda *a, **k: (_ for _ in ()).throw(OSError("disk")))
    with pytest.raises(OSError, match="disk"):
        w.checkpoint()
    assert (tmp_path / "documents.parquet").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["documents.parquet"]


def test_append_refuses_a_file_with_other_columns(tmp_path):
    (tmp_path / "documents.csv").write_text("doc_id,something_else\nx,y\n")
    with pytest.raises(ValueError, match="cannot append to .*header is not that of the documents"):
        with TableWriter(tmp_path, "csv", tables=["documents"], append=True) as w:
            w.write("documents", rows(1))
    assert (tmp_path / "documents.csv").read_text() == "doc_id,something_else\nx,y\n"
    assert [p.name for p in tmp_path.iterdir()] == ["documents.csv"]


def test_remove_temp_files_takes_only_ours(tmp_path):
    ours = [".claims.csv.abc123.tmp", ".documents.parquet.x_y.tmp", ".entities.jsonl.q.tmp"]
    others = [".report.html.abc.tmp", "claims.csv", ".claims.csv", "notes.tmp", ".claimsXcsv.a.tmp"]
    for name in ours + others:
        (tmp_path / name).write_text("x")
    os.symlink(tmp_path / "claims.csv", tmp_path / ".timexes.csv.link.tmp")
    removed = remove_temp_files(tmp_path)
    assert sorted(p.name for p in removed) == sorted(ours)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(others + [".timexes.csv.link.tmp"])
    assert remove_temp_files(tmp_path / "missing") == []


def test_documents_is_published_last():
    assert TABLE_NAMES[-1] == "documents"
    assert run_module.CHUNK_DOCS >= 1 and run_module.CHECKPOINT_SECONDS > 0
    assert "content_hash" in to_frame("documents", []).columns
