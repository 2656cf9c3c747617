"""The catalogue of headline measures: one code, one French and one English label and definition, one
function that computes every measure of a snapshot, and the kind of number each one is.

The web app (dashboards, indicators, reports, the API, exports) and ``maillage analyze`` read it, so one
quantity has one name everywhere. Two different quantities never share a label: ties between sector
*families* (public, community, private, other) and ties between *sectors* are two measures.

Examples
--------
>>> from maillage.analysis import headline_figures, load_dataset
>>> ds = load_dataset([{"id": 1, "sector": "clsc", "sector_family": "public"},
...                    {"id": 2, "sector": "community_organization", "sector_family": "community"}],
...                   [{"source": 1, "target": 2, "level": "cooperation"}])
>>> values = measure_values(headline_figures(ds))
>>> values["ties"], values["density"], MEASURES["density"].label["fr"]
(1, 1.0, 'Densité')
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from .headlines import HeadlineFigures
from .report import NetworkReport

Value = float | int | None
NO_DATA = "—"
# French separates thousands with a narrow no-break space and puts a no-break space before "%" and "pt".
THIN, NBSP = "\u202f", "\u00a0"


def _missing(value: Value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def write_number(value: Value, digits: int = 0, *, language: str = "fr", sign: bool = False) -> str:
    """A number written the reader's way: ``1 139,5`` in French, ``1,139.5`` in English.

    >>> write_number(1139.5, 1), write_number(1139.5, 1, language="en"), write_number(3, sign=True)
    ('1\u202f139,5', '1,139.5', '+3')
    >>> write_number(-0.01, 1, sign=True), write_number(0, sign=True)
    ('0,0', '0')
    """
    if _missing(value):
        return NO_DATA
    assert value is not None
    # A change that rounds to nothing is written without a sign ("0", not "+0" or "-0,0").
    if round(value, digits) == 0:
        value, sign = 0.0 if digits else 0, False
    text = f"{value:{'+' if sign else ''},.{digits}f}"
    return text.replace(",", THIN).replace(".", ",") if language == "fr" else text


def write_percent(share: Value, digits: int = 1, *, language: str = "fr") -> str:
    """A share (0 to 1) as a percentage: ``13,9 %`` in French, ``13.9%`` in English."""
    if _missing(share):
        return NO_DATA
    assert share is not None
    text = write_number(share * 100, digits, language=language)
    return f"{text}{NBSP}%" if language == "fr" else f"{text}%"


def write_points(change: Value, digits: int = 1, *, language: str = "fr") -> str:
    """A change of a share, in percentage points: ``+0,2 pt``."""
    if _missing(change):
        return NO_DATA
    assert change is not None
    return f"{write_number(change * 100, digits, language=language, sign=True)}{NBSP}pt"


MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def write_date(day: datetime.date | str | None, *, language: str = "fr") -> str:
    """A date the reader's way, the one form every page, report and export uses: ``15 mai 2025``,
    ``May 15, 2025``. A date may come as an ISO string (the analysis core's snapshot dates).

    >>> write_date("2025-05-01"), write_date(datetime.date(2025, 5, 15), language="en"), write_date(None)
    ('1\xa0mai\xa02025', 'May 15, 2025', '—')
    """
    if day is None or day == "":
        return NO_DATA
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day[:10])
    month = MONTHS[language][day.month - 1]
    if language == "en":
        return f"{month} {day.day}, {day.year}"
    return f"{day.day}{NBSP}{month}{NBSP}{day.year}"


@dataclass(frozen=True)
class Measure:
    code: str
    label: dict[str, str]  # language code -> label
    definition: dict[str, str]
    unit: str  # "count", or "share" (0 to 1, written as a percentage, its change in points)
    higher_is: str = "neutral"  # "better", "worse" or "neutral": how a change reads

    def format(self, value: Value, language: str = "fr") -> str:
        """The value as every page writes it."""
        if self.unit == "share":
            return write_percent(value, language=language)
        return write_number(value, language=language)

    def format_change(self, change: Value, language: str = "fr") -> str:
        """A change as every page writes it: percentage points for shares, a signed number for counts."""
        if self.unit == "share":
            return write_points(change, language=language)
        return write_number(change, language=language, sign=True)

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


def _measure(code: str, fr: str, en: str, fr_def: str, en_def: str, unit: str, higher_is: str) -> Measure:
    return Measure(code, {"fr": fr, "en": en}, {"fr": fr_def, "en": en_def}, unit, higher_is)


MEASURES: dict[str, Measure] = {
    m.code: m
    for m in (
        _measure(
            "organizations", "Organisations", "Organizations",
            "Organisations du réseau à cette date : ses membres et toutes celles avec qui ils ont un lien.",
            "Organizations in the network at this date: members and everyone they have a tie with.",
            "count", "neutral",
        ),
        _measure(
            "ties", "Liens", "Ties",
            "Paires d'organisations qui travaillent ensemble (réseautage ou plus) à cette date.",
            "Pairs of organizations that work together (networking or more) at this date.",
            "count", "better",
        ),
        _measure(
            "density", "Densité", "Density",
            "Part de toutes les paires d'organisations possibles qui ont un lien.",
            "Share of all possible pairs of organizations that have a tie.",
            "share", "better",
        ),
        _measure(
            "centralization", "Centralisation", "Centralization",
            "À quel point les liens dépendent de quelques organisations (0\u00a0% : répartis également ; "
            "100\u00a0% : une étoile).",
            "How much the ties depend on a few organizations (0%: evenly spread; 100%: a star).",
            "share", "neutral",
        ),
        _measure(
            "cross_family_share", "Liens entre familles de secteurs", "Ties between sector families",
            "Part des liens entre organisations de familles de secteurs différentes : public, "
            "communautaire, privé.",
            "Share of ties between organizations of different sector families: public, community, private.",
            "share", "better",
        ),
        _measure(
            "cross_sector_share", "Liens entre secteurs", "Ties between sectors",
            "Part des liens entre organisations de secteurs différents (CLSC, école, municipalité…).",
            "Share of ties between organizations of different sectors (CLSC, school, municipality…).",
            "share", "better",
        ),
        _measure(
            "formal_share", "Liens formels", "Formal ties",
            "Part des liens appuyés par une entente, un contrat, un protocole ou un corridor de services.",
            "Share of ties backed by an agreement, contract, MOU or service corridor.",
            "share", "neutral",
        ),
        _measure(
            "trust", "Confiance", "Trust",
            "Moyenne des évaluations de fiabilité, d'adhésion à la mission et d'ouverture que les "
            "partenaires se donnent, en part du maximum.",
            "Mean of the reliability, mission alignment and openness ratings partners give each other, "
            "as a share of the maximum.",
            "share", "better",
        ),
        _measure(
            "value", "Valeur", "Value",
            "Moyenne des évaluations de pouvoir et d'influence, d'engagement et de contribution en "
            "ressources, en part du maximum.",
            "Mean of the power/influence, involvement and resource contribution ratings, as a share of "
            "the maximum.",
            "share", "better",
        ),
    )
}  # fmt: skip

# Trust and value are published over at least this many raters (see docs/privacy.md).
MIN_RATERS = 3

# The headlines of a dashboard and a report, in the order they are shown.
HEADLINES = tuple(MEASURES)


def _share(percent: float | None) -> float | None:
    return percent / 100 if percent is not None else None


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
        raters=ratings.raters if ratings is not None else 0,
    )


def measure_values(figures: HeadlineFigures | NetworkReport) -> dict[str, Value]:
    """Every headline measure of one snapshot, by code: the one function that computes them."""
    if isinstance(figures, NetworkReport):
        figures = figures_of(figures)
    return {
        "organizations": figures.organizations,
        "ties": figures.ties,
        # Fewer than two organizations make no pair: the density does not exist (it is not 0).
        "density": figures.density if figures.organizations > 1 else None,
        "centralization": figures.degree_centralization,
        "cross_family_share": figures.cross_family_share,
        "cross_sector_share": figures.cross_sector_share,
        "formal_share": figures.formal_share if figures.ties else None,
        # Fewer than MIN_RATERS raters: the mean would be one partner's own answer, which is theirs alone.
        "trust": _share(figures.trust_percent) if figures.raters >= MIN_RATERS else None,
        "value": _share(figures.value_percent) if figures.raters >= MIN_RATERS else None,
    }


def measure_changes(now: dict[str, Value], before: dict[str, Value] | None) -> dict[str, Value]:
    """The change of each measure since `before` (None where either side has no value)."""
    if before is None:
        return dict.fromkeys(now)
    result: dict[str, Value] = {}
    for code, value in now.items():
        old = before.get(code)
        result[code] = float(value) - float(old) if value is not None and old is not None else None
    return result
