"""The map's data: every node and tie of a scope in one compact JSON document.

Columns are sent as arrays (not one object per node) so a 5,000-organization network stays
a few hundred kilobytes. Each tie carries its whole history as (date index, level, formal)
steps, so the browser can move the date slider without asking the server again.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext as _

from maillage.analysis import Dataset, NetworkReport, report_from_dataset
from maillage.directory.models import Sector, Territory
from maillage.observatory import (
    BROKER_ROLES,
    VERSIONED_SECONDS,
    Island,
    Scope,
    broker_labels,
    cached_dataset,
    data_version,
    island_layout,
    latest_report,
    observation_dates,
    scope_cache_key,
    sector_groups,
    sector_palette,
)
from maillage.ties.models import Level

# Above this many organizations the map shows the best-connected ones and says so.
MAX_MAP_NODES = 5000
MAX_ISLAND_NAMES = 60


def map_document(scope: Scope, *, language: str) -> str:
    """The map of a scope as JSON text, cached until the scope's data changes.

    The data version names the networks in the scope, so two users who see different networks of the same
    territory never share a cached map.
    """
    key = scope_cache_key("map-data", scope, language)
    body = cache.get(key)
    if body is None:
        body = json.dumps(map_payload(scope, language=language), separators=(",", ":"))
        cache.set(key, body, timeout=VERSIONED_SECONDS)
    return str(body)


def map_payload(scope: Scope, *, language: str, max_nodes: int = MAX_MAP_NODES) -> dict[str, Any]:
    dataset = cached_dataset(scope, language)
    total_nodes = len(dataset.organizations)
    dates = observation_dates(dataset)
    nodes, edge_keys, histories, node_u, node_v = _drawn(dataset, dates, max_nodes)
    # The dashboard page computed today's report a moment ago: the map reuses it from the cache.
    report = latest_report(scope, language=language).report
    if report is None:
        report = report_from_dataset(dataset, scenarios=[], curve=False)
    metrics = _metrics(report, nodes)
    networks = list(scope.networks.order_by("name_fr", "pk"))
    network_index = {n.pk: i for i, n in enumerate(networks)}
    memberships = _memberships(dataset.memberships, nodes, network_index)
    groups, group_names = _groups(scope, report, nodes, memberships, networks)
    positions, islands = island_layout(
        len(nodes),
        list(zip(node_u.tolist(), node_v.tolist(), strict=True)),
        key=data_version(scope),
        groups=groups,
    )
    # The largest groups are named (islands come largest first); more names would not fit on a map anyway.
    islands = [island for island in islands if island.group in group_names][:MAX_ISLAND_NAMES]

    sector_legend, sector_index = _sectors(nodes)
    territory_ids = sorted({int(t) for t in nodes["territory"].dropna()})
    territory_names = {t.pk: t.name for t in Territory.objects.filter(pk__in=territory_ids)}
    return {
        "scope": {"kind": scope.kind, "id": scope.pk, "title": scope.title},
        "dates": dates,
        "sampled": {"shown": len(nodes), "total": total_nodes} if len(nodes) < total_nodes else None,
        "sectors": sector_legend,
        **_legends(),
        "islands": _island_labels(islands, group_names),
        "networks": [{"id": n.pk, "name": n.name} for n in networks],
        "territories": [{"id": pk, "name": territory_names.get(pk, str(pk))} for pk in territory_ids],
        "nodes": {
            "id": nodes["id"].astype(int).tolist(),
            "label": nodes["name"].astype(str).tolist(),
            "sector": [sector_index[c] for c in nodes["sector"]],
            "territory": [territory_ids.index(int(t)) if pd.notna(t) else -1 for t in nodes["territory"]],
            "x": positions[:, 0].round(4).tolist() if len(nodes) else [],
            "y": positions[:, 1].round(4).tolist() if len(nodes) else [],
            "networks": memberships,
            "group": _island_of(groups, islands),
            **metrics,
        },
        "edges": {
            "u": node_u.tolist(),
            "v": node_v.tolist(),
            "network": [network_index.get(k[2], -1) for k in edge_keys],
            "history": histories,
        },
        "urls": {"organization": reverse("directory:organization_detail", kwargs={"pk": 0})},
    }


def _drawn(
    dataset: Dataset, dates: list[str], max_nodes: int
) -> tuple[pd.DataFrame, list[tuple[int, int, Any]], list[list[int]], np.ndarray, np.ndarray]:
    """The organizations drawn (the best-connected `max_nodes`), their ties' keys and histories, and each
    tie's two ends as positions among the organizations drawn."""
    organizations, ties = dataset.organizations, dataset.ties
    keep = _sample(organizations, ties, max_nodes)
    position = np.full(len(organizations), -1, dtype=np.int64)
    position[keep] = np.arange(len(keep))
    ties = ties[(position[ties["u"]] >= 0) & (position[ties["v"]] >= 0)]
    edge_keys, histories = _edge_histories(ties, dates)
    node_u = position[np.array([k[0] for k in edge_keys], dtype=np.int64)] if edge_keys else np.array([], int)
    node_v = position[np.array([k[1] for k in edge_keys], dtype=np.int64)] if edge_keys else np.array([], int)
    return organizations.iloc[keep].reset_index(drop=True), edge_keys, histories, node_u, node_v


def _sectors(nodes: pd.DataFrame) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The legend of the sectors drawn, in the directory's order, each in its family's shade, and each
    sector's place in it."""
    sectors = {s.code: s for s in Sector.objects.all()}
    codes = sorted(set(nodes["sector"]), key=lambda c: (sectors[c].order if c in sectors else 99, c))
    palette = sector_palette()
    group_codes = [g["code"] for g in sector_groups()]
    legend = [
        {
            "code": code,
            "label": sectors[code].name if code in sectors else code,
            "family": group_codes.index(palette.get(code, ("other", ""))[0]),
            "color": palette.get(code, ("other", "#7F7F7F"))[1],
        }
        for code in codes
    ]
    return legend, {code: i for i, code in enumerate(codes)}


def _legends() -> dict[str, list[dict[str, Any]]]:
    """The legends that do not depend on the scope: the colour families (one Okabe–Ito hue each, the
    sectors of a family in its shades), the levels and the brokerage roles."""
    return {
        "families": sector_groups(),
        "levels": [{"value": value, "label": str(label)} for value, label in Level.choices],
        "brokerRoles": [{"code": code, "label": label} for code, label in broker_labels().items()],
    }


def _groups(
    scope: Scope,
    report: NetworkReport,
    nodes: pd.DataFrame,
    memberships: list[list[int]],
    networks: list[Any],
) -> tuple[list[int], dict[int, str]]:
    """Each drawn organization's group and each group's name.

    On a network's map the groups are its communities, each named after its most connected organization;
    on territory and province maps they are the networks (an organization in several goes with the first).
    """
    if scope.kind != "network" and len(networks) > 1:
        groups = [own[0] if own else -1 for own in memberships]
        return groups, {i: n.name for i, n in enumerate(networks)}
    table = report.organizations.set_index("id").reindex(nodes["id"])
    if "community" not in table:
        return [0] * len(nodes), {}
    community = table["community"].fillna(-1).astype(int).to_numpy()
    degree = table["degree"].fillna(0).to_numpy()
    names = {}
    for group in np.unique(community[community >= 0]):
        members = np.flatnonzero(community == group)
        hub = members[np.argmax(degree[members])]
        names[int(group)] = _("%(name)s and its partners") % {"name": _short(nodes["name"].iloc[hub])}
    return community.tolist(), names


def _island_of(groups: list[int], islands: list[Island]) -> list[int]:
    """Each organization's island (its index in the payload's islands), -1 when its group has no name."""
    index = {island.group: i for i, island in enumerate(islands)}
    return [index.get(g, -1) for g in groups]


def _short(name: str, limit: int = 40) -> str:
    """A name short enough to sit over its group on the map: cut at a word, the place in brackets first.

    >>> _short("Centre d'entraide du Rivage-Est (Notre-Dame-de-Grâce)")
    "Centre d'entraide du Rivage-Est"
    >>> _short("Association des aînés des Tisserands de la Haute-Ville", 30)
    'Association des aînés des…'
    """
    if len(name) <= limit:
        return name
    name = name.split(" (")[0].strip()
    if len(name) <= limit:
        return name
    return name[: name.rfind(" ", 0, limit - 1)].rstrip(" ,-—") + "…"


def _island_labels(islands: list[Island], names: dict[int, str]) -> list[dict[str, Any]]:
    """The named islands, largest first: where to write each group's name on the map."""
    return [
        {"label": names[i.group], "x": round(i.x, 4), "y": round(i.y, 4), "r": round(i.radius, 4)}
        for i in islands
        if i.group in names
    ]


def _sample(organizations: pd.DataFrame, ties: pd.DataFrame, max_nodes: int) -> np.ndarray:
    """Positions of the organizations to draw: all of them, or the `max_nodes` with the most partners."""
    n = len(organizations)
    if n <= max_nodes:
        return np.arange(n)
    pairs = ties[["u", "v"]].drop_duplicates()
    degree = np.bincount(pairs["u"], minlength=n) + np.bincount(pairs["v"], minlength=n)
    return np.sort(np.argsort(-degree, kind="stable")[:max_nodes])


def _edge_histories(
    ties: pd.DataFrame, dates: list[str]
) -> tuple[list[tuple[int, int, Any]], list[list[int]]]:
    """One edge per (pair, network); its steps flattened as [date, level, formal, date, level, formal …]."""
    if ties.empty:
        return [], []
    ordered = ties.assign(
        network=ties["network"].where(ties["network"].notna(), -1).astype(np.int64)
    ).sort_values(["u", "v", "network", "date"], kind="stable")
    u, v, network = (ordered[c].to_numpy(dtype=np.int64) for c in ("u", "v", "network"))
    # Match the few distinct dates, not every observation's formatted date.
    known = pd.to_datetime(pd.Series(dates, dtype=object)).to_numpy(dtype="datetime64[ns]")
    observed = ordered["date"].to_numpy(dtype="datetime64[ns]")
    day = np.full(len(observed), -1, dtype=np.int64)
    if len(known):
        slot = np.minimum(np.searchsorted(known, observed), len(known) - 1)
        matched = known[slot] == observed
        day[matched] = slot[matched]
    steps = np.column_stack(
        [day, ordered["level"].to_numpy(dtype=np.int64), ordered["formal"].to_numpy(dtype=np.int64)]
    )
    starts = np.flatnonzero(
        np.r_[True, (u[1:] != u[:-1]) | (v[1:] != v[:-1]) | (network[1:] != network[:-1])]
    )
    keys = list(zip(u[starts].tolist(), v[starts].tolist(), network[starts].tolist(), strict=True))
    # Slicing one flat Python list is much cheaper than splitting into thousands of small arrays.
    flat = steps.ravel().tolist()
    bounds = (3 * np.r_[starts, len(steps)]).tolist()
    histories = [flat[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    return keys, histories


def _metrics(report: NetworkReport, nodes: pd.DataFrame) -> dict[str, list[Any]]:
    """Centralities and the main brokerage role of each drawn organization, on today's network."""
    table = report.organizations.set_index("id").reindex(nodes["id"])
    roles = table[[f"brokerage_{r}" for r in BROKER_ROLES]].fillna(0).to_numpy()
    main_role = np.where(roles.sum(axis=1) > 0, roles.argmax(axis=1), -1)
    return {
        "degree": table["degree"].fillna(0).astype(int).tolist(),
        "betweenness": table["betweenness"].fillna(0).round(5).tolist(),
        "eigenvector": table["eigenvector"].fillna(0).round(5).tolist(),
        "closeness": table["closeness"].fillna(0).round(5).tolist(),
        "broker": main_role.astype(int).tolist(),
    }


def _memberships(
    memberships: pd.DataFrame, nodes: pd.DataFrame, network_index: dict[int, int]
) -> list[list[int]]:
    current = memberships[memberships["end"].isna()]
    by_org: dict[int, list[int]] = {}
    for organization, network in zip(current["organization"], current["network"], strict=True):
        if network in network_index:
            by_org.setdefault(int(organization), []).append(network_index[network])
    return [sorted(by_org.get(int(i), [])) for i in nodes["id"]]
