"""Time spent inside igraph's C kernels, measured from outside the library.

The benchmark reports the report's own overhead (snapshot, joins, conversions, JSON) as a share of the
kernel time. The analysis core holds no timing code: while a :class:`KernelClock` is open, every method of
``igraph.GraphBase`` (the C entry points, which ``igraph.Graph``'s Python methods call in turn) is replaced
by a wrapper that adds the call's duration to the clock. Nested calls count once (the outermost one), and
the originals are put back when the clock closes.
"""

from __future__ import annotations

import functools
import time
import types
from collections.abc import Callable
from typing import Any

import igraph as ig


class KernelClock:
    """A context manager: ``with KernelClock() as clock: ...; clock.seconds``."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls = 0
        self._depth = 0
        self._originals: dict[str, Any] = {}

    def reset(self) -> None:
        """Set the clock back to zero (it stays open)."""
        self.seconds, self.calls = 0.0, 0

    def _timed(self, original: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self._depth:
                return original(*args, **kwargs)
            self._depth += 1
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start
                self.calls += 1
                self._depth -= 1

        return timed

    def __enter__(self) -> KernelClock:
        for name, attribute in vars(ig.GraphBase).items():
            if isinstance(attribute, types.MethodDescriptorType) or name == "__init__":
                self._originals[name] = attribute
                setattr(ig.GraphBase, name, self._timed(attribute))
        return self

    def __exit__(self, *exc: object) -> None:
        for name, original in self._originals.items():
            setattr(ig.GraphBase, name, original)
        self._originals.clear()
