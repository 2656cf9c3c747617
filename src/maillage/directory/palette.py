"""Colours of the maps and charts: colour-blind-safe palettes (Okabe–Ito), one hue per group of sectors.

A map with one distinct colour per sector (19 and more) cannot be read: several colours end up nearly
the same. The map uses at most eight hues instead, one per group of sectors (health and social services,
education, other public services, community, private, other), taken from Okabe and Ito's palette, which
stays distinguishable under every common colour-vision deficiency; the sectors of a group are told apart
by the shade of its hue, from dark to light.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from maillage.directory.models import Sector

# Okabe–Ito for the four sector families of the directory (charts).
FAMILY_COLORS = {"public": "#0072B2", "community": "#E69F00", "private": "#009E73", "other": "#999999"}

# The map's groups of sectors: (code, name, Okabe–Ito hue, sectors from the darkest shade to the lightest).
SECTOR_GROUPS: list[tuple[str, object, str, list[str]]] = [
    (
        "health",
        _("Health and social services"),
        "#0072B2",
        ["cisss", "clsc", "hospital", "chsld", "public_health"],
    ),
    ("community", _("Community and civil society"), "#E69F00", ["community_organization", "citizens_group"]),
    ("education", _("Education"), "#CC79A7", ["school_service_centre", "college", "university"]),
    (
        "public",
        _("Municipal and other public services"),
        "#56B4E9",
        ["municipal", "employment", "housing_office", "public_security", "other_government"],
    ),
    ("private", _("Private and philanthropy"), "#009E73", ["pharmacy", "private_business", "foundation"]),
    ("other", _("Other"), "#7F7F7F", ["other"]),
]
# Where a sector added later by an administrator goes, by its family.
GROUP_OF_FAMILY = {"public": "public", "community": "community", "private": "private", "other": "other"}
MAX_HUES = 8
# How far each shade moves from the hue: towards black (negative) or white (positive).
SHADE_STEPS = [0.0, -0.35, 0.4, -0.6, 0.65]


def shade(color: str, step: int) -> str:
    """The `step`-th shade of `color`: the hue itself first (for a group's main sector), then darker and
    lighter in turn, each further from the hue.

    >>> shade("#0072B2", 0)
    '#0072b2'
    >>> shade("#808080", 1), shade("#808080", 2)
    ('#535353', '#b3b3b3')
    """
    amount = SHADE_STEPS[step % len(SHADE_STEPS)]
    channels = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    target = 255 if amount > 0 else 0
    mixed = [round(c + (target - c) * abs(amount)) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _sector_table() -> dict[str, tuple[str, str]]:
    """Each seeded sector's (group code, colour)."""
    table = {}
    for code, _name, hue, sectors in SECTOR_GROUPS:
        for step, sector in enumerate(sectors):
            table[sector] = (code, shade(hue, step))
    return table


SECTOR_COLORS = {sector: color for sector, (_group, color) in _sector_table().items()}


def family_colors() -> dict[str, str]:
    return dict(FAMILY_COLORS)


def sector_groups() -> list[dict[str, str]]:
    """The map's groups, in order: code, name in the reader's language, hue."""
    return [{"code": code, "label": str(name), "color": hue} for code, name, hue, _sectors in SECTOR_GROUPS]


def sector_palette() -> dict[str, tuple[str, str]]:
    """Every sector's (group code, colour); sectors added later take their family's hue, in a new shade."""
    table = _sector_table()
    hues = {code: hue for code, _name, hue, _sectors in SECTOR_GROUPS}
    for sector in Sector.objects.order_by("order", "code"):
        if sector.code not in table:
            group = GROUP_OF_FAMILY.get(sector.family, "other")
            table[sector.code] = (group, hues[group])
    return table


def sector_colors() -> dict[str, str]:
    return {code: color for code, (_group, color) in sector_palette().items()}
