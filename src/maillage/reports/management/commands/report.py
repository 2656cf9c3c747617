"""`maillage report`: the yearly report of a network (or of every network) as PDF or HTML files."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.text import slugify

from maillage.networks.models import Network
from maillage.observatory import network_scope
from maillage.reports import chartpool
from maillage.reports.content import build_report
from maillage.reports.render import render_document, render_pdf
from maillage.reports.scope import Period
from maillage.reports.workers import setup, write_one


def find_network(text: str) -> Network:
    """A network by id or by its French or English name (exact, then unique partial match)."""
    if text.isdigit() and Network.objects.filter(pk=int(text)).exists():
        return Network.objects.get(pk=int(text))
    for lookup in ("iexact", "icontains"):
        found = list(
            Network.objects.filter(Q(**{f"name_fr__{lookup}": text}) | Q(**{f"name_en__{lookup}": text}))[:5]
        )
        if len(found) == 1:
            return found[0]
        if len(found) > 1 and lookup == "icontains":
            names = "; ".join(n.name for n in found)
            raise CommandError(f"Several networks match “{text}”: {names}. Give its id or its full name.")
    raise CommandError(f"No network named “{text}”.")


def progress_bar(done: int, total: int, label: str, *, width: int = 30) -> str:
    filled = int(width * done / total) if total else width
    return f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:40]:<40}"


class Command(BaseCommand):
    help = "Write the yearly report of a network (--network) or of every network (--all) as PDF or HTML."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--network", help="network id or name")
        which.add_argument("--all", action="store_true", help="every network, plus the programme summary")
        parser.add_argument(
            "--year",
            type=int,
            help="the year the report's period begins (default: the latest period with data)",
        )
        parser.add_argument("--lang", choices=["fr", "en"], default="fr")
        parser.add_argument("--format", choices=["pdf", "html"], default="pdf")
        parser.add_argument("--out", required=True, help="output file (--network) or directory (--all)")
        parser.add_argument(
            "--jobs",
            type=int,
            default=min(4, os.cpu_count() or 1),
            help="processes for --all (default: cores, max 4)",
        )

    def handle(self, *args, network, all, year, lang, format, out, jobs, **options):  # noqa: A002
        period = Period(year=year)
        if network is not None:
            found = find_network(network)
            with chartpool.running():
                self._write(network_scope(found), period, lang, format, Path(out))
            self.stdout.write(f"{out}")
            return
        directory = Path(out)
        directory.mkdir(parents=True, exist_ok=True)
        networks = list(Network.objects.order_by("name_fr", "pk"))
        # The summary first: it is the longest, so with several processes it starts at once.
        reports: list[tuple[int | None, str]] = [(None, str(directory / f"programme-summary.{format}"))]
        reports += [
            (item.pk, str(directory / f"{slugify(item.name)[:60] or item.pk}-{item.pk}.{format}"))
            for item in networks
        ]
        started = time.perf_counter()
        sys.stderr.write(progress_bar(0, len(reports), ""))
        for done, label in enumerate(self._run_all(reports, period, lang, format, jobs), start=1):
            sys.stderr.write(progress_bar(done, len(reports), label))
        sys.stderr.write("\n")
        seconds = time.perf_counter() - started
        self.stdout.write(f"{len(reports)} reports in {directory} ({seconds:.1f} s)")

    def _run_all(self, jobs, period: Period, language: str, fmt: str, workers: int):
        """Each report in turn, or in `workers` fresh processes (each PDF is independent, CPU-bound work)."""
        if workers <= 1:
            for job in jobs:
                yield write_one(job, period, language, fmt)
            return
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=setup) as pool:
            futures = [pool.submit(write_one, job, period, language, fmt) for job in jobs]
            for future in as_completed(futures):
                yield future.result()

    def _write(self, scope, period: Period, language: str, fmt: str, path: Path) -> None:
        data = build_report(scope, period, language=language)
        if fmt == "pdf":
            path.write_bytes(render_pdf(data))
        else:
            path.write_text(render_document(data), encoding="utf-8")
