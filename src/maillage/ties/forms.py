from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.dates import BoundedDateField
from maillage.directory.models import Organization
from maillage.networks.models import Network
from maillage.ties.actions import ObservationData
from maillage.ties.models import AgreementKind, Formality, Level, TieObservation, agreement_problem

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FLOW_FIELDS = ["referrals", "information", "resources", "joint_projects"]
# What one observation of a tie says, as the form asks it and the write path takes it.
OBSERVATION_FIELDS = [
    "observed_on",
    "level",
    "formality",
    "agreement_kind",
    "agreement_ends_on",
    *FLOW_FIELDS,
    "note",
]


class ObservationForm(forms.ModelForm):
    class Meta:
        model = TieObservation
        fields = OBSERVATION_FIELDS
        field_classes = {"observed_on": BoundedDateField, "agreement_ends_on": BoundedDateField}
        widgets = {"observed_on": DATE_INPUT, "agreement_ends_on": DATE_INPUT}

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("observed_on", datetime.date.today())
        super().__init__(*args, **kwargs)

    def clean_observed_on(self) -> datetime.date:
        observed_on: datetime.date = self.cleaned_data["observed_on"]
        if observed_on > datetime.date.today() + datetime.timedelta(days=1):
            raise forms.ValidationError(_("An observation cannot be dated in the future."))
        if observed_on.year < 1990:
            raise forms.ValidationError(_("This date is too far in the past."))
        return observed_on

    def clean(self):
        cleaned = super().clean()
        problem = agreement_problem(cleaned.get("formality") or "", cleaned.get("agreement_kind") or "")
        if problem:
            self.add_error("agreement_kind", problem)
        if cleaned.get("agreement_ends_on") and cleaned.get("formality") != Formality.FORMAL:
            self.add_error("agreement_ends_on", _("Only a formal tie has an agreement that ends."))
        return cleaned

    def observation_data(self) -> ObservationData:
        return ObservationData(**{name: self.cleaned_data[name] for name in OBSERVATION_FIELDS})

    def _post_clean(self) -> None:
        # The tie is attached by the action, not by the form: skip the model's own validation here.
        pass


class TieCreateForm(ObservationForm):
    organization_a = forms.ModelChoiceField(label=_("organization"), queryset=Organization.objects.none())
    organization_b = forms.ModelChoiceField(
        label=_("partner organization"), queryset=Organization.objects.none()
    )

    class Meta(ObservationForm.Meta):
        fields = ["organization_a", "organization_b", *ObservationForm.Meta.fields]

    def __init__(self, *args, network: Network, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        members = Organization.objects.filter(memberships__network=network).order_by("name_fr").distinct()
        self.fields["organization_a"].queryset = members
        self.fields["organization_b"].queryset = members
        # A new tie starts somewhere on the scale; "none" is for recording that a tie has ended.
        self.fields["level"].choices = [c for c in Level.choices if c[0] != Level.NONE]
        self.order_fields(["organization_a", "organization_b"])

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("organization_a"), cleaned.get("organization_b")
        if first and second and first.pk == second.pk:
            self.add_error("organization_b", _("An organization cannot have a tie with itself."))
        return cleaned


class TieFilterForm(forms.Form):
    q = forms.CharField(label=_("Organization"), required=False, max_length=200)
    level_min = forms.TypedChoiceField(
        label=_("Level at least"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *[(v, lbl) for v, lbl in Level.choices if v > 0]],
    )
    formality = forms.ChoiceField(
        label=_("Formality"), required=False, choices=[("", "—"), *Formality.choices]
    )
    as_of = BoundedDateField(label=_("As of"), required=False, widget=DATE_INPUT)
    include_ended = forms.BooleanField(label=_("Include ended ties"), required=False)

    def __init__(self, *args, network: Network | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.network = network


__all__ = ["AgreementKind", "ObservationForm", "TieCreateForm", "TieFilterForm"]
