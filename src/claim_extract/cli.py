"""The command line: parses options, shows progress, calls run(). No logic of its own."""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .engines import EngineUnavailable
from .pipeline import DEFAULT_MODEL, ModelNotFound
from .readers import InputNotFound, count_inputs

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Who said what, about whom, with which stance, when: claims from news and official texts.")
err = Console(stderr=True)


class Format(str, Enum):
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def fail(message: str) -> None:
    typer.echo(f"claim-extract: error: {message}", err=True)
    raise typer.Exit(2)


def _check_out(out: Path) -> None:
    probe = out
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK):
        fail(f"output folder {out} is not writable")


@app.command()
def run(
    inputs: List[Path] = typer.Argument(..., metavar="INPUT...", help="Files or folders (read recursively)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for claims, timexes, entities, documents."),
    fmt: Format = typer.Option(Format.csv, "--format", "-f", help="Table format."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes, each loading the model once (use the number of cores)."),
    model: str = typer.Option(DEFAULT_MODEL, "--model", "-m", help="spaCy model package or path."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents per nlp.pipe batch."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    bom: bool = typer.Option(False, "--bom", help="Start CSV files with a UTF-8 byte order mark (for Excel)."),
    view: Optional[str] = typer.Option(
        None, "--columns", metavar="COLS",
        help="Also write claims_view.<format> with these claims columns (comma list, or 'analyst': "
             "speaker_name,claim_type,stance,target,said_on,claim). claims.<format> stays whole."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local: this process (+ --workers "
                                  "processes); dask: a Dask cluster (see docs/scaling.md)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", metavar="ADDRESS", help="With --engine dask: the scheduler of an existing "
        "cluster (tcp://host:8786); default: a local cluster of --workers processes."),
    resume: bool = typer.Option(False, "--resume", help="Keep the documents already in --out (same "
                                "doc_id and content) and process and append the rest."),
) -> None:
    """Run the pipeline over INPUT files and folders and write the four tables to --out."""
    from .resume import ResumeError
    from .run import run as run_pipeline
    from .views import resolve_columns
    from .writers import write_view

    try:
        view_columns = resolve_columns(view) if view is not None else None
        total = count_inputs(inputs)
    except (InputNotFound, ValueError) as e:
        fail(str(e))
    if scheduler and engine != Engine.dask:
        fail("--scheduler needs --engine dask")
    _check_out(out)
    show = not quiet and sys.stderr.isatty()
    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[claims]} claims"), TimeElapsedColumn()]
    with Progress(*columns, console=err, disable=not show, transient=True) as bar:
        task = bar.add_task("reading", total=total, claims=0)
        n_claims = 0

        def tick(article, claims: int) -> None:
            nonlocal n_claims
            n_claims += claims
            bar.update(task, advance=1 if "#" not in article.doc_id or article.doc_id.endswith("#1") else 0,
                       description=article.doc_id[-40:], claims=n_claims)

        try:
            summary = run_pipeline(inputs, out, fmt.value, workers, model, batch_size, progress=tick, bom=bom,
                                   engine=engine.value, scheduler=scheduler, resume=resume)
            if view_columns is not None:
                write_view(out / f"claims.{fmt.value}", out, view_columns, fmt.value, bom)
        except (ModelNotFound, EngineUnavailable, ResumeError) as e:
            fail(str(e))
        except InputNotFound as e:
            fail(str(e))
        except OSError as e:
            fail(f"cannot write to {out}: {e.strerror or e}")
    typer.echo(f"claim-extract: {summary.line()} -> {out}", err=True)


@app.command()
def report(
    out_dir: Path = typer.Argument(..., metavar="OUT_DIR", help="A folder written by `claim-extract run`."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="HTML file (default: OUT_DIR/report.html)."),
) -> None:
    """Write one self-contained HTML review page of a run: texts with claims highlighted, and a
    table of claims that sorts and filters."""
    from .report import write_report

    try:
        path = write_report(out_dir, output)
    except (FileNotFoundError, NotADirectoryError) as e:
        fail(str(e))
    except OSError as e:
        fail(f"cannot write {output or out_dir}: {e.strerror or e}")
    typer.echo(f"claim-extract: report -> {path}", err=True)


@app.command()
def version() -> None:
    """Print the version."""
    from . import __version__

    typer.echo(__version__)


def main() -> None:  # pragma: no cover - entry point
    app()
