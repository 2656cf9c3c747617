"""Security headers on every response: a Content-Security-Policy without inline scripts, and friends.

The policy allows scripts from our own origin only: no inline <script>, no on* attributes, no `eval`
(Vega's expressions run through vega-interpreter, see static/maillage/charts.js). Styles allow
'unsafe-inline' because vega-embed injects its stylesheet and a few templates draw bars with
`style="--share: …"`; styles cannot run code. Images allow data: and blob: URLs, which Vega's SVG and
sigma.js's snapshots use. `frame-ancestors 'none'` is the modern form of X-Frame-Options: DENY.

Tests assert the header on pages (tests/security/test_headers.py) and that the browser reports no
violation on the map, the charts and htmx pages (tests/e2e/test_csp.py).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

DEVELOPMENT_KEY_MESSAGE = (
    "Refusing to serve with MAILLAGE_DEBUG off and the development secret key: anyone could forge "
    'sessions and signed values. Set MAILLAGE_SECRET_KEY (python -c "import secrets; '
    'print(secrets.token_urlsafe(50))"), or MAILLAGE_DEBUG=true on a development machine.'
)


def refuse_insecure_start() -> None:
    """Called before serving (wsgi.py, `maillage runserver`): production must not run on the public key."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    development = getattr(settings, "DEVELOPMENT_SECRET_KEY", None)
    if not settings.DEBUG and (not settings.SECRET_KEY or development == settings.SECRET_KEY):
        raise ImproperlyConfigured(DEVELOPMENT_KEY_MESSAGE)


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)

# Maillage uses none of these browser features; refusing them limits what injected content could do.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    # Survey links carry their token in the path: never send a full URL to another site.
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeadersMiddleware:
    """Adds the headers above unless a view set its own (a view may need a narrower or wider policy)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        for name, value in HEADERS.items():
            if name not in response:
                response[name] = value
        return response
