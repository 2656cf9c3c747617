"""Who is calling: a personal token (`Authorization: Bearer mlg_…`), or the session (for the docs page).

Each authenticator returns the Django user, so every operation reads `request.auth` and asks the same
permission questions as the web pages (`maillage.accounts.permissions`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import security
from ninja.security import HttpBearer

from maillage.api.actions import over_rate_limit, token_for_secret
from maillage.api.errors import ApiError

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_for_secret(token)
        if found is None:
            return None
        if over_rate_limit(found):
            raise ApiError(429, "throttled", _("Too many requests with this token: wait a minute."))
        if found.read_only and request.method not in SAFE_METHODS:
            raise ApiError(403, "read_only", _("This token may only read."))
        request.user = found.user
        return found.user


class SessionAuth(security.SessionAuth):
    """The browser's session (the docs page's "Try it out") — unless the request carries a token.

    A request that presents a revoked or mistyped token is refused even from a signed-in browser: what a
    script sends is what it gets judged on.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get("Authorization"):
            return None
        return super().__call__(request)


def anonymous(request: HttpRequest) -> Any:
    """Let anonymous callers through (public initiatives) — but not a caller whose token was refused:
    a revoked or mistyped token must answer 401, not quietly fall back to public data."""
    if request.headers.get("Authorization"):
        return None
    return AnonymousUser()


token_auth = TokenAuth()
session_auth = SessionAuth(csrf=True)
REQUIRED = [token_auth, session_auth]
OPTIONAL = [token_auth, session_auth, anonymous]
