"""``python -m bench.indicators``: time the province scorecard (every network, every active indicator,
five years) on the demo data and with 1,000 networks.

Run from the repository root with ``PYTHONPATH=src``. It builds a throw-away SQLite database in a
temporary folder (the demo, then generated networks up to ``--networks``) and prints, for each size:

- *cold*: empty cache — every network metric, survey aggregate and value is read and computed;
- *warm*: the same call again — the data versions are checked and the cached result is served;
- *after an edit*: one value changed — the scorecard is recomputed, the network metrics come from
  the cache (their networks did not change).

Targets (issue 6): under 1 s on the demo data, under 3 s with 1,000 networks.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any


def _setup(var_dir: str) -> None:
    os.environ["MAILLAGE_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _clock(function: Callable[[], Any], repeat: int = 1) -> tuple[float, float]:
    """Median wall-clock and CPU seconds: on a shared machine the CPU time is the steadier figure."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _more_networks(count: int, seed: int = 7) -> list[Any]:
    """Add `count` networks of 15–40 members drawn from the demo's organizations, with dated ties."""
    from maillage.directory.models import Organization, Territory
    from maillage.networks.models import Membership, Network, NetworkKind
    from maillage.ties.models import Tie, TieObservation

    rng = random.Random(seed)
    org_ids = list(Organization.objects.values_list("pk", flat=True))
    places = list(Territory.objects.filter(kind="rls"))
    kinds = list(NetworkKind.values)
    networks = Network.objects.bulk_create(
        Network(name_fr=f"Réseau généré {i}", kind=rng.choice(kinds), territory=rng.choice(places))
        for i in range(count)
    )
    memberships, ties, histories = [], [], []
    for network in networks:
        members = rng.sample(org_ids, rng.randint(15, 40))
        for org in members:
            start = datetime.date(rng.randint(2015, 2024), 1, 1)
            memberships.append(Membership(network=network, organization_id=org, start_date=start))
        pairs = {tuple(sorted(rng.sample(members, 2))) for _ in range(len(members) * 2)}
        for a, b in sorted(pairs):
            dates = sorted(
                datetime.date(rng.randint(2019, 2025), rng.randint(1, 12), 1)
                for _ in range(rng.randint(1, 3))
            )
            levels = [rng.randint(1, 5) for _ in dates]
            formality = rng.choice(["formal", "informal"])
            tie = Tie(organization_a_id=a, organization_b_id=b, network=network, current_level=levels[-1])
            tie.current_formality, tie.current_observed_on = formality, dates[-1]
            ties.append(tie)
            histories.append(list(zip(dates, levels, strict=True)))
    Membership.objects.bulk_create(memberships, batch_size=5000)
    Tie.objects.bulk_create(ties, batch_size=5000)
    TieObservation.objects.bulk_create(
        (
            TieObservation(tie=tie, observed_on=date, level=level, formality=tie.current_formality)
            for tie, history in zip(ties, histories, strict=True)
            for date, level in history
        ),
        batch_size=5000,
    )
    return networks


def _measure(label: str, year: int) -> dict[str, float]:
    from django.core.cache import cache

    from maillage.directory.models import Territory
    from maillage.indicators.models import DataValue, Indicator
    from maillage.indicators.scorecard import territory_scorecard
    from maillage.networks.models import Network

    province = Territory.objects.get(kind="province")
    networks = Network.objects.count()
    indicators = Indicator.objects.filter(active=True).count()
    cache.clear()
    cold = _clock(lambda: territory_scorecard(province, year))
    warm = _clock(lambda: territory_scorecard(province, year), repeat=5)
    value = DataValue.objects.order_by("pk").first()
    value.value += 1
    value.save()
    edited = _clock(lambda: territory_scorecard(province, year))
    rows = territory_scorecard(province, year)
    filled = sum(1 for row in rows for v in row.trend if v is not None)
    print(f"{label}: {networks} networks, {indicators} indicators, {year - 4}–{year} ({filled} values shown)")
    print(f"  {'':26}{'wall':>9}{'cpu':>9}")
    for name, (wall, cpu) in (
        ("cold (empty cache)", cold),
        ("warm (cached)", warm),
        ("after one value changed", edited),
    ):
        print(f"  {name:26}{wall:8.3f}s{cpu:8.3f}s")
    return {"cold": cold[0], "cold_cpu": cold[1], "warm": warm[0], "edited": edited[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--networks", type=int, default=1000, help="networks in the large case (default 1000)"
    )
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument(
        "--keep", metavar="DIR", help="build the database in DIR and keep it (reused if there)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="maillage-bench-indicators-") as scratch:
        _setup(args.keep or scratch)
        from maillage.demo.generate import build_demo, database_is_empty
        from maillage.indicators.demo import build_indicator_demo
        from maillage.networks.models import Network

        if database_is_empty():
            build_demo()
        small = _measure(
            "Demo data" if Network.objects.count() < args.networks else "Kept database", args.year
        )
        extra = args.networks - Network.objects.count()
        if extra > 0:
            started = time.perf_counter()
            build_indicator_demo(_more_networks(extra))
            print(f"(generated {extra} more networks in {time.perf_counter() - started:.1f} s)")
        large = _measure(f"{args.networks} networks", args.year)
    wall = small["cold"] < 1.0 and large["cold"] < 3.0
    cpu = small["cold_cpu"] < 1.0 and large["cold_cpu"] < 3.0
    print("targets (< 1 s demo, < 3 s at 1,000 networks, cold):")
    print(f"  wall clock: {'met' if wall else 'NOT met'}; CPU time: {'met' if cpu else 'NOT met'}")
    return 0 if cpu else 1


if __name__ == "__main__":
    sys.exit(main())
