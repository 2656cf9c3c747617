from __future__ import annotations

from django.urls import reverse

from maillage.ties.models import Tie
from tests.conftest import client_for


def tie_post(orgs, a=0, b=1, **overrides):
    data = {
        "organization_a": orgs[a].pk,
        "organization_b": orgs[b].pk,
        "observed_on": "2024-05-01",
        "level": "3",
        "formality": "formal",
        "agreement_kind": "mou",
        "referrals": "on",
        "note": "",
    }
    data.update(overrides)
    return data


def test_coordinator_records_a_tie_between_members(coordinator, network_a, orgs):
    response = client_for(coordinator).post(
        reverse("ties:create", kwargs={"network_pk": network_a.pk}), tie_post(orgs, 2, 3)
    )
    tie = Tie.objects.get()
    assert response.status_code == 302
    assert (tie.current_level, tie.current_formality) == (3, "formal")
    assert tie.observations.get().referrals is True


def test_bad_ties_are_refused_with_a_message(coordinator, network_a, orgs, tie_a):
    client = client_for(coordinator)
    url = reverse("ties:create", kwargs={"network_pk": network_a.pk})
    self_tie = client.post(url, tie_post(orgs, 2, 2))
    assert "lui-même" in self_tie.context["form"].errors["organization_b"][0]
    duplicate = client.post(url, tie_post(orgs, 1, 0))
    assert "déjà un lien" in " ".join(duplicate.context["form"].errors["organization_b"])
    not_member = client.post(url, tie_post(orgs, 2, 4))
    assert "organization_b" in not_member.context["form"].errors
    informal_with_agreement = client.post(url, tie_post(orgs, 2, 3, formality="informal"))
    assert "agreement_kind" in informal_with_agreement.context["form"].errors
    future = client.post(url, tie_post(orgs, 2, 3, observed_on="2999-01-01"))
    assert "observed_on" in future.context["form"].errors
    none_level = client.post(url, tie_post(orgs, 2, 3, level="0"))
    assert "level" in none_level.context["form"].errors
    assert Tie.objects.count() == 1


def test_a_new_observation_adds_to_the_history(coordinator, tie_a):
    url = reverse("ties:detail", kwargs={"pk": tie_a.pk})
    client = client_for(coordinator)
    client.post(url, {"observed_on": "2024-05-01", "level": "4", "formality": "informal"})
    client.post(url, {"observed_on": "2025-05-01", "level": "0", "formality": "informal"})
    tie_a.refresh_from_db()
    assert list(tie_a.observations.values_list("level", flat=True)) == [2, 4, 0]
    assert tie_a.current_level == 0
    page = client.get(url).content.decode()
    assert page.count("<tr>") >= 4


def test_a_formal_tie_records_when_its_agreement_ends(coordinator, network_a, orgs):
    client = client_for(coordinator)
    url = reverse("ties:create", kwargs={"network_pk": network_a.pk})
    informal = client.post(
        url, tie_post(orgs, 2, 3, formality="informal", agreement_kind="", agreement_ends_on="2026-03-31")
    )
    assert "agreement_ends_on" in informal.context["form"].errors
    assert client.post(url, tie_post(orgs, 2, 3, agreement_ends_on="2026-03-31")).status_code == 302
    tie = Tie.objects.get()
    assert str(tie.observations.get().agreement_ends_on) == "2026-03-31"
    assert (
        "jusqu'au 31 mars 2026" in client.get(reverse("ties:detail", kwargs={"pk": tie.pk})).content.decode()
    )
