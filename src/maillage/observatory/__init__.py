"""The observatory: what several apps read about a network's numbers, in one named layer.

Dashboards, indicators, leadership pages, reports (web and PDF), the API, exchange and the worker read
a network's numbers through these public names only; they never reach into its modules' private helpers.

- **Scope** (`scope`): what a page is about — one network, every network of a territory, or the
  province — resolved to the networks the reader may see. `scope_for` (from a request), `network_scope`,
  `territory_scope`, `province_scope`; `data_version` names the data a scope shows and
  `scope_cache_key` keys a cached computation on it, so a cache entry dies when the data changes.
- **Dataset** (`dataset`): the one bridge from database rows to the analysis core's tables.
  `cached_dataset(scope)` (cached per data version), `dataset_for(networks)`, `observation_dates`, and the
  frames it is made of (`organizations_frame`, `ties_frame`, `memberships_frame`, `networks_frame`).
- **Latest report** (`latest`): `latest_report(scope)`, the report at the latest wave compared with the
  one before, computed once for the dashboard and the map.
- **Measures** (`measures`, `headlines`, `formatting`): the catalogue of headline measures with labels,
  definitions, values and changes written the reader's way (`label`, `format_value`, `format_change`,
  `headlines`, `percent`).
- **Charts and colours** (`charts`, `layout`, `roles`): Vega-Lite specs with their tables (`Chart`),
  the sector and family colours (kept with the sectors, `directory.palette`), the map's cached layout,
  the brokerage roles' names.
- **Scenarios** (`scenarios`): `scenario_payload`, a resilience scenario read from a request.

The layer sits above the data apps (directory, networks, ties, surveys) and the analysis core, and
below every app that shows numbers; `tests/test_layering.py` holds the order.
"""

from __future__ import annotations

from maillage.directory.palette import (
    FAMILY_COLORS,
    SECTOR_COLORS,
    family_colors,
    sector_colors,
    sector_groups,
    sector_palette,
)
from maillage.formatting import NO_DATA, percent, reader_language
from maillage.observatory import charts
from maillage.observatory.charts import SCHEMA, Chart, chart_base
from maillage.observatory.dataset import (
    cached_dataset,
    dataset_for,
    memberships_frame,
    networks_frame,
    observation_dates,
    organizations_frame,
    ties_frame,
)
from maillage.observatory.headlines import Headline, headlines
from maillage.observatory.latest import LatestReport, latest_report
from maillage.observatory.layout import Island, island_layout, layout_positions
from maillage.observatory.measures import (
    ARROWS,
    HEADLINES,
    MEASURES,
    as_plain,
    definition,
    format_change,
    format_value,
    label,
    measure_changes,
    measure_values,
)
from maillage.observatory.roles import BROKER_ROLES, broker_labels
from maillage.observatory.scenarios import ScenarioRequestError, scenario_payload
from maillage.observatory.scope import (
    KINDS,
    VERSIONED_SECONDS,
    Scope,
    data_version,
    network_scope,
    province_scope,
    scope_cache_key,
    scope_for,
    territory_scope,
)

__all__ = [
    "ARROWS",
    "BROKER_ROLES",
    "FAMILY_COLORS",
    "HEADLINES",
    "KINDS",
    "MEASURES",
    "NO_DATA",
    "SCHEMA",
    "SECTOR_COLORS",
    "VERSIONED_SECONDS",
    "Chart",
    "Headline",
    "Island",
    "LatestReport",
    "ScenarioRequestError",
    "Scope",
    "as_plain",
    "broker_labels",
    "cached_dataset",
    "chart_base",
    "charts",
    "data_version",
    "dataset_for",
    "definition",
    "family_colors",
    "format_change",
    "format_value",
    "headlines",
    "label",
    "latest_report",
    "island_layout",
    "layout_positions",
    "measure_changes",
    "measure_values",
    "memberships_frame",
    "network_scope",
    "networks_frame",
    "observation_dates",
    "organizations_frame",
    "percent",
    "province_scope",
    "reader_language",
    "scenario_payload",
    "scope_cache_key",
    "scope_for",
    "sector_groups",
    "sector_palette",
    "sector_colors",
    "territory_scope",
    "ties_frame",
]
