"""The Dask engine gives the same tables, row for row, as the local engine (issue 8).

A 2-worker LocalCluster on a few corpus texts plus a bad input, with partitions of two
documents so that several partitions run on both workers and come back out of order.
"""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

pytest.importorskip("distributed")

from claim_extract.engines import dask_engine  # noqa: E402
from claim_extract.run import run  # noqa: E402
from claim_extract.schema import TABLES  # noqa: E402
from claim_extract.writers import read_table  # noqa: E402

from conftest import CORPUS  # noqa: E402


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask-in")
    texts = sorted((CORPUS / "whitehouse").glob("*.txt"), key=lambda p: p.stat().st_size)[:5]
    for path in texts:
        shutil.copy(path, folder / path.name)
    shutil.copy(CORPUS / "seed.txt", folder / "seed.txt")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "notes.xyz").write_text("not an input kind", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local_out(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("local-out")
    summary = run([inputs], out / "csv", "csv")
    run([inputs], out / "parquet", "parquet")
    return out, summary


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_dask_engine_gives_the_same_tables(inputs, local_out, tmp_path, monkeypatch, fmt):
    monkeypatch.setattr(dask_engine, "PARTITION_DOCS", 2)  # several partitions per worker
    local, local_summary = local_out
    seen = []
    out = tmp_path / fmt
    summary = run([inputs], out, fmt, workers=2, engine="dask",
                  progress=lambda article, n: seen.append((article.doc_id, n)))
    assert (summary.documents, summary.ok, summary.bad, summary.claims) == (
        local_summary.documents, local_summary.ok, local_summary.bad, local_summary.claims)
    assert summary.bad == 2 and summary.claims > 0
    for name in TABLES:
        if fmt == "csv":  # byte for byte
            assert (out / f"{name}.csv").read_bytes() == (local / "csv" / f"{name}.csv").read_bytes(), name
        got, expected = read_table(out / f"{name}.{fmt}"), read_table(local / fmt / f"{name}.{fmt}")
        pd.testing.assert_frame_equal(got, expected)
    documents = read_table(out / f"documents.{fmt}")
    assert sorted(seen) == sorted(zip(documents["doc_id"], documents["n_claims"].astype(int)))
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{name}.{fmt}" for name in TABLES)


def test_partitions_are_consecutive_and_bounded():
    from claim_extract.article import Article

    arts = [Article(doc_id=str(i), path="", body="x" * (i * 10)) for i in range(13)]
    parts = list(dask_engine.partitions(arts, max_docs=3, max_chars=100))
    assert [a.doc_id for p in parts for a in p] == [a.doc_id for a in arts]
    assert all(len(p) <= 3 for p in parts)
    assert all(sum(len(a.body) for a in p) <= 100 or len(p) == 1 for p in parts)
    assert [len(p[0].body) for p in parts if len(p) == 1][-3:] == [100, 110, 120]


def test_unreachable_scheduler_is_a_clear_error(inputs, tmp_path, monkeypatch):
    from claim_extract.engines import EngineUnavailable

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "2s")
    with pytest.raises(EngineUnavailable, match="cannot reach"):
        dask_engine.run_dask([inputs], tmp_path, scheduler="tcp://127.0.0.1:9", workers=1)
