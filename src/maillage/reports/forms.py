"""The report's options: year (or two waves), language; and the choice of what a report covers."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.dates import BoundedDateField
from maillage.networks.models import Network, NetworkKind
from maillage.reports.scope import Period


class ReportOptionsForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100, required=False)
    since = BoundedDateField(label=_("From the wave of (optional)"), required=False)
    until = BoundedDateField(label=_("To the wave of (optional)"), required=False)
    lang = forms.ChoiceField(
        label=_("Language of the report"), choices=[("fr", "Français"), ("en", "English")]
    )

    def clean(self):  # type: ignore[no-untyped-def]
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

    def __init__(self, *args, networks: QuerySet[Network], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks
        self.fields["year"].initial = datetime.date.today().year - 1

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if not data.get("network") and not data.get("programme"):
            self.add_error("network", _("Choose a network or a programme."))
        return data
