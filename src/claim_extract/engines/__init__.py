"""Engines: where the pipeline runs. `local` (run.py: one process, or nlp.pipe worker
processes) and `dask` (dask_engine.py: a Dask distributed cluster, local or remote). Every
engine writes the same four tables for the same inputs."""
from __future__ import annotations

ENGINES = ("local", "dask")


class EngineUnavailable(RuntimeError):
    """The engine's optional dependencies are not installed, or its cluster cannot be reached."""


def run_engine(engine: str, inputs, out_dir, **options):
    """Run a non-local engine; `options` are run()'s keyword arguments plus `scheduler`."""
    if engine == "dask":
        try:
            from .dask_engine import run_dask
        except ImportError as err:
            raise EngineUnavailable(
                "the dask engine needs dask[distributed]: pip install 'claim_extract[dask]' "
                f"({err})") from err
        return run_dask(inputs, out_dir, **options)
    raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
