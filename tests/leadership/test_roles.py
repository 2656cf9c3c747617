"""The leadership URLs that the permission matrix lists as tested here: each role, POST-only actions."""

from __future__ import annotations

import pytest

from maillage.leadership.models import Participation, Post
from tests.conftest import client_for
from tests.leadership.helpers import make_activity, make_community, make_profile, url

ROLES = ["coordinator", "member", "outsider", "viewer", "admin"]


@pytest.mark.parametrize("role", ROLES)
def test_assess_is_for_ones_own_profile(people, orgs, role):
    user = people[role]
    client = client_for(user)
    assert client.get(url("assess"))["Location"].endswith(url("profile"))  # no profile yet, whoever they are
    make_profile(user, orgs[0])
    assert client.get(url("assess")).status_code == 200


def test_participants_and_attendance_per_role(people, network_a, orgs):
    activity = make_activity(network_a)
    participation = Participation.objects.create(
        activity=activity, profile=make_profile(people["member"], orgs[1])
    )
    expected = {"coordinator": 302, "member": 403, "outsider": 403, "viewer": 403, "admin": 302}
    for role, status in expected.items():
        client = client_for(people[role])
        assert (
            client.post(url("participant_add", pk=activity.pk), {"username": "member"}).status_code == status
        )
        response = client.post(url("attendance", pk=activity.pk), {"attended": [participation.pk]})
        assert response.status_code == status, role
        assert client.get(url("attendance", pk=activity.pk)).status_code in {405, 302}  # POST only
    assert client_for(None).post(url("attendance", pk=activity.pk)).status_code == 302


def test_replies_per_role(people):
    community = make_community(people["member"], people["outsider"])
    post = Post.objects.create(community=community, author=people["member"], body="Bonjour")
    expected = {"coordinator": 403, "member": 302, "outsider": 302, "viewer": 403, "admin": 302}
    for role, status in expected.items():
        response = client_for(people[role]).post(
            url("post_reply", pk=community.pk, post_pk=post.pk), {"body": role}
        )
        assert response.status_code == status, role
    assert set(post.replies.values_list("body", flat=True)) == {"member", "outsider", "admin"}
