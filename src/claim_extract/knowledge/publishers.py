"""Publishing offices by web domain (data/publishers.tsv): whose "the President" a text means."""
from __future__ import annotations

import functools
from urllib.parse import urlparse

from ..data_files import read_tsv


@functools.lru_cache(maxsize=1)
def _domains() -> dict[str, str]:
    return {row["domain"].lower(): row["country"] for row in read_tsv("publishers.tsv")}


def publisher_country(url: str) -> str:
    """ISO3 of the office that published `url`, or "" when the domain is unknown."""
    if not url:
        return ""
    host = (urlparse(url if "//" in url else "//" + url).hostname or "").lower()
    parts = host.split(".")
    for i in range(len(parts)):
        country = _domains().get(".".join(parts[i:]))
        if country:
            return country
    return ""
