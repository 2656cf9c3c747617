"""One row per change: who created, changed or deleted what, when, and in which network.

Events are written by the signal handlers in `signals.py` for the models listed in `registry.py`; nothing
else writes them, and no page edits them. The network and organization are plain references without a
database constraint: an event must outlive the network or organization it speaks of (deleting a network
must not delete, or blank out, the record of its deletion).
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATED = "created", _("Created")
    CHANGED = "changed", _("Changed")
    DELETED = "deleted", _("Deleted")
    BULK = "bulk", _("Bulk change")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who acted, as text: a user name, "system" for the command line, "survey respondent" for a link.
    actor = models.CharField(_("by"), max_length=150)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    model = models.CharField(_("kind of record"), max_length=100, db_index=True)
    object_id = models.CharField(_("record"), max_length=64, blank=True)
    object_label = models.CharField(_("label"), max_length=200, blank=True)
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    organization_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    # {field: [old, new]} for a change; {field: [null, value]} for a creation; {"counts": {...}} for a bulk.
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["network", "-at"], name="audit_network_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.model} {self.object_label}"

    @property
    def model_name(self) -> str:
        """The record's kind in the reader's language (the stored label survives a renamed model)."""
        try:
            return str(apps.get_model(self.model)._meta.verbose_name)
        except (LookupError, ValueError):
            return self.model

    def change_rows(self) -> list[tuple[str, object, object]]:
        """(field name in the reader's language, old, new) for a change; (kind, "", count) for a bulk."""
        if self.action == Action.BULK:
            return [
                (_bulk_label(key), "", count) for key, count in (self.changes.get("counts") or {}).items()
            ]
        try:
            meta = apps.get_model(self.model)._meta
        except (LookupError, ValueError):
            meta = None
        rows = []
        for name, pair in self.changes.items():
            old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            label = name
            if meta is not None:
                try:
                    label = str(meta.get_field(name).verbose_name)
                except Exception:  # noqa: BLE001 - a field removed since the event keeps its stored name
                    label = name
            rows.append((label, old, new))
        return rows


def _bulk_label(key: str) -> str:
    """ "directory.Organization created" → "organizations — created", in the reader's language."""
    label, _space, action = key.rpartition(" ")
    try:
        name = str(apps.get_model(label)._meta.verbose_name_plural)
    except (LookupError, ValueError):
        return key
    try:
        return f"{name} — {Action(action).label}"
    except ValueError:
        return name
