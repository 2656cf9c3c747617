"""The account page where people create and revoke their own API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from maillage.api.actions import do_create_token, do_revoke_token
from maillage.api.forms import TokenForm
from maillage.api.models import ApiToken


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        token, secret = do_create_token(
            request.user,
            form.cleaned_data["name"],
            read_only=form.cleaned_data["read_only"],
            expires_at=form.expires_at(),
        )
        messages.success(request, _("Token “%(name)s” created.") % {"name": token.name})
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    # The secret is rendered in this one response and never again: no redirect, nothing in the session.
    response = render(request, "api/tokens.html", {"form": form, "tokens": tokens, "secret": secret})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    # Another user's token is simply not found: nothing to learn about it.
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    do_revoke_token(token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api_tokens:list")
