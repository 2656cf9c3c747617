"""Vega-Lite specs drawn as SVG, in this process or by helper processes started ahead of time.

vl-convert holds the GIL while it draws, and its JavaScript runtime takes most of a second to start in a new
process. A one-off `maillage report` would wait for that start, then for each chart in turn. With
`running()`, helper processes start at once and warm the runtime while this process sets up and reads the
data; the charts are then drawn in parallel. Without it (the web app, whose long-lived processes keep the
runtime warm) charts are drawn here.

The helpers are fresh processes ("spawn"): nothing here imports Django, so they start in a fraction of a
second and never inherit the parent's database connection or threads.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

_pool: Executor | None = None


def draw(spec: dict[str, Any]) -> str:
    import vl_convert

    return str(vl_convert.vegalite_to_svg(spec))


def draw_all(specs: list[dict[str, Any]]) -> list[str]:
    """The SVG of each spec, in order."""
    if _pool is None or len(specs) < 2:
        return [draw(spec) for spec in specs]
    return list(_pool.map(draw, specs))


def _warm() -> None:
    draw({"mark": "point"})


@contextmanager
def running(workers: int = 2) -> Iterator[None]:
    """Helper processes draw the charts inside this block; they are already warming up when it starts."""
    global _pool
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_warm
    )
    # Spawned pools start a process per task while none is idle: one trivial task each starts them all now.
    for _ in range(workers):
        pool.submit(int)
    _pool = pool
    try:
        yield
    finally:
        _pool = None
        pool.shutdown(wait=False, cancel_futures=True)
