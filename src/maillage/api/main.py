"""The JSON API: one NinjaAPI under /api/v1/, a router per domain, one error shape, token or session auth."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

from maillage.api import errors
from maillage.api.auth import REQUIRED
from maillage.api.routers import (
    analysis,
    concertation,
    indicators,
    initiatives,
    memberships,
    networks,
    organizations,
    surveys,
    ties,
)


class LocalSwagger(DocsBase):
    """Swagger UI from our vendored copy (scripts/vendor.sh): the app loads nothing from a CDN."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        openapi_url = reverse(f"{api.urls_namespace}:openapi-json", kwargs=kwargs)
        return render(request, "api/docs.html", {"api": api, "openapi_url": openapi_url})


def in_the_callers_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer in the language of `Accept-Language` (French by default).

    /api/v1/ sits outside i18n_patterns, where Django's LocaleMiddleware would always pick French; an API
    client has no URL prefix to choose its language, so its header decides.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = translation.get_language_from_request(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            return view(request, *args, **kwargs)

    return wrapper


api = NinjaAPI(
    title="Maillage API",
    version="1",
    description=(
        "Organizations, networks, memberships, ties (now or as of a date), survey waves, initiatives, "
        "indicators and network analyses. Authenticate with a personal token "
        "(`Authorization: Bearer mlg_…`) created on your account's “API tokens” page. "
        "Every error has the body `{detail, code, errors}`."
    ),
    auth=REQUIRED,
    urls_namespace="api",
    docs=LocalSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_decorator(in_the_callers_language, mode="view")
for module in (
    organizations,
    networks,
    memberships,
    ties,
    surveys,
    initiatives,
    indicators,
    analysis,
    concertation,
):
    api.add_router("", module.router)
