"""Sign-in throttling: a success does not reset the guesser's count, and nobody locks the right person out.

Attacks replayed: (1) a guesser signs in to their own account between guesses at someone else's
password, which reset the per-address counter (13 guesses went through unthrottled); (2) anyone fails
five times on `admin` and the administrator, typing the right password, is refused.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from maillage.accounts.throttle import DEVICE_COOKIE
from tests.conftest import PASSWORD

LOGIN = "/en/accounts/login/"


@pytest.fixture(autouse=True)
def _french_after():
    """English requests leave English active in the thread: hand the next test French again."""
    yield
    translation.activate("fr")


THROTTLED = "Too many failed attempts"


def _sign_out(client: Client) -> None:
    """Sign out as a person does: the session goes, the browser's cookies stay."""
    device = client.cookies[DEVICE_COOKIE].value
    client.logout()
    client.cookies[DEVICE_COOKIE] = device


def _try(client: Client, username: str, password: str) -> str:
    return client.post(LOGIN, {"username": username, "password": password}).content.decode()


def test_signing_in_to_ones_own_account_does_not_reset_the_address_count(member, outsider, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    checked = 0
    for n in range(13):
        guesser = Client(REMOTE_ADDR="10.9.0.1")
        page = _try(guesser, "member", f"guess-{n}")
        checked += THROTTLED not in page
        _try(Client(REMOTE_ADDR="10.9.0.1"), "outsider", PASSWORD)  # a success in between
    assert checked == 3


def test_failures_on_admin_do_not_lock_the_administrator_out_of_a_known_browser(admin, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    browser = Client(REMOTE_ADDR="10.9.1.1")
    _try(browser, "admin", PASSWORD)
    assert "_auth_user_id" in browser.session
    _sign_out(browser)
    for n in range(6):
        _try(Client(REMOTE_ADDR=f"10.9.2.{n}"), "admin", f"wrong-{n}")
    # A new browser is refused while the name is under attack...
    stranger = Client(REMOTE_ADDR="10.9.3.1")
    assert THROTTLED in _try(stranger, "admin", PASSWORD)
    assert "_auth_user_id" not in stranger.session
    # ...the administrator's usual browser is not, with the right password.
    _try(browser, "admin", PASSWORD)
    assert browser.session.get("_auth_user_id") == str(admin.pk)


def test_a_known_browser_cookie_does_not_buy_unlimited_guesses(member, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    stolen = Client(REMOTE_ADDR="10.9.4.1")
    _try(stolen, "member", PASSWORD)
    _sign_out(stolen)
    for n in range(3):
        _try(Client(REMOTE_ADDR=f"10.9.5.{n}"), "member", f"wrong-{n}")
    results = []
    for n in range(6):
        stolen.defaults["REMOTE_ADDR"] = f"10.9.6.{n}"
        results.append(THROTTLED in _try(stolen, "member", f"guess-{n}"))
    assert results.count(False) == 3 and results[-1]


def test_a_cookie_for_another_name_is_no_key(member, outsider, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    browser = Client(REMOTE_ADDR="10.9.7.1")
    _try(browser, "outsider", PASSWORD)
    _sign_out(browser)
    for n in range(3):
        _try(Client(REMOTE_ADDR=f"10.9.8.{n}"), "member", f"wrong-{n}")
    assert THROTTLED in _try(browser, "member", PASSWORD)
    assert User.objects.get(username="member").is_active
