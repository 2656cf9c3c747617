"""A form field that picks one organization out of thousands by typing its name.

The browser shows suggestions (an htmx-filled datalist) as "Name — Territory", where people read where
an organization is; "[#id]" is added only to tell apart two suggestions that would read the same. The
field accepts those, "… [#id]" (scripts, the API), or a name typed in full when only one organization
has it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from maillage.directory.models import MobilizationGoal, MobilizationPrinciple, Organization
from maillage.directory.search import casefold_unaccented

ID_SUFFIX = re.compile(r"\[#(\d+)\]\s*$")
PLACE = " — "


def organization_label(organization: Organization, *, with_id: bool = False) -> str:
    """ "Name — Territory" (its territory read with the organization: `select_related("territory")`)."""
    label = organization.name
    if organization.territory_id:
        label = f"{label}{PLACE}{organization.territory.name}"
    return f"{label} [#{organization.pk}]" if with_id else label


def suggestion_labels(organizations: Iterable[Organization]) -> list[str]:
    """The labels of a list of suggestions, with the id only where two would read the same."""
    rows = list(organizations)
    plain = [organization_label(o) for o in rows]
    seen = Counter(casefold_unaccented(label) for label in plain)
    return [
        organization_label(o, with_id=True) if seen[casefold_unaccented(label)] > 1 else label
        for o, label in zip(rows, plain, strict=True)
    ]


class OrganizationPickerWidget(forms.TextInput):
    template_name = "widgets/organization_picker.html"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["suggest_url"] = reverse_lazy("directory:organization_suggest")
        return context

    def format_value(self, value):
        if isinstance(value, Organization):
            return organization_label(value)
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            organization = Organization.objects.select_related("territory").filter(pk=int(value)).first()
            return organization_label(organization) if organization else ""
        return value


class OrganizationPickerField(forms.CharField):
    widget = OrganizationPickerWidget
    default_error_messages = {
        "unknown": _("No organization matches “%(value)s”. Pick one from the suggestions."),
        "ambiguous": _("Several organizations are named “%(value)s”. Pick one from the suggestions."),
    }

    def __init__(self, *, queryset: QuerySet[Organization] | None = None, **kwargs) -> None:
        kwargs.setdefault("max_length", 250)
        super().__init__(**kwargs)
        self.queryset = queryset if queryset is not None else Organization.objects.all()

    def prepare_value(self, value):
        if isinstance(value, Organization):
            return organization_label(value)
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        match = ID_SUFFIX.search(text)
        if match:
            found = self.queryset.filter(pk=int(match.group(1))).first()
            if found is None:
                raise forms.ValidationError(self.error_messages["unknown"], params={"value": text})
            return found
        exact = self._named(text.strip(), None)
        if not exact and PLACE in text:
            # "Name — Territory" as the suggestions write it (a name may hold " — " itself: tried first).
            name, place = text.strip().rsplit(PLACE, 1)
            exact = self._named(name, place)
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise forms.ValidationError(self.error_messages["ambiguous"], params={"value": text})
        raise forms.ValidationError(self.error_messages["unknown"], params={"value": text})

    def _named(self, name: str, place: str | None) -> list[Organization]:
        """The organizations whose name (or acronym) is `name`, in the territory named `place` if given."""
        folded = casefold_unaccented(name)
        if not folded:
            return []
        candidates = self.queryset.filter(Q(search_text__contains=folded)).select_related("territory")
        found = [
            o
            for o in candidates.only("id", "name_fr", "name_en", "acronym", "territory")[:50]
            if folded
            in {
                casefold_unaccented(o.name_fr),
                casefold_unaccented(o.name_en),
                casefold_unaccented(o.acronym),
            }
        ]
        if place is None:
            return found
        return [
            o
            for o in found
            if o.territory_id and casefold_unaccented(place) in {casefold_unaccented(o.territory.name)}
        ]


def goals_field() -> forms.ModelMultipleChoiceField:
    """The goals of CHSSN's Community Mobilization Model that a network, initiative or activity serves."""
    return forms.ModelMultipleChoiceField(
        label=_("goals served (Community Mobilization Model)"),
        queryset=MobilizationGoal.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def principles_field() -> forms.ModelMultipleChoiceField:
    """The principles of CHSSN's mobilization model that a network, initiative or activity applies."""
    return forms.ModelMultipleChoiceField(
        label=_("principles applied (Community Mobilization Model)"),
        queryset=MobilizationPrinciple.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
