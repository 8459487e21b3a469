"""Bad input never costs a run (issue 7): the CLI over tests/data/robust, one file per case, plus
the cases that cannot be committed (a 50 MB file, a 20,000-word sentence, symbolic-link loops,
unreadable files), built at test time.

Every input gets one `documents` row with the expected status and a reason a person can read;
the run exits 0 with no traceback; the good documents come out exactly as when run alone; the
offsets of every row still slice the body; no cell can run as a spreadsheet formula; nothing in
an input is fetched.
"""
from __future__ import annotations

import csv
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from claim_extract.readers import iter_articles
from conftest import DATA

ROBUST = DATA / "robust"
CLI = [sys.executable, "-m", "claim_extract"]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
PROC_MEM = Path("/proc/self/mem")  # a file every process, root too, fails to read (EIO)
CAP = 300  # components/long_sentences.MAX_TOKENS
SENTENCE_WORDS = 20_000
BIG_BYTES = 50 * 1024 * 1024

OK = ("ok", "")
EXPECTED = {
    # empty
    "empty.txt": ("empty", "empty file"),
    "whitespace_only.txt": ("empty", "only whitespace, no text"),
    # not articles
    "binary_with_txt_extension.txt": ("skipped", "binary file, not text"),
    "nul_bytes.txt": ("skipped", "binary file, not text"),  # NULs: binary (readers/decode.py)
    "scan.pdf": ("skipped", "unknown file type '.pdf': expected .jsonl.gz"),
    "big_50mb.txt": ("skipped", f"larger than the limit of 50,000,000 bytes ({BIG_BYTES:,} bytes)"),
    "over_max_length.txt": ("skipped", "characters is over the limit of 1,000,000"),
    # JSON
    "malformed.json": ("error", "JSON: not valid JSON (Expecting value)"),
    "no_text_field.json": ("error", "JSON: missing text field"),
    "some_bad_lines.jsonl#1": OK,
    "some_bad_lines.jsonl#2": ("error", "JSON line 2: not valid JSON"),
    "some_bad_lines.jsonl#3": ("error", "JSON line 3: missing text field"),
    "some_bad_lines.jsonl#4": OK,
    "some_bad_lines.jsonl#5": ("error", "JSON line 5: text field is not a string"),
    "some_bad_lines.jsonl#6": OK,
    "some_bad_lines.jsonl#7": ("error", "JSON line 8: not a JSON object"),
    # files that cannot be read
    "broken_link.txt": ("error", "broken symbolic link"),
    "locked.txt": OK if IS_ROOT else ("error", "cannot read: Permission denied"),
    # encodings, line ends, control characters
    "utf8_bom.txt": OK,
    "utf16_le_bom.txt": OK,
    "utf16_be_no_bom.txt": OK,
    "cp1252.txt": OK,
    "latin1.txt": OK,
    "crlf.txt": OK,
    "cr_only.txt": OK,
    "control_characters.txt": OK,
    # HTML with scripts, styles, comments, broken tags
    "messy.html": OK,
    # header dates
    "header_date_not_a_date.txt": OK,
    "header_date_future.txt": OK,
    "header_date_long_format.txt": OK,
    "header_date_day_first.txt": OK,
    # file names; a title that is a formula
    "file with spaces.txt": OK,
    "unicodé ファイル.txt": OK,
    "-leading-dash.txt": OK,
    "formula_title.txt": OK,
    # long
    "long_line.txt": OK,
    "one_sentence_20000_words.txt": OK,
    # good articles, whose rows must not change with the neighbours
    "good/seed.txt": OK,
    "good/sullivan_statement.txt": OK,
}
if PROC_MEM.exists():
    EXPECTED["unreadable.txt"] = ("error", "cannot read: Input/output error")

#: documents we know give claims (each of these cases must still be analysed, not just read)
WITH_CLAIMS = ["utf8_bom.txt", "utf16_le_bom.txt", "cp1252.txt", "crlf.txt", "cr_only.txt",
               "control_characters.txt", "messy.html", "some_bad_lines.jsonl#4",
               "good/seed.txt", "good/sullivan_statement.txt", "long_line.txt"]


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def unformula(cell: str) -> str:
    """A CSV cell as it was before the writer neutralised it (writers.py: a leading ')."""
    return cell[1:] if re.match(r"'[=+\-@\t\r]", cell) else cell


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def build_folder(folder: Path, port: int) -> None:
    """tests/data/robust plus the cases built at test time."""
    shutil.copytree(ROBUST, folder, symlinks=True)
    html = folder / "messy.html"
    html.write_text(html.read_text(encoding="utf-8").replace("127.0.0.1:9", f"127.0.0.1:{port}"),
                    encoding="utf-8")
    unit = b"The minister said the talks went well. "
    with open(folder / "big_50mb.txt", "wb") as f:
        block = unit * (1024 * 1024 // len(unit) + 1)
        written = 0
        while written < BIG_BYTES:
            part = block[: BIG_BYTES - written]
            f.write(part)
            written += len(part)
    (folder / "over_max_length.txt").write_text("date: 2024-03-25\n\n" + "Talks went well. " * 70_000,
                                                encoding="utf-8")
    sentences = [f"Prime Minister Kishida said on day {i} that talks with China would go on."
                 for i in range(400)]
    (folder / "long_line.txt").write_text("date: 2024-03-25\n\n" + " ".join(sentences) + "\n",
                                          encoding="utf-8")
    words = ("the minister and the envoy discussed trade ports and rice with officials from "
             "several provinces while").split()
    sentence = " ".join(words[i % len(words)] for i in range(SENTENCE_WORDS))
    (folder / "one_sentence_20000_words.txt").write_text(
        "date: 2024-03-25\n\nThe Chinese embassy said " + sentence + ".\n", encoding="utf-8")
    loops = folder / "loops" / "a"
    loops.mkdir(parents=True)
    os.symlink("..", loops / "back")  # loops/a/back -> loops
    os.symlink("../..", loops / "top")  # loops/a/top -> the folder itself
    os.symlink(folder / "gone.txt", folder / "broken_link.txt")
    (folder / "locked.txt").write_text("The minister said so.\n", encoding="utf-8")
    (folder / "locked.txt").chmod(0)
    if PROC_MEM.exists():
        os.symlink(PROC_MEM, folder / "unreadable.txt")


@pytest.fixture(scope="module")
def listener():
    """A local TCP port that the HTML's scripts, images and frames point at: nothing may call."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


@pytest.fixture(scope="module")
def robust_run(tmp_path_factory, listener):
    base = tmp_path_factory.mktemp("robust")
    folder, out = base / "in", base / "out"
    build_folder(folder, listener.getsockname()[1])
    try:
        result = cli("run", str(folder), "--out", str(out))
    finally:
        (folder / "locked.txt").chmod(0o644)
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    docs["doc_id"] = docs["doc_id"].map(unformula)
    assert docs["doc_id"].is_unique
    return result, folder, out, docs.set_index("doc_id")


def test_exit_0_and_no_traceback(robust_run):
    result, _, out, _ = robust_run
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()  # just the summary
    assert line.startswith("claim-extract: ") and line.endswith(f"-> {out}")
    assert sorted(p.name for p in out.iterdir()) == ["claims.csv", "documents.csv", "entities.csv",
                                                     "timexes.csv"]


def test_one_documents_row_per_input_with_the_expected_status(robust_run):
    _, _, _, docs = robust_run
    assert sorted(docs.index) == sorted(EXPECTED)  # nothing missing, nothing twice (loops)
    wrong = {d: (docs.at[d, "status"], docs.at[d, "error"]) for d, (status, reason) in EXPECTED.items()
             if docs.at[d, "status"] != status or reason not in docs.at[d, "error"]}
    assert not wrong


def test_reasons_are_one_human_line(robust_run):
    _, _, _, docs = robust_run
    bad = docs[docs["status"] != "ok"]
    assert len(bad) >= 15
    for doc_id, reason in bad["error"].items():
        assert reason and "\n" not in reason and len(reason) <= 200, doc_id
        assert not re.search(r"Traceback|Errno|object at 0x|\\x[0-9a-f]{2}", reason), reason
    assert (docs.loc[docs["status"] == "ok", "error"] == "").all()


def test_ok_documents_are_analysed(robust_run):
    _, _, _, docs = robust_run
    ok = docs[docs["status"] == "ok"]
    assert (ok["n_sentences"].astype(int) > 0).all()
    n_claims = ok["n_claims"].astype(int)
    assert not [d for d in WITH_CLAIMS if n_claims[d] < 1]


def test_header_dates(robust_run):
    _, _, _, docs = robust_run
    assert docs.at["header_date_not_a_date.txt", "published"] == ""
    assert docs.at["header_date_not_a_date.txt", "warnings"] == "header date 2024-13-45 is not a date"
    assert docs.at["header_date_future.txt", "published"] == "2099-01-01"
    assert docs.at["header_date_future.txt", "warnings"] == "header date 2099-01-01 is in the future"
    assert docs.at["header_date_long_format.txt", "published"] == "2024-03-25"
    assert docs.at["header_date_day_first.txt", "published"] == "2024-03-25"
    assert docs.at["some_bad_lines.jsonl#4", "published"] == "2024-03-26"  # "March 26, 2024"
    assert docs.at["some_bad_lines.jsonl#6", "warnings"] == "JSON line 7: date 2024-13-45 is not a date"


def test_good_documents_unchanged_by_bad_neighbours(robust_run, tmp_path):
    """The good/ folder alone (with a file whose name starts with a dash, given after `--`)."""
    _, _, out, _ = robust_run
    alone = cli("run", "--out", str(tmp_path), "--", "good", "-leading-dash.txt", cwd=ROBUST)
    assert alone.returncode == 0, alone.stderr
    docs = {r["doc_id"]: r["status"] for r in read_csv(tmp_path / "documents.csv")}
    assert docs == {"seed.txt": "ok", "sullivan_statement.txt": "ok", "'-leading-dash.txt": "ok"}
    for table in ("claims", "timexes", "entities"):
        mixed = [r for r in read_csv(out / f"{table}.csv") if r["doc_id"].startswith("good/")]
        single = [r for r in read_csv(tmp_path / f"{table}.csv") if "dash" not in r["doc_id"]]
        for row in single:
            row["doc_id"] = "good/" + row["doc_id"]
        if table == "claims":  # claim_id hashes the doc_id: compare which rows share one
            for rows in (mixed, single):
                first = {}
                for row in rows:
                    row["claim_id"] = first.setdefault(row["claim_id"], len(first))
        assert mixed == single, table
        assert len(single) > 3, table


def test_offsets_slice_the_body_whatever_the_encoding(robust_run):
    _, folder, out, _ = robust_run
    bodies = {a.doc_id: a.body for a in iter_articles([folder]) if a.ok}
    checked = 0
    for table, field in (("claims", "claim"), ("timexes", "text"), ("entities", "text")):
        for row in read_csv(out / f"{table}.csv"):
            body = bodies[unformula(row["doc_id"])]
            text = body[int(row["start_char"]):int(row["end_char"])]
            text = " ".join(text.split()) if table == "claims" else text
            assert unformula(row[field]) == text, (table, row["doc_id"], row[field])
            checked += 1
    assert checked > 500


def test_no_cell_runs_as_a_formula(robust_run):
    _, _, out, docs = robust_run
    assert docs.at["formula_title.txt", "title"] == "'=HYPERLINK(\"http://127.0.0.1:9/\",\"click\")"
    for path in out.glob("*.csv"):
        for row in read_csv(path):
            for name, cell in row.items():
                assert not cell[:1] in ("=", "+", "@", "\t", "\r"), (path.name, name, cell)
                assert not cell.startswith("-") or re.fullmatch(r"-[0-9.eE+-]+", cell), (path.name, name, cell)


def test_html_scripts_styles_and_comments_are_not_text_and_nothing_is_fetched(robust_run, listener):
    _, _, out, _ = robust_run
    html = [r for t in ("claims", "entities", "timexes") for r in read_csv(out / f"{t}.csv")
            if r["doc_id"] == "messy.html"]
    text = " ".join(r.get("sentence", r.get("text", "")) for r in html)
    assert "Beijing" in text and "provocative" in text
    for hidden in ("script ran", "comment is hidden", "CSS", "subscribe", "alert"):
        assert hidden not in text
    with pytest.raises(BlockingIOError):
        listener.accept()  # no connection was made to the URLs in the page


def test_a_20000_word_sentence_is_cut_before_the_parser(robust_run):
    _, _, out, docs = robust_run
    doc_id = "one_sentence_20000_words.txt"
    assert int(docs.at[doc_id, "n_sentences"]) >= SENTENCE_WORDS // CAP
    claims = [r for r in read_csv(out / "claims.csv") if r["doc_id"] == doc_id]
    assert all(len(r["sentence"].split()) <= CAP for r in claims)
    # the whole run, 50 MB file and 20,000-word sentence included, stayed well within memory
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 2500, peak_mb


def test_a_leading_dash_file_name_without_double_dash_is_a_usage_error(tmp_path):
    refused = cli("run", "-leading-dash.txt", "--out", str(tmp_path), cwd=ROBUST)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr  # read as an option
    assert not tmp_path.joinpath("documents.csv").exists()


def test_sentence_cap_cuts_only_runs_without_full_stops(nlp):
    from claim_extract.components.long_sentences import cap_sentences

    prose = nlp.make_doc("The envoy said the talks went well. " * 200)  # 1,600 tokens, stops
    cap_sentences(prose, 50)
    assert not any(t.is_sent_start for t in prose[1:])  # untouched: the parser decides
    words = nlp.make_doc(", ".join(f"word{i} and more words here" for i in range(300)))
    cap_sentences(words, 50)
    starts = [0] + [t.i for t in words if t.i and t.is_sent_start] + [len(words)]
    assert len(starts) > len(words) // 50
    assert all(0 < b - a <= 50 for a, b in zip(starts, starts[1:]))
    assert all(words[i - 1].text == "," for i in starts[1:-1])  # cut after a comma
    bare = nlp.make_doc(" ".join(["word"] * 120))
    cap_sentences(bare, 50)
    assert [t.i for t in bare if t.i and t.is_sent_start] == [50, 100]
