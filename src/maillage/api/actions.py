"""Creating, checking and revoking API tokens."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from maillage.api.models import ApiToken, digest

TOKEN_PREFIX = "mlg_"
# Writing `last_used_at` on every request would turn each read into a write; a minute's precision is enough.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


@transaction.atomic
def do_create_token(
    user: User, name: str, *, read_only: bool = False, expires_at: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is never stored and never shown again."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[:10],
        token_hash=digest(secret),
        read_only=read_only,
        expires_at=expires_at,
    )
    return token, secret


def do_revoke_tokens_of(user: User) -> int:
    """Revoke every active token of the user (their password changed: what was issued before goes)."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def do_revoke_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=token.revoked_at)


def token_for_secret(secret: str) -> ApiToken | None:
    """The usable token of a secret, with its user; None if unknown, revoked, expired or the user inactive."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=digest(secret), revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def user_for_secret(secret: str) -> User | None:
    token = token_for_secret(secret)
    return token.user if token is not None else None


def over_rate_limit(token: ApiToken) -> bool:
    """Whether this token made more than MAILLAGE_API_RATE_LIMIT requests in the current minute."""
    limit = int(getattr(settings, "API_RATE_LIMIT", 600))
    key = f"api-rate:{token.pk}:{int(timezone.now().timestamp()) // 60}"
    if cache.add(key, 1, 120):
        return limit < 1
    try:
        return cache.incr(key) > limit
    except ValueError:
        cache.set(key, 1, 120)
        return False
