"""Colours of the maps and charts: colour-blind-safe palettes (Okabe–Ito, Paul Tol), one per sector."""

from __future__ import annotations

from maillage.directory.models import Sector

# Okabe–Ito for the four sector families: distinguishable under every common colour-vision deficiency.
FAMILY_COLORS = {"public": "#0072B2", "community": "#E69F00", "private": "#009E73", "other": "#999999"}

# Paul Tol's muted and light schemes: sectors of one family get neighbouring hues of the same scheme.
SECTOR_PALETTE = [
    "#332288",
    "#4477AA",
    "#88CCEE",
    "#117733",
    "#44AA99",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#EE8866",
    "#EEDD88",
    "#FFAABB",
    "#77AADD",
    "#99DDFF",
    "#BBCC33",
    "#AAAA00",
    "#66CCEE",
    "#BBBBBB",
    "#228833",
]


def family_colors() -> dict[str, str]:
    return dict(FAMILY_COLORS)


def sector_colors() -> dict[str, str]:
    codes = Sector.objects.order_by("order", "code").values_list("code", flat=True)
    return {code: SECTOR_PALETTE[i % len(SECTOR_PALETTE)] for i, code in enumerate(codes)}
