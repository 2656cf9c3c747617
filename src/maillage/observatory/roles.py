"""The brokerage roles of an organization (Gould and Fernandez) as the map and the report name them."""

from __future__ import annotations

from django.utils.translation import gettext as _

BROKER_ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]


def broker_labels() -> dict[str, str]:
    """Each role's name in the reader's language, in the order of `BROKER_ROLES`."""
    return {
        "coordinator": _("Coordinator (broker inside its sector)"),
        "itinerant": _("Itinerant (links two partners of another sector)"),
        "representative": _("Representative (speaks for its sector)"),
        "gatekeeper": _("Gatekeeper (lets others into its sector)"),
        "liaison": _("Liaison (links two other sectors)"),
    }
