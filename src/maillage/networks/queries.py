"""Query expressions shared by the pages and the API that list networks."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from maillage.networks.models import Membership


def current_member_count() -> Coalesce:
    """Each network's number of current members, as a correlated subquery.

    Counted for the rows a page shows only: a `Count` annotation instead groups the whole join of
    networks and memberships by every selected column, a quarter of a second per page on SQLite with
    20,000 organizations.
    """
    counts = (
        Membership.objects.filter(network=OuterRef("pk"), end_date__isnull=True)
        .order_by()
        .values("network")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)
