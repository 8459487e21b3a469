"""Speaker markers of transcripts ("PRESIDENT BIDEN:", "THE VICE PRESIDENT:", "Q"), shared by the
sentence splitter (a turn starts a sentence) and the turn finder (who speaks where)."""
from __future__ import annotations

import re

# one to six upper-case words and a colon at the start of a line
SPEAKER = re.compile(r"(?m)^[^\S\n]*[\"“]?\**((?:[A-Z][A-Z.'’\-]*[^\S\n]){0,5}[A-Z][A-Z.'’\-]*)[^\S\n]*:(?=\s)")
# a reporter's question
QUESTION = re.compile(r"(?m)^[^\S\n]*Q(?=[\s:.])")
NOT_SPEAKERS = frozenset({"END", "NOTE", "UPDATE", "EDITOR'S NOTE", "AS PREPARED FOR DELIVERY", "CORRECTION"})


def marker_starts(text: str) -> list[int]:
    """Character offsets where a speaker marker, the speech after it, or a question begins."""
    starts = []
    for m in SPEAKER.finditer(text):
        if " ".join(m.group(1).split()) not in NOT_SPEAKERS:
            speech = len(text) - len(text[m.end():].lstrip())
            starts += [m.start(1), speech] if speech < len(text) else [m.start(1)]
    return sorted(starts + [m.end() - 1 for m in QUESTION.finditer(text)])
