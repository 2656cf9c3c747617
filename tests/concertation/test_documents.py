"""Portraits and action plans of a territory, and the warning that one may already exist."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from maillage.concertation.models import DocumentKind, TerritoryDocument
from maillage.directory.models import Population
from tests.conftest import client_for


@pytest.fixture(autouse=True)
def _french_afterwards():  # type: ignore[no-untyped-def]
    yield
    translation.activate("fr")


@pytest.fixture
def portrait(rls, orgs) -> TerritoryDocument:
    document = TerritoryDocument.objects.create(
        territory=rls.parent,  # the CISSS above the RLS
        kind=DocumentKind.PORTRAIT,
        title="Portrait de la population 2022",
        published_on=datetime.date(2022, 5, 1),
        author_organization=orgs[1],
        period_start=2021,
        period_end=2023,
        needs_expressed="Transport vers les services",
        needs_not_expressed="Isolement des aînés anglophones",
    )
    document.populations.set([Population.objects.get(code="seniors")])
    return document


def _form(rls, **extra):  # type: ignore[no-untyped-def]
    seniors = Population.objects.get(code="seniors").pk
    return {
        "territory": rls.pk, "kind": DocumentKind.PORTRAIT, "title": "Portrait du quartier",
        "published_on": "2023-03-01", "period_start": 2022, "period_end": 2024,
        "populations": [seniors], **extra,
    }  # fmt: skip


def test_the_panel_shows_a_portrait_of_the_territory_above_for_the_same_years(coordinator, portrait, rls):
    client = client_for(coordinator)
    html = client.get("/en/concertation/documents/similar/", _form(rls)).content.decode()
    assert "This document may already exist" in html and f'data-document="{portrait.pk}"' in html
    assert "Seniors" in html
    later = client.get("/en/concertation/documents/similar/", _form(rls, period_start=2025, period_end=2026))
    assert "data-document" not in later.content.decode()
    plan = client.get("/en/concertation/documents/similar/", _form(rls, kind=DocumentKind.ACTION_PLAN))
    assert "data-document" not in plan.content.decode()


def test_a_coordinator_records_a_document_and_everyone_reads_it(people, rls, orgs):
    response = client_for(people["coordinator"]).post(
        f"/en/concertation/territory/{rls.pk}/documents/new/",
        _form(rls, author_organization=f"{orgs[0].name_fr} [#{orgs[0].pk}]", needs_expressed="Logement"),
    )
    assert response.status_code == 302
    document = TerritoryDocument.objects.get(title="Portrait du quartier")
    assert document.author_organization == orgs[0] and document.created_by == people["coordinator"]
    assert [p.code for p in document.populations.all()] == ["seniors"]
    for role in ("coordinator", "member", "outsider", "viewer", "admin"):
        listing = client_for(people[role]).get(f"/en/concertation/territory/{rls.parent.pk}/documents/")
        assert f'data-document="{document.pk}"' in listing.content.decode(), role


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", 200), ("member", 403), ("outsider", 200), ("viewer", 403), ("admin", 200)],
)
def test_only_coordinators_record_documents(people, rls, role, status):
    assert (
        client_for(people[role]).get(f"/en/concertation/territory/{rls.pk}/documents/new/").status_code
        == status
    )
    assert client_for(people[role]).get("/en/concertation/documents/similar/").status_code == status


def test_a_period_backwards_is_refused_with_a_message(coordinator, rls):
    response = client_for(coordinator).post(
        f"/en/concertation/territory/{rls.pk}/documents/new/", _form(rls, period_start=2024, period_end=2020)
    )
    assert (
        response.status_code == 200
        and "The last year comes before the first year." in response.content.decode()
    )
    assert not TerritoryDocument.objects.exists()


def test_bad_panel_input_is_ignored(coordinator, rls):
    params = {"territory": "9" * 30, "kind": "x", "period_start": "abc", "populations": ["-1"]}
    assert client_for(coordinator).get("/en/concertation/documents/similar/", params).status_code == 200
