"""CSV for spreadsheets, as an analyst makes and opens it: the real pipeline on real files, the CLI
options --bom and --columns, and pandas / the csv module reading what was written.

A text cell that starts with = + - @ (a formula to Excel and LibreOffice) is written with a
leading ' and reads back as that text; the contract's claims.csv stays whole next to the view.
"""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import CORPUS, DATA

from claim_extract import extract
from claim_extract.schema import CLAIMS, TABLES
from claim_extract.views import ANALYST, claims_view, resolve_columns
from claim_extract.writers import read_table, write_tables, write_view

CLI = [sys.executable, "-m", "claim_extract"]
TRAPS = DATA / "export" / "spreadsheet_traps.txt"
TRIGGERS = ("=", "+", "-", "@")
BOM = b"\xef\xbb\xbf"
CONTRACT_CLAIMS = ["claim_id", "doc_id", "published", "sentence_id", "start_char", "end_char", "speaker",
                   "speaker_name", "speaker_type", "speaker_country", "cue", "claim", "claim_type", "stance",
                   "target", "target_country", "said_on", "date_text", "date_value", "quote", "sentence",
                   "confidence"]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600)


def formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(TRIGGERS) and not value.lstrip("+-").replace(".", "", 1).isdigit()


@pytest.fixture(scope="module")
def traps_run(tmp_path_factory):
    """`claim-extract run TRAPS seed.txt --out OUT --bom --columns analyst`."""
    out = tmp_path_factory.mktemp("export")
    result = cli("run", str(TRAPS), str(CORPUS / "seed.txt"), "--out", str(out), "--bom", "--columns", "analyst", "-q")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def traps_tables():
    return extract([TRAPS, CORPUS / "seed.txt"])


def raw_rows(path: Path) -> list[list[str]]:
    """Rows as a spreadsheet's CSV import sees them: UTF-8 (BOM dropped), RFC 4180 quoting."""
    text = path.read_bytes().decode("utf-8-sig")  # raises if not UTF-8
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def test_the_real_pipeline_gives_formula_like_claims(traps_tables):
    # the premise of the other tests: quotes starting with = + - reach the claim column
    starts = {c[0] for c in traps_tables.claims["claim"].dropna() if formula_like(c)}
    assert {"=", "+"} <= starts, traps_tables.claims["claim"].tolist()


def test_formula_cells_are_neutralised_in_claims_and_view(traps_run, traps_tables):
    expected = {c for c in traps_tables.claims["claim"].dropna() if formula_like(c)}
    assert expected
    for name in ("claims.csv", "claims_view.csv"):
        rows = raw_rows(traps_run / name)
        column = rows[0].index("claim")
        cells = [r[column] for r in rows[1:]]
        assert not [c for c in cells if formula_like(c)], f"{name}: a cell would run as a formula"
        assert {"'" + c for c in expected} <= set(cells), name


def test_neutralised_cells_round_trip_through_pandas(traps_run, traps_tables):
    frame = pd.read_csv(traps_run / "claims.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    want = traps_tables.claims["claim"].fillna("").tolist()
    got = frame["claim"].tolist()
    assert got == ["'" + c if formula_like(c) else c for c in want]
    # everything else that is text comes back exactly: commas, quotes, accents, CJK
    assert frame["sentence"].tolist() == [s if not formula_like(s) else "'" + s
                                          for s in traps_tables.claims["sentence"].fillna("")]
    # the package's own reader keeps the quote too (nothing is undone on reading)
    assert read_table(traps_run / "claims.csv")["claim"].fillna("").tolist() == got


def test_a_formula_typed_in_pandas_is_neutralised_on_export_and_export_is_idempotent(tmp_path, traps_tables):
    # an analyst edits a cell in pandas, exports, reads back, exports again
    claims = traps_tables.claims.copy()
    claims.loc[0, "claim"] = '=HYPERLINK("http://example.invalid","click me")'
    claims.loc[1, "speaker"] = "@SUM(A1:A2)"
    claims.loc[2, "target"] = "-3"  # a plain number is left alone
    first = write_tables({"claims": claims}, tmp_path / "a")["claims"]
    back = pd.read_csv(first, dtype=str, keep_default_na=False)
    assert back.loc[0, "claim"] == '\'=HYPERLINK("http://example.invalid","click me")'
    assert back.loc[1, "speaker"] == "'@SUM(A1:A2)"
    assert back.loc[2, "target"] == "-3"
    assert claims.loc[0, "claim"].startswith("=")  # the frame in memory is not changed
    second = write_tables({"claims": back}, tmp_path / "b")["claims"]
    assert second.read_bytes() == first.read_bytes()  # ' is not added twice


def test_unsafe_export_keeps_the_formula(tmp_path, traps_tables):
    path = write_tables({"claims": traps_tables.claims}, tmp_path, safe=False)["claims"]
    cells = pd.read_csv(path, dtype=str, keep_default_na=False)["claim"]
    assert any(formula_like(c) for c in cells)


def test_bom_flag_and_layout_of_every_table(traps_run, tmp_path):
    for name in ("claims", "timexes", "entities", "documents", "claims_view"):
        data = (traps_run / f"{name}.csv").read_bytes()
        assert data.startswith(BOM), name
        assert b"\r" not in data  # line ends are \n (the inputs hold no CR)
        rows = raw_rows(traps_run / f"{name}.csv")
        width = len(rows[0])
        assert all(len(r) == width for r in rows), f"{name}: ragged rows"
        assert rows[0][0] != "" and "Unnamed: 0" not in rows[0], f"{name}: index column"
    plain = tmp_path / "plain"
    assert cli("run", str(CORPUS / "seed.txt"), "--out", str(plain), "-q").returncode == 0
    assert not (plain / "claims.csv").read_bytes().startswith(BOM)
    assert not (plain / "claims_view.csv").exists()


def test_columns_analyst_writes_a_view_and_keeps_the_contract_table(traps_run, traps_tables):
    header = raw_rows(traps_run / "claims_view.csv")[0]
    assert header == list(ANALYST) == ["speaker_name", "claim_type", "stance", "target", "said_on", "claim"]
    full = raw_rows(traps_run / "claims.csv")[0]
    assert full[:len(CONTRACT_CLAIMS)] == CONTRACT_CLAIMS
    assert full == list(TABLES["claims"])
    view = pd.read_csv(traps_run / "claims_view.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(view) == len(traps_tables.claims)
    assert view["speaker_name"].tolist() == traps_tables.claims["speaker_name"].fillna("").tolist()


def test_columns_takes_a_comma_list_and_other_formats(tmp_path):
    out = tmp_path / "out"
    result = cli("run", str(CORPUS / "seed.txt"), "--out", str(out), "--format", "jsonl",
                 "--columns", " claim , speaker_country,claim_type", "-q")
    assert result.returncode == 0, result.stderr
    view = pd.read_json(out / "claims_view.jsonl", lines=True, dtype=False)
    assert list(view.columns) == ["claim", "speaker_country", "claim_type"]
    assert len(view) == len(pd.read_json(out / "claims.jsonl", lines=True))


def test_unknown_column_is_a_usage_error_before_any_work(tmp_path):
    out = tmp_path / "never"
    result = cli("run", str(CORPUS / "seed.txt"), "--out", str(out), "--columns", "speaker_name,nonsense")
    assert result.returncode == 2
    assert "unknown claims column 'nonsense'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_resolve_columns_and_claims_view(traps_tables):
    assert resolve_columns("analyst") == list(ANALYST)
    assert resolve_columns("ANALYST") == list(ANALYST)
    assert resolve_columns("claim,claim,cue") == ["claim", "cue"]
    assert resolve_columns(["stance", "said_on"]) == ["stance", "said_on"]
    with pytest.raises(ValueError, match="at least one"):
        resolve_columns(" , ")
    view = claims_view(traps_tables.claims, "analyst")
    assert list(view.columns) == list(ANALYST)
    assert all(str(view[c].dtype) == CLAIMS[c] for c in ANALYST)


def test_write_view_from_a_frame_and_a_file_agree(tmp_path, traps_tables):
    written = write_tables({"claims": traps_tables.claims}, tmp_path)["claims"]
    a = write_view(traps_tables.claims, tmp_path / "a", "analyst", bom=True)
    b = write_view(written, tmp_path / "b", "analyst", bom=True)
    assert a.name == b.name == "claims_view.csv"
    assert a.read_bytes() == b.read_bytes()
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.endswith(".tmp")]
