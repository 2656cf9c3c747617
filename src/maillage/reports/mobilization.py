"""The Community Mobilization Model in the report: what each goal and principle is served by.

For the networks of the report, how many of them, of their initiatives and of their learning activities are
tagged with each goal and principle of CHSSN's model (seed 000); the model's values are listed with them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from maillage.concertation.models import DocumentKind, TerritoryDocument
from maillage.directory.models import MobilizationGoal, MobilizationPrinciple, MobilizationValue
from maillage.initiatives.models import Initiative
from maillage.leadership.models import LearningActivity
from maillage.networks.models import Network
from maillage.observatory import Scope


def _counted(model: Any, scope: Scope) -> list[dict[str, Any]]:
    networks = scope.networks.values("pk")
    initiatives = Initiative.objects.filter(networks__in=networks).values("pk")
    activities = LearningActivity.objects.filter(network__in=networks).values("pk")
    # A network's action plans: those of its territory (portraits and action plans are a territory's).
    plans = TerritoryDocument.objects.filter(
        kind=DocumentKind.ACTION_PLAN,
        territory__in=Network.objects.filter(pk__in=networks).values("territory"),
    ).values("pk")
    rows = model.objects.annotate(
        networks=Count("network", filter=Q(network__in=networks), distinct=True),
        initiatives=Count("initiative", filter=Q(initiative__in=initiatives), distinct=True),
        activities=Count("learningactivity", filter=Q(learningactivity__in=activities), distinct=True),
        plans=Count("territorydocument", filter=Q(territorydocument__in=plans), distinct=True),
    ).order_by("order", "code")
    return [
        {
            "name": row.name,
            "networks": row.networks,
            "initiatives": row.initiatives,
            "activities": row.activities,
            "plans": row.plans,
        }
        for row in rows
    ]


def mobilization_model(scope: Scope) -> dict[str, Any]:
    goals = _counted(MobilizationGoal, scope)
    principles = _counted(MobilizationPrinciple, scope)
    tagged = any(
        r["networks"] or r["initiatives"] or r["activities"] or r["plans"] for r in goals + principles
    )
    return {
        "goals": goals,
        "principles": principles,
        "values": [v.name for v in MobilizationValue.objects.all()],
        "tagged": tagged,
    }
