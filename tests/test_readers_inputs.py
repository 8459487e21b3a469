"""readers/__init__.py: INPUT files and folders -> Articles, doc_ids, bad files."""
import itertools
import os
from pathlib import Path

import pytest

import claim_extract.readers as readers
from claim_extract.readers import InputNotFound, check_inputs, count_inputs, iter_articles

DATA = Path(__file__).parent / "data" / "readers"


def files_under(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def test_check_inputs():
    check_inputs([DATA, str(DATA / "empty.txt")])
    with pytest.raises(InputNotFound) as info:
        check_inputs([DATA, "no/such/place.txt"])
    assert str(info.value) == "no such file or folder: no/such/place.txt"


def test_every_file_of_the_fixture_folder_gives_an_article():
    found = list(iter_articles([str(DATA)]))
    file_ids = sorted({a.doc_id.split("#")[0] for a in found})
    assert file_ids == files_under(DATA)
    assert ".gitattributes" not in file_ids  # hidden files are skipped
    assert "sub/nested.txt" in file_ids and "unicodé ファイル.txt" in file_ids
    assert all(a.path == os.path.join(str(DATA), a.doc_id.split("#")[0]) for a in found)
    assert count_inputs([DATA]) == len(file_ids)


def test_order_is_sorted_and_deterministic():
    ids = [a.doc_id for a in iter_articles([DATA])]
    assert ids == [a.doc_id for a in iter_articles([DATA])]
    files = list(dict.fromkeys(i.split("#")[0] for i in ids))
    assert files == sorted(files, key=lambda f: f.split("/"))


def test_statuses_of_the_fixtures():
    by_id = {a.doc_id: a for a in iter_articles([DATA])}
    assert by_id["notes.pdf"].status == "skipped"
    assert by_id["notes.pdf"].error.startswith("unknown file type '.pdf': expected .jsonl.gz")
    assert by_id["binary.txt"].status == "skipped" and by_id["empty.txt"].status == "empty"
    assert by_id["page.html"].ok and by_id["list.json#3"].status == "error"
    assert by_id["sub/nested.txt"].body == "The mayor said the bridge would open in June.\n"


def test_limit_in_bytes(tmp_path):
    (tmp_path / "big.txt").write_text("The minister said so. " * 10)
    [a] = iter_articles([tmp_path], max_bytes=100)
    assert (a.doc_id, a.status, a.error) == ("big.txt", "skipped", "larger than the limit of 100 bytes (220 bytes)")
    [b] = iter_articles([tmp_path / "big.txt"], max_bytes=1000)
    assert b.ok


def test_hidden_folders_and_unknown_names(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden")
    (tmp_path / "README").write_text("no extension")
    (tmp_path / "data.csv").write_text("a,b")
    found = {a.doc_id: a.error for a in iter_articles([tmp_path])}
    assert found == {"README": "unknown file type (no extension): expected .jsonl.gz, .jsonl, .json, "
                               ".txt, .md, .html, .htm",
                     "data.csv": "unknown file type '.csv': expected .jsonl.gz, .jsonl, .json, "
                                 ".txt, .md, .html, .htm"}


def test_symlink_loop_terminates(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "story.txt").write_text("The envoy said so.")
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "loop")
    os.symlink(tmp_path, tmp_path / "a" / "up")
    ids = [a.doc_id for a in itertools.islice(iter_articles([tmp_path]), 20)]  # no hang if broken
    assert ids == ["a/b/story.txt"]


def test_symlinked_file_and_broken_link(tmp_path):
    (tmp_path / "real.txt").write_text("The envoy said so.")
    os.symlink(tmp_path / "real.txt", tmp_path / "link.txt")
    os.symlink(tmp_path / "gone.txt", tmp_path / "broken.txt")
    found = {a.doc_id: (a.status, a.error) for a in iter_articles([tmp_path])}
    assert found == {"broken.txt": ("error", "broken symbolic link"), "link.txt": ("ok", ""),
                     "real.txt": ("ok", "")}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_skipped_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    [a] = iter_articles([tmp_path])
    assert (a.status, a.error) == ("skipped", "not a regular file")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path):
    target = tmp_path / "locked.txt"
    target.write_text("secret")
    target.chmod(0)
    try:
        [a] = iter_articles([tmp_path])
    finally:
        target.chmod(0o644)
    assert a.status == "error" and a.error.startswith("cannot read")


def test_missing_input_is_an_article_not_an_exception():
    [a] = iter_articles(["no/such/file.txt"])
    assert (a.status, a.error) == ("error", "no such file or folder: no/such/file.txt")


def test_a_reader_bug_does_not_stop_the_run(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("First said so.")
    (tmp_path / "b.txt").write_text("Second said so.")

    def broken(data, doc_id, path):
        if doc_id == "a.txt":
            raise RuntimeError("boom")
        return real(data, doc_id, path)

    real = readers.read_text
    monkeypatch.setattr(readers, "read_text", broken)
    found = [(a.doc_id, a.status, a.error) for a in iter_articles([tmp_path])]
    assert found == [("a.txt", "error", "cannot read (RuntimeError: boom)"), ("b.txt", "ok", "")]


def test_doc_ids_of_nested_jsonl(tmp_path):
    (tmp_path / "feeds" / "2024").mkdir(parents=True)
    (tmp_path / "feeds" / "2024" / "day one.jsonl").write_text('{"text": "A said."}\n{"text": "B said."}\n')
    ids = [a.doc_id for a in iter_articles([tmp_path / "feeds"])]
    assert ids == ["2024/day one.jsonl#1", "2024/day one.jsonl#2"]
    assert count_inputs([tmp_path / "feeds"]) == 1
