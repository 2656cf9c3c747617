"""`maillage warm`: dashboards and maps computed ahead of their first visit (after a restore, a bulk load).

The networks, then the territories above them and the province: the same as the worker after a change.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from maillage.dashboards.warm import warm_network, warm_surroundings
from maillage.networks.models import Network


class Command(BaseCommand):
    help = (
        "Compute the dashboard and map of networks ahead of their first visit, in every language, "
        "into the cache the app servers share."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--network", type=int, action="append", help="network id (repeatable; default: every network)"
        )

    def handle(self, *args, network, **options):
        networks = Network.objects.select_related("territory").order_by("pk")
        if network:
            networks = networks.filter(pk__in=network)
            missing = set(network) - set(networks.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No network with id {', '.join(map(str, sorted(missing)))}.")
        started = time.perf_counter()
        count = 0
        for item in networks:
            warm_network(item)
            count += 1
            self.stderr.write(f"\r{count} network(s) ready", ending="")
        self.stderr.write("")
        around = warm_surroundings(networks) if count else 0
        self.stdout.write(
            f"{count} network(s) and {around} territory and province dashboard(s) warmed "
            f"in {time.perf_counter() - started:.1f} s"
        )
