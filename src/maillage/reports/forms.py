"""The report's options: year (or two waves), language; and the choice of what a report covers."""

from __future__ import annotations

import re

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.dates import BoundedDateField
from maillage.networks.models import Network, NetworkKind
from maillage.reports.scope import Period


class ReportOptionsForm(forms.Form):
    year = forms.CharField(
        label=_("Year"),
        max_length=20,
        required=False,
        help_text=_(
            "A fiscal year as 2024-2025 (or the year it begins), or a calendar year, as the network reports. "
            "Empty: the latest period with data."
        ),
    )
    since = BoundedDateField(label=_("From the wave of (optional)"), required=False)
    until = BoundedDateField(label=_("To the wave of (optional)"), required=False)
    lang = forms.ChoiceField(
        label=_("Language of the report"), choices=[("fr", "Français"), ("en", "English")]
    )

    def clean_year(self) -> int | None:
        text = self.cleaned_data["year"].strip()
        if not text:
            return None
        found = re.fullmatch(r"(\d{4})(?:\s*[-–]\s*(\d{4}))?", text)
        if not found or (found[2] and int(found[2]) != int(found[1]) + 1):
            raise forms.ValidationError(_("Write a year (2024) or a fiscal year (2024-2025)."))
        year = int(found[1])
        if not 1990 <= year <= 2100:
            raise forms.ValidationError(_("Choose a year between 1990 and 2100."))
        return year

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since >= until:
            self.add_error("until", _("The second wave must come after the first."))
        return data

    def period(self) -> Period:
        data = self.cleaned_data
        return Period(year=data.get("year"), since=data.get("since"), until=data.get("until"))


class ReportChoiceForm(ReportOptionsForm):
    """The index page: what the report covers, then its options."""

    network = forms.ModelChoiceField(label=_("One network"), queryset=Network.objects.none(), required=False)
    programme = forms.ChoiceField(
        label=_("Or every network of a programme"), choices=[("", "—"), *NetworkKind.choices], required=False
    )

    def __init__(self, *args, networks: QuerySet[Network], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks

    def clean(self):
        data = super().clean()
        if not data.get("network") and not data.get("programme"):
            self.add_error("network", _("Choose a network or a programme."))
        return data
