"""Every answer under /api/v1/ is the API's JSON error, even where the API's own handlers never run.

Attacks replayed: an unknown path and an oversized body answered with the site's HTML pages.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import translation

from maillage.api.actions import do_create_token


@pytest.fixture(autouse=True)
def _french_after():
    """An English page leaves English active in the thread: hand the next test French again."""
    yield
    translation.activate("fr")


@pytest.fixture
def headers(coordinator) -> dict[str, str]:
    _token, secret = do_create_token(coordinator, "t")
    return {"Authorization": f"Bearer {secret}", "Accept-Language": "en"}


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v1/organizations/1/nope/x", "/api/v1/%00"])
def test_unknown_paths_answer_json(headers, path):
    response = Client().get(path, headers=headers)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Not found.", "code": "not_found", "errors": {}}


def test_unknown_paths_answer_in_french_by_default(db):
    response = Client().get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.json()["detail"] == "Introuvable."


def test_an_oversized_body_answers_413_json_before_it_is_read(headers, settings, orgs):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"name_fr": "x" * 5000})
    response = Client().post("/api/v1/organizations", body, content_type="application/json", headers=headers)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_the_site_keeps_its_html_pages(db):
    response = Client().get("/en/nothing-here/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
