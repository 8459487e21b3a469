"""claim_extract: who said what, about whom, with which stance, when.

The public API (for notebooks and scripts); the CLI `claim-extract` is its other face.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .pipeline import DEFAULT_MODEL, load_pipeline  # noqa: E402
from .run import RunSummary, extract, run  # noqa: E402
from .tables import Tables  # noqa: E402

__all__ = ["DEFAULT_MODEL", "RunSummary", "Tables", "extract", "load_pipeline", "run", "__version__"]
