"""Sign-in throttling that a guesser cannot reset and that cannot lock the right person out.

Three counters of failed attempts, each over MAILLAGE_LOGIN_THROTTLE_WINDOW seconds:

- **per address**: past the limit, that address may not try at all until the window passes. A success
  does not reset it: a guesser signing in to their own account between guesses gains nothing.
- **per user name**: past the limit, the name is refused from every browser *except* one that signed in
  successfully as that person before (a signed "known browser" cookie, OWASP's device cookie). A
  guesser spread over many addresses is stopped; the person, on their usual browser, still signs in with
  the right password: nobody can lock `admin` out by failing on purpose. A success resets this counter
  only (it proves who is there).
- **per known browser**: the cookie's own failures, so that a stolen cookie buys no more than the limit.

We chose this over a delay or a proof-of-work: a delay ties up a server worker per attempt (or, applied
to everyone, locks the person out all the same), and a proof-of-work costs an attacker with many machines
little while it slows every phone.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache

DEVICE_COOKIE = "maillage_device"
DEVICE_SALT = "maillage.accounts.device"
DEVICE_MAX_AGE = 180 * 24 * 3600


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _user_key(username: str) -> str:
    return f"login-fail:user:{_hash(username.strip().casefold())}"


def _address_key(address: str) -> str:
    return f"login-fail:addr:{_hash(address)}"


def _device_key(device: str) -> str:
    return f"login-fail:device:{_hash(device)}"


def _count(key: str) -> int:
    return int(cache.get(key) or 0)


def known_device(request: Any, username: str) -> str | None:
    """The request's known-browser cookie, if it was issued for this user name (else None)."""
    value = request.COOKIES.get(DEVICE_COOKIE, "") if request is not None else ""
    try:
        data = signing.loads(value, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != username.strip().casefold():
        return None
    return str(data.get("n", ""))


def device_cookie(username: str) -> str:
    import secrets

    return signing.dumps({"u": username.strip().casefold(), "n": secrets.token_urlsafe(16)}, salt=DEVICE_SALT)


def is_throttled(username: str, address: str, device: str | None = None) -> bool:
    limit = settings.LOGIN_THROTTLE_ATTEMPTS
    if _count(_address_key(address)) >= limit:
        return True
    if _count(_user_key(username)) >= limit:
        return device is None or _count(_device_key(device)) >= limit
    return False


def record_failure(username: str, address: str, device: str | None = None) -> None:
    keys = [_user_key(username), _address_key(address)]
    if device is not None:
        keys.append(_device_key(device))
    for key in keys:
        if not cache.add(key, 1, settings.LOGIN_THROTTLE_WINDOW):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, settings.LOGIN_THROTTLE_WINDOW)


def record_success(username: str) -> None:
    """The person is there: their name's counter starts again. The address's does not (see above)."""
    cache.delete(_user_key(username))
