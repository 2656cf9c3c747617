"""The colour of each sector and sector family on maps, charts and survey feedback: colour-blind-safe
palettes (Okabe–Ito, Paul Tol), one per sector. The observatory gives them to the pages."""

from __future__ import annotations

from maillage.directory.models import Sector

# Okabe–Ito for the four sector families: distinguishable under every common colour-vision deficiency.
FAMILY_COLORS = {"public": "#0072B2", "community": "#E69F00", "private": "#009E73", "other": "#999999"}

# One colour per seeded sector, from Okabe–Ito and Paul Tol's schemes: health and social services in blues and
# greens, community in orange and yellow (the largest group gets the strongest hue), the rest well apart.
SECTOR_COLORS = {
    "cisss": "#332288",
    "clsc": "#4477AA",
    "hospital": "#88CCEE",
    "chsld": "#117733",
    "public_health": "#44AA99",
    "community_organization": "#E69F00",
    "citizens_group": "#F0E442",
    "municipal": "#CC6677",
    "school_service_centre": "#882255",
    "college": "#AA4499",
    "university": "#EE99AA",
    "employment": "#DDCC77",
    "housing_office": "#D55E00",
    "public_security": "#77AADD",
    "pharmacy": "#999933",
    "private_business": "#BBCC33",
    "foundation": "#009E73",
    "other_government": "#56B4E9",
    "other": "#888888",
}
# For sectors added later by an administrator.
EXTRA_COLORS = ["#661100", "#6699CC", "#AA4466", "#4B0092", "#1AFF1A", "#994F00"]


def family_colors() -> dict[str, str]:
    return dict(FAMILY_COLORS)


def sector_colors() -> dict[str, str]:
    codes = Sector.objects.order_by("order", "code").values_list("code", flat=True)
    extra = iter(EXTRA_COLORS * 10)
    return {code: SECTOR_COLORS.get(code) or next(extra) for code in codes}
