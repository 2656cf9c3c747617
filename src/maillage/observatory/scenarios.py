"""The map's "what if" toggle: a resilience scenario of the analysis core, on the scope's network."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from maillage.analysis import parse_scenario, report_from_dataset
from maillage.dates import in_range
from maillage.observatory.dataset import cached_dataset
from maillage.observatory.scope import Scope


class ScenarioRequestError(ValueError):
    """A scenario or date the user asked for that cannot be run; the message is in the user's language."""


def scenario_payload(scope: Scope, text: str, *, as_of: str | None, language: str) -> dict[str, Any]:
    if not text:
        raise ScenarioRequestError(_("Choose a scenario."))
    try:
        scenario = parse_scenario(text)
    except ValueError as error:
        raise ScenarioRequestError(_("Unknown scenario: %(text)s") % {"text": text[:80]}) from error
    if as_of:
        try:
            day = datetime.date.fromisoformat(as_of)
        except ValueError as error:
            raise ScenarioRequestError(_("Unknown date: %(text)s") % {"text": as_of[:20]}) from error
        if not in_range(day):
            raise ScenarioRequestError(_("Unknown date: %(text)s") % {"text": as_of[:20]})
    dataset = cached_dataset(scope, language)
    report = report_from_dataset(dataset, as_of=as_of, scenarios=[scenario], curve=False)
    result = report.scenarios[0]
    network = report.network
    return {
        "scenario": result.scenario,
        "as_of": report.as_of,
        # The core's vertices are any Hashable; the app's are primary keys.
        "removed": [int(i) for i in result.removed],  # type: ignore[call-overload]
        "removes_formal_ties": scenario.kind == "formal-ties",
        "cut_off": [int(i) for i in result.cut_off],  # type: ignore[call-overload]
        "removed_organizations": result.removed_organizations,
        "removed_ties": result.removed_ties,
        "before": {
            "largest_component_share": network.largest_component_share,
            "components": network.components,
        },
        "after": {
            "largest_component_share": result.largest_component_share,
            "components": result.components,
            "mean_reachability": result.mean_reachability,
        },
    }
