import dataclasses

import numpy as np
import pandas as pd
import pytest

from claim_extract.schema import TABLES
from claim_extract.tables import TABLE_NAMES, Tables, conform, empty_frame, to_frame


@pytest.mark.parametrize("table", list(TABLES))
def test_empty_frame_has_schema_columns_and_dtypes(table):
    frame = empty_frame(table)
    assert list(frame.columns) == list(TABLES[table])
    assert [str(d) for d in frame.dtypes] == list(TABLES[table].values())
    assert len(frame) == 0


@pytest.mark.parametrize("table", list(TABLES))
def test_to_frame_has_schema_columns_and_dtypes(table):
    frame = to_frame(table, [{"doc_id": "a.txt"}, {}])
    assert list(frame.columns) == list(TABLES[table])
    assert [str(d) for d in frame.dtypes] == list(TABLES[table].values())
    assert frame["doc_id"].tolist() == ["a.txt", pd.NA]


def test_missing_and_none_become_na_extra_keys_dropped():
    rows = [
        {"value": "2024-04-10", "doc_id": "d", "start_char": 3, "bogus": 1, "end_char": None},
        {"text": "April", "type": "DATE"},
    ]
    frame = to_frame("timexes", rows)
    assert "bogus" not in frame.columns
    assert list(frame.columns) == list(TABLES["timexes"])  # schema order, not dict order
    assert frame.loc[0, "start_char"] == 3
    assert frame.loc[0, "end_char"] is pd.NA
    assert frame.loc[1, "doc_id"] is pd.NA
    assert frame.loc[1, "start_char"] is pd.NA
    assert frame.loc[0, "value"] == "2024-04-10"


def test_empty_string_becomes_na():
    frame = to_frame("entities", [{"doc_id": "d", "country": ""}, {"doc_id": "", "country": "CHN"}])
    assert frame["country"].tolist() == [pd.NA, "CHN"]
    assert frame["doc_id"].tolist() == ["d", pd.NA]


def test_row_order_kept_and_deterministic_with_generator():
    rows = [{"doc_id": f"d{i}", "start_char": i} for i in range(50)]
    a = to_frame("entities", (r for r in rows))
    b = to_frame("entities", list(rows))
    pd.testing.assert_frame_equal(a, b)
    assert a["start_char"].tolist() == list(range(50))
    assert isinstance(a.index, pd.RangeIndex) and a.index.start == 0


def test_values_are_coerced_to_the_column_type():
    frame = to_frame("claims", [{"sentence_id": 3.0, "confidence": 1, "claim": 12},
                                {"sentence_id": np.int64(4), "confidence": np.nan}])
    assert frame["sentence_id"].tolist() == [3, 4]
    assert frame["confidence"].tolist() == [1.0, pd.NA]
    assert frame["claim"].tolist() == ["12", pd.NA]


@pytest.mark.parametrize("bad", ["x", 2.5])
def test_uncoercible_value_names_the_column(bad):
    with pytest.raises(ValueError, match=r"claims\.sentence_id"):
        to_frame("claims", [{"sentence_id": bad}])


def test_unknown_table_is_rejected():
    with pytest.raises(ValueError, match="unknown table"):
        to_frame("speakers", [])
    with pytest.raises(ValueError, match="unknown table"):
        empty_frame("speakers")


def test_conform_reorders_fills_drops_and_types_without_touching_input():
    raw = pd.DataFrame({
        "extra": [1, 2, 3],
        "start_char": [1.0, np.nan, 3.0],
        "text": [1, None, ""],
        "doc_id": ["a", "b", "c"],
    }, index=[10, 11, 12])
    before = raw.copy()
    frame = conform("timexes", raw)
    pd.testing.assert_frame_equal(raw, before)
    assert list(frame.columns) == list(TABLES["timexes"])
    assert [str(d) for d in frame.dtypes] == list(TABLES["timexes"].values())
    assert frame["start_char"].tolist() == [1, pd.NA, 3]
    assert frame["text"].tolist() == ["1", pd.NA, pd.NA]
    assert frame["value"].isna().all()
    assert list(frame.index) == [0, 1, 2]


def test_conform_of_to_frame_is_identity():
    frame = to_frame("documents", [{"doc_id": "a", "n_chars": 5, "status": "ok"}])
    pd.testing.assert_frame_equal(conform("documents", frame), frame)


def test_tables_fields_follow_schema_order_and_default_to_empty():
    assert [f.name for f in dataclasses.fields(Tables)] == list(TABLES) == list(TABLE_NAMES)
    tables = Tables()
    for name, frame in tables:
        pd.testing.assert_frame_equal(frame, empty_frame(name))


def test_tables_iteration_items_getitem_and_repr():
    tables = Tables.from_rows(claims=[{"claim_id": "c1"}, {"claim_id": "c2"}],
                              documents=[{"doc_id": "a"}])
    assert [name for name, _ in tables] == ["claims", "timexes", "entities", "documents"]
    assert dict(tables).keys() == dict(tables.items()).keys()
    assert tables["claims"] is tables.claims
    assert len(tables) == 4
    assert repr(tables) == "Tables(claims=2, timexes=0, entities=0, documents=1 rows)"
    with pytest.raises(ValueError):
        tables["nope"]
    with pytest.raises(ValueError):
        Tables.from_rows(nope=[])


def test_repr_uses_thousands_separator():
    tables = Tables(entities=to_frame("entities", [{}] * 1234))
    assert "entities=1,234" in repr(tables)
