"""Every form POST needs the CSRF token: without it the request is refused and nothing changes."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

from maillage.networks.models import Network
from maillage.surveys.models import Invitation, PartnerAnswer, WaveStatus
from tests.conftest import PASSWORD
from tests.surveys.helpers import make_wave

SRC = Path(__file__).resolve().parents[2] / "src" / "maillage"


def strict_client(user=None) -> Client:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def token_of(client: Client, url: str) -> str:
    page = client.get(url).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_sign_in_without_the_token_is_refused(member):
    client = strict_client()
    response = client.post(reverse("accounts:login"), {"username": "member", "password": PASSWORD})
    assert response.status_code == 403 and "_auth_user_id" not in client.session
    data = {"username": "member", "password": PASSWORD}
    data["csrfmiddlewaretoken"] = token_of(client, reverse("accounts:login"))
    assert client.post(reverse("accounts:login"), data).status_code == 302


def test_creating_a_network_without_the_token_changes_nothing(coordinator, rls):
    before = Network.objects.count()
    response = strict_client(coordinator).post(
        reverse("networks:create"), {"name_fr": "Réseau forgé", "kind": "thematic_table", "territory": rls.pk}
    )
    assert response.status_code == 403 and Network.objects.count() == before


def test_adding_a_member_without_the_token_is_refused(coordinator, network_a, orgs):
    before = network_a.memberships.count()
    url = reverse("networks:membership_add", kwargs={"pk": network_a.pk})
    response = strict_client(coordinator).post(url, {"organization": f"x [#{orgs[4].pk}]", "role": "member"})
    assert response.status_code == 403 and network_a.memberships.count() == before


def test_signing_out_without_the_token_is_refused(member):
    client = strict_client(member)
    assert client.post(reverse("accounts:logout")).status_code == 403
    assert "_auth_user_id" in client.session


def test_a_survey_answer_without_the_token_is_refused(network_a, orgs):
    wave = make_wave(network_a)
    wave.status = WaveStatus.OPEN
    wave.save()
    invitation = Invitation.objects.create(wave=wave, organization=orgs[0], token="csrf-" + "a" * 30)
    url = reverse("surveys:respond", kwargs={"token": invitation.token})
    client = strict_client()
    assert client.post(url, {"partners": [orgs[1].pk]}).status_code == 403
    assert not PartnerAnswer.objects.filter(response__invitation=invitation).exists()
    data = {"partners": [orgs[1].pk], "csrfmiddlewaretoken": token_of(client, url)}
    assert client.post(url, data).status_code == 302


def test_the_language_switch_needs_the_token(db):
    assert strict_client().post(reverse("set_language"), {"language": "en"}).status_code == 403


def test_no_view_turns_csrf_off():
    exempt = [
        str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if "csrf_exempt" in p.read_text(encoding="utf-8")
    ]
    assert exempt == []
