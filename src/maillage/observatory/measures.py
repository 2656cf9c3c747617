"""The catalogue of headline measures: one code, one label and definition in each language, one way to
compute it from the analysis core's results, and one way to write its value and its change.

Two different quantities never share a label: ties between sector *families* (public, community,
private, other) and ties between *sectors* (21 kinds of organizations) are two measures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from maillage.analysis import HeadlineFigures, NetworkReport
from maillage.observatory import formatting

Value = float | int | None


@dataclass(frozen=True)
class Measure:
    code: str
    label: Promise
    definition: Promise
    unit: str  # "count", or "share" (0 to 1, written as a percentage, its change in points)
    higher_is: str = "neutral"  # "better", "worse" or "neutral": how a change is coloured

    def format(self, value: Value, language: str | None = None) -> str:
        if self.unit == "share":
            return formatting.percent(value, language=language)
        return formatting.number(value, language=language)

    def format_change(self, change: Value, language: str | None = None) -> str:
        if self.unit == "share":
            return formatting.points(change, language=language)
        return formatting.number(change, language=language, sign=True)

    def direction(self, change: Value) -> str:
        """ "up", "down" or "same": the arrow beside a change, the same on every page."""
        if change is None or abs(float(change)) < 1e-12:
            return "same"
        return "up" if change > 0 else "down"

    def tone(self, change: Value) -> str:
        """ "better", "worse" or "neutral" for the colour of a change."""
        direction = self.direction(change)
        if direction == "same" or self.higher_is == "neutral":
            return "neutral"
        return "better" if (direction == "up") == (self.higher_is == "better") else "worse"


ARROWS = {"up": "▲", "down": "▼", "same": "="}

MEASURES: dict[str, Measure] = {
    m.code: m
    for m in (
        Measure(
            "organizations",
            _("Organizations"),
            _("Organizations in the network at this date: members and everyone they have a tie with."),
            "count",
        ),
        Measure(
            "ties",
            _("Ties"),
            _("Pairs of organizations that work together (networking or more) at this date."),
            "count",
            "better",
        ),
        Measure(
            "density",
            _("Density"),
            _("Share of all possible pairs of organizations that have a tie."),
            "share",
            "better",
        ),
        Measure(
            "centralization",
            _("Centralization"),
            _("How much the ties depend on a few organizations (0 %: evenly spread; 100 %: a star)."),
            "share",
        ),
        Measure(
            "cross_family_share",
            _("Ties between sector families"),
            _(
                "Share of ties between organizations of different sector families: public, community, "
                "private."
            ),
            "share",
            "better",
        ),
        Measure(
            "cross_sector_share",
            _("Ties between sectors"),
            _("Share of ties between organizations of different sectors (CLSC, school, municipality…)."),
            "share",
            "better",
        ),
        Measure(
            "formal_share",
            _("Formal ties"),
            _("Share of ties backed by an agreement, contract, MOU or service corridor."),
            "share",
        ),
        Measure(
            "trust",
            _("Trust"),
            _(
                "Mean of the reliability, mission alignment and openness ratings partners give each other, "
                "as a share of the maximum."
            ),
            "share",
            "better",
        ),
        Measure(
            "value",
            _("Value"),
            _(
                "Mean of the power/influence, involvement and resource contribution ratings, as a share of "
                "the maximum."
            ),
            "share",
            "better",
        ),
    )
}

# The headlines of a dashboard and a report, in the order they are shown.
HEADLINES = tuple(MEASURES)


def _percent_share(value: float | None) -> float | None:
    return value / 100 if value is not None else None


def values_of(figures: HeadlineFigures | NetworkReport) -> dict[str, Value]:
    """Every headline measure of one snapshot, by code: the one function that computes them."""
    if isinstance(figures, NetworkReport):
        figures = figures_of(figures)
    return {
        "organizations": figures.organizations,
        "ties": figures.ties,
        # A network of fewer than two organizations has no pair: its density does not exist.
        "density": figures.density if figures.organizations > 1 else None,
        "centralization": figures.degree_centralization,
        "cross_family_share": figures.cross_family_share,
        "cross_sector_share": figures.cross_sector_share,
        "formal_share": figures.formal_share if figures.ties else None,
        "trust": _percent_share(figures.trust_percent),
        "value": _percent_share(figures.value_percent),
    }


def figures_of(report: NetworkReport) -> HeadlineFigures:
    """A full report's headline figures (to compare with another snapshot's)."""
    ratings = report.ratings
    return HeadlineFigures(
        organizations=report.network.organizations,
        ties=report.network.ties,
        density=report.network.density,
        degree_centralization=report.network.degree_centralization,
        cross_family_share=report.mix.cross_family_share,
        cross_sector_share=report.mix.cross_sector_share,
        formal_share=report.network.formal_share,
        trust_percent=ratings.network_trust_percent if ratings is not None else None,
        value_percent=ratings.network_value_percent if ratings is not None else None,
    )


def changes(now: dict[str, Value], before: dict[str, Value] | None) -> dict[str, Value]:
    """The change of each measure since `before` (None where either side has no value)."""
    if before is None:
        return dict.fromkeys(now)
    return {
        code: (float(value) - float(before[code]))
        if value is not None and before.get(code) is not None
        else None  # type: ignore[arg-type]
        for code, value in now.items()
    }


def as_plain(values: dict[str, Value], language: str | None = None) -> list[dict[str, Any]]:
    """The measures as JSON-ready rows (API, exports, the report's JSON): code, label, value, written."""
    return [
        {
            "code": code,
            "label": str(MEASURES[code].label),
            "value": value,
            "display": MEASURES[code].format(value, language),
        }
        for code, value in values.items()
        if code in MEASURES
    ]


def label_of(code: str, fallback: Callable[[str], str] | None = None) -> str:
    """A measure's label; never its internal code on a page."""
    if code in MEASURES:
        return str(MEASURES[code].label)
    return fallback(code) if fallback is not None else str(_("Unnamed measure"))
