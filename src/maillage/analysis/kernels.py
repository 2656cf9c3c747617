"""A stopwatch for the time spent inside igraph's C kernels.

The benchmark reports the report's own overhead (graph building, joins, serialisation) as a share of the
kernel time; wrapping each igraph call in :func:`kernel` lets it tell the two apart. The cost of the
wrapper is one ``perf_counter`` pair per call, negligible next to any graph algorithm.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

_elapsed: list[float] = [0.0]


@contextmanager
def kernel() -> Iterator[None]:
    """Count the enclosed block as kernel time."""
    start = time.perf_counter()
    try:
        yield
    finally:
        _elapsed[0] += time.perf_counter() - start


def kernel_seconds() -> float:
    """Total kernel time since the last :func:`reset_kernel_clock`."""
    return _elapsed[0]


def reset_kernel_clock() -> None:
    """Set the kernel stopwatch back to zero."""
    _elapsed[0] = 0.0
