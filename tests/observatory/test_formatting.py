"""One form per language for numbers and dates, whichever road a value takes to the page."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from maillage import formatting
from maillage.directory.models import Organization

DAY = datetime.date(2025, 5, 15)


@pytest.mark.parametrize(("language", "expected"), [("fr", "15\u00a0mai\u00a02025"), ("en", "May 15, 2025")])
def test_a_date_is_written_one_way_by_python_and_by_templates(language, expected):
    with translation.override(language):
        assert formatting.day(DAY) == formatting.day("2025-05-15") == expected
        page = Template("{{ d|date }}|{{ d|day }}|{{ d }}").render(Context({"d": DAY}))
    assert page == "|".join([expected] * 3)


def test_numbers_and_percentages_in_each_language():
    template = Template("{{ n|number }} · {{ x|number:2 }} · {{ s|percent }} · {{ p|percentage:1 }}")
    context = Context({"n": 1139, "x": 3.656, "s": 0.139, "p": 13.9})
    with translation.override("fr"):
        assert template.render(context) == "1\u202f139 · 3,66 · 13,9\u00a0% · 13,9\u00a0%"
    with translation.override("en"):
        assert template.render(context) == "1,139 · 3.66 · 13.9% · 13.9%"


def test_the_charts_locale_follows_the_language():
    with translation.override("fr"):
        french = formatting.chart_locale()
    assert french["number"]["decimal"] == "," and french["time"]["shortMonths"][4] == "mai"
    assert formatting.chart_locale("en")["time"]["months"][0] == "January"


def test_languages_of_service_are_named_not_coded():
    organization = Organization(name_fr="Centre", languages=["fr", "other"])
    with translation.override("fr"):
        assert organization.language_names == "Français, Autres langues"


def test_the_question_and_xlsform_forms_speak_french():
    from maillage.surveys.forms import QuestionForm, XLSFormImportForm

    with translation.override("fr"):
        labels = [str(field.label) for field in QuestionForm().fields.values()]
        upload = XLSFormImportForm().fields["file"]
        assert "Scale min" not in labels and "Scale max" not in labels
        assert "Valeur la plus basse de l'échelle" in labels
        assert str(upload.label).startswith("Fichier XLSForm") and "CSV" not in str(upload.help_text)
