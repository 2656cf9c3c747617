"""The report's "Lessons about partnership": the path of stages and only the lessons cleared to publish."""

from __future__ import annotations

import datetime

from maillage.lessons.models import DevelopmentStage, Lesson, NetworkStage
from maillage.observatory.scope import network_scope
from maillage.reports.content import SECTIONS, build_report
from maillage.reports.render import render_html
from maillage.reports.scope import Period
from maillage.surveys.forms import NetworkAnswersForm
from tests.reports.test_measures import answered_wave


def test_the_lessons_section_sits_between_progress_and_their_words():
    keys = [key for key, _number in SECTIONS]
    assert keys.index("lessons") == keys.index("progress") + 1 == keys.index("words") - 1


def test_the_report_shows_the_stage_path_and_only_published_lessons(network_a, orgs, tie_a):
    stages = {s.code: s for s in DevelopmentStage.objects.all()}
    for day, code in ((datetime.date(2023, 5, 1), "emerging"), (datetime.date(2024, 5, 1), "consolidating")):
        NetworkStage.objects.create(network=network_a, stage=stages[code], reached_on=day)
    NetworkStage.objects.create(
        network=network_a, stage=stages["mature"], reached_on=datetime.date(2027, 1, 1)
    )
    day = datetime.date(2024, 6, 1)
    Lesson.objects.create(
        network=network_a,
        noted_on=day,
        text="Publiée anonymement",
        publication="anonymous",
        organization=orgs[1],
    )
    Lesson.objects.create(network=network_a, noted_on=day, text="Jamais publiée", publication="")
    wave = answered_wave(network_a, orgs, datetime.date(2024, 5, 1), "baseline", [3, 4])
    first, second = (i.response for i in wave.invitations.order_by("organization_id"))
    first.lesson, first.lesson_consent = "Leçon d'un partenaire nommé", "named"
    second.lesson, second.lesson_consent = "Leçon sans consentement", ""
    first.save(), second.save()

    data = build_report(network_scope(network_a), Period(year=2024), language="fr")
    section = data.sections["lessons"]
    assert [r.stage.code for r in section["stages"]["path"]] == ["emerging", "consolidating"]  # not 2027
    assert section["stages"]["current"].stage.code == "consolidating"
    shown = {(x.text, x.attribution) for x in section["lessons"]}
    assert shown == {
        ("Leçon d'un partenaire nommé", first.invitation.organization.name),
        ("Publiée anonymement", "Un partenaire (CLSC)"),  # the sector only, not the name
    }
    html = render_html(data)
    assert (
        "Leçons sur le partenariat" in html and "Étapes de développement" in html and "Consolidation" in html
    )
    assert "Jamais publiée" not in html and "Leçon sans consentement" not in html


def test_the_survey_form_keeps_the_lesson_only_with_words():
    form = NetworkAnswersForm({"lesson": "   ", "lesson_consent": "named"}, questions=[])
    assert form.is_valid() and form.cleaned_data["lesson_consent"] == ""
    form = NetworkAnswersForm({"lesson": "Se parler tôt.", "lesson_consent": "anonymous"}, questions=[])
    assert form.is_valid() and form.cleaned_data["lesson_consent"] == "anonymous"
