from __future__ import annotations

import datetime

from django import template

from maillage.directory.history import territories_on
from maillage.directory.models import Territory

register = template.Library()


@register.simple_tag
def territory_on(territory: Territory, on: datetime.date | None) -> list[Territory]:
    """The territories that stood for `territory` on `on`; empty when it is itself (or no date)."""
    if on is None or territory.exists_on(on):
        return []
    return territories_on(territory, on)
