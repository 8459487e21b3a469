import json
import os
import re
import tempfile

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claim_extract import table_sinks
from claim_extract.schema import TABLES
from claim_extract.tables import Tables, empty_frame, to_frame
from claim_extract.writers import TableWriter, iter_table, read_table, write_tables

FORMATS = ["csv", "parquet", "jsonl"]
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1-2", "@SUM(A1:A2)", "-2+3", "\tx", "\rx",
            "=1", "-", "+", "-inf"]
HARMLESS = ["-3", "2024-03-25", "+4.5", "-1e5", ".5", "a=b", "x@y", "'quoted", " =1", "PRESENT_REF"]
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)


def neutralised(value):
    """Test oracle: what a text cell should read back as from a safe CSV."""
    if value is pd.NA or value is None:
        return pd.NA
    if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def expected_csv(frame, table):
    out = frame.copy()
    for column, dtype in TABLES[table].items():
        if dtype == "string":
            out[column] = pd.array([neutralised(v) for v in out[column]], dtype="string")
    return out


def sample_tables():
    claims = [
        {"claim_id": "c1", "doc_id": "news/a.txt", "published": "2024-03-25", "sentence_id": 0,
         "start_char": 10, "end_char": 42, "speaker": "Beijing", "speaker_name": "China",
         "claim": 'it will "respond", firmly\nand soon', "sentence": "Café, naïve — 北京\r",
         "confidence": 0.30000000000000004, "speaker_start": -1},
        {"claim_id": "c2", "doc_id": "news/a.txt#2", "sentence_id": 12, "claim": "", "cue": None,
         "confidence": None, "speaker_country": "", "target": "U+2028\u2028here"},
        {"claim_id": "c3", "doc_id": "b.html", "sentence_id": 2**40, "confidence": 1.0},
    ]
    documents = [{"doc_id": "news/a.txt", "path": "/in/news/a.txt", "n_chars": 120, "status": "ok"},
                 {"doc_id": "bad.json", "status": "error", "error": "JSONDecodeError: line 1"}]
    return Tables.from_rows(claims=claims, documents=documents,
                            timexes=[{"doc_id": "news/a.txt", "start_char": 0, "value": "P3Y"}])


def temp_files(directory):
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_round_trips_all_tables(tmp_path, fmt):
    tables = sample_tables()
    paths = write_tables(tables, tmp_path / "out" / "deep", fmt)
    assert {n: p.name for n, p in paths.items()} == {n: f"{n}.{fmt}" for n in TABLES}
    assert sorted(p.name for p in (tmp_path / "out" / "deep").iterdir()) == sorted(
        f"{n}.{fmt}" for n in TABLES)
    for name, frame in tables:
        back = read_table(paths[name])
        expected = expected_csv(frame, name) if fmt == "csv" else frame
        pd.testing.assert_frame_equal(back, expected)
        assert [str(d) for d in back.dtypes] == list(TABLES[name].values())


def test_empty_tables_are_written_with_header_and_read_back_typed(tmp_path):
    paths = write_tables(Tables(), tmp_path, "csv")
    assert paths["entities"].read_text() == ",".join(TABLES["entities"]) + "\n"
    for fmt in FORMATS:
        paths = write_tables(Tables(), tmp_path, fmt)
        for name in TABLES:
            pd.testing.assert_frame_equal(read_table(paths[name]), empty_frame(name))


def test_dict_input_writes_only_given_tables(tmp_path):
    frame = to_frame("claims", [{"claim_id": "c1"}])
    paths = write_tables({"claims": frame}, tmp_path, "jsonl")
    assert list(paths) == ["claims"]
    assert [p.name for p in tmp_path.iterdir()] == ["claims.jsonl"]


def test_no_index_column_in_any_format(tmp_path):
    tables = sample_tables()
    columns = list(TABLES["claims"])
    csv_path = write_tables(tables, tmp_path, "csv")["claims"]
    assert csv_path.read_text(encoding="utf-8").split("\n", 1)[0] == ",".join(columns)
    assert pq.read_schema(write_tables(tables, tmp_path, "parquet")["claims"]).names == columns
    lines = write_tables(tables, tmp_path, "jsonl")["claims"].read_text(encoding="utf-8")
    lines = lines.rstrip("\n").split("\n")  # not splitlines(): U+2028 is inside a value
    assert len(lines) == 3 and all(list(json.loads(line)) == columns for line in lines)


def test_csv_neutralises_formulas_only_in_text_columns(tmp_path):
    rows = [{"claim": v, "speaker": v, "start_char": -5} for v in FORMULAS + HARMLESS]
    path = write_tables({"claims": to_frame("claims", rows)}, tmp_path)["claims"]
    back = read_table(path)
    assert back["claim"].tolist() == ["'" + v for v in FORMULAS] + HARMLESS
    assert back["speaker"].tolist() == back["claim"].tolist()
    assert back["start_char"].tolist() == [-5] * len(rows)
    text = path.read_text(encoding="utf-8")
    assert ',"\'=HYPERLINK(""http' in text and ",'+1-2," in text and ",'@SUM(A1:A2)," in text
    assert ",-3," in text and ",2024-03-25," in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_unsafe_csv_and_other_formats_keep_formulas_verbatim(tmp_path, fmt):
    frame = to_frame("claims", [{"claim": v} for v in FORMULAS])
    path = write_tables({"claims": frame}, tmp_path, fmt, safe=False)["claims"]
    assert read_table(path)["claim"].tolist() == FORMULAS
    if fmt != "csv":  # safe only concerns CSV
        path = write_tables({"claims": frame}, tmp_path, fmt, safe=True)["claims"]
        assert read_table(path)["claim"].tolist() == FORMULAS


def test_csv_raw_layout_na_empty_lf_and_quoting(tmp_path):
    frame = to_frame("timexes", [{"doc_id": "a", "text": "x\ry", "value": 'say "hi", ok'},
                                 {"doc_id": "b", "start_char": 7}])
    raw = write_tables({"timexes": frame}, tmp_path)["timexes"].read_bytes()
    assert raw == (b"doc_id,start_char,end_char,text,type,value,sentence_id\n"
                   b'a,,,"x\ry",,"say ""hi"", ok",\n'
                   b"b,7,,,,,\n")


def test_bom_option(tmp_path):
    frame = to_frame("claims", [{"claim_id": "c1", "claim": "Ünïcode"}])
    plain = write_tables({"claims": frame}, tmp_path / "plain")["claims"]
    bom = write_tables({"claims": frame}, tmp_path / "bom", bom=True)["claims"]
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert bom.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    back = read_table(bom)
    assert list(back.columns)[0] == "claim_id"
    pd.testing.assert_frame_equal(back, read_table(plain))


def test_jsonl_null_ints_and_raw_unicode(tmp_path):
    frame = to_frame("claims", [{"claim_id": "c1", "sentence_id": 3, "claim": "北京",
                                 "confidence": float("inf")}])
    raw = write_tables({"claims": frame}, tmp_path, "jsonl")["claims"].read_bytes()
    assert "北京".encode() in raw and raw.endswith(b"}\n") and raw.count(b"\n") == 1
    record = json.loads(raw)
    assert record["sentence_id"] == 3 and type(record["sentence_id"]) is int
    assert record["published"] is None and record["confidence"] is None


def test_parquet_types_fixed_and_small_chunks_gathered_into_one_row_group(tmp_path):
    all_na = to_frame("claims", [{}, {}])
    full = to_frame("claims", [{"claim_id": "c", "sentence_id": 1, "confidence": 0.5}])
    with TableWriter(tmp_path, "parquet", tables=["claims"]) as writer:
        writer.write("claims", all_na)
        writer.write("claims", full)
        writer.write("claims", all_na.iloc[:0])  # empty chunk: nothing
    path = writer.paths["claims"]
    arrow = {"string": pa.string(), "Int64": pa.int64(), "Float64": pa.float64()}
    assert pq.read_schema(path).types == [arrow[d] for d in TABLES["claims"].values()]
    assert pq.ParquetFile(path).metadata.num_row_groups == 1
    pd.testing.assert_frame_equal(read_table(path), pd.concat([all_na, full], ignore_index=True))
    # plain pandas restores the schema dtypes from the stored metadata
    assert [str(d) for d in pd.read_parquet(path).dtypes] == list(TABLES["claims"].values())


def test_parquet_row_groups_are_full_whatever_the_chunks(tmp_path):
    chunks = [to_frame("entities", [{"doc_id": f"d{c}", "start_char": i} for i in range(n)])
              for c, n in enumerate([3, 1, 7, 2, 0, 5])]
    with TableWriter(tmp_path, "parquet", tables=["entities"], row_group_size=4) as writer:
        for chunk in chunks:
            writer.write("entities", chunk)
    meta = pq.ParquetFile(writer.paths["entities"]).metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [4, 4, 4, 4, 2]
    pd.testing.assert_frame_equal(read_table(writer.paths["entities"]),
                                  pd.concat(chunks, ignore_index=True))


def test_parquet_row_group_size_splits_big_chunks(tmp_path):
    frame = to_frame("entities", [{"doc_id": str(i)} for i in range(5)])
    path = write_tables({"entities": frame}, tmp_path, "parquet", row_group_size=2)["entities"]
    assert pq.ParquetFile(path).metadata.num_row_groups == 3
    pd.testing.assert_frame_equal(read_table(path), frame)


@pytest.mark.parametrize("fmt", FORMATS)
def test_streaming_chunks_equal_one_shot(tmp_path, fmt, monkeypatch):
    monkeypatch.setattr(table_sinks, "SLICE", 3)  # also exercise slicing inside a chunk
    rows = [{"doc_id": f"d{i}", "start_char": i, "text": f"-{i}x" if i % 2 else None}
            for i in range(10)]
    with TableWriter(tmp_path / "s", fmt, tables=["timexes"]) as writer:
        writer.write("timexes", rows[:4])  # rows (dicts) or frames
        writer.write("timexes", pd.DataFrame(rows[4:]))
    one = write_tables({"timexes": to_frame("timexes", rows)}, tmp_path / "o", fmt)["timexes"]
    assert writer.paths["timexes"].read_bytes() == one.read_bytes() or fmt == "parquet"
    pd.testing.assert_frame_equal(read_table(writer.paths["timexes"]), read_table(one))
    if fmt == "csv":
        assert one.read_text().count("doc_id,") == 1  # header once


def test_writer_rejects_bad_use(tmp_path):
    with pytest.raises(ValueError, match="format"):
        TableWriter(tmp_path, "xlsx")
    writer = TableWriter(tmp_path, tables=["claims"])
    with pytest.raises(ValueError, match="not one of"):
        writer.write("timexes", [])
    writer.close()
    with pytest.raises(ValueError, match="closed"):
        writer.write("claims", [])
    with pytest.raises(ValueError, match="format"):
        read_table(tmp_path / "claims.xlsx")
    with pytest.raises(ValueError, match="unknown table"):
        read_table(tmp_path / "other.csv")
    (tmp_path / "claims.csv").rename(tmp_path / "renamed.csv")
    assert len(read_table(tmp_path / "renamed.csv", table="claims")) == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_failure_inside_block_keeps_previous_files_and_removes_temps(tmp_path, fmt):
    old = write_tables(sample_tables(), tmp_path, fmt)
    before = {name: path.read_bytes() for name, path in old.items()}
    with pytest.raises(RuntimeError, match="boom"):
        with TableWriter(tmp_path, fmt) as writer:
            writer.write("claims", [{"claim_id": "new"}] * 3)
            writer.write("entities", [{"doc_id": "new"}])
            assert len(temp_files(tmp_path)) == 2  # the new data is really on disk, hidden
            raise RuntimeError("boom")
    assert {name: path.read_bytes() for name, path in old.items()} == before
    assert temp_files(tmp_path) == []


def test_failing_write_aborts_and_leaves_no_file(tmp_path):
    writer = TableWriter(tmp_path / "fresh", "csv")
    writer.write("claims", [{"claim_id": "ok"}])
    with pytest.raises(ValueError, match="sentence_id"):
        writer.write("claims", [{"sentence_id": "not a number"}])
    with pytest.raises(ValueError, match="aborted"):
        writer.close()
    assert list((tmp_path / "fresh").iterdir()) == []


def test_failure_while_finishing_publishes_nothing(tmp_path, monkeypatch):
    old = write_tables(sample_tables(), tmp_path, "jsonl")
    before = {name: path.read_bytes() for name, path in old.items()}
    calls = []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 3:
            raise OSError("disk full")
    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="disk full"):
        write_tables(Tables(), tmp_path, "jsonl")
    assert {name: path.read_bytes() for name, path in old.items()} == before
    assert temp_files(tmp_path) == []


def test_published_files_are_not_private(tmp_path):
    path = write_tables(Tables(), tmp_path)["claims"]
    assert path.stat().st_mode & 0o777 == table_sinks.FILE_MODE
    assert table_sinks.FILE_MODE & 0o044  # readable by others under a usual umask


def _round_trip(frame, table, fmt):
    with tempfile.TemporaryDirectory() as directory:
        return read_table(write_tables({table: frame}, directory, fmt)[table])


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(st.one_of(st.none(), st.text()), min_size=1, max_size=6),
       fmt=st.sampled_from(["csv", "jsonl"]))
def test_arbitrary_text_round_trips(texts, fmt):
    rows = [{"doc_id": t, "text": t, "value": None if t is None else t[::-1]} for t in texts]
    frame = to_frame("timexes", rows)
    expected = expected_csv(frame, "timexes") if fmt == "csv" else frame
    pd.testing.assert_frame_equal(_round_trip(frame, "timexes", fmt), expected)


@settings(max_examples=100, deadline=None)
@given(ints=st.lists(st.one_of(st.none(), st.integers(-2**63, 2**63 - 1)), min_size=1, max_size=5),
       floats=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=5, max_size=5),
       fmt=st.sampled_from(FORMATS))
def test_numbers_round_trip(ints, floats, fmt):
    rows = [{"sentence_id": i, "confidence": f} for i, f in zip(ints, floats)]
    frame = to_frame("claims", rows)
    pd.testing.assert_frame_equal(_round_trip(frame, "claims", fmt), frame)


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_safe_csv_cell_never_starts_a_formula(text):
    frame = to_frame("entities", [{"text": text}])
    back = _round_trip(frame, "entities", "csv")["text"][0]
    if text == "":
        assert back is pd.NA
    else:
        assert back in (text, "'" + text)
        assert back[:1] not in ("=", "+", "-", "@", "\t", "\r") or _NUMBER.fullmatch(back)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("rows", [1, 3, 10_000])
def test_iter_table_reads_what_read_table_reads_in_frames_of_at_most_rows(tmp_path, fmt, rows):
    frame = to_frame("timexes", [{"doc_id": f"=d{i}", "start_char": i, "text": "a,\"b\"\nc" if i % 2 else None}
                                 for i in range(7)])
    path = write_tables({"timexes": frame}, tmp_path, fmt, row_group_size=2)["timexes"]
    frames = list(iter_table(path, rows=rows))
    assert all(len(f) <= rows for f in frames) and len(frames) == -(-7 // rows)
    pd.testing.assert_frame_equal(pd.concat(frames, ignore_index=True), read_table(path))


@pytest.mark.parametrize("fmt", FORMATS)
def test_iter_table_of_an_empty_table(tmp_path, fmt):
    path = write_tables({"claims": empty_frame("claims")}, tmp_path, fmt)["claims"]
    assert sum(len(f) for f in iter_table(path)) == 0
