"""The analyst notebooks run top to bottom on corpus/ (and on ../shared/gold/dev) and draw their
plots. Each runs in a fresh kernel on a temporary copy, writing its outputs to a temporary folder;
the notebooks in git stay without outputs.

Every plot in the notebooks goes through their `show(ax)`, which refuses a plot without a title or
axis labels; the tests check that each `show(ax)` produced one PNG.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

from conftest import REPO, SHARED  # noqa: E402

NOTEBOOKS = REPO / "notebooks"
NAMES = ["01_quickstart", "02_who_said_what", "03_evaluation"]
TIMINGS: dict[str, float] = {}


def execute(name: str, tmp: Path, **env: str):
    """Run notebooks/NAME.ipynb in a copy under tmp; returns the executed notebook."""
    work = tmp / "notebooks"
    work.mkdir(parents=True, exist_ok=True)
    copy = work / f"{name}.ipynb"
    shutil.copy(NOTEBOOKS / f"{name}.ipynb", copy)
    book = nbformat.read(copy, as_version=4)
    kernel_env = {**os.environ, "CLAIM_EXTRACT_ROOT": str(REPO), "CLAIM_EXTRACT_OUT": str(tmp / "out"),
                  "MPLBACKEND": "module://matplotlib_inline.backend_inline", **env}
    client = nbclient.NotebookClient(book, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(work)}})
    started = time.perf_counter()
    client.execute(env=kernel_env)
    TIMINGS[name] = time.perf_counter() - started
    nbformat.write(book, copy)
    return book


def outputs(book, kind: str | None = None) -> list:
    found = [o for c in book.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    return found if kind is None else [o for o in found if kind in o.get("data", {})]


def printed(book) -> str:
    return "".join(o.get("text", "") for o in outputs(book) if o.get("output_type") == "stream")


def plot_calls(book) -> int:
    """How many plots the notebook draws: its lines that are `show(ax)` calls."""
    return sum(line.strip() == "show(ax)" for c in book.cells if c.cell_type == "code"
               for line in c.source.splitlines())


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """executed(name) -> (notebook, its temporary folder); each notebook runs once per session."""
    cache = {}

    def get(name: str):
        if name not in cache:
            tmp = tmp_path_factory.mktemp(name)
            cache[name] = (execute(name, tmp), tmp)
        return cache[name]

    yield get
    if TIMINGS:
        print("\nnotebook execution: " + ", ".join(f"{k} {v:.1f} s" for k, v in TIMINGS.items()))


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_are_kept_without_outputs(name):
    book = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(book)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{name}: strip the outputs"
    assert book.cells[0].cell_type == "markdown" and book.cells[0].source.startswith("# ")


def test_quickstart_shows_the_four_tables_and_writes_a_run(executed):
    book, tmp = executed("01_quickstart")
    assert len(outputs(book, "image/png")) == plot_calls(book) == 2
    html = "".join(o["data"]["text/html"] for o in outputs(book, "text/html"))
    for column in ("speaker_name", "claim_type", "stance", "said_on", "n_claims", "canonical", "value"):
        assert f">{column}<" in html, column
    assert "documents (" in printed(book) and "claims in" in printed(book)
    run_dir = tmp / "out" / "quickstart"
    for name in ("claims.csv", "claims_view.csv", "documents.csv", "entities.csv", "timexes.csv", "report.html"):
        assert (run_dir / name).is_file(), name
    assert (run_dir / "claims.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # bom=True


def test_who_said_what_draws_its_four_plots(executed):
    book, _ = executed("02_who_said_what")
    pngs = outputs(book, "image/png")
    assert len(pngs) == plot_calls(book) == 4
    sources = "\n".join(c.source for c in book.cells if c.cell_type == "code")
    for title in ("Claims over time, by speaker", "Claim types by the speaker's country",
                  "Stance of speakers toward targets", "Most active speaker → target pairs"):
        assert title in sources
    assert all(len(o["data"]["image/png"]) > 10_000 for o in pngs)  # real drawings, not empty axes


def test_evaluation_scores_and_shows_missed_and_spurious_side_by_side(executed):
    if not (SHARED / "gold" / "dev").is_dir():
        pytest.skip("../shared/gold/dev not present")
    book, _ = executed("03_evaluation")
    assert len(outputs(book, "image/png")) == plot_calls(book) == 3
    html = "".join(o["data"]["text/html"] for o in outputs(book, "text/html"))
    assert "precision" in html and "recall" in html
    assert "Missed:" in html and "Spurious:" in html
    assert "<mark>" in html  # the claim is marked in its sentence
    text = printed(book)
    assert "matched," in text and "missed," in text and "spurious" in text


def test_evaluation_says_so_and_skips_without_shared(tmp_path):
    book = execute("03_evaluation", tmp_path, CLAIM_EXTRACT_SHARED=str(tmp_path / "no-shared"))
    assert "the evaluation is skipped" in printed(book)
    assert outputs(book, "image/png") == []
    assert not [o for o in outputs(book) if o.get("output_type") == "error"]


def test_the_api_example_in_the_docs_runs(tmp_path, monkeypatch):
    """docs/analysts.md: the first ```python block, run as written from a repository-like folder."""
    text = (REPO / "docs" / "analysts.md").read_text(encoding="utf-8")
    block = text.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "corpus").symlink_to(REPO / "corpus")
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "docs/analysts.md", "exec"), {"__name__": "docs_example"})
    out = tmp_path / "out" / "analyst-example"
    names = sorted(p.name for p in out.iterdir())
    assert names == ["claims.csv", "claims_view.csv", "documents.csv", "entities.csv", "report.html", "timexes.csv"]
    assert (out / "claims_view.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "seed.txt" in page and 'class="warn"' not in page  # the texts were found and shown

