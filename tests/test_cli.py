"""The command line as an analyst uses it: real files, the real model, exit codes, outputs."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import CORPUS, DATA

CLI = [sys.executable, "-m", "claim_extract"]


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory) -> Path:
    """The seed, two White House texts and bad neighbours (empty, binary, unknown type)."""
    folder = tmp_path_factory.mktemp("mixed")
    shutil.copy(CORPUS / "seed.txt", folder / "seed.txt")
    for path in sorted((CORPUS / "whitehouse").glob("*.txt"))[:2]:
        shutil.copy(path, folder / path.name)
    for name in ("empty.txt", "binary.txt", "notes.pdf"):
        shutil.copy(DATA / "readers" / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def mixed_run(mixed_folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = cli("run", str(mixed_folder), "--out", str(out))
    return result, out


def test_run_exits_0_and_writes_four_tables(mixed_run):
    result, out = mixed_run
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["claims.csv", "documents.csv", "entities.csv", "timexes.csv"]
    assert "Traceback" not in result.stderr
    assert "6 documents (3 ok, 3 not processed)" in result.stderr


def test_bad_files_are_listed_in_documents_with_a_reason(mixed_run):
    _, out = mixed_run
    docs = pd.read_csv(out / "documents.csv", keep_default_na=False).set_index("doc_id")
    assert len(docs) == 6
    assert docs.loc["empty.txt", "status"] == "empty"
    assert docs.loc["binary.txt", "status"] == "skipped"
    assert docs.loc["notes.pdf", "status"] == "skipped"
    assert all(docs.loc[d, "error"] for d in ("empty.txt", "binary.txt", "notes.pdf"))
    assert docs.loc["seed.txt", "status"] == "ok" and docs.loc["seed.txt", "published"] == "2024-03-25"


def test_claims_have_contract_columns_and_offsets_into_the_body(mixed_run):
    _, out = mixed_run
    with open(out / "claims.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    contract = ["claim_id", "doc_id", "published", "sentence_id", "start_char", "end_char", "speaker",
                "speaker_name", "speaker_type", "speaker_country", "cue", "claim", "claim_type", "stance",
                "target", "target_country", "said_on", "date_text", "date_value", "quote", "sentence", "confidence"]
    assert list(rows[0])[: len(contract)] == contract
    seed = (CORPUS / "seed.txt").read_text(encoding="utf-8")
    body = seed[seed.index("Amid"):]
    seed_rows = [r for r in rows if r["doc_id"] == "seed.txt"]
    assert len(seed_rows) >= 7
    for r in seed_rows:
        assert " ".join(body[int(r["start_char"]):int(r["end_char"])].split()) == r["claim"]
    assert {r["doc_id"] for r in rows} > {"seed.txt"}  # the White House texts give claims too


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_other_formats(mixed_folder, tmp_path, fmt):
    result = cli("run", str(mixed_folder / "seed.txt"), "--out", str(tmp_path), "--format", fmt)
    assert result.returncode == 0, result.stderr
    frame = pd.read_parquet(tmp_path / "claims.parquet") if fmt == "parquet" else pd.read_json(tmp_path / "claims.jsonl", lines=True)
    assert set(frame["speaker_name"]) >= {"Joe Biden", "Fumio Kishida", "Japan", "China"}


def test_missing_input_is_a_usage_error(tmp_path):
    result = cli("run", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"claim-extract: error: no such file or folder: {tmp_path / 'nope'}"
    assert not (tmp_path / "out").exists()


def test_unwritable_out_is_a_usage_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("run", str(CORPUS / "seed.txt"), "--out", str(blocker / "out"))
    assert result.returncode == 2
    assert "not writable" in result.stderr and "Traceback" not in result.stderr


def test_unknown_model_is_a_usage_error(tmp_path):
    result = cli("run", str(CORPUS / "seed.txt"), "--out", str(tmp_path), "--model", "no_such_model_xyz")
    assert result.returncode == 2
    assert "no_such_model_xyz" in result.stderr and "Traceback" not in result.stderr


def test_two_workers_give_the_same_tables(mixed_folder, mixed_run, tmp_path):
    _, out = mixed_run
    result = cli("run", str(mixed_folder), "--out", str(tmp_path), "--workers", "2")
    assert result.returncode == 0, result.stderr
    for name in ("claims.csv", "timexes.csv", "entities.csv", "documents.csv"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
