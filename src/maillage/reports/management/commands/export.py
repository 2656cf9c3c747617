"""`maillage export`: the data behind the reports as CSV (zip), XLSX, GraphML, GEXF or JSON."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from maillage.networks.models import Network
from maillage.reports.exports import DIALECTS, FORMATS, export
from maillage.reports.exports.disclosure import server_disclosure
from maillage.reports.management.commands.report import find_network


class Command(BaseCommand):
    help = (
        "Export organizations, networks, memberships, ties, survey results, indicators, or a network graph."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=list(FORMATS), required=True)
        parser.add_argument("--network", help="network id or name (default: every network)")
        parser.add_argument("--lang", choices=["fr", "en"], default="fr", help="language of names in graphs")
        parser.add_argument(
            "--dialect", choices=list(DIALECTS),
            help="CSV for French Excel (';', decimal comma, BOM) or RFC 4180 (','); default: by --lang",
        )  # fmt: skip
        parser.add_argument("--out", required=True, help="output file")

    def handle(self, *args, format, network, lang, out, dialect=None, **options):  # noqa: A002
        if network:
            found = find_network(network)
            networks, title = Network.objects.filter(pk=found.pk), found.name
        else:
            networks, title = Network.objects.all(), "Maillage"
        # The command line runs with the server's rights: an administrator's view (disclosure.py).
        result = export(
            networks,
            format,
            title=title,
            language=lang,
            dialect=dialect,
            disclosure=server_disclosure(networks),
        )
        Path(out).write_bytes(result.content)
        self.stdout.write(f"{out} ({len(result.content):,} bytes)")
