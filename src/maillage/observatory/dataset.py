"""The one place where database rows become the analysis core's plain tables.

Everything the dashboards, reports and commands compute goes through here, so a number
seen on a page is the number `maillage.analysis` gives for the same tables in a notebook.
Rows are read with `values_list` into pandas frames: a 200,000-tie network is read in a
few queries, never row by row.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from django.core.cache import cache
from django.db.models import QuerySet

from maillage.analysis import Dataset, load_dataset
from maillage.analysis.cohorts import RELEASE_COLUMNS
from maillage.directory.i18n import pick_language
from maillage.directory.models import Organization
from maillage.networks.models import Membership, Network
from maillage.observatory.scope import VERSIONED_SECONDS, Scope, scope_cache_key
from maillage.surveys.models import RATING_FIELDS, Rating
from maillage.surveys.releases import network_releases
from maillage.ties.models import LEVEL_CODES, TieObservation


def organizations_frame(organization_ids: Iterable[int], language: str | None = None) -> pd.DataFrame:
    rows = (
        Organization.objects.filter(pk__in=list(organization_ids))
        .values_list("pk", "name_fr", "name_en", "sector__code", "sector__family", "territory_id")
        .order_by("pk")
    )
    frame = pd.DataFrame.from_records(
        list(rows), columns=["id", "name_fr", "name_en", "sector", "sector_family", "territory"]
    )
    frame["name"] = [
        pick_language(fr, en, language) for fr, en in zip(frame["name_fr"], frame["name_en"], strict=True)
    ]
    return frame.drop(columns=["name_fr", "name_en"])


def ties_frame(networks: QuerySet[Network]) -> pd.DataFrame:
    """Every observation of every tie of these networks: one row per (tie, date)."""
    rows = TieObservation.objects.filter(tie__network__in=networks).values_list(
        "tie__organization_a_id",
        "tie__organization_b_id",
        "level",
        "formality",
        "tie__network_id",
        "observed_on",
        "tie_id",
        "id",
    )
    columns = ["source", "target", "level", "formality", "network", "date"]
    frame = pd.DataFrame.from_records(list(rows), columns=[*columns, "tie", "id"])
    # On one date, the observation recorded last is the one in force (a correction), as for the tie's
    # current state (`ties.bulk.refresh_current`): the analysis core gets that one alone.
    frame = frame.sort_values("id", kind="stable").drop_duplicates(["tie", "date"], keep="last")
    frame = frame.drop(columns=["tie", "id"])
    # Survey ratings (rater → rated) ride on a copy of the pair's survey observation, so they change no level.
    ratings = Rating.objects.filter(observation__tie__network__in=networks).exclude(
        **{f"{field}__isnull": True for field in RATING_FIELDS}
    )
    rated = ratings.values_list(
        "rater_id", "rated_id", "observation__level", "observation__formality",
        "observation__tie__network_id", "observation__observed_on", *RATING_FIELDS,
    )  # fmt: skip
    if rated:
        frame = pd.concat([frame, pd.DataFrame.from_records(list(rated), columns=[*columns, *RATING_FIELDS])])
    frame["level"] = frame["level"].map(LEVEL_CODES)
    return frame.reset_index(drop=True)


def memberships_frame(networks: QuerySet[Network]) -> pd.DataFrame:
    rows = Membership.objects.filter(network__in=networks).values_list(
        "organization_id", "network_id", "role", "start_date", "end_date"
    )
    return pd.DataFrame.from_records(list(rows), columns=["organization", "network", "role", "start", "end"])


def networks_frame(networks: QuerySet[Network]) -> pd.DataFrame:
    rows = list(networks.values_list("pk", "territory_id"))
    populations: dict[int, list[str]] = {}
    through = Network.target_populations.through.objects.filter(network__in=networks)
    for network_id, code in through.values_list("network_id", "population__code"):
        populations.setdefault(network_id, []).append(code)
    return pd.DataFrame(
        {
            "id": [pk for pk, _ in rows],
            "territory": [territory for _, territory in rows],
            "populations": [populations.get(pk, []) for pk, _ in rows],
        }
    )


def observation_dates(dataset: Dataset) -> list[str]:
    """The distinct observation dates of a dataset's ties, oldest first, as ISO strings."""
    dates = dataset.ties["date"].dropna()
    # Format the few distinct dates, not the hundreds of thousands of observations.
    return sorted(pd.Series(dates.unique()).dt.strftime("%Y-%m-%d").tolist())


def cached_dataset(scope: Scope, language: str | None = None) -> Dataset:
    """`dataset_for` the scope's networks, kept in the cache until the scope's data changes.

    The dashboard page, its map and its scenarios all start from the same tables: reading a
    large network from the database once instead of three times is most of their speed.
    """
    key = scope_cache_key("dataset", scope, language)
    dataset = cache.get(key)
    if dataset is None:
        dataset = dataset_for(scope.networks, language)
        cache.set(key, dataset, timeout=VERSIONED_SECONDS)
    return dataset


def dataset_for(networks: QuerySet[Network], language: str | None = None) -> Dataset:
    """The analysis dataset of one or several networks: their members and everyone their ties touch."""
    ties = ties_frame(networks)
    memberships = memberships_frame(networks)
    ids = set(memberships["organization"]) | set(ties["source"]) | set(ties["target"])
    dataset = load_dataset(organizations_frame(ids, language), ties, memberships, networks_frame(networks))
    dataset.rating_releases = releases_frame(networks)
    return dataset


def releases_frame(networks: QuerySet[Network]) -> pd.DataFrame:
    """The frozen trust and value of each closed wave: the network-wide figures (analysis.cohorts)."""
    rows = [
        (network, date, r.raters, r.ratings, r.trust_percent, r.value_percent)
        for network, date, r in network_releases(list(networks.values_list("pk", flat=True)))
    ]
    return pd.DataFrame.from_records(rows, columns=RELEASE_COLUMNS)
