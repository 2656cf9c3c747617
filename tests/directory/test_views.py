from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.directory.models import Organization
from tests.conftest import client_for

HOSTILE = "<script>alert('x')</script>"


def organization_post(sectors, **overrides):
    data = {
        "name_fr": "Nouvel organisme",
        "name_en": "",
        "acronym": "",
        "sector": sectors["clsc"].pk,
        "territory": "",
        "parent": "",
        "website": "",
        "description": "",
        "active": "on",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_an_organization(coordinator, sectors):
    response = client_for(coordinator).post(
        reverse("directory:organization_create"),
        organization_post(sectors, name_fr="Carrefour des aînés Éole", languages=["fr", "en"]),
    )
    organization = Organization.objects.get(name_fr="Carrefour des aînés Éole")
    assert response.status_code == 302
    assert organization.languages == ["fr", "en"]
    assert organization.search_text == "carrefour des aines eole"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name_fr": ""}, "name_fr", "un nom en français ou en anglais"),
        ({"sector": "999999"}, "sector", "Sélectionnez un choix valide"),
        ({"name_fr": "x" * 201}, "name_fr", "au plus 200"),
        ({"website": "pas une adresse"}, "website", "URL valide"),
        ({"parent": "Organisme inconnu"}, "parent", "Aucun organisme"),
        ({"languages": ["klingon"]}, "languages", "Sélectionnez un choix valide"),
    ],
)
def test_bad_input_gets_a_french_message_next_to_the_field_and_saves_nothing(
    coordinator, sectors, overrides, field, message
):
    before = Organization.objects.count()
    response = client_for(coordinator).post(
        reverse("directory:organization_create"), organization_post(sectors, **overrides)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    assert Organization.objects.count() == before


def test_hostile_names_are_shown_escaped(coordinator, sectors):
    client = client_for(coordinator)
    client.post(
        reverse("directory:organization_create"), organization_post(sectors, name_fr=HOSTILE + " é 🙂 עברית")
    )
    organization = Organization.objects.get(name_fr__startswith="<script>")
    page = client.get(
        reverse("directory:organization_detail", kwargs={"pk": organization.pk})
    ).content.decode()
    assert HOSTILE not in page
    assert "&lt;script&gt;" in page
    listing = client.get(reverse("directory:organization_list"), {"q": "script"}).content.decode()
    assert "&lt;script&gt;" in listing and HOSTILE not in listing


def test_search_ignores_accents_and_case(member, orgs):
    page = client_for(member).get(reverse("directory:organization_list"), {"q": "EOLE entraide"})
    assert [o.pk for o in page.context["page"].object_list] == [orgs[0].pk]


def test_filters_by_sector_and_territory_and_paginates(member, orgs, sectors, rls, region, settings):
    settings.PAGE_SIZE = 2
    client = client_for(member)
    by_sector = client.get(
        reverse("directory:organization_list"), {"sector": sectors["community_organization"].pk}
    )
    assert {o.pk for o in by_sector.context["page"].object_list} == {orgs[0].pk, orgs[2].pk}
    by_region = client.get(reverse("directory:organization_list"), {"territory": region.pk})
    assert by_region.context["page"].paginator.count == 5
    second = client.get(reverse("directory:organization_list"), {"territory": region.pk, "page": 2})
    assert len(second.context["page"].object_list) == 2
    assert "territory=" in second.context["query"]


def test_search_as_you_type_returns_only_the_rows(member, orgs):
    response = client_for(member).get(
        reverse("directory:organization_list"), {"q": "pharm"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "Pharmacie du Coin" in body and "<html" not in body


def test_suggestions_give_name_and_territory(member, orgs):
    response = client_for(member).get(reverse("directory:organization_suggest"), {"q": "boreal"})
    body = response.content.decode()
    assert "Maison de la famille Boréal — RLS test" in body and "[#" not in body


def test_suggestions_tell_twins_apart_by_id(member, orgs, sectors, rls):
    twin = Organization.objects.create(name_fr=orgs[2].name_fr, sector=sectors["clsc"], territory=rls)
    body = client_for(member).get(reverse("directory:organization_suggest"), {"q": "boreal"}).content.decode()
    assert f"Maison de la famille Boréal — RLS test [#{orgs[2].pk}]" in body
    assert f"Maison de la famille Boréal — RLS test [#{twin.pk}]" in body


def test_a_member_is_added_by_name_and_territory(coordinator, network_a, orgs):
    url = reverse("networks:membership_add", kwargs={"pk": network_a.pk})
    response = client_for(coordinator).post(
        url, {"organization": f"{orgs[4].name} — RLS test", "role": "member"}
    )
    assert response.status_code == 302
    assert network_a.memberships.filter(organization=orgs[4]).exists()


def test_an_organization_cannot_be_its_own_parent(coordinator, orgs, sectors):
    url = reverse("directory:organization_edit", kwargs={"pk": orgs[0].pk})
    response = client_for(coordinator).post(
        url, organization_post(sectors, name_fr=orgs[0].name_fr, parent=f"{orgs[0].name} [#{orgs[0].pk}]")
    )
    assert "parent" in response.context["form"].errors
    orgs[0].refresh_from_db()
    assert orgs[0].parent_id is None


def test_admin_builds_the_territory_hierarchy_and_wrong_parents_are_refused(admin, region, rls):
    client = client_for(admin)
    response = client.post(
        reverse("directory:territory_create"),
        {"kind": "community", "code": "Q1", "name_fr": "Quartier Un", "parent": rls.pk},
    )
    assert response.status_code == 302
    bad = client.post(
        reverse("directory:territory_create"),
        {"kind": "region", "code": "Q2", "name_fr": "Région bis", "parent": rls.pk},
    )
    assert "parent" in bad.context["form"].errors
    duplicate = client.post(
        reverse("directory:territory_create"),
        {"kind": "community", "code": "Q1", "name_fr": "Autre", "parent": rls.pk},
    )
    assert "code" in duplicate.context["form"].errors


def test_a_coordinator_adds_an_organization_from_its_page(coordinator, network_a, orgs):
    client = client_for(coordinator)
    page = client.get(reverse("directory:organization_detail", kwargs={"pk": orgs[4].pk})).content.decode()
    link = f"/networks/{network_a.pk}/members/add/?organization={orgs[4].pk}"
    assert f'href="{link}"' in page
    form = client.get(link).content.decode()
    assert 'value="Pharmacie du Coin — RLS test"' in form
    assert (
        client.post(link, {"organization": "Pharmacie du Coin — RLS test", "role": "member"}).status_code
        == 302
    )
    assert network_a.memberships.filter(organization=orgs[4]).exists()


def test_no_link_to_add_where_it_already_sits_or_to_a_network_not_coordinated(
    coordinator, member, outsider, network_a, network_b, orgs
):
    url = reverse("directory:organization_detail", kwargs={"pk": orgs[0].pk})
    assert "data-join-network" not in client_for(coordinator).get(url).content.decode()  # already in A
    assert "data-join-network" not in client_for(member).get(url).content.decode()
    page = client_for(outsider).get(reverse("directory:organization_detail", kwargs={"pk": orgs[4].pk}))
    assert f'data-join-network="{network_b.pk}"' in page.content.decode()
    assert f'data-join-network="{network_a.pk}"' not in page.content.decode()
