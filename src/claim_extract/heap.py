"""Giving the C heap's free memory back to the operating system between parser batches.

The parser's arrays for one batch take a few hundred MB (engines/local.py: about 4.5 MB per
1,000 characters). When a batch is done, Python and spaCy free them, but glibc's allocator
keeps most freed pages mapped: small and mid-sized blocks come from heaps that only shrink
from the top, so one live block above a freed region pins the whole region in the process's
RSS. Over a long run those regions add up, and the next heavy batch does not always fit into
them: the peak RSS of a 1,000-document run came out 16-18% above a 200-document one with
the same batch sizes (benchmarks/README.md). `malloc_trim(0)` walks the heaps and returns
every free page, including those below the top (glibc 2.8 and later), so each batch starts
from about the same RSS. It costs a few milliseconds per batch.

Elsewhere (macOS, Windows, musl) there is no malloc_trim and `release_free_memory` does
nothing.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools

__all__ = ["release_free_memory"]


@functools.lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's malloc_trim, or None where the C library has none."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def release_free_memory() -> bool:
    """Return the C heap's free pages to the OS; True if the C library could try (glibc)."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
