"""Charts drawn by helper processes: the same drawings as in this process, and ids that never collide."""

from __future__ import annotations

import re

from django.core.cache import cache

from maillage.observatory.charts import Chart
from maillage.reports import chartpool
from maillage.reports.render import chart_svgs


def heatmap(key: str, scheme: str) -> Chart:
    """A chart whose colour legend is a gradient, which vl-convert refers to by an element id."""
    values = [{"a": a, "b": b, "n": i * 3 + b} for i, a in enumerate("xyz") for b in range(3)]
    spec = {
        "data": {"values": values},
        "mark": "rect",
        "encoding": {
            "x": {"field": "a", "type": "nominal"},
            "y": {"field": "b", "type": "ordinal"},
            "color": {"field": "n", "type": "quantitative", "scale": {"scheme": scheme}},
        },
    }
    return Chart(key=key, title=key, description="", spec=spec, columns=["a", "b", "n"], rows=[[1, 1, 1]])


def ids(svg: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', svg))


def unnumbered(svg: str) -> str:
    return re.sub(r"gradient_\d+", "gradient", svg)


def test_helper_processes_draw_what_this_process_draws():
    specs = [heatmap("transitions", "blues").spec, heatmap("sector_mix", "oranges").spec]
    here = [chartpool.draw(spec) for spec in specs]
    with chartpool.running(workers=2):
        there = chartpool.draw_all(specs)
    # Each process numbers its gradients from where it is, so compare the drawings without their numbers.
    assert [unnumbered(svg) for svg in there] == [unnumbered(svg) for svg in here]
    assert all(svg.startswith("<svg") for svg in there)


def gradient_area(key: str, top: int) -> Chart:
    """A chart filled with a gradient, which vl-convert refers to by an element id."""
    spec = {
        "data": {"values": [{"x": 0, "y": 1}, {"x": 1, "y": top}]},
        "mark": {
            "type": "area",
            "color": {
                "gradient": "linear",
                "stops": [{"offset": 0, "color": "white"}, {"offset": 1, "color": "darkgreen"}],
            },
        },
        "encoding": {
            "x": {"field": "x", "type": "quantitative"},
            "y": {"field": "y", "type": "quantitative"},
        },
    }
    return Chart(key=key, title=key, description="", spec=spec, columns=["x", "y"], rows=[[0, 1]])


def test_two_gradient_charts_on_one_page_never_share_an_id():
    cache.clear()
    with chartpool.running(workers=2):
        first, second = chart_svgs([gradient_area("a", 3), gradient_area("b", 5)])
    assert ids(first) and ids(second)
    assert not ids(first) & ids(second)
    # Every reference points at an element of its own drawing.
    for svg in (first, second):
        assert set(re.findall(r"url\(#([^)]+)\)", svg)) <= ids(svg)


def test_a_printed_heat_map_keys_its_colours_with_swatches():
    cache.clear()
    (svg,) = chart_svgs([heatmap("transitions", "blues")])
    assert "role-legend-symbol" in svg
    assert "role-legend-gradient" not in svg
