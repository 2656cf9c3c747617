"""The directory: territories, sectors, populations, action strategies and organizations."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from maillage.directory.i18n import BilingualNameMixin


class TerritoryKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    REGION = "region", _("Health region")
    CISSS = "cisss", _("CISSS / CIUSSS")
    CSSS = "csss", _("CSSS (2004–2015)")
    RLS = "rls", _("Local service network (RLS)")
    COMMUNITY = "community", _("Local community / neighbourhood")


# Which kinds may sit under which: the hierarchy province > region > CISSS > RLS > community.
# CSSS territories (before the 2015 reform) sit beside CISSS ones under a region.
ALLOWED_PARENT_KINDS: dict[str, set[str]] = {
    TerritoryKind.PROVINCE: set(),
    TerritoryKind.REGION: {TerritoryKind.PROVINCE},
    TerritoryKind.CISSS: {TerritoryKind.REGION},
    TerritoryKind.CSSS: {TerritoryKind.REGION},
    TerritoryKind.RLS: {TerritoryKind.CISSS, TerritoryKind.CSSS, TerritoryKind.REGION},
    TerritoryKind.COMMUNITY: {TerritoryKind.RLS, TerritoryKind.CISSS, TerritoryKind.REGION},
}


class Territory(BilingualNameMixin):
    kind = models.CharField(_("kind"), max_length=20, choices=TerritoryKind.choices)
    code = models.CharField(_("code"), max_length=40, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent territory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of ancestor ids ("/1/4/17/"), so "everything inside this territory" is one indexed
    # prefix query instead of a recursive walk.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    # Institutions change with reforms (92 CSSS from 2004 to 2015, then 22 CISSS/CIUSSS): a territory has
    # the dates it existed, and its successors say what replaced it (see TerritorySuccession).
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="territory_dates_in_order",
            ),
        ]

    def exists_on(self, on: datetime.date) -> bool:
        return (self.start_date is None or self.start_date <= on) and (
            self.end_date is None or self.end_date >= on
        )

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date comes before the start date.")})
        if self.parent_id is None:
            if self.kind != TerritoryKind.PROVINCE:
                raise ValidationError({"parent": _("Only a province may have no parent territory.")})
            return
        if self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A territory cannot be its own parent.")})
        parent = self.parent
        if self.pk and f"/{self.pk}/" in parent.path:
            raise ValidationError(
                {"parent": _("A territory cannot sit inside one of its own sub-territories.")}
            )
        if parent.kind not in ALLOWED_PARENT_KINDS[self.kind]:
            raise ValidationError(
                {
                    "parent": _("A %(kind)s cannot sit under a %(parent)s.")
                    % {"kind": self.get_kind_display(), "parent": parent.get_kind_display()}
                }
            )

    def save(self, *args, **kwargs) -> None:
        old_path = self.path
        super().save(*args, **kwargs)
        new_path = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
        if new_path != old_path:
            Territory.objects.filter(pk=self.pk).update(path=new_path)
            self.path = new_path
            if old_path:
                # Moving a territory moves its whole subtree.
                for child in Territory.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.path = new_path + child.path[len(old_path) :]
                    Territory.objects.filter(pk=child.pk).update(path=child.path)

    def subtree(self) -> models.QuerySet[Territory]:
        return Territory.objects.filter(path__startswith=self.path)

    def ancestors(self) -> list[Territory]:
        ids = [int(part) for part in self.path.strip("/").split("/") if part][:-1]
        by_id = Territory.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]


class TerritorySuccession(models.Model):
    """One line of an official correspondence: `predecessor` was replaced (in whole or in part) by
    `successor` on `date` — e.g. each CSSS by its CISSS or CIUSSS on 1 April 2015."""

    predecessor = models.ForeignKey(
        Territory, verbose_name=_("predecessor"), on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        Territory, verbose_name=_("successor"), on_delete=models.CASCADE, related_name="precedents"
    )
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("territory succession")
        verbose_name_plural = _("territory successions")
        ordering = ["date", "predecessor_id", "successor_id"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="one_succession_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")), name="succession_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.date})"


class SectorFamily(models.TextChoices):
    PUBLIC = "public", _("Public institution")
    COMMUNITY = "community", _("Community and civil society")
    PRIVATE = "private", _("Private")
    OTHER = "other", _("Other")


class ReferenceItem(BilingualNameMixin):
    """An entry of a reference list: a stable code, names in both languages, a display order."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "code"]


class Sector(ReferenceItem):
    family = models.CharField(_("family"), max_length=20, choices=SectorFamily.choices)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class Population(ReferenceItem):
    """A target population (seniors, youth, children, families, caregivers ...)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("population")
        verbose_name_plural = _("populations")


class ActionStrategy(ReferenceItem):
    """One of the action strategies of the Community Mobilization Model."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("action strategy")
        verbose_name_plural = _("action strategies")


class MobilizationGoal(ReferenceItem):
    """One of the two goals of CHSSN's Community Mobilization Model."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("goal of the Community Mobilization Model")
        verbose_name_plural = _("goals of the Community Mobilization Model")


class MobilizationPrinciple(ReferenceItem):
    """One of the six principles of the Community Mobilization Model."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("principle of the Community Mobilization Model")
        verbose_name_plural = _("principles of the Community Mobilization Model")


class MobilizationValue(ReferenceItem):
    """One of the three values of the Community Mobilization Model."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("value of the Community Mobilization Model")
        verbose_name_plural = _("values of the Community Mobilization Model")


class ServiceLanguage(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other languages")


class Organization(models.Model):
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), on_delete=models.PROTECT)
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), null=True, blank=True, on_delete=models.PROTECT
    )
    languages = models.JSONField(_("languages of service"), default=list, blank=True)
    populations = models.ManyToManyField(Population, verbose_name=_("populations served"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="branches",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    active = models.BooleanField(_("active"), default=True)
    # Accent- and case-folded names, kept in sync on save, so search is accent-insensitive on SQLite
    # and PostgreSQL alike without extensions.
    search_text = models.TextField(editable=False, default="", db_index=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = [Lower("name_fr"), "id"]
        # The lists' order: a page of 25 reads the index instead of sorting the whole directory each time.
        # The second index serves the usual list, active organizations only; name_fr as a last key lets
        # PostgreSQL find a deep page's keys from the index alone (see listing.rows_slice).
        indexes = [
            models.Index(Lower("name_fr"), models.F("id"), name="organization_name_order"),
            models.Index(
                Lower("name_fr"),
                models.F("id"),
                models.F("name_fr"),
                name="organization_active_order",
                condition=models.Q(active=True),
            ),
            # Counting the active directory (every list page, the home page) reads this small index alone.
            models.Index(fields=["id"], condition=models.Q(active=True), name="organization_active"),
            # Every dashboard's data version reads the latest edit: one index entry instead of a scan.
            models.Index(fields=["updated_at"], name="organization_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(name_fr="") & models.Q(name_en="")), name="organization_has_a_name"
            ),
        ]

    @property
    def name(self) -> str:
        from maillage.directory.i18n import pick_language

        return pick_language(self.name_fr, self.name_en)

    def __str__(self) -> str:
        return self.name

    @property
    def language_names(self) -> str:
        """The languages of service in the reader's language ("French, Other languages"), not their codes."""
        labels = dict(ServiceLanguage.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.languages or [])

    def clean(self) -> None:
        if not (self.name_fr.strip() or self.name_en.strip()):
            raise ValidationError({"name_fr": _("Give the organization a name in French or in English.")})
        if self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An organization cannot be its own parent.")})
        unknown = set(self.languages or []) - set(ServiceLanguage.values)
        if unknown:
            raise ValidationError({"languages": _("Unknown language of service.")})

    def save(self, *args, **kwargs) -> None:
        from maillage.directory.search import casefold_unaccented
        from maillage.directory.text import strip_invisible

        # Invisible and bidirectional control characters make twins nobody can tell apart (text.py).
        self.name_fr, self.name_en = strip_invisible(self.name_fr), strip_invisible(self.name_en)
        self.acronym = strip_invisible(self.acronym)
        self.search_text = casefold_unaccented(
            " ".join(part for part in (self.name_fr, self.name_en, self.acronym) if part)
        )
        super().save(*args, **kwargs)


class Contact(models.Model):
    """A person to reach at an organization. Personal data lives only here, and only what is needed."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="contacts")
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class Stewardship(models.Model):
    """A network whose coordinators may edit an organization (and read its contacts) while it is a
    current member there, confirmed by someone who already could (docs/roles.md).

    The network an organization joined first needs no row: its coordinators brought it in. A network
    that adds an organization already elsewhere gains nothing over it until a coordinator of one of its
    other current networks, or an administrator, confirms here.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="stewardships")
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    confirmed_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("network allowed to edit")
        verbose_name_plural = _("networks allowed to edit")
        constraints = [
            models.UniqueConstraint(fields=["organization", "network"], name="one_stewardship_per_network")
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.network}"
