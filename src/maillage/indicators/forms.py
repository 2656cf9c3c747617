from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.indicators.actions import ValueRow
from maillage.indicators.imports import check_value, parse_number
from maillage.indicators.models import DataElement, ElementSource, Family, normalise_period
from maillage.networks.periods import ReportingPeriod, period_of


def current_year() -> int:
    return datetime.date.today().year


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100, required=False)

    def year_or_default(self, kind: str = ReportingPeriod.CALENDAR) -> int:
        """The year asked, or the last complete year of the networks (fiscal or calendar)."""
        if self.is_valid() and self.cleaned_data.get("year"):
            return int(self.cleaned_data["year"])
        return period_of(timezone.localdate(), kind) - 1


class CompareForm(YearForm):
    by = forms.ChoiceField(
        label=_("Compare"),
        choices=[("network", _("Networks")), ("region", _("Regions")), ("kind", _("Kinds of network"))],
        required=False,
    )
    family = forms.ChoiceField(label=_("Set"), choices=Family.choices, required=False)


class ValueForm(forms.Form):
    element = forms.ModelChoiceField(
        label=_("Data element"), queryset=DataElement.objects.filter(source=ElementSource.MANUAL)
    )
    period = forms.CharField(
        label=_("Period"), max_length=20, help_text=_("A year (2024) or a quarter (2024-Q3).")
    )
    value = forms.CharField(label=_("Value"), max_length=30)

    def clean_period(self) -> str:
        period = normalise_period(self.cleaned_data["period"])
        if period is None:
            raise forms.ValidationError(_("Write a year (2024) or a quarter (2024-Q3)."))
        return period

    def clean_value(self) -> float:
        value = parse_number(self.cleaned_data["value"])
        if value is None:
            raise forms.ValidationError(_("Write a number (a decimal comma is fine)."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        element, value = data.get("element"), data.get("value")
        if element is not None and value is not None:
            problem = check_value(element, value)
            if problem:
                self.add_error("value", problem)
        return data

    def row(self) -> ValueRow:
        return ValueRow(self.cleaned_data["element"], self.cleaned_data["period"], self.cleaned_data["value"])


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"))
    apply = forms.BooleanField(
        label=_("Save the values"), required=False, help_text=_("Leave unticked to check the file first.")
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Send a .csv or .xlsx file."))
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload
