from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.directory.fields import OrganizationPickerField
from maillage.directory.models import (
    Organization,
    Population,
    Sector,
    ServiceLanguage,
    Territory,
    TerritoryKind,
)
from maillage.directory.text import strip_invisible


class TerritoryForm(forms.ModelForm):
    class Meta:
        model = Territory
        fields = ["kind", "code", "name_fr", "name_en", "parent", "start_date", "end_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Communities are leaves: they are never a parent.
        self.fields["parent"].queryset = Territory.objects.exclude(kind=TerritoryKind.COMMUNITY).order_by(
            "path"
        )

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("name_fr", "").strip() or cleaned.get("name_en", "").strip()):
            self.add_error("name_fr", _("Give the territory a name in French or in English."))
        return cleaned


class OrganizationForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages of service"),
        choices=ServiceLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    populations = forms.ModelMultipleChoiceField(
        label=_("populations served"),
        queryset=Population.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    parent = OrganizationPickerField(label=_("parent organization"), required=False)

    class Meta:
        model = Organization
        fields = [
            "name_fr",
            "name_en",
            "acronym",
            "sector",
            "territory",
            "languages",
            "populations",
            "parent",
            "website",
            "description",
            "active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.all()
        self.fields["territory"].queryset = Territory.objects.order_by("path")
        if self.instance.pk and self.instance.parent_id:
            self.initial["parent"] = self.instance.parent

    def _clean_text(self, name: str) -> str:
        return strip_invisible(self.cleaned_data.get(name, ""))

    def clean_name_fr(self) -> str:
        return self._clean_text("name_fr")

    def clean_name_en(self) -> str:
        return self._clean_text("name_en")

    def clean_acronym(self) -> str:
        return self._clean_text("acronym")

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent is not None and self.instance.pk and parent.pk == self.instance.pk:
            raise forms.ValidationError(_("An organization cannot be its own parent."))
        return parent


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.all(), required=False)
    territory = forms.ModelChoiceField(
        label=_("Territory"), queryset=Territory.objects.exclude(kind=TerritoryKind.COMMUNITY), required=False
    )
    active = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Active")), ("all", _("All")), ("inactive", _("Inactive"))],
    )


class TerritoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *TerritoryKind.choices])
