"""Giving the C heap's free memory back to the operating system between parser batches.

The parser's arrays for one batch take a few hundred MB (engines/local.py: about 4.5 MB per
1,000 characters). When a batch is done, Python and spaCy free them, but glibc's allocator
keeps most freed pages mapped: small and mid-sized blocks come from heaps that only shrink
from the top, so one live block above a freed region pins the whole region in the process's
RSS. Over a long run those regions add up, and the next heavy batch does not always fit into
them: the peak RSS of a 1,000-document run came out 16-18% above a 200-document one with
the same batch sizes (benchmarks/README.md). `malloc_trim(0)` walks the heaps and returns
every free page, including those below the top (glibc 2.8 and later), so each batch starts
from about the same RSS. Its cost is not measurable: 1,000 documents took 400 s of CPU with
it, 414 s without (one run each).

The parser's large arrays (a few MB each) have a second way to fragment the heap. glibc
serves blocks above its mmap threshold with mappings of their own, unmapped when freed, but it
raises that threshold to the size of every such block freed (up to 32 MB), so after the first
batch the parser's arrays come from the heap too, and where they land depends on the history
of the process. `fix_mmap_threshold` sets the threshold once, at 1 MiB, which also turns the
raising off: every array of 1 MiB or more is mapped and unmapped on its own, and the heap
holds only the small objects. With both, 200 and 1,000 documents peaked at 597 and 698 MB
against 645 and 751 MB with the trim alone (benchmarks/README.md, "About 3").

The Parquet writers' Arrow buffers are a third kind: pyarrow takes them from its own allocator
(mimalloc), which keeps what it freed. A long run publishes its tables every few minutes and
each time copies what it has written (run.py), and each copy left mimalloc holding more: 200
documents published after every 20 peaked at 668 MB, 55 MB above the same run published
once. `arrow_on_c_heap` has Arrow take its buffers from the C allocator for the time of a run
(602 MB for the same run), where the two remedies above cover them too.

Elsewhere (macOS, Windows, musl) there is no malloc_trim nor mallopt and both functions do
nothing.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import os

__all__ = ["arrow_on_c_heap", "fix_mmap_threshold", "release_free_memory"]

MMAP_THRESHOLD = 1 << 20  # bytes: blocks at least this big are mapped on their own
_M_MMAP_THRESHOLD = -3  # mallopt parameter number (malloc.h)


@functools.lru_cache(maxsize=None)
def _glibc(name: str, argtypes: tuple):
    """glibc's function `name`, or None where the C library has none."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        function = getattr(libc, name)
    except (OSError, AttributeError):
        return None
    function.argtypes, function.restype = list(argtypes), ctypes.c_int
    return function


@functools.lru_cache(maxsize=1)
def fix_mmap_threshold() -> bool:
    """Fix glibc's mmap threshold at MMAP_THRESHOLD for this process (once; the module doc
    says why); True if the C library took it. A threshold the user set in the environment
    (MALLOC_MMAP_THRESHOLD_) is left as it is."""
    if "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False
    mallopt = _glibc("mallopt", (ctypes.c_int, ctypes.c_int))
    return mallopt is not None and mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1


def release_free_memory() -> bool:
    """Return the C heap's free pages to the OS; True if the C library could try (glibc)."""
    trim = _glibc("malloc_trim", (ctypes.c_size_t,))
    if trim is None:
        return False
    trim(0)
    return True


@contextlib.contextmanager
def arrow_on_c_heap():
    """Within the block, pyarrow's default memory pool is the C allocator's (restored after)."""
    import pyarrow as pa

    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(previous)
