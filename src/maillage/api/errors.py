"""One error body for every failure: `{"detail": "...", "code": "...", "errors": {"field": ["..."]}}`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError


class ErrorOut(Schema):
    detail: str
    code: str
    errors: dict[str, list[str]] = {}


# Declared on every operation, so the OpenAPI document says what each failure looks like.
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
READ_ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, detail: str, errors: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail, self.errors = status, code, detail, errors or {}


def invalid(errors: dict[str, list[str]]) -> ApiError:
    return ApiError(422, "invalid", _("The data sent is not valid."), errors)


def form_errors(form: Any) -> ApiError:
    """A Django form's errors, in the caller's language, keyed by field (`__all__` for the others)."""
    return invalid({field: [str(m) for m in messages] for field, messages in form.errors.items()})


def django_validation_errors(error: DjangoValidationError) -> ApiError:
    if hasattr(error, "error_dict"):
        return invalid({field: [str(m) for m in ms] for field, ms in error.message_dict.items()})
    return invalid({"__all__": [str(m) for m in error.messages]})


def _pydantic_errors(error: NinjaValidationError) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for item in error.errors:
        # loc is ("query", "limit") or ("body", "payload", "name_fr"): the field is the last named part.
        names = [
            str(part) for part in item.get("loc", ()) if part not in {"body", "query", "path", "payload"}
        ]
        fields.setdefault(".".join(names) or "__all__", []).append(str(item.get("msg", "")))
    return fields


def install(api: NinjaAPI) -> None:
    def render(request: HttpRequest, error: ApiError) -> HttpResponse:
        body = {"detail": error.detail, "code": error.code, "errors": error.errors}
        response = api.create_response(request, body, status=error.status)
        if error.status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="maillage"'
        return response

    @api.exception_handler(ApiError)
    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return render(request, exc)

    @api.exception_handler(NinjaValidationError)
    def on_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return render(request, invalid(_pydantic_errors(exc)))

    @api.exception_handler(DjangoValidationError)
    def on_django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return render(request, django_validation_errors(exc))

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return render(
            request, ApiError(401, "unauthenticated", _("Authentication required: send a valid token."))
        )

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return render(request, ApiError(404, "not_found", _("Not found.")))

    @api.exception_handler(PermissionDenied)
    def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return render(request, ApiError(403, "forbidden", _("You may not do this.")))

    @api.exception_handler(RequestDataTooBig)
    def on_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return render(request, ApiError(413, "too_large", _("The request body is too large.")))

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = {400: "bad_request", 403: "forbidden", 405: "method_not_allowed"}.get(exc.status_code, "error")
        return render(request, ApiError(exc.status_code, code, str(exc)))
