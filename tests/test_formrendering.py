"""Drop-down lists written in Python are the very HTML Django's templates write."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe

from maillage.directory.models import Territory
from maillage.formrendering import Renderer

HOSTILE = '<script>alert("x")</script> & "Côte-des-Neiges" \'quoted\''


class Everything(forms.Form):
    plain = forms.ChoiceField(choices=[("", "—"), ("a", "Abitibi"), ("b", HOSTILE)], required=False)
    grouped = forms.ChoiceField(
        choices=[
            ("Public", [("1", "CLSC"), ("2", "Hôpital")]),
            ("Communautaire", [("3", HOSTILE)]),
            ("4", "Autre"),
        ]
    )
    several = forms.MultipleChoiceField(choices=[(1, "un"), (2, "deux"), (3, mark_safe("<b>trois</b>"))])
    styled = forms.ChoiceField(
        choices=[("x", "X"), ("y", "Y")],
        widget=forms.Select(attrs={"class": "wide", "data-note": HOSTILE, "disabled": True, "hidden": False}),
    )


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"plain": "b", "grouped": "3", "several": ["1", "3"], "styled": "y"},
        {"plain": HOSTILE, "grouped": "<x>", "several": ["9"]},
    ],
)
def test_every_select_is_written_as_the_templates_write_it(data):
    ours = Everything(data or None, renderer=Renderer())
    django = Everything(data or None, renderer=TemplatesSetting())
    for name in Everything.base_fields:
        assert str(ours[name]) == str(django[name]), name
    assert "<script>" not in str(ours["plain"])


@pytest.mark.django_db
def test_a_model_choice_list_is_written_as_the_templates_write_it(rls):
    class Filter(forms.Form):
        territory = forms.ModelChoiceField(queryset=Territory.objects.all(), required=False)

    chosen = {"territory": str(Territory.objects.first().pk)}
    assert str(Filter(chosen, renderer=Renderer())["territory"]) == str(
        Filter(chosen, renderer=TemplatesSetting())["territory"]
    )
    assert "selected" in str(Filter(chosen, renderer=Renderer())["territory"])


def test_a_select_with_its_own_option_template_still_goes_through_the_templates():
    class Radio(forms.Form):
        choice = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)

    assert str(Radio(renderer=Renderer())["choice"]) == str(Radio(renderer=TemplatesSetting())["choice"])
