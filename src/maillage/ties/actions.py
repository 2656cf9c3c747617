"""The one write path of ties and their observations.

The web forms, the API, the survey close, imports, merges and the demo all record observations through
`do_record_observations`: the rows are checked first (nothing is written if one is bad), written in one
transaction (multi-row inserts, COPY on PostgreSQL, for large batches), each tie's current state is
refreshed by one rule (`ties.bulk.refresh_current`), and the network's data version is raised.
Observations are never changed once written (a database trigger refuses it): a correction is a new
observation.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.audit.bulk import record_bulk
from maillage.audit.context import current_bulk
from maillage.directory.models import Organization
from maillage.networks.models import Network
from maillage.networks.versions import bump
from maillage.ties.bulk import IDS_PER_STATEMENT, chunks, insert_rows, refresh_current
from maillage.ties.models import AgreementKind, Formality, Level, ObservationSource, Tie, TieObservation

# The allowed values as plain sets: the choices' `.values` build a new list at every call, and a 100,000-row
# import checks each row.
LEVELS = frozenset(Level.values)
FORMALITIES = frozenset(Formality.values)
AGREEMENT_KINDS = frozenset(AgreementKind.values)
SOURCES = frozenset(ObservationSource.values)
FORMAL = str(Formality.FORMAL)

# Up to this many rows a write is an edit: rows are saved one by one so the audit trail records each.
# Above it, rows go in multi-row inserts and the trail records one summary.
EDIT_ROWS = 50


class ObservationData(NamedTuple):
    """What one observation says (a named tuple: an import builds 100,000 of them)."""

    observed_on: datetime.date
    level: int
    formality: str = Formality.INFORMAL
    agreement_kind: str = ""
    referrals: bool = False
    information: bool = False
    resources: bool = False
    joint_projects: bool = False
    source: str = ObservationSource.MANUAL
    note: str = ""
    agreement_ends_on: datetime.date | None = None


class PairObservation(NamedTuple):
    """One observation of the pair (first, second), given by organization ids in either order."""

    first: int
    second: int
    data: ObservationData


@dataclass
class Recorded:
    observations: int = 0
    new_ties: int = 0
    # pair (smaller id first) -> tie id, and -> the id of the last observation written for it here
    ties: dict[tuple[int, int], int] = field(default_factory=dict)
    latest: dict[tuple[int, int], int] = field(default_factory=dict)


def ordered_pair(first: Organization, second: Organization) -> tuple[Organization, Organization]:
    if first.pk == second.pk:
        raise ValidationError({"organization_b": _("An organization cannot have a tie with itself.")})
    return (first, second) if first.pk < second.pk else (second, first)


def find_tie(first: Organization, second: Organization, network: Network | None) -> Tie | None:
    a, b = ordered_pair(first, second)
    return Tie.objects.filter(organization_a=a, organization_b=b, network=network).first()


def check_observation(data: ObservationData) -> str | None:
    """What is wrong with an observation, in the user's language, or None."""
    if data.observed_on is None:
        return _("The observation needs a date.")
    if data.level not in LEVELS:
        return _("Unknown level on the collaboration scale.")
    if data.formality not in FORMALITIES:
        return _("Unknown formality.")
    if data.agreement_kind and data.agreement_kind not in AGREEMENT_KINDS:
        return _("Unknown kind of agreement.")
    if data.agreement_kind and data.formality != FORMAL:
        return _("Only a formal tie has a kind of agreement.")
    if data.agreement_ends_on and data.formality != FORMAL:
        return _("Only a formal tie has an agreement that ends.")
    if data.source not in SOURCES:
        return _("Unknown source.")
    if len(data.note) > 500:
        return _("The note is longer than 500 characters.")
    return None


def _checked(rows: Sequence[PairObservation]) -> list[tuple[tuple[int, int], ObservationData]]:
    checked = []
    for number, row in enumerate(rows, start=1):
        if row.first == row.second:
            problem: str | None = _("An organization cannot have a tie with itself.")
        else:
            problem = check_observation(row.data)
        if problem is not None:
            prefix = _("Observation %(number)d: ") % {"number": number} if len(rows) > 1 else ""
            raise ValidationError(prefix + problem)
        checked.append(((min(row.first, row.second), max(row.first, row.second)), row.data))
    return checked


def _existing_ties(network: Network | None, pairs: set[tuple[int, int]]) -> dict[tuple[int, int], int]:
    ties = Tie.objects.filter(network=network) if network is not None else Tie.objects.filter(network=None)
    if len(pairs) <= EDIT_ROWS:
        ties = ties.filter(organization_a__in={a for a, _ in pairs}, organization_b__in={b for _, b in pairs})
    rows = ties.values_list("organization_a_id", "organization_b_id", "pk")
    return {(a, b): pk for a, b, pk in rows if (a, b) in pairs}


@transaction.atomic
def do_record_observations(
    network: Network | None,
    rows: Sequence[PairObservation],
    user: User | None = None,
    step: Callable[[int], None] | None = None,
    *,
    want_ids: bool = False,
) -> Recorded:
    """Record dated observations of pairs in a network, creating the ties that do not exist yet.

    All or nothing: a bad row raises `ValidationError` naming it before anything is written. Rows of the
    same pair and date keep their order: the later one is the one in force (as a later correction is).
    `want_ids` fills `Recorded.latest` (the id of each pair's last observation written) for large batches
    too; small ones always have it.
    """
    checked = _checked(rows)
    pairs = {pair for pair, _ in checked}
    result = Recorded(observations=len(checked))
    result.ties = _existing_ties(network, pairs)
    missing = sorted(pairs - result.ties.keys())
    result.new_ties = len(missing)
    small = len(checked) <= EDIT_ROWS and current_bulk() is None
    _create_ties(network, missing, result.ties, small, step, latest_in_batch(checked))
    user_id = user.pk if user is not None and user.pk else None
    if small:
        for pair, data in checked:
            observation = TieObservation(tie_id=result.ties[pair], recorded_by_id=user_id, **data._asdict())
            observation.save()
            result.latest[pair] = observation.pk
    else:
        _insert_observations(checked, result, user_id, step, want_ids)
    # A tie created in bulk here has all its observations in this batch: its state was written with it.
    created_in_bulk = set() if small else set(missing)
    refresh_current([result.ties[pair] for pair in pairs if pair not in created_in_bulk])
    bump([network.pk if network is not None else None])
    return result


def latest_in_batch(
    checked: list[tuple[tuple[int, int], ObservationData]],
) -> dict[tuple[int, int], ObservationData]:
    """Each pair's observation in force among these rows: the latest date, then the last row (recorded last).

    This is `ties.bulk.refresh_current`'s rule applied to rows not written yet: a tie created by the batch
    has all its observations in it, so its current state is written with the tie rather than updated after
    (100,000 updates cost PostgreSQL seconds). A test checks that the two give the same state.
    """
    latest: dict[tuple[int, int], ObservationData] = {}
    for pair, data in checked:
        held = latest.get(pair)
        if held is None or data.observed_on >= held.observed_on:
            latest[pair] = data
    return latest


def _create_ties(
    network: Network | None,
    missing: list[tuple[int, int]],
    ties: dict[tuple[int, int], int],
    small: bool,
    step: Callable[[int], None] | None,
    latest: dict[tuple[int, int], ObservationData],
) -> None:
    network_id = network.pk if network is not None else None
    if small:
        for a, b in missing:
            ties[(a, b)] = Tie.objects.create(
                organization_a_id=a, organization_b_id=b, network_id=network_id
            ).pk
        return
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    rows = [
        (a, b, network_id, latest[(a, b)].level, str(latest[(a, b)].formality),
         ops.adapt_datefield_value(latest[(a, b)].observed_on), now)
        for a, b in missing
    ]  # fmt: skip
    columns = ["organization_a_id", "organization_b_id", "network_id", "current_level", "current_formality"]
    insert_rows(Tie, [*columns, "current_observed_on", "created_at"], rows, step)
    if current_bulk() is None:
        record_bulk(Tie, len(rows))
    # A pair is unique in a network, so the new ids are read back by pair (no RETURNING needed).
    ties.update(_existing_ties(network, set(missing)))


def _insert_observations(
    checked: list[tuple[tuple[int, int], ObservationData]],
    result: Recorded,
    user_id: int | None,
    step: Callable[[int], None] | None,
    want_ids: bool,
) -> None:
    ops = connection.ops
    moment = timezone.now()
    now = ops.adapt_datetimefield_value(moment)
    rows = [
        (result.ties[pair], ops.adapt_datefield_value(o.observed_on), o.level, o.formality, o.agreement_kind,
         o.referrals, o.information, o.resources, o.joint_projects, o.source, o.note, user_id, now,
         ops.adapt_datefield_value(o.agreement_ends_on))
        for pair, o in checked
    ]  # fmt: skip
    columns = ["tie_id", "observed_on", "level", "formality", "agreement_kind", "referrals", "information"]
    columns += ["resources", "joint_projects", "source", "note", "recorded_by_id", "recorded_at"]
    columns += ["agreement_ends_on"]
    insert_rows(TieObservation, columns, rows, step)
    if current_bulk() is None:
        record_bulk(TieObservation, len(rows))
    if not want_ids:
        return
    pair_of = {tie: pair for pair, tie in result.ties.items()}
    for batch in chunks(sorted(pair_of), IDS_PER_STATEMENT):
        written = TieObservation.objects.filter(recorded_at=moment, tie_id__in=batch).order_by("id")
        for pk, tie_id in written.values_list("pk", "tie_id"):
            result.latest[pair_of[tie_id]] = pk


def do_create_tie(
    first: Organization,
    second: Organization,
    network: Network | None,
    data: ObservationData,
    user: User | None = None,
) -> Tie:
    """Create a tie with its first observation. A pair is stored once per network."""
    a, b = ordered_pair(first, second)
    if Tie.objects.filter(organization_a=a, organization_b=b, network=network).exists():
        raise ValidationError(
            {
                "organization_b": _(
                    "These two organizations already have a tie in this network: add an observation to it."
                )
            }
        )
    recorded = do_record_observations(network, [PairObservation(a.pk, b.pk, data)], user)
    return Tie.objects.get(pk=recorded.ties[(a.pk, b.pk)])


def do_observe(tie: Tie, data: ObservationData, user: User | None = None) -> TieObservation:
    """Add a dated observation to a tie; its current state follows the latest one."""
    pair = PairObservation(tie.organization_a_id, tie.organization_b_id, data)
    recorded = do_record_observations(tie.network, [pair], user)
    tie.refresh_from_db(fields=["current_level", "current_formality", "current_observed_on"])
    return TieObservation.objects.get(pk=recorded.latest[(tie.organization_a_id, tie.organization_b_id)])


@transaction.atomic
def do_merge_ties(kept: Organization, merged: Organization, details: dict[str, Any]) -> None:
    """Move `merged`'s ties to `kept` (a merge of two organizations that are one).

    A tie between the two would become a tie with itself: it is removed and its observations are kept in
    the merge record. A tie with a partner `kept` already has a tie with (in the same network) is folded
    into that tie: its observations move there, unchanged, so the history stays whole.
    """
    touched_ties, networks = set(), set()
    for tie in Tie.objects.filter(Q(organization_a=merged) | Q(organization_b=merged)):
        networks.add(tie.network_id)
        other_id = tie.organization_b_id if tie.organization_a_id == merged.pk else tie.organization_a_id
        if other_id == kept.pk:
            observations = list(tie.observations.values("observed_on", "level", "formality", "note"))
            for observation in observations:
                observation["observed_on"] = observation["observed_on"].isoformat()
            details["ties_with_itself_removed"].append(
                {"network": tie.network_id, "observations": observations}
            )
            tie.delete()
            continue
        a, b = sorted((kept.pk, other_id))
        existing = Tie.objects.filter(
            organization_a_id=a, organization_b_id=b, network=tie.network_id
        ).first()
        if existing is None:
            Tie.objects.filter(pk=tie.pk).update(organization_a_id=a, organization_b_id=b)
            details["ties_moved"].append(tie.pk)
            continue
        moved = TieObservation.objects.filter(tie=tie).update(tie=existing)
        tie.delete()
        touched_ties.add(existing.pk)
        details["ties_folded"].append({"into": existing.pk, "observations": moved})
    refresh_current(sorted(touched_ties))
    bump(networks)
