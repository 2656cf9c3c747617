"""The indicator registry (definitions, targets, legend bands), its data elements and their values.

An indicator is `numerator / denominator × factor`, two expressions over data elements (or other
indicators); values are computed on demand (see `compute.py`), never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.directory.i18n import BilingualNameMixin, pick_language
from maillage.indicators.validation import normalise_period, validate_indicator
from maillage.networks.models import Network

code_validator = RegexValidator(
    r"^[A-Za-z][A-Za-z0-9_]*\Z",
    _("Use letters, digits and underscores, starting with a letter (a dash would read as a minus)."),
)


class RbaKind(models.TextChoices):
    POPULATION = "population", _("Population indicator")
    HOW_MUCH = "how_much", _("How much did we do?")
    HOW_WELL = "how_well", _("How well did we do it?")
    BETTER_OFF = "better_off", _("Is anyone better off?")


class Family(models.TextChoices):
    IMPACT = "impact", _("CHSSN impact measures")
    POPULATION = "population", _("Population responsibility")
    PROCESS = "process", _("Network process")
    OTHER = "other", _("Other")


class Objective(models.TextChoices):
    HEALTH = "health", _("Improve health")
    EXPERIENCE = "experience", _("Improve the care experience")
    COSTS = "costs", _("Optimise costs")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class PeriodType(models.TextChoices):
    YEAR = "year", _("Year")
    QUARTER = "quarter", _("Quarter")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum")
    MEAN = "mean", _("Mean")
    WEIGHTED_MEAN = "weighted_mean", _("Mean weighted by the denominator")
    RATIO = "ratio", _("Recomputed from the summed numerator and denominator")


class ElementSource(models.TextChoices):
    MANUAL = "manual", _("Entered or imported per network and period")
    SURVEY_MEAN = "survey_mean", _("Survey: mean answer to a question")
    SURVEY_SHARE = "survey_share", _("Survey: share of respondents at or above a value")
    RESPONSE_RATE = "response_rate", _("Survey: response rate")
    METRIC = "metric", _("Network metric from the analysis core")


class Metric(models.TextChoices):
    DENSITY = "density", _("Density (%)")
    INTERSECTORAL = "intersectoral_share", _("Ties between sectors (%)")
    FORMAL = "formal_share", _("Share of formal ties (%)")
    TRUST = "trust", _("Trust (% of the maximum)")
    VALUE = "value", _("Value (% of the maximum)")
    TIES = "ties", _("Number of ties")
    GROWTH = "partnership_growth", _("Growth of the number of ties since the previous period (%)")
    MEMBERS = "members", _("Number of active members")
    PARTICIPATION = "participation", _("Share of members with at least one tie (%)")


class Stamped(models.Model):
    # Every registry row carries its last change: cached scorecards are keyed on these.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class DataElement(BilingualNameMixin, Stamped):
    code = models.CharField(_("code"), max_length=40, unique=True, validators=[code_validator])
    description_fr = models.TextField(_("description (French)"), blank=True, max_length=2000)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=2000)
    source = models.CharField(_("source"), max_length=20, choices=ElementSource.choices)
    parameter = models.CharField(
        _("parameter"), max_length=60, blank=True, help_text=_("The question code or the metric name.")
    )
    threshold = models.FloatField(_("threshold"), null=True, blank=True)
    min_value = models.FloatField(_("smallest allowed value"), null=True, blank=True)
    max_value = models.FloatField(_("largest allowed value"), null=True, blank=True)

    class Meta:
        verbose_name = _("data element")
        verbose_name_plural = _("data elements")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def clean(self) -> None:
        if not (self.name_fr.strip() or self.name_en.strip()):
            raise ValidationError({"name_fr": _("Give a name in French or in English.")})
        if self.source == ElementSource.METRIC and self.parameter not in Metric.values:
            raise ValidationError(
                {"parameter": _("Choose one of the metrics: %s.") % ", ".join(Metric.values)}
            )
        if self.source in (ElementSource.SURVEY_MEAN, ElementSource.SURVEY_SHARE) and not self.parameter:
            raise ValidationError({"parameter": _("Give the code of the survey question.")})
        if self.source == ElementSource.SURVEY_SHARE and self.threshold is None:
            raise ValidationError({"threshold": _("Give the value respondents must reach.")})
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            raise ValidationError({"max_value": _("The largest value is below the smallest.")})
        if self.code and Indicator.objects.filter(code=self.code).exists():
            raise ValidationError({"code": _("An indicator already uses this code.")})


class Indicator(BilingualNameMixin, Stamped):
    code = models.CharField(_("code"), max_length=40, unique=True, validators=[code_validator])
    definition_fr = models.TextField(_("definition (French)"), blank=True, max_length=3000)
    definition_en = models.TextField(_("definition (English)"), blank=True, max_length=3000)
    family = models.CharField(_("set"), max_length=20, choices=Family.choices, default=Family.OTHER)
    objective = models.CharField(_("objective"), max_length=20, choices=Objective.choices, blank=True)
    rba_kind = models.CharField(_("kind (RBA)"), max_length=20, choices=RbaKind.choices)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    numerator = models.CharField(_("numerator"), max_length=1000)
    denominator = models.CharField(_("denominator"), max_length=1000, blank=True)
    factor = models.FloatField(_("factor"), default=1.0)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=1)
    period_type = models.CharField(
        _("period"), max_length=10, choices=PeriodType.choices, default=PeriodType.YEAR
    )
    aggregation = models.CharField(
        _("roll-up"), max_length=20, choices=Aggregation.choices, default=Aggregation.MEAN
    )
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    baseline_period = models.CharField(_("baseline period"), max_length=10, blank=True)
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["family", "order", "code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def definition(self) -> str:
        return pick_language(self.definition_fr, self.definition_en)

    def clean(self) -> None:
        validate_indicator(self, elements=DataElement.objects.all(), indicators=Indicator.objects.all())


class IndicatorTarget(Stamped):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(_("period"), max_length=10)
    value = models.FloatField(_("target"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["period"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="one_target_per_period")]

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"

    def clean(self) -> None:
        period = normalise_period(self.period)
        if period is None:
            raise ValidationError({"period": _("Write a year (2024) or a quarter (2024-Q3).")})
        self.period = period


class BandColour(models.TextChoices):
    RED = "red", _("Red")
    AMBER = "amber", _("Amber")
    GREEN = "green", _("Green")
    BLUE = "blue", _("Blue")


class LegendBand(Stamped):
    """A range of values with a colour and a label: the label is always shown, never the colour alone."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="bands")
    colour = models.CharField(_("colour"), max_length=10, choices=BandColour.choices)
    label_fr = models.CharField(_("label (French)"), max_length=60, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=60, blank=True)
    lower = models.FloatField(_("from (included)"), null=True, blank=True)
    upper = models.FloatField(_("to (excluded)"), null=True, blank=True)

    class Meta:
        verbose_name = _("legend band")
        verbose_name_plural = _("legend bands")
        ordering = ["lower"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return pick_language(self.label_fr, self.label_en) or self.get_colour_display()

    def clean(self) -> None:
        if self.lower is not None and self.upper is not None and self.lower >= self.upper:
            raise ValidationError({"upper": _("The upper bound must be above the lower bound.")})


class ValueOrigin(models.TextChoices):
    ENTERED = "entered", _("Entered")
    IMPORTED = "imported", _("Imported")
    DELETED = "deleted", _("Deleted")


class DataValue(models.Model):
    element = models.ForeignKey(DataElement, verbose_name=_("data element"), on_delete=models.CASCADE)
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="indicator_values")
    period = models.CharField(_("period"), max_length=10)
    value = models.FloatField(_("value"))
    origin = models.CharField(max_length=10, choices=ValueOrigin.choices, default=ValueOrigin.ENTERED)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["-period", "element__code"]
        constraints = [
            models.UniqueConstraint(fields=["element", "network", "period"], name="one_value_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.element_id} {self.period}: {self.value}"


class ValueChange(models.Model):
    """The audit trail: who changed which value, when, from what to what. Never edited, never deleted."""

    element = models.ForeignKey(DataElement, on_delete=models.CASCADE, related_name="+")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=10)
    old_value = models.FloatField(null=True, blank=True)
    new_value = models.FloatField(null=True, blank=True)
    origin = models.CharField(max_length=10, choices=ValueOrigin.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["network", "-at"])]

    def __str__(self) -> str:
        return f"{self.period}: {self.old_value} → {self.new_value}"
