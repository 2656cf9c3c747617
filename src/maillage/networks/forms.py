from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.dates import BoundedDateField
from maillage.directory.fields import OrganizationPickerField, goals_field, principles_field
from maillage.directory.models import ActionStrategy, Population, Territory
from maillage.networks.models import Membership, Network, NetworkKind
from maillage.networks.periods import ReportingPeriod

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NetworkForm(forms.ModelForm):
    lead_organization = OrganizationPickerField(label=_("lead organization"), required=False)
    target_populations = forms.ModelMultipleChoiceField(
        label=_("target populations"),
        queryset=Population.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    action_strategies = forms.ModelMultipleChoiceField(
        label=_("action strategies"),
        queryset=ActionStrategy.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    goals = goals_field()
    principles = principles_field()

    class Meta:
        model = Network
        fields = [
            "name_fr",
            "name_en",
            "kind",
            "scale",
            "territory",
            "lead_organization",
            "description",
            "dynamic",
            "funding",
            "problem_origin",
            "actions",
            "facilitators",
            "difficulties",
            "target_populations",
            "action_strategies",
            "goals",
            "principles",
            "start_date",
            "end_date",
            "reporting_period",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "facilitators": forms.Textarea(attrs={"rows": 2}),
            "difficulties": forms.Textarea(attrs={"rows": 2}),
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
        }
        field_classes = {"start_date": BoundedDateField, "end_date": BoundedDateField}

    valid_from = forms.DateField(
        label=_("These attributes hold from"),
        required=False,
        widget=DATE_INPUT,
        help_text=_(
            "Territory, lead, dynamic, populations and strategies are kept with their dates: reports for "
            "earlier dates keep the earlier values. Leave empty for today."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.order_by("path")
        if not self.instance.pk:
            del self.fields["valid_from"]
        if self.instance.pk and self.instance.lead_organization_id:
            self.initial["lead_organization"] = self.instance.lead_organization
        self.fields["reporting_period"].required = False  # left out (API, older forms): the fiscal year

    def clean_reporting_period(self) -> str:
        return self.cleaned_data.get("reporting_period") or ReportingPeriod.FISCAL


class MembershipForm(forms.ModelForm):
    organization = OrganizationPickerField(label=_("organization"))

    class Meta:
        model = Membership
        fields = ["organization", "role", "start_date", "end_date"]
        field_classes = {"start_date": BoundedDateField, "end_date": BoundedDateField}
        widgets = {"start_date": DATE_INPUT, "end_date": DATE_INPUT}

    def __init__(self, *args, network: Network, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.network = network
        self.instance.network = network
        if self.instance.pk:
            # The organization of an existing membership does not change; end it and add another instead.
            del self.fields["organization"]

    def clean_organization(self):
        organization = self.cleaned_data["organization"]
        if Membership.objects.filter(network=self.network, organization=organization).exists():
            raise forms.ValidationError(_("This organization is already a member of this network."))
        return organization


class NetworkFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *NetworkKind.choices])
    territory = forms.ModelChoiceField(label=_("Territory"), queryset=Territory.objects.all(), required=False)
