"""Entity-ruler patterns from the knowledge base: the written forms of the people and
organisations we know, so that the entity recognizer never cuts "Yoon Suk Yeol" to "Yoon Suk"."""
from __future__ import annotations

from ..data_files import read_tsv


def _forms(row: dict) -> list[str]:
    return [row["name"], *[a for a in (row.get("aliases") or "").split("|") if a]]


def entity_patterns() -> list[dict]:
    """Phrase patterns for spaCy's entity_ruler: multi-word names of officeholders (PERSON) and
    the unambiguous names of organisations (ORG). Single-word family names are left to the
    statistical recognizer, which sees their context."""
    patterns, seen = [], set()
    for row in read_tsv("officeholders.tsv"):
        for form in _forms(row):
            if len(form.split()) >= 2 and ("PERSON", form) not in seen:
                seen.add(("PERSON", form))
                patterns.append({"label": "PERSON", "pattern": form})
    for row in read_tsv("organizations.tsv"):
        ambiguous = set((row.get("ambiguous") or "").split("|"))
        for form in _forms(row):
            if form not in ambiguous and not form.lower().startswith("the ") and ("ORG", form) not in seen:
                seen.add(("ORG", form))
                patterns.append({"label": "ORG", "pattern": form})
    return patterns
