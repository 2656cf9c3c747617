"""Seeded, sector-aware random networks for the benchmark (and for tests that want realistic tables)."""

from __future__ import annotations

import numpy as np
import pandas as pd

SECTORS: tuple[tuple[str, str, float], ...] = (
    ("cisss", "public", 0.04),
    ("clsc", "public", 0.06),
    ("public_health", "public", 0.03),
    ("community", "community", 0.35),
    ("citizens_group", "community", 0.08),
    ("municipal", "public", 0.08),
    ("education", "public", 0.10),
    ("employment", "public", 0.05),
    ("housing", "public", 0.04),
    ("pharmacy", "private", 0.05),
    ("business", "private", 0.07),
    ("foundation", "other", 0.05),
)


def generate(
    n: int, mean_degree: float, *, seed: int = 0, same_sector: float = 0.5
) -> dict[str, pd.DataFrame]:
    """Organizations, tie observations at two dates, memberships and networks for ``n`` organizations.

    About ``n * mean_degree / 2`` ties are observed on 2023-01-01; on 2024-01-01, 10% of them change level
    (some to ``none``, i.e. lost) and 5% new ties appear. A fifth of the observations carry survey ratings.
    """
    rng = np.random.default_rng(seed)
    names = np.array([s[0] for s in SECTORS], dtype=object)
    families = np.array([s[1] for s in SECTORS], dtype=object)
    weights = np.array([s[2] for s in SECTORS])
    sector_of = np.sort(rng.choice(len(SECTORS), size=n, p=weights / weights.sum()))
    starts = np.searchsorted(sector_of, np.arange(len(SECTORS)))
    counts = np.bincount(sector_of, minlength=len(SECTORS))
    territories = np.array([f"rls-{i:03d}" for i in range(max(1, n // 500))], dtype=object)
    organizations = pd.DataFrame(
        {
            "id": np.arange(n),
            "name": [f"org-{i}" for i in range(n)],
            "sector": names[sector_of],
            "sector_family": families[sector_of],
            "territory": territories[rng.integers(0, len(territories), n)],
        }
    )

    m = int(n * mean_degree / 2 * 1.02)  # a little extra: duplicates are dropped below
    u = rng.integers(0, n, m)
    same = rng.random(m) < same_sector
    su = sector_of[u]
    v = np.where(same, starts[su] + (rng.random(m) * counts[su]).astype(np.int64), rng.integers(0, n, m))
    a, b = np.minimum(u, v), np.maximum(u, v)
    keys = np.unique(a[a != b] * n + b[a != b])
    src, dst = keys // n, keys % n
    base = _observations(rng, src, dst, "2023-01-01")

    changed = rng.random(len(src)) < 0.10
    update = _observations(rng, src[changed], dst[changed], "2024-01-01")
    update["level"] = rng.choice(
        ["none", "networking", "cooperation", "coordination", "coalition"], changed.sum()
    )
    k_new = len(src) // 20
    nu, nv = rng.integers(0, n, k_new), rng.integers(0, n, k_new)
    keep = nu != nv
    new = _observations(rng, nu[keep], nv[keep], "2024-01-01")
    ties = pd.concat([base, update, new], ignore_index=True)

    n_networks = max(2, n // 50)
    network_ids = np.array([f"net-{i}" for i in range(n_networks)], dtype=object)
    per_org = rng.integers(1, 4, n)
    memberships = pd.DataFrame(
        {
            "organization": np.repeat(np.arange(n), per_org),
            "network": network_ids[rng.integers(0, n_networks, per_org.sum())],
            "role": "member",
        }
    ).drop_duplicates(["organization", "network"])
    networks = pd.DataFrame(
        {
            "id": network_ids,
            "territory": territories[rng.integers(0, len(territories), n_networks)],
            "populations": [["seniors"] if i % 2 else ["youth", "families"] for i in range(n_networks)],
        }
    )
    return {"organizations": organizations, "ties": ties, "memberships": memberships, "networks": networks}


def _observations(rng: np.random.Generator, src: np.ndarray, dst: np.ndarray, date: str) -> pd.DataFrame:
    count = len(src)
    frame = pd.DataFrame(
        {
            "source": src,
            "target": dst,
            "level": rng.choice(
                ["networking", "cooperation", "coordination", "coalition", "collaboration"], count
            ),
            "formality": np.where(rng.random(count) < 0.3, "formal", "informal"),
            "date": date,
        }
    )
    rated = rng.random(count) < 0.2
    for column in ("reliability", "mission_alignment", "openness", "power_influence", "involvement",
                   "resource_contribution"):  # fmt: skip
        frame[column] = np.where(rated, rng.integers(1, 5, count), np.nan)
    return frame
