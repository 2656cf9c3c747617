"""JSON errors for everything under /api/v1/ that the API's own handlers never see.

An unknown path, a body larger than the server reads, or a failure before the API's view runs used to
answer with the site's HTML pages; a script expects the API's `{detail, code, errors}` everywhere.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/v1/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def error(request: HttpRequest, status: int, code: str, detail: str) -> JsonResponse:
    with translation.override(translation.get_language_from_request(request)):
        return JsonResponse({"detail": str(detail), "code": code, "errors": {}}, status=status)


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    with translation.override(translation.get_language_from_request(request)):
        return error(request, 404, "not_found", _("Not found."))


def too_large(request: HttpRequest) -> JsonResponse:
    with translation.override(translation.get_language_from_request(request)):
        return error(request, 413, "too_large", _("The request body is too large."))


class ApiBodyLimitMiddleware:
    """Refuse an API body larger than DATA_UPLOAD_MAX_MEMORY_SIZE before anything reads it (413, JSON)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_api(request):
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if limit is not None and length > limit:
                return too_large(request)
        return self.get_response(request)


def handler400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        if exception is not None and type(exception).__name__ in ("RequestDataTooBig", "TooManyFieldsSent"):
            return too_large(request)
        with translation.override(translation.get_language_from_request(request)):
            return error(request, 400, "bad_request", _("The request is not valid."))
    return defaults.bad_request(request, exception)


def handler403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        with translation.override(translation.get_language_from_request(request)):
            return error(request, 403, "forbidden", _("You may not do this."))
    return defaults.permission_denied(request, exception)


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return not_found(request)
    return defaults.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        with translation.override(translation.get_language_from_request(request)):
            return error(request, 500, "server_error", _("Something went wrong on the server."))
    return defaults.server_error(request)
