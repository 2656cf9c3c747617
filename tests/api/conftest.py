"""API test helpers: a client that sends a fresh personal token for a user (or nothing for anonymous)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from maillage.api.actions import do_create_token

ROLES = ["anonymous", "member", "coordinator", "outsider", "viewer", "admin"]


class ApiClient:
    """Calls /api/v1/ with `Authorization: Bearer <token>`, in English, and decodes the JSON body."""

    def __init__(self, user: User | None) -> None:
        self.client = Client()
        self.headers: dict[str, str] = {"Accept-Language": "en"}
        if user is not None:
            _, secret = do_create_token(user, "tests")
            self.headers["Authorization"] = f"Bearer {secret}"

    def call(self, method: str, path: str, body: Any = None, **params: Any) -> tuple[int, Any]:
        url = "/api/v1" + path
        if method == "get":
            response = self.client.get(url, params, headers=self.headers)
        else:
            response = getattr(self.client, method)(
                url, json.dumps(body), content_type="application/json", headers=self.headers
            )
        assert response["Content-Type"].startswith("application/json"), response.content[:200]
        return response.status_code, response.json()

    def get(self, path: str, **params: Any) -> tuple[int, Any]:
        return self.call("get", path, **params)

    def post(self, path: str, body: Any) -> tuple[int, Any]:
        return self.call("post", path, body)

    def patch(self, path: str, body: Any) -> tuple[int, Any]:
        return self.call("patch", path, body)


@pytest.fixture
def api_for(people):
    """`api_for("member")` → an ApiClient for that named person (`"anonymous"`: no token)."""

    def make(role: str) -> ApiClient:
        return ApiClient(None if role == "anonymous" else people[role])

    return make
