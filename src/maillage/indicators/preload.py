"""The preloaded registry: CHSSN's eight impact measures, the population-responsibility objectives and
network-process indicators. Loaded by a data migration; every row stays editable in the admin.

The rows are data, in `data/registry.json` (data elements, legend bands, population and process
indicators); only the eight impact indicators are made here, from the one list of impact measures.

The impact measures keep CHSSN's own words (`surveys.impact`); the other wording is ours; the structure
follows the seeds (DOMAIN.md: "Measuring impact", Table 1 of the
OQRLS report, and "no indicator recognises collaborative work" → process indicators).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from maillage.surveys.impact import IMPACT_MEASURES

REGISTRY_FILE = Path(__file__).with_name("data") / "registry.json"
BAND_FIELDS = ("colour", "label_fr", "label_en", "lower", "upper")

# The eight impact measures keep the one wording of `surveys.impact` (CHSSN's own words).
IMPACT = [(m.code, m.fr, m.en) for m in IMPACT_MEASURES]


@cache
def _registry() -> dict[str, Any]:
    return json.loads(REGISTRY_FILE.read_text(encoding="utf-8"))


def bands(name: str) -> list[tuple[Any, ...]]:
    """A legend's bands as `LegendBand` takes them: colour, French label, English label, lower, upper."""
    return [tuple(band[field] for field in BAND_FIELDS) for band in _registry()["bands"][name]]


def elements() -> list[tuple[str, str, str, str, str]]:
    """The preloaded data elements: code, source, parameter, French name, English name."""
    return [
        (r["code"], r["source"], r["parameter"], r["name_fr"], r["name_en"]) for r in _registry()["elements"]
    ]


def _impact_indicators() -> list[dict[str, Any]]:
    return [
        {
            "code": f"impact_{n}",
            "name_fr": fr,
            "name_en": en,
            "family": "impact",
            "rba_kind": "better_off",
            "unit": "/5",
            "numerator": f"survey_{code}",
            "decimals": 2,
            "aggregation": "mean",
            "order": n,
            "bands": bands("score"),
            "definition_fr": f"Moyenne des réponses des partenaires (1 à 5) à la mesure d'impact no {n}.",
            "definition_en": f"Partners' mean answer (1 to 5) to impact measure no. {n}.",
        }
        for n, (code, fr, en) in enumerate(IMPACT, start=1)
    ]


def indicators() -> list[dict[str, Any]]:
    """Every preloaded indicator as the fields of an `Indicator` (with its `bands` and `targets`)."""
    rows = []
    for row in _registry()["indicators"]:
        row = dict(row)
        if "bands" in row:
            row["bands"] = bands(row["bands"])
        rows.append(row)
    return _impact_indicators() + rows


def load_registry(apps: Any) -> None:
    """Create the preloaded elements and indicators that are missing; rows edited since are left alone."""
    element_model = apps.get_model("indicators", "DataElement")
    indicator_model = apps.get_model("indicators", "Indicator")
    target_model = apps.get_model("indicators", "IndicatorTarget")
    band_model = apps.get_model("indicators", "LegendBand")
    for code, source, parameter, fr, en in elements():
        element_model.objects.get_or_create(
            code=code, defaults={"source": source, "parameter": parameter, "name_fr": fr, "name_en": en}
        )
    for data in indicators():
        data = dict(data)
        bands, targets = data.pop("bands", []), data.pop("targets", {})
        indicator, created = indicator_model.objects.get_or_create(code=data.pop("code"), defaults=data)
        if not created:
            continue
        for colour, label_fr, label_en, lower, upper in bands:
            band_model.objects.create(
                indicator=indicator,
                colour=colour,
                label_fr=label_fr,
                label_en=label_en,
                lower=lower,
                upper=upper,
            )
        for period, value in targets.items():
            target_model.objects.create(indicator=indicator, period=period, value=value)
