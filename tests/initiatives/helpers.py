"""Initiatives for the tests, written through the same index as the app."""

from __future__ import annotations

from maillage.initiatives.models import Initiative, Visibility
from maillage.networks.models import Network


def make_initiative(
    network: Network,
    title_fr: str = "Initiative test",
    *,
    visibility: str = Visibility.PRIVATE,
    territory=None,  # type: ignore[no-untyped-def]
    **fields,
) -> Initiative:
    initiative = Initiative.objects.create(
        title_fr=title_fr,
        summary_fr=fields.pop("summary_fr", f"Résumé de {title_fr}"),
        territory=territory or network.territory,
        visibility=visibility,
        **fields,
    )
    initiative.networks.add(network)
    return initiative
