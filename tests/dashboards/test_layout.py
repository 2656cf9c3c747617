"""The map's layout: each group on an island of its own, islands apart, every node on its group's island."""

from __future__ import annotations

import itertools

import numpy as np

from maillage.observatory.layout import LOOSE, island_layout


def cliques(sizes: list[int]) -> tuple[list[tuple[int, int]], list[int]]:
    edges, groups, start = [], [], 0
    for group, size in enumerate(sizes):
        members = range(start, start + size)
        edges += list(itertools.combinations(members, 2))
        groups += [group] * size
        start += size
    # One tie between consecutive groups, as between communities of one network.
    edges += [(0, sizes[0]), (sizes[0], sizes[0] + sizes[1])]
    return edges, groups


def test_each_group_is_an_island_of_its_own(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    edges, groups = cliques([30, 12, 6])
    groups += [7, 8]  # two groups of one: too small to name, they share the loose island
    positions, islands = island_layout(len(groups), edges, key="test", groups=groups)
    assert positions.shape == (50, 2)
    assert np.hypot(positions[:, 0], positions[:, 1]).max() <= 1.0 + 1e-9
    assert [i.group for i in islands] == [0, 1, 2]
    labels = np.array(groups)
    for island in islands:
        own = positions[labels == island.group]
        assert (np.hypot(own[:, 0] - island.x, own[:, 1] - island.y) <= island.radius + 1e-6).all()
    for a, b in itertools.combinations(islands, 2):
        assert np.hypot(a.x - b.x, a.y - b.y) >= a.radius + b.radius
    assert LOOSE not in [i.group for i in islands]
