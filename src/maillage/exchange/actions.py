"""Writes: applying a checked import plan (all or nothing), and merging two organizations."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.audit.bulk import audited_bulk
from maillage.directory.models import Organization
from maillage.directory.search import casefold_unaccented
from maillage.exchange.models import ExternalId, Location
from maillage.exchange.plan import NewTie, Plan
from maillage.networks.actions import do_record_memberships
from maillage.networks.versions import bump_for_organizations
from maillage.ties.actions import ObservationData, PairObservation, do_record_observations
from maillage.ties.models import ObservationSource

BATCH = 2000
Progress = Callable[[int, int], None]


class ImportRefused(Exception):
    """The plan has error rows: nothing is written."""


def _search_text(organization: Organization) -> str:
    # bulk_create skips Organization.save(), which is where the folded search text is normally kept.
    parts = (organization.name_fr, organization.name_en, organization.acronym)
    return casefold_unaccented(" ".join(part for part in parts if part))


def _chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
@audited_bulk(
    "import",
    network=lambda plan, *a, **k: plan.network and plan.network.pk,
    user=lambda plan, user=None, *a, **k: user,
)
def do_apply_plan(plan: Plan, user=None, progress: Progress | None = None) -> dict[str, int]:
    """Write everything the plan holds in one transaction, with bulk statements; refuse if any row is bad.

    `progress(done, total)` is called after each batch (for the CLI's bar and the web's status row).
    """
    if plan.has_errors:
        raise ImportRefused(_("The file has errors: nothing was imported."))
    total, done = plan.writes, 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    now = timezone.now()
    for organization in plan.new_organizations:
        organization.search_text = _search_text(organization)
    for batch in _chunks(plan.new_organizations):
        Organization.objects.bulk_create(batch)
        step(len(batch))
    changed = list(plan.changed_organizations.values())
    for organization in changed:
        organization.search_text, organization.updated_at = _search_text(organization), now
    fields = [
        "name_fr",
        "name_en",
        "acronym",
        "sector",
        "territory",
        "website",
        "description",
        "search_text",
        "updated_at",
    ]
    for batch in _chunks(changed):
        Organization.objects.bulk_update(batch, fields)
        step(len(batch))
    for membership in plan.new_memberships:
        membership.organization_id = membership.organization.pk
    if plan.network is not None and (plan.new_memberships or plan.changed_memberships):
        do_record_memberships(plan.network, plan.new_memberships, plan.changed_memberships, BATCH)
    step(len(plan.new_memberships) + len(plan.changed_memberships))
    _write_ties(plan, user, step)
    # Organizations changed here may sit in other networks, whose numbers show their names and sectors.
    bump_for_organizations([organization.pk for organization in changed])
    for location in plan.locations:
        location.organization_id = location.organization.pk
    for external in plan.external_ids:
        external.organization_id = external.organization.pk
    Location.objects.bulk_create(plan.locations, batch_size=BATCH)
    ExternalId.objects.bulk_create(plan.external_ids, batch_size=BATCH)
    step(len(plan.locations))
    return plan.counts


def _write_ties(plan: Plan, user, step: Callable[[int], None]) -> None:
    """Every observation of the file, through the one write path of the tie history."""
    if not plan.observations:
        return
    rows = []
    for tie, o in plan.observations:
        first, second = (tie.first.pk, tie.second.pk) if isinstance(tie, NewTie) else tie.pair_ids
        data = ObservationData(
            o.observed_on, o.level, o.formality, o.agreement_kind, o.referrals, o.information, o.resources,
            o.joint_projects, ObservationSource.IMPORT, o.note, o.agreement_ends_on,
        )  # fmt: skip
        rows.append(PairObservation(first, second, data))
    do_record_observations(plan.network, rows, user, step)
