"""engines/local.py: --workers N as N spawned worker processes (issue 8). That the tables are
the same as with one process is tested in test_cli.py; here the edges."""
from __future__ import annotations

import pytest

from claim_extract.article import Article
from claim_extract.engines.local import partitions
from claim_extract.pipeline import ModelNotFound
from claim_extract.run import run

from conftest import CORPUS


def test_a_model_the_workers_cannot_load_is_an_error_not_a_hang(tmp_path):
    with pytest.raises(ModelNotFound, match="no_such_model_xyz"):
        run([CORPUS / "seed.txt"], tmp_path / "out", workers=2, model="no_such_model_xyz")
    assert not list((tmp_path / "out").glob("*.csv"))


def test_batches_are_bounded_by_documents_and_characters():
    arts = [Article(doc_id=str(i), path="", body="x" * n) for i, n in enumerate([5, 5, 5, 5, 30, 5, 12])]
    parts = list(partitions(arts, max_docs=3, max_chars=12))
    assert [[a.doc_id for a in p] for p in parts] == [["0", "1"], ["2", "3"], ["4"], ["5"], ["6"]]


def test_batches_are_bounded_by_estimated_tokens_too():
    # "a b c" is 3 tokens in 5 characters, "a,b" 3 tokens in 3: the character bound alone
    # would put all four in one batch
    arts = [Article(doc_id=str(i), path="", body=b) for i, b in enumerate(["a b c", "a,b", "a b c", "abc"])]
    parts = list(partitions(arts, max_docs=10, max_chars=100, max_tokens=6))
    assert [[a.doc_id for a in p] for p in parts] == [["0", "1"], ["2", "3"]]
    assert len(list(partitions(arts, max_docs=10, max_chars=100))) == 1


def test_estimated_tokens_counts_words_punctuation_and_line_breaks():
    from claim_extract.engines.local import estimated_tokens

    assert estimated_tokens("") == 0
    assert estimated_tokens("Mr. Biden said, \"No.\"\n\nThen he left.") == 14


def test_the_token_estimate_is_close_to_the_tokenizer_on_real_text(nlp):
    from claim_extract.engines.local import estimated_tokens

    text = (CORPUS / "seed.txt").read_text(encoding="utf-8")
    assert 0.8 <= len(nlp.make_doc(text)) / estimated_tokens(text) <= 1.1
