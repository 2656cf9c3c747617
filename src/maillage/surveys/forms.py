"""Forms of the coordinator (waves, own questions) and of the respondent (partners, ratings, impact).

The respondent's forms are built from the instruments' rows, so what is validated is exactly what was asked:
a value outside a question's choices or scale is refused with a message next to the field.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.dates import BoundedDateField
from maillage.directory.models import Organization
from maillage.networks.models import Network
from maillage.surveys.models import (
    RATING_FIELDS,
    ConsentChoice,
    Question,
    QuestionKind,
    QuestionScope,
    Wave,
    WaveKind,
    WaveStatus,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COMMENT_MAX = 1000
TEXT_MAX = 2000
MAX_CHOICES = 30


def wave_defaults(network: Network) -> dict[str, Any]:
    """A network's first wave is its baseline; later ones follow up the latest, a year on, not in the past."""
    today = datetime.date.today()
    latest = Wave.objects.filter(network=network).order_by("-date", "-id").first()
    if latest is None:
        return {"kind": WaveKind.BASELINE, "date": today}
    try:
        a_year_on = latest.date.replace(year=latest.date.year + 1)
    except ValueError:  # 29 February
        a_year_on = latest.date + datetime.timedelta(days=365)
    closed = Wave.objects.filter(network=network, status=WaveStatus.CLOSED).order_by("-date", "-id").first()
    return {"kind": WaveKind.FOLLOW_UP, "date": max(today, a_year_on), "previous": closed}


class WaveForm(forms.ModelForm):
    class Meta:
        model = Wave
        fields = ["kind", "date", "closes_on", "previous", "message", "message_en"]
        field_classes = {"date": BoundedDateField, "closes_on": BoundedDateField}
        widgets = {
            "date": DATE_INPUT,
            "closes_on": DATE_INPUT,
            "message": forms.Textarea(attrs={"rows": 4}),
            "message_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["previous"].queryset = Wave.objects.filter(network=network, status=WaveStatus.CLOSED)
        if not self.is_bound:
            self.initial |= wave_defaults(network)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind, date, previous = cleaned.get("kind"), cleaned.get("date"), cleaned.get("previous")
        closes_on = cleaned.get("closes_on")
        if date and not datetime.date(1990, 1, 1) <= date <= datetime.date.today() + datetime.timedelta(
            days=730
        ):
            self.add_error("date", _("Choose a date between 1990 and two years from now."))
        if date and closes_on and closes_on < date:
            self.add_error("closes_on", _("Answers cannot stop before the wave's date."))
        if kind == WaveKind.BASELINE and previous:
            self.add_error("previous", _("A baseline wave has no previous wave: choose follow-up."))
        if previous and date and previous.date >= date:
            self.add_error("previous", _("The previous wave must come before this one."))
        return cleaned


def _parse_choice_lines(text: str) -> list[dict[str, str]]:
    """One choice per line, "French | English" (either side may be empty)."""
    choices = []
    for number, line in enumerate((line.strip() for line in text.splitlines() if line.strip()), start=1):
        french, _sep, english = (part.strip() for part in line.partition("|"))
        if not (french or english):
            raise forms.ValidationError(_("Line %(n)s has no label.") % {"n": number})
        if len(french) > 200 or len(english) > 200:
            raise forms.ValidationError(_("Line %(n)s is longer than 200 characters.") % {"n": number})
        choices.append({"code": str(number), "fr": french, "en": english})
    return choices


class QuestionForm(forms.ModelForm):
    """A coordinator's own question, added to one wave."""

    choices_text = forms.CharField(
        label=_("choices"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One choice per line, French then English separated by a bar: « Oui | Yes »."),
    )

    class Meta:
        model = Question
        fields = ["kind", "text_fr", "text_en", "choices_text", "scale_min", "scale_max", "required"]
        labels = {"scale_min": _("Lowest value of the scale"), "scale_max": _("Highest value of the scale")}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if not ((cleaned.get("text_fr") or "").strip() or (cleaned.get("text_en") or "").strip()):
            self.add_error("text_fr", _("Write the question in French or in English."))
        try:
            choices = _parse_choice_lines(cleaned.get("choices_text") or "")
        except forms.ValidationError as error:
            self.add_error("choices_text", error)
            return cleaned
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(choices) < 2:
            self.add_error("choices_text", _("A choice question needs at least two choices."))
        elif kind in (QuestionKind.TEXT, QuestionKind.SCALE) and choices:
            self.add_error("choices_text", _("Only choice questions have choices."))
        if len(choices) > MAX_CHOICES:
            self.add_error("choices_text", _("At most 30 choices."))
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        if kind == QuestionKind.SCALE and low is not None and high is not None:
            if not 0 <= low < high <= 10:
                self.add_error("scale_max", _("A scale goes from 0 or more up to 10 at most, low end first."))
        elif kind != QuestionKind.SCALE:
            cleaned["scale_min"], cleaned["scale_max"] = 1, 5
        cleaned["choices"] = choices
        return cleaned

    def _post_clean(self) -> None:
        # The wave and the code are set by the action.
        pass


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("One row per respondent and partner; see the documentation for the columns."),
    )


class XLSFormImportForm(forms.Form):
    file = forms.FileField(
        label=_("XLSForm file (.xlsx)"),
        help_text=_(
            "A questionnaire made in Excel, KoboToolbox or ODK: its questions are added to this wave."
        ),
    )


class PartnerPickForm(forms.Form):
    partners = forms.ModelMultipleChoiceField(
        label=_("The organizations you work with"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, candidates: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = candidates


DONT_KNOW = "dk"  # a rating's "Don't know": a chosen column, saved as no rating


def _question_field(question: Question, *, dont_know: bool = False) -> forms.Field:
    """The form field for one question; every answer is optional while saving (checked at submission).

    Choices are radio buttons or check boxes, never a drop-down list: every choice reads in full, on a
    phone too.
    """
    label, help_text = question.text, question.help
    if question.kind == QuestionKind.TEXT:
        return forms.CharField(label=label, help_text=help_text, required=False, max_length=TEXT_MAX,
                               widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            label=label,
            help_text=help_text,
            required=False,
            choices=question.choice_pairs(),
            widget=forms.CheckboxSelectMultiple,
        )
    choices = question.scale_points() if question.kind == QuestionKind.SCALE else question.choice_pairs()
    if dont_know:
        choices = [*choices, (DONT_KNOW, str(_("Don't know")))]
    return forms.ChoiceField(label=label, help_text=help_text, required=False, choices=choices,
                             widget=forms.RadioSelect)  # fmt: skip


def _number_or_none(value: str | None) -> int | None:
    return int(value) if value and value != DONT_KNOW else None


class PartnerAnswerForm(forms.Form):
    """The relational questions about one partner; field names are PartnerAnswer's columns."""

    def __init__(self, *args: Any, questions: list[Question], partner: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partner = partner
        for question in questions:
            self.fields[question.code] = _question_field(question, dont_know=question.code in RATING_FIELDS)

    def answer_values(self) -> dict[str, Any]:
        """The cleaned answers as PartnerAnswer field values."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            "frequency": data.get("frequency") or "",
            "formality": data.get("formality") or "",
        }
        values["level"] = _number_or_none(data.get("level"))
        for field in RATING_FIELDS:
            values[field] = _number_or_none(data.get(field))
        flows = set(data.get("flows") or [])
        values |= {
            flow: flow in flows for flow in ("referrals", "information", "resources", "joint_projects")
        }
        return values


class NetworkAnswersForm(forms.Form):
    """Asked once per respondent: contributions, outcomes, impact, factors, own questions, a quote."""

    quote = forms.CharField(
        label=_("In your own words"),
        help_text=_("A short story or a sentence about what the network changed for you (optional)."),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    quote_consent = forms.ChoiceField(
        label=_("May we publish these words?"),
        choices=ConsentChoice.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    lesson = forms.CharField(
        label=_("A lesson about partnership"),
        help_text=_("What has working in partnership taught your organization? (optional)"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lesson_consent = forms.ChoiceField(
        label=_("May we publish this lesson?"),
        choices=ConsentChoice.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = [q for q in questions if q.scope == QuestionScope.RESPONDENT]
        fields: dict[str, forms.Field] = {}
        for question in self.questions:
            fields[f"q_{question.code}"] = _question_field(question)
            if question.with_comment:
                fields[f"c_{question.code}"] = forms.CharField(
                    label=_("Comment"), required=False, max_length=COMMENT_MAX,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )  # fmt: skip
        # Questions come first, then the quote and the lesson.
        last = ("quote", "quote_consent", "lesson", "lesson_consent")
        self.fields: dict[str, forms.Field] = fields | {name: self.fields[name] for name in last}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not (cleaned.get("quote") or "").strip():
            cleaned["quote_consent"] = ""  # no words, nothing to consent to
        if not (cleaned.get("lesson") or "").strip():
            cleaned["lesson_consent"] = ""
        return cleaned

    def answers(self) -> tuple[dict[str, Any], dict[str, str]]:
        answers: dict[str, Any] = {}
        comments: dict[str, str] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q_{question.code}")
            if value not in (None, "", []):
                answers[question.code] = value
            comment = (self.cleaned_data.get(f"c_{question.code}") or "").strip()
            if comment:
                comments[question.code] = comment
        return answers, comments

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The bound fields grouped by instrument, for the template."""
        groups: dict[str, list[forms.BoundField]] = {}
        for question in self.questions:
            title = (
                question.instrument.name if question.instrument_id else str(_("Questions from your network"))
            )
            bound = groups.setdefault(title, [])
            bound.append(self[f"q_{question.code}"])
            if question.with_comment:
                bound.append(self[f"c_{question.code}"])
        return list(groups.items())
