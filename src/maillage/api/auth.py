"""Who is calling: a personal token (`Authorization: Bearer mlg_…`), or the session (for the docs page).

Each authenticator returns the Django user, so every operation reads `request.auth` and asks the same
permission questions as the web pages (`maillage.accounts.permissions`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import security
from ninja.security import HttpBearer

from maillage.api.actions import user_for_secret


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_secret(token)
        if user is not None:
            request.user = user
        return user


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
