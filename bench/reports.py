"""Benchmark of the yearly reports: one network's PDF, every demo network's PDF and the programme summary.

    PYTHONPATH=src .venv/bin/python -m bench.reports [--organizations 1500] [--year 2025] [--lang fr]

It builds a throw-away database with the standard demo (1,500 organizations, 24 networks) in a temporary
directory, then runs `maillage report --network … --format pdf` for the largest network, and
`maillage report --all` into a directory, each in a fresh process, timed from the outside (so imports,
WeasyPrint's and vl-convert's start-up count). Targets: one network under 10 s, all networks under 3 min.
The figures are appended to bench/results-reports.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONE_TARGET, ALL_TARGET = 10.0, 180.0


def run(env: dict[str, str], *args: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds of the command and its workers (CPU time is not inflated by load)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "maillage", *args], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - started, cpu


def largest_network(env: dict[str, str]) -> str:
    code = (
        "from django.db.models import Count;from maillage.networks.models import Network;"
        "print(Network.objects.annotate(n=Count('ties')).order_by('-n').first().pk)"
    )
    result = subprocess.run(
        [sys.executable, "-m", "maillage", "shell", "-c", code],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organizations", type=int, default=1500)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--lang", choices=["fr", "en"], default="fr")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="maillage-bench-reports-") as directory:
        env = os.environ | {"MAILLAGE_VAR_DIR": directory, "PYTHONPATH": str(ROOT / "src")}
        env.pop("DATABASE_URL", None)
        run(env, "migrate", "-v0")
        run(env, "demo", "--organizations", str(options.organizations))
        network = largest_network(env)
        common = ["--year", str(options.year), "--lang", options.lang, "--format", "pdf"]
        one, one_cpu = run(env, "report", "--network", network, *common, "--out", f"{directory}/one.pdf")
        every, every_cpu = run(env, "report", "--all", *common, "--out", f"{directory}/all")
        load = os.getloadavg()[0]
        count = len(list(Path(directory, "all").glob("*.pdf")))
    lines = [
        f"## {datetime.date.today().isoformat()} — {platform.node()}, {os.cpu_count()} cores, "
        f"{options.organizations} organizations, load average {load:.1f} at the end",
        "",
        "| run | wall seconds | CPU seconds | target | |",
        "|---|---:|---:|---:|---|",
        f"| one network's PDF (largest, network {network}) | {one:.1f} | {one_cpu:.1f} | {ONE_TARGET:.0f} | "
        f"{'ok' if one < ONE_TARGET else 'TOO SLOW'} |",
        f"| all networks ({count} PDFs incl. the programme summary) | {every:.1f} | {every_cpu:.1f} | "
        f"{ALL_TARGET:.0f} | {'ok' if every < ALL_TARGET else 'TOO SLOW'} |",
        "",
    ]
    print("\n".join(lines))
    with (ROOT / "bench" / "results-reports.md").open("a", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
    return 0 if one < ONE_TARGET and every < ALL_TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
