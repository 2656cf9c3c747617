"""The programme's figures: participation per network and region, competency progress over groups only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from maillage.accounts.permissions import writable_network_ids
from maillage.leadership.aggregates import MIN_GROUP, participation, profiles_in, rating_rows
from maillage.leadership.charts import group_progress
from maillage.leadership.forms import AggregateFilterForm
from maillage.leadership.models import Competency, Pillar
from maillage.leadership.permissions import can_read_aggregates, is_programme_team
from maillage.leadership.releases import release_for, released_cells
from maillage.networks.models import Network


@login_required
def aggregates(request: HttpRequest) -> HttpResponse:
    if not can_read_aggregates(request.user):
        raise PermissionDenied
    team = is_programme_team(request.user)
    # A coordinator sees the figures of the networks they coordinate; the team sees all of them.
    networks = (
        Network.objects.all() if team else Network.objects.filter(pk__in=writable_network_ids(request.user))
    )
    form = AggregateFilterForm(request.GET or None, networks=networks.order_by("name_fr"))
    chosen = form.cleaned_data.get("network") if form.is_valid() else None
    scope = Network.objects.filter(pk=chosen.pk) if chosen else networks
    profiles = profiles_in(None if team and not chosen else scope)
    competencies = list(
        Competency.objects.select_related("pillar").order_by("pillar__order", "order", "code")
    )
    pillars = list(Pillar.objects.all())
    # Averages come from this quarter's release of the group, frozen and audited (releases.py).
    release = release_for(
        _group_key(team, chosen, networks), rating_rows(profiles), {c.pk: c.pillar_id for c in competencies}
    )
    by_competency, pillar_cells = released_cells(release)
    years = sorted({year for (_c, year) in by_competency})
    chart = group_progress(pillar_cells, pillars)
    table = [(c, [by_competency.get((c.pk, year)) for year in years]) for c in competencies]
    return render(
        request,
        "leadership/aggregates.html",
        {
            "form": form,
            "participation": participation(profiles, scope),
            "years": years,
            "table": table,
            "chart": chart,
            "specs": {f"chart-spec-{chart.key}": chart.spec},
            "min_group": MIN_GROUP,
            "released_on": release.released_on,
        },
    )


def _group_key(team: bool, chosen: Network | None, networks: QuerySet[Network]) -> str:
    if chosen is not None:
        return f"network:{chosen.pk}"
    if team:
        return "all"
    return "networks:" + ",".join(str(pk) for pk in sorted(networks.values_list("pk", flat=True)))
