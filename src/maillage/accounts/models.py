"""Who may do what: a role per user per network, or a read-only view over a territory."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")
    REGIONAL_VIEWER = "regional_viewer", _("Regional viewer")


class Role(models.Model):
    """Coordinator or member of one network, or regional viewer of one territory. Admins are superusers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="maillage_roles"
    )
    kind = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="roles",
    )
    territory = models.ForeignKey(
        "directory.Territory", verbose_name=_("territory"), null=True, blank=True, on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("The organization this person speaks for, if any."),
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="regional_viewer") & Q(territory__isnull=False) & Q(network__isnull=True))
                | (~Q(kind="regional_viewer") & Q(network__isnull=False)),
                name="role_scope_matches_kind",
            ),
            models.UniqueConstraint(fields=["user", "network"], name="one_role_per_network"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()} — {self.network or self.territory}"

    def clean(self) -> None:
        if self.kind == RoleKind.REGIONAL_VIEWER and not self.territory_id:
            raise ValidationError({"territory": _("A regional viewer needs a territory.")})
        if self.kind != RoleKind.REGIONAL_VIEWER and not self.network_id:
            raise ValidationError({"network": _("This role needs a network.")})
