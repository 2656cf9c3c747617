"""Import jobs, remembered header mappings, organization locations (HSDS) and merge records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.directory.models import Organization, Territory
from maillage.networks.models import Network


class ImportKind(models.TextChoices):
    ORGANIZATIONS = "organizations", _("Organizations")
    MEMBERSHIPS = "memberships", _("Memberships")
    TIES = "ties", _("Ties")
    HSDS = "hsds", _("Open Referral HSDS")
    GRAPHML = "graphml", _("GraphML (Gephi, yEd …)")
    GEXF = "gexf", _("GEXF (Gephi, Kumu …)")


class JobState(models.TextChoices):
    READING = "reading", _("Reading the columns")
    UPLOADED = "uploaded", _("Uploaded")
    CHECKING = "checking", _("Checking")
    CHECKED = "checked", _("Checked (dry run)")
    APPLYING = "applying", _("Applying")
    APPLIED = "applied", _("Applied")
    FAILED = "failed", _("Failed")


def job_path(job: ImportJob, filename: str) -> str:
    return f"imports/{job.network_id or 'all'}/{filename[-80:]}"


class ImportJob(models.Model):
    """One uploaded file on its way through mapping, dry run and apply.

    The report is kept as JSON (a list of rows) so the dry-run page can be paginated without re-reading
    the file, and so the result of an apply stays visible afterwards.
    """

    network = models.ForeignKey(
        Network, verbose_name=_("network"), null=True, blank=True, on_delete=models.CASCADE
    )
    kind = models.CharField(_("kind of data"), max_length=20, choices=ImportKind.choices)
    file = models.FileField(_("file"), upload_to=job_path, max_length=300)
    filename = models.CharField(max_length=200, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    # What the mapping form offers, read from the file by the worker: {"headers": […]} for a table,
    # {"node_attributes", "edge_attributes", "initial"} for a graph.
    columns = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=20, choices=JobState.choices, default=JobState.UPLOADED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=list, blank=True)
    message = models.CharField(max_length=500, blank=True)
    # Notes about the whole file (columns ignored, edges merged, values matched …), in the report's language.
    notes = models.JSONField(default=list, blank=True)
    # Distinct values nobody recognised (sector, territory, level, role) and the match proposed for each.
    unknown_values = models.JSONField(default=list, blank=True)
    # The report is written in the language of the person who uploaded, even by a background worker.
    language = models.CharField(max_length=8, default="fr")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.filename}"

    @property
    def running(self) -> bool:
        return self.state in {JobState.READING, JobState.CHECKING, JobState.APPLYING}

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


class HeaderMapping(models.Model):
    """A column header a network's files use, and the field it means: asked once, remembered."""

    network = models.ForeignKey(Network, null=True, blank=True, on_delete=models.CASCADE)
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    header = models.CharField(max_length=200)  # folded: case, accents and punctuation ignored
    field = models.CharField(max_length=40)  # "" means "ignore this column"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "kind", "header"], name="one_mapping_per_header"),
        ]

    def __str__(self) -> str:
        return f"{self.header} → {self.field or '-'}"


class ValueMapping(models.Model):
    """A value a network's files use for a sector, territory, level or role, and the code it means."""

    network = models.ForeignKey(Network, null=True, blank=True, on_delete=models.CASCADE)
    field = models.CharField(max_length=20)  # sector, territory, level, role
    value = models.CharField(max_length=200)  # folded: case, accents and punctuation ignored
    target = models.CharField(max_length=60)  # the code (or level number) it means

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "field", "value"], name="one_mapping_per_value"),
        ]

    def __str__(self) -> str:
        return f"{self.field}: {self.value} → {self.target}"


class Location(models.Model):
    """Where an organization offers services, as HSDS describes it (the directory itself has no address)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="locations")
    external_id = models.CharField(max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    address_1 = models.CharField(_("address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state_province = models.CharField(_("province"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    territory = models.ForeignKey(Territory, null=True, blank=True, on_delete=models.SET_NULL)
    # HSDS kinds (physical, postal, virtual) and the address's own id, kept so an export gives them back.
    location_type = models.CharField(max_length=10, default="physical")
    address_type = models.CharField(max_length=10, default="physical")
    address_external_id = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["organization_id", "id"]

    def __str__(self) -> str:
        return ", ".join(part for part in (self.name, self.address_1, self.city) if part)


class ExternalId(models.Model):
    """An organization's identifier in another system (an HSDS directory), so a second import matches it."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="external_ids")
    scheme = models.CharField(max_length=20)
    value = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scheme", "value"], name="one_external_id")]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"


class MergeRecord(models.Model):
    """What a merge did: which organization disappeared into which, and what moved. Never deleted."""

    kept = models.ForeignKey(
        Organization, null=True, on_delete=models.SET_NULL, related_name="merges_received"
    )
    merged_id = models.PositiveIntegerField()
    merged_name = models.CharField(max_length=200)
    details = models.JSONField(default=dict)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("merge of organizations")
        verbose_name_plural = _("merges of organizations")
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.merged_name} → {self.kept}"
