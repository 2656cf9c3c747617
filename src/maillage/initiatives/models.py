"""Initiatives: documented collaborative practices (the observatory's stories), their partners and files."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from maillage.directory.i18n import pick_language
from maillage.directory.models import (
    ActionStrategy,
    MobilizationGoal,
    MobilizationPrinciple,
    Organization,
    Population,
    ReferenceItem,
    Territory,
)
from maillage.networks.models import Network


class Determinant(ReferenceItem):
    """A determinant of health an initiative acts on (lifestyle habits, living environment …)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("determinant of health")
        verbose_name_plural = _("determinants of health")


class SuccessFactor(ReferenceItem):
    """One of the OQRLS's success factors of network work."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("success factor")
        verbose_name_plural = _("success factors")


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    RUNNING = "running", _("Running")
    DOCUMENTED = "documented", _("Documented")
    SCALED = "scaled", _("Scaled elsewhere")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public (observatory site)")
    PRIVATE = "private", _("Private to its networks")


class Outcome(models.TextChoices):
    """The three kinds of service outcomes the OQRLS found in the initiatives it documented."""

    ACCESSIBILITY = "accessibility", _("Accessibility of services")
    CONTINUITY = "continuity", _("Continuity of services")
    OPTIMISATION = "optimisation", _("Optimisation of resources")


def _shown_in(french: str, english: str) -> str:
    """ "fr" or "en": the language `pick_language` shows of a text typed in one or both languages."""
    reader = (get_language() or "fr")[:2]
    if reader == "en":
        return "en" if english or not french else "fr"
    return "fr" if french or not english else "en"


class Initiative(models.Model):
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_fr = models.TextField(_("at a glance (French)"), max_length=1200, blank=True)
    summary_en = models.TextField(_("at a glance (English)"), max_length=1200, blank=True)
    story_fr = models.TextField(_("full story (French)"), max_length=30000, blank=True)
    story_en = models.TextField(_("full story (English)"), max_length=30000, blank=True)
    territory = models.ForeignKey(Territory, verbose_name=_("territory"), on_delete=models.PROTECT)
    networks = models.ManyToManyField(Network, verbose_name=_("networks"), related_name="initiatives")
    populations = models.ManyToManyField(Population, verbose_name=_("target populations"), blank=True)
    strategies = models.ManyToManyField(ActionStrategy, verbose_name=_("action strategies"), blank=True)
    goals = models.ManyToManyField(MobilizationGoal, verbose_name=_("goals served"), blank=True)
    principles = models.ManyToManyField(
        MobilizationPrinciple, verbose_name=_("principles applied"), blank=True
    )
    determinants = models.ManyToManyField(Determinant, verbose_name=_("determinants of health"), blank=True)
    success_factors = models.ManyToManyField(SuccessFactor, verbose_name=_("success factors"), blank=True)
    other_success_factors = models.TextField(_("other success factors"), max_length=3000, blank=True)
    outcomes = models.JSONField(_("outcomes"), default=list, blank=True)
    results = models.TextField(_("results (quantified when possible)"), max_length=5000, blank=True)
    challenges = models.TextField(_("challenges"), max_length=5000, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.RUNNING)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_consent = models.BooleanField(_("the contact person agreed to be shown"), default=False)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    is_example = models.BooleanField(_("example from the source documents"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)
    # Folded, lightly stemmed words (see search.py): what both search backends index.
    search_title = models.TextField(editable=False, default="")
    search_body = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="initiative_dates_in_order",
            ),
            models.CheckConstraint(
                condition=~(models.Q(title_fr="") & models.Q(title_en="")), name="initiative_has_a_title"
            ),
        ]

    @property
    def title(self) -> str:
        return pick_language(self.title_fr, self.title_en)

    @property
    def summary(self) -> str:
        return pick_language(self.summary_fr, self.summary_en)

    @property
    def story(self) -> str:
        return pick_language(self.story_fr, self.story_en)

    @property
    def summary_language(self) -> str:
        """The language the summary is shown in: the reader's, unless it was written in the other one only
        (pages mark it with `lang`, for screen readers)."""
        return _shown_in(self.summary_fr, self.summary_en)

    @property
    def story_language(self) -> str:
        return _shown_in(self.story_fr, self.story_en)

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def shows_contact(self) -> bool:
        """Personal data leaves the record only with the person's consent."""
        return self.contact_consent and bool(self.contact_name or self.contact_email)

    def outcome_labels(self) -> list[str]:
        labels = dict(Outcome.choices)
        return [str(labels[code]) for code in self.outcomes if code in labels]

    def other_factor_list(self) -> list[str]:
        return [line.strip() for line in self.other_success_factors.splitlines() if line.strip()]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not (self.title_fr.strip() or self.title_en.strip()):
            raise ValidationError({"title_fr": _("Give the initiative a title in French or in English.")})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date comes before the start date.")})
        if self.contact_consent and not (self.contact_name or self.contact_email):
            raise ValidationError({"contact_name": _("Give a name or an email for the contact person.")})


class InitiativePartner(models.Model):
    """An organization's part in an initiative: from the directory, or only named when it is not there."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), null=True, blank=True, on_delete=models.CASCADE
    )
    name = models.CharField(_("name (if not in the directory)"), max_length=200, blank=True)
    role = models.CharField(_("role in the initiative"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organization__isnull=False) | ~models.Q(name=""),
                name="initiative_partner_is_named",
            )
        ]

    @property
    def display_name(self) -> str:
        return self.organization.name if self.organization_id else self.name

    def __str__(self) -> str:
        return self.display_name


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is ours: the uploaded name is kept only as a label, never as a path.
    return f"initiatives/{instance.initiative_id}/{instance.kind}-{instance.sha256[:16]}.{instance.kind}"


class Attachment(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    kind = models.CharField(max_length=10, editable=False)  # pdf, png or jpeg: what the bytes say
    size = models.PositiveIntegerField(editable=False, default=0)
    sha256 = models.CharField(max_length=64, editable=False, default="")
    original_name = models.CharField(max_length=255, editable=False, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def content_type(self) -> str:
        return {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}.get(
            self.kind, "application/octet-stream"
        )
