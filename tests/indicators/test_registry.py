"""The registry: preloaded sets, and the checks made when an indicator is saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from maillage.indicators.models import DataElement, Indicator, IndicatorTarget, normalise_period
from tests.indicators.helpers import element, indicator

pytestmark = pytest.mark.django_db


def test_the_preloaded_sets_are_there():
    assert Indicator.objects.filter(family="impact").count() == 8
    objectives = set(Indicator.objects.filter(family="population").values_list("objective", flat=True))
    assert objectives == {"health", "experience", "costs"}
    process = set(Indicator.objects.filter(family="process").values_list("code", flat=True))
    assert {"partnership_growth", "intersectoral_share", "formal_share", "trust", "value"} <= process
    assert {"survey_response", "participation"} <= process
    assert Indicator.objects.count() >= 30
    for made in Indicator.objects.all():
        assert made.name_fr and made.name_en
        made.full_clean()  # every preloaded formula passes the checks


def save(made: Indicator) -> dict[str, list[str]]:
    with translation.override("en"):
        try:
            made.full_clean()
        except ValidationError as error:
            return error.message_dict
    return {}


def test_an_unknown_element_is_named():
    errors = save(Indicator(code="x1", name_en="x", rba_kind="how_much", numerator="nope + er_visits"))
    assert "nope" in errors["numerator"][0]


def test_a_syntax_error_is_explained():
    errors = save(Indicator(code="x1", name_en="x", rba_kind="how_much", numerator="er_visits +"))
    assert "ends too early" in errors["numerator"][0]


def test_a_constant_zero_denominator_is_refused():
    errors = save(
        Indicator(code="x1", name_en="x", rba_kind="how_much", numerator="er_visits", denominator="2-2")
    )
    assert "divides by zero" in errors["denominator"][0]


def test_a_circular_reference_is_refused_with_its_path():
    element("e1")
    indicator("first", "e1")
    indicator("second", "first * 2")
    first = Indicator.objects.get(code="first")
    first.numerator = "second + 1"
    errors = save(first)
    assert "Circular reference: first → second → first" in errors["numerator"][0]


def test_an_indicator_cannot_use_itself():
    errors = save(Indicator(code="selfish", name_en="x", rba_kind="how_much", numerator="selfish + 1"))
    assert "itself" in errors["numerator"][0]


def test_codes_are_shared_between_elements_and_indicators():
    errors = save(Indicator(code="er_visits", name_en="x", rba_kind="how_much", numerator="1"))
    assert "data element" in errors["code"][0]
    with translation.override("en"), pytest.raises(ValidationError):
        DataElement(code="density", name_en="x", source="manual").full_clean()


def test_a_code_with_a_dash_is_refused():
    errors = save(Indicator(code="er-rate", name_en="x", rba_kind="how_much", numerator="1"))
    assert "code" in errors


def test_metric_elements_need_a_known_metric():
    with pytest.raises(ValidationError) as caught:
        DataElement(code="m_x", name_en="x", source="metric", parameter="nonsense").full_clean()
    assert "parameter" in caught.value.message_dict


@pytest.mark.parametrize(
    ("text", "period"),
    [("2024", "2024"), (" 2024-Q3 ", "2024-Q3"), ("2024T2", "2024-Q2"), ("2024 q1", "2024-Q1"), ("24", None),
     ("2024-Q5", None), ("3024", None), ("<script>", None)],
)  # fmt: skip
def test_periods_are_normalised(text, period):
    assert normalise_period(text) == period


def test_targets_need_a_period():
    target = IndicatorTarget(indicator=Indicator.objects.first(), period="soon", value=1)
    with pytest.raises(ValidationError):
        target.full_clean()
