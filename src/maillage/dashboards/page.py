"""The dashboard page's content, rendered once per scope, language and data version.

Both the page (`views.dashboard`) and the worker that warms the cache after an edit (`warm`) render it
from here, so the worker never imports a view.
"""

from __future__ import annotations

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from maillage.dashboards.summary import dashboard_data
from maillage.observatory import VERSIONED_SECONDS, Scope, scope_cache_key


def map_strings() -> dict[str, str]:
    """The words the map's script shows, in the user's language."""
    return {
        # The side panel says what each measure means, in plain words.
        "degree": _("Direct partners"),
        "betweenness": _("Links groups that do not talk to each other (0 to 1)"),
        "eigenvector": _("Tied to the best-connected organizations (0 to 1)"),
        "closeness": _("Reaches the whole network in few steps (0 to 1)"),
        "sector": _("Sector"),
        "territory": _("Territory"),
        "networks": _("Networks"),
        "ties": _("Ties"),
        "broker": _("Brokerage role"),
        "none": _("none"),
        "open": _("Open the organization's page"),
        "organizations": _("organizations"),
        "shown": _("shown"),
        "hidden": _("hidden by the filters"),
        "removed": _("removed by the scenario"),
        "cutOff": _("cut off from the rest"),
        "sampled": _("This map shows the %(shown)s best-connected organizations out of %(total)s."),
        "scenarioSummary": _(
            "Scenario: %(removed)s organizations and %(ties)s ties removed; %(cut)s organizations "
            "cut off. The largest connected group goes from %(before)s to %(after)s of the network."
        ),
        "error": _("The map could not be loaded."),
        "noTies": _("No tie at this date with these filters."),
        "name": _("Organization"),
        "level": _("Level"),
        "formal": _("Formal"),
        "informal": _("Informal"),
        "partner": _("Partner"),
        "reach1": _("Reached in 1 step"),
        "reach2": _("Reached in 2 steps"),
        "family": _("Family"),
        "keyAnnounce": _("%(name)s, %(sector)s, %(partners)s partners shown. Arrows: partners; Enter: open."),
        "keyCleared": _("No organization selected."),
        "keyNoPartner": _("No partner shown in this direction."),
        "bridging": _("Bridging between groups"),
        "legendGroups": _(
            "Names on the map: groups of organizations tied mostly among themselves. "
            "Lighter lines: ties between two groups."
        ),
        "fullscreen": _("Full screen"),
        "exitFullscreen": _("Leave full screen"),
        "exportName": _("map"),
        "notFound": _("No organization by that name on this map."),
        "legendSize": _(
            "Size: the chosen measure. Thicker lines: higher level. Solid dark lines: formal ties; dashed "
            "lines (lighter lines on large maps): informal ties."
        ),
    }


def page_language() -> str:
    return (get_language() or "fr")[:2]


def dashboard_body(scope: Scope) -> SafeString:
    """The dashboard's content as HTML, cached until the scope's data changes.

    It depends only on the data (whose version also names the networks the reader may see) and the
    language, so one rendering serves every reader; a hit skips both the template and the unpickling of
    the whole dashboard (some 50 ms each for the province of 20,000 organizations).
    """
    language = page_language()
    # Names shown in the heading are not part of the data version: a renamed network is seen at once.
    names = f"{scope.title}:{scope.network.territory if scope.network else ''}"
    key = scope_cache_key("dashboard-html", scope, language, names)
    body = cache.get(key)
    if body is None:
        data = dashboard_data(scope, language=language)
        body = render_to_string(
            "dashboards/_dashboard_body.html",
            {
                "scope": scope,
                "data": data,
                "specs": {f"chart-spec-{chart.key}": chart.spec for chart in data.charts},
                "map_i18n": map_strings(),
                "map_url": scope.url("map_data"),
                "scenario_url": scope.url("scenario"),
                "network_count": scope.networks.count(),
            },
        )
        cache.set(key, body, timeout=VERSIONED_SECONDS)
    return mark_safe(body)  # noqa: S308 — rendered by our own template, with autoescaping
