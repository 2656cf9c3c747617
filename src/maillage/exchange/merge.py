"""Merging two organizations that are the same: everything moves to the one kept, and the merge is recorded.

Ties are the delicate part. A tie of the merged organization with the kept one would become a tie with
itself: it is removed and its observations are written into the merge record. A tie with a partner the
kept organization already has a tie with (in the same network) is folded into that tie: its observations
move there, so the history stays whole, and the tie's current state is recomputed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from maillage.directory.models import Organization
from maillage.exchange.models import MergeRecord
from maillage.networks.actions import do_merge_memberships
from maillage.ties.actions import do_merge_ties

HANDLED = {("networks", "membership"), ("ties", "tie")}


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
def do_merge_organizations(kept: Organization, merged: Organization, user=None) -> MergeRecord:
    """Move everything of `merged` onto `kept`, delete `merged`, and record what was done."""
    if kept.pk == merged.pk:
        raise ValidationError(_("An organization cannot be merged with itself."))
    details: dict = {
        "memberships_moved": [], "memberships_joined": [], "ties_moved": [], "ties_folded": [],
        "ties_with_itself_removed": [], "references_moved": {},
        "merged": {"name_fr": merged.name_fr, "name_en": merged.name_en, "sector": merged.sector_id},
    }  # fmt: skip
    do_merge_memberships(kept, merged, details)
    do_merge_ties(kept, merged, details)
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
