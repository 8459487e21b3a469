"""heap.release_free_memory: on glibc, free pages below a live block go back to the OS."""
import ctypes
import ctypes.util
import platform

import pytest

from claim_extract.heap import release_free_memory

GLIBC = platform.libc_ver()[0] == "glibc"


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not GLIBC, reason="malloc_trim is glibc's")
def test_free_pages_below_a_live_block_are_returned():
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    libc.memset.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]
    release_free_memory()
    # 80 MB in 4 KB blocks (heap memory, far below the mmap threshold), touched so that they
    # count in the RSS, then one small block above them that stays allocated
    blocks = [libc.malloc(4096) for _ in range(20_000)]
    for block in blocks:
        libc.memset(block, 1, 4096)
    pin = libc.malloc(64)
    for block in blocks:
        libc.free(block)
    held = rss_mb()
    try:
        assert release_free_memory() is True
        assert held - rss_mb() > 40  # the freed 80 MB could not leave from the heap's top
    finally:
        libc.free(pin)


def test_release_is_harmless_to_repeat():
    first = release_free_memory()
    assert release_free_memory() is first
    assert first is GLIBC
