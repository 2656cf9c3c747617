"""A territory's concertation load, as the page and the API show it: one function, so both say the same.

Rows become plain tables here and go through `maillage.analysis.concertation_load`; only the networks the
reader may read count (the scope's own rule, `observatory.scope.scope_for`), so an organization's number of
spaces is the number of *visible* spaces it sits in and no two readings can be subtracted to reveal another.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.db.models import Q, QuerySet

from maillage.analysis import concertation_load, overlap_matrix
from maillage.concertation.models import SpaceProfile, Theme
from maillage.directory.i18n import pick_language
from maillage.directory.models import Organization, Population
from maillage.networks.models import Dynamic, Membership, Network, NetworkKind
from maillage.observatory import Scope

MATRIX_MAX = 30  # spaces drawn in the matrix and its chart: the ones most involved in overlaps
PAIRS_MAX = 5000  # flagged pairs listed (the API says how many there were in all)
TOP = 15  # most solicited organizations and themes on the page


@dataclass(frozen=True)
class Thresholds:
    """The page's parameters, stated on it and accepted by the API."""

    as_of: datetime.date
    min_spaces: int = 3
    jaccard: float = 0.5
    containment: float = 0.75


@dataclass
class Concertation:
    thresholds: Thresholds
    spaces: list[dict[str, Any]]
    pairs: list[dict[str, Any]]
    pairs_total: int
    pairs_sharing: int
    organizations: list[dict[str, Any]]
    organization_count: int
    heavy_count: int
    mean_load: float
    themes: list[dict[str, Any]]
    uncovered_themes: list[dict[str, str]]  # code, name
    uncovered_populations: list[dict[str, str]]
    matrix_ids: list[int] = field(default_factory=list)
    matrix: list[list[dict[str, float]]] = field(default_factory=list)


def active_networks(networks: QuerySet[Network], on: datetime.date) -> QuerySet[Network]:
    return networks.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on)
    )


def _memberships(network_ids: list[int], on: datetime.date) -> pd.DataFrame:
    rows = Membership.objects.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=on),
        Q(end_date__isnull=True) | Q(end_date__gte=on),
        network_id__in=network_ids,
    ).values_list("organization_id", "network_id")
    return pd.DataFrame.from_records(list(rows), columns=["organization", "network"])


def _codes(through: Any, network_ids: list[int], owner: str, code: str) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for key, value in through.objects.filter(**{f"{owner}__in": network_ids}).values_list(owner, code):
        found.setdefault(key, []).append(value)
    return found


def _spaces_frame(networks: list[dict[str, Any]]) -> pd.DataFrame:
    ids = [n["id"] for n in networks]
    populations = _codes(Network.target_populations.through, ids, "network_id", "population__code")
    profiles = dict(
        SpaceProfile.objects.filter(network_id__in=ids).values_list("network_id", "meeting_hours_per_year")
    )
    themes = _codes(SpaceProfile.themes.through, ids, "spaceprofile__network_id", "theme__code")
    return pd.DataFrame(
        {
            "id": ids,
            "themes": [sorted(themes.get(pk, [])) for pk in ids],
            "populations": [sorted(populations.get(pk, [])) for pk in ids],
            "hours": [float(h) if (h := profiles.get(pk)) is not None else float("nan") for pk in ids],
        }
    )


def _names(model: Any, language: str) -> dict[str, str]:
    return {
        code: pick_language(fr, en, language)
        for code, fr, en in model.objects.values_list("code", "name_fr", "name_en")
    }


def concertation_for(
    scope: Scope, thresholds: Thresholds, *, language: str, organization_limit: int | None = TOP
) -> Concertation:
    """Everything the concertation page shows for the scope's readable networks active at the date."""
    networks = list(
        active_networks(scope.networks, thresholds.as_of)
        .order_by("name_fr", "id")
        .values("id", "name_fr", "name_en", "kind", "dynamic", "territory__name_fr", "territory__name_en")
    )
    frame = _spaces_frame(networks)
    result = concertation_load(
        _memberships([n["id"] for n in networks], thresholds.as_of),
        frame,
        min_spaces=thresholds.min_spaces,
        jaccard_threshold=thresholds.jaccard,
        containment_threshold=thresholds.containment,
        themes=[code for code, *_ in Theme.objects.values_list("code")],
        populations=[code for code, *_ in Population.objects.values_list("code")],
    )
    theme_names, population_names = _names(Theme, language), _names(Population, language)
    spaces = _space_rows(networks, frame, result.spaces, theme_names, population_names, language)
    name_of = {space["id"]: space["name"] for space in spaces}
    flagged: Any = result.flagged  # pandas-stubs read a cell as any scalar; these columns hold numbers
    pairs = [
        {
            "a": int(row.network_a),
            "b": int(row.network_b),
            "name_a": name_of[int(row.network_a)],
            "name_b": name_of[int(row.network_b)],
            "size_a": int(row.size_a),
            "size_b": int(row.size_b),
            "shared": int(row.shared),
            "jaccard": float(row.jaccard),
            "containment": float(row.containment),
        }
        for row in flagged.head(PAIRS_MAX).itertuples(index=False)
    ]
    load = result.load if organization_limit is None else result.load.head(organization_limit)
    concertation = Concertation(
        thresholds=thresholds,
        spaces=spaces,
        pairs=pairs,
        pairs_total=len(flagged),
        pairs_sharing=len(result.pairs),
        organizations=_organization_rows(load, language),
        organization_count=len(result.load),
        heavy_count=result.heavy_count,
        mean_load=result.mean_load,
        themes=[{"code": t, "name": theme_names.get(str(t), str(t)), "spaces": n} for t, n in result.themes],
        uncovered_themes=[
            {"code": str(t), "name": theme_names.get(str(t), str(t))} for t in result.uncovered_themes
        ],
        uncovered_populations=[
            {"code": str(p), "name": population_names.get(str(p), str(p))}
            for p in result.uncovered_populations
        ],
    )
    _fill_matrix(concertation, result.pairs, flagged)
    return concertation


def _space_rows(
    networks: list[dict[str, Any]],
    frame: pd.DataFrame,
    table: pd.DataFrame,
    theme_names: dict[str, str],
    population_names: dict[str, str],
    language: str,
) -> list[dict[str, Any]]:
    # Translated once, not once a row: a province has thousands of spaces.
    kinds = {code: str(label) for code, label in NetworkKind.choices}
    dynamics = {code: str(label) for code, label in Dynamic.choices}
    rows = []
    for network, themes, populations, members, hours in zip(
        networks, frame["themes"], frame["populations"], table["members"], table["hours"], strict=True
    ):
        rows.append(
            {
                "id": network["id"],
                "name": pick_language(network["name_fr"], network["name_en"], language),
                "kind": network["kind"],
                "kind_label": str(kinds.get(network["kind"], network["kind"])),
                "dynamic": network["dynamic"],
                "dynamic_label": str(dynamics.get(network["dynamic"], "")),
                "territory": pick_language(
                    network["territory__name_fr"], network["territory__name_en"], language
                ),
                "themes": themes,
                "theme_names": [theme_names.get(t, t) for t in themes],
                "populations": populations,
                "population_names": [population_names.get(p, p) for p in populations],
                "members": int(members),
                "meeting_hours_per_year": None if pd.isna(hours) else float(hours),
            }
        )
    return rows


def _organization_rows(load: pd.DataFrame, language: str) -> list[dict[str, Any]]:
    ids = [int(pk) for pk in load["organization"]]
    names = {
        pk: pick_language(fr, en, language)
        for pk, fr, en in Organization.objects.filter(pk__in=ids).values_list("pk", "name_fr", "name_en")
    }
    return [
        {
            "id": pk,
            "name": names.get(pk, ""),
            "spaces": int(spaces),
            "meeting_hours_per_year": float(hours),
            "spaces_without_hours": int(unknown),
        }
        for pk, spaces, hours, unknown in zip(
            ids, load["spaces"], load["hours"], load["hours_unknown"], strict=True
        )
    ]


def _fill_matrix(concertation: Concertation, pairs: pd.DataFrame, flagged: pd.DataFrame) -> None:
    """The matrix of the spaces most involved in overlaps: flagged pairs first, then the largest spaces."""
    chosen: list[int] = []
    for a, b in zip(flagged["network_a"], flagged["network_b"], strict=True):
        for key in (int(a), int(b)):
            if key not in chosen and len(chosen) < MATRIX_MAX:
                chosen.append(key)
    by_size = sorted(concertation.spaces, key=lambda s: (-s["members"], s["name"], s["id"]))
    for space in by_size:
        if len(chosen) >= MATRIX_MAX:
            break
        if space["id"] not in chosen:
            chosen.append(space["id"])
    order = {space["id"]: i for i, space in enumerate(concertation.spaces)}
    chosen.sort(key=order.__getitem__)
    containment = overlap_matrix(pairs, list(chosen), "containment")
    jaccard = overlap_matrix(pairs, list(chosen), "jaccard")
    concertation.matrix_ids = chosen
    concertation.matrix = [
        [{"containment": c, "jaccard": j} for c, j in zip(row_c, row_j, strict=True)]
        for row_c, row_j in zip(containment, jaccard, strict=True)
    ]
