"""Writes of the directory that are more than a form's save."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from maillage.directory.models import Organization, Stewardship


def do_confirm_stewardship(organization: Organization, network_id: int, user: Any) -> Stewardship:
    """Let the coordinators of `network_id` edit `organization` (the caller checked who may confirm)."""
    with transaction.atomic():
        stewardship, _created = Stewardship.objects.get_or_create(
            organization=organization, network_id=network_id, defaults={"confirmed_by": user}
        )
    return stewardship
