"""`maillage export-hsds --out FILE`: the directory's organizations as Open Referral HSDS 3.0 JSON."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from maillage.directory.models import Organization
from maillage.exchange.hsds import export_hsds


class Command(BaseCommand):
    help = "Export organizations (and their locations) as an HSDS 3.0 JSON list."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="file to write ('-' for standard output)")
        parser.add_argument("--network", type=int, help="only the members of this network (id)")

    def handle(self, *args, out, network, **options):
        organizations = Organization.objects.order_by("pk")
        if network is not None:
            organizations = organizations.filter(memberships__network_id=network).distinct()
        text = json.dumps(export_hsds(organizations), ensure_ascii=False, indent=2)
        if out == "-":
            self.stdout.write(text)
            return
        try:
            Path(out).write_text(text + "\n", encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror}") from None
        self.stdout.write(f"{organizations.count()} organizations written to {out}.")
