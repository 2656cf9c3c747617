"""Every response carries the Content-Security-Policy and the other security headers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maillage.security import CONTENT_SECURITY_POLICY
from tests.conftest import client_for


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_the_policy_allows_no_inline_script_and_no_eval():
    policy = directives(CONTENT_SECURITY_POLICY)
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["object-src"] == ["'none'"]
    assert not any("unsafe-eval" in v or "unsafe-inline" in v for v in policy["script-src"])


@pytest.mark.parametrize(
    ("who", "name", "kwargs"),
    [
        (None, "accounts:login", {}),
        (None, "initiatives:public_list", {}),
        (None, "health", {}),
        ("member", "home", {}),
        ("member", "dashboards:province_dashboard", {}),
        ("member", "dashboards:province_map_data", {}),
        ("member", "networks:list", {}),
        ("outsider", "networks:detail", "network_a"),  # a 403 page too
    ],
)
def test_every_kind_of_response_has_the_headers(people, network_a, who, name, kwargs):
    if kwargs == "network_a":
        kwargs = {"pk": network_a.pk}
    response = client_for(people[who] if who else None).get(reverse(name, kwargs=kwargs))
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    )
    assert response["X-Frame-Options"] == "DENY"


def test_a_404_page_has_the_headers(db):
    response = client_for(None).get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
