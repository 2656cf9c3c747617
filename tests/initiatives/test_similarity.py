"""The "similar initiatives already exist here" panel of the form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.directory.models import Territory, TerritoryKind
from maillage.initiatives.similarity import similar_initiatives
from tests.conftest import client_for
from tests.initiatives.helpers import make_initiative


@pytest.fixture
def neighbourhood(network_a, network_b, rls, other_region):
    community = Territory.objects.create(
        kind=TerritoryKind.COMMUNITY, code="T-COM", name_fr="Quartier", parent=rls
    )
    return {
        "same": make_initiative(
            network_a, "Popote roulante", summary_fr="Repas chauds livrés aux aînés isolés par des bénévoles."
        ),
        "child": make_initiative(
            network_a,
            "Repas aux aînés du quartier",
            territory=community,
            summary_fr="Des bénévoles livrent des repas chauds aux aînés.",
        ),
        "unrelated": make_initiative(network_a, "Prévention du suicide", summary_fr="Ligne d'écoute 24/7."),
        "far": make_initiative(
            network_b,
            "Popote roulante ailleurs",
            territory=other_region,
            summary_fr="Repas chauds livrés aux aînés.",
        ),
    }


def test_it_finds_similar_text_nearby_only(neighbourhood, coordinator, rls):
    found = similar_initiatives("Livraison de repas chauds pour aînés isolés", rls, coordinator)
    titles = [s.initiative.title for s in found]
    assert set(titles) == {"Popote roulante", "Repas aux aînés du quartier"}
    assert titles[0] == "Popote roulante"  # the closest wording first
    assert all(0 < s.score <= 1 for s in found)


def test_nothing_for_an_empty_text_or_without_a_territory(neighbourhood, coordinator, rls):
    assert similar_initiatives("", rls, coordinator) == []
    assert similar_initiatives("le la les de des", rls, coordinator) == []
    assert similar_initiatives("repas aînés", None, coordinator) == []


def test_the_panel_warns_before_saving(neighbourhood, coordinator, rls):
    response = client_for(coordinator).get(
        "/en/initiatives/similar/",
        {"title_fr": "Repas pour aînés", "summary_fr": "livrés par des bénévoles", "territory": rls.pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Similar initiatives already exist here" in html and "Popote roulante" in html
    assert "Prévention du suicide" not in html


def test_the_panel_leaves_out_the_initiative_being_edited_and_what_the_user_cannot_read(
    neighbourhood, coordinator, outsider, rls
):
    params = {
        "title_fr": "Popote roulante",
        "summary_fr": "Repas chauds aux aînés",
        "territory": rls.pk,
        "initiative": neighbourhood["same"].pk,
    }
    html = client_for(coordinator).get(reverse("initiatives:similar"), params).content.decode()
    assert "Repas aux aînés du quartier" in html and f"/initiatives/{neighbourhood['same'].pk}/" not in html
    # The outsider (network B) may not read network A's private initiatives: nothing leaks.
    del params["initiative"]
    assert "Popote" in client_for(coordinator).get(reverse("initiatives:similar"), params).content.decode()
    assert "Popote" not in client_for(outsider).get(reverse("initiatives:similar"), params).content.decode()


@pytest.mark.parametrize("territory", ["", "abc", "99999", "-1"])
def test_bad_parameters_give_an_empty_panel(coordinator, territory):
    response = client_for(coordinator).get(
        reverse("initiatives:similar"), {"title_fr": "x", "territory": territory}
    )
    assert response.status_code == 200 and response.content.decode().strip() == ""


def test_the_panel_is_for_coordinators(member):
    assert client_for(member).get(reverse("initiatives:similar")).status_code == 403
