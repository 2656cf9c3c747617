"""Keep the search index in step with initiatives and their partners, whoever saves them."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from maillage.initiatives.models import Initiative, InitiativePartner
from maillage.initiatives.search import reindex, unindex


@receiver(post_save, sender=Initiative)
def _initiative_saved(sender, instance: Initiative, raw: bool = False, **kwargs) -> None:
    if not raw:
        reindex(instance)


@receiver(post_delete, sender=Initiative)
def _initiative_deleted(sender, instance: Initiative, **kwargs) -> None:
    unindex(instance.pk)


@receiver([post_save, post_delete], sender=InitiativePartner)
def _partner_changed(sender, instance: InitiativePartner, raw: bool = False, **kwargs) -> None:
    # A cascade from a deleted initiative: the initiative is gone, nothing to reindex.
    if not raw and Initiative.objects.filter(pk=instance.initiative_id).exists():
        reindex(Initiative.objects.select_related("territory").get(pk=instance.initiative_id))
