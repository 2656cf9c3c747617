"""Import benchmark: a 100,000-tie CSV checked and applied into a network, on a throw-away database.

    PYTHONPATH=src .venv/bin/python -m bench.imports [--ties 100000] [--organizations 3000] [--db sqlite|env]

It builds a network of N member organizations, writes a French-Excel CSV (Windows-1252, semicolons,
day/month/year dates) of distinct ties between them, then times `prepare` (read + check every row) and
`do_apply_plan` (one transaction, bulk inserts) separately, and checks that every tie and observation is
in the database. The budget from issue 9 is 60 s for both together. Results go to bench/results-imports.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 60.0


def make_csv(names: list[str], ties: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < ties:
        a, b = rng.sample(range(len(names)), 2)
        pairs.add((min(a, b), max(a, b)))
    levels = ["réseautage", "coopération", "coordination", "coalition", "collaboration"]
    lines = ["Organisme 1;Organisme 2;Niveau;Formalité;Date d'observation"]
    for a, b in sorted(pairs):
        formal = "formel" if rng.random() < 0.3 else "informel"
        lines.append(f"{names[a]};{names[b]};{rng.choice(levels)};{formal};{rng.randint(1, 28):02d}/05/2024")
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def run(ties: int, organizations: int) -> dict[str, float]:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from maillage.directory.models import Organization, Sector, Territory
    from maillage.exchange.actions import do_apply_plan
    from maillage.exchange.imports import prepare
    from maillage.networks.models import Membership, Network
    from maillage.ties.models import Tie, TieObservation

    sector, region = Sector.objects.first(), Territory.objects.get(code="RSS06")
    network = Network.objects.create(name_fr="Réseau importé", kind="thematic_table", territory=region)
    names = [f"Organisme communautaire n° {i} de Québec" for i in range(organizations)]
    created = Organization.objects.bulk_create(
        Organization(name_fr=name, sector=sector, territory=region, search_text=name.lower())
        for name in names
    )
    Membership.objects.bulk_create(Membership(network=network, organization=o) for o in created)
    raw = make_csv(names, ties)
    started = time.perf_counter()
    plan = prepare("ties", raw, network)
    checked = time.perf_counter() - started
    assert not plan.has_errors, plan.rows[:3]
    started = time.perf_counter()
    do_apply_plan(plan)
    applied = time.perf_counter() - started
    assert Tie.objects.filter(network=network).count() == ties
    assert TieObservation.objects.filter(tie__network=network).count() == ties
    return {"check": checked, "apply": applied, "bytes": len(raw)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ties", type=int, default=100_000)
    parser.add_argument("--organizations", type=int, default=3000)
    parser.add_argument("--db", choices=["sqlite", "env"], default="sqlite", help="env: use DATABASE_URL")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results-imports.md"))
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
    with tempfile.TemporaryDirectory() as var:
        if args.db == "sqlite":
            os.environ.pop("DATABASE_URL", None)
            os.environ["MAILLAGE_VAR_DIR"] = var
        result = run(args.ties, args.organizations)
    total = result["check"] + result["apply"]
    from django.db import connection

    verdict = "within" if total <= BUDGET else "OVER"
    text = (
        f"# Import benchmark\n\n"
        f"`python -m bench.imports --ties {args.ties} --organizations {args.organizations}`"
        f" on {connection.vendor}, Python {platform.python_version()}, {os.cpu_count()} CPUs.\n\n"
        f"| ties | file | check (read + validate) | apply (one transaction) | total | budget |\n"
        f"|---:|---:|---:|---:|---:|---:|\n"
        f"| {args.ties:,} | {result['bytes'] / 1e6:.1f} MB | {result['check']:.1f} s"
        f" | {result['apply']:.1f} s"
        f" | {total:.1f} s | {BUDGET:.0f} s ({verdict}) |\n"
    )
    Path(args.out).write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0 if total <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
