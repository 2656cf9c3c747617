"""API tokens: optional expiry, read-only scope, a rate limit, and revocation when the password changes.

Attacks replayed: a token copied once works forever, writes whatever its owner may write, is never
slowed down, and survives the password change its owner makes after noticing the leak.
"""

from __future__ import annotations

import datetime
import json

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.api.actions import do_create_token
from maillage.api.models import ApiToken
from tests.conftest import PASSWORD, client_for


def _call(secret: str, method: str = "get", path: str = "/organizations", body=None):  # type: ignore[no-untyped-def]
    client = Client()
    headers = {"Authorization": f"Bearer {secret}", "Accept-Language": "en"}
    if method == "get":
        return client.get("/api/v1" + path, headers=headers)
    return getattr(client, method)(
        "/api/v1" + path, json.dumps(body or {}), content_type="application/json", headers=headers
    )


def test_an_expired_token_is_refused(coordinator):
    _token, secret = do_create_token(
        coordinator, "short", expires_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert _call(secret).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = _call(secret)
    assert response.status_code == 401 and response.json()["code"] == "unauthenticated"


def test_a_read_only_token_reads_and_never_writes(coordinator, network_a, orgs):
    _token, secret = do_create_token(coordinator, "reader", read_only=True)
    assert _call(secret).status_code == 200
    name = orgs[0].name_fr
    response = _call(secret, "patch", f"/organizations/{orgs[0].pk}", {"name_fr": "Changé"})
    assert response.status_code == 403 and response.json()["code"] == "read_only"
    orgs[0].refresh_from_db()
    assert orgs[0].name_fr == name
    _token, writer = do_create_token(coordinator, "writer")
    assert _call(writer, "patch", f"/organizations/{orgs[0].pk}", {"name_fr": "Changé"}).status_code == 200


def test_a_token_is_throttled(coordinator, settings):
    settings.API_RATE_LIMIT = 3
    _token, secret = do_create_token(coordinator, "busy")
    statuses = [_call(secret).status_code for _ in range(5)]
    assert statuses[:3] == [200] * 3 and statuses[3:] == [429, 429]
    assert _call(secret).json()["code"] == "throttled"
    _token, other = do_create_token(coordinator, "other")
    assert _call(other).status_code == 200  # the limit is per token


def test_changing_the_password_revokes_the_tokens(coordinator):
    """The password changes (the admin site, `changepassword`, or erasure all go through set_password)."""
    _token, secret = do_create_token(coordinator, "leaked")
    assert _call(secret).status_code == 200
    coordinator.set_password("An0ther-long-pass!")
    coordinator.save()
    assert _call(secret).status_code == 401
    assert ApiToken.objects.get().revoked_at is not None


def test_signing_in_or_saving_the_user_otherwise_keeps_the_tokens(coordinator):
    _token, secret = do_create_token(coordinator, "kept")
    Client().post("/en/accounts/login/", {"username": "coordinator", "password": PASSWORD})
    coordinator.first_name = "Claire"
    coordinator.save()
    assert _call(secret).status_code == 200


def test_the_token_page_offers_expiry_and_read_only(coordinator):
    client = client_for(coordinator)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    client.post(reverse("api_tokens:list"), {"name": "notebook", "read_only": "on", "expires_on": tomorrow})
    token = ApiToken.objects.get()
    assert token.read_only and token.expires_at is not None
    page = client.post(reverse("api_tokens:list"), {"name": "far", "expires_on": "2999-01-01"})
    assert page.status_code == 200 and ApiToken.objects.count() == 1
