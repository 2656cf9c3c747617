from __future__ import annotations

import datetime

from maillage.concertation.models import DocumentKind, ResourceEntry, ResourceKind, TerritoryDocument
from maillage.directory.models import Territory
from maillage.networks.models import Network


def make_document(territory: Territory) -> TerritoryDocument:
    return TerritoryDocument.objects.create(
        territory=territory,
        kind=DocumentKind.ACTION_PLAN,
        title="Plan d'action 2024-2026",
        published_on=datetime.date(2024, 2, 1),
        period_start=2024,
        period_end=2026,
    )


def make_resource(network: Network) -> ResourceEntry:
    return ResourceEntry.objects.create(network=network, year=2024, kind=ResourceKind.FUNDING, amount=1000)
