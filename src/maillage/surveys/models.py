"""Partner surveys: instruments as data, waves, invitations answered through a link, responses, ratings.

An instrument is a list of questions stored as rows, so its wording can be corrected without losing the
answers: answers are keyed by the question's stable `code`, never by its text. A wave is one survey of a
network's members at a date; each member organization gets an invitation with an unguessable token.
Closing a wave turns the relational answers into dated tie observations and directed `Rating`s.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maillage.directory.i18n import pick_language
from maillage.directory.models import Organization, ReferenceItem
from maillage.formatting import day
from maillage.networks.models import Network
from maillage.ties.models import Formality, Level, TieObservation

# The six 1–4 ratings a respondent gives each partner (after the PARTNER tool), in the analysis core's names.
TRUST_FIELDS = ("reliability", "mission_alignment", "openness")
VALUE_FIELDS = ("power_influence", "involvement", "resource_contribution")
RATING_FIELDS = TRUST_FIELDS + VALUE_FIELDS
FLOW_FIELDS = ("referrals", "information", "resources", "joint_projects")


class InstrumentKind(models.TextChoices):
    RELATIONAL = "relational", _("Relational")
    IMPACT = "impact", _("Impact")
    FACTORS = "factors", _("Collaboration factors")


class Instrument(ReferenceItem):
    """A built-in questionnaire (loaded by a data migration)."""

    kind = models.CharField(_("kind"), max_length=20, choices=InstrumentKind.choices)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale")


class QuestionScope(models.TextChoices):
    RESPONDENT = "respondent", _("Once per respondent")
    PARTNER = "partner", _("Once per partner")


class Question(models.Model):
    """One item of a built-in instrument, or a coordinator's own question added to one wave."""

    instrument = models.ForeignKey(
        Instrument, null=True, blank=True, on_delete=models.CASCADE, related_name="questions"
    )
    wave = models.ForeignKey(
        "surveys.Wave", null=True, blank=True, on_delete=models.CASCADE, related_name="custom_questions"
    )
    code = models.SlugField(_("code"), max_length=60)
    scope = models.CharField(max_length=12, choices=QuestionScope.choices, default=QuestionScope.RESPONDENT)
    kind = models.CharField(_("kind of question"), max_length=10, choices=QuestionKind.choices)
    text_fr = models.CharField(_("question (French)"), max_length=500, blank=True)
    text_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    help_fr = models.CharField(max_length=500, blank=True)
    help_en = models.CharField(max_length=500, blank=True)
    # [{"code": "...", "fr": "...", "en": "..."}]; for a scale, optional labels of its points.
    choices = models.JSONField(default=list, blank=True)
    scale_min = models.PositiveSmallIntegerField(default=1)
    scale_max = models.PositiveSmallIntegerField(default=5)
    with_comment = models.BooleanField(default=False)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(instrument__isnull=True) ^ Q(wave__isnull=True), name="question_in_one_place"
            ),
            models.UniqueConstraint(fields=["instrument", "code"], name="question_code_per_instrument"),
            models.UniqueConstraint(fields=["wave", "code"], name="question_code_per_wave"),
            models.CheckConstraint(condition=Q(scale_min__lt=models.F("scale_max")), name="scale_in_order"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return pick_language(self.text_fr, self.text_en)

    @property
    def help(self) -> str:
        return pick_language(self.help_fr, self.help_en)

    def choice_pairs(self) -> list[tuple[str, str]]:
        return [(str(c["code"]), pick_language(c.get("fr", ""), c.get("en", ""))) for c in self.choices]

    def scale_points(self) -> list[tuple[str, str]]:
        labels = dict(self.choice_pairs())
        return [
            (str(n), f"{n} — {labels[str(n)]}" if str(n) in labels else str(n))
            for n in range(self.scale_min, self.scale_max + 1)
        ]


class WaveKind(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    FOLLOW_UP = "follow_up", _("Follow-up")


class WaveStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Wave(models.Model):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="waves"
    )
    kind = models.CharField(
        _("kind of wave"), max_length=10, choices=WaveKind.choices, default=WaveKind.BASELINE
    )
    date = models.DateField(_("date of the wave"), help_text=_("The date the observations will carry."))
    closes_on = models.DateField(
        _("answers accepted until"), null=True, blank=True, help_text=_("Links stop working after this day.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=WaveStatus.choices, default=WaveStatus.DRAFT
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous wave"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        help_text=_("A follow-up pre-fills each partner's answers from this wave."),
    )
    message = models.TextField(_("message to partners (French)"), blank=True, max_length=3000)
    message_en = models.TextField(_("message to partners (English)"), blank=True, max_length=3000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("survey wave")
        verbose_name_plural = _("survey waves")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=models.F("date")),
                name="wave_closes_after_its_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} — {self.get_kind_display()} {day(self.date)}"

    def message_in(self, language: str) -> str:
        """The message in the given language, or in the other one when only one was written."""
        first, second = (
            (self.message_en, self.message) if language == "en" else (self.message, self.message_en)
        )
        return first or second


class Invitation(models.Model):
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    email = models.EmailField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)
    # The last attempt that failed (cleared by a later success), so a coordinator sees whom to try again.
    failed_at = models.DateTimeField(null=True, blank=True)
    failure = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["wave", "organization"], name="one_invitation_per_organization")
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.wave}"


class ConsentChoice(models.TextChoices):
    NONE = "", _("Do not publish my words")
    NAMED = "named", _("Publish them with my organization's name")
    ANONYMOUS = "anonymous", _("Publish them anonymously")


class Response(models.Model):
    """One organization's answers to one wave. One per invitation: a double submit cannot make two."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="response")
    language = models.CharField(max_length=5, default="fr")
    # {question code: value}; values are strings, or lists of strings for multiple choice.
    answers = models.JSONField(default=dict, blank=True)
    comments = models.JSONField(default=dict, blank=True)
    quote = models.TextField(_("in your own words"), blank=True, max_length=2000)
    quote_consent = models.CharField(max_length=10, choices=ConsentChoice.choices, blank=True, default="")
    lesson = models.TextField(_("a lesson about partnership"), blank=True, max_length=2000)
    lesson_consent = models.CharField(max_length=10, choices=ConsentChoice.choices, blank=True, default="")
    prefilled_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return str(self.invitation)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


def _rating_field(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, null=True, blank=True)


class PartnerAnswer(models.Model):
    """What a respondent says about one partner: the relational part of the survey."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="partners")
    partner = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(_("frequency of contact"), max_length=10, blank=True)
    level = models.PositiveSmallIntegerField(_("level of collaboration"), null=True, blank=True)
    formality = models.CharField(_("formality"), max_length=10, blank=True)
    referrals = models.BooleanField(_("referrals"), default=False)
    information = models.BooleanField(_("information"), default=False)
    resources = models.BooleanField(_("shared resources"), default=False)
    joint_projects = models.BooleanField(_("joint projects"), default=False)
    reliability = _rating_field(_("reliability"))
    mission_alignment = _rating_field(_("mission alignment"))
    openness = _rating_field(_("openness to discussion"))
    power_influence = _rating_field(_("power and influence"))
    involvement = _rating_field(_("level of involvement"))
    resource_contribution = _rating_field(_("resource contribution"))

    class Meta:
        verbose_name = _("answer about a partner")
        verbose_name_plural = _("answers about partners")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "partner"], name="one_answer_per_partner"),
            models.CheckConstraint(
                condition=Q(level__isnull=True)
                | Q(level__gte=Level.NETWORKING, level__lte=Level.COLLABORATION),
                name="partner_level_on_scale",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{f}__isnull": True}) | Q(**{f"{f}__gte": 1, f"{f}__lte": 4}),
                    name=f"partner_{f}_1_to_4",
                )
                for f in RATING_FIELDS
            ],
            models.CheckConstraint(
                condition=Q(formality="") | Q(formality__in=Formality.values), name="partner_formality_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response} → {self.partner}"


class Rating(models.Model):
    """A directed rating (rater → rated) that a closed wave hands to the analysis core."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="ratings")
    rater = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    rated = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    # The survey observation of the pair made when the wave closed: the rating's date, level and network.
    observation = models.ForeignKey(TieObservation, null=True, on_delete=models.CASCADE, related_name="+")
    reported_by_both = models.BooleanField(_("reported by both sides"), default=False)
    reliability = _rating_field(_("reliability"))
    mission_alignment = _rating_field(_("mission alignment"))
    openness = _rating_field(_("openness to discussion"))
    power_influence = _rating_field(_("power and influence"))
    involvement = _rating_field(_("level of involvement"))
    resource_contribution = _rating_field(_("resource contribution"))

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["wave", "rater", "rated"], name="one_rating_per_pair_and_wave"),
            models.CheckConstraint(condition=~Q(rater=models.F("rated")), name="rating_not_of_oneself"),
        ]

    def __str__(self) -> str:
        return f"{self.rater} → {self.rated} ({self.wave.date})"


class RatingRelease(models.Model):
    """A closed wave's network-wide trust and value, frozen the first time they are published.

    The wave's raters are then a fixed cohort: whatever happens later (an organization deleted or merged,
    a membership ended, answers imported), every reader keeps reading these figures, so two reads never
    differ by one rater's answers (docs/privacy.md, "Small groups"). Empty figures: fewer than the minimum
    of raters, withheld for good.
    """

    wave = models.OneToOneField(Wave, on_delete=models.CASCADE, related_name="rating_release")
    raters = models.PositiveIntegerField(default=0)
    ratings = models.PositiveIntegerField(default=0)  # rated partners: the weight of the means
    trust_percent = models.FloatField(null=True, blank=True)
    value_percent = models.FloatField(null=True, blank=True)
    # Per rated organization rated by at least the minimum of raters: {id: {column: mean}} (the
    # coordinators' exports and API, reports.exports.disclosure).
    by_organization = models.JSONField(default=dict, blank=True)
    released_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("released ratings")
        verbose_name_plural = _("released ratings")

    def __str__(self) -> str:
        return f"{self.wave} ({self.raters})"
