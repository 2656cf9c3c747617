from __future__ import annotations

import datetime

from maillage.concertation.models import DocumentKind, TerritoryDocument
from maillage.directory.models import Territory


def make_document(territory: Territory) -> TerritoryDocument:
    return TerritoryDocument.objects.create(
        territory=territory,
        kind=DocumentKind.ACTION_PLAN,
        title="Plan d'action 2024-2026",
        published_on=datetime.date(2024, 2, 1),
        period_start=2024,
        period_end=2026,
    )
