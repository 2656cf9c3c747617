"""Deep pages read by their keys first hold exactly the rows, in the order, of a plain OFFSET."""

from __future__ import annotations

import pytest
from django.db.models.functions import Lower
from django.test import RequestFactory

from maillage import listing
from maillage.directory.models import Organization
from tests.conftest import make_organization


@pytest.fixture
def directory(sectors, rls):
    # Names that sort differently by case and accents, and twins told apart by their id only.
    names = ["zoé", "Alpha", "alpha", "Éole", "béluga", "Béluga", "centre", "Centre", "delta", "omega"] * 3
    return [
        make_organization(f"{name} {i % 4}", sectors["community_organization"], rls)
        for i, name in enumerate(names)
    ]


@pytest.mark.parametrize(("start", "stop"), [(0, 5), (3, 11), (20, 30), (25, 60), (29, 30)])
def test_a_deep_slice_equals_the_plain_one(directory, monkeypatch, start, stop):
    monkeypatch.setattr(listing, "DEEP_OFFSET", 1)
    rows = Organization.objects.select_related("sector").order_by(Lower("name_fr"), "id")
    expected = [o.pk for o in rows[start:stop]]
    assert [o.pk for o in listing.rows_slice(rows, start, stop)] == expected


def test_a_distinct_queryset_and_a_values_queryset_are_sliced_alike(directory, network_a, monkeypatch):
    monkeypatch.setattr(listing, "DEEP_OFFSET", 1)
    members = (
        Organization.objects.filter(memberships__network=network_a).distinct().order_by("-name_fr", "id")
    )
    assert [o.pk for o in listing.rows_slice(members, 1, 3)] == [o.pk for o in members[1:3]]
    values = Organization.objects.order_by("id").values("id", "name_fr")
    assert listing.rows_slice(values, 4, 9) == list(values[4:9])


def test_the_paginator_reads_a_deep_page_by_keys(directory, monkeypatch, settings):
    monkeypatch.setattr(listing, "DEEP_OFFSET", 1)
    settings.PAGE_SIZE = 7
    rows = Organization.objects.order_by(Lower("name_fr"), "id")
    request = RequestFactory().get("/", {"page": "3", "q": "x"})
    page, query = listing.paginate(request, rows)
    assert [o.pk for o in page.object_list] == [o.pk for o in rows[14:21]]
    assert page.number == 3 and query == "q=x"
    last, _ = listing.paginate(RequestFactory().get("/", {"page": "99"}), rows)
    assert [o.pk for o in last.object_list] == [o.pk for o in rows[(last.number - 1) * 7 :]]
