"""readers/header.py and readers/dates.py: header forms, body offsets, publication dates."""
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claim_extract.readers.dates import parse_published
from claim_extract.readers.header import known_keys, parse_header

DATA = Path(__file__).parent / "data" / "readers"
SHARED = Path("/work/shared")
SEED = Path(__file__).resolve().parents[1] / "corpus" / "seed.txt"


def scorer_body_start():
    """The scorers' body_start, read from /work/shared (never copied here)."""
    if not (SHARED / "gold" / "score_claims.py").exists():
        pytest.skip("/work/shared is absent")
    sys.path.insert(0, str(SHARED / "gold"))
    try:
        from score_claims import body_start
    finally:
        sys.path.remove(str(SHARED / "gold"))
    return body_start


def read(name):
    return (DATA / name).read_text(encoding="utf-8")


def test_key_value_header():
    raw = read("header_colon.txt")
    meta, body, offset = parse_header(raw)
    assert meta == {"date": "2024-03-25", "title": "Ministers meet in Tokyo",
                    "source": "https://example.org/news/tokyo-talks"}
    assert body.startswith("Japan's foreign minister") and body == raw[offset:]


def test_date_line_header():
    meta, body, _ = parse_header(read("header_date_line.txt"))
    assert meta == {"date": "2024-03-25"} and body.startswith("The ministry announced")


def test_keys_are_normalised_and_all_blank_lines_skipped():
    meta, body, _ = parse_header(read("header_long_date.txt"))
    assert meta["published"] == "March 25, 2024" and meta["title"] == "Harbour agreement signed"
    assert body.startswith("Officials signed")


def test_inline_date_before_body():
    raw = read("inline_date.txt")
    meta, body, offset = parse_header(raw)
    assert meta == {"date": "2024-03-25"}
    assert body.startswith("Officials in Seoul") and offset == raw.index("Officials")


def test_the_seed():
    raw = SEED.read_text(encoding="utf-8")
    meta, body, _ = parse_header(raw)
    assert meta["date"] == "2024-03-25" and body.startswith("Amid growing")


@pytest.mark.parametrize("name", ["transcript_no_header.txt", "transcript_speaker_lines.txt",
                                  "no_blank_after_header.txt"])
def test_not_a_header(name):
    raw = read(name)
    assert parse_header(raw) == ({}, raw, 0)


def test_unknown_keys_alone_are_not_a_header():
    raw = "Speaker: Ms. Lee\nVenue: Seoul\n\nThe talks went well.\n"
    assert parse_header(raw)[2] == 0
    assert parse_header("Venue: Seoul\nTitle: Talks\n\nThe talks went well.\n")[2] > 0


def test_header_only_has_empty_body():
    raw = read("header_only.txt")
    meta, body, offset = parse_header(raw)
    assert meta["title"] == "Nothing follows" and body == "" and offset == len(raw)


def test_crlf_header_offsets_point_into_the_crlf_text():
    raw = (DATA / "crlf.txt").read_bytes().decode("utf-8")
    meta, body, offset = parse_header(raw)
    assert meta["title"] == "Windows line endings"
    assert raw[offset:] == body == "The envoy said talks would resume.\r\nA second line.\r\n"


def test_front_matter():
    meta, body, _ = parse_header(read("front_matter.md"))
    assert meta == {"title": "Notes: a front matter header", "date": "2024-04-02"}
    assert body.startswith("# Summit notes")


def test_known_keys_come_from_the_data_file():
    keys = known_keys()
    assert {"date", "title", "source", "url", "published", "author", "id", "language"} <= keys
    assert not any(k.startswith("#") for k in keys)


def shared_texts():
    folders = [SHARED / "gold" / "dev", SHARED / "polnear" / "dev", SHARED / "corpus" / "whitehouse"]
    folders += sorted((SHARED / "timeml").glob("*/")) if (SHARED / "timeml").exists() else []
    return [p for folder in folders if folder.is_dir() for p in sorted(folder.glob("*.txt"))]


def test_body_offset_equals_the_scorers_on_all_gold_texts():
    body_start = scorer_body_start()
    files = shared_texts()
    assert len(files) > 500  # gold, PolNeAR, TimeML (two folders) and the White House texts
    wrong = []
    for path in files:
        raw = path.read_text(encoding="utf-8")
        meta, _, offset = parse_header(raw)
        if offset != body_start(raw) or not meta.get("date"):
            wrong.append(f"{path}: {offset} != {body_start(raw)}")
    assert not wrong, wrong[:5]


PIECES = st.sampled_from(["date: 2024-03-25", "title: A: b", "THE PRESIDENT: hi", "", " ", "---",
                          " date 2024-03-25 ", "date 2024-03-25", "\r\n", "\n", "\r", "\x0c",
                          "\u2028", "Body text.", "url: https://x.org", "Q:", "\ufeff"])
RAW = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=5)),
                                                max_size=25).map("".join))


@settings(max_examples=500, deadline=None)
@given(RAW)
def test_parse_header_never_raises_and_body_is_a_suffix(raw):
    meta, body, offset = parse_header(raw)
    assert 0 <= offset <= len(raw) and body == raw[offset:]
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items())
    assert (offset == 0) == (meta == {})


@settings(max_examples=500, deadline=None)
@given(RAW)
def test_when_we_see_a_header_the_scorer_puts_the_body_at_the_same_place(raw):
    body_start = scorer_body_start()
    _, _, offset = parse_header(raw)
    if offset and not raw.startswith("---"):
        assert offset == body_start(raw)


# --- publication dates -------------------------------------------------------------------

@pytest.mark.parametrize("value, iso", [
    ("2024-03-25", "2024-03-25"),
    ("2024-03-25T23:30:00-05:00", "2024-03-25"),  # the day as printed, no time-zone shift
    ("2024-03-25 10:00", "2024-03-25"),
    ("March 25, 2024", "2024-03-25"),
    ("25 March 2024", "2024-03-25"),
    ("Mon, 25 Mar 2024 10:00:00 GMT", "2024-03-25"),
    ("25/03/2024", "2024-03-25"),  # first number > 12: day/month/year
    ("03/25/2024", "2024-03-25"),  # second number > 12: month/day/year
    ("25.03.2024", "2024-03-25"),
])
def test_dates(value, iso):
    assert parse_published(value) == (iso, None)


def test_ambiguous_numeric_date_is_month_first_with_a_warning():
    iso, warning = parse_published("03/04/2024", "header date")
    assert iso == "2024-03-04" and warning == "header date 03/04/2024 is ambiguous, read as month/day/year"


@pytest.mark.parametrize("value", ["2024-13-45", "yesterday", "2 days ago", "1711324800",
                                   "March 2024", "soon", "31/02/2024", "x" * 500])
def test_not_dates(value):
    iso, warning = parse_published(value, "header date")
    assert iso is None and warning.startswith("header date ") and warning.endswith("is not a date")


def test_not_a_date_message():
    assert parse_published("2024-13-45", "header date") == (None, "header date 2024-13-45 is not a date")


def test_future_date_is_kept_with_a_warning():
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert parse_published(tomorrow, "header date") == (tomorrow, f"header date {tomorrow} is in the future")
    assert parse_published(date.today().isoformat())[1] is None


def test_no_value():
    assert parse_published(None) == (None, None) and parse_published("  ") == (None, None)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40), st.integers(), st.floats()))
def test_parse_published_never_raises(value):
    iso, warning = parse_published(value)
    assert iso is None or (len(iso) == 10 and date.fromisoformat(iso))
    assert warning is None or "\n" not in warning
