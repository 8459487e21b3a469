"""heap.release_free_memory: on glibc, free pages below a live block go back to the OS."""
import ctypes
import ctypes.util
import platform

import pytest

from claim_extract.heap import arrow_on_c_heap, fix_mmap_threshold, release_free_memory

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


def _libc():
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    libc.memset.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]
    return libc


def _freed_big_blocks_leave_rss(libc) -> float:
    """MB of RSS given back when 40 blocks of 2 MB below a live block are freed."""
    big = libc.malloc(8 << 20)  # freeing a mapped block raises glibc's threshold, unless fixed
    libc.memset(big, 1, 8 << 20)
    libc.free(big)
    blocks = [libc.malloc(2 << 20) for _ in range(40)]
    for block in blocks:
        libc.memset(block, 1, 2 << 20)
    pin = libc.malloc(3 << 19)  # 1.5 MB: from the heap's top when the threshold was raised
    held = rss_mb()
    for block in blocks:
        libc.free(block)
    given_back = held - rss_mb()
    libc.free(pin)
    return given_back


@pytest.mark.skipif(not GLIBC, reason="mallopt is glibc's")
def test_fixed_mmap_threshold_maps_big_blocks_on_their_own(monkeypatch):
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    fix_mmap_threshold.cache_clear()
    assert fix_mmap_threshold() is True
    assert _freed_big_blocks_leave_rss(_libc()) > 60  # of 80 MB, without any trim


def test_a_threshold_set_in_the_environment_is_kept(monkeypatch):
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "65536")
    fix_mmap_threshold.cache_clear()
    try:
        assert fix_mmap_threshold() is False
    finally:
        fix_mmap_threshold.cache_clear()


def test_arrow_buffers_come_from_the_c_heap_within_the_block_only():
    import pyarrow as pa

    before = pa.default_memory_pool().backend_name
    with arrow_on_c_heap():
        assert pa.default_memory_pool().backend_name == "system"
        assert pa.array(["a" * 1000] * 100).nbytes > 0
    assert pa.default_memory_pool().backend_name == before
    with pytest.raises(ValueError):
        with arrow_on_c_heap():
            raise ValueError("the pool is restored after an error too")
    assert pa.default_memory_pool().backend_name == before
