"""The OpenAPI document and its docs page: served without sign-in, and with nothing loaded from a CDN."""

from __future__ import annotations

from django.contrib.staticfiles import finders

from tests.conftest import client_for


def test_the_openapi_document_lists_every_endpoint_family(db):
    response = client_for(None).get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    paths = set(document["paths"])
    for path in [
        "/api/v1/organizations",
        "/api/v1/networks/{network_id}",
        "/api/v1/memberships",
        "/api/v1/ties",
        "/api/v1/ties/{tie_id}/observations",
        "/api/v1/waves",
        "/api/v1/initiatives",
        "/api/v1/analysis/networks/{network_id}/report",
        "/api/v1/analysis/networks/{network_id}/scenario",
    ]:
        assert path in paths
    assert document["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    # Every operation documents the shared error body.
    for operations in document["paths"].values():
        for operation in operations.values():
            assert "401" in operation["responses"] and "422" in operation["responses"]


def test_the_docs_page_uses_our_vendored_swagger_ui(db):
    response = client_for(None).get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/vendor/swagger-ui-bundle.js" in html and "/static/maillage/api-docs.js" in html
    assert 'data-openapi-url="/api/v1/openapi.json"' in html
    assert "cdn" not in html.lower() and "<script>" not in html  # no CDN, no inline script (CSP)
    for name in ["vendor/swagger-ui-bundle.js", "vendor/swagger-ui.css", "maillage/api-docs.js"]:
        assert finders.find(name), name


def test_the_token_page_is_linked_from_the_user_menu(member):
    html = client_for(member).get("/en/").content.decode()
    assert 'href="/en/accounts/tokens/"' in html
