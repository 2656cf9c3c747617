"""Guessing survey links or passwords costs the guesser its access for a while, with a clear page."""

from __future__ import annotations

from django.test import Client

from tests.conftest import PASSWORD


def test_guessing_survey_tokens_gets_a_429_page_in_the_users_language(monkeypatch, db):
    monkeypatch.setenv("MAILLAGE_SURVEY_RATE_LIMIT", "5")
    client = Client()
    guesses = [f"guess{n:04d}xyz" for n in range(5)]
    assert [client.get(f"/en/survey/{g}/").status_code for g in guesses] == [404] * 5
    english = client.get("/en/survey/guess9999xyz/")
    assert english.status_code == 429
    assert "Too many requests" in english.content.decode()
    assert "Please wait a minute and try again." in english.content.decode()
    french = client.get("/survey/guess9998xyz/")
    assert french.status_code == 429 and '<html lang="fr">' in french.content.decode()


def test_the_limit_is_per_address(monkeypatch, db):
    monkeypatch.setenv("MAILLAGE_SURVEY_RATE_LIMIT", "2")
    for _ in range(3):
        Client(REMOTE_ADDR="10.0.0.1").get("/en/survey/guess0000xyz/")
    assert Client(REMOTE_ADDR="10.0.0.1").get("/en/survey/guess0000xyz/").status_code == 429
    assert Client(REMOTE_ADDR="10.0.0.2").get("/en/survey/guess0000xyz/").status_code == 404


def test_sign_in_is_throttled_per_user_name_even_from_many_addresses(member, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    for n in range(3):
        Client(REMOTE_ADDR=f"10.0.1.{n}").post(
            "/en/accounts/login/", {"username": "member", "password": "wrong"}
        )
    client = Client(REMOTE_ADDR="10.0.1.99")
    blocked = client.post("/en/accounts/login/", {"username": "member", "password": PASSWORD})
    assert "Too many failed attempts" in blocked.content.decode()
    assert "_auth_user_id" not in client.session
