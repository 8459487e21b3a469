"""The unit that flows from the readers into the pipeline: one article, or one bad input."""
from __future__ import annotations

from dataclasses import dataclass, field

#: statuses of a `documents` row (see CONTRACT.md)
OK, EMPTY, SKIPPED, ERROR = "ok", "empty", "skipped", "error"


@dataclass
class Article:
    """One input article as read from disk.

    `body` is the text after the header exactly as decoded from the file: every offset in the
    output tables points into it. `published` is an ISO date (`YYYY-MM-DD`) or None. A bad input
    is an Article too, with `status` other than "ok" and a one-line `error` a person understands.
    """

    doc_id: str
    path: str
    body: str = ""
    title: str = ""
    published: str | None = None
    url: str = ""
    source: str = ""
    status: str = OK
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    #: the article's own id in its input (JSON `id`, header `id`), "" if none; not the doc_id
    ext_id: str = ""

    @property
    def ok(self) -> bool:
        return self.status == OK
