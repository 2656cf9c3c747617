"""Analysis results of one network: the full report and resilience scenarios (the dashboards' numbers).

Both go through the one bridge from the database to the analysis core (`observatory.dataset`), so the API
gives the numbers the dashboard, the CLI and a notebook give for the same data.
"""

# No `from __future__ import annotations` here: django-ninja reads these signatures at run time, and
# `@paginate` re-wraps them where string annotations can no longer be resolved.

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from maillage.analysis import AnalysisError, report_from_dataset
from maillage.analysis.results import to_plain
from maillage.api.errors import READ_ERRORS, invalid
from maillage.api.schemas import IsoDate, PathId, readable, user_of
from maillage.observatory import (
    ScenarioRequestError,
    Scope,
    as_plain,
    cached_dataset,
    measure_values,
    scenario_payload,
    scope_for,
)
from maillage.reports.exports.disclosure import disclosure_for, organization_ratings, restrict_rows

router = Router(tags=["analysis"])
MAX_SCENARIOS = 5

ScenarioText = Annotated[str, Field(max_length=200, description="formal-ties, sector:S, top:K or random:F")]


class NetworkMetricsOut(Schema):
    organizations: int
    ties: int
    density: float | None
    mean_degree: float | None
    degree_centralization: float | None
    components: int
    largest_component_size: int
    largest_component_share: float | None
    isolated_organizations: int
    transitivity: float | None
    average_path_length: float | None
    path_length_exact: bool
    path_length_sample_size: int
    reciprocity: float | None
    communities: int
    modularity: float | None
    formal_share: float | None
    level_distribution: dict[str, int]
    community_sizes: list[int]


class ScenarioResultOut(Schema):
    scenario: str
    removed_organizations: int
    removed_ties: int
    largest_component_share: float | None
    components: int
    mean_reachability: float | None
    cut_off: list[int | str]
    removed: list[int | str]


class MeasureOut(Schema):
    code: str = Field(description="The measure's code in the catalogue (docs/metrics.md)")
    label: str
    value: float | None = Field(description="Counts as numbers; shares from 0 to 1")
    display: str = Field(description="The value written in the request's language")


class ReportOut(Schema):
    as_of: str | None
    measures: list[MeasureOut]
    network: NetworkMetricsOut
    levels: list[dict[str, Any]]
    mix: dict[str, Any]
    organizations: list[dict[str, Any]]
    brokerage_by_sector: list[dict[str, Any]]
    scenarios: list[ScenarioResultOut]


class ReportQuery(Schema):
    as_of: IsoDate | None = None
    scenario: list[ScenarioText] = Field(default_factory=lambda: ["formal-ties", "top:5"])
    seed: int = Field(0, ge=0, le=2**31 - 1)


class ComponentsOut(Schema):
    largest_component_share: float | None
    components: int
    mean_reachability: float | None = None


class ScenarioOut(Schema):
    scenario: str
    as_of: str | None
    removed: list[int]
    removes_formal_ties: bool
    cut_off: list[int]
    removed_organizations: int
    removed_ties: int
    before: ComponentsOut
    after: ComponentsOut


def _scope(request: HttpRequest, network_id: int) -> Scope:
    return readable(lambda user, pk: scope_for(user, "network", pk), user_of(request), network_id)


@router.get("/analysis/networks/{network_id}/report", response={200: ReportOut, **READ_ERRORS})
def network_report(request: HttpRequest, network_id: PathId, query: Query[ReportQuery]) -> Any:
    """Every indicator of the network at `as_of` (default: its latest state) and its resilience scenarios."""
    scope = _scope(request, network_id)
    if len(query.scenario) > MAX_SCENARIOS:
        raise invalid({"scenario": [_("At most %(n)d scenarios.") % {"n": MAX_SCENARIOS}]})
    dataset = cached_dataset(scope, get_language())
    try:
        report = report_from_dataset(
            dataset,
            as_of=query.as_of.isoformat() if query.as_of else None,
            scenarios=query.scenario,
            curve=False,
            seed=query.seed,
        )
    except (AnalysisError, ValueError) as error:
        raise invalid({"scenario": [str(error)[:300]]}) from error
    # Ratings received per organization: only what the results page would show this reader.
    organizations = to_plain(report.organizations)
    disclosure = disclosure_for(user_of(request), scope.networks)
    restrict_rows(organizations, organization_ratings(disclosure, scope.networks, report.as_of))
    return {
        "as_of": report.as_of,
        "measures": as_plain(measure_values(report), get_language()),
        "network": report.network.to_dict(),
        "levels": to_plain(report.levels),
        "mix": to_plain(report.mix),
        "organizations": organizations,
        "brokerage_by_sector": to_plain(report.brokerage_by_sector),
        "scenarios": [result.to_dict() for result in report.scenarios],
    }


@router.get("/analysis/networks/{network_id}/scenario", response={200: ScenarioOut, **READ_ERRORS})
def network_scenario(
    request: HttpRequest, network_id: PathId, scenario: ScenarioText, as_of: IsoDate | None = None
) -> Any:
    """What the network keeps when a scenario happens (the dashboard map's “what if”)."""
    scope = _scope(request, network_id)
    try:
        return scenario_payload(
            scope, scenario, as_of=as_of.isoformat() if as_of else None, language=get_language()
        )
    except (ScenarioRequestError, AnalysisError) as error:
        raise invalid({"scenario": [str(error)[:300]]}) from error
