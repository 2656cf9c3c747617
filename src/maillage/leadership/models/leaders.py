"""Leadership development: the framework (pillars and competencies), leaders, self-assessments, activities.

Communities of practice are in `communities.py` of this package.
Self-assessment ratings are personal data: only the person and, with their consent, their coach
read them one by one; everyone else reads aggregates over groups of at least MIN_GROUP people
(see `aggregates.py` and `permissions.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.directory.i18n import BilingualNameMixin, pick_language
from maillage.directory.models import MobilizationGoal, MobilizationPrinciple, Organization
from maillage.networks.models import Network


class Pillar(BilingualNameMixin):
    """One of the four pillars of the leadership development framework."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    description_fr = models.TextField(_("description (French)"), max_length=2000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=2000, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        ordering = ["order", "code"]

    @property
    def description(self) -> str:
        return pick_language(self.description_fr, self.description_en)


class Competency(BilingualNameMixin):
    pillar = models.ForeignKey(
        Pillar, verbose_name=_("pillar"), on_delete=models.PROTECT, related_name="competencies"
    )
    code = models.SlugField(_("code"), max_length=40, unique=True)
    description_fr = models.TextField(_("description (French)"), max_length=2000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=2000, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Retiring a competency keeps the ratings already given on it; it is only left out of new assessments.
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["pillar__order", "order", "code"]

    @property
    def description(self) -> str:
        return pick_language(self.description_fr, self.description_en)

    def clean(self) -> None:
        if not (self.name_fr.strip() or self.name_en.strip()):
            raise ValidationError({"name_fr": _("Give the competency a name in French or in English.")})


class Level(models.IntegerChoices):
    """The self-assessment scale: each level says what the person can do, not how good they are."""

    DISCOVERING = 1, _("1 — Discovering: I am new to this")
    LEARNING = 2, _("2 — Learning: I do it with support")
    PRACTISING = 3, _("3 — Practising: I do it on my own")
    CONFIDENT = 4, _("4 — Confident: I do it well in new situations")
    SHARING = 5, _("5 — Sharing: I help others learn it")


def short_level(value: int) -> str:
    return str(Level(value).label).split(":")[0]


class LeaderProfile(models.Model):
    """A user taking part in the programme, speaking for one organization."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leader_profile"
    )
    # SET_NULL: removing or merging away an organization must not erase a person's self-assessments;
    # the profile form asks for an organization again.
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="leaders",
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coachees",
    )
    coach_consent = models.BooleanField(
        _("my coach may read my self-assessments"),
        default=False,
        help_text=_(
            "Nobody else reads your individual ratings; the programme's team sees only group averages."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("leader profile")
        verbose_name_plural = _("leader profiles")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    def clean(self) -> None:
        if self.coach_id and self.coach_id == self.user_id:
            raise ValidationError({"coach": _("You cannot be your own coach.")})
        if self.coach_consent and not self.coach_id:
            raise ValidationError({"coach_consent": _("Name a coach first.")})


class SelfAssessment(models.Model):
    profile = models.ForeignKey(LeaderProfile, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(_("date"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["assessed_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "assessed_on"], name="one_self_assessment_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.profile} — {self.assessed_on}"


class Rating(models.Model):
    """One competency rated in one self-assessment. Never registered in the admin: it is private."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="ratings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="ratings")
    level = models.PositiveSmallIntegerField(
        choices=Level.choices, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "competency"], name="one_rating_per_competency"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="rating_level_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return str(self.competency)  # never the level: a str() can end up in logs or the admin


class ActivityKind(models.TextChoices):
    TRAINING = "training", _("Training")
    WORKSHOP = "workshop", _("Workshop")
    COACHING = "coaching", _("Coaching session")


class LearningActivity(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    competencies = models.ManyToManyField(
        Competency, verbose_name=_("competencies addressed"), related_name="activities"
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_activities",
        help_text=_("The network that organizes it; leave empty for the programme's own activities."),
    )
    goals = models.ManyToManyField(MobilizationGoal, verbose_name=_("goals served"), blank=True)
    principles = models.ManyToManyField(
        MobilizationPrinciple, verbose_name=_("principles applied"), blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("learning activity")
        verbose_name_plural = _("learning activities")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="activity_dates_in_order",
            ),
            models.CheckConstraint(
                condition=~(models.Q(title_fr="") & models.Q(title_en="")), name="activity_has_a_title"
            ),
        ]

    @property
    def title(self) -> str:
        return pick_language(self.title_fr, self.title_en)

    @property
    def last_day(self):
        return self.end_date or self.start_date

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    activity = models.ForeignKey(LearningActivity, on_delete=models.CASCADE, related_name="participations")
    profile = models.ForeignKey(LeaderProfile, on_delete=models.CASCADE, related_name="participations")
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["activity", "profile"], name="one_participation_per_activity")
        ]

    def __str__(self) -> str:
        return f"{self.profile} — {self.activity}"
