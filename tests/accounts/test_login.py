from __future__ import annotations

from django.urls import reverse

from tests.conftest import PASSWORD, client_for


def test_sign_in_and_out(member):
    client = client_for(None)
    response = client.post(reverse("accounts:login"), {"username": "member", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home")).status_code == 302


def test_login_is_throttled_after_repeated_failures(member, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    client = client_for(None)
    for _ in range(3):
        failed = client.post(reverse("accounts:login"), {"username": "member", "password": "wrong"})
        assert failed.status_code == 200
    blocked = client.post(reverse("accounts:login"), {"username": "member", "password": PASSWORD})
    assert blocked.status_code == 200
    assert "Trop de tentatives" in blocked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_failed_login_says_why_in_french(member):
    response = client_for(None).post(reverse("accounts:login"), {"username": "member", "password": "nope"})
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()
