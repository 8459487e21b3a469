"""Text the parser sees: the body with hard line wraps and control characters turned into spaces.

Every change keeps the length, so offsets into the prepared text are offsets into the body.
"""
from __future__ import annotations

import re

# a single line break inside a paragraph: non-blank text on both sides, and the next line is not
# a list item or a speaker turn ("THE PRESIDENT:", "Q ")
_WRAP = re.compile(
    r"(?<=\S)[ \t]*\r?\n(?=[ \t]*(?![-•*●▪◦]\s|\d+[.)]\s|[A-Z][A-Z .'’-]{1,60}:|Q[\s:.])\S)"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")


def _spaces(match: re.Match) -> str:
    return " " * (match.end() - match.start())


def unwrap(body: str) -> str:
    """Same-length copy of `body` in which wrapped lines are joined and control chars blanked."""
    text = _CONTROL.sub(_spaces, body)
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    return _WRAP.sub(_spaces, text)
