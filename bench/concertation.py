"""``python -m bench.concertation``: time the province's concertation page at 20,000 organizations and
2,000 spaces.

Run from the repository root with ``PYTHONPATH=src``. It builds a throw-away SQLite database in a temporary
folder: the demo generator's synthetic province (``--organizations``, 20,000 by default, as the other
benchmarks do), the concertation demo, then generated thematic tables up to ``--spaces`` (each of 10-60
members of one region, with themes and, for two in three, meeting hours). It then times, as an
administrator (who reads every space):

- *analysis*: ``concertation_for`` on the province scope (database reads, the analysis, the rows shown);
- *page*: the whole HTML page through Django's test client (session, permissions, template);
- *API*: ``GET /api/v1/territories/{province}/concertation`` (every organization listed).

Target (issue 20): the page under 2 s. Results are appended to bench/results-concertation.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGET = 2.0
RESULTS = Path(__file__).resolve().parent / "results-concertation.md"


def _setup(var_dir: str) -> None:
    os.environ["MAILLAGE_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _clock(function: Callable[[], Any], repeat: int = 3) -> tuple[float, float]:
    """Median wall-clock and CPU seconds (the CPU time is the steadier figure on a shared machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _more_spaces(count: int, seed: int = 11) -> None:
    """Thematic tables of 10-60 organizations of one region, with themes and (two in three) hours."""
    from maillage.concertation.models import SpaceProfile, Theme
    from maillage.directory.models import Organization, Territory
    from maillage.networks.models import Membership, Network, NetworkKind

    rng = random.Random(seed)
    by_cisss: dict[int, list[int]] = {}
    for pk, parent in Organization.objects.values_list("pk", "territory__parent_id"):
        by_cisss.setdefault(parent, []).append(pk)
    places = list(Territory.objects.filter(kind="rls").exclude(parent_id__isnull=True))
    places = [p for p in places if len(by_cisss.get(p.parent_id, [])) >= 60]
    networks = Network.objects.bulk_create(
        Network(
            name_fr=f"Table thématique générée {i}",
            kind=NetworkKind.THEMATIC_TABLE,
            territory=rng.choice(places),
            start_date=datetime.date(2018, 1, 1),
        )
        for i in range(count)
    )
    memberships = [
        Membership(network=network, organization_id=org, start_date=datetime.date(2018, 1, 1))
        for network in networks
        for org in rng.sample(by_cisss[network.territory.parent_id], rng.randint(10, 60))
    ]
    Membership.objects.bulk_create(memberships, batch_size=5000)
    profiles = SpaceProfile.objects.bulk_create(
        SpaceProfile(
            network=network, meeting_hours_per_year=rng.choice([12, 24, 36]) if rng.random() < 0.67 else None
        )
        for network in networks
    )
    themes = list(Theme.objects.values_list("pk", flat=True))
    SpaceProfile.themes.through.objects.bulk_create(
        SpaceProfile.themes.through(spaceprofile_id=profile.pk, theme_id=theme)
        for profile in profiles
        for theme in rng.sample(themes, rng.randint(1, 3))
    )


def _measure() -> dict[str, Any]:
    from django.contrib.auth.models import User
    from django.test import Client

    from maillage.concertation.data import Thresholds, concertation_for
    from maillage.directory.models import Territory
    from maillage.networks.models import Membership, Network
    from maillage.observatory import scope_for

    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser("bench", "", "x")
    province = Territory.objects.get(kind="province")
    thresholds = Thresholds(as_of=datetime.date.today())
    analysis = _clock(
        lambda: concertation_for(scope_for(admin, "territory", province.pk), thresholds, language="fr")
    )
    client = Client()
    client.force_login(admin)
    page = _clock(lambda: client.get(f"/concertation/territory/{province.pk}/"))
    api = _clock(lambda: client.get(f"/api/v1/territories/{province.pk}/concertation"), repeat=2)
    data = concertation_for(scope_for(admin, "territory", province.pk), thresholds, language="fr")
    return {
        "spaces": len(data.spaces),
        "networks": Network.objects.count(),
        "memberships": Membership.objects.count(),
        "organizations": data.organization_count,
        "pairs_sharing": data.pairs_sharing,
        "pairs_flagged": data.pairs_total,
        "analysis": analysis,
        "page": page,
        "api": api,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--organizations", type=int, default=20000)
    parser.add_argument("--spaces", type=int, default=2000)
    parser.add_argument(
        "--keep", metavar="DIR", help="build the database in DIR and keep it (reused if there)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="maillage-bench-concertation-") as scratch:
        _setup(args.keep or scratch)
        from maillage.concertation.demo import build_concertation_demo
        from maillage.demo.generate import build_demo, database_is_empty
        from maillage.networks.models import Network

        if database_is_empty():
            started = time.perf_counter()
            build_demo(args.organizations)
            build_concertation_demo()
            extra = args.spaces - Network.objects.count()
            if extra > 0:
                _more_spaces(extra)
            print(f"(built the province in {time.perf_counter() - started:.0f} s)")
        result = _measure()
    lines = [
        f"\n## {datetime.date.today().isoformat()} · {platform.python_version()} · {platform.machine()}\n",
        f"{result['organizations']:,} organizations in {result['spaces']:,} active spaces "
        f"({result['memberships']:,} memberships); {result['pairs_sharing']:,} pairs share a member, "
        f"{result['pairs_flagged']:,} are flagged.\n",
        "| step | wall (median) | CPU (median) |",
        "|---|---|---|",
    ]
    for name in ("analysis", "page", "api"):
        wall, cpu = result[name]
        lines.append(f"| {name} | {wall:.2f} s | {cpu:.2f} s |")
    met = result["page"][0] < TARGET
    lines.append(f"\nTarget: the page under {TARGET:.0f} s — {'met' if met else 'NOT met'}.\n")
    text = "\n".join(lines)
    print(text)
    if not RESULTS.exists():
        RESULTS.write_text("# Concertation page benchmark (`python -m bench.concertation`)\n")
    with RESULTS.open("a") as handle:
        handle.write(text)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
