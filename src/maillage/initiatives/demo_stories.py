"""Demo content: a documented joint project for every demo network that the example initiatives miss.

Each story is drawn from the network's own data (its strongest formal tie at the latest wave), so the
report's "Effects beyond services" has something true to the demo to tell for every network.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from maillage.directory.models import Organization
from maillage.initiatives.models import Initiative, InitiativePartner, Outcome, Stage, Visibility
from maillage.networks.models import Network
from maillage.ties.models import Tie


def english(organization: Organization) -> str:
    return organization.name_en or organization.name_fr


@transaction.atomic
def build_network_stories(networks: list[Network]) -> int:
    """One running initiative for each network without any; returns how many were written."""
    created = 0
    for network in networks:
        if network.initiatives.exists():
            continue
        tie = (
            Tie.objects.filter(network=network, current_level__gt=0)
            .select_related("organization_a", "organization_b")
            .order_by("-current_level", "current_formality", "pk")
            .first()
        )
        if tie is None:
            continue
        first, second = tie.organization_a, tie.organization_b
        initiative = Initiative.objects.create(
            title_fr=f"Corridor de services : {first.name_fr} et {second.name_fr}",
            title_en=f"Service corridor: {english(first)} and {english(second)}",
            summary_fr=(
                "Une personne orientée par l'un des deux partenaires est reçue par l'autre dans la semaine, "
                "avec l'information déjà transmise : moins d'attente, moins de récits à répéter."
            ),
            summary_en=(
                "A person referred by one partner is seen by the other within the week, with the information "
                "already passed on: less waiting, fewer stories to tell again."
            ),
            territory=network.territory,
            outcomes=[Outcome.ACCESSIBILITY, Outcome.CONTINUITY],
            start_date=datetime.date(2024, 9, 1),
            stage=Stage.RUNNING,
            visibility=Visibility.PRIVATE,
        )
        initiative.networks.set([network])
        for organization, role in ((first, "Oriente les personnes"), (second, "Reçoit les personnes")):
            InitiativePartner.objects.create(initiative=initiative, organization=organization, role=role)
        created += 1
    return created
