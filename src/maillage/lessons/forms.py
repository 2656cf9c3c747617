"""Forms of the coordinator's page: a stage reached on a date, a lesson about partnership."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maillage.directory.models import Organization
from maillage.lessons.models import DevelopmentStage, Lesson, NetworkStage
from maillage.networks.forms import DATE_INPUT
from maillage.networks.models import Network


class StageForm(forms.ModelForm):
    class Meta:
        model = NetworkStage
        fields = ["stage", "reached_on", "note"]
        widgets = {"reached_on": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.network = network
        self.fields["stage"].queryset = DevelopmentStage.objects.all()

    def clean_reached_on(self) -> Any:
        day = self.cleaned_data["reached_on"]
        if NetworkStage.objects.filter(network=self.instance.network, reached_on=day).exists():
            raise forms.ValidationError(_("A stage is already recorded on this date; delete it first."))
        return day


class LessonForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = ["noted_on", "text", "organization", "publication"]
        widgets = {
            "noted_on": DATE_INPUT,
            "text": forms.Textarea(attrs={"rows": 3}),
            "publication": forms.RadioSelect,
        }

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.network = network
        # Only the network's own members (past or present) may be named as a lesson's source.
        self.fields["organization"].queryset = (
            Organization.objects.filter(memberships__network=network).distinct().order_by("name_fr", "pk")
        )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write the lesson."))
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("publication") == "named" and not cleaned.get("organization"):
            self.add_error("organization", _("To publish a lesson with a name, say whose lesson it is."))
        return cleaned
