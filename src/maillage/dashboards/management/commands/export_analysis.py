"""Write the tables the dashboards analyse as CSV files, for `maillage analyze` or a notebook.

The files are exactly what the adapter gives the analysis core, so
`maillage analyze --ties ties.csv --organizations organizations.csv …` prints the numbers the
dashboard shows.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from maillage.directory.models import Territory
from maillage.networks.models import Network
from maillage.observatory import memberships_frame, networks_frame, organizations_frame, ties_frame


class Command(BaseCommand):
    help = (
        "Export the organizations, ties, memberships and networks of one network or territory as CSV files."
    )

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--network", type=int, help="network id")
        scope.add_argument("--territory", help="territory code or id: every network inside it")
        scope.add_argument("--all", action="store_true", help="every network")
        parser.add_argument("--out", required=True, help="directory to write the CSV files into")
        parser.add_argument(
            "--lang", choices=["fr", "en"], default="fr", help="language of organization names"
        )

    def handle(self, *args, network, territory, all, out, lang, **options):  # noqa: A002
        if network is not None:
            networks = Network.objects.filter(pk=network)
            if not networks.exists():
                raise CommandError(f"No network with id {network}.")
        elif territory is not None:
            found = Territory.objects.filter(code=territory).first() or (
                Territory.objects.filter(pk=int(territory)).first() if territory.isdigit() else None
            )
            if found is None:
                raise CommandError(f"No territory with code or id {territory}.")
            networks = Network.objects.filter(territory__path__startswith=found.path)
        else:
            networks = Network.objects.all()
        directory = Path(out)
        directory.mkdir(parents=True, exist_ok=True)
        ties = ties_frame(networks)
        memberships = memberships_frame(networks)
        ids = set(memberships["organization"]) | set(ties["source"]) | set(ties["target"])
        tables = {
            "organizations": organizations_frame(ids, lang),
            "ties": ties,
            "memberships": memberships,
            "networks": networks_frame(networks).assign(populations=lambda f: f["populations"].map("|".join)),
        }
        for name, frame in tables.items():
            frame.to_csv(directory / f"{name}.csv", index=False)
            self.stdout.write(f"{directory / f'{name}.csv'}: {len(frame)} rows")
