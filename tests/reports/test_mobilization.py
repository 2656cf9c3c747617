"""The Community Mobilization Model: reference data, tags on networks and initiatives, report counts."""

from __future__ import annotations

import datetime

from maillage.directory.models import MobilizationGoal, MobilizationPrinciple, MobilizationValue
from maillage.initiatives.models import Initiative
from maillage.leadership.models import LearningActivity
from maillage.networks.models import Network
from maillage.observatory.scope import Scope
from maillage.reports.content import build_report
from maillage.reports.mobilization import mobilization_model
from maillage.reports.render import render_html
from maillage.reports.scope import Period
from tests.concertation.helpers import make_document


def test_the_models_two_goals_six_principles_and_three_values_are_loaded(db):
    assert MobilizationGoal.objects.count() == 2
    assert MobilizationPrinciple.objects.count() == 6
    assert [v.name_fr for v in MobilizationValue.objects.all()] == [
        "La préservation de l'identité",
        "L'inclusion sociale",
        "L'équité",
    ]
    assert all(p.name_fr and p.name_en for p in MobilizationPrinciple.objects.all())


def test_the_programme_report_counts_what_serves_each_goal_and_principle(network_a, network_b, rls, tie_a):
    vitality = MobilizationGoal.objects.get(code="community_vitality")
    leadership = MobilizationPrinciple.objects.get(code="leadership")
    network_a.goals.add(vitality)
    network_b.goals.add(vitality)
    network_a.principles.add(leadership)
    initiative = Initiative.objects.create(
        title_fr="Corridor", territory=rls, start_date=datetime.date(2024, 1, 1)
    )
    initiative.networks.set([network_a])
    initiative.principles.add(leadership)
    outside = Initiative.objects.create(title_fr="Ailleurs", territory=rls)  # of no network in the scope
    outside.principles.add(leadership)
    workshop = LearningActivity.objects.create(
        kind="workshop", title_fr="Atelier", start_date=datetime.date(2024, 2, 1), network=network_a
    )
    workshop.principles.add(leadership)
    LearningActivity.objects.create(
        kind="workshop", title_fr="Du programme", start_date=datetime.date(2024, 2, 1)
    )
    plan = make_document(rls)  # an action plan of network A's territory
    plan.principles.add(leadership)

    scope = Scope("province", None, "Tous", Network.objects.filter(pk__in=[network_a.pk, network_b.pk]))
    model = mobilization_model(scope)
    goals = {r["name"]: (r["networks"], r["initiatives"]) for r in model["goals"]}
    principles = {r["name"]: (r["networks"], r["initiatives"]) for r in model["principles"]}
    assert goals[vitality.name] == (2, 0)
    assert principles[leadership.name] == (1, 1)
    assert {r["name"]: r["activities"] for r in model["principles"]}[leadership.name] == 1
    assert {r["name"]: r["plans"] for r in model["principles"]}[leadership.name] == 1
    assert model["tagged"] and len(model["values"]) == 3
    only_b = mobilization_model(Scope("province", None, "B", Network.objects.filter(pk=network_b.pk)))
    assert {r["name"]: r["networks"] for r in only_b["principles"]}[leadership.name] == 0

    data = build_report(scope, Period(year=2023), language="fr")
    html = render_html(data)
    assert (
        "Le Modèle de mobilisation communautaire" in html
        and "amélioration de la vitalité des communautés" in html
    )
