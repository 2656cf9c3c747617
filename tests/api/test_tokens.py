"""Personal API tokens: created on the account page, shown once, stored hashed, revocable, then refused."""

from __future__ import annotations

import re

from django.urls import reverse

from maillage.api.actions import do_create_token, do_revoke_token
from maillage.api.models import ApiToken, digest
from tests.conftest import client_for

TOKEN = re.compile(r"mlg_[A-Za-z0-9_-]{40,}")


def _call(secret: str | None, path: str = "/api/v1/networks", **headers):  # type: ignore[no-untyped-def]
    client = client_for(None)
    if secret is not None:
        headers["Authorization"] = f"Bearer {secret}"
    return client.get(path, headers=headers)


def test_a_user_creates_a_token_and_sees_it_once(member):
    client = client_for(member)
    page = client.post(reverse("api_tokens:list"), {"name": "Notebook R"})
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    secret = TOKEN.search(page.content.decode()).group(0)
    token = ApiToken.objects.get(user=member)
    assert token.name == "Notebook R" and token.token_hash == digest(secret)
    assert secret not in token.token_hash and secret.startswith(token.prefix)
    # Listed afterwards by its name and first characters, never in full.
    listing = client.get(reverse("api_tokens:list")).content.decode()
    assert "Notebook R" in listing and token.prefix in listing and secret not in listing
    assert _call(secret).status_code == 200


def test_a_token_without_a_name_is_refused_next_to_the_field(member):
    page = client_for(member).post(reverse("api_tokens:list"), {"name": "  "})
    assert page.status_code == 200 and page.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_hostile_token_names_are_escaped(member):
    client = client_for(member)
    client.post(reverse("api_tokens:list"), {"name": "<script>alert(1)</script>"})
    html = client.get(reverse("api_tokens:list")).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    long = client.post(reverse("api_tokens:list"), {"name": "x" * 5000})
    assert long.status_code == 200 and long.context["form"].errors["name"]


def test_a_revoked_token_gets_401(member):
    token, secret = do_create_token(member, "script")
    assert _call(secret).status_code == 200
    response = client_for(member).post(reverse("api_tokens:revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    refused = _call(secret)
    assert refused.status_code == 401
    assert refused.json()["code"] == "unauthenticated" and "Bearer" in refused["WWW-Authenticate"]


def test_a_revoked_token_does_not_fall_back_to_public_data(member, network_a):
    token, secret = do_create_token(member, "script")
    do_revoke_token(token)
    assert _call(secret, "/api/v1/initiatives").status_code == 401
    assert _call(None, "/api/v1/initiatives").status_code == 200


def test_nobody_revokes_someone_elses_token(member, coordinator):
    token, secret = do_create_token(member, "mine")
    response = client_for(coordinator).post(reverse("api_tokens:revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 404
    assert _call(secret).status_code == 200


def test_the_token_page_needs_sign_in_and_revoking_needs_post(member):
    assert client_for(None).get(reverse("api_tokens:list")).status_code == 302
    token, _ = do_create_token(member, "x")
    assert client_for(member).get(reverse("api_tokens:revoke", kwargs={"pk": token.pk})).status_code == 405


def test_unknown_malformed_or_missing_tokens_get_401(member):
    _, secret = do_create_token(member, "x")
    for bad in ["mlg_" + "a" * 43, secret + "x", secret[:-1], "", "\x00", "mlg_" + "é" * 10, "x" * 10_000]:
        response = _call(bad)
        assert response.status_code == 401, bad[:20]
    assert (
        client_for(None).get("/api/v1/networks", headers={"Authorization": "Basic Zm9vOmJhcg=="}).status_code
        == 401
    )
    assert _call(None).status_code == 401


def test_an_inactive_user_token_is_refused(member):
    _, secret = do_create_token(member, "x")
    member.is_active = False
    member.save()
    assert _call(secret).status_code == 401


def test_last_use_is_recorded_without_a_write_per_request(member):
    token, secret = do_create_token(member, "x")
    assert _call(secret).status_code == 200
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    _call(secret)
    token.refresh_from_db()
    assert token.last_used_at == first  # within the minute: not written again


def test_the_session_also_works_for_reading(member, network_a):
    response = client_for(member).get("/api/v1/networks")
    assert response.status_code == 200 and response.json()["count"] == 1


def test_session_writes_need_the_csrf_token(coordinator, network_a, sectors):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post(
        "/api/v1/organizations",
        {"name_fr": "Sans CSRF", "sector": "pharmacy"},
        content_type="application/json",
    )
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_a_bad_token_is_refused_even_from_a_signed_in_browser(member, network_a):
    token, secret = do_create_token(member, "x")
    do_revoke_token(token)
    client = client_for(member)
    assert client.get("/api/v1/networks").status_code == 200
    assert client.get("/api/v1/networks", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
