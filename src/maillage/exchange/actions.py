"""Writes: applying a checked import plan (all or nothing), and merging two organizations."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.audit.context import audited_bulk
from maillage.directory.models import Organization
from maillage.directory.search import fold
from maillage.exchange.models import ExternalId, Location
from maillage.exchange.plan import Plan
from maillage.networks.models import Membership
from maillage.ties.models import ObservationSource, Tie, TieObservation

BATCH = 2000
# 13 columns x 500 rows stays under SQLite's limit of 32,766 parameters a statement.
ROWS_PER_INSERT = 500
Progress = Callable[[int, int], None]


class ImportRefused(Exception):
    """The plan has error rows: nothing is written."""


def _search_text(organization: Organization) -> str:
    # bulk_create skips Organization.save(), which is where the folded search text is normally kept.
    parts = (organization.name_fr, organization.name_en, organization.acronym)
    return fold(" ".join(part for part in parts if part))


def _chunks(items: list, size: int = BATCH):  # type: ignore[no-untyped-def]
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
@audited_bulk(
    "import",
    network=lambda plan, *a, **k: plan.network and plan.network.pk,
    user=lambda plan, user=None, *a, **k: user,
)
def do_apply_plan(plan: Plan, user=None, progress: Progress | None = None) -> dict[str, int]:  # type: ignore[no-untyped-def]
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
    for batch in _chunks(plan.new_memberships):
        Membership.objects.bulk_create(batch)
        step(len(batch))
    Membership.objects.bulk_update(
        plan.changed_memberships, ["role", "start_date", "end_date"], batch_size=BATCH
    )
    step(len(plan.changed_memberships))
    _write_ties(plan, user, step)
    for location in plan.locations:
        location.organization_id = location.organization.pk
    for external in plan.external_ids:
        external.organization_id = external.organization.pk
    Location.objects.bulk_create(plan.locations, batch_size=BATCH)
    ExternalId.objects.bulk_create(plan.external_ids, batch_size=BATCH)
    step(len(plan.locations))
    return plan.counts


def _insert(
    model: type[models.Model], columns: list[str], rows: list[tuple], step: Callable[[int], None]
) -> None:
    """Multi-row INSERTs: the ORM's per-object preparation, and one round trip per row on PostgreSQL, are
    most of the cost of 100,000 rows."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    one = f"({', '.join(['%s'] * len(columns))})"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is PostgreSQL's bulk path: no statement to parse, one stream for all rows.
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for batch in _chunks(rows, ROWS_PER_INSERT * 10):
                    for row in batch:
                        copy.write_row(row)
                    step(len(batch))
            return
        for batch in _chunks(rows, ROWS_PER_INSERT):
            sql = f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(batch))}"  # noqa: S608
            cursor.execute(sql, [value for row in batch for value in row])
            step(len(batch))


def _write_ties(plan: Plan, user, step: Callable[[int], None]) -> None:  # type: ignore[no-untyped-def]
    """New ties with their current state set from their observations, then every observation."""
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    latest: dict[int, tuple] = {}
    for tie, observation in plan.observations:
        key = id(tie)
        # Later rows win on the same date, as a later observation (higher id) would.
        if key not in latest or observation.observed_on >= latest[key][1].observed_on:
            latest[key] = (tie, observation)
    new_ties = list(plan.new_ties.values())
    rows = []
    pairs = {}
    for tie in new_ties:
        a, b = sorted((tie.first.pk, tie.second.pk))
        pairs[id(tie)] = (a, b)
        _, current = latest[id(tie)]
        when = ops.adapt_datefield_value(current.observed_on)
        rows.append(
            (a, b, plan.network.pk if plan.network else None, current.level, current.formality, when, now)
        )
    columns = ["organization_a_id", "organization_b_id", "network_id", "current_level", "current_formality"]
    _insert(Tie, [*columns, "current_observed_on", "created_at"], rows, step)
    if new_ties:
        # A pair is unique in a network, so the new ids are read back by pair (no RETURNING needed).
        ties = Tie.objects.filter(network=plan.network) if plan.network else Tie.objects.filter(network=None)
        ids = {(a, b): pk for pk, a, b in ties.values_list("pk", "organization_a_id", "organization_b_id")}
        for tie in new_ties:
            tie.pk = ids[pairs[id(tie)]]
    user_id = user.pk if user is not None else None
    rows = [
        (tie.pk, ops.adapt_datefield_value(o.observed_on), o.level, o.formality, o.agreement_kind,
         o.referrals, o.information, o.resources, o.joint_projects, ObservationSource.IMPORT, o.note, user_id,
         now)
        for tie, o in plan.observations
    ]  # fmt: skip
    columns = ["tie_id", "observed_on", "level", "formality", "agreement_kind", "referrals", "information"]
    columns += ["resources", "joint_projects", "source", "note", "recorded_by_id", "recorded_at"]
    _insert(TieObservation, columns, rows, step)
    # Existing ties move to their new latest observation when it is not older than the current one.
    new_ids = {id(tie) for tie in new_ties}
    moved = []
    for key, (tie, observation) in latest.items():
        if key in new_ids or (tie.current_observed_on and observation.observed_on < tie.current_observed_on):
            continue
        tie.current_level, tie.current_formality = observation.level, observation.formality
        tie.current_observed_on = observation.observed_on
        moved.append(tie)
    Tie.objects.bulk_update(
        moved, ["current_level", "current_formality", "current_observed_on"], batch_size=BATCH
    )
