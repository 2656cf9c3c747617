from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.concertation.data import Thresholds
from maillage.concertation.models import SpaceProfile, Theme

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ThresholdsForm(forms.Form):
    """The concertation page's parameters; anything missing or invalid falls back to the default."""

    as_of = forms.DateField(label=_("Date"), required=False, widget=DATE_INPUT)
    min_spaces = forms.IntegerField(
        label=_("Heavily solicited from (spaces)"), min_value=1, max_value=100, required=False
    )
    jaccard = forms.FloatField(label=_("Jaccard threshold"), min_value=0.05, max_value=1, required=False)
    containment = forms.FloatField(
        label=_("Containment threshold"), min_value=0.05, max_value=1, required=False
    )

    def thresholds(self) -> Thresholds:
        defaults = Thresholds(as_of=datetime.date.today())
        data = self.cleaned_data if self.is_valid() else {}
        return Thresholds(
            as_of=data.get("as_of") or defaults.as_of,
            min_spaces=data.get("min_spaces") or defaults.min_spaces,
            jaccard=data.get("jaccard") or defaults.jaccard,
            containment=data.get("containment") or defaults.containment,
        )


class SpaceProfileForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("themes"), queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = SpaceProfile
        fields = ["themes", "meeting_hours_per_year"]
        widgets = {"meeting_hours_per_year": forms.NumberInput(attrs={"min": 0, "max": 2000})}

    def clean_meeting_hours_per_year(self) -> int | None:
        hours = self.cleaned_data.get("meeting_hours_per_year")
        if hours is not None and hours > 2000:
            raise forms.ValidationError(_("A seat takes at most 2,000 hours a year."))
        return hours
