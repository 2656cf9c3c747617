"""The register's pages for each role, writing an initiative, bad and hostile input, query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.initiatives.models import Initiative, Outcome, Visibility
from tests.conftest import client_for
from tests.initiatives.helpers import make_initiative


def valid_post(network, place, **extra) -> dict:
    data = {
        "title_fr": "Jardin collectif des Bâtisseurs",
        "title_en": "",
        "summary_fr": "Un jardin partagé où familles et aînés cultivent ensemble.",
        "territory": place.pk,
        "networks": [network.pk],
        "stage": "running",
        "visibility": "private",
        "outcomes": [Outcome.ACCESSIBILITY],
        "partners-TOTAL_FORMS": "2",
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "1000",
        "partners-0-name": "Ville de Sainte-Fiction",
        "partners-0-role": "Prête le terrain",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", 200), ("member", 200), ("outsider", 403), ("viewer", 200), ("admin", 200)],
)
def test_private_detail_for_each_role(people, private_a, role, status):
    response = client_for(people[role]).get(reverse("initiatives:detail", kwargs={"pk": private_a.pk}))
    assert response.status_code == status
    if status == 200:
        assert "Cuisine collective privée" in response.content.decode()


def test_anyone_signed_in_reads_a_public_initiative(people, public_a):
    url = reverse("initiatives:detail", kwargs={"pk": public_a.pk})
    assert client_for(people["outsider"]).get(url).status_code == 200


def test_the_list_shows_what_each_role_may_read(people, private_a, public_a, private_b):
    def titles(role):
        return client_for(people[role]).get(reverse("initiatives:list")).content.decode()

    assert "Cuisine collective privée" in titles("member")
    assert "Projet confidentiel de B" not in titles("member")
    outsider = titles("outsider")
    assert "Projet confidentiel de B" in outsider and "Cuisine collective privée" not in outsider
    assert "Popote roulante" in outsider
    assert all(t in titles("admin") for t in ["Cuisine collective", "Projet confidentiel", "Popote"])


def test_coordinator_documents_an_initiative(coordinator, network_a, rls, orgs):
    response = client_for(coordinator).post(
        reverse("initiatives:create"),
        valid_post(
            network_a, rls, **{"partners-1-organization": f"x [#{orgs[1].pk}]", "partners-1-role": "Anime"}
        ),
    )
    initiative = Initiative.objects.get(title_fr="Jardin collectif des Bâtisseurs")
    assert response.status_code == 302 and response["Location"].endswith(f"/initiatives/{initiative.pk}/")
    assert list(initiative.networks.all()) == [network_a]
    assert initiative.outcomes == ["accessibility"] and initiative.created_by == coordinator
    assert [(p.display_name, p.role) for p in initiative.partners.all()] == [
        ("Ville de Sainte-Fiction", "Prête le terrain"),
        (orgs[1].name, "Anime"),
    ]


def test_a_coordinator_cannot_file_into_another_network(coordinator, network_b, rls):
    response = client_for(coordinator).post(reverse("initiatives:create"), valid_post(network_b, rls))
    assert response.status_code == 200
    assert "networks" in response.context["form"].errors
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title_fr": "", "title_en": ""}, "title_fr"),
        ({"summary_fr": ""}, "summary_fr"),
        ({"start_date": "2024-05-01", "end_date": "2020-01-01"}, "end_date"),
        ({"contact_consent": "on"}, "contact_name"),
        ({"title_fr": "x" * 500}, "title_fr"),
        ({"territory": "999999"}, "territory"),
        ({"stage": "famous"}, "stage"),
        ({"contact_email": "pas-une-adresse"}, "contact_email"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(coordinator, network_a, rls, changes, field):
    response = client_for(coordinator).post(
        reverse("initiatives:create"), valid_post(network_a, rls, **changes)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Initiative.objects.exists()


def test_a_partner_role_without_a_partner_is_refused(coordinator, network_a, rls):
    data = valid_post(network_a, rls, **{"partners-0-name": "", "partners-0-role": "Coordonne"})
    response = client_for(coordinator).post(reverse("initiatives:create"), data)
    assert response.status_code == 200 and "name" in response.context["partners"].forms[0].errors
    unknown = valid_post(network_a, rls, **{"partners-1-organization": "Nulle part inc."})
    assert client_for(coordinator).post(reverse("initiatives:create"), unknown).status_code == 200
    assert not Initiative.objects.exists()


def test_hostile_text_is_escaped_everywhere(coordinator, network_a, rls):
    evil = "<script>alert('x')</script>"
    data = valid_post(network_a, rls, title_fr=evil, summary_fr=evil, story_fr=evil, visibility="public")
    data["partners-0-name"] = evil
    client_for(coordinator).post(reverse("initiatives:create"), data)
    initiative = Initiative.objects.get()
    for url in [
        reverse("initiatives:detail", kwargs={"pk": initiative.pk}),
        reverse("initiatives:list"),
        reverse("initiatives:public_detail", kwargs={"pk": initiative.pk}),
        reverse("initiatives:public_glance", kwargs={"pk": initiative.pk}),
        reverse("initiatives:public_list") + "?q=" + evil,
    ]:
        page = client_for(coordinator).get(url).content.decode()
        assert evil not in page and "&lt;script&gt;" in page, url


def test_editing_keeps_links_to_networks_the_coordinator_does_not_hold(
    coordinator, network_a, network_b, rls
):
    initiative = make_initiative(network_a, "Commune")
    initiative.networks.add(network_b)
    initiative.partners.create(name="Gardé", role="Reste")
    url = reverse("initiatives:edit", kwargs={"pk": initiative.pk})
    form_page = client_for(coordinator).get(url)
    assert form_page.status_code == 200 and "Gardé" in form_page.content.decode()
    data = valid_post(network_a, rls, title_fr="Commune, revue")
    data.update({"partners-INITIAL_FORMS": "1", "partners-TOTAL_FORMS": "2", "partners-0-name": "Gardé"})
    response = client_for(coordinator).post(url, data)
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.title_fr == "Commune, revue"
    assert set(initiative.networks.all()) == {network_a, network_b}
    assert [p.name for p in initiative.partners.all()] == ["Gardé"]


@pytest.mark.parametrize(("role", "status"), [("member", 403), ("outsider", 403), ("viewer", 403)])
def test_only_its_coordinators_edit(people, private_a, network_a, rls, role, status):
    url = reverse("initiatives:edit", kwargs={"pk": private_a.pk})
    response = client_for(people[role]).post(url, valid_post(network_a, rls, title_fr="Volé"))
    assert response.status_code == status
    private_a.refresh_from_db()
    assert private_a.title_fr == "Cuisine collective privée"


def test_contact_shown_only_with_consent(member, public_a):
    url = reverse("initiatives:detail", kwargs={"pk": public_a.pk})
    assert "Jeanne Contact" not in client_for(member).get(url).content.decode()
    public_a.contact_consent = True
    public_a.save()
    assert "Jeanne Contact" in client_for(member).get(url).content.decode()
    assert (
        "Jeanne Contact"
        in client_for(None)
        .get(reverse("initiatives:public_detail", kwargs={"pk": public_a.pk}))
        .content.decode()
    )


def test_english_pages_fall_back_to_french_content(member, private_a):
    private_a.title_en = ""
    private_a.save()
    page = client_for(member).get(f"/en/initiatives/{private_a.pk}/").content.decode()
    assert "Cuisine collective privée" in page and "Target populations" in page


def queries_for(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params or {}).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("params", [{}, {"q": "initiative"}, {"stage": "running"}])
@pytest.mark.parametrize("name", ["initiatives:list", "initiatives:public_list"])
def test_list_pages_use_a_fixed_number_of_queries(admin, network_a, settings, name, params):
    settings.PAGE_SIZE = 50
    client = client_for(admin)

    def grow(count, start):
        for index in range(start, start + count):
            initiative = make_initiative(network_a, f"Initiative {index}", visibility=Visibility.PUBLIC)
            initiative.partners.create(name=f"Partenaire {index}")

    grow(3, 0)
    few = queries_for(client, reverse(name), params)
    grow(30, 3)
    many = queries_for(client, reverse(name), params)
    assert few == many, f"{name} {params}: {few} queries for a few rows, {many} for many"
