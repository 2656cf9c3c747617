"""Demo indicator values: five years of entered values for every demo network (deterministic)."""

from __future__ import annotations

import random
from collections.abc import Sequence

from maillage.indicators.models import DataElement, DataValue, ElementSource, ValueOrigin
from maillage.networks.models import Network

YEARS = range(2021, 2026)


def _network_values(rng: random.Random, years: Sequence[int]) -> dict[str, list[float]]:
    """Plausible yearly series for one network: a target group, rates that improve, counts that grow."""
    population = rng.randrange(800, 12_000)
    improving = rng.uniform(0.0, 0.08)
    series: dict[str, list[float]] = {}
    for name, per_person, trend in (
        ("er_visits", rng.uniform(0.12, 0.35), -improving),
        ("hospitalisations", rng.uniform(0.04, 0.12), -improving / 2),
        ("family_doctor", rng.uniform(0.55, 0.85), improving / 3),
        ("prevention_participants", rng.uniform(0.1, 0.5), improving),
    ):
        series[name] = [
            round(population * min(per_person * (1 + trend) ** i, 0.98)) for i in range(len(years))
        ]
    series["target_population"] = [float(population)] * len(years)
    series["service_cost"] = [
        round(population * rng.uniform(900, 1400) * (1 - improving / 2) ** i) for i in range(len(years))
    ]
    for name, low, high in (
        ("info_requests", 40, 900),
        ("referrals", 10, 300),
        ("shared_resources", 0, 12),
        ("joint_projects", 0, 8),
        ("meetings_held", 4, 12),
        ("citizen_seats", 0, 4),
    ):
        start = rng.randint(low, high)
        series[name] = [float(max(low, start + rng.randint(-2, 4) * i)) for i in range(len(years))]
    series["meeting_attendance"] = [round(m * rng.uniform(8, 30)) for m in series["meetings_held"]]
    return series


def build_indicator_demo(networks: Sequence[Network], seed: int = 2026) -> int:
    """Write the values in one bulk insert; returns how many were written."""
    elements = {e.code: e for e in DataElement.objects.filter(source=ElementSource.MANUAL)}
    years = list(YEARS)
    rows = []
    for network in networks:
        rng = random.Random(f"{seed}:{network.pk}")
        for code, values in _network_values(rng, years).items():
            if code not in elements:
                continue
            for year, value in zip(years, values, strict=True):
                rows.append(
                    DataValue(
                        element=elements[code],
                        network=network,
                        period=str(year),
                        value=value,
                        origin=ValueOrigin.IMPORTED,
                    )
                )
        if "ltc_places_freed" in elements:
            for year in years:
                for quarter in range(1, 5):
                    rows.append(
                        DataValue(
                            element=elements["ltc_places_freed"],
                            network=network,
                            period=f"{year}-Q{quarter}",
                            value=float(rng.randint(0, 3)),
                            origin=ValueOrigin.IMPORTED,
                        )
                    )
    DataValue.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return len(rows)
