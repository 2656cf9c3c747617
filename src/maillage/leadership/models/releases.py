"""Dated releases of the programme's averages (see `leadership/releases.py` and docs/privacy.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AggregateRelease(models.Model):
    """The averages of one group of leaders as released on one date, frozen until the next release.

    `cells` holds what readers see ({cell key: [n, mean or null, withheld]}); `forms` holds, per block
    of variables, the published averages as keyed hashes of the values they add up (never the values),
    so that later releases can be audited against them.
    """

    group = models.CharField(max_length=200)
    released_on = models.DateField()
    cells = models.JSONField(default=dict)
    forms = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("release of averages")
        verbose_name_plural = _("releases of averages")
        constraints = [
            models.UniqueConstraint(fields=["group", "released_on"], name="one_release_per_group_and_date")
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.released_on}"
