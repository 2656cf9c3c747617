"""Every validation rule of the survey forms, one behaviour per test."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from maillage.surveys.actions import survey_questions
from maillage.surveys.forms import (
    NetworkAnswersForm,
    PartnerAnswerForm,
    PartnerPickForm,
    QuestionForm,
    WaveForm,
)
from maillage.surveys.models import Instrument, Question, QuestionScope, Wave, WaveStatus

D = datetime.date


def test_the_three_instruments_are_loaded_in_both_languages(db):
    assert list(Instrument.objects.values_list("code", flat=True)) == ["relational", "impact", "factors"]
    impact = Question.objects.filter(instrument__code="impact")
    assert impact.count() == 8 and all(q.text_fr and q.text_en and q.with_comment for q in impact)
    factors = set(Question.objects.filter(instrument__code="factors").values_list("code", flat=True))
    assert {"shared_vision", "management_support", "experimentation", "partnership_mechanisms"} <= factors
    assert {"continuous_adjustment", "shared_power", "clear_leadership", "formal_roles"} <= factors
    partner = Question.objects.filter(instrument__code="relational", scope=QuestionScope.PARTNER)
    assert set(partner.values_list("code", flat=True)) == {
        "frequency", "level", "formality", "flows", "reliability", "mission_alignment", "openness",
        "power_influence", "involvement", "resource_contribution",
    }  # fmt: skip


# Waves ------------------------------------------------------------------------------------------------


def wave_form(network, **data):
    base = {"kind": "baseline", "date": "2024-06-01", "closes_on": "", "previous": "", "message": ""}
    return WaveForm({**base, **data}, network=network)


def test_a_valid_wave(network_a):
    assert wave_form(network_a).is_valid()


def test_a_baseline_has_no_previous_wave(network_a):
    earlier = Wave.objects.create(network=network_a, date=D(2023, 1, 1), status=WaveStatus.CLOSED)
    form = wave_form(network_a, previous=earlier.pk)
    assert not form.is_valid() and "previous" in form.errors


def test_the_previous_wave_comes_first(network_a):
    later = Wave.objects.create(network=network_a, date=D(2025, 1, 1), status=WaveStatus.CLOSED)
    form = wave_form(network_a, kind="follow_up", previous=later.pk)
    assert not form.is_valid() and "previous" in form.errors


def test_the_previous_wave_belongs_to_the_same_network_and_is_closed(network_a, network_b):
    elsewhere = Wave.objects.create(network=network_b, date=D(2023, 1, 1), status=WaveStatus.CLOSED)
    draft = Wave.objects.create(network=network_a, date=D(2023, 1, 1))
    for wave in (elsewhere, draft):
        form = wave_form(network_a, kind="follow_up", previous=wave.pk)
        assert not form.is_valid() and "previous" in form.errors


def test_answers_cannot_stop_before_the_wave(network_a):
    form = wave_form(network_a, closes_on="2024-05-01")
    assert not form.is_valid() and "closes_on" in form.errors


@pytest.mark.parametrize("date", ["1850-01-01", "2999-01-01", "not a date"])
def test_a_wave_date_must_be_plausible(network_a, date):
    form = wave_form(network_a, date=date)
    assert not form.is_valid() and "date" in form.errors


def test_a_very_long_message_is_refused(network_a):
    form = wave_form(network_a, message="x" * 3001)
    assert not form.is_valid() and "message" in form.errors


# Own questions ----------------------------------------------------------------------------------------


def question_form(**data):
    base = {"kind": "single", "text_fr": "Question ?", "text_en": "", "choices_text": "Oui | Yes\nNon | No"}
    return QuestionForm({"scale_min": 1, "scale_max": 5, **base, **data})


def test_a_valid_choice_question():
    form = question_form()
    assert form.is_valid(), form.errors
    assert form.cleaned_data["choices"][1] == {"code": "2", "fr": "Non", "en": "No"}


def test_a_question_needs_words():
    form = question_form(text_fr="  ", text_en="")
    assert not form.is_valid() and "text_fr" in form.errors


def test_a_choice_question_needs_two_choices():
    form = question_form(choices_text="Oui | Yes")
    assert not form.is_valid() and "choices_text" in form.errors


def test_a_text_or_scale_question_has_no_choices():
    for kind in ("text", "scale"):
        form = question_form(kind=kind)
        assert not form.is_valid() and "choices_text" in form.errors


def test_a_scale_goes_up_to_ten_low_end_first():
    for low, high in ((5, 5), (3, 1), (1, 11)):
        form = question_form(kind="scale", choices_text="", scale_min=low, scale_max=high)
        assert not form.is_valid() and "scale_max" in form.errors


def test_too_many_or_too_long_choices_are_refused():
    many = "\n".join(f"Choix {n}" for n in range(31))
    assert "choices_text" in question_form(choices_text=many).errors
    assert "choices_text" in question_form(choices_text="a\n" + "b" * 201).errors
    assert "choices_text" in question_form(choices_text="a\n | ").errors


def test_an_unknown_kind_is_refused():
    assert "kind" in question_form(kind="matrix").errors


# Answers about partners -------------------------------------------------------------------------------


@pytest.fixture
def partner_questions(draft_wave):
    return [q for q in survey_questions(draft_wave) if q.scope == QuestionScope.PARTNER]


def partner_form(questions, partner, **data):
    base = {"frequency": "monthly", "level": "3", "formality": "formal", "flows": ["information"]}
    return PartnerAnswerForm({**base, **data}, questions=questions, partner=partner)


def test_a_complete_partner_answer(partner_questions, orgs):
    form = partner_form(partner_questions, orgs[1], reliability="4", openness="")
    assert form.is_valid(), form.errors
    values = form.answer_values()
    assert values["level"] == 3 and values["reliability"] == 4 and values["openness"] is None
    assert values["information"] is True and values["referrals"] is False


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reliability", "5"),
        ("reliability", "0"),
        ("power_influence", "abc"),
        ("level", "0"),
        ("level", "6"),
        ("frequency", "hourly"),
        ("formality", "secret"),
        ("flows", ["money-laundering"]),
    ],
)
def test_values_off_the_question_are_refused(partner_questions, orgs, field, value):
    form = partner_form(partner_questions, orgs[1], **{field: value})
    assert not form.is_valid() and field in form.errors


def test_blank_answers_may_be_saved_and_are_checked_at_submission(partner_questions, orgs):
    form = PartnerAnswerForm({}, questions=partner_questions, partner=orgs[1])
    assert form.is_valid()
    assert form.answer_values()["level"] is None


def test_only_current_members_other_than_oneself_can_be_named(network_a, network_b, orgs):
    from maillage.directory.models import Organization

    candidates = Organization.objects.filter(memberships__network=network_a).exclude(pk=orgs[0].pk)
    outsider_org = network_b.memberships.get().organization
    for partner in (orgs[0], outsider_org, orgs[4]):
        form = PartnerPickForm({"partners": [partner.pk]}, candidates=candidates)
        assert not form.is_valid() and "partners" in form.errors
    assert PartnerPickForm({"partners": [orgs[1].pk, orgs[2].pk]}, candidates=candidates).is_valid()


# Answers about the network ----------------------------------------------------------------------------


@pytest.fixture
def network_form_questions(draft_wave):
    return survey_questions(draft_wave)


def network_form(questions, **data):
    with translation.override("en"):
        form = NetworkAnswersForm(data, questions=questions)
        form.is_valid()
    return form


def test_impact_answers_and_comments_are_kept(network_form_questions):
    form = network_form(
        network_form_questions, q_partnership_growth="4", c_partnership_growth="Plus de liens",
        q_contributions=["expertise", "volunteers"], q_shared_power="2",
    )  # fmt: skip
    assert form.is_valid(), form.errors
    answers, comments = form.answers()
    assert answers == {
        "partnership_growth": "4",
        "contributions": ["expertise", "volunteers"],
        "shared_power": "2",
    }
    assert comments == {"partnership_growth": "Plus de liens"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("q_partnership_growth", "6"),
        ("q_partnership_growth", "0"),
        ("q_shared_vision", "-1"),
        ("q_outcomes", ["world_peace"]),
        ("c_community_vitality", "x" * 1001),
        ("quote", "y" * 2001),
        ("quote_consent", "everyone"),
    ],
)
def test_network_answers_off_the_question_are_refused(network_form_questions, field, value):
    form = network_form(network_form_questions, **{"quote": "Nous sommes tous du même côté", field: value})
    assert not form.is_valid() and field in form.errors


def test_consent_without_words_is_dropped(network_form_questions):
    form = network_form(network_form_questions, quote="  ", quote_consent="named")
    assert form.is_valid() and form.cleaned_data["quote_consent"] == ""


def test_a_custom_question_is_validated_like_the_others(draft_wave, network_form_questions):
    question = Question.objects.create(
        wave=draft_wave, code="custom-x", kind="single", text_fr="Couleur ?", required=True,
        choices=[{"code": "1", "fr": "Bleu", "en": "Blue"}, {"code": "2", "fr": "Rouge", "en": "Red"}],
    )  # fmt: skip
    questions = survey_questions(draft_wave)
    assert question in questions
    assert "q_custom-x" in network_form(questions, **{"q_custom-x": "3"}).errors
    assert network_form(questions, **{"q_custom-x": "2"}).is_valid()
