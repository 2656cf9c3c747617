"""The yearly report's content: sections 1–4 from the analysis core, 5–8 from the other apps.

Everything here is plain data (dataclasses, lists, dicts) computed once; the HTML page and the PDF render
the same `ReportData`, so the numbers in both are the same numbers, and they are the analysis core's
(`report_from_dataset` on the adapter's dataset) formatted the way the dashboard formats them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.db.models import Count
from django.utils import translation
from django.utils.translation import gettext as _

from maillage.analysis import Dataset, NetworkReport, report_from_dataset, snapshot
from maillage.analysis.graph import build_graph
from maillage.analysis.network import level_table
from maillage.concertation.data import Concertation, Thresholds, concertation_for
from maillage.directory.i18n import pick_language
from maillage.directory.models import ActionStrategy, Population, Sector
from maillage.formatting import number
from maillage.networks.history import state_of, states_as_of
from maillage.networks.models import Network, NetworkState
from maillage.observatory import (
    Chart,
    Headline,
    Scope,
    broker_labels,
    cached_dataset,
    charts,
    format_value,
    headlines,
    label,
    observation_dates,
    percent,
)
from maillage.reports import voices
from maillage.reports.mapimage import MapImage, map_image
from maillage.reports.measures import influence, level_definitions
from maillage.reports.mobilization import mobilization_model
from maillage.reports.scope import Period
from maillage.surveys.models import Wave, WaveStatus

# In the order of CHSSN's baseline data report: progress, lessons, their words, measuring impact, effects.
SECTIONS = [
    ("approach", 1),
    ("partners", 2),
    ("network", 3),
    ("progress", 4),
    ("lessons", 5),
    ("words", 6),
    ("impact", 7),
    ("effects", 8),
    ("method", 9),
]


def section_titles() -> dict[str, str]:
    return {
        "approach": _("The partnership approach"),
        "partners": _("The partners"),
        "network": _("The network"),
        "progress": _("Progress of partnerships"),
        "lessons": _("Lessons about partnership"),
        "impact": _("Measuring impact"),
        "words": _("In their words"),
        "effects": _("Effects beyond services"),
        "method": _("Method"),
    }


def no_data_message() -> str:
    """The one plain sentence every section shows when its data does not exist."""
    return _("No data exists for this section for the period of this report.")


@dataclass
class Organization:
    name: str
    sector: str


@dataclass
class ReportData:
    scope: Scope
    period: Period
    language: str
    title: str
    subtitle: str
    as_of: str | None
    compare_to: str | None
    generated_on: datetime.date
    report: NetworkReport | None
    headlines: list[Headline] = field(default_factory=list)
    charts: dict[str, charts.Chart] = field(default_factory=dict)
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    map: MapImage | None = None

    @property
    def titles(self) -> dict[str, str]:
        return section_titles()

    def headline(self, key: str) -> Headline | None:
        return next((h for h in self.headlines if h.key == key), None)


def build_report(scope: Scope, period: Period, *, language: str, seed: int = 0) -> ReportData:
    """Compute every section of the report of a scope for a period, in a language."""
    with translation.override(language):
        dataset = cached_dataset(scope, language)
        dates = observation_dates(dataset)
        period = period.for_networks(scope.networks)
        as_of, compare_to = period.pick(dates)
        if as_of is not None and not (period.year or period.since or period.until):
            period = period.of_date(as_of)  # no year asked: the period of the latest data
        report = previous = None
        if as_of is not None and not dataset.ties.empty:
            report = report_from_dataset(
                dataset, as_of=as_of, compare_to=compare_to, scenarios=["formal-ties", "top:5"], seed=seed
            )
            if compare_to is not None:
                previous = report_from_dataset(
                    dataset, as_of=compare_to, scenarios=[], curve=False, seed=seed
                )
        data = ReportData(
            scope=scope,
            period=period,
            language=language,
            title=scope.title,
            subtitle=report_subtitle(scope, period, as_of, compare_to),
            as_of=as_of,
            compare_to=compare_to,
            generated_on=datetime.date.today(),
            report=report,
        )
        names = organization_names(dataset.organizations)
        sector_names = {s.code: s.name for s in Sector.objects.all()}
        data.sections["approach"] = approach_section(scope, dataset, as_of, seed)
        if scope.kind != "network":
            data.sections["approach"]["concertation"] = concertation_summary(scope, as_of, language)
        data.sections |= {"partners": {}, "progress": {}, "network": {}}  # empty until there are ties
        if report is not None and as_of is not None:
            data.headlines = headlines(report, previous)
            data.charts = network_charts(report, dataset, [d for d in dates if d <= as_of][-6:], sector_names)
            data.map = map_image(dataset, as_of=as_of, key=f"{scope.key}:{as_of}")
            data.sections["partners"] = partners_section(report, names, sector_names)
            data.sections["progress"] = progress_section(report)
            data.sections["network"] = network_section(report, names, sector_names)
        data.sections.update(voices.voice_sections(scope, period, as_of=as_of, compare_to=compare_to))
        data.sections["effects"]["influence"] = influence(data.sections)
        data.sections["method"] = voices.method_section(
            scope,
            as_of=data.as_of,
            waves=data.sections["impact"]["all_waves"],
            headlines=data.headlines,
            report=data.report,
            dates=dates,
        )
        for chart in voices.impact_charts(data.sections["impact"]):
            data.charts[chart.key] = chart
    return data


def network_charts(
    report: NetworkReport, dataset: Dataset, waves: list[str], sector_names: dict[str, str]
) -> dict[str, Chart]:
    """The network's charts: partnerships by sector, levels over the last `waves`, transitions, sector mix
    and resilience."""
    per_wave = {d: level_table(build_graph(snapshot(dataset, as_of=d))) for d in waves}
    return {
        "sectors": charts.partnerships_by_sector(report, sector_names),
        "levels": charts.levels_by_wave(per_wave),
        "transitions": charts.transition_matrix(report),
        "sector_mix": charts.sector_heatmap(report, sector_names),
        "resilience": charts.resilience_curve(report),
    }


def report_subtitle(scope: Scope, period: Period, as_of: str | None, compare_to: str | None) -> str:
    """ "Baseline data report" for a network's first wave, "Follow-up report" after it."""
    values = {"period": period.label}
    if is_baseline(scope, period, as_of, compare_to):
        return _("Baseline data report %(period)s") % values
    return _("Follow-up report %(period)s") % values


def is_baseline(scope: Scope, period: Period, as_of: str | None, compare_to: str | None) -> bool:
    """Survey waves decide when there are some: the report is a baseline while no network of it has a
    second wave by the end of the period; without waves, while there is no earlier observation date."""
    end = period.end or (datetime.date.fromisoformat(as_of) if as_of else None)
    waves = Wave.objects.filter(network__in=scope.networks).exclude(status=WaveStatus.DRAFT)
    if end is not None:
        waves = waves.filter(date__lte=end)
    counts = list(waves.values("network").annotate(n=Count("id")).values_list("n", flat=True))
    if counts:
        return max(counts) < 2
    return compare_to is None


def organization_names(organizations: pd.DataFrame) -> dict[Any, str]:
    return dict(zip(organizations["id"], organizations["name"], strict=True))


def concertation_summary(scope: Scope, as_of: str | None, language: str) -> Concertation:
    """The concertation load of a territory's spaces on the report's date (the concertation page's numbers,
    its first rows): how many spaces, how they overlap, who sits in many of them, what no space covers."""
    day = datetime.date.fromisoformat(as_of) if as_of else datetime.date.today()
    return concertation_for(scope, Thresholds(as_of=day), language=language, organization_limit=10)


def approach_section(scope: Scope, dataset: Any, as_of: str | None, seed: int) -> dict[str, Any]:
    networks = list(
        scope.networks.select_related("territory", "lead_organization").prefetch_related(
            "target_populations", "action_strategies", "goals", "principles"
        )
    )
    states = states_as_of([n.pk for n in networks], as_of)
    names = {
        "populations": {p.code: p.name for p in Population.objects.all()},
        "strategies": {s.code: s.name for s in ActionStrategy.objects.all()},
    }
    rows = []
    for network in networks:
        state = states.get(network.pk) or state_of(
            network,
            [p.code for p in network.target_populations.all()],
            [s.code for s in network.action_strategies.all()],
        )
        row: dict[str, Any] = {"network": network, **_network_facts(network, state, names)}
        if len(networks) > 1 and as_of is not None:
            # One summary line per network, from the same dataset the scope's report uses.
            part = report_from_dataset(
                dataset, as_of=as_of, network=network.pk, scenarios=[], curve=False, seed=seed
            )
            row["organizations"] = part.network.organizations
            row["ties"] = part.network.ties
            row["density"] = format_value("density", part.network.density)
        rows.append(row)
    return {
        "networks": rows,
        "single": rows[0] if len(rows) == 1 else None,
        "empty": not rows,
        "model": mobilization_model(scope) if len(rows) > 1 else None,
    }


def _network_facts(network: Network, state: NetworkState, names: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The network's attributes as they were on the report's date (`state`); its kind, scale and model tags
    are not dated."""
    lead = state.lead_organization
    return {
        "kind": network.get_kind_display(),
        "scale": network.get_scale_display(),
        "territory": state.territory.name,
        "lead": pick_language(lead.name_fr, lead.name_en) if lead else "",
        "dynamic": state.get_dynamic_display() if state.dynamic else "",
        "funding": state.get_funding_display() if state.funding else "",
        "problem_origin": state.get_problem_origin_display() if state.problem_origin else "",
        "actions": state.get_actions_display() if state.actions else "",
        "populations": [names["populations"][c] for c in state.populations if c in names["populations"]],
        "strategies": [names["strategies"][c] for c in state.strategies if c in names["strategies"]],
        "goals": [g.name for g in network.goals.all()],
        "principles": [p.name for p in network.principles.all()],
    }


def partners_section(
    report: NetworkReport, names: dict[Any, str], sector_names: dict[str, str]
) -> dict[str, Any]:
    table = report.organizations
    sectors = dict(zip(table["id"], table["sector"], strict=True))
    change = report.change

    def people(ids: list[Any]) -> list[Organization]:
        return sorted(
            (Organization(names.get(i, str(i)), sector_names.get(sectors.get(i, ""), "")) for i in ids),
            key=lambda o: o.name,
        )

    partners = int((table["degree"] > 0).sum())
    return {
        "partners": partners,
        "sectors": int(table.loc[table["degree"] > 0, "sector"].nunique()),
        "joined": people(change.joined) if change else [],
        "left": people(change.left) if change else [],
        "has_change": change is not None,
    }


def progress_section(report: NetworkReport) -> dict[str, Any]:
    change = report.change
    if change is None:
        return {"change": None, "levels": level_definitions()}
    counts = [
        (_("New ties"), change.gained),
        (_("Ties that ended"), change.lost),
        (_("Strengthened (higher level)"), change.strengthened),
        (_("Weakened (lower level)"), change.weakened),
        (_("Formalized"), change.formalized),
        (_("Unchanged"), change.unchanged),
    ]
    return {"change": change, "counts": counts, "levels": level_definitions()}


def network_section(
    report: NetworkReport, names: dict[Any, str], sector_names: dict[str, str]
) -> dict[str, Any]:
    table = report.organizations
    roles = list(broker_labels())
    top = table.sort_values(["brokerage_total", "betweenness"], ascending=False).head(5)
    brokers = []
    for _index, row in top.iterrows():
        if not row["brokerage_total"]:
            continue
        main = max(roles, key=lambda r: row[f"brokerage_{r}"])
        brokers.append(
            {
                "name": names.get(row["id"], str(row["id"])),
                "sector": sector_names.get(row["sector"], row["sector"]),
                "role": broker_labels()[main],
                "total": int(row["brokerage_total"]),
                "betweenness": f"{row['betweenness'] * 100:.1f} %",
            }
        )
    mix = report.mix
    scenarios = {s.scenario: s for s in report.scenarios}
    formal = scenarios.get("formal-ties")
    metrics = report.network
    resilience = None
    if formal is not None:
        resilience = {
            "removed_ties": formal.removed_ties,
            "before": percent(metrics.largest_component_share),
            "after": percent(formal.largest_component_share),
            "components_before": metrics.components,
            "components_after": formal.components,
            "cut_off": sorted(names.get(i, str(i)) for i in formal.cut_off),
        }
    top5 = scenarios.get("top:5")
    return {
        "brokers": brokers,
        "mix": {
            "cross_family": format_value("cross_family_share", mix.cross_family_share),
            "cross_family_label": label("cross_family_share"),
            "cross_sector": format_value("cross_sector_share", mix.cross_sector_share),
            "cross_sector_label": label("cross_sector_share"),
            "ei": number(mix.ei_index, 2, sign=True),
        },
        "resilience": resilience,
        "top5": {
            "after": percent(top5.largest_component_share),
            "removed": sorted(names.get(i, str(i)) for i in top5.removed),
        }
        if top5
        else None,
    }
