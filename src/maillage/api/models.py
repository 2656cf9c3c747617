"""Personal API tokens: a secret shown once, stored only as its SHA-256 digest."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def digest(secret: str) -> str:
    """The stored form of a token: a leaked database does not hand out working tokens."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What this token is for, e.g. “R notebook”.")
    )
    # The first characters of the secret, kept in clear so that a user can tell their tokens apart.
    prefix = models.CharField(max_length=12, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Optional limits chosen at creation: a date after which the token stops working, and reading only.
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True, editable=False)
    read_only = models.BooleanField(
        _("read only"), default=False, help_text=_("The token may read, never create or change anything.")
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["revoked_at", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        from django.utils import timezone

        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired
