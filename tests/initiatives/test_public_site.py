"""The public observatory site: no sign-in, public initiatives only, nothing private in list, search, feed."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from tests.conftest import client_for

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def site(public_a, private_a, private_b):
    return {"public": public_a, "private": [private_a, private_b]}


@pytest.mark.parametrize("who", [None, "admin", "coordinator", "outsider"])
def test_the_list_and_search_show_only_public_initiatives(site, people, who):
    client = client_for(people[who] if who else None)
    for params in [{}, {"q": "réseau"}, {"q": "projet"}, {"q": "cuisine"}, {"q": "confidentiel"}]:
        page = client.get(reverse("initiatives:public_list"), params).content.decode()
        for private in site["private"]:
            assert private.title_fr not in page, (who, params)
    assert "Popote roulante pour les aînés" in client.get(reverse("initiatives:public_list")).content.decode()


def test_a_private_initiative_is_not_found_on_the_public_site(site, admin):
    private = site["private"][0]
    for name in ["initiatives:public_detail", "initiatives:public_glance"]:
        assert client_for(None).get(reverse(name, kwargs={"pk": private.pk})).status_code == 404
        assert client_for(admin).get(reverse(name, kwargs={"pk": private.pk})).status_code == 404
    assert (
        client_for(None).get(reverse("initiatives:public_detail", kwargs={"pk": 987654})).status_code == 404
    )


def test_the_public_detail_hides_networks_and_unconsented_contacts(site):
    page = client_for(None).get(reverse("initiatives:public_detail", kwargs={"pk": site["public"].pk}))
    html = page.content.decode()
    assert page.status_code == 200 and "Popote roulante pour les aînés" in html
    assert "Réseau A" not in html and "Jeanne Contact" not in html and "jeanne@example.org" not in html


def test_the_atom_feed_lists_public_initiatives_only(site):
    response = client_for(None).get(reverse("initiatives:feed"))
    assert response.status_code == 200 and "atom" in response["Content-Type"]
    feed = ElementTree.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Popote roulante pour les aînés"]
    assert all(p.title_fr not in response.content.decode() for p in site["private"])
    link = next(feed.iter(f"{ATOM}entry")).find(f"{ATOM}link").get("href")
    assert link.endswith(reverse("initiatives:public_detail", kwargs={"pk": site["public"].pk}))


def test_the_printable_page_is_one_standalone_page(site):
    response = client_for(None).get(reverse("initiatives:public_glance", kwargs={"pk": site["public"].pk}))
    html = response.content.decode()
    assert response.status_code == 200 and 'class="glance-sheet"' in html
    assert "topbar" not in html  # no navigation on paper


def test_the_public_site_works_in_english(site):
    html = client_for(None).get("/en/observatoire/").content.decode()
    assert "Observatory of initiatives" in html and "Popote roulante" in html


def test_facet_links_filter_and_bad_filters_are_ignored(site, network_a):
    client = client_for(None)
    response = client.get(
        reverse("initiatives:public_list"), {"stage": "nonsense", "region": "abc", "q": "x" * 300}
    )
    assert response.status_code == 200
    region = network_a.territory.parent.parent
    html = client.get(reverse("initiatives:public_list"), {"region": region.pk}).content.decode()
    assert "Popote roulante" in html
