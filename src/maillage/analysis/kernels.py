"""A stopwatch for the time spent inside igraph's C kernels.

The benchmark reports the report's own overhead (graph building, joins, serialisation) as a share of the
kernel time; wrapping each igraph call in :func:`kernel` lets it tell the two apart. The cost of the
wrapper is one ``perf_counter`` pair per call, negligible next to any graph algorithm.

Only the igraph call goes inside: preparing its arguments and turning the lists it returns into numpy
arrays are the report's own work and are counted as overhead (:func:`in_kernel` makes that the easy way).
The C entry points (``igraph.GraphBase``) are called where the Python wrapper would add work of its own,
such as building a ``VertexClustering`` around a membership list.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")

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


def in_kernel(function: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Call ``function`` (an igraph call) and count only the call as kernel time.

    Converting the lists igraph returns into numpy arrays is the report's own work: do it outside.
    """
    with kernel():
        return function(*args, **kwargs)


def flat_array(rows: Sequence[Sequence[float]], width: int, dtype: type = np.float64) -> np.ndarray[Any, Any]:
    """igraph's list of equal-length lists as a ``len(rows) x width`` array.

    ``np.fromiter`` over the chained rows is about twice as fast as ``np.asarray`` on the nested lists,
    which must first discover the shape.
    """
    flat: np.ndarray[Any, Any] = np.fromiter(
        itertools.chain.from_iterable(rows), dtype=dtype, count=len(rows) * width
    )
    return flat.reshape(len(rows), width)
