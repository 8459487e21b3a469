"""One bad document must not stop a run: a stage that fails on a Doc records the failure on
Doc._.errors and passes the Doc on, so that it still comes out of nlp.pipe in its place."""
from __future__ import annotations

import functools
from typing import Callable

from spacy.tokens import Doc


def guarded(stage: str) -> Callable:
    """Decorator for a component's __call__: exceptions become a line in Doc._.errors."""

    def wrap(call: Callable[[object, Doc], Doc]) -> Callable[[object, Doc], Doc]:
        @functools.wraps(call)
        def run(self, doc: Doc) -> Doc:
            try:
                return call(self, doc)
            except Exception as err:  # noqa: BLE001 - reported per document, never raised
                doc._.errors = [*(doc._.errors or []), f"{stage} stage failed: {err.__class__.__name__}: {err}"[:300]]
                return doc

        return run

    return wrap
