from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.concertation.data import Thresholds
from maillage.concertation.models import ResourceEntry, ResourceKind, SpaceProfile, TerritoryDocument, Theme
from maillage.directory.fields import OrganizationPickerField, goals_field, principles_field
from maillage.directory.models import Organization, Population, Territory

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


MAX_PROPOSED = 50  # each line is one search of the directory


class ProposalForm(forms.Form):
    """What a new network would work on and who would sit in it: compared with the spaces already there."""

    themes = forms.ModelMultipleChoiceField(
        label=_("themes"), queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    proposed_members = forms.CharField(
        label=_("proposed members"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One organization a line, its exact name or “Name [#id]”; used to find the tables where they "
            "already sit. Add the members once the network exists."
        ),
    )

    def clean_proposed_members(self) -> list[Organization]:
        lines = [line.strip() for line in self.cleaned_data.get("proposed_members", "").splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_PROPOSED:
            raise forms.ValidationError(_("At most %(n)d proposed members.") % {"n": MAX_PROPOSED})
        picker = OrganizationPickerField(required=False)
        found, errors = [], []
        for line in lines:
            try:
                organization = picker.clean(line)
            except forms.ValidationError as error:
                errors.extend(error.messages)
                continue
            if organization is not None and organization not in found:
                found.append(organization)
        if errors:
            raise forms.ValidationError(errors)
        return found


class TerritoryDocumentForm(forms.ModelForm):
    author_organization = OrganizationPickerField(label=_("author organization"), required=False)
    populations = forms.ModelMultipleChoiceField(
        label=_("populations"),
        queryset=Population.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("themes"), queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    goals = goals_field()
    principles = principles_field()

    class Meta:
        model = TerritoryDocument
        fields = [
            "territory",
            "kind",
            "title",
            "published_on",
            "author_organization",
            "period_start",
            "period_end",
            "needs_expressed",
            "needs_not_expressed",
            "populations",
            "themes",
            "goals",
            "principles",
            "link",
        ]
        widgets = {
            "published_on": DATE_INPUT,
            "needs_expressed": forms.Textarea(attrs={"rows": 3}),
            "needs_not_expressed": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.order_by("path")


class ResourceEntryForm(forms.ModelForm):
    organization = OrganizationPickerField(label=_("funder or contributor"), required=False)

    class Meta:
        model = ResourceEntry
        fields = ["year", "kind", "organization", "programme", "amount", "recurring", "fte"]

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 1990 <= year <= 2100:
            raise forms.ValidationError(_("Give a year between 1990 and 2100."))
        return year

    def clean(self):
        cleaned = super().clean()
        kind, amount, fte = cleaned.get("kind"), cleaned.get("amount"), cleaned.get("fte")
        if amount is not None and amount < 0:
            self.add_error("amount", _("An amount cannot be negative."))
        if fte is not None and fte < 0:
            self.add_error("fte", _("Paid staff cannot be negative."))
        if kind == ResourceKind.FUNDING and amount is None:
            self.add_error("amount", _("Give the amount of the funding."))
        if kind == ResourceKind.STAFF and fte is None:
            self.add_error("fte", _("Give the paid staff in full-time equivalents."))
        return cleaned
