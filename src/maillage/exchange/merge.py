"""Merging two organizations that are the same: everything moves to the one kept, and the merge is recorded.

Ties are the delicate part. A tie of the merged organization with the kept one would become a tie with
itself: it is removed and its observations are written into the merge record. A tie with a partner the
kept organization already has a tie with (in the same network) is folded into that tie: its observations
move there, so the history stays whole, and the tie's current state is recomputed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from maillage.directory.models import Organization
from maillage.exchange.models import MergeRecord
from maillage.networks.models import Membership
from maillage.ties.models import Tie, TieObservation

HANDLED = {("networks", "membership"), ("ties", "tie")}


def _merge_memberships(kept: Organization, merged: Organization, details: dict) -> None:
    mine = {m.network_id: m for m in Membership.objects.filter(organization=kept)}
    for membership in Membership.objects.filter(organization=merged):
        twin = mine.get(membership.network_id)
        if twin is None:
            membership.organization = kept
            membership.save(update_fields=["organization"])
            details["memberships_moved"].append(membership.network_id)
            continue
        # Both sat in the network: keep one seat covering both periods.
        starts = [d for d in (twin.start_date, membership.start_date) if d]
        twin.start_date = min(starts) if starts else None
        twin.end_date = (
            None if not (twin.end_date and membership.end_date) else max(twin.end_date, membership.end_date)
        )
        twin.save(update_fields=["start_date", "end_date"])
        membership.delete()
        details["memberships_joined"].append(membership.network_id)


def _refresh_current(tie: Tie) -> None:
    latest = tie.observations.order_by("-observed_on", "-id").first()
    if latest is not None:
        Tie.objects.filter(pk=tie.pk).update(
            current_level=latest.level,
            current_formality=latest.formality,
            current_observed_on=latest.observed_on,
        )


def _merge_ties(kept: Organization, merged: Organization, details: dict) -> None:
    for tie in Tie.objects.filter(Q(organization_a=merged) | Q(organization_b=merged)):
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
        _refresh_current(existing)
        details["ties_folded"].append({"into": existing.pk, "observations": moved})


def _move_other_references(kept: Organization, merged: Organization, details: dict) -> None:
    """Every other row pointing at the merged organization (contacts, invitations, lead of a network …)."""
    for relation in Organization._meta.related_objects:
        model = relation.related_model
        if (model._meta.app_label, model._meta.model_name) in HANDLED:
            continue
        if relation.many_to_many:
            continue
        try:
            with transaction.atomic():
                count = model._default_manager.filter(**{relation.field.name: merged}).update(
                    **{relation.field.name: kept}
                )
        except IntegrityError:
            raise ValidationError(
                _("Both organizations have a %(thing)s that cannot be combined: resolve it first.")
                % {"thing": model._meta.verbose_name}
            ) from None
        if count:
            details["references_moved"][f"{model._meta.label_lower}.{relation.field.name}"] = count
    kept.populations.add(*merged.populations.all())
    for field in Organization._meta.many_to_many:
        if field.name != "populations":
            getattr(kept, field.name).add(*getattr(merged, field.name).all())


@transaction.atomic
def do_merge_organizations(kept: Organization, merged: Organization, user=None) -> MergeRecord:  # type: ignore[no-untyped-def]
    """Move everything of `merged` onto `kept`, delete `merged`, and record what was done."""
    if kept.pk == merged.pk:
        raise ValidationError(_("An organization cannot be merged with itself."))
    details: dict = {
        "memberships_moved": [], "memberships_joined": [], "ties_moved": [], "ties_folded": [],
        "ties_with_itself_removed": [], "references_moved": {},
        "merged": {"name_fr": merged.name_fr, "name_en": merged.name_en, "sector": merged.sector_id},
    }  # fmt: skip
    _merge_memberships(kept, merged, details)
    _merge_ties(kept, merged, details)
    _move_other_references(kept, merged, details)
    kept.refresh_from_db()
    if kept.parent_id in (kept.pk, merged.pk):
        kept.parent_id = None
    for field in ("name_en", "name_fr", "acronym", "website", "description"):
        if not getattr(kept, field) and getattr(merged, field):
            setattr(kept, field, getattr(merged, field))
    if kept.territory_id is None:
        kept.territory_id = merged.territory_id
    kept.save()
    record = MergeRecord.objects.create(
        kept=kept, merged_id=merged.pk, merged_name=merged.name[:200], details=details, merged_by=user
    )
    merged.delete()
    return record
