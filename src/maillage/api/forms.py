from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.api.models import ApiToken

MAX_LIFETIME_DAYS = 366


class TokenForm(forms.ModelForm):
    expires_on = forms.DateField(
        label=_("expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Optional: the token stops working at the end of this day."),
    )

    class Meta:
        model = ApiToken
        fields = ["name", "read_only"]

    def clean_expires_on(self) -> datetime.date | None:
        day = self.cleaned_data.get("expires_on")
        today = timezone.localdate()
        if day is not None and not today <= day <= today + datetime.timedelta(days=MAX_LIFETIME_DAYS):
            raise forms.ValidationError(
                _("Choose a date from today to one year from now."), code="out_of_range"
            )
        return day

    def expires_at(self) -> datetime.datetime | None:
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
        return timezone.make_aware(end)
