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

from .pipeline import DEFAULT_MODEL, ModelNotFound
from .readers import InputNotFound, count_inputs

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Who said what, about whom, with which stance, when: claims from news and official texts.")
err = Console(stderr=True)


class Format(str, Enum):
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"


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
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes for nlp.pipe (n_process)."),
    model: str = typer.Option(DEFAULT_MODEL, "--model", "-m", help="spaCy model package or path."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents per nlp.pipe batch."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Run the pipeline over INPUT files and folders and write the four tables to --out."""
    from .run import run as run_pipeline

    try:
        total = count_inputs(inputs)
    except InputNotFound as e:
        fail(str(e))
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
            summary = run_pipeline(inputs, out, fmt.value, workers, model, batch_size, progress=tick)
        except ModelNotFound as e:
            fail(str(e))
        except InputNotFound as e:
            fail(str(e))
        except OSError as e:
            fail(f"cannot write to {out}: {e.strerror or e}")
    typer.echo(f"claim-extract: {summary.line()} -> {out}", err=True)


@app.command()
def version() -> None:
    """Print the version."""
    from . import __version__

    typer.echo(__version__)


def main() -> None:  # pragma: no cover - entry point
    app()
