from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.audit.models import Action
from maillage.audit.registry import REGISTRY
from maillage.dates import BoundedDateField


def _model_choices() -> list[tuple[str, str]]:
    from django.apps import apps

    choices = []
    for entry in REGISTRY.values():
        try:
            model = apps.get_model(entry.label)
        except LookupError:
            continue
        choices.append((model._meta.label, str(model._meta.verbose_name).capitalize()))
    return [("", _("All kinds"))] + sorted(choices, key=lambda pair: pair[1])


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("User or record"), required=False, max_length=100)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("All actions"))])
    model = forms.ChoiceField(label=_("Kind of record"), required=False)
    since = BoundedDateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = BoundedDateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions")), *Action.choices]
        self.fields["model"].choices = _model_choices()

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date comes before the start date."))
        return cleaned

    def apply(self, events: QuerySet) -> QuerySet:
        """The events matching the valid filters (invalid ones are shown as errors and ignored)."""
        data = self.cleaned_data if self.is_valid() else {}
        for term in (data.get("q") or "").split():
            events = events.filter(Q(actor__icontains=term) | Q(object_label__icontains=term))
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("model"):
            events = events.filter(model=data["model"])
        if data.get("since"):
            events = events.filter(at__date__gte=data["since"])
        if data.get("until"):
            events = events.filter(at__date__lte=data["until"])
        return events
