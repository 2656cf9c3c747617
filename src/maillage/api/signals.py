"""A new password revokes the API tokens issued before it: whoever took the old one loses the tokens too."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.db.models.signals import pre_save
from django.dispatch import receiver


@receiver(pre_save, sender=get_user_model())
def revoke_tokens_on_password_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if (
        instance.pk is None
        or kwargs.get("raw")
        or (update_fields is not None and "password" not in update_fields)
    ):
        return
    stored = sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is None or stored == instance.password:
        return
    raw = getattr(instance, "_password", None)
    if raw is not None and check_password(raw, stored):
        return  # the same password hashed again (a stronger hasher on sign-in): nothing changed
    from maillage.api.actions import do_revoke_tokens_of

    do_revoke_tokens_of(instance)
