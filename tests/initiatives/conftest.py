from __future__ import annotations

import pytest

from maillage.initiatives.models import Visibility
from tests.initiatives.helpers import make_initiative


@pytest.fixture
def private_a(network_a):
    return make_initiative(network_a, "Cuisine collective privée", summary_fr="Un projet secret du réseau A.")


@pytest.fixture
def public_a(network_a):
    return make_initiative(
        network_a,
        "Popote roulante pour les aînés",
        visibility=Visibility.PUBLIC,
        summary_fr="Des repas livrés aux aînés isolés par des bénévoles.",
        contact_name="Jeanne Contact",
        contact_email="jeanne@example.org",
    )


@pytest.fixture
def private_b(network_b):
    return make_initiative(network_b, "Projet confidentiel de B", summary_fr="Réservé au réseau B.")
